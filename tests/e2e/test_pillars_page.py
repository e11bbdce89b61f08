"""Pillars in a browser: a shared link opens one cell, its quotes are one click from their highlighted passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCREENSHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CELL = "/pillars?pillar=compute_infrastructure&region=gwangju"
GWANGJU_COMPUTE_QUOTE = re.compile(r"dispose d['’]une capacité de traitement de 88,5 pétaflops")
MIN_PNG_BYTES = 20_000


def _screenshot(app, path: str, name: str) -> None:
    """A wide and a 1280x720 screenshot of `path` (the presenter's laptop), under test-artifacts/screenshots/."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    wide = app.page.viewport_size
    for suffix, viewport in {"wide": wide, "1280x720": {"width": 1280, "height": 720}}.items():
        app.page.set_viewport_size(viewport)
        app.goto(path)
        app.no_error_shown()
        target = SCREENSHOTS_DIR / f"{name}-{suffix}.png"
        target.unlink(missing_ok=True)
        app.page.screenshot(path=target)
        assert target.stat().st_size > MIN_PNG_BYTES, f"{target} looks empty"


def test_shared_cell_link_shows_its_quotes_and_one_click_opens_the_passage(app):
    page = app.goto(CELL)
    app.no_error_shown()
    expect(page.get_by_role("heading", name="Computing infrastructure — Gwangju")).to_be_visible()
    expect(page.get_by_text(GWANGJU_COMPUTE_QUOTE)).to_be_visible()
    link = page.locator("a[data-testid='stPageLink-NavLink']").filter(has_text="Open the passage")
    link = link.and_(page.locator("a[href*='fact=gj_compute_capacity']"))
    expect(link).to_have_count(1)
    expect(link).to_have_attribute("href", re.compile(r"(^|/)sources\?fact=gj_compute_capacity$"))

    link.click()
    app.expect_selected_passage("gj_compute_capacity", "88.5 PFLOPS", GWANGJU_COMPUTE_QUOTE)


def test_grid_shows_every_cell_and_says_nothing_where_the_articles_do(app):
    page = app.goto("/pillars")
    app.no_error_shown()
    expect(page.get_by_text("No score, no ranking.", exact=False).first).to_be_visible()
    page.get_by_role("button", name="How to read this").click()  # the long words are one click away
    expect(page.get_by_text("No composite score, no ranking.")).to_be_visible()
    page.keyboard.press("Escape")
    empty = page.locator("[class*='st-key-cell_rd_support_vietnam']")
    expect(empty).to_contain_text("the articles say nothing here")
    expect(page.locator("[class*='st-key-cell_compute_infrastructure_gwangju']")).to_contain_text("3 achieved")


def test_screenshots(new_app):
    _screenshot(new_app(), CELL, "pillars")
    _screenshot(new_app(), "/pillars", "pillars-grid")


def test_screenshot_of_one_pillar_row_at_1280(app):
    """The narrowest cells a presenter shows: one pillar's row at 1280x720, scrolled to the grid."""
    app.page.set_viewport_size({"width": 1280, "height": 720})
    page = app.goto("/pillars?pillar=industrial_adoption")
    app.no_error_shown()
    page.locator(".st-key-pillars_grid").evaluate("(el) => el.scrollIntoView()")
    target = SCREENSHOTS_DIR / "pillars-row-1280x720.png"
    target.unlink(missing_ok=True)
    page.screenshot(path=target)
    assert target.stat().st_size > MIN_PNG_BYTES
