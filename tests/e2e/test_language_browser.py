"""French and English in a browser: the control switches every word, the choice follows to the next page and
lives in the URL, and a French browser opens in French."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from ecodash.i18n import t, use

pytestmark = pytest.mark.e2e


def _chart_text(app) -> str:
    return app.page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map((el) => JSON.stringify([el.layout, (el.data || []).map((t) => t.text)])).join(' ')"
    )


def test_the_control_switches_the_whole_page_and_the_choice_follows(app):
    app.goto("/compare?indicators=grant_cap_per_recipient", chart=True)  # two regions report it: a chart
    english = _chart_text(app)
    assert t("chart.source", sources="") in english, "the chart's footnote is English"
    app.page.locator("[data-testid='stButtonGroup'] button").filter(has_text="Français").click()
    app.wait_for_query(lambda q: q.get("lang") == ["fr"], chart=True)
    with use("fr"):
        expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(t("compare.title"))
        expect(app.page.get_by_role("link", name=t("nav.funding"))).to_have_count(1)
        french = _chart_text(app)
        assert "Source : " in french or "Source\u00a0: " in french, "the chart's footnote is French"
        assert "13,9 M USD" in french, "French number format in the bar labels"
        app.page.get_by_role("link", name=t("nav.funding")).click()
        app.page.wait_for_url(lambda url: "/funding" in url and "lang=fr" in url)
        app.wait_idle()  # Funding's default view holds two figures of different kinds: cards, no chart
        expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(t("funding.title"))
    app.page.locator("[data-testid='stButtonGroup'] button").filter(has_text="English").click()
    app.wait_for_query(lambda q: q.get("lang") == ["en"])
    expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(t("funding.title"))
    app.no_error_shown()


def test_a_french_browser_opens_in_french_and_the_link_wins(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(app_url + "/")
        with use("fr"):
            expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(t("overview.title"))
        page.goto(app_url + "/?lang=en")
        expect(page.locator("[data-testid='stMain'] h1").first).to_have_text(t("overview.title"))
    finally:
        context.close()
