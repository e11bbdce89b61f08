"""Funding programmes: one funding view (caps per recipient, per year, or totals), one panel per kind of figure."""

from __future__ import annotations

import pandas as pd

from ecodash import charts
from ecodash.analysis import comparability, funding_views, fx, intensity, source_lines
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, significant
from ecodash.ingest.dataset import Dataset
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
) -> ChartView:
    """One funding view (caps per recipient, per year, or totals), one panel per kind of figure."""
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
    figure = charts.funding_chart(
        funding,
        view=view,
        fx_basis_label=fx_basis_label(ds, fx_basis),
        title=title,
        source_note=source_note,
        per_million=per_million,
        **styled(style),
    )
    what = funding_views.funding_what(view)
    note = comparability.chart_note(drawn.assign(view=view), group="view", name=what) if not drawn.empty else ""
    rows = drawn.assign(view=view, report_status="reported")
    rows = rows.assign(takeaway_label=_funding_labels(rows, view=view, per_million=per_million))
    names = region_names(ds)
    shown = list(dict.fromkeys([*(names[r] for r in ds.focus_region_ids()), *rows["region_name"]]))
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
        figure=figure,
        notes=tuple(note.splitlines()) if note else (),
        captions=(*captions, *drawn_captions(figure)),
        table=funding_table(funding, per_million=per_million),
        filename_parts=parts,
        rows=rows,
    )


def _funding_labels(rows: pd.DataFrame, *, view: str, per_million: bool) -> list[str]:
    labels = []
    per_year = funding_views.FUNDING_VIEWS[view]["per_year"]
    for r in rows.to_dict("records"):
        if per_million:
            suffix = (t("chart.per_year_suffix") if per_year else "") + t("chart.per_million_suffix")
            labels.append(format_fact(significant(r["plotted"]), "USD", r["qualifier"]) + suffix)
            continue
        stated = (
            format_fact(r["per_year_value"], r["unit"], r["qualifier"], r["status"]) + t("chart.per_year_suffix")
            if per_year
            else r["value_label"]
        )
        suffix = t("chart.per_year_suffix") if per_year else ""
        labels.append(money_label(r["plotted"], r["qualifier"], stated, suffix))
    return labels
