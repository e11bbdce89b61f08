"""Light and dark in a browser: the config's two themes, the theme in the URL (?theme=dark) through reloads,
widget reruns and page switches, the control, and no reload loop."""

from __future__ import annotations

import inspect
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from ecodash.theme import THEMES
from ecodash.ui import navigation

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
WIRED = "appearance." in inspect.getsource(navigation.run)
"""Whether app.py's navigation draws the theme control; until it does, these tests serve an entry that does."""
ENTRY = '''
import streamlit as st
from ecodash import i18n
from ecodash.i18n import t
from ecodash.ui import appearance, common, navigation

language, invalid = navigation.choose_language()
i18n.activate(language)
st.set_page_config(page_title=t("app.title"), page_icon=":material/hub:", layout="wide")
common.PAGES.clear()
for key, (render, url_path, icon) in navigation.PAGE_SPECS.items():
    common.PAGES[key] = st.Page(common.guarded(render), title=t(f"nav.{key}"), url_path=url_path, icon=icon,
                                default=key == "overview")
page = st.navigation(list(common.PAGES.values()), position="top")
st.session_state[common.PAGE_KEY] = next(k for k, p in common.PAGES.items() if p.url_path == page.url_path)
_, controls = st.columns([4, 2], vertical_alignment="center")
with controls, st.container(horizontal=True, horizontal_alignment="right"):
    navigation.language_control(language)
    bad_theme = appearance.theme_control()
if bad_theme is not None:
    common.invalid_value_notice("theme", bad_theme, t(f"theme.{appearance.active_theme()}"))
page.run()
'''


def _e2e_conftest():
    """The e2e conftest module (its App helper), whatever name pytest registered it under."""
    return next(module for name, module in sys.modules.items()
                if name.endswith("conftest") and hasattr(module, "App") and hasattr(module, "_healthy"))  # fmt: skip


@pytest.fixture(scope="module")
def theme_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if WIRED:
        yield request.getfixturevalue("app_url")
        return
    request.getfixturevalue("chromium_executable")  # skipped (or failed in CI) without Chromium, like the others
    conftest = _e2e_conftest()
    script = tmp_path_factory.mktemp("theme") / "theme_app.py"
    script.write_text(ENTRY, encoding="utf-8")
    port = conftest._free_port()
    conftest.ARTIFACTS_DIR.mkdir(exist_ok=True)
    log_path = conftest.ARTIFACTS_DIR / "streamlit-theme-server.log"
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with log_path.open("wb") as log:  # cwd=ROOT: the server reads ROOT/.streamlit/config.toml, as app.py's does
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + conftest.SERVER_START_TIMEOUT_S
        while not conftest._healthy(f"{base_url}/_stcore/health"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the theme test server did not start:\n{log_path.read_text()}", pytrace=False)
            time.sleep(0.25)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


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
    expect(app.page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']").filter(has_text=label))\
        .to_have_count(1)  # fmt: skip
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
    expect(app.page.locator("[data-testid='stButtonGroup'] button[aria-checked='true']").filter(has_text="Sombre"))\
        .to_have_count(1)  # fmt: skip
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
