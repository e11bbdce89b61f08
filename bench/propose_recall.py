"""Benchmark: how many curated facts `ecodash propose` finds in each seed (recall), and how many of its
proposals are curated facts (precision). A proposal matches a curated fact of the same seed with the same value
(numbers.matches), unit and qualifier; each curated fact is matched at most once. Prints a table."""

from __future__ import annotations

import time
from fractions import Fraction

import pandas as pd

import ecodash
from ecodash.dataset import Dataset
from ecodash.numbers import matches
from ecodash.propose import propose

COLUMNS = ["seed", "curated facts", "proposals", "matched", "recall", "precision"]


def _same(proposal: pd.Series, fact: pd.Series) -> bool:
    return (
        matches(Fraction(float(proposal["value"])), float(fact["value"]))
        and proposal["unit"] == fact["unit"]
        and proposal["qualifier"] == fact["qualifier"]
    )


def matched_count(proposals: pd.DataFrame, curated: pd.DataFrame) -> int:
    """Proposals paired one to one with a curated fact of the same value, unit and qualifier."""
    unmatched = list(curated.index)
    count = 0
    for _, proposal in proposals.iterrows():
        pair = next((index for index in unmatched if _same(proposal, curated.loc[index])), None)
        if pair is not None:
            unmatched.remove(pair)
            count += 1
    return count


def measure(dataset: Dataset) -> pd.DataFrame:
    """One row per seed, then a total row: curated facts, proposals, matched, recall and precision."""
    rows = []
    facts = dataset.facts
    for source in dataset.sources.itertuples():
        text = dataset.seeds[source.source_id]
        proposal = propose(text, dataset=dataset, source_id=source.source_id, seed_file=source.seed_file)
        curated = facts.loc[facts["source_id"] == source.source_id]
        rows.append([source.seed_file, len(curated), len(proposal.facts), matched_count(proposal.facts, curated)])
    table = pd.DataFrame(rows, columns=COLUMNS[:4])
    table.loc[len(table)] = ["total", *table[COLUMNS[1:4]].sum()]
    table["recall"] = (table["matched"] / table["curated facts"]).round(2)
    table["precision"] = (table["matched"] / table["proposals"]).round(2)
    return table


def main() -> None:
    dataset = ecodash.load_dataset()
    start = time.perf_counter()
    table = measure(dataset)
    elapsed = time.perf_counter() - start
    print(table.to_markdown(index=False) if _has_tabulate() else table.to_string(index=False))
    print(f"\n(propose on the five seeds, with matching: {elapsed:.2f} s)")


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
