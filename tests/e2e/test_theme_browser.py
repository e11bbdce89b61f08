"""Light and dark in a browser: the config's two themes, the theme in the URL (?theme=dark) through reloads,
widget reruns and page switches, the control, and no reload loop."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from ecodash.charts.theme import THEMES

pytestmark = pytest.mark.e2e


def _e2e_conftest():
    """The e2e conftest module (its App helper), whatever name pytest registered it under."""
    return next(
        module
        for name, module in sys.modules.items()
        if name.endswith("conftest") and hasattr(module, "App") and hasattr(module, "_healthy")
    )


@pytest.fixture(scope="module")
def theme_url(app_url: str) -> str:
    return app_url


@pytest.fixture
def open_browser(browser: Browser, theme_url: str) -> Iterator:
    """open_browser(system="light"|"dark") -> App on the theme server, in a browser with that system scheme."""
    contexts = []

    def open_app(system: str = "light"):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB", color_scheme=system)
        contexts.append(context)
        app = _e2e_conftest().App(context.new_page(), theme_url)
        app.loads = []
        app.page.on("load", lambda: app.loads.append(app.page.url))
        return app

    yield open_app
    for context in contexts:
        context.close()


def _rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def _expect_theme(app, name: str) -> None:
    """The page is drawn in `name`: background, the control's selection, and ?theme= in the URL."""
    expect(app.page.get_by_test_id("stApp")).to_have_css("background-color", _rgb(THEMES[name].background))
    label = {"light": "Light", "dark": "Dark"}[name]
    expect(
        app.page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']").filter(has_text=label)
    ).to_have_count(1)
    app.wait_for_query(lambda q: q.get("theme") == [name])


def _settled_loads(app, seconds: float = 2.0) -> int:
    """Page loads so far, after `seconds` with nothing else loading (a reload loop would keep counting)."""
    count = len(app.loads)
    time.sleep(seconds)
    assert len(app.loads) == count, f"the page kept reloading: {app.loads}"
    return count


def test_embed_options_pick_the_config_themes_without_embed(new_app):
    """Streamlit's frontend reads ?embed_options=light_theme|dark_theme on load, even without embed=true."""
    app = new_app()
    app.goto("/?embed_options=dark_theme")
    expect(app.page.get_by_test_id("stApp")).to_have_css("background-color", _rgb(THEMES["dark"].background))
    app.goto("/?embed_options=light_theme")
    expect(app.page.get_by_test_id("stApp")).to_have_css("background-color", _rgb(THEMES["light"].background))


def test_a_link_with_theme_dark_opens_dark_once(open_browser):
    app = open_browser("light")
    app.goto("/compare?theme=dark&lang=fr")
    app.page.wait_for_url(lambda url: "embed_options=dark_theme" in url)
    app.wait_idle()
    expect(
        app.page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']").filter(has_text="Sombre")
    ).to_have_count(1)
    expect(app.page.get_by_test_id("stApp")).to_have_css("background-color", _rgb(THEMES["dark"].background))
    assert app.query()["theme"] == ["dark"] and app.query()["lang"] == ["fr"], "the other parameters survive"
    assert app.page.url.split("?")[0].endswith("/compare")
    assert _settled_loads(app) == 2, "one reload, not a loop"
    app.no_error_shown()


def test_the_control_switches_and_the_choice_survives_reruns_page_switches_and_reloads(open_browser):
    app = open_browser("light")
    app.goto("/compare")
    _expect_theme(app, "light")  # no ?theme=: the system's scheme, written to the URL

    app.page.locator("[data-testid='stButtonGroup'] button").filter(has_text="Dark").click()
    app.page.wait_for_url(lambda url: "embed_options=dark_theme" in url)
    app.wait_idle()
    _expect_theme(app, "dark")

    app.page.get_by_role("button", name="Options").click()  # currency conversion is in the Options popover
    app.widget("stButtonGroup", "Currency conversion").locator("button[aria-checked='false']").first.click()
    app.wait_for_query(lambda q: q.get("fx") not in (None, []) and "embed_options" in q)  # a rerun rewrote the query
    _expect_theme(app, "dark")

    app.page.get_by_role("link", name="Funding programmes").click()
    app.page.wait_for_url(lambda url: "/funding" in url)
    app.wait_idle()
    _expect_theme(app, "dark")  # the page switch dropped embed_options; ?theme= is written again
    assert "embed_options" not in app.query()

    loads = len(app.loads)
    app.page.reload()
    app.page.wait_for_url(lambda url: "embed_options=dark_theme" in url)
    app.wait_idle()
    _expect_theme(app, "dark")  # the copied link (…/funding?theme=dark) reopens dark, after one redirect
    assert _settled_loads(app) == loads + 2

    app.page.locator("[data-testid='stButtonGroup'] button").filter(has_text="Light").click()
    app.page.wait_for_url(lambda url: "embed_options=light_theme" in url and "dark_theme" not in url)
    app.wait_idle()
    _expect_theme(app, "light")
    app.no_error_shown()


def test_a_dark_system_without_theme_in_the_link_stays_dark_without_reloading(open_browser):
    app = open_browser("dark")
    app.goto("/")
    _expect_theme(app, "dark")
    assert _settled_loads(app) == 1
    assert "embed_options" not in app.query()


def test_an_unknown_theme_in_the_link_warns_and_falls_back(open_browser):
    app = open_browser("light")
    app.goto("/?theme=sepia")
    expect(app.page.get_by_test_id("stAlertContentWarning").filter(has_text="sepia")).to_have_count(1)
    _expect_theme(app, "light")
