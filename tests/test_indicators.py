"""Comparable indicators: USD conversion, annualised funding, region x indicator comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import ecodash
from ecodash.analysis import indicators
from ecodash.analysis.indicators import ARTICLE_IMPLIED, DEFAULT_FX_BASIS, NOT_REPORTED
from ecodash.i18n import t, use
from support import with_a_hangzhou_figure


def money_facts(dataset):
    return dataset.facts.loc[dataset.facts["unit"].isin(["CNY", "KRW", "USD"])]


def test_every_money_fact_gets_value_usd(dataset):
    converted = indicators.convert_to_usd(dataset)
    money = converted["unit"].isin(["CNY", "KRW", "USD"])
    assert converted.loc[money, "value_usd"].notna().all()
    assert converted.loc[~money, "value_usd"].isna().all(), "non-money facts must not get a USD value"


def test_reference_usd_within_six_percent_of_the_articles_own_figures(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=DEFAULT_FX_BASIS)
    stated = converted.loc[converted["stated_usd"].notna()]
    assert len(stated) >= 4, "Guangdong's article states four USD equivalents"
    assert set(stated["region_id"]) == {"guangdong"}
    gap = (stated["value_usd"] - stated["stated_usd"]).abs() / stated["stated_usd"]
    assert (gap < 0.06).all(), stated.assign(gap=gap)[["fact_id", "value_usd", "stated_usd", "gap"]]


def test_reference_rate_is_the_latest_year_unless_asked(dataset):
    assert indicators.reference_rate(dataset, "CNY") == (7.18984737402171, 2025)
    assert indicators.reference_rate(dataset, "CNY", series="fed") == (7.0809, 2023)
    assert indicators.reference_rate(dataset, "KRW", series="fed", year=2021) == (1144.8911, 2021)
    assert indicators.reference_rate(dataset, "VND", year=2025) == (24164.8858333333, 2024), "latest year before"
    with pytest.raises(KeyError, match="no fed FX rate for CNY in or before 2019"):
        indicators.reference_rate(dataset, "CNY", series="fed", year=2019)


def test_default_conversion_uses_the_articles_year_and_names_series_and_year(dataset):
    converted = indicators.convert_to_usd(dataset).set_index("fact_id")
    gwangju = converted.loc["gj_additional_investment_target"]
    assert gwangju["fx_rate"] == pytest.approx(1422.44083333333)
    assert gwangju["fx_derivation"] == ("÷ 1,422.4408 KRW/USD (World Bank WDI official rate, 2025: the article's year)")
    fed = indicators.convert_to_usd(dataset, fx_basis="fed").set_index("fact_id").loc["gj_additional_investment_target"]
    assert (
        fed["fx_rate"] == pytest.approx(1306.7637)
        and "Federal Reserve G.5A annual average, 2023" in fed["fx_derivation"]
    )


def test_an_undated_article_converts_at_the_latest_rate_and_says_so(dataset, data_copy):
    from support import edit_row

    edit_row(data_copy, "sources", 0, published_year="")
    converted = indicators.convert_to_usd(ecodash.load_dataset(data_copy)).set_index("fact_id")
    assert converted.loc["gd_hub_subsidy_cap", "fx_derivation"].endswith("2025: article undated, latest year)")


def test_hub_cap_in_usd_uses_the_cited_rate(dataset):
    converted = indicators.convert_to_usd(dataset).set_index("fact_id")
    hub = converted.loc[(converted["value"] == 50_000_000) & (converted["unit"] == "CNY")].iloc[0]
    assert hub["value_usd"] == pytest.approx(50_000_000 / 7.18984737402171)
    assert "World Bank WDI official rate" in hub["fx_derivation"] and "2025" in hub["fx_derivation"]


def test_article_basis_reproduces_the_articles_own_usd(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=ARTICLE_IMPLIED)
    stated = converted.loc[converted["stated_usd"].notna()]
    assert (stated["value_usd"] - stated["stated_usd"]).abs().max() < 1e-6


def test_article_basis_falls_back_to_reference_for_krw_and_says_so(dataset):
    converted = indicators.convert_to_usd(dataset, fx_basis=ARTICLE_IMPLIED)
    krw = converted.loc[converted["unit"] == "KRW"]
    assert not krw.empty
    assert (krw["fx_basis"] == DEFAULT_FX_BASIS).all()
    assert krw["fx_derivation"].str.contains("no article states a KRW conversion").all()


def test_unknown_fx_basis_is_refused(dataset):
    with pytest.raises(ValueError, match="fx_basis must be one of"):
        indicators.convert_to_usd(dataset, fx_basis="black_market")


def test_fx_table_lists_reference_and_implied_rates(dataset):
    fx = indicators.fx_table(dataset)
    assert set(fx["basis"]) == {"wdi", "fed", ARTICLE_IMPLIED}
    implied = fx.loc[fx["basis"] == ARTICLE_IMPLIED]
    assert implied["units_per_usd"].between(7.0, 7.4).all()
    assert implied["fact_id"].notna().all()
    assert fx.loc[fx["basis"] == "fed", "read_at"].str.startswith("https://federalreserve.gov").all()
    assert fx.loc[fx["basis"] == "wdi", "read_at"].str.contains("world-development-indicators, commit").all()


def funding(dataset, **kwargs):
    return indicators.funding_table(dataset, **kwargs).set_index("fact_id")


def test_multi_year_target_is_annualised_with_its_derivation(dataset):
    table = funding(dataset)
    gwangju = table.loc[(table["region_id"] == "gwangju") & (table["scope"] == "multi_year")].iloc[0]
    assert gwangju["value"] == 600_000_000_000
    assert gwangju["per_year_value"] == 120_000_000_000
    assert gwangju["per_year_usd"] == pytest.approx(120e9 / 1422.44083333333)
    assert gwangju["derivation"].startswith("600 bn KRW over 5 years ÷ 5")
    assert (gwangju["qualifier"], gwangju["status"]) == ("exact", "target"), "annualising keeps qualifier and status"
    assert gwangju["funder"] == "unspecified", "the article does not say who invests"


def test_per_million_inhabitants_names_its_population_and_its_secondary_source(dataset):
    gwangju = funding(dataset).loc["gj_additional_investment_target"]
    assert gwangju["per_year_usd_per_million"] == pytest.approx(120e9 / 1422.44083333333 / 1_444_000 * 1e6)
    assert gwangju["per_million_derivation"].startswith("600 bn KRW over 5 years ÷ 5;")
    assert "÷ 1,444,000 inhabitants of Gwangju (2024)" in gwangju["per_million_derivation"]
    assert "Statistics Korea" in gwangju["per_million_derivation"]
    assert (
        "SECONDARY SOURCE" in gwangju["per_million_derivation"] and "Kwangju Ilbo" in gwangju["per_million_derivation"]
    )
    assert gwangju["population_is_secondary"]
    cap = funding(dataset).loc["gd_hub_subsidy_cap"]
    assert pd.isna(cap["value_usd_per_million"]) and cap["per_million_derivation"].startswith("not per inhabitant")


def test_only_regional_summable_figures_go_per_inhabitant(dataset):
    long = indicators.comparison_long(dataset, region_ids=["china", "gwangju", "vietnam"]).set_index("fact_id")
    assert pd.isna(long.loc["cn_qwen_derivative_models", "comparable_value_per_million"]), "a world count is context"
    assert "national or world context" in long.loc["cn_qwen_derivative_models", "per_million_derivation"]
    for rank_or_share in ("gj_compute_centre_world_rank", "vn_market_population", "cn_manufacturing_world_share_2024"):
        assert pd.isna(long.loc[rank_or_share, "comparable_value_per_million"]), rank_or_share
    assert long.loc["gj_compute_capacity", "per_million_derivation"].startswith("not per inhabitant")
    students = long.loc["gj_ai_school_students"]
    assert students["comparable_value_per_million"] == pytest.approx(1200 / 1_444_000 * 1e6)
    assert students["per_million_derivation"].startswith("> 1,200 people ÷ 1,444,000 inhabitants")


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
    missing = long.loc[long["report_status"] == NOT_REPORTED]
    assert not missing.empty
    assert missing["value"].isna().all() and missing["value_usd"].isna().all()
    assert set(long["region_id"]) == set(dataset.focus_region_ids())
    pairs = long[["region_id", "indicator_id"]].drop_duplicates()
    assert len(pairs) == len(set(long["region_id"])) * long["indicator_id"].nunique()


def test_city_facts_count_towards_their_province(data_copy):
    dataset = with_a_hangzhou_figure(data_copy)
    long = indicators.comparison_long(dataset)
    zhejiang = long.loc[(long["region_id"] == "zhejiang") & (long["report_status"] == "reported")]
    assert "hangzhou" in set(zhejiang["reported_for"])
    assert (zhejiang.loc[zhejiang["reported_for"] == "hangzhou", "geo_reach"] == "region").all()
    alone = indicators.comparison_long(dataset, include_subregions=False)
    assert "hangzhou" not in set(alone.loc[alone["region_id"] == "zhejiang", "reported_for"].dropna())


def test_comparison_table_is_a_full_matrix_of_labels(dataset):
    wide = indicators.comparison_table(dataset)
    assert (
        list(wide.index) == dataset.regions.set_index("region_id").loc[dataset.focus_region_ids(), "name_en"].tolist()
    )
    assert not wide.isna().any().any()
    assert (wide == t("common.not_reported")).any().any()
    compute = [c for c in wide.columns if "PFLOPS" in c or "ompute" in c]
    assert compute and wide.loc["Gwangju", compute[0]] == "88.5 PFLOPS"


def test_tables_speak_the_readers_language(dataset):
    """Names, labels and derivations follow the language; ids, values and quotes never change."""
    with use("fr"):
        facts = indicators.facts_table(dataset)
        funding = indicators.funding_table(dataset)
        wide = indicators.comparison_table(dataset)
    english = indicators.facts_table(dataset)
    assert facts["fact_id"].tolist() == english["fact_id"].tolist()
    assert facts["value"].equals(english["value"]) and facts["quote"].equals(english["quote"])
    china = facts.loc[facts["region_id"] == "china", "region_name"].iloc[0]
    assert china == dataset.regions.set_index("region_id").at["china", "name_fr"] == "Chine"
    cap = facts.loc[facts["fact_id"] == "gd_hub_subsidy_cap", "value_label"].iloc[0]
    assert cap == "≤ 50 M CNY"  # the same symbols in both languages
    billions = facts.loc[facts["unit"].isin(["CNY", "KRW"]) & (facts["value"] >= 1e9), "value_label"]
    assert billions.str.contains(" Md ").all() and not billions.str.contains(" bn ").any()
    assert (
        funding["derivation"].str.contains("ans|an ").any() and not funding["derivation"].str.contains(" years").any()
    )
    assert (wide == "non renseigné").any().any()


def test_qualifiers_survive_into_labels(dataset):
    facts = indicators.facts_table(dataset)
    facts = facts.loc[facts["unit"] != "rank"]
    labels = dict(zip(facts["qualifier"], facts["value_label"], strict=False))
    assert labels["up_to"].startswith("≤ ")
    assert labels["at_least"].startswith("> ")
    assert labels["approximate"].startswith("~")
    statuses = dict(zip(facts["status"], facts["value_label"], strict=False))
    assert statuses["target"].startswith("target ") and statuses["proposed"].startswith("proposed ")
    assert facts.set_index("fact_id").at["sh_target_demo_factories", "value_label"] == "target ~10"
    ranks = indicators.facts_table(dataset).query("unit == 'rank' and qualifier == 'up_to'")
    assert ranks["value_label"].str.fullmatch(r"(target )?top \d+").all(), "'parmi les 30 plus grands' reads 'top 30'"


def test_reporting_members_roll_cities_into_provinces_only(dataset):
    assert indicators.reporting_members(dataset, "zhejiang") == ["zhejiang", "hangzhou"]
    assert indicators.reporting_members(dataset, "guangdong") == ["guangdong", "shenzhen"]
    assert indicators.reporting_members(dataset, "china") == ["china"]
    assert indicators.reporting_members(dataset, "south_korea") == ["south_korea"], "Gwangju is not national"
    assert indicators.reporting_members(dataset, "hangzhou") == ["hangzhou"]


def test_region_descendants(dataset):
    assert indicators.region_descendants(dataset, "china")[0] == "china"
    assert set(indicators.region_descendants(dataset, "china")) == {
        "china",
        "guangdong",
        "zhejiang",
        "shanghai",
        "shenzhen",
        "hangzhou",
    }
    assert indicators.region_descendants(dataset, "vietnam") == ["vietnam"]


def test_facts_table_columns_follow_the_contract(dataset):
    facts = indicators.facts_table(dataset)
    assert list(facts.columns[:15]) == [
        "fact_id",
        "region_id",
        "region_name",
        "indicator_id",
        "indicator_name",
        "category",
        "value",
        "unit",
        "qualifier",
        "status",
        "ai_specificity",
        "geo_reach",
        "funder",
        "pillar_ids",
        "value_usd",
    ]
    assert isinstance(facts, pd.DataFrame) and len(facts) == len(dataset.facts)


def test_overview_rows_compare_like_with_like(dataset, data_copy):
    slots = indicators.overview_slots(dataset)
    assert set(slots) == set(indicators.HEADLINE_SLOTS)
    funding = slots["funding"].set_index("region_id")
    assert funding.at["guangdong", "in_headline_class"], "a budget in force heads the row, before a target"
    assert not funding.at["gwangju", "in_headline_class"], "Gwangju's target is shown under its own label"
    note = funding.at["gwangju", "difference_note"]
    assert note == (
        "this figure: target, AI only, funder not stated; headline kind: in force (budget or programme), broader "
        "technology, not AI-specific, public money"
    )
    assert slots["compute"]["value_label"].tolist() == ["88.5 PFLOPS"]
    assert "zhejiang" not in set(slots["compute"]["region_id"]), "nothing reported stays empty, never a 0 row"
    talent = slots["talent"]
    assert "vn_ai_engineers_training_proposed" not in set(talent["fact_id"]), "a proposal is not a talent result"
    assert "vn_ai_engineers_training_proposed" in set(slots["targets"]["fact_id"])
    with_city = indicators.overview_slots(with_a_hangzhou_figure(data_copy))
    placed = pd.concat(with_city.values())
    assert "hangzhou" in set(placed.loc[placed["region_id"] == "zhejiang", "reported_for"]), "Hangzhou's own figures"
    everything = pd.concat(slots.values())
    assert "cn_qwen_derivative_models" not in set(everything["fact_id"]), "a world figure never rolls into a province"


def test_filter_facts_matches_every_chosen_value_and_ignores_empty_choices(dataset):
    facts = indicators.facts_table(dataset)
    shanghai_targets = indicators.filter_facts(facts, region_id=["shanghai"], status=["target"], category=[])
    expected = facts.loc[(facts["region_id"] == "shanghai") & (facts["status"] == "target"), "fact_id"]
    assert list(shanghai_targets["fact_id"]) == list(expected) and len(expected) > 1
    hedged = indicators.filter_facts(facts, region_id=["shanghai"], status=["target"], qualifier=["approximate"])
    assert sorted(hedged["fact_id"]) == ["sh_target_demo_factories", "sh_target_full_service_providers"]
    assert set(shanghai_targets["region_id"]) == {"shanghai"}
    assert len(indicators.filter_facts(facts)) == len(facts)
    with pytest.raises(KeyError, match="cannot filter facts by colour"):
        indicators.filter_facts(facts, colour=["red"])


def test_derived_funding_per_year_rows_carry_their_derivation(dataset):
    long = indicators.comparison_long(dataset)
    derived = long.loc[(long["indicator_id"] == indicators.FUNDING_PER_YEAR) & (long["report_status"] == "reported")]
    assert set(derived["region_id"]) == {"guangdong", "gwangju"}
    gwangju = derived.loc[derived["region_id"] == "gwangju"].iloc[0]
    assert gwangju["value_label"] == "target 120 bn KRW / year"
    assert gwangju["derivation"].startswith("600 bn KRW over 5 years ÷ 5")
    assert gwangju["comparable_unit"] == "USD"


def test_without_derived_rows_the_comparison_is_the_figures_as_stated(dataset):
    plain = indicators.comparison_long(dataset, include_derived=False)
    every = indicators.comparison_long(dataset)
    assert indicators.FUNDING_PER_YEAR not in set(plain["indicator_id"])
    assert list(plain.columns) == list(every.columns)
    stated = every.loc[every["indicator_id"] != indicators.FUNDING_PER_YEAR].reset_index(drop=True)
    pd.testing.assert_frame_equal(plain, stated, check_dtype=False)
    money = plain.loc[plain["fx_derivation"].notna()].iloc[0]
    assert money["derivation"] == f"{money['value_label']} {money['fx_derivation']}", "a money figure's conversion"


def test_population_note_names_each_population_once_and_flags_secondary_sources(dataset):
    from ecodash.analysis import intensity

    note = intensity.population_note(dataset, ["gwangju", "gwangju", "vietnam", None, "atlantis"])
    assert note == (
        "Gwangju 1,444,000 (2024): Statistics Korea, 2024 Population and Housing Census (2025-07-29); "
        "secondary, read in: Kwangju Ilbo report; Vietnam 100,987,686 (2024): World Bank, World "
        "Development Indicators"
    )


def test_split_per_million_lists_what_cannot_be_divided_and_drops_empty_indicators(dataset):
    from ecodash.analysis import intensity

    long = indicators.comparison_long(dataset).loc[
        lambda f: f["indicator_id"].isin(["funding_per_year", "compute_capacity"])
    ]
    kept, left_out = intensity.split_per_million(long, "comparable_value_per_million")
    assert set(left_out["fact_id"]) == {"gj_compute_capacity"}
    assert set(kept["indicator_id"]) == {"funding_per_year"}, "no empty compute panel"
    assert (kept["report_status"] == NOT_REPORTED).any(), "regions without a figure keep their slot"
    assert kept.loc[kept["report_status"] == "reported", "comparable_value_per_million"].notna().all()


def test_overview_cells_count_each_regions_figures_and_keep_the_first_headline_kind_first(dataset):
    slots = indicators.overview_slots(dataset)
    focus = dataset.focus_region_ids()
    cells = indicators.overview_cells(slots, focus, shown=1)
    assert set(cells) == {(slot, region) for slot in slots for region in focus}
    for (slot, region), (count, shown) in cells.items():
        mine = slots[slot].loc[slots[slot]["region_id"] == region]
        assert count == len(mine) and len(shown) == min(1, count)
        if shown and mine["in_headline_class"].any():
            assert shown[0]["in_headline_class"], (slot, region)
