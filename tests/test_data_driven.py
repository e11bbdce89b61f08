"""Words that depend on the data come from the data: units of any currency, counts and kinds of articles,
pillars by origin, cities counting for their province, the FX years (checked on the synthetic fixture)."""

from __future__ import annotations

import pytest

from ecodash import i18n
from ecodash.i18n import t
from ecodash.i18n.formats import count_words, format_fact, format_quantity, unit_label
from ecodash.io import export
from ecodash.views import about


@pytest.mark.parametrize(
    ("language", "unit", "expected"),
    [
        ("en", "THB", "Thai Baht (THB)"),
        ("fr", "THB", "baht thaïlandais (THB)"),
        ("en", "XQZ", "XQZ"),
        ("en", "CNY", "Chinese yuan (CNY)"),
    ],
)
def test_any_currency_has_words(language, unit, expected):
    with i18n.use(language):
        assert unit_label(unit) == expected


def test_any_currency_is_formatted_as_money():
    assert format_quantity(2_500_000, "THB") == "2.5 M THB"
    assert format_fact(2_500_000, "XQZ", "up_to") == "≤ 2.5 M XQZ"
    with i18n.use("fr"):
        assert format_quantity(2_500_000, "THB") == "2,5 M THB"


def test_small_counts_are_words_larger_ones_digits():
    assert [count_words(n) for n in (0, 5, 12, 13, 1500)] == ["zero", "five", "twelve", "13", "1,500"]
    with i18n.use("fr"):
        assert [count_words(n) for n in (1, 6, 1500)] == ["un", "six", "1\u202f500"]


def test_article_sentences_count_and_name_the_fixture_articles(fixture_dataset):
    with i18n.use("en"):
        text = about.articles_sentence(fixture_dataset, "sources.no_score_body")
        assert text.startswith(
            "The two sources are news articles of different kinds: a provincial plan (Nordland) "
            "and an article, “Sudmark, la discrète”."
        )  # a source without genre: its title
    with i18n.use("fr"):
        text = about.articles_sentence(fixture_dataset, "pillars.no_score")
        assert "deux articles de presse" in text and "un plan provincial (Nordland) et un article, « Sudmark" in text


def test_markdown_sentences_escape_the_data_part(fixture_dataset):
    text = about.articles_sentence(fixture_dataset, "pillars.no_score", escape=lambda s: s.upper())
    assert text.startswith("**No composite score") and "A PROVINCIAL PLAN (NORDLAND)" in text


def test_pillars_are_counted_by_origin(fixture_dataset):
    text = about.pillars_intro(fixture_dataset)
    assert "two pillars are the key elements named by a provincial plan (Nordland), one was added for the other" in text


def test_cities_counting_for_their_province_come_from_regions(fixture_dataset, dataset):
    assert "(Portville → Nordland)" in about.city_roll_ups(fixture_dataset)
    with i18n.use("fr"):
        assert "(Shenzhen → Guangdong, Hangzhou → Zhejiang)" in about.city_roll_ups(dataset)


def test_fx_caveat_names_the_years_the_rates_are_from(fixture_dataset):
    text = about.fx_caveat(fixture_dataset)
    assert "articles' year (2025)" in text and "Federal Reserve's 2023 average" in text


def test_caveats_about_particular_figures_come_from_the_data(fixture_dataset, dataset):
    curated, synthetic = about.caveats(dataset), about.caveats(fixture_dataset)
    assert len(curated) == len(synthetic) + len(dataset.caveats)
    assert dataset.caveats["caveat"].iloc[-1] in curated and not any("Gwangju" in caveat for caveat in synthetic)
    with i18n.use("fr"):
        assert dataset.caveats["caveat_fr"].iloc[-1] in about.caveats(dataset)


def test_data_package_title_counts_the_articles(fixture_dataset):
    frames = export.export_all_frames(fixture_dataset)
    assert export.datapackage_descriptor(fixture_dataset, frames)["title"].endswith("from two French news articles")


def test_no_catalogue_text_counts_the_curated_articles_or_names_their_regions():
    """The prose that counted five articles or named the regions now asks the data (placeholders)."""
    for language in i18n.LANGUAGES:
        for key in ("sources.no_score_body", "sources.caveat.articles", "pillars.no_score"):
            assert "{n}" in i18n.CATALOGUES[language][key] and "{kinds}" in i18n.CATALOGUES[language][key]
        for key in ("pillars.intro", "compare.subregions_help", "sources.caveat.fx", "pillars.origin.article"):
            text = i18n.CATALOGUES[language][key]
            assert not any(name in text for name in ("Gwangju", "Guangdong", "Hangzhou", "Zhejiang", "2025")), key
    assert "{named}" in t("pillars.intro", named="{named}", by="", added="")
