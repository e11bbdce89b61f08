"""Like with like in a browser: unlike figures on separate axes with the difference written in the image,
and the per-million-inhabitants toggle, clicked and through deep links."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

GWANGJU_PER_YEAR_PER_MILLION_USD = 600e9 / 5 / 1422.44083333333 / 1_444_000 * 1e6  # ≈ 58.4 M USD
GUANGDONG_PER_YEAR_PER_MILLION_USD = 10e9 / 7.18984737402171 / 127_800_000 * 1e6  # ≈ 10.9 M USD


def _card(app, region_id: str):
    return app.page.locator(f"[class*='st-key-card_'][class*='_{region_id}']")


def test_a_target_and_a_budget_in_force_are_never_drawn_as_alike(app):
    app.goto("/compare?indicators=funding_per_year")
    expect(app.page.locator(".js-plotly-plot")).to_have_count(0)  # one region each: two figures, not a chart
    expect(_card(app, "guangdong")).to_contain_text("in force")
    expect(_card(app, "gwangju")).to_contain_text("≠ target")
    expect(app.page.get_by_test_id("stAlert").filter(has_text="Not alike")).to_have_count(0)  # said once, on the card
    app.no_error_shown()


def test_per_million_toggle_divides_by_the_cited_population_and_stays_in_the_url(app, new_app):
    app.goto("/compare?indicators=funding_per_year")
    app.page.get_by_test_id("stButtonGroup").get_by_role("radio", name="Per million inhabitants").click()
    query = app.wait_for_query(lambda q: q.get("per") == ["million"])
    expect(_card(app, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    expect(_card(app, "guangdong")).to_contain_text(f"{GUANGDONG_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    table = app.page.get_by_test_id("stDataFrame")
    expect(table).to_have_count(1)

    shared_url = app.page.url
    assert "per=million" in shared_url and query["per"] == ["million"]
    other = new_app()
    other.goto(shared_url.removeprefix(other.base_url))
    expect(
        other.page.get_by_test_id("stButtonGroup").locator("button[aria-checked='true']").filter(has_text="Per million")
    ).to_have_count(1)
    expect(_card(other, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    other.no_error_shown()


def test_funding_deep_link_per_million_leaves_out_caps_and_says_why(app):
    page = app.goto("/funding?view=per_recipient&per=million", chart=True)
    expect(
        page.get_by_test_id("stButtonGroup").locator("button[aria-checked='true']").filter(has_text="Per million")
    ).to_have_count(1)
    expect(page.get_by_text("Not shown per inhabitant", exact=False)).to_be_visible()
    assert not app.bars(), "a cap per recipient is never divided by population"
    app.goto("/funding?view=per_year&per=million")
    expect(_card(app, "guangdong")).to_contain_text(f"{GUANGDONG_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    expect(_card(app, "gwangju")).to_contain_text(f"{GWANGJU_PER_YEAR_PER_MILLION_USD / 1e6:.1f} M USD/yr per M")
    app.no_error_shown()


# --- no overlapping text: every chart drawn by plotly.js in Chromium, its SVG text boxes compared ----------

CHART_WIDTH_PX = 1120
"""The chart's width on a 1280x720 screen (the page's content column)."""
_TEXT_BOXES = """(div) => [...div.querySelectorAll('svg text')].filter(el => {
  if (!el.textContent.trim() || el.closest('.hoverlayer')) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none' || style.opacity === '0') return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}).map(el => { const r = el.getBoundingClientRect();
  return {text: el.textContent.slice(0, 50), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })"""


@pytest.fixture(scope="module")
def plotly_page(browser):
    from pathlib import Path

    import plotly

    page = browser.new_page(viewport={"width": CHART_WIDTH_PX + 100, "height": 900})
    page.set_content("<div id='chart'></div>")
    page.add_script_tag(path=str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js"))
    yield page
    page.close()


def _overlaps(page, figure, width: int = CHART_WIDTH_PX) -> list[tuple[str, str]]:
    import itertools
    import json

    import plotly.io as pio

    spec = json.loads(pio.to_json(figure))
    page.evaluate(
        "([fig, w]) => Plotly.newPlot(document.getElementById('chart'), fig.data, {...fig.layout, width: w})",
        [spec, width],
    )
    boxes = page.evaluate(_TEXT_BOXES, page.query_selector("#chart"))
    assert len(boxes) >= 3, "the chart's texts were read (title, subtitle, footnote at least)"
    return [
        (a["text"], b["text"])
        for a, b in itertools.combinations(boxes, 2)
        if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 1 and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > 1
    ]


def _figures(ds) -> dict[str, object]:
    from ecodash import views

    regions = ds.focus_region_ids()
    everything = [*ds.indicators["indicator_id"], "funding_per_year"]
    found = {
        "compare": views.compare_view(ds, region_ids=regions, indicator_ids=["funding_per_year", "compute_capacity"]),
        "compare-all-log": views.compare_view(ds, region_ids=regions, indicator_ids=everything, scale="log"),
        "compare-per-million": views.compare_view(
            ds, region_ids=regions, indicator_ids=["funding_per_year"], per_million=True
        ),
        "compare-caps": views.compare_view(ds, region_ids=regions, indicator_ids=["grant_cap_per_recipient"]),
        "funding": views.funding_view(ds, view="per_year"),
        "funding-caps": views.funding_view(ds, view="per_recipient"),
        "timeline": views.timeline_view(ds, region_id=str(ds.events["region_id"].value_counts().idxmax())),
    }
    return {name: view.figure for name, view in found.items()}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_two_texts_of_a_chart_overlap(plotly_page, dataset, language):
    """Value labels, 'not reported' marks, ticks, panel titles and the footnote, at 1280x720's chart width."""
    from ecodash import i18n

    with i18n.use(language):
        figures = _figures(dataset)
    faults = {name: found for name, fig in figures.items() if (found := _overlaps(plotly_page, fig))}
    assert not faults, faults


def test_no_two_texts_overlap_at_ten_thousand_facts(plotly_page, tmp_path_factory):
    """Six bars a panel, long labels ('target ~364 bn USD / year'): labels wrap, dense panels take a row."""
    import importlib.util
    from pathlib import Path

    import ecodash
    from ecodash import i18n

    path = Path(__file__).parents[2] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    ds = ecodash.load_dataset(generate.generate(10_000, tmp_path_factory.mktemp("big"), check=False))
    for language in ("en", "fr"):
        with i18n.use(language):
            figures = _figures(ds)
        faults = {name: found for name, fig in figures.items() if (found := _overlaps(plotly_page, fig))}
        assert not faults, (language, faults)
