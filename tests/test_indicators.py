"""Comparable indicators: USD conversion, annualised funding, region x indicator comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ecodash import indicators
from ecodash.indicators import ARTICLE_IMPLIED, NOT_REPORTED, REFERENCE


def money_facts(dataset):
    return dataset.facts.loc[dataset.facts["unit"].isin(["CNY", "KRW", "USD"])]


def test_every_money_fact_gets_value_usd(dataset):
    converted = indicators.convert_to_usd(dataset)
    money = converted["unit"].isin(["CNY", "KRW", "USD"])
    assert converted.loc[money, "value_usd"].notna().all()
    assert converted.loc[~money, "value_usd"].isna().all(), "non-money facts must not get a USD value"


def test_reference_usd_within_six_percent_of_the_articles_own_figures(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=REFERENCE)
    stated = converted.loc[converted["stated_usd"].notna()]
    assert len(stated) >= 4, "Guangdong's article states four USD equivalents"
    assert set(stated["region_id"]) == {"guangdong"}
    gap = (stated["value_usd"] - stated["stated_usd"]).abs() / stated["stated_usd"]
    assert (gap < 0.06).all(), stated.assign(gap=gap)[["fact_id", "value_usd", "stated_usd", "gap"]]


def test_reference_rate_is_the_latest_year_unless_asked(dataset):
    assert indicators.reference_rate(dataset, "CNY") == (7.0809, 2023)
    assert indicators.reference_rate(dataset, "KRW", fx_year=2021) == (1144.8911, 2021)
    with pytest.raises(KeyError, match="no reference FX rate for CNY in 2019"):
        indicators.reference_rate(dataset, "CNY", fx_year=2019)


def test_hub_cap_in_usd_uses_the_cited_rate(dataset):
    converted = indicators.convert_to_usd(dataset).set_index("fact_id")
    hub = converted.loc[(converted["value"] == 50_000_000) & (converted["unit"] == "CNY")].iloc[0]
    assert hub["value_usd"] == pytest.approx(50_000_000 / 7.0809)
    assert "Federal Reserve G.5A" in hub["fx_derivation"] and "2023" in hub["fx_derivation"]


def test_article_basis_reproduces_the_articles_own_usd(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=ARTICLE_IMPLIED)
    stated = converted.loc[converted["stated_usd"].notna()]
    assert (stated["value_usd"] - stated["stated_usd"]).abs().max() < 1e-6


def test_article_basis_falls_back_to_reference_for_krw_and_says_so(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=ARTICLE_IMPLIED)
    krw = converted.loc[converted["unit"] == "KRW"]
    assert not krw.empty
    assert (krw["fx_basis"] == REFERENCE).all()
    assert krw["fx_derivation"].str.contains("no article states a KRW conversion").all()


def test_unknown_fx_basis_is_refused(dataset):
    with pytest.raises(ValueError, match="fx_basis must be one of"):
        indicators.convert_to_usd(dataset, fx_basis="black_market")


def test_fx_table_lists_reference_and_implied_rates(dataset):
    fx = indicators.fx_table(dataset)
    assert set(fx["basis"]) == {REFERENCE, ARTICLE_IMPLIED}
    implied = fx.loc[fx["basis"] == ARTICLE_IMPLIED]
    assert implied["units_per_usd"].between(7.0, 7.4).all()
    assert implied["fact_id"].notna().all()
    assert fx.loc[fx["basis"] == REFERENCE, "source_url"].str.startswith("https://federalreserve.gov").all()


def funding(dataset, **kwargs):
    return indicators.funding_table(dataset, **kwargs).set_index("fact_id")


def test_multi_year_target_is_annualised_with_its_derivation(dataset):
    table = funding(dataset)
    gwangju = table.loc[(table["region_id"] == "gwangju") & (table["scope"] == "multi_year")].iloc[0]
    assert gwangju["value"] == 600_000_000_000
    assert gwangju["per_year_value"] == 120_000_000_000
    assert gwangju["per_year_usd"] == pytest.approx(120e9 / 1306.7637)
    assert gwangju["derivation"].startswith("600 bn KRW over 5 years ÷ 5")
    assert gwangju["qualifier"] == "target", "annualising must keep the qualifier"


def test_annual_commitment_is_kept_as_stated(dataset):
    table = funding(dataset)
    annual = table.loc[(table["region_id"] == "guangdong") & (table["scope"] == "per_year")].iloc[0]
    assert annual["per_year_value"] == annual["value"] == 10_000_000_000
    assert "per year, as stated" in annual["derivation"]


def test_caps_and_open_ended_cumulative_totals_are_not_annualised(dataset):
    table = funding(dataset)
    caps = table.loc[table["scope"] == "per_recipient"]
    assert not caps.empty and caps["per_year_value"].isna().all()
    assert caps["derivation"].str.contains("cap per recipient, not an annual budget").all()
    cumulative = table.loc[table["scope"] == "cumulative"].iloc[0]
    assert math.isnan(cumulative["per_year_value"])
    assert "end year not stated, so not annualised" in cumulative["derivation"]
    assert cumulative["qualifier"] == "at_least"


def test_comparison_long_marks_missing_pairs_not_reported_never_zero(dataset):
    long = indicators.comparison_long(dataset)
    missing = long.loc[long["status"] == NOT_REPORTED]
    assert not missing.empty
    assert missing["value"].isna().all() and missing["value_usd"].isna().all()
    assert set(long["region_id"]) == set(dataset.focus_region_ids())
    pairs = long[["region_id", "indicator_id"]].drop_duplicates()
    assert len(pairs) == len(set(long["region_id"])) * long["indicator_id"].nunique()


def test_city_facts_count_towards_their_province(dataset):
    long = indicators.comparison_long(dataset)
    zhejiang = long.loc[(long["region_id"] == "zhejiang") & (long["status"] == "reported")]
    assert "hangzhou" in set(zhejiang["reported_for"])
    alone = indicators.comparison_long(dataset, include_subregions=False)
    assert "hangzhou" not in set(alone.loc[alone["region_id"] == "zhejiang", "reported_for"].dropna())


def test_comparison_table_is_a_full_matrix_of_labels(dataset):
    wide = indicators.comparison_table(dataset)
    assert list(wide.index) == dataset.regions.set_index("region_id").loc[dataset.focus_region_ids(), "name_en"].tolist()
    assert not wide.isna().any().any()
    assert (wide == NOT_REPORTED).any().any()
    compute = [c for c in wide.columns if "PFLOPS" in c or "ompute" in c]
    assert compute and wide.loc["Gwangju", compute[0]] == "88.5 PFLOPS"


def test_qualifiers_survive_into_labels(dataset):
    facts = indicators.facts_table(dataset)
    facts = facts.loc[facts["unit"] != "rank"]
    labels = dict(zip(facts["qualifier"], facts["value_label"], strict=False))
    assert labels["up_to"].startswith("≤ ")
    assert labels["at_least"].startswith("> ")
    assert labels["approximate"].startswith("~")
    assert labels["target"].startswith("target ")
    ranks = indicators.facts_table(dataset).query("unit == 'rank' and qualifier == 'up_to'")
    assert ranks["value_label"].str.fullmatch(r"top \d+").all(), "'parmi les 30 plus grands' reads 'top 30'"


def test_reporting_members_roll_cities_into_provinces_only(dataset):
    assert indicators.reporting_members(dataset, "zhejiang") == ["zhejiang", "hangzhou"]
    assert indicators.reporting_members(dataset, "guangdong") == ["guangdong", "shenzhen"]
    assert indicators.reporting_members(dataset, "china") == ["china"]
    assert indicators.reporting_members(dataset, "south_korea") == ["south_korea"], "Gwangju is not national"
    assert indicators.reporting_members(dataset, "hangzhou") == ["hangzhou"]


def test_region_descendants(dataset):
    assert indicators.region_descendants(dataset, "china")[0] == "china"
    assert set(indicators.region_descendants(dataset, "china")) == {
        "china", "guangdong", "zhejiang", "shanghai", "shenzhen", "hangzhou"
    }
    assert indicators.region_descendants(dataset, "vietnam") == ["vietnam"]


def test_facts_table_columns_follow_the_contract(dataset):
    facts = indicators.facts_table(dataset)
    assert list(facts.columns[:15]) == [
        "fact_id", "region_id", "region_name", "indicator_id", "indicator_name", "category", "value", "unit",
        "qualifier", "value_usd", "period_start", "period_end", "source_id", "quote", "quote_en",
    ]
    assert isinstance(facts, pd.DataFrame) and len(facts) == len(dataset.facts)


def test_region_headlines_fill_each_slot_or_leave_it_empty(dataset):
    gwangju = indicators.region_headlines(dataset, "gwangju")
    assert set(gwangju) == set(indicators.HEADLINE_SLOTS)
    assert gwangju["compute"]["value_label"].tolist() == ["88.5 PFLOPS"]
    assert gwangju["funding"]["per_year_value"].tolist() == [120_000_000_000]
    zhejiang = indicators.region_headlines(dataset, "zhejiang")
    assert zhejiang["compute"].empty, "nothing reported stays empty, never a 0 row"
    assert "hangzhou" in set(zhejiang["other"]["region_id"]), "Hangzhou's figures show on Zhejiang's card"


def test_filter_facts_matches_every_chosen_value_and_ignores_empty_choices(dataset):
    facts = indicators.facts_table(dataset)
    shanghai_targets = indicators.filter_facts(facts, region_id=["shanghai"], qualifier=["target"], category=[])
    assert len(shanghai_targets) == 4
    assert set(shanghai_targets["region_id"]) == {"shanghai"}
    assert len(indicators.filter_facts(facts)) == len(facts)
    with pytest.raises(KeyError, match="cannot filter facts by colour"):
        indicators.filter_facts(facts, colour=["red"])


def test_derived_funding_per_year_rows_carry_their_derivation(dataset):
    long = indicators.comparison_long(dataset)
    derived = long.loc[(long["indicator_id"] == indicators.FUNDING_PER_YEAR) & (long["status"] == "reported")]
    assert set(derived["region_id"]) == {"guangdong", "gwangju"}
    gwangju = derived.loc[derived["region_id"] == "gwangju"].iloc[0]
    assert gwangju["value_label"] == "target 120 bn KRW / year"
    assert gwangju["derivation"].startswith("600 bn KRW over 5 years ÷ 5")
    assert gwangju["comparable_unit"] == "USD"
