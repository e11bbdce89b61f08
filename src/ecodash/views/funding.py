"""Funding programmes: one funding view (caps per recipient, per year, or totals), one panel per kind of figure."""

from __future__ import annotations

import pandas as pd

from ecodash import charts
from ecodash.analysis import comparability, funding_views, fx, intensity, source_lines
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, significant
from ecodash.ingest.dataset import Dataset
from ecodash.views import cards as figure_cards
from ecodash.views import takeaways
from ecodash.views.base import (
    ChartView,
    Tables,
    drawn_captions,
    fact_links,
    fx_basis_label,
    money_label,
    not_converted,
    region_names,
    styled,
)

FUNDING_VIEWS = tuple(funding_views.FUNDING_VIEWS)
"""The funding views, in the order the page offers them (analysis.funding_views declares them)."""


def funding_title(ds: Dataset, *, view: str, **_: object) -> str:
    return t(f"funding.title.{view}")


def funding_table(funding: pd.DataFrame, *, per_million: bool) -> pd.DataFrame:
    """Every money figure, with its funding view, kind, difference note, USD and derivation."""
    table = funding.assign(link=fact_links(funding["fact_id"]))
    columns = [
        "region_name",
        "instrument_name",
        "funding_view",
        "value_label",
        "class_label",
        "difference_note",
        "value_usd",
        "per_year_usd",
    ]
    columns += ["value_usd_per_million", "per_year_usd_per_million", "per_million_derivation"] if per_million else []
    return table[[*columns, "derivation", "quote", "link"]]


def funding_view(
    ds: Dataset,
    *,
    view: str = "per_year",
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
    style: object | None = None,
    cards: bool = False,
) -> ChartView:
    """One funding view (caps per recipient, per year, or totals), one panel per kind of figure. With `cards`, a
    kind with a single figure is a card (the view's `kinds`), not a one-bar panel: the figure draws the kinds
    with two figures or more, and is None when there are none."""
    tables = tables or Tables(ds)
    funding = tables.funding(fx_basis)
    drawn = funding_views.funding_view_rows(funding, view, per_million=per_million)
    column = funding_views.FUNDING_VIEWS[view]["column"] + ("_per_million" if per_million else "")
    in_view = funding_views.funding_view_rows(funding, view, drawn_only=False)
    captions = not_converted(in_view, "instrument_name")
    left_out = drawn.iloc[0:0]
    if per_million:
        _, left_out = intensity.split_per_million(funding_views.funding_view_rows(funding, view), column, group=None)
        if not left_out.empty:
            captions.append(
                t(
                    "compare.not_per_million",
                    pairs="; ".join(
                        f"{r.region_name} — {r.instrument_name}: {r.per_million_derivation}"
                        for r in left_out.itertuples()
                    ),
                )
            )
    source_note = source_lines.source_note(ds, sorted(drawn["source_id"].unique()))
    if per_million and not drawn.empty:
        source_note += "\n" + t(
            "compare.population_note", sources=intensity.population_note(ds, drawn["population_region_id"])
        )
    title = funding_title(ds, view=view)
    names = region_names(ds)
    shown = list(dict.fromkeys([*(names[r] for r in ds.focus_region_ids()), *drawn["region_name"]]))
    kinds: tuple = ()
    charted, chart_rows = funding, drawn
    if cards and not drawn.empty:
        annotated = comparability.annotate(drawn.assign(view=view), group="view")
        stated = _funding_labels(annotated, view=view, per_million=per_million, parts=True)
        annotated = annotated.assign(card_value=[v for v, _ in stated], card_stated=[s for _, s in stated])
        kinds = tuple(
            figure_cards.kind_groups(
                annotated,
                chosen=len(shown),
                group="view",
                value_column="plotted",
                per_million=per_million,
                what_column="instrument_name",
            )
        )
        single = _single(kinds)
        carded = [i for i, k in zip(annotated.index, annotated["comparability_class"], strict=True) if k in single]
        charted, chart_rows = funding.drop(index=carded), drawn.drop(index=carded)
    figure = (
        None
        if kinds and chart_rows.empty
        else charts.funding_chart(
            charted,
            view=view,
            fx_basis_label=fx_basis_label(ds, fx_basis),
            title=title,
            source_note=source_note,
            per_million=per_million,
            **styled(style),
        )
    )
    what = funding_views.funding_what(view)
    note = (
        comparability.chart_note(chart_rows.assign(view=view), group="view", name=what) if not chart_rows.empty else ""
    )
    rows = drawn.assign(view=view, report_status="reported")
    rows = rows.assign(takeaway_label=_funding_labels(rows, view=view, per_million=per_million))
    takeaway = takeaways.comparison(
        rows,
        what=what,
        value_column="plotted",
        label_column="takeaway_label",
        group="view",
        regions=shown,
        left_out=list(left_out["region_name"]),
        no_usd=list(in_view.loc[in_view["value_usd"].isna(), "region_name"]),
    )
    parts = ("funding", view, *(["per_million"] if per_million else []))
    return ChartView(
        page="funding",
        title=title,
        takeaway=takeaway,
        source=source_note,
        units=t("compare.subtitle_money", fx=fx_basis_label(ds, fx_basis))
        + (t("compare.per_million_suffix") if per_million else ""),
        figure=figure,
        notes=tuple(note.splitlines()) if note else (),
        captions=(*captions, *drawn_captions(figure)),
        kinds=kinds,
        table=funding_table(funding, per_million=per_million),
        filename_parts=parts,
        rows=rows,
    )


def _single(kinds) -> set[str]:
    return {kind.comparability_class for kind in kinds if not kind.charted}


def _funding_labels(rows: pd.DataFrame, *, view: str, per_million: bool, parts: bool = False) -> list:
    """Each figure's takeaway label ('84.4 M USD/yr (target 120 bn KRW / year)'); with `parts`, (the value
    compared, the figure as stated) for its card."""
    labels = []
    per_year = funding_views.FUNDING_VIEWS[view]["per_year"]
    for r in rows.to_dict("records"):
        if per_million:
            suffix = (t("chart.per_year_suffix") if per_year else "") + t("chart.per_million_suffix")
            shown = format_fact(significant(r["plotted"]), "USD", r["qualifier"]) + suffix
            labels.append((shown, r["value_label"]) if parts else shown)
            continue
        stated = (
            format_fact(r["per_year_value"], r["unit"], r["qualifier"], r["status"]) + t("chart.per_year_suffix")
            if per_year
            else r["value_label"]
        )
        suffix = t("chart.per_year_suffix") if per_year else ""
        if parts:
            labels.append((format_fact(significant(r["plotted"]), "USD", r["qualifier"]) + suffix, stated))
            continue
        labels.append(money_label(r["plotted"], r["qualifier"], stated, suffix))
    return labels
