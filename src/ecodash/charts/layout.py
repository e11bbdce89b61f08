"""A figure's frame: title, subtitle, the in-figure source footnote, fonts, the empty-figure note and value axes."""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

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
