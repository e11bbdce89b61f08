"""The synthetic dataset of tests/fixtures.py: valid, and every page renders its awkward cases honestly."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import fixtures
from ecodash import i18n, views
from ecodash.analysis import funding_views, fx, indicators
from ecodash.charts.theme import region_colours
from ecodash.i18n import t
from ecodash.ingest.dataset import validate_data_dir
from ecodash.ui.navigation import PAGE_SPECS
from support import assert_link_followed, chart_text, open_app, page_text, read_rows, use_data_dir


def test_the_fixture_is_a_valid_dataset(fixture_data_dir):
    _, _, problems = validate_data_dir(fixture_data_dir)
    assert not problems, "\n".join(map(str, problems))


def test_a_currency_without_rate_stays_unconverted_with_its_reason(fixture_dataset):
    for basis in fx.FX_BASES:
        facts = fx.convert_to_usd(fixture_dataset, fx_basis=basis).set_index("fact_id")
        fact = facts.loc[fixtures.UNCONVERTED_FACT]
        assert math.isnan(fact["value_usd"]) and math.isnan(fact["fx_rate"])  # empty, never 0
        assert pd.isna(fact["fx_basis"])
        assert f"no {fx.series_label(fx.FED if basis == fx.FED else fx.WDI)} for XTS" in fact["fx_derivation"]
        assert facts.loc["nl_annual", "value_usd"] > 0  # the currency with a cited rate converts


def test_the_reason_is_said_in_both_languages(fixture_dataset):
    said = {}
    for language in i18n.LANGUAGES:
        with i18n.use(language):
            facts = fx.convert_to_usd(fixture_dataset).set_index("fact_id")
            said[language] = facts.loc[fixtures.UNCONVERTED_FACT, "fx_derivation"]
    assert all("XTS" in text and "2025" in text for text in said.values()), said
    assert len(set(said.values())) == len(i18n.LANGUAGES), f"one language's reason is another's: {said}"
    assert "non converti en USD" in said["fr"], said["fr"]


def test_funding_and_comparison_tables_keep_the_figure_without_usd(fixture_dataset):
    funding = indicators.funding_table(fixture_dataset).set_index("fact_id")
    assert math.isnan(funding.loc[fixtures.UNCONVERTED_FACT, "value_usd"])
    assert math.isnan(funding.loc[fixtures.UNCONVERTED_FACT, "per_year_usd"])
    assert funding.loc[fixtures.UNCONVERTED_FACT, "per_year_value"] == 300_000_000  # 900 M over 3 years
    total = views.funding_view(fixture_dataset, view="total")
    assert any("XTS" in caption for caption in total.captions)
    assert total.takeaway == t("takeaway.none_usd", what=funding_views.funding_what("total"), regions="Nordland")


def test_the_focus_region_without_figures_is_not_reported_never_zero(fixture_dataset):
    comparison = indicators.comparison_long(fixture_dataset, region_ids=fixture_dataset.focus_region_ids())
    comparison = comparison.loc[comparison["region_id"] == fixtures.FOCUS_WITHOUT_FIGURES]
    assert len(comparison) == comparison["indicator_id"].nunique() > 0  # one 'not reported' row per indicator
    assert set(comparison["report_status"]) == {indicators.NOT_REPORTED}
    assert comparison["value"].isna().all() and comparison["value_usd"].isna().all()


def test_every_region_has_its_own_colour(fixture_dataset):
    colours = region_colours(fixture_dataset.regions)
    assert len(set(colours.values())) == len(colours) == len(fixture_dataset.regions)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_every_page_renders_the_fixture(page, language, fixture_data_dir, monkeypatch):
    use_data_dir(monkeypatch, fixture_data_dir)
    at = open_app(page, lang=language)
    assert_link_followed(at)
    text = page_text(at).replace("\\", "")  # markdown escapes out of the way
    with i18n.use(language):
        if page in ("overview", "compare"):
            assert "Sudmark" in text and t("common.not_reported").lower() in text.lower()
        if page in (
            "overview",
            "compare",
            "funding",
            "profile",
            "pillars",
            "data",
        ):  # the XTS figure, and why it has no USD value
            assert "XTS" in text and fx.no_rate_reason("XTS", fx.WDI, 2025) in text
        if page == "sources":  # both synthetic articles are listed
            titles = [row["title"] for row in read_rows(fixture_data_dir / "sources.csv")[1]]  # as published
            assert all(title in text for title in titles), titles
            assert t("sources.undated_event", description="").strip() in text  # the undated event, said so
            assert "nan" not in text.split()


def test_the_region_without_figures_has_a_clean_profile(fixture_data_dir, monkeypatch):
    use_data_dir(monkeypatch, fixture_data_dir)
    at = open_app("profile", region=fixtures.FOCUS_WITHOUT_FIGURES)
    assert_link_followed(at)
    assert "Sudmark" in page_text(at)
    assert any(t("profile.no_facts") == info.value for info in at.info)


@pytest.mark.parametrize(
    ("page", "query", "shown"),
    [
        ("overview", {"present": "1"}, "not reported for Sudmark"),
        ("compare", {"present": "1", "per": "million"}, "not reported for Sudmark"),
        ("funding", {"present": "1", "view": "total"}, "no exchange rate for the currency"),
        ("pillars", {"present": "1"}, "Sudmark"),
        ("compare", {"fx": "article_implied"}, "XTS"),
        ("compare", {"fx": "fed"}, "XTS"),
        ("funding", {"per": "million"}, "XTS"),
        ("sources", {"fact": fixtures.UNCONVERTED_FACT}, "900 M XTS"),
    ],
)
def test_the_fixture_under_other_choices(page, query, shown, fixture_data_dir, monkeypatch):
    """Slides, per inhabitant and every FX basis: the unconverted figure and the empty region are shown."""
    use_data_dir(monkeypatch, fixture_data_dir)
    at = open_app(page, **query)
    assert_link_followed(at)
    assert shown in page_text(at).replace("\\", "") + chart_text(at), shown
