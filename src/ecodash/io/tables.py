"""The exportable tables: each one's name and how it is built from a Dataset (and an FX choice)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ecodash.analysis import indicators
from ecodash.analysis.audit import audit_mentions
from ecodash.ingest.dataset import Dataset


@dataclass(frozen=True)
class AsStored:
    """A curated table exported as the dataset holds it (its texts in the dataset's language)."""

    table: str

    def __call__(self, dataset: Dataset, **_) -> pd.DataFrame:
        return dataset.table(self.table)


EXPORT_TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "facts": lambda ds, facts=None, **fx: indicators.facts_table(ds, **fx) if facts is None else facts,
    "regions": AsStored("regions"),
    "sources": AsStored("sources"),
    "indicators": AsStored("indicators"),
    "actors": AsStored("actors"),
    "events": AsStored("events"),
    "instruments": AsStored("instruments"),
    "pillars": AsStored("pillars"),
    "population": AsStored("population"),
    "fx_rates": lambda ds, **_: indicators.fx_table(ds),
    "funding": lambda ds, facts=None, **fx: indicators.funding_table(ds, facts=facts, **fx),
    "comparison": lambda ds, facts=None, **fx: indicators.comparison_long(ds, facts=facts, **fx),
    "audit_exclusions": AsStored("audit_exclusions"),
    "audit": lambda ds, **_: audit_mentions(ds),
    "caveats": AsStored("caveats"),
}
"""Exportable table name -> function(dataset, fx_basis=..., fx_year=..., facts=...) -> DataFrame; `facts`, when
given, is the facts_table of the same dataset and FX choice (built once for an export of every table)."""
AS_STORED = frozenset(name for name, build in EXPORT_TABLES.items() if isinstance(build, AsStored))
"""Tables exported as the dataset holds them; the others are built (in the current language)."""


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


def export_all_frames(
    dataset: Dataset, *, fx_basis: str = indicators.DEFAULT_FX_BASIS, fx_year: int | None = None
) -> dict[str, pd.DataFrame]:
    """Every exportable table; the facts table is built once and the funding and comparison tables start from it."""
    facts = indicators.facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    return {name: build_table(dataset, name, fx_basis=fx_basis, fx_year=fx_year, facts=facts) for name in EXPORT_TABLES}
