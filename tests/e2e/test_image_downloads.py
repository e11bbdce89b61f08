"""Chart images in a browser: the Compare chart's PNG and SVG buttons download files that carry its source."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image  # installed with Streamlit: an independent reader of the PNG's text chunks

import ecodash
from ecodash.charts import images
from ecodash.i18n import t

pytestmark = pytest.mark.e2e

# The drawn chart's title and in-figure footnote, as plotly holds them in the page.
_FIGURE_TEXT_JS = """
() => {
  const el = document.querySelector(".js-plotly-plot");
  const notes = (el.layout.annotations || []).filter((a) => a.name === "source_note").map((a) => a.text);
  return {title: el.layout.title.text, note: notes[0]};
}
"""


def squash(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def plain(text: str) -> str:
    """Plotly's pseudo-HTML as the reader sees it (line breaks as spaces, entities decoded), squashed."""
    return squash(html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", text))))


def _download(app, label: str):
    with app.page.expect_download() as download:
        app.page.get_by_role("button", name=label).click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def test_compare_chart_downloads_png_and_svg_that_carry_the_source(app, image_export):
    app.goto("/compare?indicators=grant_cap_per_recipient", chart=True)  # two regions report it: a chart
    drawn = app.page.evaluate(_FIGURE_TEXT_JS)
    footnote = plain(drawn["note"])
    # the footnote names the dataset's sources: it is the source line, not an empty note
    prefix = t("chart.source", sources="")
    titles = ecodash.load_dataset(ecodash.default_data_dir()).sources["title"]
    assert prefix.strip() in footnote and any(squash(title) in footnote for title in titles)

    png_name, png = _download(app, t("images.png"))
    svg_name, svg = _download(app, t("images.svg"))

    today = date.today().isoformat()
    assert re.fullmatch(rf"ecodash-compare-[a-z0-9-]+-{today}\.png", png_name), png_name
    assert svg_name == png_name.removesuffix(".png") + ".svg"

    Image.open(io.BytesIO(png)).verify()
    meta = Image.open(io.BytesIO(png)).text
    assert squash(meta["Source"]) == footnote
    assert meta["Title"] == plain(drawn["title"])
    width, height = Image.open(io.BytesIO(png)).size
    assert width == 2 * images.EXPORT_WIDTH_PX and height >= 800

    root = ET.fromstring(svg)
    drawn_text = [squash("".join(node.itertext())) for node in root.iter("{http://www.w3.org/2000/svg}tspan")]
    drawn_text += [squash("".join(node.itertext())) for node in root.iter("{http://www.w3.org/2000/svg}text")]
    for line in drawn["note"].split("<br>"):
        assert plain(line) in drawn_text, f"footnote line not drawn in the SVG: {plain(line)!r}"
    assert plain(drawn["title"]) in drawn_text
    assert squash(root.find("{http://www.w3.org/2000/svg}desc").text).endswith(footnote)
    app.no_error_shown()
