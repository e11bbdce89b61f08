"""A figure's frame: title, subtitle, the in-figure source footnote, fonts, the empty-figure note and value axes."""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from ecodash.analysis.indicators import USER
from ecodash.charts.style import current_style, px
from ecodash.charts.text import esc
from ecodash.i18n.formats import plotly_exponent_format, plotly_separators

# Font sizes and the footnote's line height at scale 1 (px() scales them to the ChartStyle).
BASE_FONT_PX = 15
TITLE_FONT_PX = 22
SUBTITLE_FONT_PX = 15
NOTE_FONT_PX = 13
NOTE_LINE_PX = 18
TITLE_TOP_PX = 12
"""The title's distance from the top of the figure, whatever its height and scale."""
NOTE_WRAP_CHARS = 110
"""The footnote's line length in characters at scale 1 (a larger scale wraps it shorter)."""


def _note_lines(source_note: str) -> list[str]:
    lines: list[str] = []
    width = int(NOTE_WRAP_CHARS / current_style().scale)
    for paragraph in str(source_note).splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width=width, break_long_words=False) or [""]
    return lines


def finish_figure(fig: go.Figure, *, title: str, subtitle: str, source_note: str) -> go.Figure:
    """Title, subtitle, in-figure source footnote and legible fonts, so an exported PNG explains itself.

    The footnote sits below the space the chart reserved for its x axis (layout.margin.b, set before calling);
    that space grows by the footnote's height, and so does layout.height when one is set.
    """
    axis_space = fig.layout.margin.b if fig.layout.margin.b is not None else 60
    lines = _note_lines(source_note)
    note_height = px(NOTE_LINE_PX) * len(lines) + 12
    fig.add_annotation(
        name="source_note",
        text="<br>".join(esc(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-axis_space,
        align="left",
        showarrow=False,
        font={"size": px(NOTE_FONT_PX), "color": current_style().spec.muted},
    )
    fig.update_layout(
        template=current_style().spec.template,
        separators=plotly_separators(),  # axis ticks and hover numbers in the reader's locale
        font={"size": px(BASE_FONT_PX), "color": current_style().spec.text},
        title={
            "text": esc(title),
            "font": {"size": px(TITLE_FONT_PX)},
            "subtitle": {
                "text": esc(subtitle),
                "font": {"size": px(SUBTITLE_FONT_PX), "color": current_style().spec.muted},
            },
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 0.98,
            "yref": "container",
            "yanchor": "top",
        },
        margin={"t": fig.layout.margin.t if fig.layout.margin.t is not None else 100, "b": axis_space + note_height},
        hoverlabel={"font": {"size": px(14)}, "align": "left", "bgcolor": current_style().spec.background},
        legend={"font": {"size": px(14)}, "grouptitlefont": {"size": px(14)}, "tracegroupgap": 12},
        # plotly shrinks a label wider than its bar; keep every label legible and the same size
        uniformtext={"minsize": px(13), "mode": "show"},
    )
    if fig.layout.height is not None:
        height = fig.layout.height + note_height
        # 12 px from the top whatever the height: a tall small-multiples figure must not slide its title down
        fig.update_layout(height=height, title_y=1 - TITLE_TOP_PX / height)
    return fig


def empty_figure_note(fig: go.Figure, text: str) -> None:
    """`text` in the middle of a figure that has nothing to draw, its axes hidden."""
    fig.add_annotation(
        name="empty_view",
        text=esc(text),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": px(18), "color": current_style().spec.muted},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


def style_value_axis(
    fig: go.Figure,
    unit: str | None,
    *,
    log_scale: bool,
    title: str | None,
    values=(),
    row=None,
    col=None,
    axis: str = "y",
) -> None:
    """The value axis (`axis`) of one panel: linear from zero or log, ticks in the reader's locale, percent for
    shares; on a log axis, the range shows the smallest of `values`."""
    update = {
        "type": "log" if log_scale else "linear",
        "title": {"text": esc(title) if title else None},
        "exponentformat": plotly_exponent_format(),
        "separatethousands": True,
        "automargin": True,
    }
    if unit == "share":
        update["tickformat"] = ".0%"
    positive = [float(v) for v in values if v is not None and float(v) > 0]
    if log_scale and positive:
        # bars on a log axis start at its bottom: a decade below the smallest keeps the smallest bar visible;
        # labels on powers of ten only (plotly's default mantissa labels are tiny)
        update |= {"range": [math.log10(min(positive)) - 1, math.log10(max(positive)) + 0.3], "dtick": 1}
    elif not log_scale:
        update["rangemode"] = "tozero"
    updater = fig.update_yaxes if axis == "y" else fig.update_xaxes
    updater(update, row=row, col=col)


# --- one panel of a figure: a slide shows one comparison a screen ------------------------------------------------

KEY_ROLES = ("qualifier_key", "origin_key")
"""Traces that only explain a mark in the legend (drawn at no position): a panel keeps those its bars use."""


def _axis_pairs(fig: go.Figure) -> list[tuple[str, str]]:
    """('x2', 'y2') of every panel that draws something, in subplot order (('x', 'y') for a one-panel figure)."""
    pairs = []
    for trace in fig.data:
        if (trace.meta or {}).get("role") in KEY_ROLES:
            continue
        pair = (trace.xaxis or "x", trace.yaxis or "y")
        if pair not in pairs:
            pairs.append(pair)
    number = lambda pair: int(pair[0][1:] or 1)
    return sorted(pairs, key=number) or [("x", "y")]


def panel_count(fig: go.Figure | None) -> int:
    """How many panels (subplots that draw something) the figure has: 0 without a figure."""
    return 0 if fig is None else len(_axis_pairs(fig))


def _layout_name(axis: str) -> str:
    """'x2' -> 'xaxis2', 'y' -> 'yaxis'."""
    return f"{axis[0]}axis{axis[1:]}"


def _value_axis(fig: go.Figure, pair: tuple[str, str]) -> tuple[str, list[float]]:
    """The panel's value axis ('x' for horizontal bars, else 'y') and the values its bars draw."""
    values: list[float] = []
    horizontal = False
    for trace in fig.data:
        if (trace.xaxis or "x", trace.yaxis or "y") != pair or trace.type != "bar":
            continue
        if (trace.meta or {}).get("role") in KEY_ROLES:
            continue
        horizontal = trace.orientation == "h"
        values += [float(v) for v in (trace.x if horizontal else trace.y) or () if v is not None]
    return ("x" if horizontal else "y"), values


def _shared_ranges(fig: go.Figure, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[float]]:
    """One range for every panel whose value axis has the same unit (its title) and type: panels shown one a
    screen must keep one scale, or a 16x gap reads as two equal bars. A panel alone in its unit keeps its own."""
    groups: dict[tuple, list[tuple[tuple[str, str], object, list[float]]]] = {}
    for pair in pairs:
        which, values = _value_axis(fig, pair)
        axis = fig.layout[_layout_name(pair[0] if which == "x" else pair[1])]
        groups.setdefault((which, axis.title.text, axis.type), []).append((pair, axis, values))
    ranges = {}
    for (which, _, kind), members in groups.items():
        if len(members) < 2:
            continue
        lows, highs = [], []
        for _, axis, values in members:
            positive = [v for v in values if v > 0]
            if axis.range is not None:
                lows.append(axis.range[0])
                highs.append(axis.range[1])
            elif kind == "log" and positive:
                lows.append(math.log10(min(positive)) - 1)
                highs.append(math.log10(max(positive)) + 0.3)
            elif values:
                lows.append(min(0.0, *values))
                highs.append(max(values) * 1.15)  # headroom for the value label above the tallest bar
        if highs:
            for pair, _, _ in members:
                ranges[pair] = [min(lows), max(highs)]
    return ranges


def _moved(ref: str | None, pair: tuple[str, str]) -> str | None:
    """An annotation's xref/yref on panel `pair` as it reads on a one-panel figure ('x2 domain' -> 'x domain')."""
    if ref is None or ref == "paper":
        return ref
    axis, _, rest = ref.partition(" ")
    for old in pair:
        if axis == old:
            return f"{old[0]} {rest}".strip() if rest else old[0]
    return ref


def panel_figures(fig: go.Figure) -> list[go.Figure]:
    """The figure cut into one figure per panel, for a slide a panel: each keeps its bars, its axes, its panel
    title (moved above the plot, left), the legend keys of the marks it draws, its own annotations and the
    figure-wide ones (title, footnote). Panels in the same unit keep one scale (their value axes share a range).
    A one-panel figure comes back as it is."""
    pairs = _axis_pairs(fig)
    if len(pairs) < 2:
        return [fig]
    ranges = _shared_ranges(fig, pairs)
    domains = {
        pair: (
            tuple(fig.layout[_layout_name(pair[0])].domain or (0, 1)),
            tuple(fig.layout[_layout_name(pair[1])].domain or (0, 1)),
        )
        for pair in pairs
    }

    def owner(annotation) -> tuple[str, str] | None:
        """The panel an annotation belongs to: by its axes, or (a subplot title) by sitting on a panel's top."""
        for pair in pairs:
            if (annotation.xref or "").split(" ")[0] == pair[0] or (annotation.yref or "").split(" ")[0] == pair[1]:
                return pair
        if annotation.xref == "paper" and annotation.yref == "paper" and annotation.name is None:
            for pair, (xs, ys) in domains.items():
                if abs((annotation.y or 0) - ys[1]) < 1e-6 and xs[0] - 1e-6 <= (annotation.x or 0) <= xs[1] + 1e-6:
                    return pair
        return None

    out = []
    for pair in pairs:
        layout = {k: v for k, v in fig.layout.to_plotly_json().items() if k[:5] not in ("xaxis", "yaxis")}
        panel = go.Figure(layout=layout)
        for old, new in zip(pair, ("x", "y"), strict=True):
            axis = fig.layout[_layout_name(old)].to_plotly_json()
            axis.pop("matches", None)
            axis.update(domain=[0, 1], anchor="y" if new == "x" else "x")
            panel.layout[_layout_name(new)] = axis
        if pair in ranges:
            which, _ = _value_axis(fig, pair)
            panel.layout[_layout_name(which)].update(range=ranges[pair], autorange=False)
        marks = set()
        for trace in fig.data:
            if (trace.xaxis or "x", trace.yaxis or "y") == pair and (trace.meta or {}).get("role") not in KEY_ROLES:
                meta = trace.meta or {}
                marks |= {("qualifier", meta.get("qualifier")), ("status", meta.get("status"))}
                marks |= {("origin", meta.get("origin"))}
                panel.add_trace(type(trace)(trace).update(xaxis="x", yaxis="y"))
        for trace in fig.data:
            meta = trace.meta or {}
            if meta.get("role") == "qualifier_key":
                wanted = ("qualifier", meta["qualifier"]) if "qualifier" in meta else ("status", meta.get("status"))
                if wanted in marks:
                    panel.add_trace(trace)
            elif meta.get("role") == "origin_key" and ("origin", USER) in marks:
                panel.add_trace(trace)
        kept = []
        for annotation in fig.layout.annotations:
            belongs = owner(annotation)
            if belongs is None:
                kept.append(annotation)
            elif belongs == pair:
                moved = go.layout.Annotation(annotation)
                moved.update(xref=_moved(annotation.xref, pair), yref=_moved(annotation.yref, pair))
                if annotation.xref == "paper" and annotation.name is None:  # the panel's title
                    moved.update(name="panel_title", x=0, xanchor="left", y=1, yanchor="bottom", align="left")
                kept.append(moved)
        panel.layout.annotations = kept
        out.append(panel)
    return out
