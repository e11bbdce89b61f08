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
        "this figure: target, broader technology, not AI-specific, funder not stated; "
        "headline kind: in force (budget or programme), AI only, public money"
    ), "each side is named with its own words"
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
    assert (
        note.startswith("Not alike: Funding per year comes in 2 kinds")
        and "East: target; North (headline kind): in force" in note
    )


def test_the_note_names_each_side_with_its_own_words_not_as_pairs():
    """'Guangdong (headline kind) vs Gwangju: target vs in force' read as if Guangdong's were the target."""
    frame = pd.DataFrame(
        [
            _fact("gd", "guangdong", ai_specificity="broader"),
            _fact("gj", "gwangju", status="target", funder="unspecified"),
            _fact("zj", "zhejiang", ai_specificity="broader"),
        ]
    )
    note = comparability.chart_note(frame)
    assert note == (
        "Not alike: Budget comes in 2 kinds, drawn apart. Gwangju: target, AI only, funder not stated; "
        "Guangdong, Zhejiang (headline kind): in force (budget or programme), broader technology, not AI-specific, "
        "public money"
    )
    assert " vs " not in note
    line = comparability.chart_line(frame)
    assert (
        line
        == "Budget, 2 kinds — Gwangju: target, AI only, funder ?; Guangdong, Zhejiang: in force, broad tech, public"
    )


def test_difference_note_for_one_figure_and_its_headline():
    head, other = _fact("gd", "guangdong", ai_specificity="broader"), _fact("gj", "gwangju", status="target")
    assert comparability.difference_note(other, head, name="Gwangju", headline_name="Guangdong") == (
        "Gwangju: target, AI only; Guangdong (headline kind): in force (budget or programme), "
        "broader technology, not AI-specific"
    )
    assert comparability.difference_note(other, head) == (
        "this figure: target, AI only; headline kind: in force (budget or programme), broader technology, "
        "not AI-specific"
    )
    assert comparability.difference_note(head, head) == ""


def test_a_funder_only_one_side_has_is_not_a_difference_and_the_scope_shortens_the_line():
    head = _fact("a", "north", indicator_id="per_year", indicator_name="Funding per year")
    other = _fact("b", "south", indicator_id="multi", indicator_name="Investment", scope="multi_year", funder=None)
    pairs = comparability.difference_pairs(other, head)
    assert [column for column, _, _ in pairs] == ["indicator_id", "scope"]
    assert [column for column, _, _ in comparability.difference_pairs(other, head, short=True)] == ["scope"]


def test_french_note_puts_a_non_breaking_space_before_colons_and_semicolons():
    from ecodash import i18n

    frame = pd.DataFrame([_fact("a", "north"), _fact("c", "east", status="target", funder="unspecified")])
    with i18n.use("fr"):
        note = comparability.chart_note(frame.iloc[[0, 0, 1]].assign(fact_id=["a", "a2", "c"]))
        line = comparability.chart_line(frame)
    assert "East\u00a0: objectif, financeur non précisé\u202f; North (nature de référence)\u00a0: en vigueur" in note
    assert "financeur\u202f?" in line
    for text in (note, line):
        assert not any(f"{c}" in text.replace(f"\u00a0{c}", "").replace(f"\u202f{c}", "") for c in ":;?!"), text
