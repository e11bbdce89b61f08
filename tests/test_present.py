"""AppTest: present mode (?present=1), the slide sequence in the URL, Previous / Next / Exit, 'Add to slides'."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

import ecodash
from ecodash import charts, views
from ecodash.charts import layout
from ecodash.ui import present
from ecodash.ui.draw import escape_markdown
from ecodash.views import slides
from support import DATA_DIR, assert_clean, open_app

DATASET = ecodash.load_dataset(DATA_DIR)
THREE = "compare.indicators-compute_capacity~funding.view-per_recipient~profile.region-shanghai"


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def title(at: AppTest) -> str:
    """The slide's title as shown (data in titles is escaped for Markdown)."""
    return re.sub(r"\\(.)", r"\1", at.title[0].value)


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("Slide")).replace("\\", "")


def no_controls(at: AppTest) -> None:
    """Present mode has no widget but its three buttons."""
    for kind in ("multiselect", "selectbox", "segmented_control", "toggle", "radio", "checkbox", "text_input"):
        assert not at.get(kind), kind
    assert [b.label for b in at.button] == ["Previous", "Next", "Exit"]
    assert all(m.proto.allow_html is False for m in at.markdown)


def test_a_link_opens_straight_into_slide_two_of_three():
    at = open_app("overview", present="1", slides=THREE, slide="3")
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 3 / 4", "the funding slide is two screens: its single figure as a card, its chart"
    assert title(at) == "Grant caps per recipient"
    view = views.funding_view(DATASET, view="per_recipient")
    body = text_of(at)
    assert view.takeaway in body, "the whole takeaway, in the slide's Details"
    assert "Caps per recipient: 2 regions report a figure of one kind" in body
    assert "curated from" in body, "the source line"
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Shanghai" in spec


def test_next_and_previous_step_through_the_sequence_and_the_url_follows():
    at = open_app("overview", present="1", slides=THREE)
    assert counter(at) == "Slide 1 / 4" and title(at) == "AI compute capacity"
    assert at.button(key="present.previous").disabled
    at.button(key="present.next").click().run()
    assert counter(at) == "Slide 2 / 4" and at.query_params["slide"] == "2"
    at.button(key="present.next").click().run()
    assert counter(at) == "Slide 3 / 4" and title(at) == "Grant caps per recipient", "its second panel"
    at.button(key="present.next").click().run()
    assert counter(at) == "Slide 4 / 4" and title(at) == "Shanghai: events and target years"
    assert at.button(key="present.next").disabled
    assert "Shanghai: 3 dated events" in text_of(at)
    at.button(key="present.previous").click().run()
    assert counter(at) == "Slide 3 / 4" and at.query_params["slide"] == "3"
    assert_clean(at)


def test_every_button_has_its_keyboard_shortcut():
    at = open_app("overview", present="1", slides=THREE)
    shortcuts = {b.key: b.proto.shortcut for b in at.button}
    assert shortcuts == {"present.previous": "left", "present.next": "right", "present.exit": "escape"}


def test_a_garbled_sequence_shows_a_clear_notice_and_the_valid_slides():
    garbled = "compare.indicators-compute_capacity~bogus.x-y~funding.view-per_recipient.colour-red~%3Cb%3E"
    at = open_app("overview", present="1", slides=garbled)
    assert_clean(at)
    notice = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "Some slides in the link could not be read" in notice
    assert "Slide 2: “bogus” is not a page that can be a slide" in notice
    assert "Slide 3: “colour” is not a choice of funding" in notice
    assert "Slide 4" in notice
    assert counter(at) == "Slide 1 / 3", "compute capacity, then the funding slide's two panels"
    at.button(key="present.next").click().run()
    assert title(at) == "Grant caps per recipient"


def test_a_slide_number_out_of_range_says_so_and_shows_the_first():
    at = open_app("overview", present="1", slides=THREE, slide="9")
    assert "asked for slide “9”" in " ".join(w.value for w in at.warning).replace("\\", "")
    assert counter(at) == "Slide 1 / 4"


def test_without_slides_present_mode_shows_the_current_view():
    at = open_app("compare", present="1", indicators="compute_capacity", regions=["gwangju", "shanghai"])
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 1 / 1"
    assert title(at) == "AI compute capacity"
    assert "only Gwangju reports a figure of this kind" in text_of(at)


def test_a_page_without_a_single_view_says_what_to_do():
    at = open_app("sources", present="1")
    assert_clean(at)
    assert "no single chart to present" in " ".join(i.value for i in at.info)


def test_exit_leaves_present_mode_and_the_page_comes_back():
    at = open_app("compare", present="1", indicators="compute_capacity")
    at.button(key="present.exit").click().run()
    assert "present" not in at.query_params
    assert at.title[0].value == "Compare"
    assert at.get("multiselect"), "the page's controls are back"


def test_add_to_slides_keeps_the_sequence_in_the_url_across_pages_and_present_shows_it():
    at = open_app("compare", indicators=["compute_capacity"], regions=["gwangju", "shanghai"])
    assert_clean(at)
    at.button(key="present.add.compare").click().run()
    assert at.query_params["slides"] == "compare.regions-gwangju-shanghai.indicators-compute_capacity"
    at.query_params.clear()  # st.navigation starts another page with an empty query string
    at.run()
    assert at.query_params["slides"] == "compare.regions-gwangju-shanghai.indicators-compute_capacity"
    at.toggle(key="present.switch").set_value(True).run()
    assert_clean(at)
    assert at.query_params["present"] == "1"
    no_controls(at)
    assert title(at) == "AI compute capacity"
    assert counter(at) == "Slide 1 / 1"


def test_funding_adds_its_view_and_the_popover_lists_and_clears_the_sequence():
    at = open_app("funding", view="per_recipient")
    at.button(key="present.add.funding").click().run()
    at.button(key="present.add.funding").click().run()
    assert at.query_params["slides"] == "funding.view-per_recipient~funding.view-per_recipient"
    assert [t.value for t in at.text] == [
        "1. Funding programmes — Grant caps per recipient",
        "2. Funding programmes — Grant caps per recipient",
    ]
    at.button(key="present.remove.funding.0").click().run()
    assert at.query_params["slides"] == "funding.view-per_recipient"
    at.button(key="present.clear.funding").click().run()
    assert "slides" not in at.query_params


def test_a_slide_figure_gives_its_title_and_footnote_to_the_slide():
    figure = views.funding_view(DATASET, view="per_recipient", style=charts.ChartStyle(scale=present.FONT_SCALE)).figure
    before = figure.to_plotly_json()
    slide = present.slide_figure(figure)
    assert figure.to_plotly_json() == before, "the page's figure is left alone"
    assert not slide.layout.title.text and not slide.layout.title.subtitle.text
    assert not [a for a in slide.layout.annotations if a.name == "source_note"]
    assert slide.layout.legend.orientation == "h" and slide.layout.height < figure.layout.height
    assert all(axis.tickfont.size >= 15 for axis in slide.select_yaxes())


def test_slides_the_toolbar_makes_parse_back_to_the_page_choices():
    slide = slides.Slide.of(
        "compare",
        views.without_defaults(
            DATASET,
            "compare",
            {
                "regions": DATASET.focus_region_ids(),
                "indicators": ["compute_capacity"],
                "scale": "log",
                "sort": "value",
                "cities": "on",
                "per": "absolute",
                "fx": "wdi",
            },
        ),
    )
    assert slides.serialize([slide]) == "compare.indicators-compute_capacity.scale-log"


def test_a_comparison_of_several_indicators_becomes_one_slide_per_indicator():
    at = open_app("compare", indicators=["compute_capacity", "ai_talent_trained"])
    at.button(key="present.add.compare").click().run()
    assert at.query_params["slides"] == "compare.indicators-compute_capacity~compare.indicators-ai_talent_trained"
    assert "Added as slides 1 to 2" in at.toast[0].value


def test_an_overview_row_is_a_row_of_figure_cards():
    at = open_app("overview", present="1", slides="overview.row-talent")
    assert_clean(at)
    assert title(at) == "Talent"
    assert not at.table, "cards, not a table in a third of the screen"
    body = text_of(at)
    for words in ("Shanghai", "33.3%", "Share of the country's AI professionals", "> 1,200 people"):
        assert words in body, words
    assert "AI only · achieved · about the region itself" in body, "each card keeps its kind"
    assert "Talent: only Shanghai reports a figure of this kind" in body


def test_a_money_card_shows_the_compared_figure_large_and_the_figure_as_stated_under_it():
    at = open_app("overview", present="1", slides="overview.row-funding")
    assert_clean(at)
    values = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]
    assert "1.39 bn USD/yr" in values and "10 bn CNY / year" in values
    assert "84.4 M USD/yr" in values and "target 120 bn KRW / year" in values
    unlike = [v for v in values if v.startswith("≠ ")]
    assert unlike == [
        (
            "≠ this figure: target, AI only, funder not stated; headline kind: in force (budget or programme),"
            " broader technology, not AI-specific, public money"
        )
    ], "the Gwangju card names each side with its own attributes"


def test_a_row_of_many_figures_takes_several_screens_and_shows_every_figure_once():
    view = views.overview_row_view(DATASET, row="other")
    at = open_app("overview", present="1", slides="overview.row-other")
    screens = int(counter(at).split("/")[1])
    assert screens == -(-len(view.table) // present.CARDS_PER_SCREEN)
    values = []
    for number in range(screens):
        if number:
            at.button(key="present.next").click().run()
        assert_clean(at)
        values += [m.value for m in at.markdown]
    for name, count in view.table["indicator_name"].value_counts().items():
        assert values.count(escape_markdown(name)) == count, f"{name}: one card per figure, over all screens"


@pytest.mark.parametrize(
    "page, query, button, slides",
    [
        ("overview", {}, "overview_talent", "overview.row-talent"),
        ("profile", {"region": "shanghai"}, "profile", "profile.region-shanghai"),
        (
            "pillars",
            {"pillar": "compute_infrastructure", "region": "gwangju"},
            "pillars",
            "pillars.pillar-compute_infrastructure.region-gwangju",
        ),
        ("sources", {"fact": "gj_compute_capacity"}, "sources", "sources.fact-gj_compute_capacity"),
    ],
)
def test_a_page_adds_its_current_view_as_a_slide(page, query, button, slides):
    at = open_app(page, **query)
    assert_clean(at)
    at.button(key=f"present.add.{button}").click().run()
    assert at.query_params["slides"] == slides


PILLAR_AND_FACT = "pillars.pillar-compute_infrastructure.region-gwangju~sources.fact-gj_compute_capacity"


def test_a_pillar_cell_and_a_selected_figure_are_slides():
    at = open_app("overview", present="1", slides=PILLAR_AND_FACT)
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 1 / 2" and title(at) == "Computing infrastructure — Gwangju"
    table = at.table[0].value
    assert list(table.columns) == [
        "Region",
        "Figures by status",
        "Strongest comparable figure",
        "Indicator",
        "Kind of figure",
    ]
    assert table.iloc[0]["Strongest comparable figure"] == r"\> 3,300", "data is escaped: no Markdown quote block"
    body = text_of(at)
    assert "Gwangju reports 3 figures (3 achieved)" in body and "No score:" in body
    at.button(key="present.next").click().run()
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 2 / 2" and title(at) == "Gwangju: AI compute capacity"
    body = text_of(at)
    assert "“dispose d'une capacité de traitement de 88,5 pétaflops”" in body
    assert "Translation: has a processing capacity of 88.5 petaflops" in body
    assert "Figure: 88.5 PFLOPS (AI compute capacity)" in body
    assert "Kind: AI only · achieved · about the region itself" in body
    assert "as the article states it" in body and "VietNamNet" in body
    assert not at.get("plotly_chart")


def test_a_figure_slide_in_french_keeps_the_quote_alone():
    at = open_app("overview", present="1", slides="sources.fact-gj_compute_capacity", lang="fr")
    assert_clean(at)
    body = text_of(at)
    assert "«\u00a0dispose d'une capacité de traitement de 88,5 pétaflops\u00a0»" in body
    assert "Traduction" not in body and "has a processing capacity" not in body
    assert "Nature\u00a0: IA uniquement" in body


def test_sources_without_a_selected_figure_adds_nothing(dataset):
    at = open_app("sources")
    assert_clean(at)
    assert at.title[0].value == "Sources & methodology"
    assert dataset.sources["title"].iloc[0].split(" ")[0] in " ".join(m.value for m in at.markdown), "the page drew"
    assert not [b for b in at.button if b.key == "present.add.sources"], "no figure selected, nothing to add"


def test_present_on_the_pillars_page_shows_its_current_view():
    at = open_app("pillars", present="1", region="vietnam")
    assert_clean(at)
    no_controls(at)
    assert title(at) == "All pillars — Vietnam"
    assert "No score:" in text_of(at)


def test_the_whole_pillar_grid_is_a_table_slide_with_a_column_per_region():
    at = open_app("overview", present="1", slides="pillars")
    assert_clean(at)
    assert title(at) == "All pillars — All focus regions"
    table = at.table[0].value
    assert list(table.columns) == ["Pillar", *(views.region_names(DATASET)[r] for r in DATASET.focus_region_ids())]
    assert "Every pillar, every focus region" in text_of(at)


# --- screens that fit 1280x720 -------------------------------------------------------------------------------


def block(at: AppTest, key: str):
    """The keyed container `key` of the run (present mode's title, takeaway, source…)."""
    found = [child for child in at.main.children.values() if getattr(child, "key", None) == key]
    assert len(found) == 1, key
    return found[0]


def takeaway_of(at: AppTest) -> str:
    """The takeaway as the screen shows it (the whole one is in the Details popover)."""
    return re.sub(r"\\(.)", r"\1", " ".join(m.value for m in block(at, "present_takeaway").markdown))


def chart_of(at: AppTest) -> dict:
    charts_drawn = at.get("plotly_chart")
    assert len(charts_drawn) == 1, "one chart a screen"
    return json.loads(charts_drawn[0].proto.spec)


def test_compare_opened_in_present_mode_shows_single_figures_as_cards_one_indicator_a_screen():
    """The default Compare view (two indicators, three kinds with one figure each) used to be one screen of three
    squeezed one-bar panels: now each indicator is one screen of large cards, and no chart draws a single bar."""
    at = open_app("compare", present="1")
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 1 / 2"
    assert not at.get("plotly_chart"), "every kind has a single figure: cards, not one-bar charts"
    body = text_of(at)
    assert "1.39 bn USD/yr" in body and "84.4 M USD/yr" in body, "both funding figures on one screen"
    assert "How it differs: Gwangju: target" in body, "the unlike figure says how, naming both sides"
    assert "World Bank" in body, "converted money: the source line names the rate"
    at.button(key="present.next").click().run()
    assert at.query_params["slide"] == "2"
    assert title(at) == "AI compute capacity" and "88.5 PFLOPS" in text_of(at)
    assert not at.get("plotly_chart")


def test_every_indicator_in_present_mode_is_one_screen_a_panel_with_a_short_takeaway():
    ids = list(views.indicator_names(DATASET))
    at = open_app("compare", present="1", indicators=",".join(ids))
    assert_clean(at)
    total = int(counter(at).split("/")[1])
    screens = 0
    for i in ids:  # its single figures as cards, four a screen, then one screen per chart panel
        view = views.compare_view(DATASET, region_ids=DATASET.focus_region_ids(), indicator_ids=[i], cards=True)
        single = sum(len(kind.cards) for kind in view.kinds if not kind.charted)
        panels = layout.panel_count(view.figure) if view.figure is not None else 0
        screens += max(1, -(-single // present.CARDS_PER_SCREEN) + panels)
    assert total == screens
    for number in range(total):
        if number:
            at.button(key="present.next").click().run()
        short = takeaway_of(at)
        assert 20 < len(short) <= present.TAKEAWAY_CHARS * present.TAKEAWAY_LINES, short
    assert_clean(at)


def test_panels_in_one_unit_keep_one_scale_on_their_screens():
    """Funding per year's two panels (1.39 bn and 84.4 M USD) as two screens must not draw two equal bars."""
    figure = views.funding_view(DATASET, view="per_year").figure
    first, second = layout.panel_figures(figure)
    assert first.layout.xaxis.range == second.layout.xaxis.range
    assert first.layout.xaxis.range[1] >= max(v for tr in figure.data for v in (tr.x or ()) if v is not None)
    assert [a.name for a in second.layout.annotations].count("panel_title") == 1
    assert {tr.name for tr in first.data if (tr.meta or {}).get("role") == "facts"} == {"Guangdong"}
    assert {tr.name for tr in second.data if (tr.meta or {}).get("role") == "facts"} == {"Gwangju"}


def test_a_panel_keeps_only_the_legend_keys_of_the_marks_it_draws():
    figure = views.compare_view(
        DATASET, region_ids=DATASET.focus_region_ids(), indicator_ids=["funding_per_year"]
    ).figure
    headline, target = layout.panel_figures(figure)
    keys = lambda fig: {tr.name for tr in fig.data if (tr.meta or {}).get("role") == "qualifier_key"}
    assert keys(headline) == {"exact figure"}
    assert "target, not achieved (outlined)" in keys(target)


def test_the_slide_list_names_each_slides_page_and_moves_it_up_and_down():
    three = "funding.view-per_recipient~profile.region-shanghai~pillars"
    at = open_app("funding", slides=three)
    assert [t.value for t in at.text] == [
        "1. Funding programmes — Grant caps per recipient",
        "2. Region profile — Shanghai: events and target years",
        "3. Pillars — All pillars — All focus regions",
    ]
    assert at.button(key="present.up.funding.0").disabled and at.button(key="present.down.funding.2").disabled
    at.button(key="present.down.funding.0").click().run()
    assert at.query_params["slides"] == "profile.region-shanghai~funding.view-per_recipient~pillars"
    at.button(key="present.up.funding.2").click().run()
    assert at.query_params["slides"] == "profile.region-shanghai~pillars~funding.view-per_recipient"
    assert at.text[0].value.startswith("1. Region profile")
    at.button(key="present.remove.funding.1").click().run()
    assert at.query_params["slides"] == "profile.region-shanghai~funding.view-per_recipient"
    at.query_params["present"] = "1"
    at.run()
    assert title(at) == "Shanghai: events and target years", "present mode follows the new order"
    assert_clean(at)


def test_the_slide_list_in_french_names_pages_and_buttons_in_french():
    at = open_app("funding", slides="funding.view-per_recipient~pillars", lang="fr")
    assert at.text[0].value.startswith("1. Programmes de financement")
    labels = {b.label for b in at.button if b.key and b.key.startswith("present.")}
    assert {"Monter", "Descendre", "Retirer"} <= labels


def test_a_slide_number_in_the_url_opens_that_screen():
    at = open_app("funding", present="1", view="per_recipient", slide="2")
    assert counter(at) == "Slide 2 / 2"
    names = {tr["name"] for tr in chart_of(at)["data"] if (tr.get("meta") or {}).get("role") == "facts"}
    assert names == {"Guangdong", "Shanghai"}
