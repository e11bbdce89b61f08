"""Compare in a browser: the chart follows the widgets, the URL carries them to another browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ecodash.analysis.indicators import funding_per_year_name
from ecodash.i18n import t

pytestmark = pytest.mark.e2e

DEFAULT_REGIONS = ["Guangdong", "Zhejiang", "Shanghai", "Gwangju", "Vietnam"]


def _add_option(app, label: str, option: str) -> None:
    multiselect = app.widget("stMultiSelect", label)
    multiselect.locator("input").click()
    multiselect.locator("input").fill(option)
    app.page.get_by_role("option", name=option, exact=True).click()
    app.page.keyboard.press("Escape")


def test_changing_the_selection_redraws_the_bars(app):
    app.goto("/compare", chart=True)
    before = app.bars()
    assert {category for _, category, _ in before} == {"Guangdong", "Gwangju"}  # the rest report neither indicator

    _add_option(app, "Indicators", "AI talent trained")
    app.wait_for_query(lambda q: "ai_talent_trained" in q.get("indicators", []), chart=True)
    with_talent = app.bars()
    assert set(with_talent) > set(before)
    assert {category for _, category, _ in set(with_talent) - set(before)} == {"Gwangju", "Vietnam"}

    app.page.get_by_role("button", name="Remove Gwangju").click()
    app.wait_for_query(lambda q: "gwangju" not in q.get("regions", []), chart=True)
    without_gwangju = app.bars()
    assert "Gwangju" not in {category for _, category, _ in without_gwangju}
    assert {category for _, category, _ in without_gwangju} == {"Guangdong", "Vietnam"}
    expect(app.chip_locator("Regions")).to_have_text(["Guangdong", "Zhejiang", "Shanghai", "Vietnam"])


def test_log_scale_switches_every_value_axis(app):
    app.goto("/compare", chart=True)
    axes = app.charts()[0]["axes"]
    assert {axes[name] for name in axes if name.startswith("yaxis")} == {"linear"}

    app.widget("stButtonGroup", "Scale").get_by_role("radio", name="log").click()
    app.wait_for_query(lambda q: q.get("scale") == ["log"], chart=True)

    axes = app.charts()[0]["axes"]
    assert {axes[name] for name in axes if name.startswith("yaxis")} == {"log"}, axes
    expect(app.segmented_locator("Scale")).to_have_text(["log"])


def test_shared_link_restores_the_view_in_a_new_browser(app, new_app):
    app.goto("/compare", chart=True)
    for region in ["zhejiang", "shanghai", "vietnam"]:
        app.page.get_by_role("button", name=f"Remove {region.capitalize()}").click()
        app.wait_for_query(lambda q, r=region: r not in q.get("regions", []))
    app.page.get_by_role("button", name="Remove AI compute capacity").click()
    app.wait_for_query(lambda q: q.get("indicators") == ["funding_per_year"])
    app.widget("stButtonGroup", "Scale").get_by_role("radio", name="log").click()
    app.wait_for_query(lambda q: q.get("scale") == ["log"])
    app.widget("stButtonGroup", "Currency conversion").get_by_role("radio", name=t("common.fx.article_implied")).click()
    query = app.wait_for_query(lambda q: q.get("fx") == ["article_implied"], chart=True)
    assert query["regions"] == ["guangdong", "gwangju"]
    shared_url, chart = app.page.url, app.charts()
    assert [category for _, category, _ in app.bars()] == ["Guangdong", "Gwangju"]
    view = {label: app.chips(label) for label in ["Regions", "Indicators"]}
    view |= {label: app.segmented_choice(label) for label in ["Scale", "Sort", "Currency conversion"]}
    assert view["Currency conversion"] == [t("common.fx.article_implied")]

    other = new_app()
    assert shared_url.startswith(other.base_url + "/compare?")
    other.goto(shared_url.removeprefix(other.base_url), chart=True)

    assert {label: other.chips(label) for label in ["Regions", "Indicators"]} == {
        "Regions": ["Guangdong", "Gwangju"],
        "Indicators": [funding_per_year_name()],
    }
    assert {label: other.segmented_choice(label) for label in ["Scale", "Sort", "Currency conversion"]} == {
        label: view[label] for label in ["Scale", "Sort", "Currency conversion"]
    }
    assert other.charts() == chart
    assert other.charts()[0]["axes"]["yaxis"] == "log"
    assert other.query() == query
    other.no_error_shown()


def test_unknown_region_in_the_link_warns_and_falls_back(app):
    app.goto("/compare", chart=True)
    default_bars = app.bars()

    page = app.goto("/compare?regions=atlantis", chart=True)

    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text="“atlantis”")).to_have_count(1)
    expect(app.chip_locator("Regions")).to_have_text(DEFAULT_REGIONS)
    assert app.bars() == default_bars
    assert "atlantis" not in app.query().get("regions", [])
    app.no_error_shown()
