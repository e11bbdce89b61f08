"""The problems a validation finds, and how a report orders and bounds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_SHOWN = 50
"""How many problems a report lists before it says how many more there are."""
FILE_FIELDS = frozenset({"(folder)", "(file)", "(header)", "(csv)", "(rows)"})
"""Fields of the problems that leave a whole table unusable (unread, or without rows): reports list them first, and
checks that need the table skip, so one cause is not buried under its consequences."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the curated data, located as precisely as possible."""

    file: str
    row: int  # line number in the file (the header is line 1); 0 when the whole file is at fault
    field: str
    reason: str

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
