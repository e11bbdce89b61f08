"""Add an article in a real browser: paste, highlights, an edit in the data editor, live problems, the zip, and a
file that is not UTF-8."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ecodash.drafting import editor as drafting
from ecodash.drafting import propose
from ecodash.i18n import t
from ecodash.ingest.dataset import load_dataset

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = ROOT / "test-artifacts" / "screenshots"
ARTICLE = (ROOT / "tests/corpus/propose/fr_financement.txt").read_text(
    encoding="utf-8"
) + "Note : <script>document.title='pwned'</script> **gras** <img src=x onerror=alert(7)> [lien](javascript:alert(8))\n"
ROW_HEIGHT = 35  # the data editor's header and rows (Streamlit's default row height)


def _shot(app, name: str) -> None:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=SCREENSHOTS_DIR / f"add-article-{name}.png", full_page=True)


def _problems_listed(app):
    """The list of problems under the candidates table (literal text, one line per problem)."""
    caption = app.page.get_by_test_id("stCaptionContainer").filter(has_text=t("drafting.problems_facts"))
    return caption.locator("xpath=following::*[@data-testid='stCode'][1]")


def _edit_cell(app, row: int, column: int, value: str | None) -> None:
    """Write `value` into the facts editor's cell (row from 1, column from 0 = the # column) and commit it;
    None clears the cell, " " toggles a checkbox."""
    grid = app.page.get_by_test_id("stDataFrame").first
    grid.click(position={"x": 30, "y": ROW_HEIGHT * row + ROW_HEIGHT / 2})  # the row's number
    app.page.wait_for_timeout(300)  # keys sent while the grid takes the focus are lost (then a wrong cell is edited)
    for _ in range(column):
        app.page.keyboard.press("ArrowRight", delay=30)
        app.page.wait_for_timeout(30)
    if value is None:
        app.page.keyboard.press("Delete")
    elif value == " ":  # a checkbox: Space ticks or unticks it
        app.page.keyboard.press(" ")
    else:
        app.page.keyboard.press("Enter")  # opens the cell's editor
        editor = app.page.locator("input.gdg-input, textarea.gdg-input")
        editor.fill(value)
        editor.press("Enter")
    app.wait_idle(settle_ms=1000)  # the edit's rerun, then the editor drawn again (a new key) before the next click


def _edit_until(app, row: int, column: int, value: str | None, done) -> None:
    """_edit_cell, again (at most three times) until `done()`: the grid sometimes drops a keystroke sent while it
    redraws. Every edit here is checked by its visible effect, so a toggle is never sent twice once it took."""
    for _ in range(3):
        _edit_cell(app, row, column, value)
        if done():
            return


def test_paste_see_highlights_edit_a_cell_and_download_the_zip(app):
    source_id = drafting.default_source_id(ARTICLE, None)
    expected = propose.propose(ARTICLE, dataset=load_dataset(ROOT / "data"), source_id=source_id).facts
    page = app.goto("/add-article")
    area = page.get_by_label(t("drafting.paste"))
    area.fill(ARTICLE)
    area.press("Control+Enter")
    app.wait_idle()
    article = page.locator(".ecodash-article")
    expect(article.locator("mark.ecodash-candidate")).to_have_count(len(expected))
    expect(article.locator("mark[data-candidate='2']")).to_have_text("2" + "\u2009" + expected["mention"][1])
    # the article's markup is shown as text, never run or drawn
    expect(article).to_contain_text("<script>document.title='pwned'</script> **gras** <img src=x onerror=")
    expect(article.locator("script, img, a, strong, b")).to_have_count(0)
    assert page.title() != "pwned"
    app.no_error_shown()
    _shot(app, "highlights")

    columns = ["#", *drafting.COLUMN_ORDER]
    listed = _problems_listed(app)
    wrong = (
        "#2 · period_start: Write a number of at least 1900. (validation: Input should be greater than or equal to 1900"
    )
    quote_en = t("drafting.todo.value.required.quote_en")
    expect(listed).to_contain_text(f"#2 · quote_en: {quote_en} (validation: required value is empty)")
    expect(listed).not_to_contain_text(wrong)
    _edit_until(app, 2, columns.index("period_start"), "1800", lambda: wrong in listed.inner_text())
    expect(listed).to_contain_text(wrong)
    _shot(app, "row-error")
    _edit_until(app, 2, columns.index("period_start"), None, lambda: wrong not in listed.inner_text())
    expect(listed).not_to_contain_text(wrong)
    _edit_until(
        app,
        2,
        columns.index("quote_en"),
        "Each selected laboratory may receive up to 30 M CNY",
        lambda: "#2 · quote_en" not in listed.inner_text(),
    )
    expect(listed).not_to_contain_text("#2 · quote_en")
    expect(listed).to_contain_text(f"#3 · quote_en: {quote_en}")
    mark = page.locator(".ecodash-article mark[data-candidate='3']")
    _edit_until(app, 3, columns.index("accept"), " ", lambda: "rejected" in (mark.get_attribute("class") or ""))
    expect(mark).to_have_class("ecodash-candidate rejected")
    expect(listed).not_to_contain_text("#3 ·")
    app.no_error_shown()

    zip_button = page.get_by_test_id("stDownloadButton").filter(has_text=t("drafting.download_zip"))
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("problems remain")
    zip_button.scroll_into_view_if_needed()
    _shot(app, "downloads")
    with page.expect_download() as download:
        zip_button.locator("button").first.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = sorted(archive.namelist())
        seed_name = next(name for name in names if name.startswith("seeds/"))
        seed = archive.read(seed_name)
        sources = list(csv.DictReader(io.StringIO(archive.read("sources.csv").decode("utf-8"))))
        facts = list(csv.DictReader(io.StringIO(archive.read("facts.csv").decode("utf-8"))))
    assert names == ["facts.csv", "instruments.csv", seed_name, "sources.csv"]
    assert seed_name == f"seeds/{sources[0]['seed_file']}" == "seeds/le_zhejiang_accelere_sur_l_ia.txt"
    assert seed == ARTICLE.encode("utf-8") and sources[0]["sha256"] == hashlib.sha256(seed).hexdigest()
    assert len(facts) == len(expected) - 1, "the rejected candidate is not in facts.csv"
    assert expected["fact_id"][2] not in {row["fact_id"] for row in facts}
    assert facts[1]["value"] == "30000000"
    assert facts[1]["quote_en"] == "Each selected laboratory may receive up to 30 M CNY", "the edit is in the file"
    assert facts[1]["period_start"] == "", "a cleared cell stays empty"

    # away and back: the article, the source form and the edits are still there
    page.get_by_label("title_en").fill("Zhejiang speeds up on AI")
    page.get_by_label("title_en").press("Enter")
    app.wait_idle()
    page.get_by_role("link", name=t("nav.overview")).click()
    app.wait_idle()
    page.get_by_test_id("stTopNavSection").filter(has_text=t("nav.section.contribute")).click()  # its menu
    page.get_by_role("menuitem", name=t("nav.add_article")).click()
    app.wait_idle()
    expect(page.locator(".ecodash-article mark.ecodash-candidate")).to_have_count(len(expected))
    expect(page.get_by_label("title_en")).to_have_value("Zhejiang speeds up on AI")
    expect(_problems_listed(app)).not_to_contain_text("#2 · quote_en")
    expect(page.locator("body")).not_to_contain_text("title_en: empty while title is filled")


def test_a_file_that_is_not_utf8_gets_a_message(app):
    page = app.goto("/add-article")
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "latin1.txt", "mimeType": "text/plain", "buffer": "Le café coûte 3 euros.".encode("latin-1")}]
    )
    app.wait_idle()
    error = page.get_by_test_id("stAlertContentError")
    expect(error).to_contain_text("latin1.txt is not UTF-8 text (the first invalid byte is at position 6)")
    expect(page.locator(".ecodash-article")).to_have_count(0)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Traceback")
    _shot(app, "not-utf8")


DAEGU = (
    "Daegu mise sur l’IA\n\n"
    "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops "
    "et prévoit de former environ 2 000 ingénieurs d’ici 2030.\n"
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_columns_to_check_first_and_what_each_problem_asks(app, language):
    """The table opens on the columns to check first; the list says in the page's language what each problem asks,
    and that Daegu needs a row of its own in regions.csv."""
    page = app.goto(f"/add-article?lang={language}")
    area = page.get_by_label(t("drafting.paste", language))
    area.fill(DAEGU)
    area.press("Control+Enter")
    app.wait_idle()
    grid = page.get_by_test_id("stDataFrame").first
    headers = [t("drafting.column.accept", language), t("drafting.column.problems", language), *drafting.CHECK_FIRST]
    for header in headers:
        expect(grid).to_contain_text(header)
    caption = t("drafting.check_first", language, columns=", ".join(drafting.CHECK_FIRST))
    expect(page.get_by_test_id("stCaptionContainer").filter(has_text=caption)).to_have_count(1)
    listed = page.get_by_test_id("stCaptionContainer").filter(has_text=t("drafting.problems_facts", language))
    listed = listed.locator("xpath=following::*[@data-testid='stCode'][1]")
    needs_row = {"en": "Daegu is not in data/regions.csv", "fr": "Daegu n’est pas dans data/regions.csv"}[language]
    expect(listed).to_contain_text(needs_row)
    expect(listed).to_contain_text("region_id=daegu, name_en=Daegu, name_fr=Daegu, level=city")
    expect(listed).not_to_contain_text("unknown region")
    app.no_error_shown()
    grid.scroll_into_view_if_needed()
    _shot(app, f"check-first-{language}")
