"""The funding chart: horizontal USD bars of one funding view, one panel per comparability class."""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecodash.analysis import comparability
from ecodash.analysis.funding_views import FUNDING_VIEWS, funding_view_rows, funding_what
from ecodash.charts.bounded import Drawn, largest_first
from ecodash.charts.layout import empty_figure_note, finish_figure, style_value_axis
from ecodash.charts.scales import share_value_axes
from ecodash.charts.style import (
    add_qualifier_keys,
    current_style,
    grouped_records,
    px,
    region_colour,
    styled,
    styled_marker,
)
from ecodash.charts.text import cell, esc, fact_hover, fx_note, period_text, usd_label, wrap
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact

FUNDING_LABEL_WRAP_CHARS = 34
FUNDING_PANEL_GAP_PX = 150
FUNDING_PANELS_TOP_PX = 165
# At most this much is drawn (charts.bounded says why and how the rest is told)
FUNDING_MAX_PANELS = 4
FUNDING_MAX_BARS = 20


def _funding_label(row: Mapping, view: str) -> str:
    name = cell(row, "instrument_name") or cell(row, "indicator_name") or row["fact_id"]
    label = f"{name} — {row['region_name']}"
    if view == "total":
        period = period_text(row)
        duration = cell(row, "duration_years")
        if row["scope"] == "multi_year" and duration:
            label = t("chart.over_years", label=label, years=int(duration))
        elif period:
            label = t("chart.with_period", label=label, period=period)
    return wrap(label, FUNDING_LABEL_WRAP_CHARS)


def _funding_axis(view: str, per_million: bool) -> str:
    axis = t("chart.usd_per_year" if FUNDING_VIEWS[view]["per_year"] else "chart.usd")
    return t("chart.funding_axis_per_million", axis=axis) if per_million else axis


@styled
def funding_chart(
    funding: pd.DataFrame,
    *,
    view: str,
    fx_basis_label: str,
    title: str | None = None,
    source_note: str,
    per_million: bool = False,
) -> go.Figure:
    """Horizontal USD bars for one funding view (caps, per year, or totals), largest on top.

    Figures of different comparability classes (a broad technology budget in force, an AI investment target)
    never share an axis: each class gets its own panel, titled with its kind, and the figure's note says how
    the panels differ. `per_million` draws the per-million-inhabitants figure (intensity.per_million) instead.
    """
    rows = funding_view_rows(funding, view, per_million=per_million)
    rows = rows.sort_values(["plotted", "fact_id"], ascending=[False, True])
    spec = FUNDING_VIEWS[view]
    title = t(f"funding.title.{view}") if title is None else title
    subtitle = t("chart.funding_subtitle_per_million" if per_million else "chart.funding_subtitle", fx=fx_basis_label)
    if rows.empty:
        fig = go.Figure()
        empty_figure_note(fig, t("chart.nothing_in_view"))
        fig.update_layout(height=360, margin={"b": 30})
        return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
    rows = comparability.annotate(rows.assign(view=view), group="view").reset_index(drop=True)
    classes = list(
        dict.fromkeys(rows.sort_values("in_headline_class", ascending=False, kind="stable")["comparability_class"])
    )
    drawn_classes = classes[:FUNDING_MAX_PANELS]
    kept = [largest_first(rows.loc[rows["comparability_class"] == k], FUNDING_MAX_BARS) for k in drawn_classes]
    drawn_count = Drawn(sum(map(len, kept)), len(rows), len(drawn_classes), len(classes))
    classes = drawn_classes
    rows = rows.loc[sorted(i for part in kept for i in part.index)]
    records = rows.to_dict("records")
    labels = [_funding_label(r, view) for r in records]
    seen = collections.Counter(labels)
    for index, label in enumerate(labels):
        if seen[label] > 1:
            labels[index] = f"{label}<br>{esc(records[index]['fact_id'])}"
    rows = rows.assign(category=labels)
    several = len(classes) > 1
    sizes = [int((rows["comparability_class"] == k).sum()) for k in classes]
    panel_titles = []
    for klass in classes:
        label = rows.loc[rows["comparability_class"] == klass, "class_label"].iloc[0]
        panel_titles.append(wrap(t("chart.hover.kind", kind=label), 90) if several else "")
    lines = sum(label.count("<br>") + 1 for label in labels)
    top = FUNDING_PANELS_TOP_PX if several else 100
    height = max(380, 220 + 24 * lines + 30 * len(labels) + (FUNDING_PANEL_GAP_PX * (len(classes) - 1)))
    # the gap between panels holds the x axis title of one and the two-line kind title of the next
    plot_px = height - top - 70
    fig = make_subplots(
        rows=len(classes),
        cols=1,
        row_heights=[max(n, 1) for n in sizes],
        subplot_titles=panel_titles,
        vertical_spacing=FUNDING_PANEL_GAP_PX / plot_px if several else 0.0,
    )
    suffix = (t("chart.per_year_suffix") if spec["per_year"] else "") + (
        t("chart.per_million_suffix") if per_million else ""
    )
    for panel, klass in enumerate(classes, start=1):
        part = rows.loc[rows["comparability_class"] == klass]
        for (region_id, qualifier, status), group_records in grouped_records(
            part, ["region_id", "qualifier", "status"]
        ):
            colour = region_colour(str(region_id))
            texts, hovers = [], []
            for r in group_records:
                usd = usd_label(r["plotted"], r["qualifier"], suffix, status=r["status"])
                # The original figure beside the USD bar is of the same kind: per year on the per-year view.
                stated = (
                    format_fact(r["per_year_value"], r["unit"], r["qualifier"], r["status"])
                    + t("chart.per_year_suffix")
                    if view == "per_year"
                    else r["value_label"]
                )
                texts.append(f"{esc(usd)} ({esc(stated)})")
                heading = f"{r['region_name']} · {cell(r, 'instrument_name') or r['indicator_name']}"
                drawn = t("chart.hover.drawn", value=usd) + (f" — {r['per_million_derivation']}" if per_million else "")
                hovers.append(fact_hover(r, heading=heading, plotted=drawn))
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=[r["category"] for r in group_records],
                    x=[r["plotted"] for r in group_records],
                    name=esc(group_records[0]["region_name"]),
                    text=texts,
                    textposition="outside",
                    textfont={"size": px(14), "color": current_style().spec.text},
                    cliponaxis=False,
                    marker=styled_marker(str(qualifier), colour, str(status)),
                    customdata=[
                        [h, r["region_id"], r["fact_id"], r["qualifier"]]
                        for h, r in zip(hovers, group_records, strict=True)
                    ],
                    hovertemplate="%{customdata[0]}<extra></extra>",
                    showlegend=False,
                    meta={
                        "role": "facts",
                        "region_id": region_id,
                        "qualifier": qualifier,
                        "status": status,
                        "comparability_class": klass,
                    },
                ),
                row=panel,
                col=1,
            )
        panel_labels = part["category"].tolist()
        style_value_axis(
            fig, "USD", log_scale=False, axis="x", row=panel, col=1, title=_funding_axis(view, per_million)
        )
        fig.update_yaxes(
            categoryorder="array", categoryarray=panel_labels, autorange="reversed", automargin=True, row=panel, col=1
        )
    # one USD scale for every panel (a 16x gap must look it); headroom on the right for the outside labels,
    # which are long ("≤ 7.06 M USD (≤ 50 M CNY)")
    share_value_axes(
        fig,
        [("USD", rows.loc[rows["comparability_class"] == k, "plotted"], i, 1) for i, k in enumerate(classes, start=1)],
        log_scale=False,
        axis="x",
        headroom=1.6,
    )
    for annotation in fig.layout.annotations[: len(classes)]:
        annotation.update(font={"size": px(15), "color": current_style().spec.muted}, x=0, xanchor="left", align="left")
    add_qualifier_keys(fig, rows["qualifier"], rows["status"])
    fig.update_layout(
        meta={"drawn": dataclasses.asdict(drawn_count)},
        barmode="overlay",
        bargap=0.3,
        margin={"b": 70, "t": top},
        height=height,
    )
    note = "\n".join(
        part
        for part in (
            drawn_count.line(),
            comparability.chart_note(rows, group="view", name=funding_what(view)),
            source_note,
            fx_note(rows),
        )
        if part
    )
    return finish_figure(fig, title=title, subtitle=subtitle, source_note=note)
