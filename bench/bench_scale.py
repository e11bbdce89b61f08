"""Benchmark: how ecodash scales with the number of facts. Prints tables of ratios; asserts nothing.

    python bench/bench_scale.py [--sizes 1000 10000 100000] [--runs 5] [--seed 0] [--skip STEP ...] [--no-record]


For each size, a valid synthetic dataset is generated once by bench/generate.py (cached under the system's temp
folder, keyed by size and seed). Then, in each round, every step runs once in the same order (interleaved), and
each figure is the median of the rounds:

- read_csv: pandas reads facts.csv (the floor of loading: parsing alone, no checks);
- frictionless: `frictionless.validate` (in-process Python API, the same library as the CLI) of the folder's
  datapackage.json (the same CSVs with the schemas of ecodash's data package: types, primary keys);
- validate_cold: `load_dataset`, ecodash's full validation of every table, cross-reference, seed and quote (the
  validated-table cache is not used; the seed indexes are cleared before each round);
- load_warm: the app's load (`ecodash.ingest.cache.cached_dataset`) on a cache hit: every input file read and
  hashed, the tables read from Parquet (the cache folder is a temporary one, filled before the first round);
- the tables the pages ask for (each from the dataset, as the app's caches build them, at the default FX basis):
  facts_table (Data & export), comparison_long (Compare at its default regions, the focus regions),
  comparison_table (Overview's region x indicator table), funding_table (Funding), overview_slots (Overview's
  cells), pillar_matrix (Pillars); page_tables is their sum;
- export_frames: every table an export holds (`export_all_frames`, built once and shared by the exports);
- export_csv, export_xlsx, export_datapackage: the Data & export page's whole-dataset files written from those
  frames (the facts CSV, the XLSX workbook, the data-package zip), each beside its floor: floor_csv (pandas
  `to_csv` of the facts frame), floor_xlsx (pandas `to_excel` of every frame, openpyxl, one sheet each),
  floor_datapackage (pandas `to_csv` of every frame and the seed files, zipped at the package's level).

Ratios are to read_csv at the same size, an export's to its floor; the growth exponent k (time ∝ n^k) is given from
each size to the next and from the smallest to the largest. With 100 000 facts among the sizes, the results are
recorded by bench/record.py (section "scale").
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import io
import itertools
import os
import shlex
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

import ecodash
from ecodash.analysis import indicators, pillars
from ecodash.ingest import cache
from ecodash.io import export
from ecodash.io.datapackage import ZIP_LEVEL
from ecodash.io.formats import FORMATS
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


def _floor_xlsx(frames: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in frames.items():
            frame.to_excel(writer, sheet_name=name[:31], index=False)
    return buffer.getvalue()


def _floor_datapackage(frames: dict[str, pd.DataFrame], dataset: ecodash.Dataset) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for name, frame in frames.items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False).encode("utf-8"))
        for source_id, text in dataset.seeds.items():
            archive.writestr(f"seeds/{source_id}.txt", text.encode("utf-8"))
    return buffer.getvalue()


class Context:
    """What one round carries from step to step: the folder, the loaded dataset, the export frames."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.dataset: ecodash.Dataset | None = None
        self.frames: dict[str, pd.DataFrame] | None = None

    def validate(self) -> None:
        self.dataset = ecodash.load_dataset(self.folder)

    def warm(self) -> None:
        cache.cached_dataset(self.folder)

    def export_frames(self) -> None:
        self.frames = export.export_all_frames(self.dataset)


STEPS: dict[str, Callable[[Context], object]] = {
    "read_csv": lambda c: pd.read_csv(c.folder / "facts.csv"),
    "frictionless": lambda c: _frictionless(c.folder),
    "validate_cold": Context.validate,
    "load_warm": Context.warm,
    "facts_table": lambda c: indicators.facts_table(c.dataset),
    "comparison_long": lambda c: indicators.comparison_long(c.dataset, region_ids=c.dataset.focus_region_ids()),
    "comparison_table": lambda c: indicators.comparison_table(c.dataset),
    "funding_table": lambda c: indicators.funding_table(c.dataset),
    "overview_slots": lambda c: indicators.overview_slots(c.dataset),
    "pillar_matrix": lambda c: pillars.pillar_matrix(c.dataset),
    "export_frames": Context.export_frames,
    "export_csv": lambda c: FORMATS["csv"].write_table("facts", c.frames["facts"]),
    "floor_csv": lambda c: c.frames["facts"].to_csv(index=False).encode("utf-8"),
    "export_xlsx": lambda c: FORMATS["xlsx"].write_tables(c.dataset, c.frames),
    "floor_xlsx": lambda c: _floor_xlsx(c.frames),
    "export_datapackage": lambda c: FORMATS["datapackage"].write_tables(c.dataset, c.frames),
    "floor_datapackage": lambda c: _floor_datapackage(c.frames, c.dataset),
}
BASELINES = ("read_csv", "frictionless", "floor_csv", "floor_xlsx", "floor_datapackage")
PAGE_TABLES = ("facts_table", "comparison_long", "comparison_table", "funding_table", "overview_slots", "pillar_matrix")
EXPORTS = {"export_csv": "floor_csv", "export_xlsx": "floor_xlsx", "export_datapackage": "floor_datapackage"}
NEEDS = {
    **dict.fromkeys(PAGE_TABLES, "validate_cold"),
    "export_frames": "validate_cold",
    **dict.fromkeys([*EXPORTS, *EXPORTS.values()], "export_frames"),
}


def prime_cache(folders: dict[int, Path]) -> None:
    """Fill the (temporary) cache folder with an entry per dataset, so every load_warm is a hit."""
    for folder in folders.values():
        cache.cached_dataset(folder)


def measure(folders: dict[int, Path], steps: list[str], runs: int) -> dict[int, dict[str, list[float]]]:
    """Each round times every step at every size, sizes and steps interleaved, so a slower spell of a shared
    machine falls on all of them (growth exponents compare sizes: they must not compare two different spells)."""
    timings = {n: {step: [] for step in steps} for n in folders}
    for round_ in range(runs):
        for n, folder in folders.items():
            mentions.mention_index.cache_clear()  # every validation is cold: no seed index kept from an earlier round
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


def table(sizes: list[int], steps: list[str], medians: dict[int, dict[str, float]]) -> tuple[str, dict, dict]:
    """The main table (each step, its ratio to read_csv, its growth exponents), the exports table (each export
    against its floor), and every growth exponent of the steps ((step, from, to) -> k)."""
    rows = list(steps)
    if set(PAGE_TABLES) <= set(steps):
        for n in sizes:
            medians[n]["page_tables"] = sum(medians[n][s] for s in PAGE_TABLES)
        rows.insert(rows.index(PAGE_TABLES[-1]) + 1, "page_tables")
    pairs = list(itertools.pairwise(sizes))
    spans = pairs + ([(sizes[0], sizes[-1])] if len(sizes) > 2 else [])
    header = (
        ["step"]
        + [f"{_label(n)} median (s)" for n in sizes]
        + [f"{_label(n)} ÷ read_csv" for n in sizes]
        + [f"k {_label(a)}→{_label(b)}" for a, b in spans]
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    exponents: dict[tuple[str, int, int], float] = {}
    for step in rows:
        cells = [step] + [f"{medians[n][step]:.4g}" for n in sizes]
        cells += [f"{medians[n][step] / medians[n]['read_csv']:.1f}×" if "read_csv" in steps else "" for n in sizes]
        for a, b in spans:
            k = growth_exponent(a, medians[a][step], b, medians[b][step])
            cells.append(f"{k:.2f}")
            if step not in BASELINES and step != "page_tables":
                exponents[(step, a, b)] = k
        lines.append("| " + " | ".join(cells) + " |")
    exports = [e for e, floor in EXPORTS.items() if e in steps and floor in steps]
    export_lines = []
    if exports:
        export_lines = [
            "| export | floor | " + " | ".join(f"{_label(n)} ÷ floor" for n in sizes) + " |",
            "|---|---|" + "---|" * len(sizes),
        ]
        for step in exports:
            ratios = [f"{medians[n][step] / medians[n][EXPORTS[step]]:.2f}×" for n in sizes]
            export_lines.append(f"| {step} | {EXPORTS[step]} | " + " | ".join(ratios) + " |")
    markdown = "\n".join(lines) + ("\n\n" + "\n".join(export_lines) if export_lines else "")
    return (
        markdown,
        exponents,
        {step: {n: medians[n][step] / medians[n][EXPORTS[step]] for n in sizes} for step in exports},
    )


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
    cache_folder = Path(tempfile.mkdtemp(prefix="ecodash-bench-cache-"))
    os.environ[cache.CACHE_DIR_ENV] = str(cache_folder)  # load_warm's hits; never the user's cache
    os.environ.pop(cache.CACHE_SWITCH_ENV, None)
    try:
        if "load_warm" in steps:
            prime_cache(folders)
        timings = measure(folders, steps, args.runs)
    finally:
        shutil.rmtree(cache_folder, ignore_errors=True)
    medians = {n: {step: median(times) for step, times in timings[n].items()} for n in sizes}
    markdown, exponents, floors = table(sizes, steps, medians)
    command = "python bench/bench_scale.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    first, last = sizes[0], sizes[-1]
    whole = {step: k for (step, a, b), k in exponents.items() if (a, b) == (first, last)}
    worst = max(whole, key=whole.get) if whole else None
    worst_pair = max(exponents, key=exponents.get) if exponents else None
    summary = (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {machine()}, {args.runs} runs per figure "
        f"(interleaved rounds, median), synthetic datasets of bench/generate.py (seed {args.seed}); "
        "frictionless: in-process `frictionless.validate` of the data package. validate_cold: `load_dataset`, no "
        "cache; load_warm: the app's load on a cache hit. `page_tables` is the sum of the six tables the pages ask "
        "for, each built from the dataset as the app's caches build it (the tables kept per dataset, such as the "
        "facts table, built once and shared, as in the app). Each "
        "export is written from `export_frames` and compared with its floor (pandas writing the same frames)."
    )
    if worst:
        summary += f" Worst growth exponent from the smallest to the largest size: {whole[worst]:.2f} ({worst})"
    if worst_pair:
        step, a, b = worst_pair
        summary += f"; from one size to the next: {exponents[worst_pair]:.2f} ({step} {_label(a)}→{_label(b)})."
    text = f"{markdown}\n\n{summary}\n"
    print(text)
    large = 100_000
    if args.no_record or large not in sizes or not {"read_csv", "frictionless", "validate_cold"} <= set(steps):
        print(
            "(not recorded: recording needs 100000 among the sizes, read_csv, frictionless and validate_cold)",
            file=sys.stderr,
        )
        return
    at = medians[large]
    keys: dict[str, object] = {
        "validate_cold_vs_read_csv_100k": round(at["validate_cold"] / at["read_csv"], 2),
        "validate_cold_vs_frictionless_100k": round(at["validate_cold"] / at["frictionless"], 3),
        "validate_cold_s_100k": round(at["validate_cold"], 3),
        "read_csv_s_100k": round(at["read_csv"], 4),
        "frictionless_s_100k": round(at["frictionless"], 3),
    }
    if "load_warm" in at:
        keys["load_warm_vs_read_csv_100k"] = round(at["load_warm"] / at["read_csv"], 2)
        keys["load_warm_s_100k"] = round(at["load_warm"], 3)
    if "page_tables" in at:
        keys["page_tables_vs_read_csv_100k"] = round(at["page_tables"] / at["read_csv"], 2)
        keys["page_tables_s_100k"] = round(at["page_tables"], 3)
    if floors:
        for step, ratios in floors.items():
            keys[f"{step}_vs_floor_100k"] = round(ratios[large], 3)
        worst_export = max(floors, key=lambda step: floors[step][large])
        keys["exports_vs_floor_100k"] = round(floors[worst_export][large], 3)
        keys["exports_vs_floor_step"] = worst_export
    if worst:
        keys |= {
            "growth_exponent": round(whole[worst], 3),
            "growth_exponent_step": f"{worst} {_label(first)}→{_label(last)}",
            "growth_exponents_1k_100k": {step: round(k, 3) for step, k in sorted(whole.items())},
        }
    if worst_pair:
        step, a, b = worst_pair
        keys["growth_exponent_worst_pair"] = round(exponents[worst_pair], 3)
        keys["growth_exponent_worst_pair_step"] = f"{step} {_label(a)}→{_label(b)}"
    if len(steps) < len(STEPS):
        keys["scale_steps_skipped"] = sorted(set(STEPS) - set(steps))
    record("scale", command=command, markdown=text, keys=keys, runs=args.runs)


if __name__ == "__main__":
    main()
