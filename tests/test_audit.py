"""Coverage audit: every numeric mention and ranking statement in the seeds is curated or explained."""

from __future__ import annotations

import math

import ecodash
from ecodash.analysis.audit import audit_mentions, coverage_percent
from ecodash.text.rankings import find_rankings
from support import read_rows, write_rows

# Every ranking statement a careful reader finds in the seeds ("premier(s)" ordinals are numbers, not here), claims
# of standing against peers with no rank ("inégalé", "rivalisant avec", "leader mondial") included.
SEED_RANKINGS = [
    ("guangdong_ai_robotics_plan", "leader mondial"),
    ("guangdong_ai_robotics_plan", "inégalées"),
    ("guangdong_ai_robotics_plan", "inégalé"),
    ("guangdong_ai_robotics_plan", "les meilleurs"),
    ("guangdong_ai_robotics_plan", "les meilleures"),
    ("shanghai_ai_manufacturing_plan", "leader mondial"),
    ("china_open_source_strategy", "surpassant"),
    ("china_open_source_strategy", "dépassant parfois même les modèles"),
    ("china_open_source_strategy", "les meilleurs"),
    ("china_open_source_strategy", "les meilleurs"),
    ("alibaba_hangzhou_ecosystem", "rivalisant avec"),
    ("alibaba_hangzhou_ecosystem", "inégalée"),
    ("alibaba_hangzhou_ecosystem", "aux meilleures"),
    ("alibaba_hangzhou_ecosystem", "les meilleures"),
    ("guangdong_ai_robotics_plan", "les plus brillants"),
    ("guangdong_ai_robotics_plan", "la plus attrayante"),
    ("guangdong_ai_robotics_plan", "les plus fréquemment"),
    ("guangdong_ai_robotics_plan", "la plus peuplée"),
    ("guangdong_ai_robotics_plan", "plus grande"),  # "la plus peuplée de Chine et plus grande économie provinciale"
    ("guangdong_ai_robotics_plan", "la plus grande"),
    ("guangdong_ai_robotics_plan", "la plus ancienne"),
    ("china_open_source_strategy", "le plus grand"),
    ("china_open_source_strategy", "les plus avancées"),
    ("alibaba_hangzhou_ecosystem", "l’une des plus puissantes"),
    ("alibaba_hangzhou_ecosystem", "les plus célèbres"),
    ("alibaba_hangzhou_ecosystem", "la plus significative"),
    ("alibaba_hangzhou_ecosystem", "l’une des plus grandes"),
    ("gwangju_ai_cluster_vietnam", "parmi les 30 plus grands"),
    ("gwangju_ai_cluster_vietnam", "parmi les dix premiers"),
]


def _uncovered(audit):
    return set(audit.loc[audit["status"] == "uncovered", ["source_id", "kind", "mention"]].itertuples(index=False))


def test_real_data_has_full_coverage(dataset):
    audit = audit_mentions(dataset)
    uncovered = audit.loc[audit["status"] == "uncovered"]
    assert uncovered.empty, uncovered[["source_id", "line", "mention", "context"]].to_string()
    assert coverage_percent(audit) == 100.0


def test_every_seed_is_audited_and_mentions_are_many(dataset):
    audit = audit_mentions(dataset)
    assert set(audit["source_id"]) == set(dataset.sources["source_id"])
    assert (audit["status"] == "covered").sum() >= 40


def test_known_mentions_are_classified(dataset):
    audit = audit_mentions(dataset)
    by_text = {(row.source_id, row.mention): row for row in audit.itertuples()}
    assert by_text[("gwangju_ai_cluster_vietnam", "88,5")].status == "covered"
    assert by_text[("gwangju_ai_cluster_vietnam", "88,5")].by == "gj_compute_capacity"
    assert by_text[("gwangju_ai_cluster_vietnam", "88,5")].kind == "number"
    assert by_text[("guangdong_ai_robotics_plan", "910B")].status == "excluded"
    assert by_text[("shanghai_ai_manufacturing_plan", "une cinquantaine")].status == "covered"


def test_every_exclusion_is_used(dataset):
    audit = audit_mentions(dataset)
    used = set(audit.loc[audit["status"] == "excluded", "by"])
    assert set(dataset.audit_exclusions["reason"]) <= used


def test_removing_a_fact_uncovers_its_number(dataset, data_copy):
    header, rows = read_rows(data_copy / "facts.csv")
    write_rows(data_copy / "facts.csv", header, [r for r in rows if r["fact_id"] != "gj_compute_capacity"])
    audit = audit_mentions(ecodash.load_dataset(data_copy))
    assert _uncovered(audit) == _uncovered(audit_mentions(dataset)) | {("gwangju_ai_cluster_vietnam", "number", "88,5")}
    assert coverage_percent(audit) < 100.0


def test_a_quote_covers_only_the_numbers_its_fact_holds(dataset, data_copy):
    """A fact's quote spanning two numbers covers only the one it records (here the stated USD is dropped)."""
    header, rows = read_rows(data_copy / "facts.csv")
    for row in rows:
        if row["fact_id"] == "gd_hub_subsidy_cap":
            row["stated_usd"] = ""
    write_rows(data_copy / "facts.csv", header, rows)
    audit = audit_mentions(ecodash.load_dataset(data_copy))
    uncovered_before = _uncovered(audit_mentions(dataset))
    assert _uncovered(audit) == uncovered_before | {("guangdong_ai_robotics_plan", "number", "6,9 millions")}


def test_every_ranking_statement_in_the_seeds_is_audited(dataset):
    audit = audit_mentions(dataset)
    rankings = audit.loc[audit["kind"] == "ranking"]
    found = [(source_id, m.text) for source_id, text in dataset.seeds.items() for m in find_rankings(text)]
    assert list(zip(rankings["source_id"], rankings["mention"], strict=True)) == found
    assert sorted(found) == sorted(SEED_RANKINGS)
    assert set(audit["kind"]) == {"number", "ranking"}


def test_an_exclusion_covers_a_ranking(dataset):
    audit = audit_mentions(dataset)
    row = audit.loc[audit["mention"] == "les plus avancées"].squeeze()
    assert (row.kind, row.status, row.value) == ("ranking", "excluded", 1.0)
    assert "chips" in row.by
    unsized = audit.loc[audit["mention"] == "l’une des plus grandes"].squeeze()
    assert unsized.status == "excluded" and math.isnan(unsized.value)


def test_a_rank_fact_quote_covers_a_ranking(dataset):
    audit = audit_mentions(dataset)
    row = audit.loc[audit["mention"] == "parmi les 30 plus grands"].squeeze()
    assert (row.source_id, row.kind, row.value) == ("gwangju_ai_cluster_vietnam", "ranking", 30.0)
    assert (row.status, row.by) == ("covered", "gj_compute_centre_world_rank")
    number = audit.loc[(audit["mention"] == "30") & (audit["source_id"] == "gwangju_ai_cluster_vietnam")].squeeze()
    assert (number.kind, number.status, number.by) == ("number", "covered", "gj_compute_centre_world_rank")


def test_removing_an_exclusion_uncovers_its_ranking(dataset, data_copy):
    before = audit_mentions(dataset)
    header, rows = read_rows(data_copy / "audit_exclusions.csv")
    write_rows(data_copy / "audit_exclusions.csv", header, [r for r in rows if r["mention"] != "les plus avancées"])
    after = audit_mentions(ecodash.load_dataset(data_copy))
    assert _uncovered(after) - _uncovered(before) == {("china_open_source_strategy", "ranking", "les plus avancées")}
    assert coverage_percent(after) < min(coverage_percent(before), 100.0)


def test_only_a_rank_fact_covers_a_ranking(dataset, data_copy):
    """Without vn_ai_rank_target_2045, its ranking is uncovered although an event's quote still contains it."""
    header, rows = read_rows(data_copy / "facts.csv")
    write_rows(data_copy / "facts.csv", header, [r for r in rows if r["fact_id"] != "vn_ai_rank_target_2045"])
    after = audit_mentions(ecodash.load_dataset(data_copy))
    event_quote = dataset.events.set_index("event_id").loc["vn_top10_ai_target_2045", "quote"]
    assert "parmi les dix premiers" in event_quote
    assert _uncovered(after) - _uncovered(audit_mentions(dataset)) == {
        ("gwangju_ai_cluster_vietnam", "ranking", "parmi les dix premiers"),
        ("gwangju_ai_cluster_vietnam", "number", "dix premiers"),
    }
