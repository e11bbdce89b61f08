"""At 1280×720 (a shared screen), in English and French, light and dark: each page's first comparison (a figure
card or a chart) starts in the upper half of the screen, below the page's title and its controls."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

FIRST_COMPARISON = """() => {
  const found = [...document.querySelectorAll("[class*='st-key-card_'], [class*='st-key-cell_'], .js-plotly-plot")]
    .map((el) => el.getBoundingClientRect()).filter((box) => box.height > 0);
  return found.length ? Math.min(...found.map((box) => box.top)) : null;
}"""
PAGES = {"compare": "/compare", "overview": "/", "funding": "/funding"}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", list(PAGES))
def test_the_first_comparison_starts_above_360_px(app, page, lang, theme):
    app.page.set_viewport_size({"width": 1280, "height": 720})
    app.goto(f"{PAGES[page]}?lang={lang}&theme={theme}")
    app.wait_idle()
    top = app.page.evaluate(FIRST_COMPARISON)
    app.page.screenshot(path=f"test-artifacts/screenshots/fold-{page}-{lang}-{theme}-1280x720.png")
    assert top is not None, "the page shows a card or a chart"
    assert top < 360, f"{page} ({lang}, {theme}): the first card or chart starts at {top:.0f} px"
    app.no_error_shown()


@pytest.mark.parametrize("path", ["/compare?indicators=grant_cap_per_recipient", "/funding?view=per_recipient"])
def test_every_chart_has_a_text_alternative(app, path):
    app.goto(path, chart=True)
    labels = app.page.evaluate(
        "() => [...document.querySelectorAll(\"[data-testid='stPlotlyChart']\")].map((el) => el.getAttribute('aria-label'))"
    )
    assert labels and all(label and "Guangdong" in label and "Shanghai" in label for label in labels), labels
