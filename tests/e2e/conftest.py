"""Browser fixtures: one Streamlit server for the session, Debian's Chromium, a fresh page per test."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Playwright, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = ROOT / "test-artifacts"
FAILURES_DIR = ARTIFACTS_DIR / "failures"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1600, "height": 2400}
"""Streamlit scrolls inside its own container, so a full-page screenshot is only as tall as the viewport."""
SERVER_START_TIMEOUT_S = 60
APP_TIMEOUT_MS = 30_000
expect.set_options(timeout=APP_TIMEOUT_MS)  # a rerun on a busy 2-core machine can take seconds

# The app is idle when its script is not running, no element is stale (left over from the previous run)
# and no spinner or skeleton is showing, for a short while in a row (a click's rerun starts a few ms later).
_IDLE_JS = """
(settleMs) => {
  const app = document.querySelector("[data-testid='stApp']");
  const busy = !app
    || app.dataset.testConnectionState !== "CONNECTED"
    || app.dataset.testScriptState !== "notRunning"
    || document.querySelector(
         "[data-stale='true'], [data-testid='stStatusWidgetRunningIcon'], "
         + "[data-testid='stStatusWidgetRunningManIcon'], [data-testid='stSpinner'], [data-testid='stSkeleton']");
  const now = performance.now();
  if (busy) { window.__ecodashIdleSince = undefined; return false; }
  if (window.__ecodashIdleSince === undefined) window.__ecodashIdleSince = now;
  return now - window.__ecodashIdleSince >= settleMs;
}
"""

# Every plotly chart on the page: its traces (typed arrays made plain) and the type of each axis.
_CHARTS_JS = """
() => {
  const plain = (v) => v == null ? null : (Array.isArray(v) || ArrayBuffer.isView(v)) ? Array.from(v) : v;
  return Array.from(document.querySelectorAll(".js-plotly-plot")).map((el) => ({
    traces: (el.data || []).map((t) => ({
      type: t.type ?? null, name: t.name ?? null, orientation: t.orientation ?? null,
      x: plain(t.x), y: plain(t.y), xaxis: t.xaxis ?? "x", yaxis: t.yaxis ?? "y",
      role: (t.meta && t.meta.role) ?? null,
    })),
    subtitle: (el.layout && el.layout.title && el.layout.title.subtitle && el.layout.title.subtitle.text) ?? null,
    notes: ((el.layout && el.layout.annotations) || []).filter((a) => a.name === "source_note").map((a) => a.text),
    axes: Object.fromEntries(Object.keys(el.layout || {}).filter((k) => /^[xy]axis\\d*$/.test(k))
      .map((k) => [k, el.layout[k].type ?? null])),
  }));
}
"""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Debian's Chromium; skipped with a message when missing, except in CI (CI=true), where it fails."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    unavailable(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium)")


def unavailable(message: str) -> None:
    """Skip a test for what this machine lacks, with `message`, except in CI (CI=true), where it fails."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true, so the browser tests may not be skipped", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def haproxy() -> Path:
    """Debian's HAProxy (what `make serve` runs); else as `unavailable`."""
    from ecodash.serving import HaproxyMissing, find_haproxy

    try:
        return find_haproxy()
    except HaproxyMissing as error:
        unavailable(str(error))


@pytest.fixture(scope="session")
def image_export() -> None:
    """Chart images can be written (kaleido with Chromium); else as `unavailable`."""
    from ecodash.charts import images

    reason = images.available()
    if reason is not None:
        unavailable(f"image export unavailable: {reason}")


@contextlib.contextmanager
def streamlit_server(env: dict[str, str] | None = None, *, log_name: str = "streamlit-server.log") -> Iterator[str]:
    """Serve app.py the way a user does (`streamlit run`) on a free port, with `env` added to the environment
    (ECODASH_DATA_DIR: another data folder); yield its base URL, stop it at the end."""
    port = _free_port()
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    log_path = ARTIFACTS_DIR / log_name
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _healthy(f"{base_url}/_stcore/health"):
            if server.poll() is not None:
                pytest.fail(f"streamlit exited with code {server.returncode}:\n{log_path.read_text()}", pytrace=False)
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit was not healthy after {SERVER_START_TIMEOUT_S} s:\n{log_path.read_text()}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url(chromium_executable: Path) -> Iterator[str]:
    """The app on the curated data, one server for the session."""
    with streamlit_server() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright, chromium_executable: Path) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class App:
    """A page of the running dashboard, with the waits and reads Streamlit needs."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.page_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.set_default_timeout(APP_TIMEOUT_MS)

    def goto(self, path: str, *, chart: bool = False) -> Page:
        """Open a page of the app and wait until its first run is drawn (every page starts with a title)."""
        self.page.goto(self.base_url + path)
        self.page.locator("[data-testid='stMain'] h1").first.wait_for()
        self.wait_idle(chart=chart)
        return self.page

    def wait_idle(self, *, chart: bool = False, settle_ms: int = 250) -> None:
        for attempt in range(3):
            try:
                self.page.wait_for_selector("[data-testid='stAppViewContainer']")
                self.page.evaluate("window.__ecodashIdleSince = undefined")
                self.page.wait_for_function(_IDLE_JS, arg=settle_ms, polling=50, timeout=APP_TIMEOUT_MS)
                break
            except PlaywrightError as error:  # the app reloaded itself (a ?theme= link): wait on the new page
                if "context was destroyed" not in str(error) or attempt == 2:
                    raise
                self.page.wait_for_load_state()
        if chart:
            self.page.wait_for_selector(".js-plotly-plot .main-svg")

    def wait_for_query(self, predicate, *, chart: bool = False) -> dict[str, list[str]]:
        """Wait until the app has written a query string that satisfies predicate(query), then until it is idle."""
        self.page.wait_for_url(lambda url: predicate(parse_qs(urlsplit(url).query)))
        self.wait_idle(chart=chart)
        return self.query()

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def charts(self) -> list[dict]:
        return self.page.evaluate(_CHARTS_JS)

    def bars(self, chart_index: int = 0) -> list[tuple[str, str, float]]:
        """(trace name, category, value) of every drawn bar, in trace order; legend-only traces are left out."""
        drawn = []
        for trace in self.charts()[chart_index]["traces"]:
            if trace["type"] != "bar":
                continue
            categories, values = (trace["y"], trace["x"]) if trace["orientation"] == "h" else (trace["x"], trace["y"])
            for category, value in zip(categories or [], values or [], strict=False):
                if category is not None and value is not None:
                    drawn.append((trace["name"], category, value))
        return drawn

    def widget(self, test_id: str, label: str) -> Locator:
        """The widget of kind test_id (stMultiSelect, stButtonGroup, stSelectbox…) whose label is exactly `label`."""
        label_pattern = re.compile(rf"^\s*{re.escape(label)}\s*$")
        return self.page.get_by_test_id(test_id).filter(
            has=self.page.get_by_test_id("stWidgetLabel").filter(has_text=label_pattern)
        )

    def chip_locator(self, label: str) -> Locator:
        return self.widget("stMultiSelect", label).locator("[data-tag] [title]")

    def chips(self, label: str) -> list[str]:
        """The selected options of a multiselect, as its chips show them."""
        return self.chip_locator(label).all_inner_texts()

    def segmented_locator(self, label: str) -> Locator:
        return self.widget("stButtonGroup", label).locator("button[aria-checked='true']")

    def segmented_choice(self, label: str) -> list[str]:
        """The selected option(s) of a segmented control."""
        return self.segmented_locator(label).all_inner_texts()

    def expect_selected_passage(self, fact_id: str, label: str, quote: re.Pattern) -> None:
        """After a click on a figure's source link: the Sources page has run and shows that figure's passage."""
        # `source` is written by the Sources page itself: once it is there, that page has run.
        self.wait_for_query(lambda query: query.get("fact") == [fact_id] and "source" in query)
        assert self.page.url.split("?")[0].endswith("/sources")
        title = self.page.get_by_test_id("stMarkdownContainer").filter(has_text="Selected figure")
        box = title.locator("xpath=ancestor::div[@data-testid='stVerticalBlock'][1]")
        expect(box).to_contain_text(label)
        expect(box.locator(".stMarkdownColoredBackground").filter(has_text=quote)).to_have_count(1)
        self.no_error_shown()

    def no_error_shown(self) -> None:
        """Neither a traceback, an exception element nor the app's own error box is on the page."""
        expect(self.page.locator("body")).not_to_contain_text("Traceback")
        expect(self.page.get_by_test_id("stException")).to_have_count(0)
        expect(self.page.get_by_test_id("stAlertContentError")).to_have_count(0)
        assert self.page_errors == []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _close(context, request: pytest.FixtureRequest, page: Page) -> None:
    """Close a context; when the test failed, keep a screenshot of where it stood for the person debugging."""
    report = getattr(request.node, "report_call", None)
    try:
        if report is not None and report.failed and not page.is_closed():
            FAILURES_DIR.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=FAILURES_DIR / f"{name}-{len(list(FAILURES_DIR.glob(name + '*')))}.png")
    finally:
        context.close()


@pytest.fixture
def new_app(browser: Browser, app_url: str, request: pytest.FixtureRequest) -> Iterator:
    """Opens independent browser contexts (each a new Streamlit session, like another person's browser)."""
    opened = []

    def open_app() -> App:
        context = browser.new_context(viewport=WIDE, accept_downloads=True, locale="en-GB")
        opened.append((context, App(context.new_page(), app_url)))
        return opened[-1][1]

    yield open_app
    for context, app in opened:
        _close(context, request, app.page)


@pytest.fixture
def app(new_app) -> App:
    """A fresh browser context and page for one test."""
    return new_app()


@pytest.fixture(scope="session")
def hostile_url(chromium_executable: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on tests/hostile.py's copy of the data (Markdown, HTML and script in every free-text field)."""
    import hostile

    data_dir = hostile.write(tmp_path_factory.mktemp("hostile-browser"))
    with streamlit_server({"ECODASH_DATA_DIR": str(data_dir)}, log_name="streamlit-hostile.log") as base_url:
        yield base_url


@pytest.fixture
def hostile_app(browser: Browser, hostile_url: str, request: pytest.FixtureRequest) -> Iterator[App]:
    """A fresh browser context and page on the hostile copy."""
    context = browser.new_context(viewport=WIDE, locale="en-GB")
    app = App(context.new_page(), hostile_url)
    yield app
    _close(context, request, app.page)
