"""Screenshots of every page, wide and at 1280x720, for people to look at (test-artifacts/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ecodash

pytestmark = pytest.mark.e2e

SCREENSHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGES = {
    "overview": ("/", False),
    "compare": ("/compare", False),  # each kind has one figure: cards, no chart
    # every indicator at once: the view where unlike figures are most likely to meet
    "compare-all": (
        "/compare?indicators=" + ",".join(["funding_per_year", *ecodash.load_dataset().indicators["indicator_id"]]),
        True,
    ),
    "compare-per-million": ("/compare?per=million", False),
    "profile": ("/profile", False),  # Guangdong has no dated event: no timeline to wait for
    "funding": ("/funding", False),
    "funding-caps": ("/funding?view=per_recipient", True),
    "pillars": ("/pillars", False),
    "sources": ("/sources?fact=gj_compute_capacity", False),
    "data": ("/data", False),
}
MIN_PNG_BYTES = 20_000


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshots(app, name):
    path, has_chart = PAGES[name]
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    shots = {"wide": None, "1280x720": {"width": 1280, "height": 720}}
    for suffix, viewport in shots.items():
        if viewport:
            app.page.set_viewport_size(viewport)
        app.goto(path, chart=has_chart)
        app.no_error_shown()
        target = SCREENSHOTS_DIR / f"{name}-{suffix}.png"
        target.unlink(missing_ok=True)
        app.page.screenshot(path=target)
        assert target.stat().st_size > MIN_PNG_BYTES, f"{target} looks empty"


LANGUAGES_AND_THEMES = [(language, theme) for language in ("en", "fr") for theme in ("light", "dark")]
SCREEN = {"width": 1280, "height": 720}


@pytest.mark.parametrize(("language", "theme"), LANGUAGES_AND_THEMES)
def test_every_page_in_each_language_and_theme(new_app, language, theme):
    """1280x720 shots of every page, as a French or English reader sees it in a light or dark room."""
    from playwright.sync_api import expect

    from ecodash.charts.theme import THEMES
    from ecodash.i18n import t, use

    app = new_app()
    app.page.set_viewport_size(SCREEN)
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    red, green, blue = (int(THEMES[theme].background[i : i + 2], 16) for i in (1, 3, 5))
    for name in ("overview", "compare", "profile", "funding", "pillars", "sources", "data"):
        path, has_chart = PAGES[name]
        joiner = "&" if "?" in path else "?"
        # embed_options in the link: Streamlit loads the theme at once (a bare ?theme= reloads the page once,
        # which test_theme_browser.py covers)
        app.goto(f"{path}{joiner}lang={language}&theme={theme}&embed_options={theme}_theme", chart=has_chart)
        expect(app.page.get_by_test_id("stApp")).to_have_css("background-color", f"rgb({red}, {green}, {blue})")
        with use(language):
            expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(t(f"{name}.title"))
        app.no_error_shown()
        target = SCREENSHOTS_DIR / f"{name}-{language}-{theme}-1280x720.png"
        target.unlink(missing_ok=True)
        app.page.screenshot(path=target)
        assert target.stat().st_size > MIN_PNG_BYTES, f"{target} looks empty"
