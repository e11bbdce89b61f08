"""Charts: region colours, qualifier marks, not-reported slots, one unit per axis, escaping, provenance in the image."""

from __future__ import annotations

import json
import re

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ecodash import charts
from ecodash.analysis import funding_views, indicators, source_lines
from ecodash.analysis.indicators import DEFAULT_FX_BASIS, NOT_REPORTED, basis_label
from ecodash.charts import theme
from ecodash.charts.bounded import by_turns, largest_first
from ecodash.charts.layout import NOTE_WRAP_CHARS, TITLE_TOP_PX, finish_figure
from ecodash.charts.style import QUALIFIER_STYLE, bar_style
from ecodash.charts.timeline import TARGET_FACT_KIND, parse_partial_date
from ecodash.i18n import t
from ecodash.i18n.formats import qualifier_label
from ecodash.schema.vocabularies import QUALIFIERS

FX_LABEL = basis_label(DEFAULT_FX_BASIS)
GWANGJU_PER_YEAR_USD = 600e9 / 5 / 1422.44083333333  # 600 bn KRW over 5 years at the WDI 2025 rate ≈ 84.36 M USD
HEX = re.compile(r"^#[0-9A-F]{6}$")


# --- helpers ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long(dataset) -> pd.DataFrame:
    return indicators.comparison_long(dataset)


@pytest.fixture(scope="module")
def funding(dataset) -> pd.DataFrame:
    return indicators.funding_table(dataset)


@pytest.fixture
def unbounded(monkeypatch) -> None:
    """Every indicator's every panel and bar drawn: for tests about marks over the whole curated dataset."""
    monkeypatch.setattr("ecodash.charts.bars.MULTIPLES_MAX_PANELS", 1000)
    monkeypatch.setattr("ecodash.charts.bars.MULTIPLES_MAX_BARS", 1000)


def one_indicator(long: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    rows = long.loc[long["indicator_id"] == indicator_id]
    assert not rows.empty, f"{indicator_id} is not in comparison_long"
    return rows


def headline_only(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows one axis may carry: the indicator's headline comparability class, plus the not-reported slots."""
    return rows.loc[rows["in_headline_class"] | (rows["report_status"] == NOT_REPORTED)]


def caps_chart(long, dataset, **options) -> go.Figure:
    rows = headline_only(one_indicator(long, "grant_cap_per_recipient"))
    settings = {
        "value_column": "value_usd",
        "unit_label": "US dollars",
        "title": "Grant cap per recipient",
        "subtitle": f"US dollars, {FX_LABEL}",
        "source_note": source_lines.source_note(dataset, rows["source_id"]),
        "style": charts.ChartStyle.for_dataset(dataset),
    }
    return charts.comparison_bar_chart(rows, **(settings | options))


def fact_traces(fig: go.Figure) -> list:
    return [trace for trace in fig.data if (trace.meta or {}).get("role") == "facts"]


def bars(fig: go.Figure) -> list[dict]:
    """One dict per drawn bar: category, value, fact id, region, qualifier and its trace's marker."""
    found = []
    for trace in fact_traces(fig):
        categories = trace.y if trace.orientation == "h" else trace.x
        values = trace.x if trace.orientation == "h" else trace.y
        for category, value, custom, text in zip(categories, values, trace.customdata, trace.text, strict=True):
            found.append(
                {
                    "category": category,
                    "value": value,
                    "hover": custom[0],
                    "region_id": custom[1],
                    "fact_id": custom[2],
                    "qualifier": custom[3],
                    "text": text,
                    "marker": trace.marker,
                    "xaxis": trace.xaxis or "x",
                    "status": trace.meta.get("status"),
                }
            )
    return found


def annotations(fig: go.Figure, name: str) -> list:
    return [a for a in fig.layout.annotations if a.name == name]


def figure_text(fig: go.Figure) -> str:
    """Every string of the figure JSON, with JSON escapes decoded, as plotly.js will receive them."""
    return json.dumps(json.loads(fig.to_json()), ensure_ascii=False)


def assert_self_explaining(fig: go.Figure, *, title: str, subtitle_part: str, source_part: str) -> None:
    assert fig.layout.title.text == title
    assert subtitle_part in fig.layout.title.subtitle.text
    notes = annotations(fig, "source_note")
    assert len(notes) == 1
    # the "not alike" lines of a chart with several comparability classes come first, then the source
    assert re.match(r"^(Not alike: .*<br>)?Source", notes[0].text) and source_part in notes[0].text
    assert (notes[0].xref, notes[0].yref, notes[0].yanchor) == ("paper", "paper", "top")
    assert notes[0].y == 0 and notes[0].yshift < 0, "the footnote sits below the plot area"
    assert fig.layout.margin.b >= -notes[0].yshift + 18 * (notes[0].text.count("<br>") + 1)
    assert fig.layout.template.to_plotly_json() == pio.templates[theme.THEMES["light"].template].to_plotly_json()
    assert fig.layout.font.size >= 14
    assert fig.layout.title.font.size >= 20


def with_quote(frame: pd.DataFrame, fact_id: str, quote: str) -> pd.DataFrame:
    frame = frame.copy()
    frame.loc[frame["fact_id"] == fact_id, "quote"] = quote
    return frame


INJECTED = 'Voir <script>alert("x")</script> et <b>gras</b> & <br> fin'


def assert_escaped(fig: go.Figure) -> None:
    text = figure_text(fig)
    assert "<script>" not in text and "<b>gras</b>" not in text and "& <br> fin" not in text
    assert "&lt;script&gt;" in text and "&lt;b&gt;gras&lt;/b&gt;" in text and "&amp; &lt;br&gt; fin" in text


# --- colours and marks ------------------------------------------------------------------------


def test_every_region_gets_its_own_palette_colour_from_the_data(dataset):
    style = charts.ChartStyle.for_dataset(dataset)
    colours = [style.colour(rid) for rid in dataset.regions["region_id"]]
    assert len(set(colours)) == len(colours), "two regions share a colour"
    assert set(colours) <= set(theme.THEMES["light"].palette)
    assert all(HEX.match(c) for c in colours)
    dark = charts.ChartStyle.for_dataset(dataset, theme="dark")
    assert [dark.colour(rid) for rid in dataset.regions["region_id"]] != colours  # the dark variant of each slot


def test_unknown_region_gets_the_overflow_grey_not_a_region_colour(dataset):
    style = charts.ChartStyle.for_dataset(dataset)
    assert style.colour("atlantis") == theme.get_theme("light").overflow
    assert style.colour("atlantis") not in set(theme.THEMES["light"].palette)


def test_every_qualifier_has_a_mark_beyond_colour():
    assert set(QUALIFIER_STYLE) == set(QUALIFIERS)
    shapes = {q: s["pattern_shape"] for q, s in QUALIFIER_STYLE.items()}
    assert shapes == {"exact": "", "approximate": ".", "at_least": "+", "up_to": "/"}
    marks = {(s["pattern_shape"], s["fill_opacity"] < 1, s["line_width"]) for s in QUALIFIER_STYLE.values()}
    assert len(marks) == len(QUALIFIERS), "two qualifiers look the same"


def test_targets_and_proposals_are_outlined_whatever_their_qualifier():
    colour = theme.THEMES["light"].palette[0]
    for qualifier in QUALIFIERS:
        achieved = bar_style(qualifier, colour, "achieved")
        for status in ("target", "proposed"):
            outlined = bar_style(qualifier, colour, status)
            assert outlined["line_width"] > achieved["line_width"]
            assert outlined["fill"].startswith("rgba(") and outlined["fill"].endswith(",0.08)")
            assert outlined["pattern_shape"] == achieved["pattern_shape"], "the hedging survives the outline"


def test_target_bars_are_outlined_not_filled():
    colour = theme.THEMES["light"].palette[0]
    exact, target = bar_style("exact", colour), bar_style("exact", colour, "target")
    assert exact["fill"] == colour
    assert target["fill"].startswith("rgba(") and target["fill"].endswith(",0.08)")
    assert target["line_colour"] == colour and target["line_width"] >= 3 > exact["line_width"]


# --- comparison bar chart ---------------------------------------------------------------------


def test_comparison_chart_carries_title_subtitle_units_and_source(long, dataset):
    fig = caps_chart(long, dataset)
    assert_self_explaining(
        fig, title="Grant cap per recipient", subtitle_part=FX_LABEL, source_part="Le pari du Guangdong"
    )
    assert fig.layout.yaxis.title.text == "US dollars"
    assert "FX: 7.1898 CNY/USD" in annotations(fig, "source_note")[0].text


def test_comparison_chart_draws_one_bar_per_fact_in_its_region_colour(long, dataset):
    fig = caps_chart(long, dataset)
    drawn = bars(fig)
    caps = headline_only(one_indicator(long, "grant_cap_per_recipient"))
    reported = caps.loc[caps["report_status"] == "reported"]
    assert sorted(b["fact_id"] for b in drawn) == sorted(reported["fact_id"])
    assert sum(b["region_id"] == "guangdong" for b in drawn) == 2
    assert len({b["category"] for b in drawn}) == len(drawn), "Guangdong's two caps must be told apart"
    style = charts.ChartStyle.for_dataset(dataset)
    for bar in drawn:
        assert bar["marker"].line.color == style.colour(bar["region_id"])
        assert bar["marker"].pattern.fgcolor == style.colour(bar["region_id"])
    usd = reported.set_index("fact_id")["value_usd"]
    assert all(b["value"] == pytest.approx(usd[b["fact_id"]]) for b in drawn)


def test_up_to_bars_are_hatched(long, dataset):
    drawn = bars(caps_chart(long, dataset))
    assert {b["qualifier"] for b in drawn} == {"up_to"}
    assert all(b["marker"].pattern.shape == "/" for b in drawn)


def test_solid_qualifiers_fill_with_the_region_colour(long, dataset, unbounded):
    chart_style = charts.ChartStyle.for_dataset(dataset)
    fig = charts.small_multiples(
        long, value_column="value_usd", title="All", subtitle="s", source_note="Source: x", style=chart_style
    )
    drawn = bars(fig)
    assert {b["qualifier"] for b in drawn} == set(QUALIFIERS), "the dataset uses every qualifier"
    for bar in drawn:
        colour = chart_style.colour(bar["region_id"])
        style = QUALIFIER_STYLE[bar["qualifier"]]
        assert bar["marker"].line.color == colour
        assert bar["marker"].pattern.shape == style["pattern_shape"]
        if style["fill_opacity"] == 1 and bar["status"] not in ("target", "proposed"):
            assert bar["marker"].color == colour
        else:
            assert bar["marker"].color.startswith("rgba(") and bar["marker"].color != colour


def test_not_reported_regions_get_a_labelled_slot_and_no_bar(long, dataset):
    fig = caps_chart(long, dataset)
    caps = one_indicator(long, "grant_cap_per_recipient")
    missing = caps.loc[caps["report_status"] == NOT_REPORTED, "region_name"].tolist()
    assert missing, "some focus region has no grant cap"
    drawn = bars(fig)
    assert all(b["value"] > 0 for b in drawn), "no zero-height bar"
    assert not {b["category"] for b in drawn} & set(missing)
    assert set(missing) <= set(fig.layout.xaxis.categoryarray), "a not-reported region keeps its slot"
    marked = {a.x for a in annotations(fig, "not_reported")}
    assert marked == set(missing)
    assert all("not<br>reported" in a.text for a in annotations(fig, "not_reported"))
    placeholders = [t for t in fig.data if (t.meta or {}).get("role") == "not_reported"]
    assert all(v is None for t in placeholders for v in t.y)


def test_sort_by_value_puts_the_largest_first_and_missing_last(long, dataset):
    fig = caps_chart(long, dataset, sort="value")
    order = list(fig.layout.xaxis.categoryarray)
    values = {b["category"]: b["value"] for b in bars(fig)}
    drawn_order = [c for c in order if c in values]
    assert [values[c] for c in drawn_order] == sorted(values.values(), reverse=True)
    assert order[: len(drawn_order)] == drawn_order, "not-reported slots come after the bars"
    assert order[0] == "Shanghai"


def test_sort_by_region_keeps_the_given_region_order(long, dataset):
    fig = caps_chart(long, dataset, sort="region")
    caps = one_indicator(long, "grant_cap_per_recipient")
    names = list(dict.fromkeys(caps["region_name"]))
    first_slot = [next(i for i, c in enumerate(fig.layout.xaxis.categoryarray) if c.startswith(n)) for n in names]
    assert first_slot == sorted(first_slot)
    with pytest.raises(ValueError, match="sort must be one of"):
        caps_chart(long, dataset, sort="alphabet")


def test_log_scale_sets_a_log_axis_and_says_so(long, dataset):
    fig = caps_chart(long, dataset, log_scale=True)
    assert fig.layout.yaxis.type == "log"
    assert fig.layout.title.subtitle.text.endswith("log scale")
    smallest = min(b["value"] for b in bars(fig))
    assert 10 ** fig.layout.yaxis.range[0] < smallest, "the smallest bar stays visible"
    assert caps_chart(long, dataset).layout.yaxis.type == "linear"


def test_stated_values_are_drawn_in_their_currency_with_the_qualified_label(long, dataset):
    fig = caps_chart(long, dataset, value_column="value", unit_label="Chinese yuan")
    labels = {b["fact_id"]: (b["value"], b["text"]) for b in bars(fig)}
    assert labels["gd_hub_subsidy_cap"] == (50_000_000, "≤ 50 M CNY")


def test_usd_bars_show_both_usd_and_the_stated_figure(long, dataset):
    texts = {b["fact_id"]: b["text"] for b in bars(caps_chart(long, dataset))}
    assert texts["gd_hub_subsidy_cap"] == "≤ 6.95 M USD<br>(≤ 50 M CNY)"


def test_hover_shows_stated_value_usd_quote_and_source(long, dataset):
    hover = {b["fact_id"]: b["hover"] for b in bars(caps_chart(long, dataset))}["gd_hub_subsidy_cap"]
    assert "As stated: ≤ 50 M CNY (up to)" in hover
    assert "In US dollars: ≈ 6.954 M USD" in hover
    assert "Source: guangdong_ai_robotics_plan" in hover
    quote = one_indicator(long, "grant_cap_per_recipient").set_index("fact_id").at["gd_hub_subsidy_cap", "quote"]
    assert quote.split()[0] in hover and "50 millions" in hover.replace("<br>", " ")


def test_long_quotes_wrap_in_hover(long, dataset):
    rows = with_quote(headline_only(one_indicator(long, "grant_cap_per_recipient")), "gd_hub_subsidy_cap", "mot " * 60)
    fig = charts.comparison_bar_chart(
        rows, value_column="value_usd", unit_label="USD", title="t", subtitle="s", source_note="Source: x"
    )
    hover = {b["fact_id"]: b["hover"] for b in bars(fig)}["gd_hub_subsidy_cap"]
    quote = hover.split("Quote: ")[1].split("<br>In English")[0].split("<br>Source")[0]
    quote_lines = quote.split("<br>")
    assert len(quote_lines) >= 3 and all(len(line) <= 84 for line in quote_lines)


def test_fx_derivation_appears_in_hover_when_the_table_carries_it(long, dataset):
    rows = one_indicator(long, "grant_cap_per_recipient").assign(
        derivation=None, fx_derivation="÷ 7.0809 CNY/USD (Federal Reserve G.5A annual average, 2023)", fx_rate=7.0809
    )
    hover = bars(caps_chart(rows, dataset))[0]["hover"]
    assert "How: ÷ 7.0809 CNY/USD (Federal Reserve G.5A annual average, 2023)" in hover


def test_data_text_is_escaped_everywhere(long, dataset):
    rows = with_quote(one_indicator(long, "grant_cap_per_recipient"), "gd_hub_subsidy_cap", INJECTED)
    rows.loc[rows["region_id"] == "zhejiang", "region_name"] = "Zhe<b>jiang</b>"
    fig = caps_chart(rows, dataset, title="Caps <i>raw</i>")
    assert_escaped(fig)
    assert "Zhe&lt;b&gt;jiang&lt;/b&gt;" in fig.layout.xaxis.categoryarray
    assert fig.layout.title.text == "Caps &lt;i&gt;raw&lt;/i&gt;"
    assert "&quot;" not in figure_text(fig), "plotly does not decode &quot;: quotes must stay literal"


def test_comparison_chart_refuses_two_indicators_or_two_units(long, dataset):
    two = long.loc[long["indicator_id"].isin(["grant_cap_per_recipient", "funding_annual"])]
    with pytest.raises(ValueError, match="one indicator per axis"):
        charts.comparison_bar_chart(two, unit_label="u", title="t", subtitle="s", source_note="Source: x")
    caps = headline_only(one_indicator(long, "grant_cap_per_recipient")).copy()
    krw = caps["fact_id"] == "gd_company_subsidy_cap"
    caps.loc[krw, "unit"] = "KRW"
    with pytest.raises(ValueError, match="mixes units .* value_column='value_usd'"):
        charts.comparison_bar_chart(
            caps, value_column="value", unit_label="u", title="t", subtitle="s", source_note="Source: x"
        )
    charts.comparison_bar_chart(
        caps, value_column="value_usd", unit_label="u", title="t", subtitle="s", source_note="Source: x"
    )


def test_qualifier_legend_explains_the_marks_in_use(long, dataset, unbounded):
    fig = charts.small_multiples(long, title="All", subtitle="s", source_note="Source: x")
    keys = [t for t in fig.data if (t.meta or {}).get("role") == "qualifier_key"]
    assert [k.meta["qualifier"] for k in keys if "qualifier" in k.meta] == list(QUALIFIERS)
    assert [k.meta["status"] for k in keys if "status" in k.meta] == ["target", "proposed"]
    assert all(k.showlegend and k.legendgrouptitle.text == "Kind of figure" for k in keys)
    assert not any(t.showlegend for t in fact_traces(fig)), "region is on the axis: no region legend"
    caps_keys = [t.meta["qualifier"] for t in caps_chart(long, dataset).data if t.meta.get("role") == "qualifier_key"]
    assert caps_keys == ["up_to"]


# --- small multiples --------------------------------------------------------------------------


def test_small_multiples_draw_one_panel_per_indicator(long):
    chosen = ["grant_cap_per_recipient", "compute_capacity", "ai_talent_trained", "full_service_providers"]
    rows = long.loc[long["indicator_id"].isin(chosen)]
    fig = charts.small_multiples(
        rows, value_column="value_usd", title="Four", subtitle="Own units", source_note="Source: ecodash"
    )
    assert_self_explaining(fig, title="Four", subtitle_part="Own units", source_part="ecodash")
    classes_on = {}
    for bar in bars(fig):
        row = rows.loc[rows["fact_id"] == bar["fact_id"]].iloc[0]
        classes_on.setdefault(bar["xaxis"], set()).add((row["indicator_id"], row["comparability_class"]))
    assert {i for pairs in classes_on.values() for i, _ in pairs} == set(chosen)
    assert all(len(pairs) == 1 for pairs in classes_on.values()), "one indicator and one kind of figure per axis"
    reported = rows.loc[rows["report_status"] == "reported"]
    assert len(classes_on) == reported[["indicator_id", "comparability_class"]].drop_duplicates().shape[0]
    talent = [a.text for a in fig.layout.annotations if a.name is None and a.text.startswith("AI talent trained")]
    assert len(talent) == 2 and any("proposal" in t for t in talent), "a proposal gets its own, labelled panel"
    titles = [a.text for a in fig.layout.annotations if a.name is None]
    assert any(t.startswith("AI compute capacity — petaflops (PFLOPS)") for t in titles)
    assert any(t.startswith("Grant cap per recipient — US dollars") for t in titles)
    assert any("not reported: " in t and "Zhejiang" in t for t in titles)


def test_small_multiples_never_share_an_axis_between_units(long):
    caps = headline_only(one_indicator(long, "grant_cap_per_recipient")).copy()
    caps.loc[caps["fact_id"] == "gd_company_subsidy_cap", "unit"] = "KRW"
    fig = charts.small_multiples(caps, title="t", subtitle="s", source_note="Source: x")
    units_per_axis: dict[str, set] = {}
    for bar in bars(fig):
        unit = caps.set_index("fact_id").at[bar["fact_id"], "unit"]
        units_per_axis.setdefault(bar["xaxis"], set()).add(unit)
    assert sorted(map(sorted, units_per_axis.values())) == [["CNY"], ["KRW"]]


def test_small_multiples_apply_log_scale_to_every_panel(long):
    rows = long.loc[long["indicator_id"].isin(["compute_capacity", "ai_talent_trained"])]
    fig = charts.small_multiples(rows, title="t", subtitle="s", source_note="Source: x", log_scale=True, columns=1)
    assert fig.layout.yaxis.type == fig.layout.yaxis2.type == "log"
    assert "log scale" in fig.layout.title.subtitle.text


def test_small_multiples_escape_data(long):
    rows = with_quote(one_indicator(long, "grant_cap_per_recipient"), "gd_hub_subsidy_cap", INJECTED)
    rows["indicator_name"] = "Caps <script>x</script>"
    fig = charts.small_multiples(rows, title="t", subtitle="s", source_note="Source: x")
    text = figure_text(fig)
    assert "<script>" not in text and "Caps &lt;script&gt;x&lt;/script&gt;" in text
    assert_escaped(fig)


# --- funding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("view", "scopes"),
    [("per_recipient", {"per_recipient"}), ("total", {"multi_year", "cumulative"})],
)
def test_funding_views_never_mix_scopes(funding, view, scopes):
    fig = charts.funding_chart(funding, view=view, fx_basis_label=FX_LABEL, source_note="Source: x")
    shown = {b["fact_id"] for b in bars(fig)}
    expected = set(funding.loc[funding["scope"].isin(scopes), "fact_id"])
    assert shown == expected and shown
    assert all(t.orientation == "h" for t in fact_traces(fig))


def test_per_year_view_annualises_gwangju_at_the_reference_rate(funding):
    fig = charts.funding_chart(funding, view="per_year", fx_basis_label=FX_LABEL, source_note="Source: x")
    drawn = {b["fact_id"]: b for b in bars(fig)}
    assert set(drawn) == {"gd_core_technology_funding_per_year", "gj_additional_investment_target"}
    gwangju = drawn["gj_additional_investment_target"]
    assert gwangju["value"] == pytest.approx(GWANGJU_PER_YEAR_USD)
    assert gwangju["value"] == pytest.approx(84.36e6, rel=1e-3)
    assert gwangju["text"] == "target 84.4 M USD/yr (target 120 bn KRW/yr)"
    assert "600 bn KRW over 5 years ÷ 5" in gwangju["hover"] and "1,422.4408 KRW/USD" in gwangju["hover"]
    assert gwangju["marker"].line.width >= 3, "a target is outlined"
    assert gwangju["xaxis"] != drawn["gd_core_technology_funding_per_year"]["xaxis"], (
        "a target and a budget in force never share an axis"
    )
    note = annotations(fig, "source_note")[0].text.replace("<br>", " ")
    assert "Not alike: Funding per year comes in 2 kinds" in note
    assert "Gwangju: Investment over several years, multi-year total, target, AI only, funder not stated; " in note
    assert "; Guangdong (headline kind): Funding per year, per year, in force" in note
    assert not {"gd_hub_subsidy_cap", "gd_ai_robotics_investment_since_2018"} & set(drawn)


def test_funding_chart_titles_by_view_and_states_fx(funding, dataset):
    note = source_lines.source_note(dataset, funding["source_id"])
    for view in funding_views.FUNDING_VIEWS:
        fig = charts.funding_chart(funding, view=view, fx_basis_label=FX_LABEL, source_note=note)
        assert_self_explaining(
            fig, title=t(f"funding.title.{view}"), subtitle_part=f"US dollars, {FX_LABEL}", source_part="VietNamNet"
        )
    fig = charts.funding_chart(funding, view="per_year", fx_basis_label=FX_LABEL, title="Mine", source_note=note)
    assert fig.layout.title.text == "Mine"
    assert fig.layout.title.subtitle.text == f"US dollars, {FX_LABEL}"


def test_funding_hover_gives_original_currency_usd_derivation_quote_source(funding):
    fig = charts.funding_chart(funding, view="per_recipient", fx_basis_label=FX_LABEL, source_note="Source: x")
    hub = next(b for b in bars(fig) if b["fact_id"] == "gd_hub_subsidy_cap")
    assert "As stated: ≤ 50 M CNY (up to)" in hub["hover"]
    assert "Drawn: ≤ 6.95 M USD" in hub["hover"]
    assert "cap per recipient, not an annual budget" in hub["hover"]
    assert "Quote: « " in hub["hover"] and "In English: " in hub["hover"]
    assert "Source: guangdong_ai_robotics_plan" in hub["hover"]
    assert hub["marker"].pattern.shape == "/"


def test_funding_bars_run_largest_first(funding):
    fig = charts.funding_chart(funding, view="per_recipient", fx_basis_label=FX_LABEL, source_note="Source: x")
    panels = [axis for name, axis in fig.layout.to_plotly_json().items() if name.startswith("yaxis")]
    assert len(panels) == 2, "the AI-only cap and the AI-with-other-fields caps are drawn in separate panels"
    values = {b["category"]: b["value"] for b in bars(fig)}
    for axis in panels:
        order = list(axis["categoryarray"])
        assert [values[c] for c in order] == sorted((values[c] for c in order), reverse=True)
        assert axis["autorange"] == "reversed", "the first category is drawn on top"


def test_empty_funding_view_says_so(funding):
    fig = charts.funding_chart(funding.iloc[0:0], view="total", fx_basis_label=FX_LABEL, source_note="Source: x")
    assert not fact_traces(fig)
    assert [a.text for a in annotations(fig, "empty_view")] == ["Nothing reported for this view"]
    assert annotations(fig, "source_note")
    with pytest.raises(ValueError, match="view must be one of"):
        charts.funding_chart(funding, view="per_month", fx_basis_label=FX_LABEL, source_note="Source: x")


def test_funding_chart_escapes_data(funding):
    rows = with_quote(funding, "gd_hub_subsidy_cap", INJECTED)
    rows.loc[rows["fact_id"] == "gd_hub_subsidy_cap", "instrument_name"] = "Hubs <img src=x onerror=alert(1)>"
    fig = charts.funding_chart(rows, view="per_recipient", fx_basis_label=FX_LABEL, source_note="Source: x")
    assert_escaped(fig)
    assert "<img" not in figure_text(fig) and "&lt;img" in figure_text(fig)


# --- timeline ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def region_names(dataset) -> dict[str, str]:
    return dict(zip(dataset.regions["region_id"], dataset.regions["name_en"], strict=True))


def event_traces(fig: go.Figure) -> dict[str, go.Scatter]:
    return {t.meta["kind"]: t for t in fig.data if (t.meta or {}).get("role") == "events"}


def test_timeline_marks_targets_with_hollow_symbols(dataset, long, region_names):
    fig = charts.timeline_chart(
        dataset.events,
        target_facts=long,
        region_names=region_names,
        title="Timeline",
        source_note=source_lines.source_note(dataset, dataset.events["source_id"]),
    )
    assert_self_explaining(fig, title="Timeline", subtitle_part="hollow", source_part="Alibaba")
    traces = event_traces(fig)
    assert traces["target_year"].marker.symbol.endswith("-open")
    assert traces[TARGET_FACT_KIND].marker.symbol.endswith("-open")
    past = [t.marker.symbol for kind, t in traces.items() if kind not in {"target_year", TARGET_FACT_KIND}]
    assert past and not any(s.endswith("-open") for s in past)
    assert traces["target_year"].marker.symbol not in past
    keys = {t.meta["kind"]: t.marker.symbol for t in fig.data if (t.meta or {}).get("role") == "kind_key"}
    assert keys == {kind: t.marker.symbol for kind, t in traces.items()}, "the legend explains every symbol"


def test_timeline_places_partial_dates_and_shows_them_as_written(dataset, region_names):
    fig = charts.timeline_chart(dataset.events, region_names=region_names, title="t", source_note="Source: x")
    points = {
        custom[2]: (x, custom[3], custom[0])
        for t in event_traces(fig).values()
        for x, custom in zip(t.x, t.customdata, strict=True)
    }
    x, written, hover = points["sh_ai_manufacturing_plan_unveiled"]
    assert pd.Timestamp(x) == pd.Timestamp("2025-08-19") and written == "2025-08-19"
    x, written, hover = points["vn_top10_ai_target_2045"]
    assert pd.Timestamp(x) == pd.Timestamp("2045-01-01") and written == "2045"
    assert "Date: 2045 (as written in the source)" in hover and "Source: gwangju_ai_cluster_vietnam" in hover
    assert parse_partial_date("2023-07") == pd.Timestamp("2023-07-01")


def test_timeline_colours_by_region_and_filters_regions(dataset, region_names):
    style = charts.ChartStyle.for_dataset(dataset)
    fig = charts.timeline_chart(
        dataset.events,
        region_ids=["gwangju", "hangzhou"],
        region_names=region_names,
        title="t",
        source_note="Source: x",
        style=style,
    )
    for trace in event_traces(fig).values():
        regions = [custom[1] for custom in trace.customdata]
        assert set(regions) <= {"gwangju", "hangzhou"}
        assert list(trace.marker.color) == [style.colour(r) for r in regions]
    assert list(fig.layout.yaxis.ticktext) == ["Gwangju", "Hangzhou"]


def test_timeline_groups_target_figures_due_the_same_year(dataset, long, region_names):
    fig = charts.timeline_chart(
        dataset.events.iloc[0:0], target_facts=long, region_names=region_names, title="t", source_note="Source: x"
    )
    targets = event_traces(fig)[TARGET_FACT_KIND]
    ids = {custom[1]: custom[2].split(";") for custom in targets.customdata}
    shanghai_2028 = long.loc[
        (long["region_id"] == "shanghai") & (long["status"] == "target") & (long["period_end"] == 2028), "fact_id"
    ]
    assert sorted(ids["shanghai"]) == sorted(shanghai_2028) and len(shanghai_2028) > 1
    assert "vietnam" in ids and "gwangju" not in ids, "a target without period_end has no place on a time axis"


def test_timeline_escapes_and_handles_no_events(dataset, region_names):
    events = dataset.events.copy()
    events.loc[0, "quote"] = INJECTED
    events.loc[0, "description"] = "<b>gras</b>"
    assert_escaped(charts.timeline_chart(events, region_names=region_names, title="t", source_note="Source: x"))
    empty = charts.timeline_chart(events, region_ids=["atlantis"], title="t", source_note="Source: x")
    assert [a.text for a in annotations(empty, "empty_view")] == ["No dated events for these regions"]


# --- the source footnote ------------------------------------------------------------------------


def test_long_source_note_wraps_inside_the_reserved_margin(dataset):
    fig = finish_figure(go.Figure(), title="t", subtitle="s", source_note="Source: " + "mot " * 100)
    note = annotations(fig, "source_note")[0]
    assert note.text.count("<br>") >= 3
    assert all(len(line) <= NOTE_WRAP_CHARS for line in note.text.split("<br>"))
    assert fig.layout.margin.b >= 18 * (note.text.count("<br>") + 1)


# --- serialisation ----------------------------------------------------------------------------


def all_figures(dataset, long, funding) -> dict[str, go.Figure]:
    note = source_lines.source_note(dataset, long["source_id"])
    return {
        "comparison": caps_chart(long, dataset),
        "comparison_log": caps_chart(long, dataset, log_scale=True, sort="region"),
        "small_multiples": charts.small_multiples(long, title="t", subtitle="s", source_note=note),
        **{
            f"funding_{view}": charts.funding_chart(funding, view=view, fx_basis_label=FX_LABEL, source_note=note)
            for view in funding_views.FUNDING_VIEWS
        },
        "timeline": charts.timeline_chart(dataset.events, target_facts=long, title="t", source_note=note),
    }


def test_every_figure_serialises_to_json(dataset, long, funding):
    for name, fig in all_figures(dataset, long, funding).items():
        payload = json.loads(fig.to_json())
        assert payload["data"] and payload["layout"]["title"]["text"], name
        assert any(a.get("name") == "source_note" for a in payload["layout"]["annotations"]), name


def test_qualifier_labels_in_hover_match_formatting(long, dataset):
    for bar in bars(charts.small_multiples(long, title="t", subtitle="s", source_note="Source: x")):
        assert f"({qualifier_label(bar['qualifier'])})" in bar["hover"]


def test_timeline_with_one_event_has_year_ticks_and_padding(dataset):
    """Regression: a lone event got millisecond ticks ("23:59:59.999 Dec 31, 2017")."""
    events = dataset.events.loc[dataset.events["region_id"] == "gwangju"]
    assert len(events) == 1
    fig = charts.timeline_chart(events, title="t", source_note="Source: test")
    axis = fig.layout.xaxis
    assert axis.tickformat == "%Y" and axis.dtick == "M12"
    assert axis.range[0] < events["date"].iloc[0] < axis.range[1]


def test_funding_per_year_labels_pair_yearly_usd_with_the_yearly_original(dataset):
    funding = indicators.funding_table(dataset)
    fig = charts.funding_chart(funding, view="per_year", fx_basis_label="reference", source_note="Source: test")
    texts = [t for trace in fig.data for t in (trace.text or [])]
    gwangju = next(t for t in texts if "KRW" in t)
    assert "120 bn KRW/yr" in gwangju and "600 bn" not in gwangju


def test_a_tall_small_multiples_keeps_its_title_at_the_top_clear_of_the_panels(long):
    """Regression: with every indicator, the title sat at 98 % of a 5,000 px figure, over the first panels."""
    fig = charts.small_multiples(
        long, value_column="comparable_value", title="All", subtitle="s", source_note="Source: x"
    )
    assert fig.layout.height > 3000
    assert (1 - fig.layout.title.y) * fig.layout.height == pytest.approx(TITLE_TOP_PX)
    first_row_titles = [a for a in fig.layout.annotations if a.name is None][:2]
    lines = max(a.text.count("<br>") + 1 for a in first_row_titles)
    assert fig.layout.margin.t >= 100 + 18 * lines, "room for the title, subtitle and the panels' titles"


def test_per_million_bars_hover_with_the_population_derivation(long):
    rows = long.loc[long["indicator_id"] == "funding_per_year"]
    rows = rows.loc[rows["comparable_value_per_million"].notna() | (rows["report_status"] == NOT_REPORTED)]
    fig = charts.small_multiples(
        rows, value_column="comparable_value_per_million", title="t", subtitle="s", source_note="Source: x"
    )
    gwangju = next(b for b in bars(fig) if b["region_id"] == "gwangju")
    assert gwangju["value"] == pytest.approx(600e9 / 5 / 1422.44083333333 / 1_444_000 * 1e6)
    hover = gwangju["hover"].replace("<br>", " ")
    assert "Drawn per million inhabitants: 58.4 M USD" in hover
    assert "÷ 1,444,000 inhabitants of Gwangju (2024)" in hover and "SECONDARY SOURCE" in hover


# --- style: theme, presentation scale, region colours --------------------------------------------------------


def test_presentation_scale_enlarges_every_font(long, dataset):
    normal, large = caps_chart(long, dataset), caps_chart(long, dataset, style=charts.ChartStyle(scale=1.5))
    assert large.layout.title.font.size == round(normal.layout.title.font.size * 1.5)
    assert large.layout.font.size == round(normal.layout.font.size * 1.5)
    note, big_note = annotations(normal, "source_note")[0], annotations(large, "source_note")[0]
    assert big_note.font.size == round(note.font.size * 1.5)
    assert fact_traces(large)[0].textfont.size == round(fact_traces(normal)[0].textfont.size * 1.5)
    assert large.layout.margin.b > normal.layout.margin.b  # the larger footnote keeps its room


def test_dark_theme_draws_light_text_on_a_dark_background(long, dataset):
    dark = caps_chart(long, dataset, style=charts.ChartStyle(theme="dark"))
    light = caps_chart(long, dataset)
    assert dark.layout.template.layout.paper_bgcolor != light.layout.template.layout.paper_bgcolor
    assert dark.layout.font.color == theme.get_theme("dark").text
    assert annotations(dark, "source_note")[0].font.color == theme.get_theme("dark").muted


def test_bars_take_the_colour_the_style_gives_their_region(long, dataset):
    fig = caps_chart(long, dataset, style=charts.ChartStyle(colours={"guangdong": "#123456"}))
    guangdong = [trace for trace in fact_traces(fig) if trace.meta["region_id"] == "guangdong"]
    assert guangdong and all(trace.marker.line.color == "#123456" for trace in guangdong)


def test_a_french_chart_writes_numbers_the_french_way(long, dataset):
    from ecodash.i18n import use

    with use("fr"):
        fig = caps_chart(long, dataset)
    assert fig.layout.separators == ",\u202f"  # 1 234,5 on the axes and in plotly's own numbers
    assert fig.layout.yaxis.exponentformat == "SI"  # "B" would read as billions in French
    assert "≤ 50 M CNY" in " ".join(str(text) for trace in fact_traces(fig) for text in trace.text)
    english = caps_chart(long, dataset)
    assert english.layout.separators == ".," and english.layout.yaxis.exponentformat == "B"


# --- bounded drawing: a chart draws what a reader can read, and says what it leaves out -------------


def test_a_panel_keeps_each_regions_largest_figure_then_the_largest_others():
    part = pd.DataFrame({"region_id": ["a", "a", "a", "b", "c"], "plotted": [10.0, 9.0, 8.0, 1.0, 2.0]})
    assert largest_first(part, 4)["plotted"].tolist() == [10.0, 9.0, 1.0, 2.0], "in their order"
    assert largest_first(part, 2)["plotted"].tolist() == [10.0, 2.0], "regions' largest, largest first"
    assert largest_first(part, 5) is part


def test_panels_are_taken_in_turns_so_every_indicator_keeps_its_first():
    assert by_turns(["x", "x", "x", "y", "z"], 3) == [0, 3, 4]
    assert by_turns(["x", "x", "y"], 10) == [0, 1, 2]


def test_small_multiples_draw_at_most_the_limit_and_say_what_they_leave_out(long, monkeypatch):
    chosen = ["grant_cap_per_recipient", "compute_capacity", "ai_talent_trained", "full_service_providers"]
    rows = long.loc[long["indicator_id"].isin(chosen)]
    options = {"value_column": "value_usd", "title": "Four", "subtitle": "s", "source_note": "Source: ecodash"}
    everything = charts.small_multiples(rows, **options)
    assert charts.drawn_line(everything) is None and "Drawn" not in annotations(everything, "source_note")[0].text
    all_bars, all_panels = len(bars(everything)), len({b["xaxis"] for b in bars(everything)})
    assert all_panels > 4, "talent's proposal and the grant caps' two kinds get panels of their own"
    monkeypatch.setattr("ecodash.charts.bars.MULTIPLES_MAX_PANELS", 4)
    monkeypatch.setattr("ecodash.charts.bars.MULTIPLES_MAX_BARS", 1)
    fig = charts.small_multiples(rows, **options)
    drawn = bars(fig)
    assert {b["xaxis"] for b in drawn} == {"x", "x2", "x3", "x4"}
    assert {rows.set_index("fact_id").loc[b["fact_id"], "indicator_id"] for b in drawn} == set(chosen)
    assert fig.layout.meta["drawn"] == {"bars": 4, "bars_of": all_bars, "panels": 4, "panels_of": all_panels}
    line = charts.drawn_line(fig)
    assert line.startswith(f"Drawn: 4 of {all_bars} figures, in 4 of {all_panels} panels")
    note = annotations(fig, "source_note")[0].text.replace("<br>", " ")
    assert "Drawn: 4 of" in note and "every figure" in note, "an exported image says what it leaves out"


def test_a_bar_chart_draws_at_most_its_limit_and_keeps_the_not_reported_slots(long, dataset, monkeypatch):
    everything = caps_chart(long, dataset)
    assert len(bars(everything)) >= 2 and charts.drawn_line(everything) is None
    slots = [a.x for a in annotations(everything, "not_reported")]
    monkeypatch.setattr("ecodash.charts.bars.BAR_CHART_MAX_BARS", 1)
    fig = caps_chart(long, dataset)
    assert [b["value"] for b in bars(fig)] == [max(b["value"] for b in bars(everything))]
    assert [a.x for a in annotations(fig, "not_reported")] == slots, "who reports nothing is still said"
    assert fig.layout.meta["drawn"] == {"bars": 1, "bars_of": len(bars(everything)), "panels": 1, "panels_of": 1}


def test_a_funding_chart_draws_at_most_its_limits_headline_kind_first(funding, monkeypatch):
    options = {"view": "per_recipient", "fx_basis_label": FX_LABEL, "source_note": "Source: x"}
    everything = charts.funding_chart(funding, **options)
    assert charts.drawn_line(everything) is None
    monkeypatch.setattr("ecodash.charts.funding.FUNDING_MAX_PANELS", 1)
    monkeypatch.setattr("ecodash.charts.funding.FUNDING_MAX_BARS", 1)
    fig = charts.funding_chart(funding, **options)
    assert len(bars(fig)) == 1
    assert bars(fig)[0]["fact_id"] == bars(everything)[0]["fact_id"], "the headline kind's largest figure"
    assert fig.layout.meta["drawn"] == {"bars": 1, "bars_of": len(bars(everything)), "panels": 1, "panels_of": 2}
    assert "Drawn: 1 of" in annotations(fig, "source_note")[0].text.replace("<br>", " ")


def test_a_bounded_chart_explains_the_kinds_it_draws_not_those_it_leaves_out(long, monkeypatch):
    rows = long.loc[long["indicator_id"] == "ai_talent_trained"]  # a result and a proposal: two kinds
    options = {"value_column": "value_usd", "title": "Talent", "subtitle": "s", "source_note": "Source: ecodash"}
    assert "Not alike" in annotations(charts.small_multiples(rows, **options), "source_note")[0].text
    monkeypatch.setattr("ecodash.charts.bars.MULTIPLES_MAX_PANELS", 1)
    note = annotations(charts.small_multiples(rows, **options), "source_note")[0].text
    assert "Drawn:" in note and "Not alike" not in note, "one kind drawn: nothing to tell apart in the image"


# --- scales: one range per unit, ticks in the labels' words ----------------------------------


def _value_axis(fig: go.Figure, trace, letter: str) -> dict:
    ref = getattr(trace, f"{letter}axis") or letter
    return fig.layout[f"{letter}axis{ref[1:]}"]


def _ranges_of(fig: go.Figure, letter: str) -> dict[str, tuple]:
    """fact id -> the range of the value axis its bar is drawn on."""
    return {
        fact_id: tuple(_value_axis(fig, trace, letter).range)
        for trace in fact_traces(fig)
        for fact_id in [row[2] for row in trace.customdata]
    }


@pytest.mark.parametrize("per_million", [False, True])
@pytest.mark.parametrize("scale", ["linear", "log"])
def test_compare_panels_in_one_unit_share_one_range(dataset, per_million, scale):
    """1.39 bn USD and 84.4 M USD in two panels (two kinds of figure) must not draw as bars of one height."""
    from ecodash import views

    view = views.compare_view(
        dataset,
        region_ids=["guangdong", "gwangju"],
        indicator_ids=["funding_per_year"],
        per_million=per_million,
        scale=scale,
    )
    ranges = _ranges_of(view.figure, "y")
    gd, gj = ranges["gd_core_technology_funding_per_year"], ranges["gj_additional_investment_target"]
    axes = {trace.yaxis for trace in fact_traces(view.figure)}
    assert len(axes) == 2, "two kinds of figure, two panels"
    assert gd == gj, "one unit, one scale"
    values = {row[2]: y for trace in fact_traces(view.figure) for row, y in zip(trace.customdata, trace.y)}
    top = max(values.values())
    assert gd[1] >= top if scale == "linear" else 10 ** gd[1] >= top, "the largest bar fits"


def test_funding_panels_share_one_usd_range(funding):
    fig = charts.funding_chart(funding, view="per_year", fx_basis_label=FX_LABEL, source_note="x")
    ranges = _ranges_of(fig, "x")
    assert len({trace.xaxis for trace in fact_traces(fig)}) == 2
    assert len(set(ranges.values())) == 1, ranges
    per_million = charts.funding_chart(
        funding, view="per_year", fx_basis_label=FX_LABEL, source_note="x", per_million=True
    )
    assert len(set(_ranges_of(per_million, "x").values())) == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["0", "500 M", "1 bn", "1.5 bn"]), ("fr", ["0", "500 M", "1 Md", "1,5 Md"])],
)
def test_value_ticks_use_the_labels_words(dataset, language, expected):
    """Ticks said '1.5B' (French '1,5G') beside labels saying '1.39 bn' ('1,39 Md')."""
    from ecodash import i18n, views

    with i18n.use(language):
        view = views.compare_view(dataset, region_ids=["guangdong", "gwangju"], indicator_ids=["funding_per_year"])
        per_million = views.compare_view(
            dataset, region_ids=["guangdong", "gwangju"], indicator_ids=["funding_per_year"], per_million=True
        )
        log = views.compare_view(
            dataset, region_ids=["guangdong", "gwangju"], indicator_ids=["funding_per_year"], scale="log"
        )
    for fig in (view.figure, per_million.figure, log.figure):
        for trace in fact_traces(fig):
            axis = _value_axis(fig, trace, "y")
            assert axis.tickmode == "array" and len(axis.tickvals) == len(axis.ticktext) >= 2
    axis = _value_axis(view.figure, fact_traces(view.figure)[0], "y")
    assert list(axis.ticktext) == expected
    axis = _value_axis(per_million.figure, fact_traces(per_million.figure)[0], "y")
    assert list(axis.ticktext) == ["0", "20 M", "40 M", "60 M"]
    axis = _value_axis(log.figure, fact_traces(log.figure)[0], "y")
    assert list(axis.ticktext) == ["10 M", "100 M", "1 bn" if language == "en" else "1 Md"]


# --- French typography ------------------------------------------------------------------------

_BARE_FRENCH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0\u202f(\[{])[:;!?»]|[ ][:;!?»]|«(?=[^\u00a0\u202f])")
"""A colon, semicolon, !, ? or » without the (narrow) non-breaking space French puts before it, or « without one
after it ('{x}:' or 'x :' with a breaking space); '(?' and URLs aside."""


def _french_faults(text: str) -> list[str]:
    text = re.sub(r"https?://\S+|<[^>]*>", "", text)  # links and plotly tags are not prose
    return [text[max(0, m.start() - 12) : m.end() + 12] for m in _BARE_FRENCH_PUNCTUATION.finditer(text)]


def _without(text: str, titles: set[str]) -> str:
    flat = text.replace("<br>", " ")
    for title in titles:
        flat = flat.replace(title, "")
    return flat


def test_every_french_chart_and_image_text_spaces_its_punctuation():
    import tomllib
    from pathlib import Path

    root = Path(charts.__file__).parent.parent / "i18n" / "locales" / "fr"
    faults = {}
    for name in ("charts.toml", "images.toml", "ui.toml"):
        for key, value in tomllib.loads((root / name).read_text(encoding="utf-8")).items():
            if (name != "ui.toml" or key.startswith("comparability.")) and _french_faults(value):
                faults[key] = _french_faults(value)
    assert not faults, faults


def test_a_french_chart_spaces_its_punctuation_in_every_text_it_draws(dataset):
    """'Gwangju:' in French needs its space: « Gwangju : objectif ».

    Data text (article titles and quotes) is as the article wrote it and is not checked."""
    from ecodash import i18n, views

    with i18n.use("fr"):
        figures = [
            views.compare_view(dataset, region_ids=dataset.focus_region_ids(), indicator_ids=ids).figure
            for ids in (["funding_per_year", "compute_capacity"], ["grant_cap_per_recipient"])
        ]
        figures.append(views.funding_view(dataset, view="per_year").figure)
    for fig in figures:
        texts = [a.text for a in fig.layout.annotations] + [fig.layout.title.text, fig.layout.title.subtitle.text]
        texts += [str(c) for trace in fig.data for c in (getattr(trace, "x", None) or ()) if isinstance(c, str)]
        texts += [str(c) for trace in fig.data for c in (getattr(trace, "y", None) or ()) if isinstance(c, str)]
        titles = set(dataset.sources["title"].astype(str))
        faults = [f for text in texts if text for f in _french_faults(_without(text, titles))]
        assert not faults, faults
    note = " ".join(a.text for a in figures[0].layout.annotations if a.name == "source_note").replace("<br>", " ")
    assert "Gwangju\u00a0: objectif, IA uniquement, financeur non précisé" in note


# --- text alternative -------------------------------------------------------------------------


def test_a_chart_text_alternative_is_its_takeaway_or_a_sentence_of_what_it_draws(dataset):
    from ecodash import i18n, views
    from ecodash.charts.text import alt_text

    view = views.compare_view(dataset, region_ids=dataset.focus_region_ids(), indicator_ids=["funding_per_year"])
    assert alt_text(view.figure, takeaway=view.takeaway) == " ".join(view.takeaway.split())
    assert alt_text(view.figure) == "Selected indicators: 2 figures drawn, for Guangdong and Gwangju."
    with i18n.use("fr"):
        french = views.compare_view(dataset, region_ids=["gwangju"], indicator_ids=["compute_capacity"])
        assert alt_text(french.figure).endswith("\u00a0: 1 chiffre tracé, pour Gwangju.")
        timeline = views.timeline_view(dataset, region_id="shanghai")
        assert "repères datés, pour Shanghai." in alt_text(timeline.figure, region_names={"shanghai": "Shanghai"})
    hostile = charts.comparison_bar_chart(
        one_indicator(indicators.comparison_long(dataset), "compute_capacity").assign(region_name="<b>x</b>"),
        unit_label="u",
        title="<i>T</i>",
        subtitle="",
        source_note="",
    )
    assert alt_text(hostile) == "<i>T</i>: 1 figure drawn, for <b>x</b>.", "plain text, as typed"
