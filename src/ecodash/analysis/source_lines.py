"""The source line of a set of figures: the articles behind them, named from the dataset's sources table."""

from __future__ import annotations

from collections.abc import Iterable

from ecodash.i18n import t
from ecodash.i18n.formats import number
from ecodash.ingest.dataset import Dataset

SOURCES_NAMED = 6
"""A source line names at most this many articles, then counts the others (the Sources page lists them all)."""


def source_note(dataset: Dataset, source_ids: Iterable[object]) -> str:
    """'Source: ecodash dataset, curated from: <title> (<publisher>); ...' for the sources behind a figure."""
    sources = dataset.sources.set_index("source_id")
    parts = []
    for source_id in dict.fromkeys(s for s in source_ids if isinstance(s, str) and s):
        if source_id not in sources.index:
            parts.append(source_id)
            continue
        title, publisher = sources.at[source_id, "title"], sources.at[source_id, "publisher"]
        parts.append(f"{title} ({publisher})" if isinstance(publisher, str) and publisher else str(title))
    if not parts:
        return t("chart.source_none")
    if len(parts) > SOURCES_NAMED:  # a chart from hundreds of articles: a source line, not a page of titles
        named = t("chart.list_separator").join(parts[:SOURCES_NAMED])
        return t("chart.source_more", sources=named, n=number(len(parts) - SOURCES_NAMED, 0))
    return t("chart.source", sources=t("chart.list_separator").join(parts))
