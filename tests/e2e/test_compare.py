"""Compare in a browser: the chart follows the widgets, the URL carries them to another browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ecodash.i18n import t

pytestmark = pytest.mark.e2e

DEFAULT_REGIONS = ["Guangdong", "Zhejiang", "Shanghai", "Gwangju", "Vietnam"]
CHARTED = "/compare?indicators=grant_cap_per_recipient"
"""Guangdong's and Shanghai's grant caps: the one kind two focus regions report, so a chart."""
TUCKED = ["Scale", "Sort", "Currency conversion"]


def _options(app):
    """Open the Options popover (scale, sort, cities, currency conversion) unless it is open already."""
    if not app.widget("stButtonGroup", "Scale").is_visible():
        app.page.get_by_role("button", name=t("common.options")).click()
        app.widget("stButtonGroup", "Scale").wait_for()
    return app


def _add_option(app, label: str, option: str) -> None:
    multiselect = app.widget("stMultiSelect", label)
    multiselect.locator("input").click()
    multiselect.locator("input").fill(option)
    app.page.get_by_role("option", name=option, exact=True).click()
    app.page.keyboard.press("Escape")


def test_a_kind_one_region_reports_is_a_card_and_two_make_a_chart(app):
    app.goto("/compare")
    expect(app.page.locator(".js-plotly-plot")).to_have_count(0)
    expect(app.page.locator("[class*='st-key-card_']")).to_have_count(3)
    expect(app.page.locator("[class*='st-key-card_']").first).to_contain_text("1 of 5 regions reports this kind")

    app.goto(CHARTED, chart=True)
    assert {name for name, _, _ in app.bars()} == {"Guangdong", "Shanghai"}
    app.page.get_by_role("button", name="Remove Guangdong").click()
    app.wait_for_query(lambda q: "guangdong" not in q.get("regions", []))
    expect(app.page.locator(".js-plotly-plot")).to_have_count(0)  # Shanghai's cap alone: a figure, not a chart
    expect(app.page.locator("[class*='st-key-card_'][class*='_shanghai']")).to_have_count(1)
    expect(app.chip_locator("Regions")).to_have_text(["Zhejiang", "Shanghai", "Gwangju", "Vietnam"])


def test_log_scale_switches_every_value_axis(app):
    app.goto(CHARTED, chart=True)
    axes = app.charts()[0]["axes"]
    assert {axes[name] for name in axes if name.startswith("yaxis")} == {"linear"}

    _options(app).widget("stButtonGroup", "Scale").get_by_role("radio", name="log").click()
    app.wait_for_query(lambda q: q.get("scale") == ["log"], chart=True)

    axes = app.charts()[0]["axes"]
    assert {axes[name] for name in axes if name.startswith("yaxis")} == {"log"}, axes
    expect(_options(app).segmented_locator("Scale")).to_have_text(["log"])


def test_shared_link_restores_the_view_in_a_new_browser(app, new_app):
    app.goto(CHARTED, chart=True)
    for region in ["zhejiang", "gwangju", "vietnam"]:
        app.page.get_by_role("button", name=f"Remove {region.capitalize()}").click()
        app.wait_for_query(lambda q, r=region: r not in q.get("regions", []))
    _options(app).widget("stButtonGroup", "Scale").get_by_role("radio", name="log").click()
    app.wait_for_query(lambda q: q.get("scale") == ["log"])
    _options(app).widget("stButtonGroup", "Currency conversion").get_by_role(
        "radio", name=t("common.fx.article_implied")
    ).click()
    query = app.wait_for_query(lambda q: q.get("fx") == ["article_implied"], chart=True)
    assert query["regions"] == ["guangdong", "shanghai"]
    shared_url, chart = app.page.url, app.charts()
    assert {name for name, _, _ in app.bars()} == {"Guangdong", "Shanghai"}
    view = {label: app.chips(label) for label in ["Regions", "Indicators"]}
    view |= {label: _options(app).segmented_choice(label) for label in TUCKED}
    assert view["Currency conversion"] == [t("common.fx.article_implied")]

    other = new_app()
    assert shared_url.startswith(other.base_url + "/compare?")
    other.goto(shared_url.removeprefix(other.base_url), chart=True)

    assert {label: other.chips(label) for label in ["Regions", "Indicators"]} == {
        "Regions": ["Guangdong", "Shanghai"],
        "Indicators": view["Indicators"],
    }
    assert {label: _options(other).segmented_choice(label) for label in TUCKED} == {
        label: view[label] for label in TUCKED
    }
    assert other.charts() == chart
    assert other.charts()[0]["axes"]["yaxis"] == "log"
    assert other.query() == query
    other.no_error_shown()


def test_unknown_region_in_the_link_warns_and_falls_back(app):
    app.goto(CHARTED, chart=True)
    default_bars = app.bars()

    page = app.goto(CHARTED + "&regions=atlantis", chart=True)

    expect(page.get_by_test_id("stAlertContentWarning").filter(has_text="“atlantis”")).to_have_count(1)
    expect(app.chip_locator("Regions")).to_have_text(DEFAULT_REGIONS)
    assert app.bars() == default_bars
    assert "atlantis" not in app.query().get("regions", [])
    app.no_error_shown()
