"""The problems a validation finds, and how a report orders and bounds them.

A problem's `reason` is its English text (what `ecodash validate` prints); its `key` and `params` say it again in
any language (ecodash.ingest.messages renders them: this layer has no catalogue). A param is a value quoted from the
data (shown as it is, never translated), a `Said` (a text of its own, said in the same language) or a `OneOf` (a
list of choices, joined with the language's "or").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

MAX_SHOWN = 50
"""How many problems a report lists before it says how many more there are."""
FILE_FIELDS = frozenset({"(folder)", "(file)", "(header)", "(csv)", "(rows)"})
"""Fields of the problems that leave a whole table unusable (unread, or without rows): reports list them first, and
checks that need the table skip, so one cause is not buried under its consequences."""


class Params(Mapping[str, object]):
    """The values a reason quotes, by placeholder: read-only, and picklable like the rest of a Problem."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, object] | None = None):
        self._values = dict(values or {})

    def __getitem__(self, name: str) -> object:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"


NO_PARAMS = Params()


class Said(NamedTuple):
    """A text not yet in a language: a catalogue key and its params (a part of a reason: "a named pipe (FIFO)")."""

    key: str
    params: Params = NO_PARAMS


class OneOf(tuple):
    """The choices a value should have been, shown quoted and joined by the language's "or" ('a', 'b' or 'c')."""

    __slots__ = ()


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the curated data, located as precisely as possible.

    Problems compare, sort and hash by their location and English reason only; `key` is "" for a reason no
    catalogue knows (it is then shown in English in every language)."""

    file: str
    row: int  # line number in the file (the header is line 1); 0 when the whole file is at fault
    field: str
    reason: str
    key: str = dataclasses.field(default="", compare=False, repr=False)
    params: Params = dataclasses.field(default_factory=Params, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.field}: {self.reason}"


class DatasetError(Exception):
    """The data folder failed validation; nothing was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n" + "\n".join(report_lines(problems)))


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems as a report lists them: first those that made a whole file unusable (the causes), then the rest,
    each group in file and line order."""
    return sorted(problems, key=lambda problem: (not is_cause(problem), problem))


def is_cause(problem: Problem) -> bool:
    """Whether a problem makes a whole file unusable (missing, unreadable, not UTF-8, a bad header...)."""
    return problem.row <= 1 or problem.field in FILE_FIELDS


def bounded(problems: Sequence[Problem], limit: int = MAX_SHOWN) -> tuple[list[Problem], int]:
    """The problems a report lists, causes first and at most `limit` of them, and how many more there are."""
    listed = ordered(problems)
    return listed[:limit], max(0, len(listed) - limit)


def report_lines(problems: Sequence[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The report of a failed validation, causes first, at most `limit` problems and then how many more."""
    listed, more = bounded(problems, limit)
    return [str(problem) for problem in listed] + ([f"… and {more} more problem(s)"] if more else [])
