"""The region hierarchy: validation rejects a cycle in parents, and every walk of it ends even on one."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from ecodash.analysis.regions import region_descendants
from ecodash.ingest.dataset import validate_data_dir
from support import edit_row, read_rows


def test_a_cycle_in_region_parents_is_rejected_once_and_located(data_copy):
    _, regions = read_rows(data_copy / "regions.csv")
    china = next(i for i, r in enumerate(regions) if r["region_id"] == "china")
    edit_row(data_copy, "regions", china, parent_id="guangdong", level="country")  # china -> guangdong -> china
    problems = [str(p) for p in validate_data_dir(data_copy)[2] if "cycle" in p.reason]
    assert len(problems) == 1, problems
    assert problems[0].endswith("parent_id: cycle in region parents: guangdong -> china -> guangdong") or problems[
        0
    ].endswith("parent_id: cycle in region parents: china -> guangdong -> china"), problems


def test_walking_down_a_cyclic_hierarchy_ends():
    regions = pd.DataFrame({"region_id": ["a", "b", "c"], "parent_id": ["c", "a", "b"]})  # a -> c -> b -> a
    assert sorted(region_descendants(SimpleNamespace(regions=regions), "a")) == ["a", "b", "c"]
