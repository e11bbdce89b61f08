"""Hostile text in a real browser: the app served on tests/hostile.py's copy (script, img onerror, javascript: links,
Markdown and HTML in every free-text field). On every page nothing from the data becomes an element (in the app and
in plotly's SVG), no script runs and no dialog opens, and the hostile strings read back as literal text.
Screenshots: test-artifacts/hostile/."""

from __future__ import annotations

from pathlib import Path

import pytest

import hostile

pytestmark = pytest.mark.e2e

SHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "hostile"
PAGES = {
    "overview": "/",
    "compare": "/compare",
    "profile": "/profile",
    "profile-city": "/profile?region=portville",
    "funding": "/funding",
    "funding-totals": "/funding?view=total",
    "pillars": "/pillars",
    "sources": "/sources?fact=nl_annual",
    "data": "/data",
    "add-article": "/add-article",
    "your-data": "/your-data",
    "present": "/compare?present=1",
    "present-timeline": "/profile?present=1",
}
CHARTS_WITH_DATA_TEXT = {"profile", "profile-city", "present-timeline"}
"""Pages whose chart draws region or indicator names (the funding totals view of this copy draws nothing; Compare
and Funding, on the page and on a slide, show this copy's single figures as cards, whose text is checked with the
page's; a timeline slide draws them in its chart)."""
NO_DATA_TEXT = {"add-article", "your-data"}
"""Pages that show no data text before the reader acts (they are still checked for elements and scripts)."""

# Elements the data would create if any of its text were interpreted, in the app's DOM and in plotly's SVG.
_CREATED_JS = """
() => {
  const found = [];
  const add = (what, nodes) => { if (nodes.length) found.push(`${what}: ${nodes.length}`); };
  add("img[src=x]", document.querySelectorAll("img[src='x']"));
  add("remote img", document.querySelectorAll("img[src*='example.com']"));
  add("link to example.com", document.querySelectorAll("a[href*='example.com']"));
  add("javascript: link", document.querySelectorAll("a[href^='javascript:'], a[*|href^='javascript:']"));
  add("script from data", Array.from(document.scripts).filter((s) => s.textContent.includes("__pwned")));
  add("<b>b</b>", Array.from(document.querySelectorAll("b")).filter((b) => b.textContent === "b"));
  add("**bold** as strong", Array.from(document.querySelectorAll("strong")).filter((s) => s.textContent === "bold"));
  add("link text 'link' or 'a'", Array.from(document.querySelectorAll("a")).filter((a) => ["link", "a"].includes(a.textContent)));
  add("svg link", document.querySelectorAll(".js-plotly-plot svg a"));
  add("svg bold b", Array.from(document.querySelectorAll(".js-plotly-plot svg tspan"))
    .filter((t) => t.textContent === "b" && /bold/.test(t.getAttribute("style") || "")));
  return found;
}
"""


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_element_or_script_from_data(hostile_app, name: str, language: str):
    app, page = hostile_app, hostile_app.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    path = PAGES[name]
    app.goto(path + ("&" if "?" in path else "?") + f"lang={language}")
    if page.locator(".js-plotly-plot").count():
        app.wait_idle(chart=True)
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS_DIR / f"{name}-{language}.png")
    assert page.evaluate(_CREATED_JS) == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    app.no_error_shown()
    if name in NO_DATA_TEXT:
        return
    shown = page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")  # escape_markdown's joiners
    svg = "\n".join(page.locator(".js-plotly-plot .main-svg").all_text_contents())
    for piece in (
        hostile.SCRIPT,
        hostile.IMG,
        hostile.JS_LINK,
        hostile.REMOTE_IMAGE,
        hostile.BOLD,
        hostile.HTML_BOLD,
        hostile.HTML_LINK,
        hostile.ENTITIES,
    ):
        assert piece in shown, (
            f"{piece!r} is not shown literally on {name}: {[shown[max(0, i - 60) : i + 60] for i in [shown.find(piece[:6])]]}"
        )
    if name in CHARTS_WITH_DATA_TEXT:  # names and labels inside plotly's SVG, as typed (wrapped lines joined)
        flat = svg.replace(" ", "")
        assert hostile.SCRIPT in flat and hostile.HTML_BOLD in flat, f"chart text on {name}"
