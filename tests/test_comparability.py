"""The like-with-like engine on a small synthetic frame: classes, headline kind, difference notes."""

from __future__ import annotations

import pandas as pd

from ecodash.analysis import comparability


def _fact(fact_id, region, **dims):
    base = {
        "fact_id": fact_id,
        "region_id": region,
        "region_name": region.title(),
        "indicator_id": "budget",
        "indicator_name": "Budget",
        "scope": "per_year",
        "status": "committed",
        "ai_specificity": "ai",
        "geo_reach": "region",
        "funder": "public",
    }
    return base | dims


def test_the_kind_most_regions_report_heads_the_group_and_others_say_how_they_differ():
    frame = pd.DataFrame(
        [
            _fact("a", "north"),
            _fact("b", "south"),
            _fact("c", "east", status="target", ai_specificity="broader", funder="unspecified"),
        ]
    )
    out = comparability.annotate(frame).set_index("fact_id")
    assert out.loc["a", "in_headline_class"] and out.loc["b", "in_headline_class"]
    assert not out.loc["c", "in_headline_class"]
    assert out.loc["c", "difference_note"] == (
        "target vs in force (budget or programme); broader technology, not AI-specific vs AI only; "
        "funder not stated vs public money"
    )
    assert out.loc["a", "difference_note"] == ""
    assert (
        out.loc["c", "class_label"] == "broader technology, not AI-specific · target · about the region itself · "
        "funder not stated"
    )


def test_on_a_tie_of_regions_the_firmer_figure_heads():
    frame = pd.DataFrame([_fact("t", "north", status="target"), _fact("r", "south", status="achieved")])
    out = comparability.annotate(frame).set_index("fact_id")
    assert out.loc["r", "in_headline_class"] and not out.loc["t", "in_headline_class"]


def test_not_reported_rows_get_no_class_and_alike_figures_no_note():
    frame = pd.DataFrame(
        [_fact("a", "north"), _fact("b", "south"), {"fact_id": None, "region_id": "west", "indicator_id": "budget"}]
    )
    out = comparability.annotate(frame)
    assert pd.isna(out.loc[2, "comparability_class"]) and not out.loc[2, "in_headline_class"]
    assert comparability.chart_note(frame) == ""


def test_chart_note_uses_its_own_grouping_not_annotations_the_frame_carries():
    frame = pd.DataFrame([_fact("a", "north"), _fact("c", "east", status="target", indicator_id="plan")])
    stale = comparability.annotate(frame)  # by indicator: each is its own headline
    note = comparability.chart_note(stale.assign(view="per_year"), group="view", name="Funding per year")
    assert note.startswith("Not alike: Funding per year comes in 2 kinds") and "target vs in force" in note
