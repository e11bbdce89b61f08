"""Present mode in a browser at 1280x720: a shared link opens into the slides, arrow keys step through them,
Esc leaves; screenshots of three slides for people to look at (test-artifacts/screenshots/presentation-*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS_DIR = ROOT / "test-artifacts" / "screenshots"
SCREEN = {"width": 1280, "height": 720}
THREE = "compare.indicators-ai_talent_trained~funding.view-per_recipient~profile.region-shanghai"
TABLE = "overview.row-funding"


@pytest.fixture
def screen(app):
    """The app in a browser at 1280x720, the size of a shared projector screen."""
    app.page.set_viewport_size(SCREEN)
    return app


def _counter(app):
    return app.page.get_by_test_id("stMarkdownContainer").filter(has_text="Slide ").first


def _heading(app):
    return app.page.locator("[data-testid='stMain'] h1").first


def _shot(app, name: str) -> None:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"presentation-{name}-1280x720.png"
    path.unlink(missing_ok=True)
    app.page.screenshot(path=path)
    assert path.stat().st_size > 20_000, f"{path} looks empty"


def test_arrow_keys_step_through_a_shared_sequence(screen):
    app = screen
    app.goto(f"/?present=1&slides={THREE}", chart=True)
    expect(_counter(app)).to_have_text("Slide 1 / 3")
    expect(_heading(app)).to_have_text("AI talent trained")
    expect(app.page.get_by_role("link", name="Compare")).to_have_count(0)  # no navigation chrome
    expect(app.page.get_by_test_id("stMultiSelect")).to_have_count(0)  # no controls
    _shot(app, "slide-1")

    app.page.keyboard.press("ArrowRight")
    app.wait_for_query(lambda q: q.get("slide") == ["2"], chart=True)
    expect(_counter(app)).to_have_text("Slide 2 / 3")
    expect(_heading(app)).to_have_text("Grant caps per recipient")
    _shot(app, "slide-2")

    app.page.keyboard.press("ArrowRight")
    app.wait_for_query(lambda q: q.get("slide") == ["3"], chart=True)
    expect(_counter(app)).to_have_text("Slide 3 / 3")
    expect(_heading(app)).to_have_text("Shanghai: events and target years")
    _shot(app, "slide-3")

    app.page.keyboard.press("ArrowLeft")
    app.wait_for_query(lambda q: q.get("slide") == ["2"], chart=True)
    expect(_heading(app)).to_have_text("Grant caps per recipient")
    assert app.query()["slides"] == [THREE], "the address bar still holds the whole sequence"
    app.no_error_shown()


def test_esc_leaves_present_mode_and_the_sequence_stays_in_the_url(screen):
    app = screen
    app.goto(f"/compare?present=1&slides={THREE}", chart=True)
    app.page.keyboard.press("Escape")
    app.wait_for_query(lambda q: "present" not in q)
    expect(_heading(app)).to_have_text("Compare")
    expect(app.page.get_by_test_id("stMultiSelect").first).to_be_visible()
    assert app.query()["slides"] == [THREE]
    app.no_error_shown()


def test_add_to_slides_then_present(screen):
    app = screen
    app.goto("/funding?view=per_recipient", chart=True)
    app.page.get_by_role("button", name="Add to slides").click()
    app.wait_for_query(lambda q: q.get("slides") == ["funding.view-per_recipient"], chart=True)
    app.page.get_by_test_id("stCheckbox").filter(has_text="Present").locator("label").click()
    app.wait_for_query(lambda q: q.get("present") == ["1"], chart=True)
    expect(_counter(app)).to_have_text("Slide 1 / 1")
    expect(_heading(app)).to_have_text("Grant caps per recipient")
    app.no_error_shown()


def test_present_from_compare_whose_controls_rerun_alone(screen):
    """Compare's controls live in a fragment (a change reruns only them): its Present switch must still open
    present mode, which needs the whole app to rerun."""
    app = screen
    app.goto("/compare?indicators=grant_cap_per_recipient", chart=True)  # two regions' caps: a chart
    app.page.get_by_role("button", name="Options").click()  # scale is in the Options popover
    app.widget("stButtonGroup", "Scale").get_by_role("radio", name="log").click()  # a fragment rerun first
    app.wait_for_query(lambda q: q.get("scale") == ["log"], chart=True)
    app.page.keyboard.press("Escape")
    app.page.get_by_role("button", name="Add to slides").click()
    app.wait_for_query(
        lambda q: (
            len(q.get("slides", [])) == 1
            and "scale-log" in q["slides"][0]
            and "indicators-grant_cap_per_recipient" in q["slides"][0]
        ),
        chart=True,
    )
    app.page.get_by_test_id("stCheckbox").filter(has_text="Present").locator("label").click()
    app.wait_for_query(lambda q: q.get("present") == ["1"], chart=True)
    expect(_counter(app)).to_have_text("Slide 1 / 1")
    expect(app.page.get_by_test_id("stButtonGroup")).to_have_count(0)  # present mode: no controls
    assert app.charts()[0]["axes"]["yaxis"] == "log"
    app.no_error_shown()


def test_an_overview_row_slide_is_a_readable_table(screen):
    app = screen
    app.goto(f"/?present=1&slides={TABLE}")
    expect(_heading(app)).to_have_text("Funding per year")
    expect(app.page.get_by_test_id("stTable")).to_contain_text("Guangdong")
    _shot(app, "overview-row")
    app.no_error_shown()


@pytest.mark.parametrize(
    ("name", "slides_text", "heading", "shown"),
    [
        (
            "pillar-region",
            "pillars.pillar-compute_infrastructure",
            "Compute & data infrastructure — All focus regions",
            "nothing said",
        ),
        ("pillar-grid", "pillars", "All pillars — All focus regions", "Market & demand"),
        ("figure", "sources.fact-gj_compute_capacity", "Gwangju: AI compute capacity", "88,5 pétaflops"),
    ],
)
def test_pillar_and_figure_slides(screen, name, slides_text, heading, shown):
    app = screen
    app.goto(f"/?present=1&slides={slides_text}")
    expect(_heading(app)).to_have_text(heading)
    expect(app.page.get_by_test_id("stMain")).to_contain_text(shown)
    _shot(app, name)
    app.no_error_shown()
