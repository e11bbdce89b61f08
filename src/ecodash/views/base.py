"""What every page view shares: the ChartView it returns, the Tables it reads, and the words its parts are made of.

Pure: pandas and plotly, no Streamlit. Text fields are plain text (data included): the UI escapes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ecodash import charts
from ecodash.analysis import fx, indicators, pillars
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, significant
from ecodash.ingest.dataset import Dataset
from ecodash.schema.vocabularies import is_money, money_mask

INTENSITIES = ("absolute", "million")
"""Figures as reported, or per million inhabitants (?per=million)."""


@dataclass(frozen=True)
class ChartView:
    """One page's current view: everything a page or a slide renders, already computed and in words.

    Text fields are plain text (data included): the UI escapes them before any Markdown.
    """

    page: str
    title: str
    """The slide's title (the figure keeps its own title inside the image)."""
    takeaway: str
    """One sentence per compared group, generated from the data (ecodash.views.takeaways)."""
    source: str = ""
    """The source line: the curated articles behind what is shown (+ the populations, per inhabitant)."""
    units: str = ""
    """What money is compared in, with its conversion ('US dollars — World Bank official rate…'), when the view
    shows converted money (a slide of cards says it in its source line, as a chart says it in its subtitle)."""
    figure: go.Figure | None = None
    notes: tuple[str, ...] = ()
    """'Not alike' lines: which kinds of figure are drawn apart, and how they differ."""
    captions: tuple[str, ...] = ()
    """What the view leaves out and why (nothing reported for an indicator, not divisible per inhabitant)."""
    missing: tuple[str, ...] = ()
    """'Not reported: region — indicator' lines (shown under the chart)."""
    table: pd.DataFrame | None = None
    """The figures behind the chart (or the comparison itself, when a view has no chart)."""
    export: pd.DataFrame | None = None
    """The rows a researcher downloads for this view (CSV), when the page offers one."""
    filename_parts: tuple[str, ...] = ()
    quote: str = ""
    """A figure's quote as the article states it (French), shown large on its slide."""
    translation: str = ""
    """The quote's English translation (empty in French: the French quote stands alone)."""
    details: tuple[str, ...] = ()
    """Lines under a quote: the figure as labelled, its kind."""
    message: str | None = None
    """Why nothing is drawn (e.g. no region chosen); None when the view has content."""
    rows: pd.DataFrame | None = field(default=None, repr=False)
    """The compared rows (annotated), for tests and exports."""
    kinds: tuple = ()
    """Each kind of figure compared (ecodash.views.cards.KindGroup): how many regions report it, and its figure as
    a card when it has a single figure (the figure then draws only the kinds with two figures or more)."""

    @property
    def alt(self) -> str:
        """The chart's text alternative: the takeaway (else the title)."""
        return self.takeaway or self.title

    @property
    def filename(self) -> str:
        """The image file name: 'ecodash-compare-gwangju-shanghai-compute_capacity'."""
        return "-".join(("ecodash", *self.filename_parts))


class Tables:
    """The frames views are computed from. The app subclasses it to read its st.cache_data caches."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def comparison(self, region_ids: Sequence[str], fx_basis: str, subregions: bool) -> pd.DataFrame:
        return indicators.comparison_long(
            self.ds, region_ids=list(region_ids), fx_basis=fx_basis, include_subregions=subregions
        )

    def funding(self, fx_basis: str) -> pd.DataFrame:
        return indicators.funding_table(self.ds, fx_basis=fx_basis)

    def facts(self, fx_basis: str) -> pd.DataFrame:
        return indicators.facts_table(self.ds, fx_basis=fx_basis)

    def pillars(self, fx_basis: str) -> pd.DataFrame:
        return pillars.pillar_matrix(self.ds, fx_basis=fx_basis)

    def overview(self, fx_basis: str) -> dict[str, pd.DataFrame]:
        return indicators.overview_slots(self.ds, fx_basis=fx_basis)


def region_names(ds: Dataset) -> dict[str, str]:
    """Region id -> name (`name` in a localized dataset, else the English name)."""
    column = "name" if "name" in ds.regions.columns else "name_en"
    return dict(zip(ds.regions["region_id"], ds.regions[column], strict=True))


def indicator_names(ds: Dataset) -> dict[str, str]:
    """The Compare page's indicators: the derived funding per year first, then the curated ones."""
    names = {indicators.FUNDING_PER_YEAR: indicators.funding_per_year_name()}
    names.update(dict(zip(ds.indicators["indicator_id"], ds.indicators["name"], strict=True)))
    return names


def fact_links(fact_ids: Iterable[str]) -> list[str]:
    """A table's link column: each figure's passage, highlighted on the Sources page."""
    return [f"/sources?fact={fact_id}" for fact_id in fact_ids]


def styled(style: object | None) -> dict[str, object]:
    """The chart functions' `style=` (charts.ChartStyle: theme, font scale), passed only when one is asked for."""
    return {} if style is None else {"style": style}


def fx_basis_label(ds: Dataset, fx_basis: str) -> str:
    """The FX basis in words, for a chart's subtitle."""
    return fx.basis_labels(ds)[fx_basis][1]


def short_list(names: Sequence[str], limit: int = 3) -> str:
    """'a · b · c', or the first `limit` names and '…': a title naming what a view compares."""
    names = list(dict.fromkeys(names))
    return " · ".join(names) if len(names) <= limit else " · ".join(names[:limit]) + " …"


def plain_text(value: object) -> str:
    """A text cell, or '' for a missing one."""
    return value if isinstance(value, str) else ""


def money_label(value: float, qualifier: str, stated: str, suffix: str = "") -> str:
    """'≈ 84.4 M USD/yr (target 120 bn KRW / year)': the compared USD figure, then the figure as stated."""
    return f"{format_fact(significant(value), 'USD', qualifier)}{suffix} ({stated})"


def takeaway_labels(rows: pd.DataFrame, *, value_column: str, per_million: bool) -> list[str]:
    """What a takeaway names for each figure: the value compared, with its qualifier (and as stated)."""
    labels = []
    for r in rows.to_dict("records"):
        if r.get("report_status", "reported") != "reported":
            labels.append("")
            continue
        value = r[value_column]
        unit = r.get("comparable_unit") or r["unit"]
        per_year = t("chart.per_year_suffix") if r["indicator_id"] == indicators.FUNDING_PER_YEAR else ""
        if per_million:
            labels.append(
                format_fact(significant(value), str(unit), r["qualifier"]) + per_year + t("chart.per_million_suffix")
            )
        elif unit == "USD" and is_money(r["unit"]):
            labels.append(money_label(value, r["qualifier"], r["value_label"], per_year))
        else:
            labels.append(str(r["value_label"]))
    return labels


def not_converted(rows: pd.DataFrame, label_column: str = "indicator_name") -> list[str]:
    """'Not drawn (no value in US dollars): region — what: how' for the money figures without a USD value (no
    FX rate for their currency); the derivation says why in words. [] when every money figure converts."""
    money = rows.loc[money_mask(rows["unit"]) & rows["value_usd"].isna()]
    if money.empty:
        return []
    return [
        t(
            "compare.not_converted",
            pairs="; ".join(
                f"{r['region_name']} — {r[label_column]}: {r.get('derivation') or r['fx_derivation']}"
                for r in money.to_dict("records")
            ),
        )
    ]


def drawn_captions(figure: go.Figure | None) -> tuple[str, ...]:
    """The chart's 'Drawn: n of N figures' line, for the page (the figure's note carries it too), if it has one."""
    line = charts.drawn_line(figure)
    return (line,) if line else ()
