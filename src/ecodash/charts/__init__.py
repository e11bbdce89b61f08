"""Pure plotly figures of ecodash tables: comparison bars, small multiples, funding views, timeline (no Streamlit)."""

from __future__ import annotations

import collections
import dataclasses
import functools
import html
import math
import textwrap
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ecodash import i18n
from ecodash.analysis import comparability, intensity
from ecodash.analysis.indicators import CURATED, NOT_REPORTED, USER
from ecodash.charts.theme import DEFAULT_THEME, Theme, get_theme, region_colours
from ecodash.i18n import t
from ecodash.i18n.formats import (
    compact_number,
    format_fact,
    format_quantity,
    number,
    plotly_exponent_format,
    plotly_separators,
    qualifier_label,
    rate,
    scope_label,
    significant,
    unit_label,
)
from ecodash.i18n.formats import label as vocabulary_label
from ecodash.ingest.dataset import Dataset
from ecodash.schema.models import QUALIFIERS, is_money, money_mask

# --- colours ----------------------------------------------------------------------------------

# One colour per region, by rule from the data (ecodash.charts.theme.region_colours), carried by the figure's ChartStyle.


def region_colour(region_id: str) -> str:
    """The region's colour in the figure being drawn (its ChartStyle), a neutral grey for an unknown id."""
    return _style().colour(region_id)


@dataclass(frozen=True)
class ChartStyle:
    """How a figure is drawn: its theme (template, text colours), one colour per region, and a font scale
    (presentation mode enlarges every font and line height by `scale`)."""

    theme: str = DEFAULT_THEME
    scale: float = 1.0
    colours: Mapping[str, str] = field(default_factory=dict)
    """region_id -> colour (ecodash.charts.theme.region_colours); a region not in it is drawn in the overflow grey."""

    @classmethod
    def for_dataset(cls, dataset: Dataset, theme: str = DEFAULT_THEME, scale: float = 1.0) -> ChartStyle:
        """The style of `dataset`'s charts: its regions' colours in `theme`."""
        return cls(theme=theme, scale=scale, colours=region_colours(dataset.regions, theme))

    @property
    def spec(self) -> Theme:
        return get_theme(self.theme)

    def colour(self, region_id: object) -> str:
        return self.colours.get(str(region_id)) or self.spec.overflow

    def px(self, size: float) -> int:
        return round(size * self.scale)


_STYLE: ContextVar[ChartStyle] = ContextVar("ecodash_chart_style", default=ChartStyle())  # noqa: B039 (frozen)


def _style() -> ChartStyle:
    return _STYLE.get()


def _px(size: float) -> int:
    """A font or line size in pixels at the current style's scale."""
    return _style().px(size)


def styled(function):
    """Chart functions take `style=ChartStyle(...)`; inside, every helper reads it through _style()."""

    @functools.wraps(function)
    def draw(*args, style: ChartStyle | None = None, **kwargs):
        token = _STYLE.set(style or ChartStyle())
        try:
            return function(*args, **kwargs)
        finally:
            _STYLE.reset(token)

    return draw


def _tint(colour: str, opacity: float) -> str:
    """`colour` as rgba at `opacity`: the faint fill of hatched and outlined bars."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{opacity})"


# --- qualifier encoding -----------------------------------------------------------------------

# How sure a figure is must be visible without colour: solid = stated, pattern = hedged or bounded,
# outline = not real yet (a target or a proposal). `fill_opacity` < 1 leaves a tint of the region colour
# behind the pattern. The pattern comes from the qualifier, the outline from the status.
# Legend words: chart.legend.qualifier.<qualifier> and chart.legend.status.<status> in the catalogue.
QUALIFIER_STYLE: dict[str, dict] = {
    "exact": {"pattern_shape": "", "pattern_on": "white", "fill_opacity": 1.0, "line_width": 1.0},
    "approximate": {"pattern_shape": ".", "pattern_on": "white", "fill_opacity": 1.0, "line_width": 1.0},
    "at_least": {"pattern_shape": "+", "pattern_on": "white", "fill_opacity": 1.0, "line_width": 1.0},
    "up_to": {"pattern_shape": "/", "pattern_on": "region", "fill_opacity": 0.25, "line_width": 1.5},
}
OUTLINED_STATUS_STYLE = {"fill_opacity": 0.08, "line_width": 3.5, "pattern_on": "region"}
OUTLINED_STATUSES = ("target", "proposed")


def bar_style(qualifier: str, colour: str, status: str = "achieved") -> dict[str, object]:
    """Fill, pattern and border of one bar of `colour` stating a figure with `qualifier` and `status`."""
    style = dict(QUALIFIER_STYLE[qualifier])
    if status in OUTLINED_STATUSES:
        style |= OUTLINED_STATUS_STYLE
    outline = colour
    return {
        "fill": colour if style["fill_opacity"] >= 1 else _tint(colour, style["fill_opacity"]),
        "pattern_shape": style["pattern_shape"],
        # dots and crosses on a solid bar are drawn in the background colour (white on light, near-black on dark)
        "pattern_colour": _style().spec.background if style["pattern_on"] == "white" else outline,
        "line_colour": outline,
        "line_width": style["line_width"],
    }


def _styled_marker(qualifier: str, colour: str, status: str = "achieved") -> dict:
    """Scalar marker of one (region, qualifier, status) trace: plotly ignores per-bar arrays of pattern colours."""
    style = bar_style(qualifier, colour, status)
    return {
        "color": style["fill"],
        "line": {"color": style["line_colour"], "width": style["line_width"]},
        "pattern": {
            "shape": style["pattern_shape"],
            "fgcolor": style["pattern_colour"],
            "fillmode": "overlay",
            "fgopacity": 0.9,
            "size": 9,
            "solidity": 0.35,
        },
    }


def _add_qualifier_keys(fig: go.Figure, qualifiers: Iterable[str], statuses: Iterable[str] = ()) -> None:
    """Legend entries explaining each mark used (qualifiers in QUALIFIERS order, then outlined statuses)."""
    present, outlined = set(qualifiers), set(statuses)
    keys = [(q, "achieved", t(f"chart.legend.qualifier.{q}"), {"qualifier": q}) for q in QUALIFIERS if q in present]
    keys += [("exact", s, t(f"chart.legend.status.{s}"), {"status": s}) for s in OUTLINED_STATUSES if s in outlined]
    for qualifier, status, legend, meta in keys:
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=_esc(legend),
                legendgroup="qualifier",
                legendgrouptitle={"text": t("chart.legend.kind_of_figure")},
                marker=_styled_marker(qualifier, _style().spec.neutral, status),
                hoverinfo="skip",
                showlegend=True,
                meta={"role": "qualifier_key", **meta},
            )
        )


USER_PATTERN = {"shape": "x", "size": 7, "solidity": 0.25}
"""The reader's own figures get a diagonal grid (no qualifier uses "x"), over their qualifier's fill."""


def _is_users(row: Mapping) -> bool:
    return _get(row, "origin") == USER


def _add_user_key(fig: go.Figure, bars: pd.DataFrame) -> None:
    """A legend entry saying what the diagonal grid means, when any bar drawn is the reader's."""
    if "origin" not in bars.columns or not (bars["reported"] & (bars["origin"] == USER)).any():
        return
    marker = _styled_marker("exact", _style().spec.neutral)
    marker["pattern"] |= USER_PATTERN | {"fgcolor": _style().spec.text}
    fig.add_trace(
        go.Bar(
            x=[None],
            y=[None],
            name=_esc(t("yours.chart.key")),
            legendgroup="origin",
            legendgrouptitle={"text": _esc(t("yours.chart.legend_title"))},
            marker=marker,
            hoverinfo="skip",
            showlegend=True,
            meta={"role": "origin_key"},
        )
    )


# --- text -------------------------------------------------------------------------------------

BASE_FONT_PX = 15
TITLE_FONT_PX = 22
SUBTITLE_FONT_PX = 15
NOTE_FONT_PX = 13
TITLE_TOP_PX = 12
NOTE_LINE_PX = 18
NOTE_WRAP_CHARS = 110
QUOTE_WRAP_CHARS = 80


def axis_unit_words(unit: object) -> str:
    """Axis words for a plotted unit ('USD/per_million' -> 'US dollars per million inhabitants')."""
    text = str(unit)
    if text.endswith(PER_MILLION_UNIT):
        return t("unit.per_million", unit=unit_label(text.removesuffix(PER_MILLION_UNIT)))
    return unit_label(text)


def _esc(text: object) -> str:
    """Data text made literal for plotly's pseudo-HTML ("<b>" shows as typed).

    quote=False: plotly decodes &lt; &gt; &amp; and numeric entities, but not &quot;.
    """
    return html.escape(str(text), quote=False)


def _wrap(text: object, width: int) -> str:
    """Escaped text broken into lines of at most `width` characters, joined by <br>."""
    lines = textwrap.wrap(str(text), width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br>".join(_esc(line) for line in lines)


def _get(row: Mapping, column: str) -> object | None:
    """A cell, or None when the column is absent or the cell is missing."""
    value = row.get(column)
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _humanise_id(identifier: str) -> str:
    return identifier.replace("_", " ").title()


def _short_fact_label(row: Mapping) -> str:
    """What tells one fact from its siblings: its instrument, else its id without the region prefix."""
    instrument = _get(row, "instrument_name")
    if instrument:
        return str(instrument)
    parts = str(row["fact_id"]).split("_")
    if len(parts) > 1 and len(parts[0]) <= 3:  # "gd_hub_subsidy_cap": the prefix only repeats the region
        parts = parts[1:]
    return " ".join(parts)


def _period(row: Mapping) -> str | None:
    start, end = _get(row, "period_start"), _get(row, "period_end")
    if start is not None and end is not None:
        return f"{int(start)}–{int(end)}" if int(start) != int(end) else f"{int(start)}"
    if start is not None:
        return t("format.since", year=int(start))
    if end is not None:
        return t("format.by", year=int(end))
    return None


def _fact_hover(row: Mapping, *, heading: str, plotted: str | None = None) -> str:
    """Hover text of one fact: as stated, in USD with its FX basis, period, quote and source; all escaped."""
    qualifier = _get(row, "qualifier")
    lines = [f"<b>{_esc(heading)}</b>"]
    reported_for, region_id = _get(row, "reported_for"), _get(row, "region_id")
    if reported_for and region_id and reported_for != region_id:
        name = _get(row, "reported_for_name") or _humanise_id(str(reported_for))
        lines.append(_esc(t("chart.hover.reported_for", region=name)))
    stated = _esc(t("chart.hover.as_stated", label=row["value_label"]))
    if qualifier:
        stated += f" ({_esc(qualifier_label(qualifier))})"
    lines.append(stated)
    if _get(row, "class_label"):
        lines.append(_wrap(t("chart.hover.kind", kind=row["class_label"]), QUOTE_WRAP_CHARS))
    if _get(row, "difference_note"):
        lines.append(_wrap(t("chart.hover.unlike", how=row["difference_note"]), QUOTE_WRAP_CHARS))
    if plotted:
        lines.append(_wrap(plotted, QUOTE_WRAP_CHARS))
    usd, unit = _get(row, "value_usd"), _get(row, "unit")
    if usd is not None and unit != "USD" and not plotted:
        lines.append(_esc(t("chart.hover.in_usd", usd=compact_number(float(usd)))))
    # funding_table's `derivation` covers annualising and FX; facts_table carries only fx_derivation
    derivation = _get(row, "derivation") or _get(row, "fx_derivation")
    if derivation and is_money(unit):
        lines.append(_wrap(t("chart.hover.how", how=derivation), QUOTE_WRAP_CHARS))
    details = [
        part for part in (_period(row), (scope_label(_get(row, "scope")) if _get(row, "scope") else None)) if part
    ]
    if details:
        lines.append(_esc(" · ".join(details)))
    lines += _quote_lines(row)
    source = _get(row, "source_id")
    fact_id = _get(row, "fact_id")
    if source:
        lines.append(
            _esc(
                t("chart.hover.source_fact", source=source, fact=fact_id)
                if fact_id
                else t("chart.hover.source", source=source)
            )
        )
    return "<br>".join(lines)


def _quote_lines(row: Mapping) -> list[str]:
    """The French quote; in English, its translation below it (in French the quote stands alone)."""
    lines = []
    if _get(row, "quote"):
        lines.append(_wrap(t("chart.hover.quote", quote=row["quote"]), QUOTE_WRAP_CHARS))
    if _get(row, "quote_en") and i18n.current() != "fr":
        lines.append(_wrap(t("chart.hover.translation", translation=row["quote_en"]), QUOTE_WRAP_CHARS))
    return lines


def _fx_note(frame: pd.DataFrame) -> str | None:
    """'FX: 7.0809 CNY/USD; 1,306.7637 KRW/USD' for the converted rows of `frame`, if it carries fx_rate."""
    if "fx_rate" not in frame.columns:
        return None
    converted = frame.loc[money_mask(frame["unit"]) & (frame["unit"] != "USD") & frame["fx_rate"].notna()]
    rates = sorted(
        {(str(unit), round(float(rate), 4)) for unit, rate in zip(converted["unit"], converted["fx_rate"], strict=True)}
    )
    if not rates:
        return None
    return t("chart.fx_note", rates="; ".join(f"{rate(value)} {unit}/USD" for unit, value in rates))


# --- common frame -----------------------------------------------------------------------------


def _note_lines(source_note: str) -> list[str]:
    lines: list[str] = []
    width = int(NOTE_WRAP_CHARS / _style().scale)
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
    note_height = _px(NOTE_LINE_PX) * len(lines) + 12
    fig.add_annotation(
        name="source_note",
        text="<br>".join(_esc(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-axis_space,
        align="left",
        showarrow=False,
        font={"size": _px(NOTE_FONT_PX), "color": _style().spec.muted},
    )
    fig.update_layout(
        template=_style().spec.template,
        separators=plotly_separators(),  # axis ticks and hover numbers in the reader's locale
        font={"size": _px(BASE_FONT_PX), "color": _style().spec.text},
        title={
            "text": _esc(title),
            "font": {"size": _px(TITLE_FONT_PX)},
            "subtitle": {"text": _esc(subtitle), "font": {"size": _px(SUBTITLE_FONT_PX), "color": _style().spec.muted}},
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 0.98,
            "yref": "container",
            "yanchor": "top",
        },
        margin={"t": fig.layout.margin.t if fig.layout.margin.t is not None else 100, "b": axis_space + note_height},
        hoverlabel={"font": {"size": _px(14)}, "align": "left", "bgcolor": _style().spec.background},
        legend={"font": {"size": _px(14)}, "grouptitlefont": {"size": _px(14)}, "tracegroupgap": 12},
        # plotly shrinks a label wider than its bar; keep every label legible and the same size
        uniformtext={"minsize": _px(13), "mode": "show"},
    )
    if fig.layout.height is not None:
        height = fig.layout.height + note_height
        # 12 px from the top whatever the height: a tall small-multiples figure must not slide its title down
        fig.update_layout(height=height, title_y=1 - TITLE_TOP_PX / height)
    return fig


def _empty_figure_note(fig: go.Figure, text: str) -> None:
    fig.add_annotation(
        name="empty_view",
        text=_esc(text),
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": _px(18), "color": _style().spec.muted},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


# --- comparison bars --------------------------------------------------------------------------

# comparable_value: comparison_long's USD-or-own-unit; comparable_value_per_million: the same per million inhabitants
VALUE_COLUMNS = ("value", "value_usd", "comparable_value", "comparable_value_per_million")
PER_MILLION_UNIT = "/per_million"
"""Suffix of a plotted unit drawn per million inhabitants (an internal tag; axis_unit_words says it in words)."""
SORTS = ("value", "region")
CATEGORY_WRAP_CHARS = 16
CATEGORY_LINE_PX = 19


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
        reported_for = _get(row, "reported_for")
        if row["reported"] and reported_for and reported_for != row["region_id"]:
            label += f" ({_humanise_id(str(reported_for))})"
        if row["siblings"] > 1:
            label += f": {_short_fact_label(row)}"
        if _is_users(row):
            label = t("yours.mark_suffix", text=label)
        labels.append(_wrap(label, wrap_chars))
    frame["category"] = labels
    duplicated = frame["category"].duplicated(keep=False)
    frame.loc[duplicated, "category"] += "<br>" + frame.loc[duplicated, "fact_id"].fillna("").map(_esc)
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


def _usd_label(value: float, qualifier: str, suffix: str = "", status: str | None = None) -> str:
    """A converted figure at three significant digits ('≤ 7.06 M USD', 'target 84.4 M USD'): more would claim
    FX precision; the status stays on the label like the qualifier."""
    return f"{format_fact(significant(value), 'USD', qualifier, status)}{suffix}"


def _bar_text(row: Mapping, *, compact: bool = False) -> str:
    """The label as stated ('≤ 50 M CNY'); when drawn in USD, the USD figure first, the stated one below.

    `compact` (narrow panels) keeps only the drawn figure; the stated one stays in the hover.
    """
    stated = _esc(row["value_label"])
    if row["plotted_unit"] != row["unit"]:
        usd = _esc(_usd_label(row["plotted"], row["qualifier"], status=row.get("status")))
        return usd if compact else f"{usd}<br>({stated})"
    return stated


def _grouped_records(frame: pd.DataFrame, columns: list[str]) -> list[tuple[tuple, list[dict]]]:
    """frame.groupby(columns, sort=False) as (key, the group's rows as dicts), groups and rows in frame order.

    The frame becomes dicts once: DataFrame.to_dict per group reads every column of the frame again for each
    group (a thousand small groups of a 60-column frame took 6 s)."""
    codes = frame.groupby(columns, sort=False).ngroup()  # first appearance order; a missing key -> NaN (left out)
    records = frame.to_dict("records")
    groups: dict[int, list[dict]] = {}
    for code, record in zip(codes.tolist(), records, strict=True):
        if pd.notna(code) and code >= 0:
            groups.setdefault(int(code), []).append(record)
    return [(tuple(rows[0][c] for c in columns), rows) for _, rows in sorted(groups.items())]


# --- bounded drawing ----------------------------------------------------------------------------
# A chart is read on a screen or a shared slide: past a few panels and a few dozen bars nobody reads it, and the
# browser and the server spend seconds on it (a 10 000-fact dataset gave Compare 96 panels and 1 976 bars). A
# chart draws at most these; what it leaves out is said inside the figure (so an exported image says it too) and
# on the page, and the table under the chart keeps every figure.
BAR_CHART_MAX_BARS = 20
MULTIPLES_MAX_PANELS = 12
MULTIPLES_MAX_BARS = 6
FUNDING_MAX_PANELS = 4
FUNDING_MAX_BARS = 20


@dataclass(frozen=True)
class Drawn:
    """How much of a view a chart draws: bars and panels drawn, of how many."""

    bars: int
    bars_of: int
    panels: int
    panels_of: int

    @property
    def bounded(self) -> bool:
        return self.bars < self.bars_of or self.panels < self.panels_of

    def line(self) -> str | None:
        """'Drawn: 96 of 1,976 figures, in 8 of 96 panels: …' when something is left out, else None."""
        if not self.bounded:
            return None
        return t(
            "chart.bounded",
            bars=number(self.bars, 0),
            bars_of=number(self.bars_of, 0),
            panels=number(self.panels, 0),
            panels_of=number(self.panels_of, 0),
        )


def drawn_line(fig: go.Figure | None) -> str | None:
    """The figure's 'Drawn: n of N figures' line (None when it draws everything): for the page under the chart."""
    meta = fig.layout.meta if fig is not None else None
    if not isinstance(meta, dict) or "drawn" not in meta:
        return None
    return Drawn(**meta["drawn"]).line()


def _largest_first(part: pd.DataFrame, limit: int) -> pd.DataFrame:
    """At most `limit` rows of one panel's bars, in their order: each region's largest figure first (no region
    vanishes while there is room for it), then the largest of the rest."""
    if len(part) <= limit:
        return part
    plotted = part["plotted"].astype("float64")
    later = plotted.groupby(part["region_id"], sort=False).rank(method="first", ascending=False) > 1
    order = pd.DataFrame({"later": later, "size": -plotted.fillna(-math.inf), "at": range(len(part))})
    keep = order.sort_values(["later", "size", "at"], kind="stable")["at"].iloc[:limit]
    return part.iloc[sorted(keep)]


def _by_turns(keys: list[object], limit: int) -> list[int]:
    """Positions of at most `limit` panels, taken in turns across their keys (an indicator each): every indicator
    keeps its first panel while there is room; the positions come back in their order."""
    turn = collections.Counter()
    ranks = []
    for at, key in enumerate(keys):
        ranks.append((turn[key], at))
        turn[key] += 1
    return sorted(at for _, at in sorted(ranks)[:limit])


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
    for (region_id, qualifier, status, origin), records in _grouped_records(
        drawn, ["region_id", "qualifier", "status", "origin"]
    ):
        colour = region_colour(str(region_id))
        marker = _styled_marker(str(qualifier), colour, str(status))
        if origin == USER:  # the reader's own figure: a diagonal grid over its qualifier's fill
            marker["pattern"] |= USER_PATTERN | {"fgcolor": _style().spec.text}
        suffix = (lambda text: t("yours.mark_suffix", text=text)) if origin == USER else (lambda text: text)
        fig.add_trace(
            go.Bar(
                x=[r["category"] for r in records],
                y=[r["plotted"] for r in records],
                name=_esc(records[0]["region_name"]),
                text=[_bar_text(r, compact=compact_text) for r in records],
                textposition="outside",
                textfont={"size": _px(14), "color": _style().spec.text},
                cliponaxis=False,
                marker=marker,
                customdata=[
                    [
                        _fact_hover(
                            r, heading=suffix(f"{r['region_name']} · {heading}"), plotted=_per_million_drawn(r)
                        ),
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
            hovertext=_esc(t("chart.hover.no_figure", region=record["region_name"], indicator=heading)),
            x=record["category"],
            xref="x",
            yref="y domain",
            y=0.01,
            yanchor="bottom",
            showarrow=False,
            font={"size": _px(13), "color": _style().spec.muted},
            row=row,
            col=col,
        )
    fig.update_xaxes(categoryorder="array", categoryarray=bars["category"].tolist(), tickangle=0, row=row, col=col)


def _style_value_axis(
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
    update = {
        "type": "log" if log_scale else "linear",
        "title": {"text": _esc(title) if title else None},
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


def _category_space(bars: pd.DataFrame) -> int:
    lines = max((c.count("<br>") + 1 for c in bars["category"]), default=1)
    return 24 + _px(CATEGORY_LINE_PX) * lines


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
    kept = _largest_first(reported, BAR_CHART_MAX_BARS)
    drawn_count = Drawn(len(kept), len(reported), 1, 1)
    bars = bars.loc[~bars["reported"] | bars.index.isin(kept.index)]
    heading = str(long["indicator_name"].iloc[0]) if len(long) else ""
    fig = go.Figure()
    _draw_bars(fig, bars, heading=heading)
    _add_qualifier_keys(fig, bars.loc[bars["reported"], "qualifier"], bars.loc[bars["reported"], "status"])
    _add_user_key(fig, bars)
    _style_value_axis(fig, unit, log_scale=log_scale, title=unit_label, values=bars.loc[bars["reported"], "plotted"])
    if not bars["reported"].any():
        _empty_figure_note(fig, t("chart.nothing_reported"))
    fig.update_layout(
        meta={"drawn": dataclasses.asdict(drawn_count)},
        barmode="overlay",
        bargap=0.25,
        height=560,
        margin={"b": _category_space(bars)},
    )
    note = "  ".join(part for part in (source_note, _fx_note(long) if value_column != "value" else None) if part)
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
    for at in _by_turns([c[0] for c in candidates], MULTIPLES_MAX_PANELS):
        indicator_id, name, unit, reported, klass, missing, klass_label = candidates[at]
        part = reported.loc[reported["plotted_unit"] == unit]
        if klass is not None:
            part = part.loc[part["comparability_class"] == klass]
        panels.append((indicator_id, name, unit, _largest_first(part, MULTIPLES_MAX_BARS), missing, klass_label))
    drawn_count = Drawn(sum(len(p[3]) for p in panels), bars_of, len(panels), len(candidates))
    if not panels:
        fig = go.Figure()
        _empty_figure_note(fig, t("chart.nothing_to_compare"))
        fig.update_layout(height=400)
        return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
    columns = min(columns, len(panels))
    n_rows = math.ceil(len(panels) / columns)
    row_px, gap_px = 300, max(_category_space(p[3]) for p in panels) + 120
    plot_px = n_rows * row_px + (n_rows - 1) * gap_px
    titles = []
    for _, name, unit, _, missing, klass_label in panels:
        text = _wrap(t("chart.panel_unit", name=name, unit=axis_unit_words(unit)) if unit else name, 48)
        if klass_label:
            style = f"font-size:{_px(14)}px;color:{_style().spec.muted}"
            text += f"<br><span style='{style}'>{_wrap(klass_label, 56)}</span>"
        if missing:
            # regions without a figure are named, not drawn: a narrow panel has no room for empty slots
            style = f"font-size:{_px(14)}px;color:{_style().spec.muted}"
            text += f"<br><span style='{style}'><i>{_esc(t('chart.not_reported_regions', regions=missing))}</i></span>"
        titles.append(text)
    fig = make_subplots(
        rows=n_rows,
        cols=columns,
        subplot_titles=titles,
        vertical_spacing=gap_px / plot_px if n_rows > 1 else 0.1,
        horizontal_spacing=0.12 if columns > 1 else 0.0,
    )
    for index, (_, name, unit, bars, _, _) in enumerate(panels):
        row, col = index // columns + 1, index % columns + 1
        _draw_bars(fig, bars, heading=name, row=row, col=col, compact_text=True)
        fig.update_xaxes(tickfont={"size": _px(13 if columns > 2 else 14)}, row=row, col=col)
        _style_value_axis(
            fig,
            unit,
            log_scale=log_scale,
            title=axis_unit_words(unit) if unit else None,
            values=bars["plotted"],
            row=row,
            col=col,
        )
        if bars.empty:
            suffix = "" if index == 0 else str(index + 1)
            fig.add_annotation(
                name="empty_panel",
                text=f"<i>{_esc(t('chart.not_reported_in_panel'))}</i>",
                xref=f"x{suffix} domain",
                yref=f"y{suffix} domain",
                x=0.5,
                y=0.5,
                showarrow=False,
                font={"size": _px(14), "color": _style().spec.muted},
            )
    for index in range(len(panels), n_rows * columns):  # an empty grid cell: no axes, but the same scale type
        row, col = index // columns + 1, index % columns + 1
        fig.update_xaxes(visible=False, row=row, col=col)
        fig.update_yaxes(visible=False, type="log" if log_scale else "linear", row=row, col=col)
    for annotation in fig.layout.annotations[: len(panels)]:
        annotation.font = {"size": _px(16), "color": _style().spec.text}
    drawn = pd.concat([p[3] for p in panels])  # reported bars only
    _add_qualifier_keys(fig, drawn.loc[drawn["reported"], "qualifier"], drawn.loc[drawn["reported"], "status"])
    _add_user_key(fig, drawn)
    fig.update_layout(
        meta={"drawn": dataclasses.asdict(drawn_count)},
        barmode="overlay",
        bargap=0.25,
        height=plot_px + 140,
        margin={
            "t": 110 + 22 * max(t.count("<br>") + 1 for t in titles[:columns]),
            "b": max(_category_space(p[3]) for p in panels[-columns:]),
        },
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
            _fx_note(long) if value_column != "value" else None,
        )
        if part
    )
    return finish_figure(fig, title=title, subtitle=_with_log_note(subtitle, log_scale), source_note=note)


def _comparability_note(frame: pd.DataFrame) -> str | None:
    """The chart's 'not alike' lines (which classes are drawn apart and how they differ), when it has classes."""
    if "comparability_class" not in frame.columns:
        return None
    return comparability.chart_note(frame) or None


# --- funding ----------------------------------------------------------------------------------

# A view's words: funding.title.<view> (chart title) and funding.what.<view> (its name in notes).
FUNDING_VIEWS = {
    "per_recipient": {"column": "value_usd", "per_year": False},
    "per_year": {"column": "per_year_usd", "per_year": True},
    "total": {"column": "value_usd", "per_year": False},
}


def funding_what(view: str) -> str:
    """What a funding view shows, in words ('Funding per year'), for its notes."""
    return t(f"funding.what.{view}")


FUNDING_LABEL_WRAP_CHARS = 34
FUNDING_PANEL_GAP_PX = 150
FUNDING_PANELS_TOP_PX = 165


def funding_view_rows(
    funding: pd.DataFrame, view: str, *, per_million: bool = False, drawn_only: bool = True
) -> pd.DataFrame:
    """The facts one view may show: caps, annual (stated or annualised), or totals; never a mix.

    With `per_million`, only the figures that can be put per inhabitant, plotted per million inhabitants.
    `drawn_only=False` keeps the view's figures that have no value in US dollars (no FX rate for their currency).
    """
    if view == "per_recipient":
        rows = funding.loc[(funding["scope"] == "per_recipient")]
        usd = rows["value_usd"]
    elif view == "per_year":
        rows = funding.loc[funding["per_year_value"].notna()]
        usd = rows["per_year_usd"]
    elif view == "total":
        rows = funding.loc[funding["scope"].isin(["multi_year", "cumulative"])]
        usd = rows["value_usd"]
    else:
        raise ValueError(f"view must be one of {', '.join(FUNDING_VIEWS)}, not {view!r}")
    if drawn_only:
        rows = rows.loc[usd.notna()]
    column = FUNDING_VIEWS[view]["column"]
    if per_million:
        column = f"{column}_per_million"
        rows, _ = intensity.split_per_million(rows, column, group=None)
    return rows.assign(plotted=rows[column].astype("float64"))


def _funding_label(row: Mapping, view: str) -> str:
    name = _get(row, "instrument_name") or _get(row, "indicator_name") or row["fact_id"]
    label = f"{name} — {row['region_name']}"
    if view == "total":
        period = _period(row)
        duration = _get(row, "duration_years")
        if row["scope"] == "multi_year" and duration:
            label = t("chart.over_years", label=label, years=int(duration))
        elif period:
            label = t("chart.with_period", label=label, period=period)
    return _wrap(label, FUNDING_LABEL_WRAP_CHARS)


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
        _empty_figure_note(fig, t("chart.nothing_in_view"))
        fig.update_layout(height=360, margin={"b": 30})
        return finish_figure(fig, title=title, subtitle=subtitle, source_note=source_note)
    rows = comparability.annotate(rows.assign(view=view), group="view").reset_index(drop=True)
    classes = list(
        dict.fromkeys(rows.sort_values("in_headline_class", ascending=False, kind="stable")["comparability_class"])
    )
    drawn_classes = classes[:FUNDING_MAX_PANELS]
    kept = [_largest_first(rows.loc[rows["comparability_class"] == k], FUNDING_MAX_BARS) for k in drawn_classes]
    drawn_count = Drawn(sum(map(len, kept)), len(rows), len(drawn_classes), len(classes))
    classes = drawn_classes
    rows = rows.loc[sorted(i for part in kept for i in part.index)]
    records = rows.to_dict("records")
    labels = [_funding_label(r, view) for r in records]
    seen = collections.Counter(labels)
    for index, label in enumerate(labels):
        if seen[label] > 1:
            labels[index] = f"{label}<br>{_esc(records[index]['fact_id'])}"
    rows = rows.assign(category=labels)
    several = len(classes) > 1
    sizes = [int((rows["comparability_class"] == k).sum()) for k in classes]
    panel_titles = []
    for klass in classes:
        label = rows.loc[rows["comparability_class"] == klass, "class_label"].iloc[0]
        panel_titles.append(_wrap(t("chart.hover.kind", kind=label), 90) if several else "")
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
        for (region_id, qualifier, status), group_records in _grouped_records(
            part, ["region_id", "qualifier", "status"]
        ):
            colour = region_colour(str(region_id))
            texts, hovers = [], []
            for r in group_records:
                usd = _usd_label(r["plotted"], r["qualifier"], suffix, status=r["status"])
                # The original figure beside the USD bar is of the same kind: per year on the per-year view.
                stated = (
                    format_fact(r["per_year_value"], r["unit"], r["qualifier"], r["status"])
                    + t("chart.per_year_suffix")
                    if view == "per_year"
                    else r["value_label"]
                )
                texts.append(f"{_esc(usd)} ({_esc(stated)})")
                heading = f"{r['region_name']} · {_get(r, 'instrument_name') or r['indicator_name']}"
                drawn = t("chart.hover.drawn", value=usd) + (f" — {r['per_million_derivation']}" if per_million else "")
                hovers.append(_fact_hover(r, heading=heading, plotted=drawn))
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=[r["category"] for r in group_records],
                    x=[r["plotted"] for r in group_records],
                    name=_esc(group_records[0]["region_name"]),
                    text=texts,
                    textposition="outside",
                    textfont={"size": _px(14), "color": _style().spec.text},
                    cliponaxis=False,
                    marker=_styled_marker(str(qualifier), colour, str(status)),
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
        _style_value_axis(
            fig, "USD", log_scale=False, axis="x", row=panel, col=1, title=_funding_axis(view, per_million)
        )
        # headroom on the right for the outside labels: they are long ("≤ 7.06 M USD (≤ 50 M CNY)")
        fig.update_xaxes(range=[0, float(part["plotted"].max()) * 1.6], row=panel, col=1)
        fig.update_yaxes(
            categoryorder="array", categoryarray=panel_labels, autorange="reversed", automargin=True, row=panel, col=1
        )
    for annotation in fig.layout.annotations[: len(classes)]:
        annotation.update(font={"size": _px(15), "color": _style().spec.muted}, x=0, xanchor="left", align="left")
    _add_qualifier_keys(fig, rows["qualifier"], rows["status"])
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
            _fx_note(rows),
        )
        if part
    )
    return finish_figure(fig, title=title, subtitle=subtitle, source_note=note)


# --- timeline ---------------------------------------------------------------------------------

# Past events are filled, targets hollow: the difference survives greyscale and colour-blindness.
EVENT_SYMBOLS = {
    "plan_announced": "square",
    "policy_since": "triangle-up",
    "centre_opened": "star",
    "company_founded": "circle",
    "appointment": "cross",
    "target_year": "diamond-open",
    "trade_fair": "hexagon",
}
TARGET_FACT_KIND = "target_figure"
TARGET_FACT_SYMBOL = "star-diamond-open"
HOLLOW_SYMBOLS = {EVENT_SYMBOLS["target_year"], TARGET_FACT_SYMBOL}
LANE_STEP = 0.24


def parse_partial_date(text: str) -> pd.Timestamp:
    """'2025' -> 2025-01-01, '2025-08' -> 2025-08-01, '2025-08-19' as is."""
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
            f"<b>{_esc(names.get(row['region_id'], _humanise_id(str(row['region_id']))))}</b>",
            _wrap(row["description"], QUOTE_WRAP_CHARS),
            _esc(t("chart.hover.date", date=date)),
            _esc(t("chart.hover.kind", kind=vocabulary_label("event_kind", kind))),
        ]
        hover += _quote_lines(row)
        hover.append(_esc(t("chart.hover.source", source=row["source_id"])))
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
        targets = target_facts.loc[
            target_facts["status"].isin(["target", "proposed"]) & target_facts["period_end"].notna()
        ]
        # comparison_long repeats a money fact under the derived funding_per_year indicator: one mark per fact
        targets = targets.drop_duplicates(["region_id", "fact_id"])
        # one mark per region and year: Shanghai's plan sets six targets for 2028, and six marks would pile up
        for (region_id, end), group in targets.groupby(["region_id", "period_end"], sort=False):
            region = names.get(region_id, _humanise_id(str(region_id)))
            records = group.to_dict("records")
            if len(records) == 1:
                row = records[0]
                hover = _fact_hover(
                    row,
                    heading=t("chart.timeline.target_due", region=region, year=int(end)),
                    plotted=str(_get(row, "indicator_name") or ""),
                )
            else:
                lines = [
                    f"<b>{_esc(t('chart.timeline.targets_due', region=region, n=len(records), year=int(end)))}</b>"
                ]
                for row in records:
                    what = f"{_get(row, 'indicator_name') or row['fact_id']}: {row['value_label']}"
                    lines.append(f"• {_wrap(what, QUOTE_WRAP_CHARS)}")
                    if _get(row, "quote"):
                        lines.append(f"  « {_wrap(row['quote'], QUOTE_WRAP_CHARS)} »")
                sources = ", ".join(dict.fromkeys(str(r["source_id"]) for r in records if _get(r, "source_id")))
                lines.append(_esc(t("chart.hover.source", source=sources)))
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
        _empty_figure_note(fig, t("chart.timeline.none"))
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
                name=_esc(name),
                marker={
                    "symbol": symbol,
                    "size": _px(17),
                    "color": colours,
                    "line": {"width": line_width, "color": colours if hollow else _style().spec.background},
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
                name=_esc(name),
                legendgroup="kind",
                legendgrouptitle={"text": t("chart.legend.kind_of_event")},
                marker={
                    "symbol": symbol,
                    "size": _px(14),
                    "color": _style().spec.neutral,
                    "line": {
                        "width": line_width,
                        "color": _style().spec.neutral if hollow else _style().spec.background,
                    },
                },
                hoverinfo="skip",
                meta={"role": "kind_key", "kind": kind},
            )
        )
    fig.update_yaxes(
        tickvals=list(range(len(order))),
        ticktext=[_esc(names.get(rid, _humanise_id(str(rid)))) for rid in order],
        range=[len(order) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    for index in range(len(order) - 1):
        fig.add_hline(y=index + 0.5, line={"color": _style().spec.grid, "width": 1})
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


# --- source note ------------------------------------------------------------------------------


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
        named = "; ".join(parts[:SOURCES_NAMED])
        return t("chart.source_more", sources=named, n=number(len(parts) - SOURCES_NAMED, 0))
    return t("chart.source", sources="; ".join(parts))
