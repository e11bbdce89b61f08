"""Colours and themes: one colour per region by rule, light and dark chart templates, WCAG contrast.

**Which region gets which colour** (`region_colours`) follows from `data/regions.csv`, so a new region needs no
code change:

1. Focus regions (is_focus = true), in file order, take palette slots 1, 2, 3… The first slots are the most
   distinct ones (every pair of slots 1–5 is ≥ 27 CAM02-UCS units apart for normal, deutan and protan vision).
2. The other regions follow in file order, each taking the free slot that looks most different (worst-case
   CIELAB ΔE over normal, deutan and protan vision and both themes) from its coloured relatives (parent and
   children: Hangzhou and Zhejiang, China and Guangdong), then from every colour already in use.
3. Once the 12 slots are used, every further region gets the theme's neutral `overflow` grey (and a warning in
   the log, so someone extends the palette): two overflow regions then share that grey, but no region ever
   shares a slot colour, which a cycle would do.

A city neither shares nor echoes its province's colour. Comparison charts put Hangzhou and Zhejiang side by side
as peers (a city's figure is not a share of its province's bar), so they must be told apart at a glance, also
by colour-blind readers; a lighter "echo" of the province's hue would differ mainly in lightness and would read
as the pale tints the charts already use for hedged and target figures (bar_style). Rule 2 instead puts the
city as far from its province as the free slots allow.

**The palette** has 12 slots, each with a light-theme and a dark-theme colour of the same hue. Every light colour
is a published one, used as published unless it missed 3:1 on white (then darkened in CAM02-UCS lightness J' only,
hue and chroma kept, just enough to reach 3:1); the dark colour is the same colour lightened in J' (chroma kept
where sRGB allows) so it stands out on the dark background. Sources: Okabe & Ito (2008) "Color Universal Design";
Paul Tol's schemes (SRON/EPS/TN/09-002, and his 2012 12-colour qualitative scheme); IBM Design Library;
ColorBrewer "Paired"; Petroff (2021) "Accessible Color Sequences for Data Visualization", arXiv:2107.02270.
The 12 were chosen among ~50 published colours (at most one per hue name, so no two slots are "the blue one") by
a max-min search of CAM02-UCS distance under normal, deuteranope and protanope vision (Machado et al. 2009
simulation, severity 100), in both themes at once, the first five slots first.

Beyond ~10 colours no set can keep every pair far apart under red–green colour-vision deficiency: colours then
differ only in lightness and blue–yellow, and 3:1 on white caps lightness. The charts have no free second channel
(patterns and outlines already encode a figure's qualifier and status, and bars are named on their axis), so the
palette is the best 12 found, with honest thresholds (tests/test_theme.py): slots 1–5 ≥ 20 units apart (Petroff's
criterion for 6 colours; measured ≥ 27.9), all 12 ≥ 10 (measured 10.2 light, 10.6 dark). Tritanopia (~0.01 % of
people) is not covered by these thresholds.

Region colours are only ever used for marks (bars, markers, outlines, hatching), never for text: chart text uses
`Theme.text` and `Theme.muted`. So palette colours must meet WCAG 1.4.11 (3:1 against the background), and text
colours WCAG 1.4.3 (4.5:1).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

log = logging.getLogger(__name__)

THEME_NAMES = ("light", "dark")
DEFAULT_THEME = "light"


class PaletteSlot(NamedTuple):
    name: str
    light: str
    dark: str


# Sources (light colour; the dark one is the same hue lightened in CAM02-UCS J', chroma kept where sRGB allows):
PALETTE: tuple[PaletteSlot, ...] = (
    PaletteSlot("teal", "#3CA393", "#91F3E0"),  # Tol muted #44AA99, J' -2 to reach 3:1 on white; dark J' +25
    PaletteSlot("brown", "#661100", "#AA4428"),  # Tol 12-colour qualitative scheme (2012) #661100; dark: to 3:1
    PaletteSlot("violet", "#785EF0", "#A89EFE"),  # IBM Design Library #785EF0; dark J' +20
    PaletteSlot("vermillion", "#D55E00", "#FE8A41"),  # Okabe–Ito vermillion #D55E00; dark J' +15
    PaletteSlot("indigo", "#222255", "#5C6095"),  # Tol dark #222255; dark: lightened to 3:1
    PaletteSlot("rose", "#BB5566", "#E97A8B"),  # Tol high-contrast #BB5566; dark J' +15
    PaletteSlot("purple", "#6A3D9A", "#9B6FCE"),  # ColorBrewer Paired #6A3D9A; dark J' +20
    PaletteSlot("light_blue", "#6497CA", "#C0DEFF"),  # Tol medium-contrast #6699CC, J' -0.5 to 3:1; dark J' +25
    PaletteSlot("wine", "#882255", "#D25F91"),  # Tol muted #882255; dark J' +25
    PaletteSlot("red", "#BD1F01", "#F04623"),  # Petroff (2021) 10-colour sequence #BD1F01; dark J' +15
    PaletteSlot("olive", "#666633", "#8B8B54"),  # Tol dark #666633; dark J' +15
    PaletteSlot("magenta", "#AA3377", "#F773B8"),  # Tol bright #AA3377; dark J' +25
)


@dataclass(frozen=True)
class Theme:
    """The colours of one theme; the Streamlit theme (.streamlit/config.toml) uses the same values (tests/test_theme.py
    compares them)."""

    name: str
    template: str
    """Name of the registered plotly template (pio.templates[template])."""
    background: str
    """App, paper and plot background."""
    secondary_background: str
    """Widgets and panels (Streamlit's secondaryBackgroundColor)."""
    text: str
    """Body text, chart titles, axis labels and bar labels (≥ 4.5:1 on both backgrounds)."""
    muted: str
    """Subtitles, footnotes and notes (≥ 4.5:1 on both backgrounds)."""
    grid: str
    """Grid lines: decoration, deliberately faint (no contrast requirement)."""
    axis: str
    """Axis lines and zero lines, which anchor bars (≥ 3:1 on the background)."""
    neutral: str
    """Legend keys that explain a mark, not a region (≥ 3:1)."""
    overflow: str
    """Regions beyond the last palette slot (≥ 3:1)."""
    primary: str
    """Streamlit's accent: selected widgets, links (≥ 4.5:1, as links are text)."""
    hover_background: str
    hover_border: str

    @property
    def palette(self) -> tuple[str, ...]:
        return tuple(getattr(slot, self.name) for slot in PALETTE)


THEMES: dict[str, Theme] = {
    "light": Theme(
        name="light",
        template="ecodash_light",
        background="#FFFFFF",
        secondary_background="#F2F4F7",
        text="#222222",
        muted="#555555",
        grid="#E3E6EA",
        axis="#868E96",
        neutral="#555555",
        overflow="#7C7C7C",
        primary="#0B63B8",
        hover_background="#FFFFFF",
        hover_border="#868E96",
    ),
    "dark": Theme(
        name="dark",
        template="ecodash_dark",
        background="#111418",
        secondary_background="#1C2028",
        text="#E6E8EB",
        muted="#A0A6AE",
        grid="#2A2F37",
        axis="#7D848E",
        neutral="#A0A6AE",
        overflow="#666666",
        primary="#6CB4FF",
        hover_background="#1C2028",
        hover_border="#7D848E",
    ),
}


def theme_name(theme: object) -> str:
    """`theme` if it is one ecodash knows, else the default ("light")."""
    return theme if theme in THEMES else DEFAULT_THEME


def get_theme(theme: str = DEFAULT_THEME) -> Theme:
    return THEMES[theme_name(theme)]


# --- WCAG 2.x contrast ------------------------------------------------------------------------


def _rgb(colour: str) -> tuple[float, float, float]:
    """#RRGGBB (or #RGB) as sRGB components in 0..1."""
    hexa = colour.strip().lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(2 * c for c in hexa)
    if len(hexa) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return tuple(int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _linear(channel: float) -> float:
    # WCAG 2.x uses 0.03928 (a typo of sRGB's 0.04045); the two give the same result for 8-bit colours
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour: 0 for black, 1 for white."""
    red, green, blue = (_linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio, 1..21, whichever colour is lighter."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --- region colours ---------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009) dichromat simulation (severity 1), applied to linear sRGB: the same matrices
# colorspacious uses. Only to rank free slots for rule 2; the palette itself is checked in CAM02-UCS by the tests.
_MACHADO = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
}


def _lab(linear: Iterable[float]) -> tuple[float, float, float]:
    """CIELAB (D65) of a linear-sRGB colour."""
    red, green, blue = (min(max(c, 0.0), 1.0) for c in linear)
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883
    f = [v ** (1 / 3) if v > 216 / 24389 else (24389 / 27 * v + 16) / 116 for v in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _views(colour: str) -> list[tuple[float, float, float]]:
    """The colour in CIELAB as seen with normal vision, protanopia and deuteranopia."""
    linear = [_linear(c) for c in _rgb(colour)]
    seen = [linear] + [
        [sum(m * c for m, c in zip(row, linear, strict=True)) for row in matrix] for matrix in _MACHADO.values()
    ]
    return [_lab(view) for view in seen]


def _slot_distance(first: int, second: int) -> float:
    """How far apart two slots look at worst: the smallest ΔE*ab over normal/protan/deutan vision and both themes."""
    return min(
        math.dist(a, b)
        for theme in THEME_NAMES
        for a, b in zip(_views(getattr(PALETTE[first], theme)), _views(getattr(PALETTE[second], theme)), strict=True)
    )


_SLOT_DISTANCE = [[_slot_distance(i, j) for j in range(len(PALETTE))] for i in range(len(PALETTE))]


def _is_true(value: object) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def region_slots(regions: pd.DataFrame) -> dict[str, int | None]:
    """region_id -> palette slot (0-based) by the module's rule; None once the palette is used up."""
    ids = [str(r) for r in regions["region_id"]]
    parents = {
        str(r): str(p)
        for r, p in zip(regions["region_id"], regions.get("parent_id", pd.Series(dtype=object)))
        if isinstance(p, str) and p.strip()
    }
    focus = [str(r) for r, f in zip(regions["region_id"], regions.get("is_focus", [False] * len(ids))) if _is_true(f)]
    order = list(dict.fromkeys(focus + ids))
    slots: dict[str, int | None] = {}
    free = list(range(len(PALETTE)))
    for region_id in order:
        if region_id in slots:
            continue
        if not free:
            slots[region_id] = None
            continue
        if region_id in focus:
            slot = free[0]
        else:
            related = {parents.get(region_id)} | {child for child, parent in parents.items() if parent == region_id}
            kin = [slots[r] for r in related if slots.get(r) is not None]
            used = [s for s in slots.values() if s is not None]

            def farthest(s: int, kin=kin, used=used) -> tuple[float, float, int]:
                # from its coloured relatives first, then from every colour in use; ties go to the earlier slot
                return (
                    min((_SLOT_DISTANCE[s][t] for t in kin), default=math.inf),
                    min((_SLOT_DISTANCE[s][t] for t in used), default=math.inf),
                    -s,
                )

            slot = max(free, key=farthest)
        free.remove(slot)
        slots[region_id] = slot
    overflow = [r for r, s in slots.items() if s is None]
    if overflow:
        log.warning(
            "%d regions but %d palette slots: %s drawn in the overflow grey; extend theme.PALETTE",
            len(slots),
            len(PALETTE),
            ", ".join(overflow),
        )
    return slots


def region_colours(regions: pd.DataFrame, theme: str = "light") -> dict[str, str]:
    """region_id -> colour in `theme` for every row of `regions` (regions.csv columns), by the module's rule.

    Never raises for a long table: regions beyond the 12th slot get the theme's overflow grey. A region id not
    in `regions` is not in the result; callers use `get_theme(theme).overflow` for it.
    """
    spec = get_theme(theme)
    return {
        region_id: spec.overflow if slot is None else spec.palette[slot]
        for region_id, slot in region_slots(regions).items()
    }


# --- plotly templates -------------------------------------------------------------------------


TEMPLATE_TRACES = ("bar", "scatter")
"""The trace types ecodash draws: its templates carry defaults for these only. plotly copies a figure's template
whole when it is set, and sends it with every chart: plotly_white's defaults for some 40 other trace types (colour
scales, 3-D scenes) would slow every figure down and make most of a small chart's payload, for traces never drawn."""
TEMPLATE_UNUSED_LAYOUT = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale")
"""plotly_white's layout parts for subplot kinds and colour scales ecodash never draws (left out, like the traces)."""


def _template(spec: Theme) -> go.layout.Template:
    full = pio.templates["plotly_white" if spec.name == "light" else "plotly_dark"]
    layout = {key: value for key, value in full.layout.to_plotly_json().items() if key not in TEMPLATE_UNUSED_LAYOUT}
    base = go.layout.Template(layout=layout, data={kind: getattr(full.data, kind) for kind in TEMPLATE_TRACES})
    axis = {
        "gridcolor": spec.grid,
        "linecolor": spec.axis,
        "zerolinecolor": spec.axis,
        "tickcolor": spec.axis,
        "title": {"font": {"color": spec.text}},
        "tickfont": {"color": spec.text},
    }
    base.layout.update(
        paper_bgcolor=spec.background,
        plot_bgcolor=spec.background,
        font={"color": spec.text},
        title={"font": {"color": spec.text}},
        colorway=list(spec.palette),
        xaxis=axis,
        yaxis=axis,
        legend={"bgcolor": "rgba(0,0,0,0)", "font": {"color": spec.text}, "title": {"font": {"color": spec.text}}},
        hoverlabel={"bgcolor": spec.hover_background, "bordercolor": spec.hover_border, "font": {"color": spec.text}},
        annotationdefaults={"arrowcolor": spec.muted, "font": {"color": spec.muted}},
    )
    for trace in base.data.bar:  # thin separators between stacked bars, error bars in the text colour
        trace.update(marker_line_color=spec.background, error_x_color=spec.text, error_y_color=spec.text)
    for trace in base.data.scatter:  # marker rims in the background colour
        trace.update(marker_line_color=spec.background)
    return base


def register_templates() -> None:
    """Register ecodash_light and ecodash_dark in plotly.io.templates (done once at import; idempotent)."""
    for spec in THEMES.values():
        pio.templates[spec.template] = _template(spec)


register_templates()
