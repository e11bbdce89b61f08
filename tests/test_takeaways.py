"""Takeaways: one sentence from the data, naming the kind compared and the caveat; never a ranking of unlike figures."""

from __future__ import annotations

import pandas as pd
import pytest

import ecodash
from ecodash import views
from ecodash.analysis import comparability
from ecodash.i18n import use
from ecodash.views import takeaways
from support import DATA_DIR

DATASET = ecodash.load_dataset(DATA_DIR)
REGIONS = ["Alpha", "Beta", "Gamma", "Delta"]


def fact(
    region: str,
    value: float,
    *,
    label: str | None = None,
    status: str = "achieved",
    qualifier: str = "exact",
    indicator: str = "compute",
    ai: str = "ai",
    reach: str = "region",
    unit: str = "count",
) -> dict:
    return {
        "fact_id": f"{region.lower()}_{indicator}_{value}",
        "region_id": region.lower(),
        "region_name": region,
        "indicator_id": indicator,
        "indicator_name": indicator.title(),
        "scope": "point_in_time",
        "status": status,
        "ai_specificity": ai,
        "geo_reach": reach,
        "funder": None,
        "qualifier": qualifier,
        "unit": unit,
        "value": value,
        "label": label or f"{value:g}",
        "report_status": "reported",
    }


def say(rows: list[dict], **kwargs) -> str:
    frame = pd.DataFrame(rows)
    options = {"what": "Compute", "value_column": "value", "label_column": "label", "regions": REGIONS} | kwargs
    return takeaways.comparison(frame, **options)


def test_alike_figures_are_compared_highest_and_lowest_with_their_labels():
    text = say([fact("Alpha", 700, label="> 700", qualifier="at_least"), fact("Beta", 88.5), fact("Gamma", 120)])
    assert text == (
        "Compute: 3 regions report a figure of one kind (AI only · achieved · about the region itself); "
        "highest Alpha > 700, lowest Beta 88.5; not reported for Delta."
    )


def test_an_unlike_figure_is_named_with_how_it_differs_and_never_ranked():
    text = say([fact("Alpha", 10), fact("Beta", 20), fact("Gamma", 50_000, label="proposed 50,000", status="proposed")])
    assert "2 regions report a figure of one kind (AI only · achieved · about the region itself)" in text
    assert "highest Beta 20, lowest Alpha 10" in text
    assert (
        "not compared: Gamma, a figure of another kind (this figure: proposal (offer or possible cooperation); "
        "headline kind: achieved)" in text
    )
    assert "50,000" not in text, "the larger proposal is not put at the top of a ranking"


def test_one_region_alone_is_said_rather_than_compared():
    text = say([fact("Beta", 88.5, label="88.5 PFLOPS"), fact("Alpha", 3, status="target", label="target 3")])
    assert text.startswith(
        "Compute: only Beta reports a figure of this kind (AI only · achieved · about the region itself): 88.5 PFLOPS;"
    )
    assert "highest" not in text and "lowest" not in text
    assert "not compared: Alpha" in text and "not reported for Gamma, Delta" in text


def test_one_region_with_two_figures_gives_its_range_not_a_comparison():
    text = say([fact("Beta", 2, label="2"), fact("Beta", 5, label="5")])
    assert "only Beta reports a figure of this kind" in text and "from 2 to 5" in text


def test_nothing_reported_says_so():
    rows = [{**fact("Alpha", 1), "report_status": "not_reported", "value": None}]
    assert say(rows) == "Compute: none of the regions shown reports a figure, so nothing is compared."


def test_every_region_alike_says_so():
    text = say([fact(r, i + 1) for i, r in enumerate(REGIONS)])
    assert text.endswith("; every region shown reports a figure of this kind.")


@pytest.mark.parametrize(
    ("top", "bottom", "uncertain"),
    [("up_to", "exact", True), ("exact", "at_least", True), ("at_least", "up_to", False), ("exact", "exact", False)],
)
def test_a_ceiling_on_top_or_a_floor_below_makes_the_order_uncertain(top, bottom, uncertain):
    text = say([fact("Alpha", 100, qualifier=top), fact("Beta", 10, qualifier=bottom)])
    assert ("the order is as stated, not certain" in text) is uncertain


def test_close_about_figures_are_not_ordered_with_confidence():
    close = say([fact("Alpha", 100, qualifier="approximate"), fact("Beta", 95)])
    apart = say([fact("Alpha", 100, qualifier="approximate"), fact("Beta", 20)])
    assert "not certain" in close and "not certain" not in apart


def test_ranks_read_best_placed_first():
    text = say(
        [fact("Alpha", 30, label="top 30", unit="rank"), fact("Beta", 1, label="#1", unit="rank")], lower_is_better=True
    )
    assert "best placed Beta #1, furthest down Alpha top 30" in text


def test_figures_left_out_per_inhabitant_are_named():
    text = say([fact("Alpha", 10), fact("Beta", 20)], left_out=["Gamma"])
    assert "not comparable per inhabitant: Gamma" in text and "not reported for Delta" in text
    assert say([], left_out=["Gamma"]) == "Compute: no figure shown can be put per inhabitant (not divisible: Gamma)."


def test_figures_read_under_their_own_label_are_counted_not_ranked():
    rows = pd.DataFrame([fact("Alpha", 10, status="target"), fact("Beta", 3, indicator="factories", status="target")])
    text = takeaways.unlike(rows, what="Targets", regions=REGIONS)
    assert text == (
        "Targets: 2 figures from Alpha, Beta, of 2 different kinds; each is read under its own label, not "
        "ranked against the others; not reported for Gamma, Delta."
    )


def test_timeline_counts_events_and_targets_and_says_targets_are_plans():
    events = pd.DataFrame({"date": ["2018", "2025-08-19", None]})
    targets = pd.DataFrame({"period_end": [2028, 2028, 2030]})
    assert takeaways.timeline(events, targets, region="Alpha") == (
        "Alpha: 2 dated events (2018–2025) and 3 target figures due (2028–2030); hollow marks are targets: plans, "
        "not results; 1 event without a year in the article is not on the axis."
    )
    assert takeaways.timeline(events.iloc[:0], targets.iloc[:0], region="Beta") == (
        "Beta: the articles give no dated event and no target year."
    )


def test_takeaways_are_written_in_the_current_language():
    with use("fr"):
        text = say([fact("Beta", 88.5), fact("Alpha", 3, status="target")])
    assert text.startswith("Compute : seule la région Beta donne un chiffre de cette nature (")
    assert " ; non comparé : Alpha" in text


# --- on the real data -------------------------------------------------------------------------------------------


def test_compute_capacity_only_gwangju():
    view = views.compare_view(DATASET, region_ids=DATASET.focus_region_ids(), indicator_ids=["compute_capacity"])
    assert view.takeaway == (
        "AI compute capacity: only Gwangju reports a figure of this kind (AI only · achieved · "
        "about the region itself): 88.5 PFLOPS; not reported for Guangdong, Zhejiang, Shanghai, "
        "Vietnam."
    )


def test_grant_caps_compare_the_two_alike_caps_and_set_the_other_apart():
    view = views.compare_view(DATASET, region_ids=DATASET.focus_region_ids(), indicator_ids=["grant_cap_per_recipient"])
    assert (
        "2 regions report a figure of one kind (AI with other fields · in force (budget or programme) · about the "
        "region itself · public money); highest Shanghai ≤ 13.9 M USD (≤ 100 M CNY), lowest Guangdong "
        "≤ 417,000 USD (≤ 3 M CNY)"
    ) in view.takeaway
    assert "the order is as stated, not certain" in view.takeaway, "both are ceilings"
    assert (
        "not compared: Guangdong, a figure of another kind (this figure: AI only; headline kind: AI with other fields)"
        in view.takeaway
    )


def test_funding_per_year_never_ranks_the_gwangju_target_against_guangdong_budget():
    view = views.funding_view(DATASET, view="per_year")
    assert "only Guangdong reports a figure of this kind" in view.takeaway
    assert "not compared: Gwangju, a figure of another kind (" in view.takeaway
    assert (
        "(this figure: Investment over several years, multi-year total, target, AI only, funder not stated; "
        "headline kind: Funding per year, per year, in force (budget or programme)"
    ) in view.takeaway
    assert "highest" not in view.takeaway


@pytest.mark.parametrize("indicator_id", ["funding_per_year", *DATASET.indicators["indicator_id"]])
def test_every_indicator_takeaway_states_its_kind(indicator_id):
    """Whatever the indicator, the sentence names the kind it compares (or says nothing is reported)."""
    view = views.compare_view(DATASET, region_ids=list(DATASET.regions["region_id"]), indicator_ids=[indicator_id])
    rows = comparability.annotate(view.rows.loc[view.rows["report_status"] == "reported"])
    if rows.empty:
        assert "none of the regions shown reports a figure" in view.takeaway
        return
    head = rows.loc[rows["in_headline_class"], "class_label"].iloc[0]
    assert f"({head})" in view.takeaway
    assert view.takeaway.count(".") >= 1 and "\n" not in view.takeaway


# --- Pillars and Sources ---------------------------------------------------------------------------------------


def cell(name: str, *, achieved: int = 0, committed: int = 0, target: int = 0, names: bool = False) -> dict:
    n = achieved + committed + target
    return {
        "region_name": name,
        "pillar_name": name,
        "n_facts": n,
        "n_achieved": achieved,
        "n_committed": committed,
        "n_target": target,
        "n_proposed": 0,
        "strongest_label": "> 3,300" if n else None,
        "strongest_indicator": "Test sites" if n else None,
        "strongest_kind": "AI only · achieved · about the region itself" if n else None,
        "says_nothing": not n and not names,
    }


def test_a_pillar_takeaway_counts_by_status_names_the_kind_and_says_silence_is_not_zero():
    cells = pd.DataFrame(
        [cell("Alpha", achieved=1, committed=2), cell("Beta"), cell("Gamma"), cell("Delta", names=True)]
    )
    text = takeaways.pillar_cells(cells, what="Compute", name_column="region_name", per_region=True)
    assert text.startswith(
        "Compute: Alpha reports 3 figures (1 achieved, 2 in force), the strongest: Test sites "
        "> 3,300 (AI only · achieved · about the region itself)"
    )
    assert "Delta: programmes, actors or events, but no figure" in text
    assert "Beta and Gamma: the articles say nothing here — not that the regions have nothing" in text
    assert text.endswith("No score: counts measure what the articles report, not how strong an ecosystem is.")
    assert "highest" not in text and "rank" not in text


def test_a_region_across_pillars_names_the_fullest_pillar_and_the_rest_without_ranking_regions():
    cells = pd.DataFrame(
        [cell("R&D", achieved=1), cell("Compute", achieved=3), cell("Talent", target=1), cell("Models")]
    )
    text = takeaways.pillar_cells(cells, what="Gwangju", name_column="pillar_name", per_region=False)
    assert text.startswith("Gwangju: Compute, 3 figures (3 achieved), the strongest: Test sites > 3,300")
    assert "figures also for R&D and Talent" in text
    assert "nothing said on Models — not that there is nothing" in text
    assert "No score" in text


def test_the_real_gwangju_compute_cell():
    view = views.pillar_view(DATASET, pillar="compute_infrastructure")
    assert view.takeaway.startswith(
        "Computing infrastructure: Gwangju reports 3 figures (3 achieved), the "
        "strongest: Public infrastructures for AI testing > 3,300 (AI only · achieved · "
        "about the region itself)"
    )
    assert "Shanghai: the articles say nothing here — not that the region has nothing" in view.takeaway
    with use("fr"):
        french = views.pillar_view(
            ecodash.ingest.dataset.localized(DATASET, "fr"), pillar="compute_infrastructure"
        ).takeaway
    assert "Gwangju donne 3 chiffres (3 réalisés)" in french and "Aucun score\u00a0:" in french


def test_the_grid_takeaway_counts_cells_and_silences():
    text = views.pillar_view(DATASET).takeaway
    assert text.startswith("Every pillar, every focus region: the articles report ")
    assert "cells — not that the regions have nothing there" in text and text.endswith("ecosystem is.")


def test_a_figure_takeaway_states_its_kind_and_quotes_the_article():
    text = takeaways.fact(
        region="Gwangju",
        indicator="AI compute capacity",
        label="88.5 PFLOPS",
        kind="AI only · achieved · about the region itself",
        quote="x " * 80,
    )
    assert text.startswith(
        "Gwangju: AI compute capacity, 88.5 PFLOPS (AI only · achieved · about the region itself), "
        "as the article states it: «\u00a0x x"
    )
    assert text.endswith(" …\u00a0».") and len(text) < 250
    view = views.fact_view(DATASET, fact="gj_compute_capacity")
    assert view.takeaway == (
        "Gwangju: AI compute capacity, 88.5 PFLOPS (AI only · achieved · about the region "
        "itself), as the article states it: «\u00a0dispose d'une capacité de traitement de 88,5 "
        "pétaflops\u00a0»."
    )
