"""The region hierarchy and the roll-up rule: a city's records count for its province, its context figures do not."""

import pandas as pd

from ecodash.analysis import regions

MEMBERS = pd.DataFrame(
    [("zhejiang", "zhejiang"), ("zhejiang", "hangzhou"), ("hangzhou", "hangzhou")],
    columns=["region_id", "reported_for"],
)
FACTS = pd.DataFrame(
    {
        "fact_id": ["province_own", "province_context", "city_own", "city_context", "elsewhere"],
        "region_id": ["zhejiang", "zhejiang", "hangzhou", "hangzhou", "china"],
        "geo_reach": ["region", "context", "region", "context", "region"],
    }
)


def test_a_city_figure_counts_for_its_province_only_when_it_describes_the_city():
    placed = regions.roll_up(FACTS, MEMBERS, figures=True)
    cells = list(zip(placed["region_id"], placed["fact_id"], placed["reported_for"], strict=True))
    assert cells == [
        ("zhejiang", "province_own", "zhejiang"),
        ("zhejiang", "province_context", "zhejiang"),  # a region's own figures always count
        ("zhejiang", "city_own", "hangzhou"),
        ("hangzhou", "city_own", "hangzhou"),
        ("hangzhou", "city_context", "hangzhou"),
    ], "in the records' order; the national context figure stays with the city"


def test_records_that_are_not_figures_all_roll_up():
    placed = regions.roll_up(FACTS.drop(columns="geo_reach"), MEMBERS, figures=False)
    assert sorted(placed.loc[placed["region_id"] == "zhejiang", "fact_id"]) == sorted(
        ["province_own", "province_context", "city_own", "city_context"]
    )


def test_membership_lists_each_region_and_those_reporting_for_it(dataset):
    members = regions.membership(dataset, ["zhejiang", "china"])
    assert members.values.tolist() == [["zhejiang", "zhejiang"], ["zhejiang", "hangzhou"], ["china", "china"]]
    alone = regions.membership(dataset, ["zhejiang"], include_subregions=False)
    assert alone.values.tolist() == [["zhejiang", "zhejiang"]]


def test_comparison_and_pillars_place_facts_by_the_same_rule(data_copy):
    import ecodash
    from ecodash.analysis import indicators, pillars
    from support import edit_row, read_rows

    # The curated articles state no Hangzhou figure: Gwangju's start-up count is made one (its article names Hangzhou).
    _, rows = read_rows(data_copy / "facts.csv")
    moved = next(i for i, row in enumerate(rows) if row["fact_id"] == "gj_startups_incubated_5y")
    edit_row(data_copy, "facts", moved, region_id="hangzhou")
    dataset = ecodash.load_dataset(data_copy)

    with_pillars = set(dataset.facts.loc[dataset.facts["pillar_ids"].fillna("") != "", "fact_id"])
    long = indicators.comparison_long(dataset)
    long = long.loc[long["fact_id"].isin(with_pillars) & (long["indicator_id"] != indicators.FUNDING_PER_YEAR)]
    detail = pillars.cell_detail(dataset, None, None)["facts"]
    placed = set(zip(detail["region_id"], detail["fact_id"], strict=True))
    assert placed == set(zip(long["region_id"], long["fact_id"], strict=True))
    assert ("zhejiang", "gj_startups_incubated_5y") in placed, "Hangzhou's figure counts for Zhejiang in both"
