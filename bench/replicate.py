"""An in-memory dataset of N facts for profiling: the curated facts replicated with new fact_ids.

No validation (the frames are built directly): this is for timing derived tables, not for the contract.
Each copy's values are scaled by a tiny factor (stated_usd too, so article-implied rates stay the same) so
that labels are not all identical and a cache keyed on values cannot make a run look faster than real data.

    python bench/replicate.py 10000   # prints the size and times facts_table once
"""

from __future__ import annotations

import sys

import pandas as pd

import ecodash
from ecodash.ingest.dataset import Dataset


def replicate(dataset: Dataset, n_facts: int) -> Dataset:
    """`dataset` with its facts repeated (and renumbered fact_id 'f<copy>_<id>') until it holds `n_facts`."""
    facts = dataset.facts
    copies = -(-n_facts // len(facts))
    frames = []
    for copy in range(copies):
        frame = facts.copy()
        if copy:
            scale = 1 + copy / (copies * 1000)
            frame["fact_id"] = f"r{copy}_" + frame["fact_id"]
            frame["value"] = frame["value"] * scale
            frame["stated_usd"] = frame["stated_usd"] * scale
        frames.append(frame)
    big = pd.concat(frames, ignore_index=True).iloc[:n_facts].reset_index(drop=True)
    tables = {name: dataset.table(name) for name in Dataset.TABLES}
    tables["facts"] = big
    return Dataset(tables, dict(dataset.seeds), dataset.data_dir, key=f"{dataset.key}#replicated{n_facts}")


def main() -> None:
    import time

    from ecodash.analysis import indicators

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    big = replicate(ecodash.load_dataset(), n)
    start = time.perf_counter()
    indicators.facts_table(big)
    print(f"{len(big.facts)} facts: facts_table {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
