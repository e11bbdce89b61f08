"""Ready-to-paste citations for the dataset and for a single figure, in the current language.

Everything a citation names comes from the data: the focus regions, the number of articles, their titles and
the FX series with their release dates; the version is the package's.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from ecodash import i18n
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact
from ecodash.ingest.dataset import Dataset, localized


def _version() -> str:
    try:
        return version("ecodash")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unreleased"


def dataset_title(dataset: Dataset) -> str:
    """'ecodash: regional AI ecosystems (Guangdong, Zhejiang, …)': the focus regions, from the data."""
    names = localized(dataset, i18n.current()).regions.set_index("region_id")["name"]
    return t("citation.dataset_title", regions=", ".join(names[r] for r in dataset.focus_region_ids()))


def _fx_references(dataset: Dataset) -> str:
    series = dataset.fx_rates.drop_duplicates(["series_id"])
    return "; ".join(f"{row.publisher}, {row.series} ({row.release_date})" for row in series.itertuples())


def cite_dataset(dataset: Dataset, *, accessed: str) -> str:
    """A citation for the whole dataset, naming the articles it is curated from."""
    titles = "; ".join(f"“{title}”" for title in dataset.sources["title"])
    return t(
        "citation.dataset",
        title=dataset_title(dataset),
        version=_version(),
        facts=len(dataset.facts),
        n_sources=len(dataset.sources),
        titles=titles,
        fx=_fx_references(dataset),
        accessed=accessed,
    )


def cite_fact(dataset: Dataset, fact_id: str, *, accessed: str) -> str:
    """A citation for one figure: the value as stated, its quote (translated in English) and source."""
    dataset = localized(dataset, i18n.current())
    facts = dataset.facts.set_index("fact_id")
    if fact_id not in facts.index:
        raise KeyError(f"unknown fact {fact_id!r}")
    fact = facts.loc[fact_id]
    region = dataset.regions.set_index("region_id").loc[fact["region_id"], "name"]
    indicator = dataset.indicators.set_index("indicator_id").loc[fact["indicator_id"], "name"]
    source = dataset.sources.set_index("source_id").loc[fact["source_id"]]
    where = "".join(f", {source[c]}" for c in ("publisher", "url") if pd.notna(source[c]))
    translation = t("citation.translation", translation=fact["quote_en"]) if i18n.current() != "fr" else ""
    return t(
        "citation.fact",
        region=region,
        indicator=indicator,
        label=format_fact(fact["value"], fact["unit"], fact["qualifier"], fact["status"]),
        quote=fact["quote"],
        translation=translation,
        title=source["title"],
        where=where,
        dataset=dataset_title(dataset),
        fact_id=fact_id,
        accessed=accessed,
    )
