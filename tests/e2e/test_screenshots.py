"""Screenshots of every page, wide and at 1280x720, for people to look at (test-artifacts/screenshots/)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ecodash

pytestmark = pytest.mark.e2e

SCREENSHOTS_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGES = {
    "overview": ("/", False),
    "compare": ("/compare", True),
    # every indicator at once: the view where unlike figures are most likely to meet
    "compare-all": ("/compare?indicators=" + ",".join(["funding_per_year", *ecodash.load_dataset().indicators["indicator_id"]]), True),
    "compare-per-million": ("/compare?per=million", True),
    "profile": ("/profile", True),
    "funding": ("/funding", True),
    "funding-caps": ("/funding?view=per_recipient", True),
    "pillars": ("/pillars", False),
    "sources": ("/sources?fact=gj_compute_capacity", False),
    "data": ("/data", False),
}
MIN_PNG_BYTES = 20_000


@pytest.mark.parametrize("name", list(PAGES))
def test_screenshots(app, name):
    path, has_chart = PAGES[name]
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    shots = {"wide": None, "1280x720": {"width": 1280, "height": 720}}
    for suffix, viewport in shots.items():
        if viewport:
            app.page.set_viewport_size(viewport)
        app.goto(path, chart=has_chart)
        app.no_error_shown()
        target = SCREENSHOTS_DIR / f"{name}-{suffix}.png"
        target.unlink(missing_ok=True)
        app.page.screenshot(path=target)
        assert target.stat().st_size > MIN_PNG_BYTES, f"{target} looks empty"
