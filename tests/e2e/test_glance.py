"""The answer at a glance, checked in Chromium at the size a presenter shares (1280x720), in both languages and
themes: each page's first comparison is in the upper half of the screen, no two texts of a chart overlap, no
control label is cut off, and every chart has a text alternative."""

from __future__ import annotations

import pytest

import ecodash

pytestmark = pytest.mark.e2e

SCREEN = {"width": 1280, "height": 720}
UPPER_HALF_PX = SCREEN["height"] / 2
LANGUAGES_AND_THEMES = [(language, theme) for language in ("en", "fr") for theme in ("light", "dark")]
ALL_INDICATORS = ",".join(["funding_per_year", *ecodash.load_dataset().indicators["indicator_id"]])
PAGES = {  # name: (path, whether its first comparison must be in the upper half)
    "overview": ("/", True),
    "compare": ("/compare", True),
    "compare-all": (f"/compare?indicators={ALL_INDICATORS}", True),
    "compare-per-million": ("/compare?per=million", True),
    "funding": ("/funding", True),
    "funding-caps": ("/funding?view=per_recipient", True),
    "pillars": ("/pillars", True),
    "profile": ("/profile", True),
    "sources": ("/sources?fact=gj_compute_capacity", False),
    "data": ("/data", False),
}

# The first comparison on the page: a chart, a table, or a card (a bordered container) in the main column, outside
# expanders, popovers and the sidebar (a bordered callout such as st.info is not a card). Its top edge, in CSS pixels from the top of the viewport.
_FIRST_COMPARISON_TOP_JS = """
() => {
  const main = document.querySelector("[data-testid='stMain']");
  const candidates = main.querySelectorAll(
    "[data-testid='stPlotlyChart'], [data-testid='stDataFrame'], [data-testid='stTable'], [data-testid='stVerticalBlock']");
  let top = null;
  for (const el of candidates) {
    if (el.closest("[data-testid='stExpander'], [data-testid='stPopoverBody'], [data-testid='stSidebar']")) continue;
    // a card is a bordered container (st.container(border=True)); a plain vertical block is layout only
    if (el.dataset.testid === "stVerticalBlock" && !(parseFloat(getComputedStyle(el).borderTopWidth) > 0)) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (top === null || box.top < top) top = box.top;
  }
  return top;
}
"""

# Every pair of visible, non-empty SVG texts of a chart whose boxes intersect (by more than a pixel each way).
_OVERLAPS_JS = """
() => {
  const overlaps = [];
  document.querySelectorAll(".js-plotly-plot").forEach((plot, chart) => {
    const boxes = [];
    plot.querySelectorAll("svg text").forEach((el) => {
      const text = (el.textContent || "").trim();
      if (!text) return;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return;
      if (el.closest(".hoverlayer")) return;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) return;
      boxes.push({text, box});
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].box, b = boxes[j].box;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps.push([chart, boxes[i].text, boxes[j].text]);
      }
    }
  });
  return overlaps;
}
"""

# Buttons, tabs, navigation links and widget labels whose text does not fit (the browser cut it, with or without
# an ellipsis).
_TRUNCATED_JS = """
() => {
  const cut = [];
  const selector = "button, [role='tab'], [data-testid='stSidebarNavLink'], [data-testid='stTopNavLink'],"
    + " [data-testid='stWidgetLabel']";
  document.querySelectorAll(selector).forEach((control) => {
    if (control.closest(".js-plotly-plot, [data-testid='stDataFrame']")) return;
    const text = (control.innerText || "").trim();
    if (!text) return;
    const box = control.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    for (const el of [control, ...control.querySelectorAll("*")]) {
      const style = getComputedStyle(el);
      const clips = style.overflow !== "visible" || style.overflowX !== "visible" || style.textOverflow === "ellipsis";
      if (clips && el.scrollWidth > el.clientWidth + 1 && (el.innerText || "").trim()) {
        cut.push(text);
        return;
      }
    }
    const bar = control.closest("header, [data-testid='stHeader']");
    if (bar && box.right > bar.getBoundingClientRect().right + 1) cut.push(text);
  });
  return cut;
}
"""

# Controls of the page (buttons, toggles, popovers, labels) that the language and theme controls, drawn over the
# title line, cover.
_UNDER_APP_CONTROLS_JS = """
() => {
  const controls = document.querySelector(".st-key-app_controls");
  if (!controls) return [];
  const c = controls.getBoundingClientRect();
  const covered = [];
  document.querySelectorAll("[data-testid='stMain'] button, [data-testid='stMain'] label,"
      + " [data-testid='stMain'] [data-testid='stPopover']").forEach((el) => {
    if (controls.contains(el) || el.contains(controls)) return;
    const b = el.getBoundingClientRect();
    if (b.width === 0 || b.height === 0) return;
    const w = Math.min(b.right, c.right) - Math.max(b.left, c.left);
    const h = Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top);
    if (w > 1 && h > 1) covered.push((el.innerText || el.getAttribute("aria-label") || el.tagName).trim());
  });
  return covered;
}
"""

# Charts without an accessible name (st.plotly_chart's alt= sets aria-label on its figure element).
_UNNAMED_CHARTS_JS = """
() => Array.from(document.querySelectorAll("[data-testid='stPlotlyChart']"))
  .filter((el) => !(el.getAttribute("aria-label") || "").trim()).length
"""


def open_page(app, path: str, language: str, theme: str) -> None:
    joiner = "&" if "?" in path else "?"
    app.page.set_viewport_size(SCREEN)
    app.goto(f"{path}{joiner}lang={language}&theme={theme}&embed_options={theme}_theme")
    app.no_error_shown()


def overlapping_texts(app) -> list:
    return app.page.evaluate(_OVERLAPS_JS)


def page_failures(app, name: str, language: str, theme: str) -> list[str]:
    path, above_fold = PAGES[name]
    open_page(app, path, language, theme)
    if app.page.locator(".js-plotly-plot").count():
        app.page.wait_for_selector(".js-plotly-plot .main-svg")
    failures = []
    top = app.page.evaluate(_FIRST_COMPARISON_TOP_JS)
    if above_fold and (top is None or top >= UPPER_HALF_PX):
        failures.append(f"{name}: first comparison starts at {top} px (upper half ends at {UPPER_HALF_PX} px)")
    if overlaps := overlapping_texts(app):
        failures.append(f"{name}: overlapping chart texts {overlaps[:5]}")
    if cut := app.page.evaluate(_TRUNCATED_JS):
        failures.append(f"{name}: labels cut off {cut[:5]}")
    if covered := app.page.evaluate(_UNDER_APP_CONTROLS_JS):
        failures.append(f"{name}: under the language and theme controls {covered[:5]}")
    if unnamed := app.page.evaluate(_UNNAMED_CHARTS_JS):
        failures.append(f"{name}: {unnamed} chart(s) without a text alternative")
    return failures


@pytest.mark.parametrize(("language", "theme"), LANGUAGES_AND_THEMES)
def test_every_page_answers_in_the_first_screen(new_app, language, theme):
    app = new_app()
    failures = [f for name in PAGES for f in page_failures(app, name, language, theme)]
    assert not failures, "\n".join(failures)
