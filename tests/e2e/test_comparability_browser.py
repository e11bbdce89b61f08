"""Like with like in a browser: unlike figures on separate axes with the difference written in the image,
and the per-million-inhabitants toggle, clicked and through deep links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

GWANGJU_PER_YEAR_PER_MILLION_USD = 600e9 / 5 / 1422.44083333333 / 1_444_000 * 1e6  # ≈ 58.4 M USD
GUANGDONG_PER_YEAR_PER_MILLION_USD = 10e9 / 7.18984737402171 / 127_800_000 * 1e6  # ≈ 10.9 M USD


def _card(app, region_id: str):
    return app.page.locator(f"[class*='st-key-card_'][class*='_{region_id}']")


def test_a_target_and_a_budget_in_force_are_never_drawn_as_alike(app):
    app.goto("/compare?indicators=funding_per_year")
    expect(app.page.locator(".js-plotly-plot")).to_have_count(0)  # one region each: two figures, not a chart
    expect(_card(app, "guangdong")).to_contain_text("in force")
    expect(_card(app, "gwangju")).to_contain_text("≠ target")
    expect(app.page.get_by_test_id("stAlert").filter(has_text="Not alike")).to_have_count(0)  # said once, on the card
    app.no_error_shown()


def test_per_million_toggle_divides_by_the_cited_population_and_stays_in_the_url(app, new_app):
    app.goto("/compare?indicators=funding_per_year")
    app.page.get_by_test_id("stButtonGroup").get_by_role("radio", name="Per million inhabitants").click()
    query = app.wait_for_query(lambda q: q.get("per") == ["million"])
    expect(_card(app, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    expect(_card(app, "guangdong")).to_contain_text(f"{GUANGDONG_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    table = app.page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(1)

    shared_url = app.page.url
    assert "per=million" in shared_url and query["per"] == ["million"]
    other = new_app()
    other.goto(shared_url.removeprefix(other.base_url))
    expect(
        other.page.get_by_test_id("stButtonGroup").locator("button[aria-checked='true']").filter(has_text="Per million")
    ).to_have_count(1)
    expect(_card(other, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    other.no_error_shown()


def test_funding_deep_link_per_million_leaves_out_caps_and_says_why(app):
    page = app.goto("/funding?view=per_recipient&per=million", chart=True)
    expect(
        page.get_by_test_id("stButtonGroup").locator("button[aria-checked='true']").filter(has_text="Per million")
    ).to_have_count(1)
    expect(page.get_by_text("Not shown per inhabitant", exact=False)).to_be_visible()
    assert not app.bars(), "a cap per recipient is never divided by population"
    app.goto("/funding?view=per_year&per=million")
    expect(_card(app, "guangdong")).to_contain_text(f"{GUANGDONG_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    expect(_card(app, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    app.no_error_shown()
