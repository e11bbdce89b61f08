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
    """Three slides, four screens: talent's two figures of two kinds as cards, the caps' single figure as a card then
    its chart of two, then the timeline."""
    app = screen
    app.goto(f"/?present=1&slides={THREE}")
    expect(_counter(app)).to_have_text("Slide 1 / 4")
    expect(app.page.locator("[class*='st-key-present_card_']")).to_have_count(2)
    assert not app.charts(), "two single figures: cards, not two one-bar panels"
    expect(_heading(app)).to_have_text("AI talent trained")
    expect(app.page.get_by_role("link", name="Compare")).to_have_count(0)  # no navigation chrome
    expect(app.page.get_by_test_id("stMultiSelect")).to_have_count(0)  # no controls
    _shot(app, "slide-1")
    headings = ["Grant caps per recipient", "Grant caps per recipient", "Shanghai: events and target years"]
    for number, heading in enumerate(headings, start=2):
        app.page.keyboard.press("ArrowRight")
        app.wait_for_query(lambda q, n=number: q.get("slide") == [str(n)], chart=number > 2)
        expect(_counter(app)).to_have_text(f"Slide {number} / 4")
        expect(_heading(app)).to_have_text(heading)
        if number == 3:
            _shot(app, "slide-3")

    app.page.keyboard.press("ArrowLeft")
    app.wait_for_query(lambda q: q.get("slide") == ["3"], chart=True)
    expect(_heading(app)).to_have_text("Grant caps per recipient")
    assert app.query()["slides"] == [THREE], "the address bar still holds the whole sequence"
    app.no_error_shown()


def test_esc_leaves_present_mode_and_the_sequence_stays_in_the_url(screen):
    app = screen
    app.goto(f"/compare?present=1&slides={THREE}")
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
    app.wait_for_query(lambda q: q.get("present") == ["1"])
    expect(_counter(app)).to_have_text("Slide 1 / 2")  # one slide: its single figure as a card, then its chart
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
    app.wait_for_query(lambda q: q.get("present") == ["1"])
    expect(_counter(app)).to_have_text("Slide 1 / 2")  # its single figure as a card, then its chart
    expect(app.page.get_by_test_id("stButtonGroup")).to_have_count(0)  # present mode: no controls
    app.page.keyboard.press("ArrowRight")
    app.wait_for_query(lambda q: q.get("slide") == ["2"], chart=True)
    assert app.charts()[0]["axes"]["yaxis"] == "log"
    app.no_error_shown()


def test_an_overview_row_slide_is_a_row_of_figure_cards(screen):
    app = screen
    app.goto(f"/?present=1&slides={TABLE}")
    expect(_heading(app)).to_have_text("Funding per year")
    expect(app.page.get_by_test_id("stTable")).to_have_count(0)
    card = app.page.locator(".st-key-present_card_0")
    expect(card).to_contain_text("Guangdong")
    expect(card).to_contain_text("1.39 bn USD/yr")
    box = card.bounding_box()
    assert box["width"] > 500 and box["height"] > 200, f"a card fills its half of the screen, not a table row: {box}"
    _shot(app, "overview-row")
    app.no_error_shown()


@pytest.mark.parametrize(
    ("name", "slides_text", "heading", "shown"),
    [
        (
            "pillar-region",
            "pillars.pillar-compute_infrastructure",
            "Computing infrastructure — All focus regions",
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


# --- every screen of a present=1 view fits 1280x720, in English and French -----------------------------------

ALL_INDICATORS = (
    "funding_per_year,grant_cap_per_recipient,funding_annual,funding_cumulative,investment_multi_year,"
    "open_source_communities_funded,llm_use_cases_funded,manufacturers_adopting_ai,sector_benchmark_models,"
    "flagship_intelligent_products,demonstration_scenarios,demo_factories,full_service_providers,"
    "registered_large_models,connected_industrial_devices,ai_professionals_national_share,"
    "manufacturing_value_added_world_share,open_source_derivative_models,"
    "public_test_infrastructures,compute_capacity,compute_centre_world_rank,projects_supported,"
    "commercial_ai_services,ai_talent_trained,startups_supported,country_ai_rank,market_population,"
    "service_robot_exhibitors,service_robot_exhibitors_local,province_population_rank,provincial_economy_rank,"
    "open_source_ecosystem_world_rank"
)
"""Every indicator of the curated data (views.indicator_names), funding_per_year included."""
PRESENTED = {
    "compare-all": f"/compare?present=1&indicators={ALL_INDICATORS}",
    "funding": "/funding?present=1",
    "funding-per-recipient": "/funding?present=1&view=per_recipient",
    "overview-row": "/?present=1&slides=overview.row-other",
    "pillars": "/pillars?present=1",
}
SHOT = {"compare-all": 2, "funding": 1, "funding-per-recipient": 2, "overview-row": 1, "pillars": 1}
"""The screen of each view saved as a screenshot (five slides a language): Compare's second is of another kind."""

# What a screen must hold to be read from the back of a room: everything above the fold, the takeaway in two
# lines, no two texts of a chart over each other (empty texts and zero-size boxes aside).
_SCREEN_JS = """
() => {
  const bottom = (sel) => Math.max(0, ...Array.from(document.querySelectorAll(sel))
    .map((el) => el.getBoundingClientRect().bottom));
  const takeaway = document.querySelector(".st-key-present_takeaway p");
  const lines = takeaway ? takeaway.getBoundingClientRect().height / parseFloat(getComputedStyle(takeaway).lineHeight) : 0;
  const overlaps = [];
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const boxes = Array.from(plot.querySelectorAll("svg text"))
      .filter((el) => el.textContent.trim() && getComputedStyle(el).visibility !== "hidden")
      .map((el) => [el.textContent.trim(), el.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0 && r.height > 0);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, q] = boxes[j];
      const dx = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const dy = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (dx > 1 && dy > 1) overlaps.push(`${a} × ${b}`);
    }
  }
  return {
    chart: bottom(".js-plotly-plot"),
    cards: bottom("[class*='st-key-present_card_']"),
    table: bottom("[data-testid='stTable']"),
    source: bottom(".st-key-present_source"),
    lines, overlaps,
    counter: document.querySelector(".st-key-present_counter").innerText.trim(),
  };
}
"""


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", list(PRESENTED))
def test_every_screen_of_a_presented_view_fits_the_shared_screen(screen, name, language):
    app = screen
    app.goto(f"{PRESENTED[name]}&lang={language}")
    total = int(app.page.evaluate(_SCREEN_JS)["counter"].split("/")[1])
    assert total >= 1
    for number in range(1, total + 1):
        if number > 1:
            app.page.keyboard.press("ArrowRight")
            app.wait_for_query(lambda q, n=number: q.get("slide") == [str(n)])
        found = app.page.evaluate(_SCREEN_JS)
        where = f"{name} ({language}), screen {number}/{total}: {found['counter']}"
        assert found["counter"].endswith(f"{number} / {total}"), where
        for part in ("chart", "cards", "table", "source"):
            assert found[part] <= SCREEN["height"], f"{where}: the {part} ends at {found[part]:.0f} px"
        assert found["lines"] <= 2.2, f"{where}: the takeaway takes {found['lines']:.1f} lines"
        assert not found["overlaps"], f"{where}: texts over each other: {found['overlaps']}"
        if number == SHOT[name]:
            _shot(app, f"{name}-{language}")
    app.no_error_shown()


@pytest.mark.parametrize(
    ("language", "count", "labels"),
    [
        ("en", "Slides: 3", ("Up", "Down", "Remove")),
        ("fr", "Diapositives\u00a0: 3", ("Monter", "Descendre", "Retirer")),
    ],
)
def test_the_slide_list_names_pages_and_no_button_label_is_cut(screen, language, count, labels):
    app = screen
    # Funding per year is cards (no chart to wait for)
    app.goto(f"/funding?slides=funding.view-per_recipient~profile.region-shanghai~pillars&lang={language}")
    app.page.get_by_role("button", name=count).click()
    dialog = app.page.get_by_test_id("stPopoverBody")
    expect(dialog).to_contain_text("2. Region profile — Shanghai" if language == "en" else "2. Fiche région – Shanghai")
    for label in labels:
        expect(dialog.get_by_role("button", name=label)).to_have_count(3)
    cut = dialog.locator("button").evaluate_all(
        "(buttons) => buttons.filter((b) => b.scrollWidth > b.clientWidth"
        " || Array.from(b.querySelectorAll('p, span, div')).some((e) => e.scrollWidth > e.clientWidth))"
        ".map((b) => b.innerText)"
    )
    assert not cut, f"labels cut: {cut}"
    _shot(app, f"slide-list-{language}")
    app.no_error_shown()
