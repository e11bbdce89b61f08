"""AppTest: every page renders, every widget changes what it should, deep links restore state."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

import ecodash
from ecodash.i18n import EN, t
from ecodash.ui.navigation import PAGE_SPECS
from support import (
    DATA_DIR,
    assert_clean,
    edit_row,
    forbid,
    html_content,
    page_text,
    use_data_dir,
    with_a_hangzhou_figure,
)

DATASET = ecodash.load_dataset(DATA_DIR)
TITLES = {
    "overview": "Overview",
    "compare": "Compare",
    "profile": "Region profile",
    "funding": "Funding programmes",
    "pillars": "Pillars",
    "sources": "Sources & methodology",
    "data": "Data & export",
    "add_article": "Add an article",
    "yours": "Your data beside the curated data",
}
"""Each page's title as a reader sees it (every page of the navigation needs one here)."""


CHARTED = {"indicators": ["grant_cap_per_recipient"]}
"""A Compare view two regions report the same kind of (Guangdong's and Shanghai's grant caps): a chart."""


def _app(page: str) -> None:
    from ecodash.ui.navigation import run

    run(default=page)


def K(param: str) -> str:
    """Widget key of a URL parameter on the page under test (keys are per page)."""
    return f"url.{_PAGE[0]}.{param}"


_PAGE = [""]


def open_page(page: str, **query) -> AppTest:
    _PAGE[0] = page
    at = AppTest.from_function(_app, args=(page,), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def charts(at: AppTest) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def bar_names(spec: dict) -> list[str]:
    """Names of the data traces (not the qualifier legend keys, which carry no x/y data)."""
    return [
        trace["name"]
        for trace in spec["data"]
        if trace.get("type") == "bar" and any(v is not None for v in (trace.get("x") or []))
    ]


def query_list(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def text_of(at: AppTest) -> str:
    """Visible text of markdown, captions and subheaders, with markdown escapes undone."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_every_page_renders_without_error(page):
    at = open_page(page)
    assert_clean(at)
    assert at.title[0].value == TITLES[page]


@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_no_page_renders_raw_html(page):
    at = open_page(page)
    assert_clean(at)
    assert at.title and len(page_text(at)) > 200, "the page drew its text"
    texts = [*at.markdown, *at.caption]
    assert all(not m.proto.allow_html for m in texts), "text from data must never be rendered as HTML"
    assert not html_content(at), "only styles of ours, no HTML content"


def test_overview_shows_a_card_per_focus_region_and_the_matrix(dataset):
    at = open_page("overview")
    focus = dataset.regions.set_index("region_id").loc[dataset.focus_region_ids(), "name_en"].tolist()
    assert [link.proto.label for link in at.get("page_link")][: len(focus)] == focus
    assert [h.value for h in at.subheader] == [
        "Funding per year",
        "Compute capacity",
        "Talent",
        "Start-ups",
        "Targets and proposals",
        "Other figures",
    ]
    matrix = at.dataframe[0].value
    assert list(matrix.columns) == focus
    assert (matrix == t("common.not_reported")).any().any()
    assert "88.5 PFLOPS" in matrix.loc["AI compute capacity", "Gwangju"]
    cells = {key: card_texts(block) for key, block in cells_of(at).items()}
    assert "#### 88.5 PFLOPS" in cells["cell_compute_gwangju"]
    guangdong = cells["cell_funding_guangdong"]
    assert "#### 1.39 bn USD/yr" in guangdong and "10 bn CNY / year" in guangdong and "/ year / year" not in guangdong
    gwangju = cells["cell_funding_gwangju"]
    assert "#### 84.4 M USD/yr" in gwangju and "target 120 bn KRW / year" in gwangju
    assert "600 bn KRW over 5 years ÷ 5" in gwangju, "the derivation is on the value's tooltip"


def test_overview_rows_show_their_kind_as_badges_and_unlike_figures_say_how_they_differ_in_one_line():
    at = open_page("overview")
    body = text_of(at)
    assert "Headline kind in this row" not in body, "the row's kind is badges, not a sentence"
    funding = card_texts(block_of(at, "row_funding"))
    assert "in force" in funding and "broad tech" in funding, "the headline kind's badges"
    assert "in force (budget or programme)" in funding and "broader technology, not AI-specific" in funding
    assert "1 of 5 regions reports this kind" in funding
    gwangju = card_texts(cells_of(at)["cell_funding_gwangju"])
    assert "≠ target · AI only · funder ?" in gwangju
    assert (
        "Gwangju: target, AI only, funder not stated; Guangdong (headline kind): in force (budget or programme), "
        "broader technology, not AI-specific, public money"
    ) in gwangju, "the full note, each side named, is one hover away"
    assert gwangju.count("Gwangju: target") == 1, "said once"
    shown = re.sub(r":gray-badge\[(.*?)\]|#+ ", r"\1", card_texts(cells_of(at)["cell_funding_gwangju"], tooltips=False))
    assert len(" ".join(shown.split())) < 110, f"a few short lines, not 14: {shown!r}"
    vietnam = card_texts(cells_of(at)["cell_targets_vietnam"])
    assert "proposal (offer or possible cooperation)" in vietnam and "proposal" in vietnam
    matrix = at.dataframe[0].value
    assert "[≠ " in matrix.loc["AI talent trained", "Vietnam"], "the matrix says how an unlike cell differs"


def test_overview_cards_link_each_figure_to_its_source_passage():
    at = open_page("overview")
    links = [link.proto for link in at.get("page_link")]
    sources = [link for link in links if "fact=" in link.page or "fact" in str(link.query_string)]
    assert any("gj_compute_capacity" in str(link) for link in sources)


def cards_of(at: AppTest) -> dict[str, object]:
    """The figure cards on the page: container key -> its block (keys start with 'card_')."""
    found = {}

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            key = getattr(getattr(child, "proto", None), "id", "") or ""
            if "card_" in key:
                found[key] = child
            walk(child)

    walk(at._tree)
    return found


def cells_of(at: AppTest) -> dict[str, object]:
    """The Overview's cells: container key ('cell_<row>_<region>') -> its block."""
    found = {}

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            key = (getattr(getattr(child, "proto", None), "id", "") or "").removeprefix("$$ID-")
            if key.startswith("cell_") or "st-key-cell_" in key or "-cell_" in key:
                found[re.sub(r"^.*?(cell_)", r"\1", key)] = child
            walk(child)

    walk(at._tree)
    return found


def block_of(at: AppTest, key: str):
    """The container whose key is `key`."""
    found = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if (getattr(getattr(child, "proto", None), "id", "") or "").endswith(key):
                found.append(child)
            walk(child)

    walk(at._tree)
    return found[0]


def card_texts(block, *, tooltips: bool = True) -> str:
    """Everything a reader can reach from a card: its text, its tooltips and its badges' tooltips, unescaped
    (without `tooltips`: only what it shows)."""
    parts = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        for name in ("body", "label", *(["help"] if tooltips else [])):
            parts.append(str(getattr(proto, name, "") or ""))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(block)
    return re.sub(r"\\(.)", r"\1", "\n".join(parts)).replace("\u2060", "")


def test_compare_default_shows_single_figures_as_cards_not_one_bar_charts():
    at = open_page("compare")
    assert_clean(at)
    assert not charts(at), "each kind has one figure: nothing to compare, so no chart"
    cards = cards_of(at)
    assert len(cards) == 3, list(cards)
    texts = [card_texts(block) for block in cards.values()]
    assert any("1.39 bn USD/yr" in text and "10 bn CNY / year" in text for text in texts)
    assert all("1 of 5 regions reports this kind" in text for text in texts)
    assert any("88.5 PFLOPS" in text for text in texts)


def test_compare_region_choice_changes_the_bars():
    at = open_page("compare", **CHARTED)
    before = bar_names(charts(at)[0])
    at.multiselect(key=K("regions")).set_value(["guangdong", "shanghai", "gwangju"]).run()
    assert set(before) == {"Guangdong", "Shanghai"} and set(bar_names(charts(at)[0])) == {"Guangdong", "Shanghai"}
    at.multiselect(key=K("regions")).set_value(["gwangju", "shanghai"]).run()
    assert not charts(at), "Shanghai's cap alone is a card"
    assert len(cards_of(at)) == 1
    assert at.query_params["regions"] == ["gwangju", "shanghai"]


def test_compare_log_scale_and_single_indicator():
    at = open_page("compare", **CHARTED)
    at.segmented_control(key=K("scale")).set_value("log").run()
    spec = charts(at)[0]
    assert spec["layout"]["yaxis"]["type"] == "log"
    assert "Grant cap per recipient" in spec["layout"]["title"]["text"]
    assert at.query_params["scale"] == "log"


def test_compare_shows_unlike_figures_apart_and_says_how_they_differ_once():
    at = open_page("compare", indicators=["ai_talent_trained"])
    assert_clean(at)
    assert not at.warning, "no 'Not alike' box: each card says how it differs"
    texts = {key: card_texts(block) for key, block in cards_of(at).items()}
    assert len(texts) == 2, "Gwangju's students and Vietnam's proposed engineers are two figures, apart"
    vietnam = next(text for key, text in texts.items() if "vietnam" in key)
    assert "≠ proposal, not achieved" in vietnam
    assert "Vietnam: proposal (offer or possible cooperation); Gwangju (headline kind): achieved" in vietnam
    page = "\n".join(texts.values()) + text_of(at)
    assert page.count("Vietnam: proposal (offer or possible cooperation)") == 1, "each note once per view"
    table = at.dataframe[0].value
    assert {"class_label", "difference_note"} <= set(table.columns)
    vietnam = table.loc[table["region_name"] == "Vietnam"].iloc[0]
    assert (
        "this figure: proposal (offer or possible cooperation); headline kind: achieved" in vietnam["difference_note"]
    )


def test_compare_per_million_inhabitants_shows_derivation_and_leaves_out_what_cannot_be_divided():
    at = open_page("compare", indicators=["funding_per_year", "compute_capacity"], per="million")
    assert_clean(at)
    assert at.segmented_control(key=K("per")).value == "million"
    table = at.dataframe[0].value
    gwangju = table.loc[table["region_name"] == "Gwangju"].iloc[0]
    assert "÷ 1,444,000 inhabitants of Gwangju (2024)" in gwangju["per_million_derivation"]
    assert "SECONDARY SOURCE" in gwangju["per_million_derivation"]
    captions = text_of(at)
    assert "Not shown per inhabitant: Gwangju — AI compute capacity: not per inhabitant" in captions
    texts = [card_texts(block) for block in cards_of(at).values()]
    assert len(texts) == 2, "no card for what can't be divided"
    gwangju = next(text for text in texts if "Gwangju" in text)
    assert t("chart.per_million_suffix") in gwangju and "÷ 1,444,000 inhabitants of Gwangju (2024)" in gwangju


def test_compare_fx_basis_changes_usd_values():
    def usd(at):
        spec = charts(at)[0]
        return sorted(y for trace in spec["data"] for y in (trace.get("y") or []) if isinstance(y, int | float))

    query = {"regions": ["guangdong", "shanghai"], "indicators": ["grant_cap_per_recipient"]}
    reference = usd(open_page("compare", **query))
    implied = usd(open_page("compare", fx="article_implied", **query))
    assert reference != implied
    assert 6_900_000 in implied, "on the article basis the hub cap is the article's own 6.9 M USD"


def test_compare_deep_link_restores_every_choice():
    at = open_page(
        "compare",
        regions=["guangdong", "shanghai"],
        indicators=["grant_cap_per_recipient"],
        scale="log",
        sort="region",
        fx="article_implied",
        cities="off",
    )
    assert_clean(at)
    assert at.multiselect(key=K("regions")).value == ["guangdong", "shanghai"]
    assert at.multiselect(key=K("indicators")).value == ["grant_cap_per_recipient"]
    assert at.segmented_control(key=K("scale")).value == "log"
    assert at.segmented_control(key=K("sort")).value == "region"
    assert at.segmented_control(key=K("fx")).value == "article_implied"
    assert at.segmented_control(key=K("cities")).value == "off"
    assert charts(at)[0]["layout"]["yaxis"]["type"] == "log"


def test_invalid_query_values_fall_back_to_defaults_with_a_notice():
    at = open_page("compare", regions=["atlantis", "gwangju"], scale="sideways", fx="barter")
    assert_clean(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "atlantis" in warnings and "sideways" in warnings and "barter" in warnings
    assert at.multiselect(key=K("regions")).value == ["gwangju"]
    assert at.segmented_control(key=K("scale")).value == "linear"
    assert at.segmented_control(key=K("fx")).value == "wdi"
    assert cards_of(at), "Gwangju's figures are still shown"


def test_profile_deep_link_links_its_parent(dataset):
    at = open_page("profile", region="hangzhou")
    assert_clean(at)
    assert at.selectbox(key=K("region")).value == "hangzhou"
    assert "Hangzhou" in [h.value for h in at.subheader]
    links = [link.proto for link in at.get("page_link")]
    assert any(link.label == "Zhejiang" for link in links)
    shown = {link.split("fact=")[1] for frame in at.dataframe for link in frame.value.get("link", [])}
    assert shown == set(dataset.facts.loc[dataset.facts["region_id"] == "hangzhou", "fact_id"])


def test_profile_province_includes_its_cities_and_timeline(data_copy, monkeypatch):
    with_a_hangzhou_figure(data_copy)
    use_data_dir(monkeypatch, data_copy)
    at = open_page("profile", region="zhejiang")
    links = [link.proto.label for link in at.get("page_link")]
    assert "Hangzhou" in links and "China" in links
    facts = [df.value for df in at.dataframe if "value_label" in df.value.columns]
    reported_for = {name for df in facts for name in df["region_name"]}
    assert reported_for == {"Hangzhou"}, "Zhejiang's only figures are Hangzhou's, and they must show here"
    timeline = charts(at)
    assert timeline and "Zhejiang" in timeline[0]["layout"]["title"]["text"]


def test_profile_choice_updates_the_url():
    at = open_page("profile")
    at.selectbox(key=K("region")).set_value("vietnam").run()
    assert at.query_params["region"] == "vietnam"
    assert "Vietnam" in [h.value for h in at.subheader]


def test_funding_views_show_one_kind_of_figure_each():
    at = open_page("funding")
    assert not charts(at), "per year, Guangdong's budget and Gwangju's target are two kinds of one figure each"
    per_year = [card_texts(block) for block in cards_of(at).values()]
    assert len(per_year) == 2 and any("84.4 M USD/yr" in text for text in per_year)
    at.segmented_control(key=K("view")).set_value("per_recipient").run()
    caps = json.dumps(charts(at)[0])
    assert "Shanghai" in caps, "Shanghai's 100 M CNY cap is a per-recipient figure"
    assert len(cards_of(at)) == 1, "Guangdong's AI-only cap is the one figure of its kind"
    assert at.query_params["view"] == "per_recipient"
    table = at.dataframe[0].value
    assert {"cap per recipient", "per year", "multi-year total"} <= set(table["funding_view"])


def test_sources_fact_link_opens_its_article_and_highlights_the_passage():
    at = open_page("sources", fact="gj_compute_capacity")
    assert_clean(at)
    assert at.selectbox(key=K("source")).value == "gwangju_ai_cluster_vietnam"
    body = text_of(at)
    assert "**Selected figure**" in body
    assert re.search(r":blue-background\[\*\*dispose d.une capacité de traitement de 88,5 pétaflops\*\*\]", body), body


def test_sources_unknown_fact_gives_a_notice():
    at = open_page("sources", fact="gj_flux_capacitor")
    assert_clean(at)
    assert "gj\\_flux\\_capacitor" in " ".join(w.value for w in at.warning), "the id, escaped for Markdown"


def test_sources_shows_audit_coverage_and_caveats():
    at = open_page("sources")
    body = text_of(at)
    assert "Coverage: 100.0 %" in body
    assert "not that it is zero" in body
    assert len(DATASET.caveats) > 0
    for caveat in DATASET.caveats["caveat"]:  # every caveat of data/caveats.csv, word for word
        assert caveat in body


def test_data_filters_restore_from_url_and_filter_rows():
    at = open_page("data", region=["shanghai"], status=["target"], qualifier=["approximate"])
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["region_id"]) == {"shanghai"}
    assert set(table["status"]) == {"target"} and set(table["qualifier"]) == {"approximate"}
    assert len(table) == 2
    assert {"class_label", "difference_note", "ai_specificity", "geo_reach", "funder"} <= set(table.columns)


def test_data_filter_widget_updates_rows_and_url():
    at = open_page("data")
    total = len(at.dataframe[0].value)
    at.multiselect(key=K("category")).set_value(["compute"]).run()
    assert len(at.dataframe[0].value) < total
    assert query_list(at, "category") == ["compute"]


def test_data_page_offers_every_download_and_citations():
    at = open_page("data")
    labels = {button.proto.label for button in at.get("download_button")}
    assert labels == {
        "Download this view (CSV)",
        "All facts (CSV)",
        "Whole dataset (XLSX)",
        "Whole dataset (JSON)",
        "Frictionless data package (zip)",
    }
    citations = [code.value for code in at.code]
    assert any(f"{len(DATASET.facts)} facts with verbatim quotes" in c for c in citations)
    at.selectbox(key="cite_fact").set_value("gj_compute_capacity").run()
    assert any("88.5 PFLOPS" in c and "gj_compute_capacity" in c for c in (code.value for code in at.code))


def test_invalid_dataset_shows_an_error_page_not_a_traceback(data_copy, monkeypatch):
    edit_row(data_copy, "facts", 0, region_id="atlantis")
    monkeypatch.setenv("ECODASH_DATA_DIR", str(data_copy))
    at = open_page("overview")
    assert not at.exception
    assert at.error[0].value == EN["error.dataset_title"]
    assert "facts.csv:2: region_id: unknown region 'atlantis'" in at.code[0].value


def _two_pages() -> None:
    import streamlit as st

    from ecodash.ui import state, widgets

    st.session_state[state.PAGE_KEY] = st.session_state.get("test.page", "a")
    widgets.url_widget(
        st.segmented_control, "fx", label="fx", options=["reference", "article_implied"], default="reference"
    )


def test_a_choice_follows_the_user_to_the_next_page_and_never_becomes_none():
    """A page switch keeps the choice (never ?fx=None from widget state shared between pages)."""
    at = AppTest.from_function(_two_pages, default_timeout=30).run()
    at.segmented_control(key="url.a.fx").set_value("article_implied").run()
    at.query_params.clear()  # st.navigation starts the next page with an empty query string
    at.session_state["test.page"] = "b"
    at.run()
    assert at.segmented_control(key="url.b.fx").value == "article_implied"
    assert at.query_params["fx"] == "article_implied"
    at.segmented_control(key="url.b.fx").set_value(None).run()  # clicking the selected option off
    assert at.segmented_control(key="url.b.fx").value == "article_implied"
    assert at.query_params["fx"] == "article_implied"


def test_funding_per_year_says_once_how_its_two_kinds_differ():
    """The funding table's own annotation (by funding view) must not stand in for the view's."""
    at = open_page("funding")
    assert_clean(at)
    assert not at.warning, "no 'Not alike' box under the chart: the card says it"
    gwangju = next(text for key, text in ((k, card_texts(b)) for k, b in cards_of(at).items()) if "gwangju" in key)
    assert "≠ target · AI only · funder ?, not in force · broad tech · public" in gwangju
    assert gwangju.count("target, AI only, funder not stated; Guangdong (headline kind): ") == 1
    table = at.dataframe[0].value
    gwangju = table.loc[table["instrument_name"] == "Gwangju additional AI investment objective"].iloc[0]
    assert gwangju["class_label"] == "AI only · target · about the region itself · funder not stated"


def test_the_data_pages_files_are_written_on_click_not_on_every_visit(monkeypatch):
    import csv
    import io
    import zipfile

    import openpyxl
    import streamlit as st

    from ecodash.io import export
    from ecodash.io.formats import FORMATS
    from ecodash.ui.pages import data_export

    st.cache_data.clear()  # a file written by an earlier test must not hide a write on this visit

    def read_rows_of(data: bytes) -> list[dict]:
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))

    def refuse(*args, **kwargs):
        raise AssertionError("a file was written to draw the page")

    for name, chosen in FORMATS.items():  # what the page calls: the writers of the format registry
        writers = {"write_table": chosen.write_table and refuse, "write_tables": chosen.write_tables and refuse}
        monkeypatch.setitem(FORMATS, name, dataclasses.replace(chosen, **writers))
    forbid(monkeypatch, [(export, "export_all_frames")], "every table was built to draw the page")
    at = open_page("data")
    assert not at.exception and not at.error and len(at.get("download_button")) == 5
    monkeypatch.undo()
    ds = DATASET
    frames = export.export_all_frames(ds, fx_basis="wdi")
    made = {
        kind: data_export.whole_dataset_file(ds, ds.key, kind, "wdi", "en") for kind in data_export.WHOLE_DATASET_KINDS
    }
    assert made["csv"] == export.to_spreadsheet_csv_bytes(frames["facts"])
    assert made["json"] == export.to_json_tables_bytes(frames)
    workbook = openpyxl.load_workbook(io.BytesIO(made["xlsx"]), read_only=True)
    assert workbook.sheetnames == list(openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(frames))).sheetnames)
    names = zipfile.ZipFile(io.BytesIO(made["zip"])).namelist()
    assert names == zipfile.ZipFile(io.BytesIO(export.datapackage_zip_bytes(ds, fx_basis="wdi"))).namelist()
    # and against what the files must hold, apart from the functions that write them
    assert len(read_rows_of(made["csv"])) == len(ds.facts)
    assert "facts" in json.loads(made["json"]) and "facts" in workbook.sheetnames
    assert "datapackage.json" in names and "facts.csv" in names
    french = data_export.whole_dataset_file(ds, ds.key, "csv", "wdi", "fr")
    assert french != made["csv"], "labels and derivations in the reader's language"


@pytest.mark.parametrize(("page", "query"), [("compare", CHARTED), ("funding", {"view": "per_recipient"})])
def test_every_chart_has_a_text_alternative_its_takeaway(page, query):
    at = open_page(page, **query)
    elements = at.get("plotly_chart")
    assert elements, "the view draws a chart"
    for element in elements:
        assert element.proto.alt.strip(), "a screen reader gets a sentence, not nothing"
    regions = ["Guangdong", "Shanghai"]
    assert all(name in elements[0].proto.alt for name in regions), elements[0].proto.alt
