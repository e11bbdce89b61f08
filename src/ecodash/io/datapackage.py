"""A Frictionless data package of the exported tables: datapackage.json, one CSV per table and the seeds."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from ecodash import i18n
from ecodash.i18n.formats import count_words
from ecodash.ingest.dataset import Dataset
from ecodash.io.csv import to_csv_bytes
from ecodash.io.tables import AS_STORED, export_all_frames
from ecodash.schema.columns import describe, find_column
from ecodash.schema.models import ID_COLUMNS

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (the curation); quotes remain their publishers' and are cited",
}
ZIP_LEVEL = 6
"""zlib level of the package's zip: zlib's default, as the faster levels save less time than their bigger zip takes to
download."""


def _frame_type(series: pd.Series) -> str:
    """The field type of a column the registry does not know (a caller's own frame)."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    return "string"


def _field(table: str, frame: pd.DataFrame, name: str, texts: str) -> dict:
    """A Table Schema field: type and description from the column registry."""
    known = find_column(table, name)
    if known is None:
        return {"name": name, "type": _frame_type(frame[name]), "description": ""}
    return {"name": name, "type": known.frictionless_type, "description": describe(table, name, texts=texts)}


def _articles_in_words(dataset: Dataset) -> str:
    with i18n.use("en"):  # the data package's descriptor is English
        return count_words(len(dataset.sources))


def datapackage_descriptor(dataset: Dataset, frames: Mapping[str, pd.DataFrame]) -> dict:
    """datapackage.json for the given tables: schemas with types and descriptions, sources, licence.

    Descriptions are English; a text column that a French export fills from its French sibling says so (the
    tables taken as the dataset holds them are in the dataset's language, the built ones in the current one)."""
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
        texts = (dataset.language or "en") if name in AS_STORED else i18n.current()
        schema: dict = {"fields": [_field(name, frame, column, texts) for column in frame.columns]}
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
