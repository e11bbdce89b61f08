"""The one strict CSV reader, and a table's bytes parsed into validated rows."""

from __future__ import annotations

import csv
import functools
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from ecodash.ingest.messages import codec_reason, problem, pydantic_problem
from ecodash.schema.models import TABLE_MODELS, Record, table_columns
from ecodash.schema.problems import Problem

_UNSEEN_CLASS = "[\x00-\x09\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
UNSEEN = re.compile(_UNSEEN_CLASS + "|\r(?!\n)")
"""What no text cell holds: a C0 or C1 control character (NUL, tab, escape, a lone carriage return...), or a
bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069), which shows a text in another order than it is
stored. A line break inside a quoted cell is text (LF, or CRLF in a reader's upload; the curated files have LF
only, see files.format_problem)."""
BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))
_UNSEEN_CHAR = re.compile(_UNSEEN_CLASS)
"""UNSEEN but the lone carriage return, as one character class: the engine skips along to a candidate, where the
alternation is tried at every position (a whole file is looked at this way first)."""


def holds_unseen(text: str) -> bool:
    """Whether UNSEEN.search(text) finds anything, found faster over a whole file."""
    return _UNSEEN_CHAR.search(text) is not None or ("\r" in text and UNSEEN.search(text) is not None)


def unseen_problem(cell: str, shown: str, line: int, field: str) -> Problem | None:
    """The problem of a cell holding a character UNSEEN refuses (the first one, located in the cell), else None."""
    found = UNSEEN.search(cell)
    if found is None:
        return None
    char = found.group(0)
    kind = "bidi" if ord(char) in BIDI else "control"
    return problem(shown, line, field, f"problems.text.{kind}", char=f"U+{ord(char):04X}", at=found.start() + 1)


@dataclass(frozen=True)
class Row:
    line: int
    record: Record
    file: str = ""  # how problems name the file the row was read from
    layer: int = 0  # index of its Layer: 0 is the curated folder, 1 an addition on top of it


class CsvError(ValueError):
    """Malformed CSV, at `line` of the file."""

    def __init__(self, line: int, detail: str):
        self.line, self.detail = line, detail
        super().__init__(f"line {line}: {detail}")


def parse_csv(text: str) -> tuple[list[str], Iterator[tuple[int, int, list[str]]]] | None:
    """The one CSV reader of data files and uploads: the header (names stripped) and an iterator over the records,
    blank ones left out, as (first line, last line, cells) with lines counted in the file (a quoted cell may span
    several). None when the text has no header row. Strict: malformed CSV raises CsvError, from the header or while
    iterating (so a caller can judge the header before reading on)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None
    if header is None:
        return None

    def records() -> Iterator[tuple[int, int, list[str]]]:
        line = reader.line_num + 1
        try:
            for cells in reader:
                start, line = line, reader.line_num + 1
                if any(map(str.strip, cells)):
                    yield start, line - 1, cells
        except csv.Error as error:
            raise CsvError(reader.line_num, str(error)) from None

    return [name.strip() for name in header], records()


def read_rows(
    data: bytes,
    shown: str,
    table: str,
    problems: list[Problem],
    layer: int = 0,
    refused: list[dict[str, str]] | None = None,
) -> list[Row]:
    """Parse one CSV strictly against its model; every defect becomes a Problem located in `shown`.

    `refused`, if given, receives the cells (column -> text) of every record refused (too few or too many cells, or
    invalid): its id is still the id other rows name, so that checks after this one can tell a reference to a
    refused row (whose own problem is the cause) from a reference to nothing."""
    model = TABLE_MODELS[table]
    expected = table_columns(table)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        why = codec_reason(error.reason)
        problems.append(problem(shown, 0, "(file)", "problems.file.not_utf8", why=why, byte=error.start))
        return []
    try:
        parsed = parse_csv(text.removeprefix("\ufeff"))
    except CsvError as error:
        problems.append(problem(shown, error.line, "(csv)", "problems.csv.malformed", detail=error.detail))
        return []
    if parsed is None:
        problems.append(problem(shown, 1, "(header)", "problems.csv.empty"))
        return []
    header, records = parsed
    unseen = holds_unseen(text)  # the usual file holds none: its cells need no look
    unknown = [name for name in header if name not in expected]
    missing = [name for name in expected if name not in header]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    for name in unknown:
        problems.append(
            problem(
                shown, 1, name or "(header)", "problems.csv.unknown_column", table=table, columns=", ".join(expected)
            )
        )
    for name in missing:
        problems.append(problem(shown, 1, name, "problems.csv.missing_column"))
    for name in duplicated:
        problems.append(problem(shown, 1, name or "(header)", "problems.csv.duplicate_column"))
    if unknown or missing or duplicated:
        return []
    lines, raws = [], []
    try:
        for start, _, cells in records:
            if len(cells) != len(header):
                problems.append(
                    problem(shown, start, "(row)", "problems.csv.cells", cells=len(cells), columns=len(header))
                )
                if refused is not None:
                    refused.append({name: cell.strip() for name, cell in zip(header, cells, strict=False)})
                continue
            if unseen:
                for name, cell in zip(header, cells, strict=True):
                    if (found := unseen_problem(cell, shown, start, name)) is not None:
                        problems.append(found)
            # An empty cell is an absent value: optional fields default to None, required ones say "empty".
            lines.append(start)
            raws.append(dict(itertools.compress(zip(header, cells), map(str.strip, cells))))
    except CsvError as error:
        problems.append(problem(shown, error.line, "(csv)", "problems.csv.malformed", detail=error.detail))
        return []
    return _validate_rows(model, raws, lines, shown, layer, problems, refused)


def _validate_rows(
    model: type[Record],
    raws: list[dict[str, str]],
    lines: list[int],
    shown: str,
    layer: int,
    problems: list[Problem],
    refused: list[dict[str, str]] | None = None,
) -> list[Row]:
    """The rows as records, validated in bulk (one TypeAdapter call over the list); where any row is invalid,
    row by row, so that each problem is located on its line and the valid rows are kept."""
    try:
        records = _list_adapter(model).validate_python(raws)
    except ValidationError:
        pass
    else:
        return [Row(line, record, shown, layer) for line, record in zip(lines, records, strict=True)]
    rows = []
    for start, raw in zip(lines, raws, strict=True):
        try:
            rows.append(Row(start, model.model_validate(raw), shown, layer))
        except ValidationError as error:
            if refused is not None:
                refused.append({name: cell.strip() for name, cell in raw.items()})
            for item in error.errors():
                field = ".".join(str(part) for part in item["loc"]) or "(row)"
                problems.append(pydantic_problem(shown, start, field, item))
    return rows


@functools.cache
def _list_adapter(model: type[Record]) -> TypeAdapter:
    return TypeAdapter(list[model])
