"""Ready-to-paste citations for the dataset and for a single figure."""

from __future__ import annotations

import pandas as pd

from ecodash.dataset import Dataset
from ecodash.formatting import format_fact

DATASET_TITLE = "ecodash: regional AI ecosystems (Guangdong, Zhejiang/Hangzhou, Shanghai, Gwangju, Vietnam)"
VERSION = "0.1.0"


def cite_dataset(dataset: Dataset, *, accessed: str) -> str:
    """A citation for the whole dataset, naming the articles it is curated from."""
    titles = "; ".join(f"“{title}”" for title in dataset.sources["title"])
    return (
        f"{DATASET_TITLE}. Curated dataset, version {VERSION}, {len(dataset.facts)} facts with verbatim quotes, "
        f"curated from five French news articles ({titles}); FX reference: Federal Reserve G.5A "
        f"(release 2024-02-01). Accessed {accessed}."
    )


def cite_fact(dataset: Dataset, fact_id: str, *, accessed: str) -> str:
    """A citation for one figure: the value as stated, its quote, translation and source."""
    facts = dataset.facts.set_index("fact_id")
    if fact_id not in facts.index:
        raise KeyError(f"unknown fact {fact_id!r}")
    fact = facts.loc[fact_id]
    region = dataset.regions.set_index("region_id").loc[fact["region_id"], "name_en"]
    indicator = dataset.indicators.set_index("indicator_id").loc[fact["indicator_id"], "name"]
    source = dataset.sources.set_index("source_id").loc[fact["source_id"]]
    where = f", {source['publisher']}" if pd.notna(source["publisher"]) else ""
    url = f", {source['url']}" if pd.notna(source["url"]) else ""
    label = format_fact(fact["value"], fact["unit"], fact["qualifier"], fact["status"])
    return (
        f"{region}: {indicator}, {label}. “{fact['quote']}” (“{fact['quote_en']}”). "
        f"Source: “{source['title']}”{where}{url}. Via {DATASET_TITLE}, fact {fact_id}, accessed {accessed}."
    )
