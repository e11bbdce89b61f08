"""Overview in a browser: one row per kind of figure, and a figure's link to its highlighted source sentence."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FOCUS_REGIONS = ["Guangdong", "Zhejiang", "Shanghai", "Gwangju", "Vietnam"]
GWANGJU_COMPUTE_QUOTE = re.compile(r"dispose d['’]une capacité de traitement de 88,5 pétaflops")


def _cell(app, row: str, region_id: str):
    """The overview cell of one row (funding, compute…) and one region: a container keyed cell_<row>_<region>."""
    return app.page.locator(f".st-key-cell_{row}_{region_id}")


def test_new_user_sees_five_regions_one_row_per_kind_and_no_error(app):
    page = app.goto("/")

    for region in FOCUS_REGIONS:
        expect(page.get_by_role("link", name=region, exact=True).first).to_be_visible()
    expect(_cell(app, "compute", "gwangju").get_by_text("88.5 PFLOPS")).to_be_visible()
    expect(_cell(app, "compute", "zhejiang")).to_contain_text("not reported")
    heading = app.page.locator(".st-key-row_funding")
    expect(heading).to_contain_text("in force")  # the row's headline kind, as badges
    expect(heading).to_contain_text("1 of 5 regions reports this kind")
    expect(_cell(app, "funding", "gwangju")).to_contain_text("≠ target · AI only · funder ?")
    expect(page.get_by_test_id("stDataFrame")).to_have_count(1)  # the comparison matrix
    app.no_error_shown()


def test_figure_links_to_its_quote_highlighted_on_sources(app):
    app.goto("/")
    figure = _cell(app, "compute", "gwangju").get_by_test_id("stElementContainer").filter(has_text="88.5 PFLOPS")
    source_link = figure.locator("xpath=following-sibling::*[.//a[@data-testid='stPageLink-NavLink']][1]//a")

    source_link.click()
    app.expect_selected_passage(
        "gj_compute_capacity", "88.5 PFLOPS — AI compute capacity (Gwangju)", GWANGJU_COMPUTE_QUOTE
    )
