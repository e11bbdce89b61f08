"""The one place that checks the curated data/ on purpose: its exact size and the facts the prose relies on.

Adding a curated article, region, currency or indicator changes the counts here, and only here: no other test holds
data/'s row counts (they derive them from the loaded dataset, or use the synthetic fixture in tests/fixtures.py).
Other tests still check particular curated figures and quotes where that is what they test.
"""

from __future__ import annotations

from ecodash.analysis import fx, indicators
from ecodash.schema.vocabularies import money_mask

CURATED_ROWS = {
    "regions": 9,
    "sources": 5,
    "pillars": 8,
    "indicators": 31,
    "facts": 35,
    "actors": 48,
    "events": 11,
    "instruments": 25,
    "fx_rates": 16,
    "population": 9,
    "audit_exclusions": 56,
    "caveats": 2,
}


def test_curated_tables_hold_the_reviewed_number_of_rows(dataset):
    assert {table: len(dataset.table(table)) for table in dataset.TABLES} == CURATED_ROWS


def test_five_focus_regions_are_flagged(dataset):
    assert dataset.focus_region_ids() == ["guangdong", "zhejiang", "shanghai", "gwangju", "vietnam"]


def test_city_and_national_levels_hang_together(dataset):
    parents = dataset.regions.set_index("region_id")["parent_id"]
    assert parents["hangzhou"] == "zhejiang"
    assert parents["shenzhen"] == "guangdong"
    assert parents["gwangju"] == "south_korea"
    assert {parents["guangdong"], parents["zhejiang"], parents["shanghai"]} == {"china"}


def test_every_curated_article_says_what_kind_of_article_it_is(dataset):
    """The pages list the articles' kinds from sources.genre / genre_fr: every curated source has both."""
    assert dataset.sources["genre"].notna().all() and dataset.sources["genre_fr"].notna().all()


def test_every_curated_money_figure_converts_at_its_default_rate(dataset):
    """The curated currencies all have a cited World Bank rate for the articles' year: nothing shows unconverted."""
    facts = fx.convert_to_usd(dataset)
    money = facts.loc[money_mask(facts["unit"])]
    assert set(money["unit"]) == {"CNY", "KRW"}
    assert money["value_usd"].notna().all()


def test_shanghai_sets_six_targets(dataset):
    facts = indicators.facts_table(dataset)
    assert len(indicators.filter_facts(facts, region_id=["shanghai"], status=["target"])) == 6
