"""Data & export: which regions its filter offers, the rows a region choice keeps, and the view's file name."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pandas as pd

from ecodash.analysis import fx, indicators
from ecodash.charts.images import slug
from ecodash.i18n.plurals import plural, word_list
from ecodash.ingest.dataset import Dataset
from ecodash.views.base import region_names

MAX_STEM_CHARS = 60
"""Longest file name of a view's CSV before its extension; a longer one is cut at a word and ends in a digest."""


def region_options(ds: Dataset, facts: pd.DataFrame) -> dict[str, str]:
    """Region id -> name, in the regions table's order: every region with figures of its own or of the cities that
    report for it (Zhejiang, through Hangzhou), and every focus region, even one without figures."""
    with_facts = set(facts["region_id"])
    names = region_names(ds)
    focus = set(ds.focus_region_ids())
    return {
        region_id: names[region_id]
        for region_id in ds.regions["region_id"]
        if region_id in focus or with_facts & set(indicators.reporting_members(ds, region_id))
    }


def region_rows(ds: Dataset, chosen: Sequence[str]) -> list[str]:
    """The regions whose rows a region choice keeps: each chosen region and the cities that report for it (as its
    profile lists them; each row keeps its own region's name). [] for no choice (every row)."""
    return list(dict.fromkeys(member for region_id in chosen for member in indicators.reporting_members(ds, region_id)))


def region_rows_notes(ds: Dataset, chosen: Sequence[str]) -> list[str]:
    """'Zhejiang: with the rows of Hangzhou, which reports for it.' for each chosen region that brings other rows."""
    names = region_names(ds)
    notes = []
    for region_id in chosen:
        members = [m for m in indicators.reporting_members(ds, region_id) if m != region_id]
        if members:
            words = word_list(names[m] for m in members)
            notes.append(plural("data.with_members", len(members), region=names[region_id], members=words))
    return notes


def view_file_stem(prefix: str, choices: Mapping[str, Sequence[str]], fx_basis: str = fx.DEFAULT_FX_BASIS) -> str:
    """'ecodash-facts-zhejiang-target': the file name of a filtered view, from its filters' values (ids, so the same
    in every language) in the filters' order, and the FX basis when it is not the default. ASCII, at most
    MAX_STEM_CHARS; a longer one is cut at a word and ends in a digest of every choice, so two views never share a
    name. No filter: '<prefix>-facts-all'."""
    values = [str(v) for column in choices for v in sorted(choices[column] or ())]
    if fx_basis != fx.DEFAULT_FX_BASIS:
        values.append(fx_basis)
    words = [word for value in values for word in slug(value).split("-") if word] or ["all"]
    stem = "-".join([prefix, "facts", *words])
    if len(stem) <= MAX_STEM_CHARS:
        return stem
    digest = hashlib.sha256(repr((sorted((k, sorted(v or ())) for k, v in choices.items()), fx_basis)).encode())
    cut = f"{prefix}-facts"
    for word in words:
        if len(cut) + len(word) + 1 > MAX_STEM_CHARS - 9:
            break
        cut = f"{cut}-{word}"
    return f"{cut}-{digest.hexdigest()[:8]}"
