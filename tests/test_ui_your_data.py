"""The reader's data in the app: held in session_state as the Your data page stores it, shown beside the curated
figures on Overview, Compare and Pillars and marked as the reader's; an invalid upload changes nothing."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ecodash import export
from ecodash.ui.common import YOURS_KEY
from support import DATA_DIR, _navigation_app, assert_clean, read_rows

NEW_FACT = "my_annual_budget_copy"


def _facts_csv(**changes: str) -> bytes:
    header, rows = read_rows(DATA_DIR / "facts.csv")
    annual = next(row for row in rows if row["indicator_id"] == "funding_annual")  # on Overview, Compare, Pillars
    return export.to_csv_bytes(pd.DataFrame([{**annual, "fact_id": NEW_FACT, **changes}], columns=header))


def _app(page: str, upload: dict | None = None, **query: str) -> AppTest:
    at = AppTest.from_function(_navigation_app, args=(page,), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    if upload is not None:
        at.session_state[YOURS_KEY] = upload  # what the page's uploader callback stores
    return at.run()


VALID = {"name": "my-facts.csv", "data": _facts_csv()}
INVALID = {"name": "my-facts.csv", "data": _facts_csv(value="51")}


def _texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown] + [c.value for c in at.caption]


def _banner(at: AppTest) -> list[str]:
    return [info.value for info in at.info if "you uploaded" in info.value]


def test_overview_shows_the_readers_figure_marked_with_a_banner():
    at = _app("overview", VALID)
    assert_clean(at)
    assert _banner(at) == ["This page includes 1 figure(s) you uploaded (this session only), marked “yours”."]
    marked = [text for text in _texts(at) if text.endswith("(yours)")]
    assert len(marked) == 1 and "10 bn CNY / year" in marked[0], marked
    matrix = at.dataframe[0].value
    marked = matrix.map(lambda cell: "yours" in str(cell))
    # the budget and its per-year restatement: two Guangdong cells, each with the curated twin first
    assert marked["Guangdong"].sum() == 2 and marked.drop(columns="Guangdong").to_numpy().sum() == 0


def test_compare_marks_the_readers_bar_in_chart_hover_legend_and_table():
    at = _app("compare", VALID)
    assert_clean(at)
    assert _banner(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    users = [trace for trace in spec["data"] if trace.get("meta", {}).get("origin") == "user"]
    assert len(users) == 1 and users[0]["marker"]["pattern"]["shape"] == "x"
    assert "(yours)" in users[0]["customdata"][0][0] and NEW_FACT in users[0]["customdata"][0][0]
    assert any("(yours)" in category for category in users[0]["x"])
    keys = [trace["name"] for trace in spec["data"] if trace.get("meta", {}).get("role") == "origin_key"]
    assert keys == ["Diagonal grid (×): your data"]
    assert "figures you uploaded in this session" in json.dumps(spec["layout"]["annotations"])
    curated = [trace for trace in spec["data"] if trace.get("meta", {}).get("origin") == "curated"]
    assert curated and all(trace["marker"]["pattern"]["shape"] != "x" for trace in curated)
    table = at.dataframe[0].value
    assert table["origin"].tolist().count("yours") == 1
    assert table.loc[table["origin"] == "yours", "link"].isna().all(), "no curated passage to link to"


def test_pillars_count_and_mark_the_readers_figure():
    at = _app("pillars", VALID)
    assert_clean(at)
    assert _banner(at)
    counted = [text for text in _texts(at) if "1 of them yours" in text]
    assert counted, "a cell counts the reader's figure"


def test_the_french_pages_mark_it_in_french():
    at = _app("compare", VALID, lang="fr")
    assert_clean(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    users = [trace for trace in spec["data"] if trace.get("meta", {}).get("origin") == "user"]
    assert "(vos données)" in users[0]["customdata"][0][0]


@pytest.mark.parametrize("page", ["overview", "compare", "pillars"])
def test_an_invalid_upload_leaves_the_curated_pages_unchanged(page):
    with_invalid, curated = _app(page, INVALID), _app(page)
    assert_clean(with_invalid)
    assert not _banner(with_invalid)
    assert _texts(with_invalid) == _texts(curated)


def test_the_page_reports_an_invalid_upload_row_by_row_without_a_traceback():
    at = _app("yours", INVALID)
    assert not at.exception
    assert [e.value for e in at.error][0].startswith("Nothing was loaded: 1 problem(s) in my\\-facts\\.csv")
    report = at.dataframe[0].value
    assert report.to_dict("records") == [{"file": "your upload: my-facts.csv", "row": 2, "field": "value",
                                          "reason": "51 is not stated in the quote (digits or words)"}]  # fmt: skip
    assert not [b for b in at.get("download_button")], "nothing to download"


def test_the_page_summarises_a_valid_upload_and_removes_it():
    at = _app("yours", VALID)
    assert_clean(at)
    assert at.success[0].value.startswith("Loaded from my\\-facts\\.csv: 1 row(s) of facts.csv.")
    assert at.dataframe[0].value["fact_id"].tolist() == [NEW_FACT]
    at.button(key="yours_remove").click().run()
    assert YOURS_KEY not in at.session_state
    assert at.success[0].value == "Your data was removed from this session."
    assert not at.dataframe


def test_an_upload_with_markup_stays_literal():
    at = _app("yours", {"name": "<b>[x](javascript:alert(1))</b>.csv", "data": _facts_csv()})
    assert not at.exception
    assert all(not m.proto.allow_html for m in at.markdown)
    assert "\\<b\\>\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in at.success[0].value
