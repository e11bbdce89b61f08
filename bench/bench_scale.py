"""Benchmark: how ecodash scales with the number of facts. Prints a table of ratios; asserts nothing.

    python bench/bench_scale.py [--sizes 1000 10000 100000] [--runs 5] [--seed 0] [--skip STEP ...] [--no-record]


For each size, a valid synthetic dataset is generated once by bench/generate.py (cached under the system's temp
folder, keyed by size and seed). Then, in each round, every step runs once in the same order (interleaved), and
each figure is the median of the rounds:

- read_csv: pandas reads facts.csv (the floor: parsing alone, no checks);
- frictionless: `frictionless.validate` (in-process Python API, the same library as the CLI) of the folder's
  datapackage.json (the same CSVs with the schemas of ecodash's data package: types, primary keys);
- load_dataset: ecodash's load and validation of every table, cross-reference, seed and quote;
- facts_table, comparison_long, funding_table: the derived tables (ecodash.analysis.indicators);
- export_csv, export_xlsx: the facts table as CSV and XLSX bytes (ecodash.io.export, on the facts table already
  built); export_datapackage: the whole data package zip (ecodash.io.export.datapackage_zip_bytes).

The pipeline is load_dataset plus every derived table and export. Ratios are to read_csv at the same size; the
growth exponent k (time ∝ n^k) is given from each size to the next and from the smallest to the largest.
With 100 000 facts among the sizes, the results are recorded by bench/record.py (section "scale").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import itertools
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import ecodash
from ecodash.analysis import indicators
from ecodash.io import export
from ecodash.text import cues as wording
from ecodash.text import mentions

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from record import growth_exponent, machine, median, record


def _generator():
    spec = importlib.util.spec_from_file_location("bench_generate", HERE / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dataset_folder(n_facts: int, seed: int) -> Path:
    """The data folder of a generated dataset, generated once and kept in the temp folder."""
    root = Path(tempfile.gettempdir()) / "ecodash-bench" / f"{n_facts}-seed{seed}"
    done = root / "complete"
    if not (done.exists() and (root / "data" / "datapackage.json").exists()):  # a --no-check run writes none
        print(f"generating {n_facts} facts in {root} ...", file=sys.stderr, flush=True)
        _generator().generate(n_facts, root, seed)
        done.write_text("bench/generate.py\n", encoding="utf-8")
    return root / "data"


def _frictionless(folder: Path) -> None:
    from frictionless import validate

    report = validate(str(folder / "datapackage.json"))
    if not report.valid:
        raise SystemExit(f"frictionless finds the generated package invalid: {report.flatten(['type', 'note'])[:5]}")


class Context:
    """What one round carries from step to step: the folder, the loaded dataset, the facts table."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.dataset: ecodash.Dataset | None = None
        self.facts: pd.DataFrame | None = None

    def load(self) -> None:
        self.dataset = ecodash.load_dataset(self.folder)

    def facts_table(self) -> None:
        self.facts = indicators.facts_table(self.dataset)


STEPS: dict[str, Callable[[Context], object]] = {
    "read_csv": lambda c: pd.read_csv(c.folder / "facts.csv"),
    "frictionless": lambda c: _frictionless(c.folder),
    "load_dataset": Context.load,
    "facts_table": Context.facts_table,
    "comparison_long": lambda c: indicators.comparison_long(c.dataset),
    "funding_table": lambda c: indicators.funding_table(c.dataset),
    "export_csv": lambda c: export.to_csv_bytes(c.facts),
    "export_xlsx": lambda c: export.to_xlsx_bytes({"facts": c.facts}),
    "export_datapackage": lambda c: export.datapackage_zip_bytes(c.dataset),
}
BASELINES = ("read_csv", "frictionless")
NEEDS = {
    "facts_table": "load_dataset",
    "comparison_long": "load_dataset",
    "funding_table": "load_dataset",
    "export_datapackage": "load_dataset",
    "export_csv": "facts_table",
    "export_xlsx": "facts_table",
}


def measure(folders: dict[int, Path], steps: list[str], runs: int) -> dict[int, dict[str, list[float]]]:
    """Each round times every step at every size, sizes and steps interleaved, so a slower spell of a shared
    machine falls on all of them (growth exponents compare sizes: they must not compare two different spells)."""
    timings = {n: {step: [] for step in steps} for n in folders}
    for round_ in range(runs):
        for n, folder in folders.items():
            mentions.mention_index.cache_clear()  # every load is cold: no seed index kept from an earlier round
            wording.cue_index.cache_clear()
            context = Context(folder)
            for step in steps:
                gc.collect()
                start = time.perf_counter()
                STEPS[step](context)
                timings[n][step].append(time.perf_counter() - start)
            done = ", ".join(f"{s} {timings[n][s][-1]:.3g} s" for s in steps)
            print(f"  round {round_ + 1}/{runs}, {n} facts: {done}", file=sys.stderr, flush=True)
            del context
    return timings


def _label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def table(sizes: list[int], steps: list[str], medians: dict[int, dict[str, float]]) -> tuple[str, dict]:
    pipeline = [s for s in steps if s not in BASELINES]
    for n in sizes:
        medians[n]["pipeline"] = sum(medians[n][s] for s in pipeline)
    rows = [*steps, "pipeline"]
    pairs = list(itertools.pairwise(sizes))
    header = (
        ["step"]
        + [f"{_label(n)} median (s)" for n in sizes]
        + [f"{_label(n)} ÷ read_csv" for n in sizes]
        + [f"k {_label(a)}→{_label(b)}" for a, b in pairs]
        + ([f"k {_label(sizes[0])}→{_label(sizes[-1])}"] if len(sizes) > 2 else [])
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    exponents: dict[str, float] = {}
    for step in rows:
        cells = [step] + [f"{medians[n][step]:.4g}" for n in sizes]
        cells += [f"{medians[n][step] / medians[n]['read_csv']:.1f}×" if "read_csv" in steps else "" for n in sizes]
        for a, b in pairs + ([(sizes[0], sizes[-1])] if len(sizes) > 2 else []):
            k = growth_exponent(a, medians[a][step], b, medians[b][step])
            cells.append(f"{k:.2f}")
            if step not in BASELINES and step != "pipeline" and (a, b) == (sizes[0], sizes[-1]):
                exponents[f"{step} {_label(a)}→{_label(b)}"] = k  # the measure: smallest to largest size
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines), exponents


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (median of these)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip", nargs="*", default=[], choices=list(STEPS), help="steps not to time")
    parser.add_argument("--no-record", action="store_true", help="print only; do not write bench/results.json")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    steps = [s for s in STEPS if s not in args.skip]
    missing = {s: NEEDS[s] for s in steps if s in NEEDS and NEEDS[s] not in steps}
    if missing:
        parser.error(f"these steps need another one: {missing}")
    folders = {n: dataset_folder(n, args.seed) for n in sizes}
    timings = measure(folders, steps, args.runs)
    medians = {n: {step: median(times) for step, times in timings[n].items()} for n in sizes}
    markdown, exponents = table(sizes, steps, medians)
    command = "python bench/bench_scale.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    worst = max(exponents, key=exponents.get) if exponents else None
    summary = (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {machine()}, {args.runs} runs per figure "
        f"(interleaved rounds, median), synthetic datasets of bench/generate.py (seed {args.seed}); "
        "frictionless: in-process `frictionless.validate` of the data package. `pipeline` is the sum of the "
        "steps' medians other than the baselines; each derived table is built from the dataset as a page asks for "
        "it (comparison_long and funding_table build their own facts table)."
    )
    if worst:
        summary += f" Worst growth exponent from the smallest to the largest size: {exponents[worst]:.2f} ({worst})."
    text = f"{markdown}\n\n{summary}\n"
    print(text)
    large = 100_000
    if args.no_record or large not in sizes or not {"read_csv", "frictionless", "load_dataset"} <= set(steps):
        print(
            "(not recorded: recording needs 100000 among the sizes, read_csv, frictionless and load_dataset)",
            file=sys.stderr,
        )
        return
    keys: dict[str, object] = {
        "load_validate_vs_read_csv_100k": round(medians[large]["load_dataset"] / medians[large]["read_csv"], 2),
        "load_validate_vs_frictionless_100k": round(medians[large]["load_dataset"] / medians[large]["frictionless"], 3),
        "load_validate_s_100k": round(medians[large]["load_dataset"], 3),
        "read_csv_s_100k": round(medians[large]["read_csv"], 4),
        "frictionless_s_100k": round(medians[large]["frictionless"], 3),
    }
    if worst:
        keys |= {"growth_exponent": round(exponents[worst], 3), "growth_exponent_step": worst}
    if len(steps) == len(STEPS):  # the pipeline ratio only when every step was timed
        keys["pipeline_vs_read_csv_100k"] = round(medians[large]["pipeline"] / medians[large]["read_csv"], 2)
    else:
        keys["scale_steps_skipped"] = sorted(set(STEPS) - set(steps))
    record("scale", command=command, markdown=text, keys=keys, runs=args.runs)


if __name__ == "__main__":
    main()
