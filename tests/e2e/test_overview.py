"""Overview in a browser: the five region cards, and a figure's link to its highlighted source sentence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOCUS_REGIONS = ["Guangdong", "Zhejiang", "Shanghai", "Gwangju", "Vietnam"]
GWANGJU_COMPUTE_QUOTE = re.compile(r"dispose d['’]une capacité de traitement de 88,5 pétaflops")


def _card(app, region: str):
    """The column of the overview holding the card whose heading is `region`."""
    heading = app.page.get_by_role("heading", name=region, exact=True)
    return app.page.get_by_test_id("stColumn").filter(has=heading)


def test_new_user_sees_five_region_cards_and_no_error(app):
    page = app.goto("/")

    for region in FOCUS_REGIONS:
        expect(_card(app, region), f"a card headed {region}").to_have_count(1)
    expect(_card(app, "Gwangju").get_by_text("88.5 PFLOPS")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)  # the comparison matrix
    app.no_error_shown()


def test_figure_links_to_its_quote_highlighted_on_sources(app):
    page = app.goto("/")
    figure = _card(app, "Gwangju").get_by_test_id("stElementContainer").filter(has_text="88.5 PFLOPS")
    source_link = figure.locator("xpath=following-sibling::*[.//a[@data-testid='stPageLink-NavLink']][1]//a")

    source_link.click()
    # `source` is written by the Sources page itself: once it is there, that page has run.
    app.wait_for_query(lambda query: query.get("fact") == ["gj_compute_capacity"] and "source" in query)

    assert page.url.split("?")[0].endswith("/sources")
    title = page.get_by_test_id("stMarkdownContainer").filter(has_text="Selected figure")
    box = title.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
    expect(box).to_contain_text("88.5 PFLOPS — AI compute capacity (Gwangju)")
    expect(box.locator(".stMarkdownColoredBackground").filter(has_text=GWANGJU_COMPUTE_QUOTE)).to_have_count(1)
    app.no_error_shown()
