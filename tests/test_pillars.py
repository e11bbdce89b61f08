"""Region x pillar: every cell once, counts that add up, 'says nothing' never a zero, roll-ups, strongest figure."""

from __future__ import annotations

import pandas as pd
import pytest

import ecodash
from ecodash.analysis import pillars
from ecodash.schema.vocabularies import STATUSES
from support import edit_row, read_rows

STATUS_COLUMNS = [f"n_{status}" for status in STATUSES]


@pytest.fixture(scope="module")
def matrix(dataset) -> pd.DataFrame:
    return pillars.pillar_matrix(dataset)


def cell(matrix: pd.DataFrame, region_id: str, pillar_id: str) -> pd.Series:
    rows = matrix.loc[(matrix["region_id"] == region_id) & (matrix["pillar_id"] == pillar_id)]
    assert len(rows) == 1, (region_id, pillar_id)
    return rows.iloc[0]


def fact_ids(row: pd.Series) -> list[str]:
    return row["fact_ids"].split(";") if row["fact_ids"] else []


def test_every_focus_region_and_pillar_once_in_order(dataset, matrix):
    focus, pillar_ids = dataset.focus_region_ids(), dataset.pillars["pillar_id"].tolist()
    assert len(matrix) == len(focus) * len(pillar_ids)
    assert not matrix.duplicated(["region_id", "pillar_id"]).any()
    expected = pd.MultiIndex.from_product([focus, pillar_ids])
    assert list(pd.MultiIndex.from_frame(matrix[["region_id", "pillar_id"]])) == list(expected)
    assert matrix["region_name"].notna().all() and matrix["pillar_name"].notna().all()


def test_status_counts_come_from_the_model_and_add_up(matrix):
    assert [c for c in matrix.columns if c.removeprefix("n_") in STATUSES] == STATUS_COLUMNS
    assert (matrix[STATUS_COLUMNS].sum(axis=1) == matrix["n_facts"]).all()
    assert (matrix["n_facts"] == matrix["fact_ids"].map(lambda ids: len(ids.split(";")) if ids else 0)).all()


def test_no_score_or_ranking_column(matrix):
    assert not [c for c in matrix.columns if "score" in c or "rank" in c or "total" in c]


def test_a_cell_the_articles_say_nothing_about_is_flagged_not_zero(matrix):
    empty = cell(matrix, "vietnam", "rd_support")
    assert empty["says_nothing"]
    assert empty["n_facts"] == 0 and empty[STATUS_COLUMNS].sum() == 0
    assert pd.isna(empty["strongest_fact_id"]) and empty["programmes"] == "" and empty["actors"] == ""


def test_says_nothing_means_no_fact_programme_actor_or_event(matrix):
    nothing = matrix[["n_facts", "n_programmes", "n_actors", "n_events"]].sum(axis=1) == 0
    assert (matrix["says_nothing"] == nothing).all()
    assert matrix["says_nothing"].any() and not matrix["says_nothing"].all()
    names_only = cell(matrix, "guangdong", "compute_infrastructure")  # Huawei's chips, no figure
    assert names_only["n_facts"] == 0 and not names_only["says_nothing"]
    assert "Huawei Ascend 910B" in names_only["actors"]


def test_gwangju_compute_infrastructure_has_its_compute_capacity(matrix):
    gwangju = cell(matrix, "gwangju", "compute_infrastructure")
    assert "gj_compute_capacity" in fact_ids(gwangju)
    assert gwangju["n_achieved"] == gwangju["n_facts"] == 3
    assert "Gwangju AI data centre" in gwangju["programmes"]
    assert gwangju["strongest_fact_id"] in fact_ids(gwangju)
    assert gwangju["strongest_kind"].startswith("AI only · achieved")


def test_a_context_figure_never_rolls_up_into_a_province(dataset, matrix):
    facts = dataset.facts.set_index("fact_id")
    assert facts.loc["cn_qwen_derivative_models", ["region_id", "geo_reach"]].tolist() == ["china", "context"]
    placed = matrix.assign(fact_id=matrix["fact_ids"].str.split(";")).explode("fact_id")
    placed = placed.loc[placed["fact_id"].fillna("") != ""]
    assert "cn_qwen_derivative_models" not in set(placed["fact_id"]), "a national figure in a focus cell"
    own_region = placed["fact_id"].map(facts["region_id"]) == placed["region_id"]
    regional = placed["fact_id"].map(facts["geo_reach"]) == "region"
    assert (own_region | regional).all(), placed.loc[~(own_region | regional), ["region_id", "fact_id"]]


# The curated articles state no figure about Hangzhou itself, so the roll-up tests place one there: a copy of the
# data in which Gwangju's start-up count is a Hangzhou figure (its article names Hangzhou).
CITY_FACT = "gj_startups_incubated_5y"


def _row_of(data_dir, fact_id: str) -> int:
    _, rows = read_rows(data_dir / "facts.csv")
    return next(i for i, row in enumerate(rows) if row["fact_id"] == fact_id)


def _with_a_hangzhou_figure(data_dir, **changes: str):
    edit_row(data_dir, "facts", _row_of(data_dir, CITY_FACT), region_id="hangzhou", **changes)
    return ecodash.load_dataset(data_dir)


def test_a_city_figure_of_context_reach_stays_out_of_its_province(data_copy):
    zhejiang = cell(
        pillars.pillar_matrix(_with_a_hangzhou_figure(data_copy, geo_reach="context")),
        "zhejiang",
        "enterprise_development",
    )
    assert CITY_FACT not in fact_ids(zhejiang)
    assert zhejiang["n_facts"] == 0 and not zhejiang["says_nothing"], "its actors are still named"


def test_hangzhou_counts_for_zhejiang(data_copy, matrix):
    enterprise = cell(pillars.pillar_matrix(_with_a_hangzhou_figure(data_copy)), "zhejiang", "enterprise_development")
    assert fact_ids(enterprise) == [CITY_FACT]
    assert enterprise["strongest_reported_for"] == "hangzhou"
    assert "Alibaba Group Holding" in enterprise["actors"]
    compute = cell(matrix, "zhejiang", "compute_infrastructure")
    assert "State-funded public data systems" in compute["programmes"]


def test_other_regions_and_their_own_context_figures(dataset, data_copy):
    china = pillars.pillar_matrix(dataset, region_ids=["china", "hangzhou"])
    assert set(china["region_id"]) == {"china", "hangzhou"}
    models = cell(china, "china", "models_open_source")
    assert "cn_qwen_derivative_models" in fact_ids(models), "a region's own context figure is its own"
    moved = pillars.pillar_matrix(_with_a_hangzhou_figure(data_copy), region_ids=["china", "hangzhou"])
    assert CITY_FACT in fact_ids(cell(moved, "hangzhou", "enterprise_development"))
    assert CITY_FACT not in fact_ids(cell(moved, "china", "enterprise_development")), "a city is not its country"


def test_cell_detail_gives_every_record_with_its_quote(dataset):
    detail = pillars.cell_detail(dataset, "gwangju", "compute_infrastructure")
    facts = detail["facts"].set_index("fact_id")
    assert "pétaflops" in facts.loc["gj_compute_capacity", "quote"]
    assert facts.loc["gj_compute_capacity", "class_label"] == "AI only · achieved · about the region itself"
    assert "gj_ai_data_centre" in set(detail["instruments"]["instrument_id"])
    assert "gj_ai_data_centre_opened" in set(detail["events"]["event_id"])
    assert all(frame["quote"].notna().all() for frame in detail.values())
    matrix_cell = cell(pillars.pillar_matrix(dataset), "gwangju", "compute_infrastructure")
    assert list(detail["facts"]["fact_id"]) == fact_ids(matrix_cell), "same facts, strongest first"


def test_cell_detail_of_an_empty_cell_is_empty(dataset):
    assert all(frame.empty for frame in pillars.cell_detail(dataset, "vietnam", "rd_support").values())


def test_cell_detail_for_every_pillar_lists_a_record_once_with_its_pillars(dataset):
    facts = pillars.cell_detail(dataset, "gwangju", None)["facts"]
    assert not facts["fact_id"].duplicated().any()
    pillars_of = facts.set_index("fact_id")["pillar_ids"]
    assert set(pillars_of["gj_public_test_infrastructures"].split(";")) == {"compute_infrastructure", "rd_support"}


def test_cell_detail_for_every_region(dataset):
    facts = pillars.cell_detail(dataset, None, "models_open_source")["facts"]
    assert set(facts["region_id"]) == {"guangdong", "shanghai"}


def test_explode_pillars():
    frame = pd.DataFrame({"record": ["a", "b"], "pillar_ids": ["x;y", "z"]})
    assert pillars.explode_pillars(frame)[["record", "pillar_id"]].values.tolist() == [
        ["a", "x"],
        ["a", "y"],
        ["b", "z"],
    ]


def test_shorten():
    assert pillars.shorten("a; b; c; d; e", 3) == (["a", "b", "c"], 2)
    assert pillars.shorten("a", 3) == (["a"], 0)
    assert pillars.shorten("", 3) == ([], 0)


def _fact(fact_id, region_id, pillar_id, indicator_id, value, *, status="achieved", unit="count"):
    return {
        "fact_id": fact_id,
        "region_id": region_id,
        "region_name": region_id,
        "reported_for": region_id,
        "pillar_id": pillar_id,
        "indicator_id": indicator_id,
        "indicator_name": indicator_id,
        "scope": "point_in_time",
        "status": status,
        "ai_specificity": "ai",
        "geo_reach": "region",
        "funder": None,
        "comparable_value": value,
        "unit": unit,
        "value_label": f"{value}",
    }


def test_strongest_figure_rule():
    frame = pd.DataFrame(
        [
            # pillar p: both regions report "schools" (the headline class); B's bigger target is another kind
            _fact("a_small", "A", "p", "schools", 10),
            _fact("a_big", "A", "p", "schools", 20),
            _fact("b_target", "B", "p", "budget", 1000, status="target"),
            _fact("b_schools", "B", "p", "schools", 5),
            # C has no figure of the headline class: its firmest figure, whatever its size
            _fact("c_proposed", "C", "p", "offer", 9999, status="proposed"),
            _fact("c_target", "C", "p", "goal", 1, status="target"),
            # ranks: the smaller number is the stronger figure
            _fact("a_rank_30", "A", "q", "rank", 30, unit="rank"),
            _fact("a_rank_1", "A", "q", "rank", 1, unit="rank"),
        ]
    )
    best = pillars.strongest_per_cell(pillars.order_strongest_first(frame)).set_index(["region_id", "pillar_id"])
    assert best.loc[("A", "p"), "strongest_fact_id"] == "a_big"
    assert best.loc[("B", "p"), "strongest_fact_id"] == "b_schools"
    assert best.loc[("C", "p"), "strongest_fact_id"] == "c_target"
    assert best.loc[("A", "q"), "strongest_fact_id"] == "a_rank_1"
    assert best.loc[("A", "p"), "strongest_in_headline"] and not best.loc[("C", "p"), "strongest_in_headline"]
    assert best.loc[("A", "p"), "fact_ids"] == "a_big;a_small"
    assert best.loc[("B", "p"), "fact_ids"] == "b_schools;b_target"
