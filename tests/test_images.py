"""Chart images: meaningful file names; PNG and SVG that carry title and source, in the picture and as metadata."""

from __future__ import annotations

import io
import os
import struct
import threading
import xml.etree.ElementTree as ET
from datetime import date

import plotly.graph_objects as go
import pytest
from PIL import Image  # Pillow comes with Streamlit: an independent reader of the PNG chunks ecodash writes

from ecodash import charts
from ecodash.analysis import indicators, source_lines
from ecodash.charts import images
from ecodash.charts.layout import finish_figure
from ecodash.i18n import t, use

DAY = date(2026, 11, 21)
SVG_NS = "{http://www.w3.org/2000/svg}"


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the IHDR chunk."""
    return struct.unpack(">II", png[16:24])


def squash(text: str) -> str:
    """Whitespace runs as one space (the footnote is wrapped; SVG keeps non-breaking spaces)."""
    return " ".join(text.replace("\xa0", " ").split())


# --- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_ids", "expected"),
    [
        (["compute_capacity"], "ecodash-compare-gwangju-compute_capacity"),
        (
            ["funding_per_year", "compute_capacity"],
            "ecodash-compare-guangdong-gwangju-funding_per_year-compute_capacity",
        ),
    ],
)
def test_a_compare_image_is_named_after_the_regions_it_draws_not_those_chosen(dataset, indicator_ids, expected):
    """A Gwangju-only chart was saved as ecodash-compare-guangdong-zhejiang-shanghai-…: regions it does not draw."""
    from ecodash import views

    view = views.compare_view(dataset, region_ids=dataset.focus_region_ids(), indicator_ids=indicator_ids)
    assert not {"zhejiang", "shanghai", "vietnam"} & set(view.filename.split("-")), "they report neither indicator"
    assert view.filename == expected
    as_dict = view.figure.to_plotly_json()
    assert images.drawn_ids(as_dict, "indicator_id") == images.drawn_ids(view.figure, "indicator_id")


def test_file_name_says_what_the_image_shows():
    name = images.image_filename("compare", "Compute capacity", day=DAY)
    assert name == "ecodash-compare-compute-capacity-2026-11-21"


def test_file_name_folds_french_accents_and_drops_other_signs():
    name = images.image_filename("comparer", "Capacité de calcul (PFLOPS)", "Œuvre d’État — 广东", day=DAY)
    assert name == "ecodash-comparer-capacite-de-calcul-pflops-oeuvre-detat-2026-11-21"
    assert name.isascii() and "." not in name


def test_file_name_says_a_repeated_word_once_and_stays_short():
    assert images.image_filename("funding", "Funding per year", day=DAY) == "ecodash-funding-per-year-2026-11-21"
    assert images.image_filename("ecodash-compare", day=DAY) == "ecodash-compare-2026-11-21"
    long = images.image_filename("compare", *[f"indicator number {n}" for n in range(40)], day=DAY)
    stem = long.removesuffix("-2026-11-21")
    assert len(stem) <= images.MAX_NAME_CHARS and not stem.endswith("-") and long.endswith("-2026-11-21")


# --- text of a figure -------------------------------------------------------------------------


def figure(title: str, subtitle: str, source: str, *, height: int = 420) -> go.Figure:
    fig = go.Figure(go.Bar(x=["Guangdong", "Gwangju"], y=[3, 4]))
    fig.update_layout(height=height, margin={"b": 60})
    return finish_figure(fig, title=title, subtitle=subtitle, source_note=source)


@pytest.fixture(scope="module")
def source_line(dataset) -> str:
    """The source footnote of a chart drawn from every source: long enough to wrap, with accented titles."""
    return source_lines.source_note(dataset, dataset.sources["source_id"])


@pytest.fixture(scope="module")
def fig(source_line) -> go.Figure:
    # "≤" and "—" are not Latin-1: the PNG needs an iTXt chunk for them; "<b>" is data text, shown as typed
    return figure("Capacité de calcul ≤ 2026 <b>", "petaflops — World Bank rate", source_line)


def test_image_text_is_the_plain_title_subtitle_and_footnote(fig, source_line):
    text = images.image_text(fig)
    assert text["title"] == "Capacité de calcul ≤ 2026 <b>"
    assert text["subtitle"] == "petaflops — World Bank rate"
    assert squash(text["source"]) == squash(source_line)
    assert images.image_text(fig.to_dict()) == text  # a figure dict reads the same
    assert images.image_text(go.Figure())["source"] == ""


# --- PNG chunks (no browser needed) ------------------------------------------------------------


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_png_text_chunks_are_read_back_by_pillow_with_valid_crcs():
    entries = {"Title": "Capacité", "Source": "Source: « Le pari » — VietNamNet ≤ 2025", "Software": "ecodash"}
    png = images.add_png_text(tiny_png(), entries, dpi=192)
    Image.open(io.BytesIO(png)).verify()  # checks every chunk's CRC
    image = Image.open(io.BytesIO(png))
    assert image.text == entries
    assert image.size == (3, 2) and image.info["dpi"] == pytest.approx((192, 192), abs=0.01)
    assert b"tEXtTitle" in png and b"iTXtSource" in png  # Latin-1 as tEXt, the rest as UTF-8 iTXt


def test_png_text_needs_a_png_and_a_keyword():
    with pytest.raises(ValueError, match="not a PNG"):
        images.add_png_text(b"GIF89a", {"Title": "x"})
    with pytest.raises(ValueError, match="keyword"):
        images.png_text_chunk("", "x")


# --- availability -----------------------------------------------------------------------------


def test_without_chromium_the_reason_is_given_in_the_language_and_nothing_starts(monkeypatch, fig):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert images.available() == t("images.unavailable.chromium")
    with use("fr"):
        assert images.available() == t("images.unavailable.chromium", language="fr")
    with pytest.raises(images.ImageExportError, match="Chromium"):
        images.to_png(fig)


def test_a_chromium_that_failed_to_start_is_reported_for_a_while(monkeypatch):
    if images._chromium_path() is None:
        pytest.skip("no Chromium here")
    monkeypatch.setattr(images._RENDERER, "failed_start", (images.time.monotonic(), "BrowserFailedError: boom"))
    assert images.available() == t("images.unavailable.failed", error="BrowserFailedError: boom")
    monkeypatch.setattr(
        images._RENDERER,
        "failed_start",
        (images.time.monotonic() - images.FAILED_START_MEMORY_S - 1, "BrowserFailedError: boom"),
    )
    assert images.available() is None


def _chart_page():
    import plotly.graph_objects as go

    from ecodash.ui import draw

    figure = go.Figure(go.Bar(x=[1], y=[1]), layout={"title": {"text": "Capacité de calcul"}})
    draw.chart(figure, key="c", filename="ecodash-compare")


@pytest.mark.parametrize("browser_path", ["/usr/bin/chromium", "/nonexistent/chromium"])
def test_chart_offers_png_and_svg_buttons_off_with_the_reason_when_images_cannot_be_made(monkeypatch, browser_path):
    from streamlit.testing.v1 import AppTest

    if not os.path.exists(browser_path) and browser_path == "/usr/bin/chromium" and os.environ.get("CI") != "true":
        pytest.skip("Debian's Chromium is not installed here")
    monkeypatch.setenv("BROWSER_PATH", browser_path)
    reason = images.available()
    assert (reason is None) == (browser_path == "/usr/bin/chromium"), reason
    app = AppTest.from_function(_chart_page).run(timeout=30)
    assert not app.exception
    buttons = [button.proto for button in app.get("download_button")]
    assert [button.label for button in buttons] == [t("images.png"), t("images.svg")]
    assert [button.disabled for button in buttons] == [reason is not None] * 2
    assert [button.help for button in buttons] == [reason or t("images.png_help"), reason or t("images.svg_help")]
    # the modebar camera keeps its 2x PNG, named like the buttons' files: page, chart title, date
    config = app.get("plotly_chart")[0].proto.config
    name = images.image_filename("compare", "Capacité de calcul", day=date.today())
    assert '"format": "png", "scale": 2' in config and f'"filename": "{name}"' in config


# --- rendering (needs Chromium) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def renderer():
    reason = images.available()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"image export unavailable in CI: {reason}", pytrace=False)
        pytest.skip(reason)


def svg_texts(svg: bytes) -> list[str]:
    """Every run of drawn text (a <text> without lines, or each line of a multi-line one), squashed."""
    root = ET.fromstring(svg)
    found = []
    for node in root.iter(f"{SVG_NS}text"):
        lines = [line for line in node.iter(f"{SVG_NS}tspan") if "line" in (line.get("class") or "")]
        found += ["".join(line.itertext()) for line in lines] if lines else ["".join(node.itertext())]
    return [squash(text) for text in found]


def footnote_lines(fig) -> list[str]:
    note = next(a.text for a in fig.layout.annotations if a.name == "source_note")
    return [images.plain_text(line) for line in note.split("<br>")]


def test_png_is_twice_the_layout_size_and_carries_its_source(renderer, fig, source_line):
    png = images.to_png(fig)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png_size(png) == (2 * images.EXPORT_WIDTH_PX, 2 * fig.layout.height)
    Image.open(io.BytesIO(png)).verify()
    meta = Image.open(io.BytesIO(png)).text
    assert meta["Title"] == "Capacité de calcul ≤ 2026 <b>"
    assert meta["Description"] == "petaflops — World Bank rate"
    assert squash(source_line) in squash(meta["Source"])
    assert meta["Software"].startswith("ecodash")
    assert png_size(images.to_png(fig, scale=3, width=800)) == (2400, 3 * fig.layout.height)


def test_svg_draws_title_and_footnote_as_text_and_names_them(renderer, fig, source_line):
    svg = images.to_svg(fig)
    texts = svg_texts(svg)
    assert "Capacité de calcul ≤ 2026 <b>" in texts
    lines = footnote_lines(fig)
    assert len(lines) > 1 and all(line in texts for line in lines), "every footnote line is drawn as text"
    root = ET.fromstring(svg)
    assert root.find(f"{SVG_NS}title").text == "Capacité de calcul ≤ 2026 <b>"
    assert squash(source_line) in squash(root.find(f"{SVG_NS}desc").text)
    assert root.get("width") == str(images.EXPORT_WIDTH_PX)


def chart_kinds(dataset) -> dict[str, go.Figure]:
    """One figure of each chart kind, drawn the way the pages draw them."""
    long = indicators.comparison_long(dataset, region_ids=dataset.focus_region_ids())
    funding = indicators.funding_table(dataset)
    fx_label = "World Bank official rate (test)"
    note = source_lines.source_note(dataset, sorted(long["source_id"].dropna().unique()))
    compute = long.loc[long["indicator_id"] == "compute_capacity"]
    return {
        "bars": charts.comparison_bar_chart(
            compute,
            value_column="comparable_value",
            unit_label="PFLOPS",
            title="AI compute capacity",
            subtitle="PFLOPS",
            source_note=note,
        ),
        "small_multiples": charts.small_multiples(
            long.loc[long["indicator_id"].isin([indicators.FUNDING_PER_YEAR, "compute_capacity"])],
            value_column="comparable_value",
            title="Selected indicators",
            subtitle=f"US dollars — {fx_label}",
            source_note=note,
        ),
        "funding": charts.funding_chart(funding, view="per_year", fx_basis_label=fx_label, source_note=note),
        "timeline": charts.timeline_chart(dataset.events, title="Events", source_note=note),
    }


def test_every_chart_kind_draws_title_subtitle_and_footnote_in_the_image(renderer, dataset):
    for kind, chart in chart_kinds(dataset).items():
        texts = svg_texts(images.to_svg(chart))
        text = images.image_text(chart)
        assert text["title"] in texts and text["subtitle"] in texts, kind
        missing = [line for line in footnote_lines(chart) if line not in texts]
        assert not missing, f"{kind}: footnote lines not drawn: {missing}"


def test_concurrent_exports_each_get_their_own_image(renderer, source_line):
    """kaleido's own sync server can hand one caller another's image; one browser here, one future per call."""
    figures = [figure(f"Chart {n}", "s", source_line, height=300 + 40 * n) for n in range(4)]
    heights: dict[tuple[int, int], str] = {}

    def export(n: int, repeat: int) -> None:
        heights[n, repeat] = ET.fromstring(images.to_svg(figures[n])).get("height")

    threads = [threading.Thread(target=export, args=(n, r)) for n in range(4) for r in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert heights == {(n, r): str(figures[n].layout.height) for n in range(4) for r in range(3)}


def test_a_closed_renderer_starts_again_once_for_concurrent_callers(renderer, fig):
    images._RENDERER.close()
    starts = images._RENDERER.starts
    made: list[bytes] = []
    threads = [threading.Thread(target=lambda: made.append(images.to_svg(fig))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(made) == 3 and all(svg.startswith(b"<svg") for svg in made)
    assert images._RENDERER.starts == starts + 1


def test_png_metadata_comes_before_the_image_data(renderer, fig):
    """Readers that stop at the pixels still find title and source: the chunks follow IHDR."""
    png = images.to_png(fig)
    kinds, offset = [], 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset : offset + 8])
        kinds.append(kind)
        offset += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert kinds.index(b"iTXt") < kinds.index(b"IDAT") and kinds.index(b"pHYs") < kinds.index(b"IDAT")
