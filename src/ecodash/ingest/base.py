"""The curated data, loaded, as the checks of an addition on top of it read it (nothing re-read or re-validated)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ecodash.ingest.csvrows import Row
from ecodash.ingest.files import Layer
from ecodash.schema.models import Source

BASE_TABLES = ("regions", "sources", "indicators")
"""Curated tables whose records the checks of an addition read (parents, names, languages, units, scopes)."""


@dataclass(frozen=True)
class CuratedBase:
    """A loaded curated Dataset as the checks of an addition on top of it need it, made from its frames without
    reading or validating anything again (its rows were validated when it loaded)."""

    layer: Layer  # no files: how problems name the curated files ("data/facts.csv")
    first: Mapping[str, Mapping[str, int]]  # table -> id -> the line of its row
    rows: Mapping[str, list[Row]]  # BASE_TABLES -> rows, records rebuilt with model_construct
    fx: Mapping[tuple[str, int, str], int]  # (currency, year, series_id) -> line
    seed_files: Mapping[str, Source]  # seed file -> the curated source that lists it
    texts: Mapping[str, str]  # source_id -> seed text
