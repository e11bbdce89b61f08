"""Validate layers of tables as one dataset: read every file, run every check, collect every problem."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Sequence
from pathlib import Path

from ecodash.ingest.base import BASE_TABLES, CuratedBase
from ecodash.ingest.checks import (
    check_caveat_numbers,
    check_parent_cycles,
    check_required,
    check_translations,
    check_unique_ids,
    iter_refs,
    unconverted_figures,
)
from ecodash.ingest.csvrows import UNSEEN, Row, read_rows
from ecodash.ingest.files import Layer, default_data_dir, folder_layer, format_problem, no_folder
from ecodash.ingest.messages import problem
from ecodash.ingest.seedchecks import check_against_seeds, check_regions_named, seed_texts
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS
from ecodash.schema.problems import Problem, is_cause
from ecodash.text.normalise import NormalisedText


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while validation makes its many small objects (none is a cycle to
    collect; with a large heap, its passes cost 10-20 % of a load). Restored as it was, even on an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_layers(
    layers: Sequence[Layer], base: CuratedBase | None = None, *, fast: bool = True
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of every layer as one dataset; returns the rows, seed texts and problems.

    Rows of all layers are checked together (ids unique across layers, references resolved across them), and
    each problem names the file its row came from.

    With `base` (the CuratedBase of a loaded curated Dataset), layers[0] is that data, already validated: it is neither read
    nor checked again; the later layers are checked on top of it. Only their rows are returned, with the seed
    texts they need (theirs, and the curated ones their rows quote).

    `fast`: settle column-wise what a whole column can settle, and check row by row only the rows it cannot (see
    seedchecks.numbers_settled); False checks every row by the full path. Both find the same problems, in the
    same order (tests/test_fastpath.py compares them).
    """
    with collector_paused():
        return _validate_layers(layers, base, fast)


def _validate_layers(
    layers: Sequence[Layer], base: CuratedBase | None = None, fast: bool = True
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    problems: list[Problem] = []
    rows: dict[str, list[Row]] = {table: [] for table in TABLE_MODELS}
    # table -> the cells of its refused records: a reference to one of them is no problem of its own (the refused
    # row's problem is the cause), nor is a seed file a refused source lists
    refused: dict[str, list[dict[str, str]]] = {table: [] for table in TABLE_MODELS}
    failed: set[str] = set()  # tables a file of which could not be read whole: checks that need them skip
    for index, layer in enumerate(layers):
        if base is not None and index == 0:
            continue  # the curated data, validated when it loaded
        for key, reason in layer.unreadable.items():
            problems.append(problem(layer.name(key), 0, "(file)", reason.key, **reason.params))
            failed.add(key)
        for table in TABLE_MODELS:
            data = layer.files.get(table)
            if data is None:
                if layer.complete and table not in layer.unreadable:
                    problems.append(problem(layer.name(table), 0, "(file)", "problems.file.missing", table=table))
                    failed.add(table)
                continue
            before = len(problems)
            if layer.complete and (unfit := format_problem(data, layer.name(table))) is not None:
                problems.append(unfit)
            else:
                rows[table] += read_rows(data, layer.name(table), table, problems, index, refused[table])
            if any(is_cause(found) for found in problems[before:]):
                failed.add(table)
    if base is None and any(layer.complete for layer in layers):
        check_required(layers[0], rows, failed, problems, refused)
    ids = {table: {getattr(row.record, column) for row in rows[table]} for table, column in ID_COLUMNS.items()}
    # a refused id also stands for its spelling without the characters no cell may hold: a NUL or a bidi override
    # inside an id is the cause, and the rows naming the id without it are no problems of their own
    refused_ids = {
        table: {spelling for raw in refused[table] for spelling in _spellings(raw.get(column))}
        for table, column in ID_COLUMNS.items()
    }
    below = base.rows if base is not None else {table: [] for table in BASE_TABLES}  # curated rows some checks need
    if base is not None:
        ids = {table: known | base.first[table].keys() for table, known in ids.items()}
    for table, table_rows in rows.items():
        check_unique_ids(table, table_rows, problems, base)
        check_translations(table_rows, table, problems)
        for row in table_rows:
            for field, target, value in iter_refs(row.record):
                # else the unread file, or the refused row of that id, is the cause
                if value not in ids[target] and target not in failed and value not in refused_ids[target]:
                    problems.append(problem(row.file, row.line, field, f"problems.ref.{target}", value=value))
    check_parent_cycles(below["regions"] + rows["regions"], problems)
    if "facts" not in failed:
        check_caveat_numbers(rows["caveats"], rows["facts"], problems)
    fx_seen: dict[tuple[str, int, str], int] = dict(base.fx) if base is not None else {}
    for row in rows["fx_rates"]:
        key = (row.record.currency, row.record.year, row.record.series_id)
        if key in fx_seen:
            problems.append(
                problem(
                    row.file, row.line, "year", "problems.fx.second_rate", series=key[2], currency=key[0], year=key[1]
                )
            )
        fx_seen.setdefault(key, row.line)
    refused_seeds = {raw.get("seed_file") for raw in refused["sources"]}
    seeds = seed_texts(layers, rows, problems, sources_failed="sources" in failed, base=base, refused=refused_seeds)
    check_regions_named(below["regions"] + rows["regions"], rows["sources"], seeds, problems)
    indicators = {row.record.indicator_id: row.record for row in below["indicators"] + rows["indicators"]}
    languages = {row.record.source_id: row.record.language for row in below["sources"] + rows["sources"]}
    if base is not None:  # the curated seeds the new rows quote
        for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
            for row in rows[table]:
                source_id = getattr(row.record, "source_id", None)
                if source_id in base.texts and source_id not in seeds:
                    seeds[source_id] = (base.texts[source_id], NormalisedText.of(base.texts[source_id]))
    for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
        check_against_seeds(rows[table], seeds, indicators, languages, problems, fast)
    return rows, seeds, problems


def _spellings(cell: str | None) -> set[str | None]:
    """A refused cell as written and, if it holds characters no cell may hold, without them."""
    return {cell} if cell is None else {cell, UNSEEN.sub("", cell)}


def dataset_warnings(rows: dict[str, list[Row]], base: CuratedBase | None = None) -> list[Problem]:
    """What valid rows a curator should still know about (figures the charts show unconverted), each located like a
    problem; with `base`, `rows` are an addition on top of it (the warnings of its own rows)."""
    if base is None:
        return unconverted_figures(rows)
    return unconverted_figures(rows, base.fx.keys(), base.rows["sources"])


def validate_data_dir(
    data_dir: Path | str | None = None, *, fast: bool = True
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of a data folder; returns the rows, the seed texts and every problem found
    (`fast`: as validate_layers takes it)."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        return {}, {}, [no_folder(data_dir)]
    return validate_layers([folder_layer(data_dir)], fast=fast)
