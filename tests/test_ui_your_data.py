"""The reader's data in the app: held in session_state as the Your data page stores it, shown beside the curated
figures on Overview, Compare and Pillars and marked as the reader's; an invalid upload changes nothing."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ecodash.io import export
from ecodash.ui.state import YOURS_KEY
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
    assert _banner(at) == ["This page includes 1 figure you uploaded (this session only), marked “yours”."]
    marked = [text for text in _texts(at) if text.endswith("(yours)")]
    assert len(marked) == 1 and "1\\.39 bn USD/yr" in marked[0], marked  # the card's value; as stated below it
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


def test_pillars_count_the_readers_figure_in_its_cell():
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
    assert next(e.value for e in at.error).startswith("Nothing was loaded: 1 problem in my\\-facts\\.csv")
    report = at.dataframe[0].value
    assert report.to_dict("records") == [
        {
            "file": "your upload: my-facts.csv",
            "row": 2,
            "field": "value",
            "reason": "51 is not stated in the quote (digits or words)",
        }
    ]
    assert not [b for b in at.get("download_button")], "nothing to download"


def test_the_page_summarises_a_valid_upload_and_removes_it():
    at = _app("yours", VALID)
    assert_clean(at)
    assert at.success[0].value.startswith("Loaded from my\\-facts\\.csv: 1 row of facts.csv.")
    assert at.dataframe[0].value["fact_id"].tolist() == [NEW_FACT]
    at.button(key="yours_remove").click().run()
    assert YOURS_KEY not in at.session_state
    assert at.success[0].value == "Your data was removed from this session."
    assert not at.dataframe


def test_an_upload_with_markup_stays_literal():
    at = _app("yours", {"name": "<b>[x](javascript:alert(1))</b>.csv", "data": _facts_csv()})
    assert not at.exception
    assert "\\<b\\>\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in at.success[0].value


def _markup_package() -> dict:
    """A drafted article whose text and quote carry markup: it must reach the pages as literal text."""
    import hashlib
    import io
    import zipfile

    seed = "Au Guangdong, <b>Testville</b> a reçu jusqu’à 30 millions de yuans [x](javascript:alert(1)).\n".encode()
    s_header, _ = read_rows(DATA_DIR / "sources.csv")
    f_header, rows = read_rows(DATA_DIR / "facts.csv")
    source = {
        "source_id": "markup_article",
        "seed_file": "markup.txt",
        "title": "<i>T</i>",
        "title_en": "<i>T</i>",
        "language": "fr",
        "region_ids": "guangdong",
        "sha256": hashlib.sha256(seed).hexdigest(),
    }
    fact = {
        **rows[0],
        "fact_id": "markup_cap",
        "source_id": "markup_article",
        "value": "30000000",
        "stated_usd": "",
        "quote": "<b>Testville</b> a reçu jusqu’à 30 millions de yuans [x](javascript:alert(1))",
        "quote_en": "<b>Testville</b> received up to 30 million yuan",
        "instrument_id": "",
        "note": "",
        "note_fr": "",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sources.csv", export.to_csv_bytes(pd.DataFrame([source], columns=s_header)))
        archive.writestr("facts.csv", export.to_csv_bytes(pd.DataFrame([fact], columns=f_header)))
        archive.writestr("seeds/markup.txt", seed)
    return {"name": "draft.zip", "data": buffer.getvalue()}


def test_markup_in_an_uploaded_article_stays_literal_in_charts_and_pages():
    package = _markup_package()
    at = _app("compare", package, indicators="grant_cap_per_recipient", regions="guangdong")
    assert_clean(at)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    users = [trace for trace in spec["data"] if trace.get("meta", {}).get("origin") == "user"]
    hover = users[0]["customdata"][0][0]
    assert "&lt;b&gt;Testville&lt;/b&gt;" in hover and "<b>Testville" not in hover
    assert "<i>T</i>" not in json.dumps(spec["layout"]), "the source title is escaped in the footnote"
    at = _app("pillars", package, region="guangdong")
    assert_clean(at)
    assert any("\\<b\\>Testville\\</b\\>" in m.value for m in at.markdown), "the quote shows escaped"
    assert any("yours" in m.value for m in at.markdown if "badge" in m.value), "the detail marks the figure"


def test_the_page_bounds_a_long_problem_list_and_says_how_many_more():
    header, rows = read_rows(DATA_DIR / "facts.csv")
    annual = next(row for row in rows if row["indicator_id"] == "funding_annual")
    bad = [{**annual, "fact_id": f"mine_{n}", "value": "51"} for n in range(60)]  # one problem each
    at = _app("yours", {"name": "many.csv", "data": export.to_csv_bytes(pd.DataFrame(bad, columns=header))})
    assert not at.exception
    assert next(e.value for e in at.error).startswith("Nothing was loaded: 60 problems in many\\.csv")
    report = at.dataframe[0].value
    assert len(report) == 50 and report["row"].tolist() == list(range(2, 52)), "the first 50, in line order"
    assert "… and 10 more problems, not listed" in [c.value for c in at.caption][-1]


def test_the_upload_widget_states_the_limit_the_check_applies():
    """Streamlit's own words under the widget ("5MB per file", in its megabytes of 1,024 x 1,024 bytes) are the
    limit uploads.read_upload applies, and the server's limit (server.maxUploadSize) is that one too."""
    import tomllib

    from ecodash.ingest import uploads
    from support import ROOT

    at = _app("yours")
    (widget,) = at.get("file_uploader")
    assert widget.proto.max_upload_size_mb * 2**20 == uploads.MAX_UPLOAD_BYTES
    config = tomllib.loads((ROOT / ".streamlit/config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 == uploads.MAX_UPLOAD_BYTES, "the largest upload any page takes"
    assert f"{uploads.MAX_UPLOAD_BYTES // 2**20} MB" in widget.proto.help
