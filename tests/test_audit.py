"""Coverage audit: every numeric mention in the seeds is a curated figure or an explained exclusion."""

from __future__ import annotations

import ecodash
from ecodash.audit import audit_mentions, coverage_percent
from support import read_rows, write_rows


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
    assert by_text[("guangdong_ai_robotics_plan", "910B")].status == "excluded"
    assert by_text[("shanghai_ai_manufacturing_plan", "une cinquantaine")].status == "covered"


def test_every_exclusion_is_used(dataset):
    audit = audit_mentions(dataset)
    used = set(audit.loc[audit["status"] == "excluded", "by"])
    assert set(dataset.audit_exclusions["reason"]) <= used


def test_removing_a_fact_uncovers_its_number(data_copy):
    header, rows = read_rows(data_copy / "facts.csv")
    write_rows(data_copy / "facts.csv", header, [r for r in rows if r["fact_id"] != "gj_compute_capacity"])
    audit = audit_mentions(ecodash.load_dataset(data_copy))
    uncovered = audit.loc[audit["status"] == "uncovered"]
    assert uncovered["mention"].tolist() == ["88,5"]
    assert coverage_percent(audit) < 100.0


def test_a_quote_covers_only_the_numbers_its_fact_holds(data_copy):
    """A fact's quote spanning two numbers covers only the one it records (here the stated USD is dropped)."""
    header, rows = read_rows(data_copy / "facts.csv")
    for row in rows:
        if row["fact_id"] == "gd_hub_subsidy_cap":
            row["stated_usd"] = ""
    write_rows(data_copy / "facts.csv", header, rows)
    audit = audit_mentions(ecodash.load_dataset(data_copy))
    assert audit.loc[audit["status"] == "uncovered", "mention"].tolist() == ["6,9 millions"]
