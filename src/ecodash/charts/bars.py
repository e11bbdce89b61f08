"""Bar charts of the indicator comparison: one indicator on one axis (comparison_bar_chart), or one panel per
indicator, unit and comparability class (small_multiples)."""

from __future__ import annotations

import collections
import dataclasses
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecodash.analysis import comparability
from ecodash.analysis.indicators import CURATED, NOT_REPORTED, USER
from ecodash.charts.bounded import Drawn, by_turns, largest_first
from ecodash.charts.layout import empty_figure_note, finish_figure, style_value_axis
from ecodash.charts.scales import share_value_axes
from ecodash.charts.style import (
    USER_PATTERN,
    add_qualifier_keys,
    add_user_key,
    current_style,
    grouped_records,
    px,
    region_colour,
    styled,
    styled_marker,
)
from ecodash.charts.text import (
    PER_MILLION_UNIT,
    axis_unit_words,
    bar_label,
    cell,
    esc,
    fact_hover,
    fx_note,
    humanise_id,
    wrap,
)
from ecodash.i18n import t
from ecodash.i18n.formats import format_quantity, significant
from ecodash.schema.vocabularies import is_money, money_mask

# comparable_value: comparison_long's USD-or-own-unit; comparable_value_per_million: the same per million inhabitants
VALUE_COLUMNS = ("value", "value_usd", "comparable_value", "comparable_value_per_million")
SORTS = ("value", "region")
CATEGORY_WRAP_CHARS = 16
CATEGORY_LINE_PX = 19
# At most this much is drawn (charts.bounded says why and how the rest is told)
BAR_CHART_MAX_BARS = 20
MULTIPLES_MAX_PANELS = 12
MULTIPLES_MAX_BARS = 6
WIDE_PANEL_BARS = 3
"""A panel with more bars than this spans its row: side by side, its labels would run into each other."""
PANEL_TITLE_CHARS = 96
"""A panel title's line length when the panel spans the whole figure (a half-width one wraps at half of it)."""
VALUE_HEADROOM = 1.3
"""The value axis runs this far past the largest bar: room for its label, clear of the panel's title."""


def _plotted(frame: pd.DataFrame, value_column: str) -> tuple[pd.Series, pd.Series]:
    """(value drawn, its unit) per row: money in USD when asked; other units as stated (no conversion exists)."""
    if value_column not in VALUE_COLUMNS:
        raise ValueError(f"value_column must be one of {', '.join(VALUE_COLUMNS)}, not {value_column!r}")
    if value_column == "value":
        return frame["value"].astype("float64"), frame["unit"].astype("object")
    if value_column == "comparable_value" and "comparable_unit" in frame.columns:
        return frame["comparable_value"].astype("float64"), frame["comparable_unit"].astype("object")
    if value_column == "comparable_value_per_million":
        units = frame["comparable_unit"].astype("object") + PER_MILLION_UNIT
        return frame["comparable_value_per_million"].astype("float64"), units.where(frame["comparable_unit"].notna())
    money = money_mask(frame["unit"])
    values = frame["value_usd"].astype("float64").where(money, frame["value"].astype("float64"))
    units = frame["unit"].astype("object").where(~money, "USD")
    return values, units


def _short_fact_label(row: Mapping) -> str:
    """What tells one fact from its siblings: its instrument, else its id without the region prefix."""
    instrument = cell(row, "instrument_name")
    if instrument:
        return str(instrument)
    parts = str(row["fact_id"]).split("_")
    if len(parts) > 1 and len(parts[0]) <= 3:  # "gd_hub_subsidy_cap": the prefix only repeats the region
        parts = parts[1:]
    return " ".join(parts)


def _is_users(row: Mapping) -> bool:
    return cell(row, "origin") == USER


def _prepare_bars(
    long: pd.DataFrame, *, value_column: str, sort: str, wrap_chars: int = CATEGORY_WRAP_CHARS
) -> pd.DataFrame:
    """One row per category of a bar chart, ordered, with label, plotted value and unit; not-reported kept."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    frame = long.reset_index(drop=True).copy()
    frame["plotted"], frame["plotted_unit"] = _plotted(frame, value_column)
    frame["reported"] = (frame["report_status"] != NOT_REPORTED) & frame["plotted"].notna()
    region_order = {rid: i for i, rid in enumerate(dict.fromkeys(frame["region_id"]))}
    frame["region_rank"] = frame["region_id"].map(region_order)
    siblings = frame.loc[frame["reported"]].groupby("region_id")["fact_id"].transform("count")
    frame["siblings"] = siblings.reindex(frame.index).fillna(0).astype(int)
    labels = []
    for row in frame.to_dict("records"):
        label = str(row["region_name"])
        reported_for = cell(row, "reported_for")
        if row["reported"] and reported_for and reported_for != row["region_id"]:
            label += f" ({humanise_id(str(reported_for))})"
        if row["siblings"] > 1:
            label = t("chart.labelled", label=label, text=_short_fact_label(row))
        if _is_users(row):
            label = t("yours.mark_suffix", text=label)
        labels.append(wrap(label, wrap_chars))
    frame["category"] = labels
    duplicated = frame["category"].duplicated(keep=False)
    frame.loc[duplicated, "category"] += "<br>" + frame.loc[duplicated, "fact_id"].fillna("").map(esc)
    # several not-reported rows for one region (several indicators) collapse into one category
    frame = frame.drop_duplicates("category")
    if sort == "value":
        frame = frame.sort_values(["reported", "plotted", "region_rank"], ascending=[False, False, True])
    else:
        frame = frame.sort_values(["region_rank", "reported", "plotted"], ascending=[True, False, False])
    return frame.reset_index(drop=True)


def _classes(bars: pd.DataFrame) -> list[tuple[str | None, str | None]]:
    """(class key, class label) of the reported bars, headline class first; [(None, None)] without class columns.

    The label is given only when there are several classes (a lone class needs no caption on its panel).
    """
    if "comparability_class" not in bars.columns:
        return [(None, None)]
    reported = bars.loc[bars["reported"] & bars["comparability_class"].notna()]
    reported = reported.sort_values("in_headline_class", ascending=False, kind="stable")
    classes = list(dict.fromkeys(zip(reported["comparability_class"], reported["class_label"], strict=True)))
    if len(classes) <= 1:
        return [(None, None)]
    return classes


def _per_million_drawn(row: Mapping) -> str | None:
    """'Drawn per million inhabitants: … ÷ 1,444,000 inhabitants … (source)' for a per-inhabitant bar, else None."""
    if not str(row.get("plotted_unit", "")).endswith(PER_MILLION_UNIT):
        return None
    drawn = format_quantity(significant(row["plotted"]), str(row["comparable_unit"]))
    return t("chart.hover.drawn_per_million", value=drawn, how=row["per_million_derivation"])


def _check_one_unit(bars: pd.DataFrame, what: str) -> str | None:
    units = bars.loc[bars["reported"], "plotted_unit"].dropna().unique().tolist()
    if len(units) > 1:
        raise ValueError(
            f"{what} mixes units {', '.join(map(str, units))} on one axis"
            + (
                " (use value_column='value_usd' to compare money across currencies)"
                if all(map(is_money, units))
                else ""
            )
        )
    return units[0] if units else None


def _draw_bars(
    fig: go.Figure,
    bars: pd.DataFrame,
    *,
    heading: str,
    row: int | None = None,
    col: int | None = None,
    compact_text: bool = False,
) -> None:
    """Bars (one trace per region and qualifier) and a 'not reported' slot per region without a figure."""
    drawn = bars.loc[bars["reported"]]
    drawn = drawn.assign(origin=drawn["origin"].fillna(CURATED) if "origin" in drawn.columns else CURATED)
    for (region_id, qualifier, status, origin), records in grouped_records(
        drawn, ["region_id", "qualifier", "status", "origin"]
    ):
        colour = region_colour(str(region_id))
        marker = styled_marker(str(qualifier), colour, str(status))
        if origin == USER:  # the reader's own figure: a diagonal grid over its qualifier's fill
            marker["pattern"] |= USER_PATTERN | {"fgcolor": current_style().spec.text}
        suffix = (lambda text: t("yours.mark_suffix", text=text)) if origin == USER else (lambda text: text)
        fig.add_trace(
            go.Bar(
                x=[r["category"] for r in records],
                y=[r["plotted"] for r in records],
                name=esc(records[0]["region_name"]),
                text=[bar_label(r, compact=compact_text) for r in records],
                textposition="outside",
                textfont={"size": px(14), "color": current_style().spec.text},
                cliponaxis=False,
                marker=marker,
                customdata=[
                    [
                        fact_hover(r, heading=suffix(f"{r['region_name']} · {heading}"), plotted=_per_million_drawn(r)),
                        r["region_id"],
                        r["fact_id"],
                        r["qualifier"],
                    ]
                    for r in records
                ],
                hovertemplate="%{customdata[0]}<extra></extra>",
                showlegend=False,
                meta={
                    "role": "facts",
                    "region_id": region_id,
                    "qualifier": qualifier,
                    "status": status,
                    "indicator_id": records[0]["indicator_id"],
                    "origin": origin,
                },
            ),
            row=row,
            col=col,
        )
    missing = bars.loc[~bars["reported"]]
    if not missing.empty:
        # An invisible point registers the category on the axis, so the region keeps its slot with no bar.
        fig.add_trace(
            go.Scatter(
                x=missing["category"].tolist(),
                y=[None] * len(missing),
                mode="markers",
                marker={"opacity": 0},
                hoverinfo="skip",
                showlegend=False,
                meta={"role": "not_reported", "region_ids": missing["region_id"].tolist()},
            ),
            row=row,
            col=col,
        )
    for record in missing.to_dict("records"):
        fig.add_annotation(
            name="not_reported",
            text=f"<i>{t('chart.not_reported_short')}</i>",
            hovertext=esc(t("chart.hover.no_figure", region=record["region_name"], indicator=heading)),
            x=record["category"],
            xref="x",
            yref="y domain",
            y=0.01,
            yanchor="bottom",
            showarrow=False,
            font={"size": px(13), "color": current_style().spec.muted},
            row=row,
            col=col,
        )
    fig.update_xaxes(categoryorder="array", categoryarray=bars["category"].tolist(), tickangle=0, row=row, col=col)


def _placements(sizes: list[int], columns: int) -> list[tuple[int, int, int]]:
    """(row, column, columns spanned) of each panel, in order: a panel of more than WIDE_PANEL_BARS bars takes a
    row of its own (starting a new row if needed); the others fill the rows `columns` at a time."""
    places, row, col = [], 1, 1
    for size in sizes:
        span = columns if columns > 1 and size > WIDE_PANEL_BARS else 1
        if span > 1 and col != 1:
            row, col = row + 1, 1
        places.append((row, col, span))
        col += span
        if col > columns:
            row, col = row + 1, 1
    return places


def _category_space(bars: pd.DataFrame) -> int:
    lines = max((c.count("<br>") + 1 for c in bars["category"]), default=1)
    return 24 + px(CATEGORY_LINE_PX) * lines


def _with_log_note(subtitle: str, log_scale: bool) -> str:
    note = t("chart.log_scale")
    return f"{subtitle} · {note}" if log_scale and note not in subtitle else subtitle


@styled
def comparison_bar_chart(
    long: pd.DataFrame,
    *,
    value_column: str = "value",
    unit_label: str,
    title: str,
    subtitle: str,
    source_note: str,
    log_scale: bool = False,
    sort: str = "value",
) -> go.Figure:
    """One bar per fact of one indicator, coloured by region, patterned by qualifier; gaps marked 'not reported'."""
    indicators = long["indicator_id"].dropna().unique().tolist()
    if len(indicators) > 1:
        raise ValueError(
            f"comparison_bar_chart draws one indicator per axis, got {len(indicators)} "
            f"({', '.join(indicators)}); filter `long` or use small_multiples"
        )
    bars = _prepare_bars(long, value_column=value_column, sort=sort)
    unit = _check_one_unit(bars, "comparison_bar_chart")
    if len(_classes(bars)) > 1:
        raise ValueError(
            "comparison_bar_chart puts one comparability class on its axis; this indicator has "
            f"{len(_classes(bars))}: use small_multiples, which draws each class in its own panel"
        )
    reported = bars.loc[bars["reported"]]
    kept = largest_first(reported, BAR_CHART_MAX_BARS)
    drawn_count = Drawn(len(kept), len(reported), 1, 1)
    bars = bars.loc[~bars["reported"] | bars.index.isin(kept.index)]
    heading = str(long["indicator_name"].iloc[0]) if len(long) else ""
    fig = go.Figure()
    _draw_bars(fig, bars, heading=heading)
    add_qualifier_keys(fig, bars.loc[bars["reported"], "qualifier"], bars.loc[bars["reported"], "status"])
    add_user_key(fig, bars)
    style_value_axis(fig, unit, log_scale=log_scale, title=unit_label, values=bars.loc[bars["reported"], "plotted"])
    share_value_axes(
        fig, [(unit, bars.loc[bars["reported"], "plotted"], None, None)], log_scale=log_scale, headroom=VALUE_HEADROOM
    )
    if not bars["reported"].any():
        empty_figure_note(fig, t("chart.nothing_reported"))
    fig.update_layout(
        meta={"drawn": dataclasses.asdict(drawn_count)},
        barmode="overlay",
        bargap=0.25,
        height=560,
        margin={"b": _category_space(bars)},
    )
    note = "  ".join(part for part in (source_note, fx_note(long) if value_column != "value" else None) if part)
    note = "\n".join(part for part in (drawn_count.line(), note) if part)
    return finish_figure(fig, title=title, subtitle=_with_log_note(subtitle, log_scale), source_note=note)


@styled
def small_multiples(
    long: pd.DataFrame,
    *,
    value_column: str = "value",
    title: str,
    subtitle: str,
    source_note: str,
    log_scale: bool = False,
    sort: str = "value",
    columns: int = 2,
    comparability_note: str | None = None,
) -> go.Figure:
    """One subplot per indicator (own y axis, unit in its title), with the bar encoding of comparison_bar_chart.

    An indicator whose facts come in several units (CNY and KRW drawn as stated) gets one subplot per unit:
    no axis ever carries two units. `comparability_note`: comparability.chart_note(long) when the caller has it
    already ("" if the figures are alike): it is worked out again otherwise.
    """
    if columns < 1:
        raise ValueError("columns must be at least 1")
    candidates = []  # (indicator id, name, unit, its reported bars, class, missing, class label): every panel
    bars_of = 0
    for indicator_id in dict.fromkeys(long["indicator_id"].dropna()):
        rows = long.loc[long["indicator_id"] == indicator_id]
        bars = _prepare_bars(rows, value_column=value_column, sort=sort, wrap_chars=13 if columns <= 2 else 10)
        missing = ", ".join(dict.fromkeys(bars.loc[~bars["reported"], "region_name"].astype(str)))
        reported = bars.loc[bars["reported"]]
        units = reported["plotted_unit"].dropna().unique().tolist() or [None]
        classes = _classes(bars)
        per_unit = collections.Counter(reported["plotted_unit"].dropna())
        per_class = collections.Counter(
            zip(reported["plotted_unit"], reported["comparability_class"], strict=True)
            if "comparability_class" in reported.columns
            else ()
        )
        name = str(rows["indicator_name"].iloc[0])
        candidates += [
            (indicator_id, name, unit, reported, klass, missing, klass_label)
            for unit in units
            for klass, klass_label in classes
            if klass is None or per_class[(unit, klass)]
        ]
        bars_of += sum(per_unit[u] if k is None else per_class[(u, k)] for u in units for k, _ in classes)
    panels = []  # (indicator id, name, unit, bars, missing, class label): the panels drawn, their bars cut
    for at in by_turns([c[0] for c in candidates], MULTIPLES_MAX_PANELS):
        indicator_id, name, unit, reported, klass, missing, klass_label = candidates[at]
        part = reported.loc[reported["plotted_unit"] == unit]
        if klass is not None:
            part = part.loc[part["comparability_class"] == klass]
        panels.append((indicator_id, name, unit, largest_first(part, MULTIPLES_MAX_BARS), missing, klass_label))
    drawn_count = Drawn(sum(len(p[3]) for p in panels), bars_of, len(panels), len(candidates))
    if not panels:
        fig = go.Figure()
        empty_figure_note(fig, t("chart.nothing_to_compare"))
        fig.update_layout(height=400)
        return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
    columns = min(columns, len(panels))
    places = _placements([len(p[3]) for p in panels], columns)
    n_rows = places[-1][0]
    row_px, gap_px = 300, max(_category_space(p[3]) for p in panels) + 120
    plot_px = n_rows * row_px + (n_rows - 1) * gap_px
    titles = []
    for (_, name, unit, _, missing, klass_label), (_, _, span) in zip(panels, places, strict=True):
        # a title is as wide as its panel: wider, it would run into its neighbour's
        chars = PANEL_TITLE_CHARS * span // columns
        text = wrap(t("chart.panel_unit", name=name, unit=axis_unit_words(unit)) if unit else name, chars)
        if klass_label:
            style = f"font-size:{px(14)}px;color:{current_style().spec.muted}"
            text += f"<br><span style='{style}'>{wrap(klass_label, chars + 8)}</span>"
        if missing:
            # regions without a figure are named, not drawn: a narrow panel has no room for empty slots
            style = f"font-size:{px(14)}px;color:{current_style().spec.muted}"
            words = wrap(t("chart.not_reported_regions", regions=missing), chars + 8)
            text += f"<br><span style='{style}'><i>{words}</i></span>"
        titles.append(text)
    specs = [[None] * columns for _ in range(n_rows)]
    for row, col, span in places:
        specs[row - 1][col - 1] = {"colspan": span} if span > 1 else {}
    fig = make_subplots(
        rows=n_rows,
        cols=columns,
        specs=specs,
        subplot_titles=titles,
        vertical_spacing=gap_px / plot_px if n_rows > 1 else 0.1,
        horizontal_spacing=0.12 if columns > 1 else 0.0,
    )
    for index, (_, name, unit, bars, _, _) in enumerate(panels):
        row, col, _ = places[index]
        _draw_bars(fig, bars, heading=name, row=row, col=col, compact_text=True)
        fig.update_xaxes(tickfont={"size": px(13 if columns > 2 else 14)}, row=row, col=col)
        style_value_axis(
            fig,
            unit,
            log_scale=log_scale,
            title=None,  # the panel's title says its unit
            values=bars["plotted"],
            row=row,
            col=col,
        )
        if bars.empty:
            suffix = "" if index == 0 else str(index + 1)
            fig.add_annotation(
                name="empty_panel",
                text=f"<i>{esc(t('chart.not_reported_in_panel'))}</i>",
                xref=f"x{suffix} domain",
                yref=f"y{suffix} domain",
                x=0.5,
                y=0.5,
                showarrow=False,
                font={"size": px(14), "color": current_style().spec.muted},
            )
    # panels of one unit share one scale: 1.39 bn USD and 84.4 M USD side by side must not draw as equal bars
    share_value_axes(
        fig,
        [(p[2], p[3]["plotted"], row, col) for p, (row, col, _) in zip(panels, places, strict=True)],
        log_scale=log_scale,
        headroom=VALUE_HEADROOM,
    )
    for annotation in fig.layout.annotations[: len(panels)]:
        annotation.font = {"size": px(16), "color": current_style().spec.text}
    drawn = pd.concat([p[3] for p in panels])  # reported bars only
    add_qualifier_keys(fig, drawn.loc[drawn["reported"], "qualifier"], drawn.loc[drawn["reported"], "status"])
    add_user_key(fig, drawn)
    top = 110 + 22 * max(t.count("<br>") + 1 for t, place in zip(titles, places, strict=True) if place[0] == 1)
    bottom = max(_category_space(p[3]) for p, place in zip(panels, places, strict=True) if place[0] == n_rows)
    fig.update_layout(
        meta={"drawn": dataclasses.asdict(drawn_count)},
        barmode="overlay",
        bargap=0.25,
        height=plot_px + top + bottom,  # the panels keep their height however many lines the titles take
        margin={"t": top, "b": bottom},
    )
    if drawn_count.bounded:  # a bounded chart explains the panels it draws (the page's note covers the table)
        comparability_note = _comparability_note(drawn)
    elif comparability_note is None:
        comparability_note = _comparability_note(long)
    note = "\n".join(
        part
        for part in (
            drawn_count.line(),
            comparability_note,
            source_note,
            fx_note(long) if value_column != "value" else None,
        )
        if part
    )
    return finish_figure(fig, title=title, subtitle=_with_log_note(subtitle, log_scale), source_note=note)


def _comparability_note(frame: pd.DataFrame) -> str | None:
    """The chart's 'not alike' lines (which classes are drawn apart and how they differ), when it has classes."""
    if "comparability_class" not in frame.columns:
        return None
    return comparability.chart_note(frame) or None
