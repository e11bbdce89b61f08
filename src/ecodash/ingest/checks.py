"""Checks across rows: unique ids, references, region cycles, translations, required tables; and the warnings
about figures shown unconverted."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from ecodash.ingest.base import CuratedBase
from ecodash.ingest.csvrows import Row
from ecodash.ingest.files import Layer
from ecodash.ingest.messages import problem, said
from ecodash.schema.fields import parse_bool, shown_cell
from ecodash.schema.models import ID_COLUMNS, AuditExclusion, Pillar, Quoted, Record, Region, translation_pairs
from ecodash.schema.problems import Problem
from ecodash.schema.vocabularies import DEFAULT_FX_BASIS, is_money
from ecodash.text.mentions import find_all_mentions
from ecodash.text.numbers import MAX_DIGITS, NUMBER

ROWS_REQUIRED = ("regions", "sources", "pillars", "indicators", "facts")
"""Tables a dataset cannot be without rows in: the pages have nothing to show, or nothing to show it by."""


def check_unique_ids(table: str, rows: list[Row], problems: list[Problem], base: CuratedBase | None = None) -> None:
    """No two rows share an id; with `base`, no row takes the id of a row of the curated data below."""
    column = ID_COLUMNS.get(table)
    if column is None:
        return
    known = base.first[table] if base is not None else {}
    base_file = base.layer.name(table) if base is not None else ""
    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        key = getattr(row.record, column)
        if key in known:
            seen = (base_file, known[key])
        elif key not in first:
            first[key] = (row.file, row.line)
            continue
        else:
            seen = first[key]
        where = (
            said("problems.id.first_line", line=seen[1])
            if seen[0] == row.file
            else said("problems.id.first_file", file=seen[0], line=seen[1])
        )
        problems.append(problem(row.file, row.line, column, "problems.id.duplicate", id=key, where=where))


def iter_refs(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, table, id) for every reference a record makes."""
    values = record.__dict__  # the record's fields (a missing attribute is slow to ask a pydantic model for)
    for field, target in (
        ("region_id", "regions"),
        ("parent_id", "regions"),
        ("indicator_id", "indicators"),
        ("instrument_id", "instruments"),
    ):
        value = values.get(field)
        if value is not None and not (field == "region_id" and isinstance(record, Region)):  # its own id
            yield field, target, value
    if isinstance(record, Quoted | AuditExclusion | Pillar) and record.source_id is not None:
        yield "source_id", "sources", record.source_id
    for region_id in values.get("region_ids", ()):
        yield "region_ids", "regions", region_id
    for pillar_id in values.get("pillar_ids", ()):
        yield "pillar_ids", "pillars", pillar_id
    for fact_id in values.get("fact_ids", ()):
        yield "fact_ids", "facts", fact_id


def check_parent_cycles(rows: list[Row], problems: list[Problem]) -> None:
    """No region is its own ancestor: each walk up the parents stops after as many steps as there are regions."""
    parents = {row.record.region_id: row.record.parent_id for row in rows}
    reported: set[str] = set()
    for row in rows:
        path, current = [row.record.region_id], row.record.parent_id
        while current is not None and current in parents and current not in path and len(path) <= len(parents):
            path.append(current)
            current = parents[current]
        if current == row.record.region_id and row.record.region_id not in reported:
            reported.update(path)
            cycle = " -> ".join([*path, current])
            problems.append(problem(row.file, row.line, "parent_id", "problems.region.cycle", cycle=cycle))


def check_translations(rows: list[Row], table: str, problems: list[Problem]) -> None:
    """A text and its sibling in the other language are both filled or both empty (a note may be empty)."""
    pairs = translation_pairs(table)
    for row in rows:
        values = row.record.__dict__
        for column, sibling in pairs:
            text, translation = values[column], values[sibling]
            if text and not translation:
                language = said(
                    "problems.translation.french" if sibling.endswith("_fr") else "problems.translation.english"
                )
                problems.append(
                    problem(row.file, row.line, sibling, "problems.translation.missing", column=column, other=language)
                )
            elif translation and not text:
                problems.append(problem(row.file, row.line, column, "problems.translation.orphan", column=sibling))


def check_required(
    layer: Layer,
    rows: dict[str, list[Row]],
    failed: set[str],
    problems: list[Problem],
    refused: Mapping[str, list[dict[str, str]]] | None = None,
) -> None:
    """Tables a dataset needs rows in have some, and at least one region is a focus region.

    `refused`: table -> the cells of its refused records (csvrows.read_rows). A table whose rows were all refused
    has rows, each with its problem; a refused region that says it is a focus region may be the one."""
    refused = refused or {}
    for table in ROWS_REQUIRED:
        if not rows[table] and table not in failed:
            if not refused.get(table):
                problems.append(problem(layer.name(table), 2, "(rows)", "problems.rows.none", table=table))
            failed.add(table)
    regions = rows["regions"]
    focus_refused = any(_says_true(raw.get("is_focus")) for raw in refused.get("regions", ()))
    if regions and "regions" not in failed and not focus_refused and not any(row.record.is_focus for row in regions):
        problems.append(problem(layer.name("regions"), 0, "is_focus", "problems.region.no_focus"))


def _says_true(cell: str | None) -> bool:
    try:
        return parse_bool(cell or "") is True
    except ValueError:
        return False


FACT_NUMBERS = ("value", "stated_usd", "period_start", "period_end", "duration_years")
"""The numbers of a figure a caveat about it may restate."""
CAVEAT_LANGUAGES = {"caveat": "en", "caveat_fr": "fr"}
LONG_DIGITS = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")
"""A run of digits longer than any number the reader of numbers reads (ecodash.text.numbers.MAX_DIGITS)."""


def check_caveat_numbers(caveats: list[Row], facts: list[Row], problems: list[Problem]) -> None:
    """Every number a caveat states, in English and in French, is a number of the figures it is about: a caveat
    restates its figures, it never brings a number of its own. A caveat on figures not among `facts` (an
    addition's caveat on curated figures) is left to the reference check."""
    about = {fact_id for row in caveats for fact_id in row.record.fact_ids}  # the figures caveats are about
    numbers = {
        row.record.fact_id: [
            getattr(row.record, name) for name in FACT_NUMBERS if getattr(row.record, name) is not None
        ]
        for row in facts
        if row.record.fact_id in about
    }
    for row in caveats:
        fact_ids = row.record.fact_ids
        if not all(fact_id in numbers for fact_id in fact_ids):
            continue
        allowed = [number for fact_id in fact_ids for number in numbers[fact_id]]
        for field, language in CAVEAT_LANGUAGES.items():
            text = getattr(row.record, field) or ""
            # a run too long to read as a number is a number of its own all the same
            brought = [shown_cell(run) for run in LONG_DIGITS.findall(text)] + [
                mention.text
                for mention in find_all_mentions(text, language)
                if mention.kind == NUMBER and not any(mention.matches(number) for number in allowed)
            ]
            for mention in brought:
                problems.append(
                    problem(
                        row.file,
                        row.line,
                        field,
                        "problems.caveat.number",
                        mention=mention,
                        facts=", ".join(fact_ids),
                    )
                )


def unconverted_figures(
    rows: Mapping[str, list[Row]],
    fx: Iterable[tuple[str, int, str]] = (),
    sources: Iterable[Row] = (),
) -> list[Problem]:
    """Warnings, not problems: each money figure the charts show unconverted at the default basis (the World Bank
    rate of its article's year, or the latest before it), located on its unit, with why. Such a figure is valid (it
    is shown in its own currency, with the reason); its curator should know before a reader does.

    `fx`: (currency, year, series_id) of rates below `rows` (a curated base), `sources`: the sources below them."""
    rates: dict[str, set[tuple[int, str]]] = {}
    for currency, year, series in [
        *fx,
        *((r.record.currency, r.record.year, r.record.series_id) for r in rows["fx_rates"]),
    ]:
        rates.setdefault(currency, set()).add((year, series))
    published = {row.record.source_id: row.record.published_year for row in [*sources, *rows["sources"]]}
    warnings = []
    for row in rows["facts"]:
        unit = row.record.unit
        if not is_money(unit) or unit == "USD":
            continue
        year = published.get(row.record.source_id)
        years = [held for held, series in rates.get(unit, ()) if series == DEFAULT_FX_BASIS]
        if year is not None:
            years = [held for held in years if held <= year]
        if years:
            continue
        if unit not in rates:
            warnings.append(problem(row.file, row.line, "unit", "problems.warning.no_rate", unit=unit))
        elif year is not None:
            warnings.append(problem(row.file, row.line, "unit", "problems.warning.no_rate_year", unit=unit, year=year))
        else:
            warnings.append(problem(row.file, row.line, "unit", "problems.warning.no_default_rate", unit=unit))
    return warnings
