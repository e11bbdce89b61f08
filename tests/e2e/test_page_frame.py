"""The frame around every page in a browser at 1280x720: nothing is fetched from another host, the navigation
fits in both languages, and Region profile and Pillars show their first table or cell in the upper half."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from ecodash.ui.navigation import PAGE_SPECS

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1280, "height": 720}
FOLD_PX = 360
SCREENSHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Every nav item (a link or a menu) that is cut, narrower than its words or past the bar's right edge.
_NAV_CLIPPED_JS = """
() => {
  const nav = document.querySelector("[data-testid='stTopNav']");
  if (!nav) return ["no navigation bar"];
  const bar = nav.getBoundingClientRect();
  const out = [];
  if (nav.scrollWidth > nav.clientWidth + 1) out.push(`bar: ${nav.scrollWidth} > ${nav.clientWidth}`);
  for (const item of nav.querySelectorAll("[data-testid='stTopNavLink'], [data-testid='stTopNavSection']")) {
    const box = item.getBoundingClientRect();
    const words = item.textContent.trim();
    if (item.scrollWidth > item.clientWidth + 1) out.push(`${words}: cut (${item.scrollWidth} > ${item.clientWidth})`);
    if (box.right > Math.min(bar.right, window.innerWidth) - 4) out.push(`${words}: ends at ${box.right}`);
    for (const text of item.querySelectorAll("p, span")) {
      if (text.scrollWidth > text.clientWidth + 1) out.push(`${words}: its label is cut`);
    }
  }
  return out;
}
"""
# Every button label of the page cut short (an ellipsis or overflow).
_CUT_BUTTONS_JS = """
() => Array.from(document.querySelectorAll("[data-testid='stMain'] button, [data-testid='stMain'] [role='tab']"))
  .filter((b) => b.offsetParent !== null)
  .flatMap((b) => Array.from(b.querySelectorAll("p")).filter((p) => p.scrollWidth > p.clientWidth + 1)
    .map((p) => p.textContent.trim()))
"""


def _open(app, path: str, *, language: str = "en", theme: str = "light") -> None:
    joiner = "&" if "?" in path else "?"
    app.page.set_viewport_size(SCREEN)
    app.goto(f"{path}{joiner}lang={language}&theme={theme}&embed_options={theme}_theme")
    app.no_error_shown()


def test_a_page_load_asks_no_host_but_the_app(app):
    """Favicon, fonts, icons: every request of every page goes to the app itself (offline, and nothing about the
    reader reaches a third party)."""
    app_host = urlsplit(app.base_url).netloc
    elsewhere: list[str] = []
    app.page.on("request", lambda request: elsewhere.append(request.url))
    for spec in PAGE_SPECS.values():
        app.page.set_viewport_size(SCREEN)
        app.goto(f"/{spec.url_path}")
        app.no_error_shown()
        app.page.wait_for_timeout(500)  # the favicon is asked for after the page is drawn
    outside = sorted({url for url in elsewhere if urlsplit(url).netloc not in (app_host, "")})
    assert not [url for url in outside if not url.startswith(("data:", "blob:"))], outside
    href = app.page.locator("link[rel*='icon']").first.get_attribute("href") or ""
    assert not urlsplit(href).netloc or urlsplit(href).netloc == app_host, href


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_navigation_fits_at_1280(app, language):
    _open(app, "/pillars", language=language)
    assert app.page.evaluate(_NAV_CLIPPED_JS) == []
    menu = app.page.get_by_test_id("stTopNavSection")
    expect(menu).to_have_count(1)
    menu.click()
    for path in ("add-article", "your-data"):  # the Contribute menu's pages keep their URLs
        expect(
            app.page.get_by_test_id("stTopNavDropdownLink").and_(app.page.locator(f"a[href$='/{path}']"))
        ).to_be_visible()
    app.page.keyboard.press("Escape")


@pytest.mark.parametrize("path", ["/add-article", "/your-data"])
def test_the_pages_under_a_menu_keep_their_urls(app, path):
    _open(app, path, language="fr")
    expect(app.page.locator("[data-testid='stMain'] h1").first).to_be_visible()


FIRST = {
    "profile": "[data-testid='stMain'] [data-testid='stDataFrame']",
    "pillars": "[data-testid='stMain'] [class*='st-key-cell_']",
}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page", list(FIRST))
def test_the_first_table_or_cell_is_in_the_upper_half(new_app, page, language, theme):
    app = new_app()
    _open(app, f"/{page}", language=language, theme=theme)
    first = app.page.locator(FIRST[page]).first
    expect(first).to_be_visible()
    top = first.bounding_box()["y"]
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=SCREENSHOTS_DIR / f"{page}-fold-{language}-{theme}-1280x720.png")
    assert top < FOLD_PX, f"{page}: the first figures start at {top} px"
    assert app.page.evaluate(_CUT_BUTTONS_JS) == []
    assert app.page.evaluate(_NAV_CLIPPED_JS) == []


# The page title's words and the language/theme controls beside it: do their boxes meet?
_TITLE_MEETS_CONTROLS_JS = """
() => {
  const controls = document.querySelector(".st-key-app_controls");
  const title = document.querySelector("[data-testid='stMain'] h1");
  if (!controls || !title) return "no title or no controls";
  const c = controls.getBoundingClientRect();
  const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.left < c.right && c.left < r.right && r.top < c.bottom && c.top < r.bottom) return title.textContent;
    }
  }
  return null;
}
"""


def test_no_title_runs_under_the_language_and_theme_controls(app):
    for spec in PAGE_SPECS.values():
        _open(app, f"/{spec.url_path}", language="fr")
        assert app.page.evaluate(_TITLE_MEETS_CONTROLS_JS) is None, spec.url_path
