"""Benchmark: how many curated facts `ecodash propose` finds in each seed (recall), and how many of its
proposals are curated facts (precision). A proposal matches a curated fact of the same seed with the same value
(numbers.matches), unit and qualifier; each curated fact is matched at most once. Prints a table."""

from __future__ import annotations

import time
from fractions import Fraction

import pandas as pd

import ecodash
from ecodash.drafting.propose import propose
from ecodash.ingest.dataset import Dataset
from ecodash.text.numbers import matches

COLUMNS = ["seed", "curated facts", "proposals", "matched", "recall", "precision"]


def _same(proposal: pd.Series, fact: pd.Series) -> bool:
    return (
        matches(Fraction(float(proposal["value"])), float(fact["value"]))
        and proposal["unit"] == fact["unit"]
        and proposal["qualifier"] == fact["qualifier"]
    )


def matched_pairs(proposals: pd.DataFrame, curated: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """(proposal, curated fact) pairs of the same value, unit and qualifier, each curated fact used once."""
    unmatched = list(curated.index)
    pairs = []
    for _, proposal in proposals.iterrows():
        pair = next((index for index in unmatched if _same(proposal, curated.loc[index])), None)
        if pair is not None:
            unmatched.remove(pair)
            pairs.append((proposal, curated.loc[pair]))
    return pairs


def measure(dataset: Dataset) -> tuple[pd.DataFrame, list[tuple[pd.Series, pd.Series]]]:
    """One row per seed, then a total row (curated facts, proposals, matched, recall, precision); and the matched
    (proposal, curated fact) pairs."""
    rows, pairs = [], []
    facts = dataset.facts
    for source in dataset.sources.itertuples():
        text = dataset.seeds[source.source_id]
        proposal = propose(text, dataset=dataset, source_id=source.source_id, seed_file=source.seed_file)
        curated = facts.loc[facts["source_id"] == source.source_id]
        matched = matched_pairs(proposal.facts, curated)
        pairs += matched
        rows.append([source.seed_file, len(curated), len(proposal.facts), len(matched)])
    table = pd.DataFrame(rows, columns=COLUMNS[:4])
    table.loc[len(table)] = ["total", *table[COLUMNS[1:4]].sum()]
    table["recall"] = (table["matched"] / table["curated facts"]).round(2)
    table["precision"] = (table["matched"] / table["proposals"]).round(2)
    return table, pairs


def agreement(pairs: list[tuple[pd.Series, pd.Series]]) -> pd.DataFrame:
    """For the matched facts: how often each guessed field is filled, and how often it equals the curated one."""
    rows = []
    for field in ("region_id", "indicator_id", "status", "ai_specificity", "stated_usd", "period_start", "period_end"):
        filled = [(p, c) for p, c in pairs if pd.notna(p[field])]
        same = sum(str(p[field]).removesuffix(".0") == str(c[field]).removesuffix(".0") for p, c in filled)
        rows.append([field, len(pairs), len(filled), same])
    return pd.DataFrame(rows, columns=["field", "matched facts", "filled", "same as curated"])


def main() -> None:
    dataset = ecodash.load_dataset()
    start = time.perf_counter()
    table, pairs = measure(dataset)
    elapsed = time.perf_counter() - start
    for frame in (table, agreement(pairs)):
        print(frame.to_markdown(index=False) if _has_tabulate() else frame.to_string(index=False), end="\n\n")
    print(f"(propose on the {len(dataset.sources)} seeds, with matching: {elapsed:.2f} s)")


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    main()
