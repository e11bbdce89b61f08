"""Benchmark: how long loading, validating, comparing and exporting take. Prints figures; asserts nothing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import ecodash
from ecodash import export, indicators, pillars
from ecodash.audit import audit_mentions


def measure(label: str, action: Callable[[], object], *, repeat: int = 7) -> None:
    action()  # warm-up
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    print(f"{label:<44} median {statistics.median(timings):8.1f} ms   min {min(timings):8.1f} ms   (n={repeat})")


def main() -> None:
    dataset = ecodash.load_dataset()
    print(f"dataset: {len(dataset.facts)} facts, {len(dataset.actors)} actors, {len(dataset.seeds)} seeds")
    measure("load_dataset (parse + validate everything)", ecodash.load_dataset)
    measure("facts_table (joins + USD)", lambda: indicators.facts_table(dataset))
    measure("funding_table (annualised)", lambda: indicators.funding_table(dataset))
    measure("comparison_long (5 focus regions)", lambda: indicators.comparison_long(dataset))
    measure("comparison_table (wide labels)", lambda: indicators.comparison_table(dataset))
    measure("overview_slots (rows by comparability class)", lambda: indicators.overview_slots(dataset))
    measure("pillar_matrix (region x pillar)", lambda: pillars.pillar_matrix(dataset))
    measure("audit_mentions (all seeds)", lambda: audit_mentions(dataset))
    measure("facts CSV bytes", lambda: export.to_csv_bytes(indicators.facts_table(dataset)))
    measure("datapackage zip bytes (all tables)", lambda: export.datapackage_zip_bytes(dataset), repeat=3)


if __name__ == "__main__":
    main()
