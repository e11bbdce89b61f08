"""The region hierarchy and the roll-up rule: which regions report for a region (Hangzhou for Zhejiang), and which of
their records count there.

A province or municipality takes the records of the cities in it; a country never takes its provinces' or cities'
(national figures stay national). A city's *figure* counts for its province only when it describes the city
(geo_reach 'region'): a national or world context figure quoted in a city's article says nothing about the
province. A region's own records always count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecodash.ingest.dataset import Dataset

ROLLED_UP_LEVELS = frozenset({"province", "municipality"})
"""Levels of a region that takes the figures of the cities in it."""
REPORTING_LEVEL = "city"
"""Level of a region whose figures count for the province or municipality above it."""
DESCRIBES_REGION = "region"
"""geo_reach of a figure that describes its region (the other, 'context', stays with its own region)."""


def region_descendants(dataset: Dataset, region_id: str) -> list[str]:
    """The region itself and every region below it (Guangdong -> Guangdong, Shenzhen)."""
    regions = dataset.regions
    found, frontier = [region_id], [region_id]
    while frontier:  # each region is visited once, so even a cycle in parents (rejected by validation) ends
        children = [r for r in regions.loc[regions["parent_id"].isin(frontier), "region_id"] if r not in found]
        found += children
        frontier = children
    return found


def reporting_members(dataset: Dataset, region_id: str) -> list[str]:
    """The region and, for a province or municipality, the cities in it: Hangzhou reports for Zhejiang."""
    regions = dataset.regions.set_index("region_id")
    if regions.loc[region_id, "level"] not in ROLLED_UP_LEVELS:
        return [region_id]
    return [
        member
        for member in region_descendants(dataset, region_id)
        if member == region_id or regions.loc[member, "level"] == REPORTING_LEVEL
    ]


def membership(dataset: Dataset, region_ids: list[str], *, include_subregions: bool = True) -> pd.DataFrame:
    """(region_id, reported_for): each region and the regions that report for it (Zhejiang <- Hangzhou); without
    `include_subregions`, each region alone."""
    pairs = [
        (region_id, member)
        for region_id in region_ids
        for member in (reporting_members(dataset, region_id) if include_subregions else [region_id])
    ]
    return pd.DataFrame(pairs, columns=["region_id", "reported_for"])


def roll_up(records: pd.DataFrame, members: pd.DataFrame, *, figures: bool) -> pd.DataFrame:
    """Records placed in the regions they report for (`members`: a membership frame), in the records' order;
    `reported_for` keeps their own region. With `figures` (facts), a record of another region counts only when
    it describes its region (geo_reach 'region')."""
    # the join on the regions alone, then each placed record taken once (not every column through the merge)
    if members["reported_for"].is_unique:  # a record goes to one region at most: looked up, not joined
        found = pd.Index(members["reported_for"]).get_indexer(records["region_id"])
        rows = np.flatnonzero(found >= 0)
        placed = members.iloc[found[rows]].reset_index(drop=True).assign(_row=rows)
    else:
        keys = pd.DataFrame({"reported_for": records["region_id"].array, "_row": np.arange(len(records))})
        placed = keys.merge(members, on="reported_for")
    if figures:
        describes = records["geo_reach"].to_numpy()[placed["_row"].to_numpy()] == DESCRIBES_REGION
        placed = placed.loc[(placed["reported_for"] == placed["region_id"]).to_numpy() | describes]
    out = records.iloc[placed["_row"].to_numpy()].rename(columns={"region_id": "reported_for"})
    out = out.reset_index(drop=True)
    for column in members.columns.drop("reported_for"):
        out[column] = placed[column].array
    return out
