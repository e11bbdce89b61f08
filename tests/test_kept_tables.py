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
    builds = record_calls(monkeypatch, indicators, "_comparison_long", keep=lambda args, kwargs: kwargs["annotated"])
    indicators.comparison_long(ds)
    indicators.comparison_long(ds, region_ids=ds.focus_region_ids())  # not the same key: region_ids given
    indicators.comparison_long(ds, region_ids=tuple(ds.focus_region_ids()))  # the same list, as a tuple
    indicators.comparison_long(ds, annotated=False)
    assert builds == [True, True, False]
    facts = indicators.facts_table(ds)
    indicators.comparison_long(ds, facts=facts)  # a caller's facts: never kept, always built from them
    assert builds == [True, True, False, True]


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
