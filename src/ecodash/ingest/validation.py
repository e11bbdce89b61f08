"""Validate layers of tables as one dataset: read every file, run every check, collect every problem."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ecodash.ingest.checks import (
    _check_parent_cycles,
    _check_required,
    _check_translations,
    _check_unique_ids,
    _iter_refs,
)
from ecodash.ingest.csvrows import Row, _read_rows
from ecodash.ingest.files import Layer, _format_problem, _no_folder, default_data_dir, folder_layer
from ecodash.ingest.seedchecks import _check_against_seeds, _check_regions_named, _seed_texts
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS, Source
from ecodash.schema.problems import Problem, _is_cause
from ecodash.text.numbers import NormalisedText

_BASE_TABLES = ("regions", "sources", "indicators")
"""Curated tables whose records the checks of an addition read (parents, names, languages, units, scopes)."""


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
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
    layers: Sequence[Layer], base: _Base | None = None
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of every layer as one dataset; returns the rows, seed texts and problems.

    Rows of all layers are checked together (ids unique across layers, references resolved across them), and
    each problem names the file its row came from.

    With `base` (_base_of a loaded curated Dataset), layers[0] is that data, already validated: it is neither read
    nor checked again; the later layers are checked on top of it. Only their rows are returned, with the seed
    texts they need (theirs, and the curated ones their rows quote).
    """
    with _collector_paused():
        return _validate_layers(layers, base)


def _validate_layers(
    layers: Sequence[Layer], base: _Base | None = None
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    problems: list[Problem] = []
    rows: dict[str, list[Row]] = {table: [] for table in TABLE_MODELS}
    failed: set[str] = set()  # tables a file of which could not be read whole: checks that need them skip
    for index, layer in enumerate(layers):
        if base is not None and index == 0:
            continue  # the curated data, validated when it loaded
        for key, reason in layer.unreadable.items():
            problems.append(Problem(layer.name(key), 0, "(file)", reason))
            failed.add(key)
        for table in TABLE_MODELS:
            data = layer.files.get(table)
            if data is None:
                if layer.complete and table not in layer.unreadable:
                    problems.append(
                        Problem(layer.name(table), 0, "(file)", f"missing: every dataset needs {table}.csv")
                    )
                    failed.add(table)
                continue
            before = len(problems)
            if layer.complete and (problem := _format_problem(data, layer.name(table))) is not None:
                problems.append(problem)
            else:
                rows[table] += _read_rows(data, layer.name(table), table, problems, index)
            if any(_is_cause(problem) for problem in problems[before:]):
                failed.add(table)
    if base is None and any(layer.complete for layer in layers):
        _check_required(layers[0], rows, failed, problems)
    ids = {table: {getattr(row.record, column) for row in rows[table]} for table, column in ID_COLUMNS.items()}
    below = base.rows if base is not None else {table: [] for table in _BASE_TABLES}  # curated rows some checks need
    if base is not None:
        ids = {table: known | base.first[table].keys() for table, known in ids.items()}
    for table, table_rows in rows.items():
        _check_unique_ids(table, table_rows, problems, base)
        _check_translations(table_rows, table, problems)
        for row in table_rows:
            for field, target, value in _iter_refs(row.record):
                if value not in ids[target] and target not in failed:  # else the unread file is the cause
                    problems.append(Problem(row.file, row.line, field, f"unknown {target[:-1]} {value!r}"))
    _check_parent_cycles(below["regions"] + rows["regions"], problems)
    fx_seen: dict[tuple[str, int, str], int] = dict(base.fx) if base is not None else {}
    for row in rows["fx_rates"]:
        key = (row.record.currency, row.record.year, row.record.series_id)
        if key in fx_seen:
            problems.append(Problem(row.file, row.line, "year", f"second {key[2]} rate for {key[0]} {key[1]}"))
        fx_seen.setdefault(key, row.line)
    seeds = _seed_texts(layers, rows, problems, sources_failed="sources" in failed, base=base)
    _check_regions_named(below["regions"] + rows["regions"], rows["sources"], seeds, problems)
    indicators = {row.record.indicator_id: row.record for row in below["indicators"] + rows["indicators"]}
    languages = {row.record.source_id: row.record.language for row in below["sources"] + rows["sources"]}
    if base is not None:  # the curated seeds the new rows quote
        for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
            for row in rows[table]:
                source_id = getattr(row.record, "source_id", None)
                if source_id in base.texts and source_id not in seeds:
                    seeds[source_id] = (base.texts[source_id], NormalisedText.of(base.texts[source_id]))
    for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
        _check_against_seeds(rows[table], seeds, indicators, languages, problems)
    return rows, seeds, problems


def validate_data_dir(data_dir: Path | str | None = None) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of a data folder; returns the rows, the seed texts and every problem found."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        return {}, {}, [_no_folder(data_dir)]
    return validate_layers([folder_layer(data_dir)])


@dataclass(frozen=True)
class _Base:
    """A loaded curated Dataset as the checks of an addition on top of it need it, made from its frames without
    reading or validating anything again (its rows were validated when it loaded)."""

    layer: Layer  # no files: how problems name the curated files ("data/facts.csv")
    first: Mapping[str, Mapping[str, int]]  # table -> id -> the line of its row
    rows: Mapping[str, list[Row]]  # _BASE_TABLES -> rows, records rebuilt with model_construct
    fx: Mapping[tuple[str, int, str], int]  # (currency, year, series_id) -> line
    seed_files: Mapping[str, Source]  # seed file -> the curated source that lists it
    texts: Mapping[str, str]  # source_id -> seed text
