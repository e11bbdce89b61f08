"""Curated passages located in their seeds: segments rebuild the text, every record is highlighted."""

from __future__ import annotations

import pytest

from ecodash.analysis import passages


@pytest.mark.parametrize(
    "source_id",
    [
        "guangdong_ai_robotics_plan",
        "shanghai_ai_manufacturing_plan",
        "china_open_source_strategy",
        "alibaba_hangzhou_ecosystem",
        "gwangju_ai_cluster_vietnam",
    ],
)
def test_segments_rebuild_the_seed_exactly(dataset, source_id):
    segments = passages.seed_segments(dataset, source_id)
    assert "".join(segment.text for segment in segments) == dataset.seeds[source_id]
    numbers = [segment.number for segment in segments if segment.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))


def test_every_curated_record_is_highlighted_somewhere(dataset):
    for table, id_column in passages.RECORD_TABLES:
        for record_id in dataset.table(table)[id_column]:
            assert passages.passage_of(dataset, table, record_id) is not None, (table, record_id)


def test_passage_of_a_fact_contains_its_quote(dataset):
    source_id, number = passages.passage_of(dataset, "facts", "gj_compute_capacity")
    assert source_id == "gwangju_ai_cluster_vietnam"
    segment = next(s for s in passages.seed_segments(dataset, source_id) if s.number == number)
    assert "88,5 pétaflops" in segment.text
    assert ("facts", "gj_compute_capacity") in segment.mark


def test_overlapping_quotes_merge_into_one_passage(dataset):
    """The company-subsidy cap's quote and its instrument's quote overlap: one passage lists exactly those two."""
    number = passages.passage_of(dataset, "facts", "gd_company_subsidy_cap")
    assert number == passages.passage_of(dataset, "instruments", "gd_company_subsidy")
    source_id, passage = number
    segment = next(s for s in passages.seed_segments(dataset, source_id) if s.number == passage)
    assert set(segment.mark) == {("facts", "gd_company_subsidy_cap"), ("instruments", "gd_company_subsidy")}


def test_unknown_record_has_no_passage(dataset):
    assert passages.passage_of(dataset, "facts", "no_such_fact") is None
