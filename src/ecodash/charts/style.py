"""How a figure is drawn: its ChartStyle (theme, region colours, font scale) and the marks that encode a figure's
qualifier, status and origin, with the legend keys that explain them."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from ecodash.analysis.indicators import USER
from ecodash.charts.text import esc
from ecodash.charts.theme import DEFAULT_THEME, Theme, get_theme, region_colours
from ecodash.i18n import t
from ecodash.ingest.dataset import Dataset
from ecodash.schema.vocabularies import NOT_YET, QUALIFIERS

# --- colours ----------------------------------------------------------------------------------

# One colour per region, by rule from the data (ecodash.charts.theme.region_colours), carried by the figure's ChartStyle.


def region_colour(region_id: str) -> str:
    """The region's colour in the figure being drawn (its ChartStyle), a neutral grey for an unknown id."""
    return current_style().colour(region_id)


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


def current_style() -> ChartStyle:
    return _STYLE.get()


def px(size: float) -> int:
    """A font or line size in pixels at the current style's scale."""
    return current_style().px(size)


def styled(function):
    """Chart functions take `style=ChartStyle(...)`; inside, every helper reads it through current_style()."""

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
"""How a figure that is not real yet (vocabularies.NOT_YET: a target, a proposal) is drawn: outlined."""


def bar_style(qualifier: str, colour: str, status: str = "achieved") -> dict[str, object]:
    """Fill, pattern and border of one bar of `colour` stating a figure with `qualifier` and `status`."""
    style = dict(QUALIFIER_STYLE[qualifier])
    if status in NOT_YET:
        style |= OUTLINED_STATUS_STYLE
    outline = colour
    return {
        "fill": colour if style["fill_opacity"] >= 1 else _tint(colour, style["fill_opacity"]),
        "pattern_shape": style["pattern_shape"],
        # dots and crosses on a solid bar are drawn in the background colour (white on light, near-black on dark)
        "pattern_colour": current_style().spec.background if style["pattern_on"] == "white" else outline,
        "line_colour": outline,
        "line_width": style["line_width"],
    }


def styled_marker(qualifier: str, colour: str, status: str = "achieved") -> dict:
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


def grouped_records(frame: pd.DataFrame, columns: list[str]) -> list[tuple[tuple, list[dict]]]:
    """frame.groupby(columns, sort=False) as (key, the group's rows as dicts), groups and rows in frame order.

    One trace per group, as a marker is one value per trace (styled_marker). The frame becomes dicts once:
    DataFrame.to_dict per group reads every column of the frame again for each group, which is slow for many
    small groups of a wide frame."""
    codes = frame.groupby(columns, sort=False).ngroup()  # first appearance order; a missing key -> NaN (left out)
    records = frame.to_dict("records")
    groups: dict[int, list[dict]] = {}
    for code, record in zip(codes.tolist(), records, strict=True):
        if pd.notna(code) and code >= 0:
            groups.setdefault(int(code), []).append(record)
    return [(tuple(rows[0][c] for c in columns), rows) for _, rows in sorted(groups.items())]


def add_qualifier_keys(fig: go.Figure, qualifiers: Iterable[str], statuses: Iterable[str] = ()) -> None:
    """Legend entries explaining each mark used (qualifiers in QUALIFIERS order, then outlined statuses)."""
    present, outlined = set(qualifiers), set(statuses)
    keys = [(q, "achieved", t(f"chart.legend.qualifier.{q}"), {"qualifier": q}) for q in QUALIFIERS if q in present]
    keys += [("exact", s, t(f"chart.legend.status.{s}"), {"status": s}) for s in NOT_YET if s in outlined]
    for qualifier, status, legend, meta in keys:
        fig.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=esc(legend),
                legendgroup="qualifier",
                legendgrouptitle={"text": t("chart.legend.kind_of_figure")},
                marker=styled_marker(qualifier, current_style().spec.neutral, status),
                hoverinfo="skip",
                showlegend=True,
                meta={"role": "qualifier_key", **meta},
            )
        )


USER_PATTERN = {"shape": "x", "size": 7, "solidity": 0.25}
"""The reader's own figures get a diagonal grid (no qualifier uses "x"), over their qualifier's fill."""


def add_user_key(fig: go.Figure, bars: pd.DataFrame) -> None:
    """A legend entry saying what the diagonal grid means, when any bar drawn is the reader's."""
    if "origin" not in bars.columns or not (bars["reported"] & (bars["origin"] == USER)).any():
        return
    marker = styled_marker("exact", current_style().spec.neutral)
    marker["pattern"] |= USER_PATTERN | {"fgcolor": current_style().spec.text}
    fig.add_trace(
        go.Bar(
            x=[None],
            y=[None],
            name=esc(t("yours.chart.key")),
            legendgroup="origin",
            legendgrouptitle={"text": esc(t("yours.chart.legend_title"))},
            marker=marker,
            hoverinfo="skip",
            showlegend=True,
            meta={"role": "origin_key"},
        )
    )
