"""Overview in a browser: the five region cards, and a figure's link to its highlighted source sentence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

FOCUS_REGIONS = ["Guangdong", "Zhejiang", "Shanghai", "Gwangju", "Vietnam"]


def _card(app, region: str):
    """The column of the overview holding the card whose heading is `region`."""
    heading = app.page.get_by_role("heading", name=region, exact=True)
    return app.page.get_by_test_id("stColumn").filter(has=heading)


def test_new_user_sees_five_region_cards_and_no_error(app):
    page = app.goto("/")

    for region in FOCUS_REGIONS:
        assert _card(app, region).count() == 1, f"no card headed {region}"
    gwangju = _card(app, "Gwangju")
    assert gwangju.get_by_text("88.5 PFLOPS").is_visible()
    app.no_error_shown()
    assert page.get_by_test_id("stDataFrame").count() == 1  # the comparison matrix is drawn


def test_figure_links_to_its_quote_highlighted_on_sources(app):
    page = app.goto("/")
    figure = _card(app, "Gwangju").get_by_test_id("stElementContainer").filter(has_text="88.5 PFLOPS")
    source_link = figure.locator("xpath=following-sibling::*[.//a[@data-testid='stPageLink-NavLink']][1]//a")

    source_link.click()
    app.wait_for_query(lambda query: query.get("fact") == ["gj_compute_capacity"])

    assert page.url.split("?")[0].endswith("/sources")
    title = page.get_by_test_id("stMarkdownContainer").filter(has_text="Selected figure")
    box = title.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
    assert "88.5 PFLOPS" in box.inner_text()
    highlighted = [text.replace("\u2019", "'") for text in box.locator(".stMarkdownColoredBackground").all_inner_texts()]
    assert any("capacité de traitement de 88,5 pétaflops" in text for text in highlighted), highlighted
    app.no_error_shown()
