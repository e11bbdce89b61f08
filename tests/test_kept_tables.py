"""Derived tables kept per dataset (ecodash.analysis.kept): built once per dataset, language and arguments, each
caller given its own copy, gone with the dataset."""

from __future__ import annotations

import gc
import weakref

import pandas as pd

import ecodash
from ecodash import i18n
from ecodash.analysis import indicators, kept
from ecodash.ingest.dataset import localized
from support import record_calls


def test_the_facts_table_is_built_once_per_dataset_language_and_basis(fixture_data_dir, monkeypatch):
    ds = ecodash.load_dataset(fixture_data_dir)
    builds = record_calls(monkeypatch, indicators, "_facts_table", keep=lambda args, kwargs: kwargs["fx_basis"])
    first = indicators.facts_table(ds)
    again = indicators.facts_table(localized(ds, "en"))  # a language view is the same dataset
    pd.testing.assert_frame_equal(first, again)
    indicators.comparison_long(ds)
    indicators.funding_table(ds)
    indicators.overview_slots(ds)
    assert builds == [indicators.DEFAULT_FX_BASIS], "every table started from the one facts table"
    indicators.facts_table(ds, fx_basis=indicators.ARTICLE_IMPLIED)
    with i18n.use("fr"):
        french = indicators.facts_table(ds)
    assert builds == [indicators.DEFAULT_FX_BASIS, indicators.ARTICLE_IMPLIED, indicators.DEFAULT_FX_BASIS]
    assert not french["indicator_name"].equals(first["indicator_name"]), "French names, not the English table"


def test_a_caller_changing_its_table_changes_no_one_elses(fixture_data_dir):
    ds = ecodash.load_dataset(fixture_data_dir)
    mine = indicators.facts_table(ds)
    original = mine.copy()
    mine["value"] = -1.0
    mine.loc[0, "region_name"] = "changed"
    del mine["unit"]
    pd.testing.assert_frame_equal(indicators.facts_table(ds), original)
    long = indicators.comparison_long(ds)
    expected = long.copy()
    long["value_label"] = "changed"
    pd.testing.assert_frame_equal(indicators.comparison_long(ds), expected)


def test_the_comparison_is_kept_by_its_arguments(fixture_data_dir, monkeypatch):
    ds = ecodash.load_dataset(fixture_data_dir)
    builds = record_calls(monkeypatch, indicators, "_comparison_long", keep=lambda args, kwargs: kwargs["region_ids"])
    annotations = record_calls(
        monkeypatch, indicators.comparability, "annotate", keep=lambda args, kwargs: len(args[0])
    )
    focus = tuple(ds.focus_region_ids())
    annotated = indicators.comparison_long(ds)
    assert indicators.comparison_long(ds, region_ids=list(focus)).equals(annotated), "the default is the focus"
    indicators.comparison_long(ds, region_ids=focus)  # the same list, as a tuple
    plain = indicators.comparison_long(ds, annotated=False)
    assert builds == [focus] and len(annotations) == 1, "one table, annotated once; the plain one is shared"
    assert list(annotated.columns) == [*plain.columns, *indicators.comparability.ANNOTATION_COLUMNS]
    indicators.comparison_long(ds, region_ids=focus[:1])
    assert builds == [focus, focus[:1]] and len(annotations) == 2, "other regions: another table"
    facts = indicators.facts_table(ds)
    indicators.comparison_long(ds, facts=facts)  # a caller's facts: never kept, always built from them
    assert builds == [focus, focus[:1], focus] and len(annotations) == 3


def test_the_money_rows_are_shared_by_the_funding_table_and_the_comparison(fixture_data_dir, monkeypatch):
    ds = ecodash.load_dataset(fixture_data_dir)
    builds = record_calls(monkeypatch, indicators, "_per_year_rows", keep=lambda args, kwargs: len(args[0]))
    funding = indicators.funding_table(ds)
    long = indicators.comparison_long(ds)
    assert len(builds) == 1, "the per-year rows are built once"
    derived = long.loc[(long["indicator_id"] == indicators.FUNDING_PER_YEAR) & long["fact_id"].notna()]
    assert set(derived["fact_id"]) == set(funding.loc[funding["per_year_value"].notna(), "fact_id"])
    with i18n.use("fr"):
        french = indicators.funding_table(ds)
    assert len(builds) == 2, "each language its own rows"
    assert not french["funding_view"].equals(funding["funding_view"])


def test_kept_tables_go_with_their_dataset(fixture_data_dir):
    gc.collect()
    ds = ecodash.load_dataset(fixture_data_dir)
    indicators.facts_table(ds)
    assert any(held is ds for held in kept._KEPT)
    alive = weakref.ref(ds)
    others = len(kept._KEPT) - 1
    del ds
    gc.collect()
    assert alive() is None, "no kept table holds its dataset alive"
    assert len(kept._KEPT) == others
