"""Pure functions turning tables into export bytes: CSV, JSON, XLSX and a Frictionless data package."""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import openpyxl
import openpyxl.cell._writer
import pandas as pd
from openpyxl.cell import WriteOnlyCell

from ecodash import i18n
from ecodash.analysis import indicators
from ecodash.analysis.audit import audit_mentions
from ecodash.i18n.formats import count_words
from ecodash.ingest.dataset import Dataset
from ecodash.io import spreadsheet
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS

FORMATS = ("csv", "json", "xlsx", "datapackage")
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the curation); quotes remain their publishers' and are cited",
}


def _curated(name: str) -> Callable[..., pd.DataFrame]:
    return lambda dataset, **_: dataset.table(name)


EXPORT_TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "facts": lambda ds, facts=None, **fx: indicators.facts_table(ds, **fx) if facts is None else facts,
    "regions": _curated("regions"),
    "sources": _curated("sources"),
    "indicators": _curated("indicators"),
    "actors": _curated("actors"),
    "events": _curated("events"),
    "instruments": _curated("instruments"),
    "pillars": _curated("pillars"),
    "population": _curated("population"),
    "fx_rates": lambda ds, **_: indicators.fx_table(ds),
    "funding": lambda ds, facts=None, **fx: indicators.funding_table(ds, facts=facts, **fx),
    "comparison": lambda ds, facts=None, **fx: indicators.comparison_long(ds, facts=facts, **fx),
    "audit_exclusions": _curated("audit_exclusions"),
    "audit": lambda ds, **_: audit_mentions(ds),
}
"""Exportable table name -> function(dataset, fx_basis=..., fx_year=..., facts=...) -> DataFrame; `facts`, when
given, is the facts_table of the same dataset and FX choice (built once for an export of every table)."""

DERIVED_DESCRIPTIONS = {
    "pillar_ids": "Pillars of an AI ecosystem the figure is evidence for, ';'-separated (see the pillars table).",
    "population": "Inhabitants of the region the figure describes (population table).",
    "population_region_id": "Region whose population divides the figure (a city's own, for a city's figure).",
    "population_year": "Year of that population figure.",
    "population_source": "Publisher, definition and, for a secondary source, the report it was read in.",
    "population_is_secondary": "True when the population was read in a press report quoting the publisher.",
    "value_usd_per_million": "value_usd per million inhabitants (regional budgets and counts only, else empty).",
    "per_year_usd_per_million": "per_year_usd per million inhabitants (regional budgets only, else empty).",
    "comparable_value_per_million": "comparable_value per million inhabitants (regional budgets and counts only).",
    "per_million_derivation": "How the per-million figure was derived, with the population's source; or why none.",
    "region_name": "English name of the region.",
    "indicator_name": "English name of the indicator.",
    "category": "Category of the indicator.",
    "value_usd": "value converted to US dollars at fx_rate (empty for non-money facts: not converted).",
    "fx_rate": "Currency units per US dollar used for value_usd.",
    "fx_basis": "reference (cited annual average) or article_implied (the article's own conversion).",
    "fx_derivation": "How value_usd was computed, in words.",
    "value_label": "value with unit and qualifier, as shown in the app ('≤ 50 M CNY', '> 700').",
    "per_year_value": "Funding per year in the original currency, where it can be derived honestly (else empty).",
    "per_year_usd": "per_year_value in US dollars.",
    "derivation": "How the figures in this row were derived, in words.",
    "line": "Line of the seed file the mention is on.",
    "audit.kind": "number (digits or number words) or ranking (a superlative or a top-N statement).",
    "mention": "The numeric text as written in the seed.",
    "by": "The fact or event covering the mention, or the reason it is excluded.",
    "context": "The words around the mention.",
    "funding_view": "cap per recipient, per year, multi-year total or cumulative.",
    "instrument_name": "English name of the programme the figure belongs to (empty if none).",
    "comparable_value": "The figure in a common unit: value_usd for money, value otherwise.",
    "comparable_unit": "Unit of comparable_value: USD for money, the fact's unit otherwise.",
    "report_status": "'reported', or 'not_reported' when the articles give no figure for the pair (never 0).",
    "audit.status": "covered, excluded or uncovered.",
    "comparability_class": "The figure's comparability class: indicator|scope|status|ai_specificity|geo_reach|funder.",
    "class_label": "The comparability class in words (AI specificity · status · reach · funder).",
    "headline_class": "The class heading this indicator in this table: the one most regions report, then the firmest.",
    "in_headline_class": "Whether the figure is of the headline class (only such figures are comparable as they stand).",
    "difference_note": "How the figure differs from the headline class, in words (empty when it is of that class).",
    "origin": "curated (from data/) or user (rows the reader uploaded in this session, never in data/).",
    "reported_for": "Region the fact was reported for (a city counts towards its province).",
    "basis": "reference or article_implied.",
    "source": "Where the rate comes from.",
}


def build_table(
    dataset: Dataset,
    table: str,
    *,
    fx_basis: str = indicators.DEFAULT_FX_BASIS,
    fx_year: int | None = None,
    facts: pd.DataFrame | None = None,
):
    """The DataFrame behind an export; raises KeyError naming the tables there are. `facts`: the facts_table of
    the same dataset and FX choice, when the caller has it (tables derived from it are not built again)."""
    if table not in EXPORT_TABLES:
        raise KeyError(f"unknown table {table!r}; choose one of: {', '.join(EXPORT_TABLES)}, all")
    return EXPORT_TABLES[table](dataset, fx_basis=fx_basis, fx_year=fx_year, facts=facts)


def _cell(value: object) -> object:
    """JSON/CSV cell: None for missing, whole floats without '.0', other floats in full precision."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def _csv_text(value: object) -> object:
    value = _cell(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return value


def _csv_column(series: pd.Series) -> pd.Series:
    """_csv_text of every cell; a float column in bulk (whole numbers as integers, others as repr), a column of
    strings as it is, anything else cell by cell."""
    if pd.api.types.is_float_dtype(series) and not isinstance(series.dtype, pd.ArrowDtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        whole = np.isfinite(values) & (values == np.floor(values)) & (np.abs(values) < 1e16)
        text = np.full(len(values), None, dtype=object)
        text[whole] = values[whole].astype("int64").astype(str).astype(object)
        other = ~whole & ~np.isnan(values)
        text[other] = [repr(v) for v in values[other].tolist()]
        return pd.Series(text, dtype=object)
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return pd.Series(series.to_numpy(dtype=object, na_value=None), dtype=object)  # str: missing -> empty
    return pd.Series([_csv_text(v) for v in series.tolist()], dtype=object)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, one header row, empty cells for missing values, numbers never rounded."""
    text = pd.DataFrame({column: _csv_column(frame[column]) for column in frame.columns})
    return text.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV a reader downloads to open in a spreadsheet: to_csv_bytes with every text cell that a spreadsheet
    would compute (=, +, -, @, tab, CR) or that starts with an apostrophe prefixed by one (spreadsheet.neutralise;
    read_facts_csv and an upload of the file undo it). Numbers are untouched."""
    return to_csv_bytes(spreadsheet.neutralise_frame(frame))


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{column: _cell(value) for column, value in row.items()} for row in frame.to_dict("records")]


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON array of records; missing values are null."""
    return (json.dumps(_records(frame), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_json_tables_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """Several tables in one JSON object: {"table": [records...]}; missing values are null."""
    tables = {name: _records(frame) for name, frame in frames.items()}
    return (json.dumps(tables, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _exact_number(value: object) -> str:
    """openpyxl writes numbers with '%.16g', which drops the 17th significant digit some doubles need (1112680.0867714558
    came back as 1112680.086771456); repr is the shortest text that reads back as the same double."""
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    return _openpyxl_safe_string(value)


_openpyxl_safe_string = openpyxl.cell._writer.safe_string
openpyxl.cell._writer.safe_string = _exact_number  # the cell writer's only formatter of <v> values


def _xlsx_column(series: pd.Series) -> list:
    """The column's cells as openpyxl takes them, as pandas' to_excel wrote them: missing -> '' (an empty cell),
    infinities -> 'inf' / '-inf', numpy scalars as Python numbers, everything else as it is."""
    values = (
        series.to_numpy(dtype=object, na_value=None)
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype)
        else series
    )
    cells = []
    for value in values.tolist():
        if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            value = ""
        elif isinstance(value, float) and math.isinf(value):
            value = "inf" if value > 0 else "-inf"
        elif hasattr(value, "item") and not isinstance(value, pd.Timestamp):
            value = value.item()
        cells.append(value)
    return cells


def to_xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One worksheet per table (openpyxl, write-only: rows are streamed, not kept as cell objects), header row
    frozen, numbers in full precision. Every text cell is text: one starting with = is stored as a string, never
    as a formula (openpyxl would make it one)."""
    book = openpyxl.Workbook(write_only=True)
    for name, frame in frames.items():
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        sheet.append([str(column) for column in frame.columns])
        columns = [_xlsx_column(frame[column]) for column in frame.columns]
        as_text: dict[int, list[int]] = {}
        for row, column in spreadsheet.formula_cells(frame):
            as_text.setdefault(row, []).append(column)
        for row, cells in enumerate(zip(*columns, strict=True)):
            if row in as_text:
                cells = list(cells)
                for column in as_text[row]:
                    cells[column] = WriteOnlyCell(sheet, cells[column])
                    cells[column].data_type = "s"
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _field_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "string"


def _description(table: str, column: str) -> str:
    """The contract's description of a column (its own table's model first), else the derived column's."""
    models = [TABLE_MODELS[table]] if table in TABLE_MODELS else []
    if f"{table}.{column}" in DERIVED_DESCRIPTIONS:  # a derived table's own meaning (the audit's status, kind)
        return DERIVED_DESCRIPTIONS[f"{table}.{column}"]
    for model in [*models, TABLE_MODELS["facts"], *TABLE_MODELS.values()]:
        field = model.model_fields.get(column)
        if field is not None and field.description:
            return field.description
    return DERIVED_DESCRIPTIONS.get(column, "")


def _articles_in_words(dataset: Dataset) -> str:
    with i18n.use("en"):  # the data package's descriptor is English
        return count_words(len(dataset.sources))


def datapackage_descriptor(dataset: Dataset, frames: Mapping[str, pd.DataFrame]) -> dict:
    """datapackage.json for the given tables: schemas with types and descriptions, sources, licence."""
    sources = (
        [
            {"title": row.title, "path": row.url if pd.notna(row.url) else f"seeds/{row.seed_file}"}
            for row in dataset.sources.itertuples()
        ]
        + [
            {"title": f"{publisher}: {title} ({date})", "path": read_at}
            for publisher, title, read_at, date in dataset.fx_rates[
                ["publisher", "source_title", "read_at", "release_date"]
            ]
            .drop_duplicates()
            .itertuples(index=False)
        ]
        + [
            {"title": f"{row.publisher} ({row.primary_or_secondary})", "path": row.read_at}
            for row in dataset.population.itertuples()
        ]
    )
    resources = []
    for name, frame in frames.items():
        schema: dict = {
            "fields": [
                {"name": column, "type": _field_type(frame[column]), "description": _description(name, column)}
                for column in frame.columns
            ]
        }
        key = ID_COLUMNS.get(name)
        if key and key in frame.columns and frame[key].is_unique:
            schema["primaryKey"] = [key]
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "ecodash",
        "title": f"ecodash: regional AI ecosystems, curated from {_articles_in_words(dataset)} French news articles",
        "description": (
            "Every figure carries the verbatim French quote that states it and its English translation. "
            "Qualifiers (exact, approximate, at_least, up_to) and the comparability dimensions (status, "
            "ai_specificity, geo_reach, funder) are kept; missing values are empty, never 0."
        ),
        "licenses": [LICENSE],
        "sources": sources,
        "resources": resources,
    }


def export_all_frames(
    dataset: Dataset, *, fx_basis: str = indicators.DEFAULT_FX_BASIS, fx_year: int | None = None
) -> dict[str, pd.DataFrame]:
    """Every exportable table; the facts table is built once and the funding and comparison tables start from it."""
    facts = indicators.facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    return {name: build_table(dataset, name, fx_basis=fx_basis, fx_year=fx_year, facts=facts) for name in EXPORT_TABLES}


def seed_files(dataset: Dataset) -> dict[str, bytes]:
    """'seeds/<seed_file>' -> the article's text (UTF-8), so a package re-imports with the articles it quotes."""
    sources = dataset.sources
    return {
        f"seeds/{seed_file}": dataset.seeds[source_id].encode("utf-8")
        for source_id, seed_file in zip(sources["source_id"], sources["seed_file"], strict=True)
        if source_id in dataset.seeds
    }


def datapackage_files(dataset: Dataset, frames: dict[str, pd.DataFrame] | None = None, **fx) -> dict[str, bytes]:
    """File name -> bytes of a Frictionless data package (datapackage.json, one CSV per table, seeds/<file>).

    `frames`: export_all_frames(dataset, **fx), when the caller has them already."""
    frames = export_all_frames(dataset, **fx) if frames is None else frames
    files = {f"{name}.csv": to_csv_bytes(frame) for name, frame in frames.items()}
    descriptor = datapackage_descriptor(dataset, frames)
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return files | seed_files(dataset)


ZIP_LEVEL = 6
"""zlib level of the data package zip, zlib's default, kept on purpose: on the package of 10 000 synthetic facts
(25 MB of CSV) level 6 takes 0.29 s and gives 2.1 MB, level 3 0.11 s and 2.8 MB, level 1 0.13 s and 3.2 MB. The
0.2 s saved per 10 000 facts is less than the download of the third more bytes takes below ~30 Mbit/s."""


def datapackage_zip_bytes(dataset: Dataset, frames: dict[str, pd.DataFrame] | None = None, **fx) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for name, data in datapackage_files(dataset, frames, **fx).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_datapackage(dataset: Dataset, output: Path, **fx) -> list[Path]:
    """Write the package into folder `output` (or a .zip file); returns what was written."""
    if output.suffix == ".zip":
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(datapackage_zip_bytes(dataset, **fx))
        return [output]
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in datapackage_files(dataset, **fx).items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(data)
        written.append(output / name)
    return written


def read_facts_csv(source: Path | str | bytes, *, spreadsheet_safe: bool = True) -> pd.DataFrame:
    """Read an exported facts CSV back with the dtypes facts_table produces (for round trips); `spreadsheet_safe`:
    the file was written by to_spreadsheet_csv_bytes (its apostrophes are undone), else by to_csv_bytes."""
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    frame = pd.read_csv(data, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    if spreadsheet_safe:
        frame = spreadsheet.restore_frame(frame)
    for column in ("value", "value_usd", "stated_usd", "fx_rate"):
        frame[column] = frame[column].astype("float64")
    for column in ("period_start", "period_end", "duration_years"):
        frame[column] = frame[column].astype("float64").astype("Int64")
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = frame[column].astype("str").where(frame[column].notna(), None)
    return frame
