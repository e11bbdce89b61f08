"""Sources: one figure as a slide, its quote large, with the figure as labelled, its kind and its article."""

from __future__ import annotations

from ecodash import i18n
from ecodash.analysis import comparability, fx
from ecodash.i18n import t
from ecodash.ingest.dataset import Dataset
from ecodash.views import takeaways
from ecodash.views.base import ChartView, Tables, indicator_names, plain_text, region_names


def fact_view(
    ds: Dataset, *, fact: str | None, fx_basis: str = fx.DEFAULT_FX_BASIS, tables: Tables | None = None
) -> ChartView:
    """A selected figure as a slide: its quote (and translation, outside French), the figure as labelled, its
    kind, and the article it comes from."""
    tables = tables or Tables(ds)
    facts = tables.facts(fx_basis).set_index("fact_id")
    if not fact or fact not in facts.index:
        return ChartView(
            page="sources",
            title=t("present.fact.none_title"),
            takeaway="",
            message=t("present.fact.none"),
            filename_parts=("sources",),
        )
    row = facts.loc[fact]
    kind = comparability.class_label(row)
    title = fact_title(ds, fact=fact)
    sources = ds.sources.set_index("source_id")
    source = sources.loc[row["source_id"]] if row["source_id"] in sources.index else None
    article = str(source["title"]) if source is not None else str(row["source_id"])
    publisher = plain_text(source["publisher"]) if source is not None else ""
    source_line = t("present.fact.source", title=article, publisher=publisher or t("sources.no_publisher"))
    translation = plain_text(row["quote_en"]) if i18n.current() != "fr" else ""
    details = (
        t("present.fact.figure", label=row["value_label"], indicator=row["indicator_name"]),
        t("pillars.kind", kind=kind),
    )
    takeaway = takeaways.fact(
        region=row["region_name"],
        indicator=row["indicator_name"],
        label=row["value_label"],
        kind=kind,
        quote=row["quote"],
    )
    return ChartView(
        page="sources",
        title=title,
        takeaway=takeaway,
        source=source_line,
        quote=str(row["quote"]),
        translation=translation,
        details=details,
        filename_parts=("sources", fact),
    )


def fact_title(ds: Dataset, *, fact: str | None, **_: object) -> str:
    """'Gwangju: AI compute capacity' for a figure; a slide without one says so."""
    facts = ds.facts.set_index("fact_id")
    if not fact or fact not in facts.index:
        return t("present.fact.none_title")
    row = facts.loc[fact]
    return t(
        "present.fact.title",
        region=region_names(ds).get(row["region_id"], row["region_id"]),
        indicator=indicator_names(ds).get(row["indicator_id"], row["indicator_id"]),
    )
