"""Your data in a browser: an upload with errors gets its row-level report, a valid one shows on Compare marked
as the reader's, the download returns the rows, and another browser never sees them (session only)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from playwright.sync_api import expect

from ecodash.drafting import propose
from ecodash.ingest import uploads
from ecodash.io import export, user_rows
from support import DATA_DIR, read_rows

pytestmark = pytest.mark.e2e

NEW_FACT = "my_annual_budget_copy"
SCREENSHOTS = DATA_DIR.parent / "test-artifacts" / "screenshots"


def _facts_csv(**changes: str) -> bytes:
    header, rows = read_rows(DATA_DIR / "facts.csv")
    annual = next(row for row in rows if row["indicator_id"] == "funding_annual")
    return export.to_csv_bytes(pd.DataFrame([{**annual, "fact_id": NEW_FACT, **changes}], columns=header))


def _upload(app, name: str, data: bytes) -> None:
    app.page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}]
    )
    app.wait_idle()


def _shot(app, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=SCREENSHOTS / f"your-data-{name}.png")


def _go(app, page_title: str, *, chart: bool = False) -> None:
    """Follow the app's own navigation (a new page load would be a new session, without the upload)."""
    app.page.get_by_role("link", name=page_title, exact=True).first.click()
    expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(page_title)  # each page's title
    app.wait_idle(chart=chart)


def test_an_upload_with_errors_gets_its_row_level_report(app):
    app.goto("/your-data")
    _upload(app, "my-facts.csv", _facts_csv(value="51"))
    error = app.page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("Nothing was loaded: 1 problem in my-facts.csv")
    report = app.page.get_by_test_id("stDataFrame")
    expect(report).to_have_count(1)
    expect(report).to_contain_text("your upload: my-facts.csv")  # the grid's accessible cells
    expect(report).to_contain_text("51 is not stated in the quote (digits or words)")
    expect(report).to_contain_text("value")
    _shot(app, "report")
    expect(app.page.locator("body")).not_to_contain_text("Traceback")
    assert app.page_errors == []


def test_a_valid_upload_shows_on_compare_marked_downloads_and_stays_in_its_session(new_app):
    app = new_app()
    app.goto("/your-data")
    _upload(app, "my-facts.csv", _facts_csv())
    expect(app.page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        "Loaded from my-facts.csv: 1 row of facts.csv"
    )
    _shot(app, "loaded")

    with app.page.expect_download() as download:
        app.page.get_by_role("button", name="Download your rows (zip)").click()
    downloaded = download.value.path().read_bytes()
    expected = uploads.read_upload(_facts_csv(), "my-facts.csv", DATA_DIR)
    assert downloaded == user_rows.user_rows_zip(expected)
    with zipfile.ZipFile(io.BytesIO(downloaded)) as archive:
        assert archive.namelist() == ["facts.csv"]
        rows = pd.read_csv(io.BytesIO(archive.read("facts.csv")), dtype=str)
    assert rows["fact_id"].tolist() == [NEW_FACT]

    _go(app, "Compare", chart=True)
    expect(app.page.get_by_test_id("stAlertContentInfo").filter(has_text="you uploaded")).to_contain_text(
        "This page includes 1 figure you uploaded (this session only)"
    )
    mine = [(name, category) for name, category, _ in app.bars() if "(yours)" in category]
    assert len(mine) == 1 and mine[0][0] == "Guangdong", app.bars()
    assert "Diagonal grid (×): your data" in [trace["name"] for trace in app.charts()[0]["traces"]]
    app.page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    _shot(app, "compare")
    app.no_error_shown()

    _go(app, "Overview")
    expect(app.page.get_by_test_id("stMarkdownContainer").filter(has_text="(yours)")).not_to_have_count(0)
    _shot(app, "overview")
    _go(app, "Pillars")
    expect(app.page.get_by_text("1 of them yours").first).to_be_visible()
    _shot(app, "pillars")
    app.no_error_shown()

    other = new_app()  # another browser: its own session, none of the first one's data
    other.goto("/compare")  # the curated default view: cards, no chart
    assert not other.charts(), "the curated default view is cards: nothing of the upload is charted"
    expect(other.page.get_by_text("you uploaded")).to_have_count(0)
    other.goto("/your-data")
    expect(other.page.get_by_test_id("stAlertContentSuccess")).to_have_count(0)
    expect(other.page.get_by_test_id("stDataFrame")).to_have_count(0)


def test_a_french_page_reports_the_upload_s_problems_in_french(app):
    app.goto("/your-data?lang=fr")
    _upload(app, "mes-chiffres.csv", _facts_csv(value="51"))
    report = app.page.get_by_test_id("stDataFrame")
    expect(report).to_have_count(1)
    expect(report).to_contain_text("votre fichier : mes-chiffres.csv")
    expect(report).to_contain_text("51 n’est pas dans la citation (ni en chiffres ni en lettres)")
    expect(report).not_to_contain_text("is not stated")
    _shot(app, "report-fr")
    assert app.page_errors == []


# What the uploader shows in its button and beside it: Streamlit's own English words are hidden (font size 0) and
# ecodash's drawn in their place (a ::after pseudo-element's content).
_UPLOADER_WORDS_JS = """
() => {
  const zone = document.querySelector("[data-testid='stFileUploaderDropzone']");
  const shown = (el) => {
    const own = getComputedStyle(el).fontSize === "0px" ? "" : el.textContent.trim();
    const after = getComputedStyle(el, "::after").content;
    return own + (after && after !== "none" ? JSON.parse(after) : "");
  };
  return {
    button: shown(zone.querySelector("button [data-testid='stMarkdownContainer'] p")),
    limit: shown(zone.querySelector("[data-testid='stFileUploaderDropzoneInstructions'] span")),
  };
}
"""


@pytest.mark.parametrize(
    ("path", "language", "button", "limit"),
    [
        ("/your-data", "en", "Upload", "At most 5 MB per file · .csv, .zip"),
        ("/your-data", "fr", "Téléverser", "Au plus 5 Mo par fichier · .csv, .zip"),
        ("/add-article", "en", "Upload", "At most 1 MB per file · .txt, .md"),
        ("/add-article", "fr", "Téléverser", "Au plus 1 Mo par fichier · .txt, .md"),
    ],
)
def test_the_uploaders_speak_the_page_s_language_and_state_the_real_limit(app, path, language, button, limit):
    """Streamlit writes 'Upload' and '200MB per file' in English whatever the page: both uploaders say ecodash's
    words in the page's language, with the limit their checks apply."""
    assert (uploads.MAX_UPLOAD_BYTES, propose.MAX_BYTES) == (5 * 2**20, 2**20)  # the limits the words state
    app.goto(f"{path}?lang={language}")
    assert app.page.evaluate(_UPLOADER_WORDS_JS) == {"button": button, "limit": limit}
    _shot(app, f"uploader{path.replace('/', '-')}-{language}")
