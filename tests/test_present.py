"""AppTest: present mode (?present=1), the slide sequence in the URL, Previous / Next / Exit, 'Add to slides'."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import ecodash
from ecodash import charts, views
from ecodash.ui import present
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
    at = open_app("overview", present="1", slides=THREE, slide="2")
    assert_clean(at)
    no_controls(at)
    assert counter(at) == "Slide 2 / 3"
    assert title(at) == "Grant caps per recipient"
    view = views.funding_view(DATASET, view="per_recipient")
    body = text_of(at)
    assert view.takeaway in body
    assert "Caps per recipient: 2 regions report a figure of one kind" in body
    assert "curated from" in body, "the source line"
    spec = at.get("plotly_chart")[0].proto.spec
    assert "Shanghai" in spec


def test_next_and_previous_step_through_the_sequence_and_the_url_follows():
    at = open_app("overview", present="1", slides=THREE)
    assert counter(at) == "Slide 1 / 3" and title(at) == "AI compute capacity"
    assert at.button(key="present.previous").disabled
    at.button(key="present.next").click().run()
    assert counter(at) == "Slide 2 / 3" and at.query_params["slide"] == "2"
    at.button(key="present.next").click().run()
    assert counter(at) == "Slide 3 / 3" and title(at) == "Shanghai: events and target years"
    assert at.button(key="present.next").disabled
    assert "Shanghai: 3 dated events" in text_of(at)
    at.button(key="present.previous").click().run()
    assert counter(at) == "Slide 2 / 3"
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
    assert counter(at) == "Slide 1 / 2"
    at.button(key="present.next").click().run()
    assert title(at) == "Grant caps per recipient"


def test_a_slide_number_out_of_range_says_so_and_shows_the_first():
    at = open_app("overview", present="1", slides=THREE, slide="9")
    assert "asked for slide “9”" in " ".join(w.value for w in at.warning).replace("\\", "")
    assert counter(at) == "Slide 1 / 3"


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
    assert [t.value for t in at.text] == ["1. Grant caps per recipient", "2. Grant caps per recipient"]
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


def test_fit_height_shrinks_panels_and_keeps_the_gaps_in_pixels():
    slide = present.slide_figure(views.funding_view(DATASET, view="per_recipient").figure)
    plot = slide.layout.height - slide.layout.margin.t - slide.layout.margin.b
    lower, upper = sorted(tuple(a.domain) for a in slide.select_yaxes())
    gap = (upper[0] - lower[1]) * plot
    fitted = present.fit_height(slide, slide.layout.height - 100)
    new_plot = fitted.layout.height - fitted.layout.margin.t - fitted.layout.margin.b
    domains = sorted(tuple(a.domain) for a in fitted.select_yaxes())
    assert abs((domains[1][0] - domains[0][1]) * new_plot - gap) < 1
    titles = [a.y for a in fitted.layout.annotations if a.yref == "paper"]
    assert sorted(titles) == sorted([domains[0][1], domains[1][1]]), "panel titles follow their panels"
    short = present.slide_figure(views.timeline_view(DATASET, region_id="shanghai").figure)
    assert present.fit_height(short, 2000).layout.height == short.layout.height


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


def test_an_overview_row_is_a_table_slide():
    at = open_app("overview", present="1", slides="overview.row-talent")
    assert_clean(at)
    assert title(at) == "Talent"
    table = at.table[0].value
    assert list(table.columns) == ["Region", "Figure", "Indicator", "Kind of figure", "Unlike the headline kind"]
    assert "Talent: only Shanghai reports a figure of this kind" in text_of(at)


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
    assert counter(at) == "Slide 1 / 2" and title(at) == "Compute & data infrastructure — Gwangju"
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
