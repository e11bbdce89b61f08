"""Colours and themes: region colours by rule, a colour-blind-safe palette, WCAG contrast, templates, config,
the theme control's decision."""

from __future__ import annotations

import itertools
import logging
import re
import tomllib

import colorspacious  # a dev dependency (make test installs it): its absence is a failure, not a skip
import pandas as pd
import plotly.io as pio
import pytest

from ecodash.charts import theme
from ecodash.charts.theme import PALETTE, THEME_NAMES, THEMES, contrast_ratio, region_colours, relative_luminance
from ecodash.i18n import CATALOGUES
from ecodash.ui import appearance
from support import DATA_DIR, ROOT

REGIONS = pd.read_csv(DATA_DIR / "regions.csv")

# --- thresholds ---------------------------------------------------------------------------------
# Distances are CAM02-UCS ΔE' (Luo, Cui & Li 2006), the space Petroff (2021, arXiv:2107.02270) used to build his
# accessible colour sequences, with colour-vision deficiency simulated as he did: Machado et al. (2009) through
# colorspacious at severity 100. His criteria were ≥ 20 for 6 colours, 18 for 8 and 16 for 10, with no contrast
# constraint. A 12-colour set meeting 3:1 on white cannot reach that: on white, 3:1 caps lightness at J' ≈ 63, and
# a deutan or protan sees only lightness and blue–yellow. Searching ~120 published colours (Okabe–Ito, Tol, IBM,
# Petroff, Tableau, ColorBrewer) gave at best ~13 for white alone and ~12 with a matching dark variant. So:
FOCUS_SLOTS = 5
FOCUS_MIN_DELTA_E = 20.0  # slots 1–5, where the focus regions land: Petroff's 6-colour criterion (measured ≥ 27.9)
ALL_MIN_DELTA_E = 10.0  # all 12 slots (measured 10.2 light, 10.6 dark): about four just-noticeable differences
# (CAM02-UCS is scaled like CIELAB, JND ≈ 2.3): clearly different side by side on bars, the most discriminable mark
# (Szafir 2018), not always nameable alone; charts name each bar on its axis.
VISIONS = {
    "normal": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
}
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text
GRAPHICS_CONTRAST = 3.0  # WCAG 1.4.11, graphical objects needed to understand the chart


def _ucs(colour: str, vision: str):
    import numpy as np

    rgb = np.array(theme._rgb(colour))
    if VISIONS[vision] is not None:
        rgb = np.clip(colorspacious.cspace_convert(rgb, VISIONS[vision], "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def delta_e(first: str, second: str, vision: str) -> float:
    import numpy as np

    return float(np.linalg.norm(_ucs(first, vision) - _ucs(second, vision)))


def worst_delta_e(colours) -> tuple[float, str, str, str]:
    return min((delta_e(a, b, v), v, a, b) for a, b in itertools.combinations(colours, 2) for v in VISIONS)


# --- WCAG formula ---------------------------------------------------------------------------------


def test_relative_luminance_and_contrast_match_known_values():
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == pytest.approx(0.0)
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    # #767676 is the lightest grey with 4.5:1 on white (WebAIM): 4.54:1; #777777 just fails (4.48:1)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#FFFFFF", "#777777") == pytest.approx(4.48, abs=0.005)


# --- palette ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", THEME_NAMES)
def test_palette_has_twelve_distinct_slots(name):
    colours = THEMES[name].palette
    assert len(colours) == len(PALETTE) >= 12
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours)
    assert pio.templates[THEMES[name].template].layout.colorway == colours


@pytest.mark.parametrize("name", THEME_NAMES)
def test_palette_stays_distinguishable_with_colour_blindness(name):
    colours = THEMES[name].palette
    worst = worst_delta_e(colours)
    assert worst[0] >= ALL_MIN_DELTA_E, worst
    focus = worst_delta_e(colours[:FOCUS_SLOTS])
    assert focus[0] >= FOCUS_MIN_DELTA_E, focus


@pytest.mark.parametrize("name", THEME_NAMES)
def test_palette_colours_meet_three_to_one_on_their_background(name):
    spec = THEMES[name]
    ratios = {c: round(contrast_ratio(c, spec.background), 2) for c in spec.palette}
    assert min(ratios.values()) >= GRAPHICS_CONTRAST, ratios
    # region colours are never text (charts write text in Theme.text / Theme.muted), so 4.5:1 does not apply


@pytest.mark.parametrize("name", THEME_NAMES)
def test_text_and_ui_colours_meet_wcag_aa(name):
    spec = THEMES[name]
    for background in (spec.background, spec.secondary_background, spec.hover_background):
        for text in (spec.text, spec.muted, spec.primary):
            assert contrast_ratio(text, background) >= TEXT_CONTRAST, (text, background)
    for graphic in (spec.axis, spec.neutral, spec.overflow):
        assert contrast_ratio(graphic, spec.background) >= GRAPHICS_CONTRAST, graphic


# --- region colours by rule ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", THEME_NAMES)
def test_every_region_gets_its_own_colour_focus_regions_first(name):
    colours = region_colours(REGIONS, name)
    assert set(colours) == set(REGIONS["region_id"])
    assert len(set(colours.values())) == len(colours)
    focus = REGIONS.loc[REGIONS["is_focus"].astype(str).str.lower() == "true", "region_id"].tolist()
    assert [colours[r] for r in focus] == list(THEMES[name].palette[: len(focus)])


def test_a_region_keeps_its_slot_in_both_themes():
    light, dark = region_colours(REGIONS, "light"), region_colours(REGIONS, "dark")
    for region_id, colour in light.items():
        slot = THEMES["light"].palette.index(colour)
        assert dark[region_id] == THEMES["dark"].palette[slot]


@pytest.mark.parametrize("name", THEME_NAMES)
@pytest.mark.parametrize(("city", "province"), [("hangzhou", "zhejiang"), ("shenzhen", "guangdong")])
def test_a_city_looks_far_from_its_province(name, city, province):
    colours = region_colours(REGIONS, name)
    worst = min(delta_e(colours[city], colours[province], v) for v in VISIONS)
    assert worst >= FOCUS_MIN_DELTA_E, (city, province, worst)


def _regions(count: int, **columns) -> pd.DataFrame:
    frame = pd.DataFrame({"region_id": [f"r{i:02d}" for i in range(count)], "parent_id": "", "is_focus": False})
    return frame.assign(**columns)


@pytest.mark.parametrize("name", THEME_NAMES)
def test_regions_beyond_the_palette_get_the_overflow_grey(name, caplog):
    with caplog.at_level(logging.WARNING, logger="ecodash.charts.theme"):
        colours = region_colours(_regions(14), name)
    values = list(colours.values())
    assert sorted(values[:12]) == sorted(THEMES[name].palette)  # every slot used once
    assert values[12:] == [THEMES[name].overflow] * 2
    assert "r12, r13" in caplog.text and "extend theme.PALETTE" in caplog.text


def test_odd_tables_never_raise():
    assert region_colours(_regions(0)) == {}
    bare = region_colours(pd.DataFrame({"region_id": ["a", "b"]}))  # no is_focus, no parent_id
    assert bare["a"] == PALETTE[0].light and bare["b"] != bare["a"]
    flags = _regions(3, is_focus=["false", "TRUE", None], parent_id=[None, "r00", float("nan")])
    assert list(region_colours(flags)) == ["r01", "r00", "r02"]  # the focus region first
    assert region_colours(_regions(2), "sepia") == region_colours(_regions(2), "light")  # unknown theme: light


# --- templates, Streamlit config, catalogue -----------------------------------------------------------


@pytest.mark.parametrize("name", THEME_NAMES)
def test_templates_are_registered_with_the_theme_colours(name):
    spec = THEMES[name]
    layout = pio.templates[THEMES[name].template].layout
    assert THEMES[name].template == f"ecodash_{name}"
    assert layout.paper_bgcolor == layout.plot_bgcolor == spec.background
    assert layout.font.color == spec.text
    assert layout.xaxis.gridcolor == layout.yaxis.gridcolor == spec.grid
    assert layout.hoverlabel.bgcolor == spec.hover_background and layout.hoverlabel.font.color == spec.text
    assert theme.get_theme("nonsense").template == "ecodash_light", "an unknown theme is drawn light"


def streamlit_theme_options(spec: theme.Theme) -> dict[str, object]:
    """The [theme.<name>] options .streamlit/config.toml must hold for `spec`."""
    return {
        "primaryColor": spec.primary,
        "backgroundColor": spec.background,
        "secondaryBackgroundColor": spec.secondary_background,
        "textColor": spec.text,
        "linkColor": spec.primary,
        "chartCategoricalColors": list(spec.palette),
    }


def test_streamlit_config_has_both_themes_with_the_same_colours():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    for name in THEME_NAMES:
        assert config["theme"][name] == streamlit_theme_options(THEMES[name])
    assert config["client"]["showErrorDetails"] == "none" and config["browser"]["gatherUsageStats"] is False


def test_theme_words_exist_in_every_language():
    keys = {"theme.label", "theme.light", "theme.dark", "theme.help"}
    for language, catalogue in CATALOGUES.items():
        assert keys <= set(catalogue), language


# --- the control's decision ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "shown", "chosen", "first_run", "expected"),
    [
        (None, "dark", None, True, ("dark", None)),  # no ?theme=: follow the browser
        ("dark", "light", None, True, ("dark", "dark")),  # a link asks for dark: reload in dark
        ("dark", "dark", None, True, ("dark", None)),  # already dark: nothing to do
        ("light", None, None, True, ("light", None)),  # no browser report (AppTest): trust the URL, never reload
        ("light", "dark", None, False, ("dark", None)),  # picked in Streamlit's menu: adopt it
        ("light", "light", "dark", False, ("light", "dark")),  # a click: reload in dark
        ("dark", "dark", "dark", False, ("dark", None)),
        (None, None, None, False, ("light", None)),
    ],
)
def test_resolve(asked, shown, chosen, first_run, expected):
    assert appearance.resolve(asked=asked, shown=shown, chosen=chosen, first_run=first_run) == expected


def test_reload_script_sets_both_parameters_and_cannot_loop():
    script = appearance.reload_script("dark")
    assert 'const theme = "dark";' in script
    assert 'url.searchParams.set("theme", theme)' in script
    assert 'url.searchParams.append("embed_options", theme + "_theme")' in script
    assert 'if (options.some((o) => o.toLowerCase() === theme + "_theme")) return;' in script
    assert "window.location.replace" in script
