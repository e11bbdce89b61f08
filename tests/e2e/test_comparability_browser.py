"""Like with like in a browser: unlike figures on separate axes with the difference written in the image,
and the per-million-inhabitants toggle, clicked and through deep links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

GWANGJU_PER_YEAR_PER_MILLION_USD = 600e9 / 5 / 1422.44083333333 / 1_444_000 * 1e6  # ≈ 58.4 M USD
GUANGDONG_PER_YEAR_PER_MILLION_USD = 10e9 / 7.18984737402171 / 127_800_000 * 1e6  # ≈ 10.9 M USD


def _fact_axes(chart: dict) -> dict[str, set[str]]:
    """Trace name (region) -> the x axes its bars are drawn on."""
    axes: dict[str, set[str]] = {}
    for trace in chart["traces"]:
        if trace["role"] == "facts":
            axes.setdefault(trace["name"], set()).add(trace["xaxis"])
    return axes


def test_a_target_and_a_budget_in_force_never_share_an_axis(app):
    app.goto("/compare?indicators=funding_per_year", chart=True)
    chart = app.charts()[0]
    axes = _fact_axes(chart)
    assert set(axes) == {"Guangdong", "Gwangju"}
    assert not axes["Guangdong"] & axes["Gwangju"], axes
    note = chart["notes"][0].replace("<br>", " ")
    assert "Not alike" in note and "Gwangju: target, AI only" in note, "the difference is written inside the image"
    expect(app.page.get_by_test_id("stAlert").filter(has_text="Not alike")).to_be_visible()
    app.no_error_shown()


def test_per_million_toggle_divides_by_the_cited_population_and_stays_in_the_url(app, new_app):
    app.goto("/compare?indicators=funding_per_year", chart=True)
    app.widget("stButtonGroup", "Intensity").get_by_role("radio", name="Per million inhabitants").click()
    query = app.wait_for_query(lambda q: q.get("per") == ["million"], chart=True)
    chart = app.charts()[0]
    assert "per million inhabitants" in chart["subtitle"]
    values = {name: value for name, _, value in app.bars()}
    assert values["Gwangju"] == pytest.approx(GWANGJU_PER_YEAR_PER_MILLION_USD, rel=1e-6)
    assert values["Guangdong"] == pytest.approx(GUANGDONG_PER_YEAR_PER_MILLION_USD, rel=1e-6)
    note = " ".join(chart["notes"]).replace("<br>", " ")
    assert "Gwangju 1,444,000 (2024): Statistics Korea" in note, "the population is in the image"
    assert "secondary, read in: Kwangju Ilbo report" in note, "and so is its secondary source"

    shared_url = app.page.url
    assert "per=million" in shared_url and query["per"] == ["million"]
    other = new_app()
    other.goto(shared_url.removeprefix(other.base_url), chart=True)
    expect(other.segmented_locator("Intensity")).to_have_text(["Per million inhabitants"])
    assert {name: value for name, _, value in other.bars()} == values
    other.no_error_shown()


def test_funding_deep_link_per_million_leaves_out_caps_and_says_why(app):
    page = app.goto("/funding?view=per_recipient&per=million", chart=True)
    expect(app.segmented_locator("Intensity")).to_have_text(["Per million inhabitants"])
    expect(page.get_by_text("Not shown per inhabitant", exact=False)).to_be_visible()
    assert not app.bars(), "a cap per recipient is never divided by population"
    app.goto("/funding?view=per_year&per=million", chart=True)
    assert {name for name, _, _ in app.bars()} == {"Guangdong", "Gwangju"}
    app.no_error_shown()
