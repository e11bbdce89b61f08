"""Drafting curated rows from one article: the proposal (ecodash.drafting.propose) as an editable table, the article with
every candidate figure highlighted, the accepted rows as contract CSVs validated live on top of the curated data
(each problem brought back to its editor row), and the zip a curator commits or uploads.

Nothing here writes to disk: the CSVs and the zip are bytes; the curated folder is only read by validation.
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from ecodash.drafting import propose, review
from ecodash.drafting.article import draft_dtypes
from ecodash.drafting.propose import MAX_ID, snake_id  # noqa: F401 - the page names its zip with it
from ecodash.ingest.dataset import Dataset, Problem, addition_layer, addition_problems, parse_csv
from ecodash.ingest.messages import field_name, localised
from ecodash.io import export
from ecodash.schema.fields import is_seed_file
from ecodash.schema.models import table_columns
from ecodash.schema.vocabularies import OTHER_UNITS, money_mask
from ecodash.text.segments import Segment, cut

TABLES = ("facts", "sources", "instruments")
"""The tables a drafted article adds, in the order they are offered for download."""
FACT_FIELDS = [
    "fact_id",
    "value",
    "unit",
    "qualifier",
    "status",
    "indicator_id",
    "region_id",
    "scope",
    "period_start",
    "period_end",
    "duration_years",
    "ai_specificity",
    "geo_reach",
    "funder",
    "stated_usd",
    "instrument_id",
    "pillar_ids",
    "quote",
    "quote_en",
    "note",
    "note_fr",
]
"""facts.csv columns the curator edits (source_id comes from the source form)."""
CHECK_FIRST = ("status", "period_start", "period_end", "indicator_id", "region_id")
"""The columns a reader checks first: the proposal guesses them from the words of each figure's own clause, and a
wrong one files the figure under another kind, time or place. The editor shows them first, with their help."""
READ_ONLY = ["problems", "confidence", "reason"]
HIDDEN = ["mention", "mention_start", "mention_end"]
EDITOR_COLUMNS = ["accept", *FACT_FIELDS, *READ_ONLY, *HIDDEN]
COLUMN_ORDER = [
    "accept",
    "problems",
    *CHECK_FIRST,
    *(name for name in FACT_FIELDS if name not in CHECK_FIRST),
    *(name for name in READ_ONLY if name != "problems"),
]
"""The facts editor's visible columns, in order: accept and the problems, the columns to check first, the others."""
INT_FIELDS = tuple(column for column, dtype in draft_dtypes("facts").items() if dtype in ("Int64", "int64"))
FLOAT_FIELDS = tuple(column for column, dtype in draft_dtypes("facts").items() if dtype == "float64")
INSTRUMENT_FIELDS = [
    "instrument_id",
    "region_id",
    "name",
    "name_fr",
    "kind",
    "description",
    "description_fr",
    "pillar_ids",
    "quote",
    "quote_en",
    "note",
    "note_fr",
]
"""instruments.csv columns the curator writes, the programme first (source_id comes from the source form)."""


# --- the article ----------------------------------------------------------------------------------


def digest(text: str) -> str:
    """sha256 of the article's UTF-8 bytes: the seed's checksum, and the key of its draft."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_source_id(text: str, file_name: str | None) -> str:
    """From the upload's file name (without its extension), else from the article's first line."""
    if file_name:
        return snake_id(PurePosixPath(file_name).stem)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return snake_id(first_line)


# --- the editable tables ----------------------------------------------------------------------------


def _empty(value: object) -> bool:
    if value is None or isinstance(value, (list, tuple)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _pillar_list(value: object) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(part).strip() for part in value if str(part).strip()]
    if _empty(value):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _frame(
    records: Sequence[Mapping[str, object]], columns: Sequence[str], index: Sequence[int] | None = None
) -> pd.DataFrame:
    """Records as the editor's frame: nullable integers, floats (NaN when empty), booleans, lists of pillars,
    text or None."""
    index = pd.RangeIndex(1, len(records) + 1) if index is None else pd.Index(list(index), dtype="int64")
    data = {}
    for column in columns:
        values = [record.get(column) for record in records]
        if column in INT_FIELDS:
            data[column] = pd.Series([None if _empty(v) else int(float(v)) for v in values], dtype="Int64", index=index)
        elif column in FLOAT_FIELDS:
            data[column] = pd.Series(
                [float("nan") if _empty(v) else float(v) for v in values], dtype="float64", index=index
            )
        elif column == "accept":
            data[column] = pd.Series([bool(v) for v in values], dtype="bool", index=index)
        elif column == "pillar_ids":
            data[column] = pd.Series([_pillar_list(v) for v in values], dtype=object, index=index)
        else:
            data[column] = pd.Series(
                [None if _empty(v) or str(v).strip() == "" else str(v) for v in values], dtype=object, index=index
            )
    return pd.DataFrame(data, index=index, columns=list(columns))


def candidates_table(proposal: propose.Proposal, *, accept: bool = True) -> pd.DataFrame:
    """One editor row per candidate figure, numbered from 1 like its mark in the article; all accepted at first
    (the curator rejects what is not a fact)."""
    records = [{**row, "accept": accept, "problems": None} for row in proposal.facts.to_dict("records")]
    return _frame(records, EDITOR_COLUMNS)


def empty_instruments() -> pd.DataFrame:
    """The instruments editor with no row yet (rows are added in the editor)."""
    return _frame([], INSTRUMENT_FIELDS, index=[])


def apply_edits(frame: pd.DataFrame, edits: Mapping[str, object]) -> pd.DataFrame:
    """A data editor's change set ({"edited_rows": {position: {column: value}}, "added_rows": [...],
    "deleted_rows": [...]}) applied to `frame`; rows keep their numbers, an added row takes the next one."""
    records = frame.to_dict("records")
    numbers = list(frame.index)
    for position, changes in (edits.get("edited_rows") or {}).items():
        position = int(position)
        if 0 <= position < len(records):
            records[position].update({k: v for k, v in changes.items() if k in frame.columns})
    deleted = {int(position) for position in edits.get("deleted_rows") or ()}
    kept = [
        (number, record)
        for position, (number, record) in enumerate(zip(numbers, records, strict=True))
        if position not in deleted
    ]
    following = max(numbers, default=0) + 1
    for added in edits.get("added_rows") or ():
        kept.append((following, {k: v for k, v in added.items() if k in frame.columns}))
        following += 1
    return _frame([record for _, record in kept], list(frame.columns), index=[number for number, _ in kept])


# --- the article, highlighted -------------------------------------------------------------------------


def segments(text: str, table: pd.DataFrame) -> list[Segment[str]]:
    """The article cut at every candidate's mention (character offsets), each marked with its editor row number and
    its state ("accepted", "flagged": accepted with problems, or "rejected"); a mention overlapping an earlier one
    is not marked twice."""
    marks = []
    for number, row in table.iterrows():
        start, end = row.get("mention_start"), row.get("mention_end")
        if _empty(start) or _empty(end) or not 0 <= int(start) < int(end) <= len(text):
            continue
        accepted = bool(row["accept"])
        state = ("flagged" if row.get("problems") else "accepted") if accepted else "rejected"
        marks.append((int(start), int(end), int(number), state))
    runs, cursor = [], 0
    for start, end, number, state in sorted(marks):
        if start >= cursor:
            runs.append((start, end, number, state))
            cursor = end
    return cut(text, runs)


MARK_STYLES = {
    "accepted": "padding: 0 2px; background: rgba(255, 170, 0, 0.35);",
    "flagged": "padding: 0 2px; background: rgba(255, 170, 0, 0.35); border-bottom: 2px solid #d33;",
    "rejected": "padding: 0 2px; background: rgba(128, 128, 128, 0.25); text-decoration: line-through;",
}


def highlighted_html(pieces: Sequence[Segment[str]], titles: Mapping[str, str]) -> str:
    """The article as HTML: every piece escaped (nothing in the text is markup), each candidate in a numbered
    <mark>. `titles` gives the tooltip of each state ("accepted", "flagged", "rejected")."""
    out = []
    for piece in pieces:
        body = html.escape(piece.text)
        if piece.number is None:
            out.append(body)
            continue
        state = piece.mark
        out.append(
            f'<mark class="ecodash-candidate {state}" data-candidate="{piece.number}" '
            f'title="#{piece.number} · {html.escape(titles.get(state, state))}" '
            f'style="{MARK_STYLES[state]} color: inherit; border-radius: 3px;">'
            f'<sup style="font-weight: 700;">{piece.number}</sup>\u2009{body}</mark>'
        )
    return (
        '<div class="ecodash-article" style="white-space: pre-wrap; line-height: 1.7; font-size: 0.95rem;">'
        + "".join(out)
        + "</div>"
    )


# --- accepted rows -> contract CSVs ------------------------------------------------------------------


def _cells(record: Mapping[str, object], columns: Sequence[str]) -> dict[str, object]:
    row = {}
    for column in columns:
        value = record.get(column)
        if column in ("pillar_ids", "region_ids"):
            value = ";".join(_pillar_list(value)) or None
        elif isinstance(value, str):
            value = value.strip() or None
        row[column] = None if _empty(value) else value
    return row


def source_row(source: Mapping[str, object], text: str, *, language: str = "fr") -> dict[str, object]:
    """The sources.csv row of the article: the form's fields, the proposal's language, the text's sha256."""
    return _cells(
        {**source, "language": source.get("language") or language, "sha256": digest(text)}, table_columns("sources")
    )


def facts_frame(table: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The accepted candidates as facts.csv rows (contract columns, in order), their source_id the article's."""
    columns = table_columns("facts")
    rows = [_cells({**record, "source_id": source_id}, columns) for record in table[table["accept"]].to_dict("records")]
    return pd.DataFrame(rows, columns=columns)


def instruments_frame(table: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """The instrument rows that hold anything, as instruments.csv rows."""
    columns = table_columns("instruments")
    records = [r for r in table.to_dict("records") if any(not _empty(v) and v != [] and v != "" for v in r.values())]
    return pd.DataFrame([_cells({**r, "source_id": source_id}, columns) for r in records], columns=columns)


@dataclass(frozen=True)
class Draft:
    """The CSV bytes of one drafted article and the numbers of the editor rows they hold, in file order."""

    files: Mapping[str, bytes]
    seed_file: str
    seed: bytes
    rows: Mapping[str, tuple[int, ...]]  # table -> editor row number of each record


def draft(
    text: str, source: Mapping[str, object], table: pd.DataFrame, instruments: pd.DataFrame, *, language: str = "fr"
) -> Draft:
    """facts.csv, sources.csv and instruments.csv of the accepted rows (CSV as export.to_csv_bytes writes it)."""
    row = source_row(source, text, language=language)
    source_id = str(row.get("source_id") or "")
    accepted = table[table["accept"]]
    kept_instruments = [
        number
        for number, record in zip(instruments.index, instruments.to_dict("records"), strict=True)
        if any(not _empty(v) and v != [] and v != "" for v in record.values())
    ]
    files = {
        "facts": export.to_csv_bytes(facts_frame(table, source_id)),
        "sources": export.to_csv_bytes(pd.DataFrame([row], columns=table_columns("sources"))),
        "instruments": export.to_csv_bytes(instruments_frame(instruments, source_id)),
    }
    rows = {
        "facts": tuple(int(n) for n in accepted.index),
        "sources": (0,),
        "instruments": tuple(int(n) for n in kept_instruments),
    }
    return Draft(files, str(row.get("seed_file") or ""), text.encode("utf-8"), rows)


# --- live validation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """Problems of a draft: by editor row (table -> row number -> problems), and the rest (whole file, seed)."""

    by_row: Mapping[str, Mapping[int, tuple[Problem, ...]]] = field(default_factory=dict)
    other: tuple[Problem, ...] = ()
    total: int = 0

    def of(self, table: str, number: int) -> tuple[Problem, ...]:
        return tuple(self.by_row.get(table, {}).get(number, ()))

    def table(self, table: str) -> list[Problem]:
        return [problem for problems in self.by_row.get(table, {}).values() for problem in problems]


def record_lines(data: bytes) -> list[int]:
    """The line on which each record of a CSV starts (the header is line 1; a quoted cell may span lines),
    read by dataset validation's own reader (dataset.parse_csv: blank records skipped)."""
    parsed = parse_csv(data.decode("utf-8"))
    return [start for start, _, _ in parsed[1]] if parsed is not None else []


def check(curated: Dataset | Path | str, drafted: Draft, *, label: str) -> Checked:
    """Validate the draft on top of the curated data (dataset.addition_problems, the article as its seed) and
    bring each problem back to its editor row: facts.csv line N is the record starting on line N.

    `curated`: the loaded curated Dataset (checked against as it is, nothing re-read), or its data folder."""
    seeds = {drafted.seed_file: drafted.seed} if is_seed_file(drafted.seed_file) else {}
    layer = addition_layer(drafted.files, seeds, label=label)
    problems = addition_problems(curated, layer)
    by_row: dict[str, dict[int, list[Problem]]] = {table: {} for table in TABLES}
    lines = {
        table: dict(zip(record_lines(drafted.files[table]), drafted.rows[table], strict=False)) for table in TABLES
    }
    other = []
    for problem in problems:
        table = next((name for name in TABLES if problem.file == layer.name(name)), None)
        number = lines[table].get(problem.row) if table else None
        if table is None or number is None:
            other.append(problem)
        else:
            by_row[table].setdefault(number, []).append(problem)
    return Checked(
        {table: {n: tuple(p) for n, p in rows.items()} for table, rows in by_row.items()}, tuple(other), len(problems)
    )


def problem_text(problems: Sequence[Problem]) -> str | None:
    """'field: reason' of each problem (in the current language), one after another; None when there is none."""
    return " · ".join(f"{field_name(p.field)}: {localised(p)}" for p in problems) or None


def row_notes(
    table: pd.DataFrame,
    checked: Checked,
    doubts: Mapping[int, Sequence[review.Doubt]] | None = None,
    name: str = "facts",
) -> dict[int, list[review.Note]]:
    """Editor row number -> what to do about it (its validation problems, then the proposal's doubts), in the
    current language, the columns to check first first (in COLUMN_ORDER); rows with nothing to do are left out."""
    doubts = doubts or {}
    found = {int(n): review.notes(checked.of(name, int(n)), doubts.get(int(n), ())) for n in table.index}
    return {number: sorted(row, key=_column_rank) for number, row in found.items() if row}


def _column_rank(note: review.Note) -> int:
    return COLUMN_ORDER.index(note.field) if note.field in COLUMN_ORDER else len(COLUMN_ORDER)


def with_problems(
    table: pd.DataFrame,
    checked: Checked,
    name: str = "facts",
    doubts: Mapping[int, Sequence[review.Doubt]] | None = None,
) -> pd.DataFrame:
    """The editor table with its read-only problems column filled: what each problem of the check and each doubt
    of the proposal asks, in plain words."""
    table = table.copy()
    notes = row_notes(table, checked, doubts, name)
    table["problems"] = pd.Series(
        [review.cell_text(notes.get(int(n), ())) for n in table.index], index=table.index, dtype=object
    )
    return table


# --- downloads ---------------------------------------------------------------------------------------


def zip_bytes(drafted: Draft) -> bytes:
    """facts.csv, sources.csv, instruments.csv and seeds/<seed_file> (the article, the bytes sources.csv's sha256
    is of): the layout the "Your data" page reads back."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            archive.writestr(f"{table}.csv", drafted.files[table])
        if is_seed_file(drafted.seed_file):  # never a path ("../x.md"): validation names the bad file name
            archive.writestr(f"seeds/{drafted.seed_file}", drafted.seed)
    return buffer.getvalue()


def unit_options(curated) -> list[str]:
    """Units a curator can pick: the currencies the data knows (USD, those with FX rows, those facts use), then the
    other units. Any ISO 4217 code is money; one outside this list stays visible in the table and validates."""
    units = pd.concat([pd.Series(["USD"]), curated.fx_rates["currency"], curated.facts["unit"]], ignore_index=True)
    return [*sorted(set(units[money_mask(units)])), *OTHER_UNITS]
