"""AppTest of the Pillars page: the grid renders, empty cells say so, deep links open one cell with its quotes."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

import ecodash
from ecodash.analysis import pillars
from ecodash.i18n import EN, t
from ecodash.schema.vocabularies import STATUSES
from ecodash.ui.draw import escape_markdown
from support import DATA_DIR, assert_clean, edit_row, html_content, open_app, read_rows, use_data_dir

PAGE = "pillars"
SAYS_NOTHING = f"_{EN['pillars.says_nothing']}_"


def K(param: str) -> str:
    return f"url.{PAGE}.{param}"


def open_page(**query) -> AppTest:
    return open_app(PAGE, **query)


def shown(markdown: str) -> str:
    """What a reader sees of escaped Markdown (escape_markdown's backslashes gone)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    return shown("\n".join(parts))


def source_links(at: AppTest) -> list[str]:
    return [link.proto.query_string for link in at.get("page_link") if link.proto.page == "sources"]


@pytest.fixture(scope="module")
def matrix():
    return pillars.pillar_matrix(ecodash.load_dataset(DATA_DIR))


def test_page_renders_the_grid_and_says_there_is_no_score(matrix):
    at = open_page()
    assert_clean(at)
    assert at.title[0].value == "Pillars"
    assert "No composite score, no ranking" in at.info[0].value
    names = [escape_markdown(name) for name in ecodash.load_dataset(DATA_DIR).pillars["name"]]  # as Markdown source
    headings = [m.value.split("**")[1] for m in at.markdown if m.value.startswith("**") and " :" in m.value]
    assert [h for h in headings if h in names] == names, "one row per pillar, in pillars.csv order"
    assert at.selectbox(key=K("pillar")).value == "all" and at.selectbox(key=K("region")).value == "all"
    assert not at.header, "no detail without a choice"
    assert [m.value for m in at.markdown].count(SAYS_NOTHING) == matrix["says_nothing"].sum()
    assert "gj_compute_capacity" not in text_of(at), "ids stay out of sight; a figure shows as its label"


def test_an_empty_cell_says_the_articles_say_nothing(matrix):
    at = open_page(pillar="rd_support")
    assert_clean(at)
    empty = matrix.loc[(matrix["pillar_id"] == "rd_support") & matrix["says_nothing"], "region_name"].tolist()
    assert "Vietnam" in empty
    assert [m.value for m in at.markdown].count(SAYS_NOTHING) == len(empty)
    body = text_of(at)
    assert "0 achieved" not in body and "0 target" not in body, "an empty cell is never shown as zeros"


def test_counts_by_status_and_the_strongest_figure_with_its_kind():
    at = open_page(pillar="industrial_adoption")
    body = text_of(at)
    assert "1 achieved · 5 targets" in body  # Shanghai
    # Shanghai's strongest figure (the achieved one) and its kind
    assert "Devices connected to industrial internet platforms" in body and "> 16 M" in body
    assert "Kind: broader technology, not AI-specific · achieved" in body
    assert any(query.startswith("fact=") for query in source_links(at))


def test_no_markdown_is_rendered_as_html():
    for query in ({}, {"pillar": "compute_infrastructure", "region": "gwangju"}, {"region": "zhejiang"}):
        at = open_page(**query)
        assert_clean(at)
        assert at.markdown, query
        assert all(not m.proto.allow_html for m in at.markdown), query
        assert not html_content(at)


def test_deep_link_opens_one_cell_with_its_quotes():
    at = open_page(pillar="compute_infrastructure", region="gwangju")
    assert_clean(at)
    assert at.selectbox(key=K("pillar")).value == "compute_infrastructure"
    assert at.selectbox(key=K("region")).value == "gwangju"
    assert shown(at.header[0].value) == "Computing infrastructure — Gwangju"
    body = text_of(at)
    assert "dispose d'une capacité de traitement de 88,5 pétaflops" in body
    assert "has a processing capacity of 88.5 petaflops" in body
    assert "Kind: AI only · achieved · about the region itself" in body
    assert "fact=gj_compute_capacity" in source_links(at)
    assert "**Gwangju AI data centre** · data centre" in body, "the cell's programmes"
    assert "“Le centre de données d'IA de Gwangju, opérationnel depuis 2023” — " in body, "with their quotes"
    assert [s.value for s in at.subheader][:3] == ["Programmes", "Actors", "Events"]
    assert at.query_params["pillar"] == "compute_infrastructure" and at.query_params["region"] == "gwangju"


def test_deep_link_to_an_empty_cell_says_so():
    at = open_page(pillar="rd_support", region="vietnam")
    assert_clean(at)
    assert shown(at.header[0].value) == "R&D support — Vietnam"
    assert not [link for link in at.get("page_link") if link.proto.label == EN["pillars.open_quote"]]
    assert SAYS_NOTHING in [m.value for m in at.markdown]


def test_a_city_figure_shows_for_its_province(data_copy, monkeypatch):
    # The curated articles state no Hangzhou figure: Gwangju's start-up count is made one (its article names Hangzhou).
    _, rows = read_rows(data_copy / "facts.csv")
    moved = next(i for i, row in enumerate(rows) if row["fact_id"] == "gj_startups_incubated_5y")
    edit_row(data_copy, "facts", moved, region_id="hangzhou")
    use_data_dir(monkeypatch, data_copy)
    at = open_page(pillar="enterprise_development", region="zhejiang")
    body = text_of(at)
    assert "reported for Hangzhou" in body
    assert "fact=gj_startups_incubated_5y" in source_links(at)


def test_unknown_pillar_falls_back_with_a_notice():
    at = open_page(pillar="atlantis", region="gwangju")
    assert_clean(at)
    assert "atlantis" in " ".join(w.value for w in at.warning)
    assert at.selectbox(key=K("pillar")).value == "all"
    assert at.query_params["pillar"] == "all"


def test_a_cell_button_opens_its_detail_and_show_all_closes_it():
    at = open_page()
    at.button(key="open_compute_infrastructure_gwangju").click().run()
    assert_clean(at)
    assert shown(at.header[0].value) == "Computing infrastructure — Gwangju"
    assert at.query_params["pillar"] == "compute_infrastructure" and at.query_params["region"] == "gwangju"
    assert "fact=gj_compute_capacity" in source_links(at)
    at.button(key="show_all").click().run()
    assert at.query_params["pillar"] == "all" and at.query_params["region"] == "all"


def test_choosing_a_pillar_updates_the_url():
    at = open_page()
    at.selectbox(key=K("pillar")).set_value("talent_training").run()
    assert_clean(at)
    assert at.query_params["pillar"] == "talent_training"
    assert shown(at.header[0].value) == "Talent & training — All focus regions"


def test_every_text_key_built_at_run_time_exists():
    for status in STATUSES:
        for number in ("one", "many"):
            assert t(f"pillars.count.{status}.{number}", n=2)
    for key in (
        "pillars.events.one",
        "pillars.events.many",
        "pillars.origin.article",
        "pillars.origin.added",
        "nav.pillars",
    ):
        assert key in EN


def test_a_long_detail_lists_its_first_figures_and_counts_the_rest(monkeypatch):
    from ecodash.ui.pages import pillars as page

    detail = pillars.cell_detail(ecodash.load_dataset(DATA_DIR), None, "compute_infrastructure")
    figures, programmes = len(detail["facts"]), len(detail["instruments"])
    assert figures > 2 and programmes > 2, "the test needs a cell with several figures and programmes"
    whole = text_of(open_page(pillar="compute_infrastructure", region="all"))
    assert "more, not listed here" not in whole
    monkeypatch.setattr(page, "DETAIL_SHOWN", 2)
    at = open_page(pillar="compute_infrastructure", region="all")
    assert_clean(at)
    body = text_of(at)
    assert whole.count("Kind: ") - body.count("Kind: ") == figures - 2, "two figure cards of all"
    assert f"+{figures - 2} more, not listed here: a region's profile lists all" in body
    assert f"+{programmes - 2} more, not listed here" in body


def _profile_then_pillars() -> None:
    import streamlit as st

    from ecodash.ui import state, widgets
    from ecodash.views import registry

    page = st.session_state.get("test.page", "profile")
    st.session_state[state.PAGE_KEY] = page
    ds = state.dataset()
    for param in registry.spec_of(page).params:
        widgets.param_widget(ds, param)


def test_pillars_opens_on_its_own_state_not_on_the_region_chosen_on_region_profile():
    """Region profile's region must not open Pillars on one cell (its grid far down); the FX basis still follows."""
    at = AppTest.from_function(_profile_then_pillars, default_timeout=60).run()
    at.selectbox(key="url.profile.region").set_value("zhejiang").run()
    at.segmented_control(key="url.profile.fx").set_value("fed").run()
    at.query_params.clear()  # st.navigation starts the next page with an empty query string
    at.session_state["test.page"] = PAGE
    at.run()
    assert at.selectbox(key=K("region")).value == "all"
    assert at.segmented_control(key=K("fx")).value == "fed", "the FX basis follows the reader"
    at.selectbox(key=K("region")).set_value("gwangju").run()
    at.query_params.clear()
    at.session_state["test.page"] = "profile"
    at.run()
    assert at.selectbox(key="url.profile.region").value == "zhejiang"
    at.query_params.clear()
    at.session_state["test.page"] = PAGE
    at.run()
    assert at.selectbox(key=K("region")).value == "gwangju", "Pillars keeps its own last choice"
