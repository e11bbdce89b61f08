"""The timeline: dated events per region (symbol = kind, colour = region) and target figures at their due year."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from ecodash.charts.layout import empty_figure_note, finish_figure
from ecodash.charts.style import current_style, px, region_colour, styled
from ecodash.charts.text import QUOTE_WRAP_CHARS, cell, esc, fact_hover, humanise_id, quote_lines, wrap
from ecodash.i18n import t
from ecodash.i18n.formats import label as vocabulary_label
from ecodash.schema.vocabularies import NOT_YET

# Past events are filled, targets hollow: the difference survives greyscale and colour-blindness.
EVENT_SYMBOLS = {
    "plan_announced": "square",
    "policy_since": "triangle-up",
    "centre_opened": "star",
    "company_founded": "circle",
    "appointment": "cross",
    "target_year": "diamond-open",
    "trade_fair": "hexagon",
    "law_enacted": "triangle-down",
}
TARGET_FACT_KIND = "target_figure"
TARGET_FACT_SYMBOL = "star-diamond-open"
HOLLOW_SYMBOLS = {EVENT_SYMBOLS["target_year"], TARGET_FACT_SYMBOL}
LANE_STEP = 0.24


def parse_partial_date(text: str) -> pd.Timestamp:
    """'2025' -> 2025-01-01, '2025-08' -> 2025-08-01, '2025-08-19' as is.

    An event's date is a schema.models.PartialDate, checked there to be YYYY, YYYY-MM or a calendar date. It is
    read as a point in time only here, to place it on the timeline's axis (the hover shows it as written).
    """
    parts = str(text).split("-")
    year, month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    return pd.Timestamp(year=year, month=month, day=day)


def _assign_lanes(points: pd.DataFrame, min_gap_days: float) -> pd.Series:
    """Vertical offset per point so markers of one region closer than `min_gap_days` do not hide each other."""
    offsets = pd.Series(0.0, index=points.index)
    for _, group in points.sort_values("x").groupby("lane_key", sort=False):
        lane_ends: list[pd.Timestamp] = []
        for index, x in group["x"].items():
            lane = next((i for i, end in enumerate(lane_ends) if (x - end).days >= min_gap_days), len(lane_ends))
            if lane == len(lane_ends):
                lane_ends.append(x)
            lane_ends[lane] = x
            offsets[index] = LANE_STEP * ((lane + 1) // 2) * (1 if lane % 2 else -1) if lane else 0.0
    return offsets


@styled
def timeline_chart(
    events: pd.DataFrame,
    *,
    target_facts: pd.DataFrame | None = None,
    region_ids: list[str] | None = None,
    region_names: Mapping[str, str] | None = None,
    title: str,
    subtitle: str | None = None,
    source_note: str,
) -> go.Figure:
    """Dated events per region (symbol = kind, colour = region), with target figures as hollow marks at their year.

    `region_ids` keeps those regions, in that order (pass a province's cities too to see their events).
    Names come from `region_names`, else a region_name column, else the id.
    """
    subtitle = t("chart.timeline.subtitle") if subtitle is None else subtitle
    names = dict(region_names or {})
    for frame in (events, target_facts):
        if frame is not None and "region_name" in frame.columns:
            for rid, name in zip(frame["region_id"], frame["region_name"], strict=True):
                names.setdefault(rid, name)
    points = []
    for row in events.loc[events["date"].notna()].to_dict("records"):  # an undated event has no place on an axis
        kind = str(row["kind"])
        date = str(row["date"])
        hover = [
            f"<b>{esc(names.get(row['region_id'], humanise_id(str(row['region_id']))))}</b>",
            wrap(row["description"], QUOTE_WRAP_CHARS),
            esc(t("chart.hover.date", date=date)),
            esc(t("chart.hover.kind", kind=vocabulary_label("event_kind", kind))),
        ]
        hover += quote_lines(row)
        hover.append(esc(t("chart.hover.source", source=row["source_id"])))
        points.append(
            {
                "region_id": row["region_id"],
                "kind": kind,
                "x": parse_partial_date(date),
                "date_as_written": date,
                "id": row["event_id"],
                "hover": "<br>".join(hover),
            }
        )
    if target_facts is not None and not target_facts.empty:
        targets = target_facts.loc[target_facts["status"].isin(NOT_YET) & target_facts["period_end"].notna()]
        # comparison_long repeats a money fact under the derived funding_per_year indicator: one mark per fact
        targets = targets.drop_duplicates(["region_id", "fact_id"])
        # one mark per region and year: Shanghai's plan sets six targets for 2028, and six marks would pile up
        for (region_id, end), group in targets.groupby(["region_id", "period_end"], sort=False):
            region = names.get(region_id, humanise_id(str(region_id)))
            records = group.to_dict("records")
            if len(records) == 1:
                row = records[0]
                hover = fact_hover(
                    row,
                    heading=t("chart.timeline.target_due", region=region, year=int(end)),
                    plotted=str(cell(row, "indicator_name") or ""),
                )
            else:
                lines = [f"<b>{esc(t('chart.timeline.targets_due', region=region, n=len(records), year=int(end)))}</b>"]
                for row in records:
                    what = t(
                        "chart.labelled", label=cell(row, "indicator_name") or row["fact_id"], text=row["value_label"]
                    )
                    lines.append(f"• {wrap(what, QUOTE_WRAP_CHARS)}")
                    if cell(row, "quote"):
                        lines.append(f"  {wrap(t('chart.quoted', quote=row['quote']), QUOTE_WRAP_CHARS)}")
                sources = ", ".join(dict.fromkeys(str(r["source_id"]) for r in records if cell(r, "source_id")))
                lines.append(esc(t("chart.hover.source", source=sources)))
                hover = "<br>".join(lines)
            points.append(
                {
                    "region_id": region_id,
                    "kind": TARGET_FACT_KIND,
                    "x": pd.Timestamp(year=int(end), month=1, day=1),
                    "date_as_written": str(int(end)),
                    "id": ";".join(str(r["fact_id"]) for r in records),
                    "hover": hover,
                }
            )
    frame = pd.DataFrame(points, columns=["region_id", "kind", "x", "date_as_written", "id", "hover"])
    if region_ids is not None:
        frame = frame.loc[frame["region_id"].isin(region_ids)]
        order = [rid for rid in region_ids if rid in set(frame["region_id"])]
    else:
        order = list(dict.fromkeys(frame["region_id"]))
    fig = go.Figure()
    if frame.empty:
        empty_figure_note(fig, t("chart.timeline.none"))
        fig.update_layout(height=360, margin={"b": 30})
        return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
    rows_by_region = {rid: i for i, rid in enumerate(order)}
    frame = frame.assign(row=frame["region_id"].map(rows_by_region), lane_key=frame["region_id"])
    span_days = max((frame["x"].max() - frame["x"].min()).days, 365)
    frame["y"] = frame["row"] + _assign_lanes(frame, min_gap_days=span_days * 0.025)
    kinds = [k for k in (*EVENT_SYMBOLS, TARGET_FACT_KIND) if k in set(frame["kind"])]
    kinds += [k for k in dict.fromkeys(frame["kind"]) if k not in kinds]
    for kind in kinds:
        group = frame.loc[frame["kind"] == kind]
        symbol = TARGET_FACT_SYMBOL if kind == TARGET_FACT_KIND else EVENT_SYMBOLS.get(kind, "circle")
        name = t("chart.timeline.target_figure") if kind == TARGET_FACT_KIND else vocabulary_label("event_kind", kind)
        hollow = symbol in HOLLOW_SYMBOLS
        line_width = 2.5 if hollow else 1
        colours = [region_colour(rid) for rid in group["region_id"]]
        fig.add_trace(
            go.Scatter(
                x=group["x"].tolist(),
                y=group["y"].tolist(),
                mode="markers",
                name=esc(name),
                marker={
                    "symbol": symbol,
                    "size": px(17),
                    "color": colours,
                    "line": {"width": line_width, "color": colours if hollow else current_style().spec.background},
                },
                customdata=group[["hover", "region_id", "id", "date_as_written"]].values.tolist(),
                hovertemplate="%{customdata[0]}<extra></extra>",
                showlegend=False,
                meta={"role": "events", "kind": kind},
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=esc(name),
                legendgroup="kind",
                legendgrouptitle={"text": t("chart.legend.kind_of_event")},
                marker={
                    "symbol": symbol,
                    "size": px(14),
                    "color": current_style().spec.neutral,
                    "line": {
                        "width": line_width,
                        "color": current_style().spec.neutral if hollow else current_style().spec.background,
                    },
                },
                hoverinfo="skip",
                meta={"role": "kind_key", "kind": kind},
            )
        )
    fig.update_yaxes(
        tickvals=list(range(len(order))),
        ticktext=[esc(names.get(rid, humanise_id(str(rid)))) for rid in order],
        range=[len(order) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    for index in range(len(order) - 1):
        fig.add_hline(y=index + 0.5, line={"color": current_style().spec.grid, "width": 1})
    # Pad the axis to whole years so one lone event doesn't get millisecond ticks, and label years only.
    dates = [point["x"] for point in points if point.get("x") is not None]
    if dates:
        first, last = min(dates), max(dates)
        fig.update_xaxes(
            range=[f"{first.year - 1}-07-01", f"{last.year + 1}-07-01"],
            dtick="M12" if last.year - first.year < 12 else "M60",
        )
    fig.update_xaxes(type="date", tickformat="%Y", title={"text": t("chart.timeline.axis")}, automargin=True)
    fig.update_layout(height=220 + 80 * len(order), margin={"b": 70}, hovermode="closest")
    return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
