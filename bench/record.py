"""The one place where benchmarks record results: `bench/results.json` (keys) and `bench/RESULTS.md` (tables).

Each benchmark calls `record(section, ...)` with its own keys and a Markdown table. Keys from other sections are
kept, so `results.json` always holds the latest run of every benchmark, and RESULTS.md is rebuilt from it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
from collections.abc import Sequence
from pathlib import Path

RESULTS_JSON = Path(__file__).with_name("results.json")
RESULTS_MD = Path(__file__).with_name("RESULTS.md")
NOTES_DIR = Path(__file__).with_name("notes")
"""`notes/<section>.md`: the analysis under a section's table (before / after, what bounds a missed target, what
was tried), written by people; the tables above them are written only by the benchmarks."""
SECTION_ORDER = ("scale", "browser", "load")


def machine() -> str:
    """One line describing where the numbers were measured (they mean little without it)."""
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        memory_text = f", {memory:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory_text = ""
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores{memory_text}, "
        f"Python {platform.python_version()}"
    )


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def growth_exponent(small_n: int, small_s: float, large_n: int, large_s: float) -> float:
    """The k in time ∝ n^k between two sizes (1.0 is linear)."""
    import math

    return math.log(large_s / small_s) / math.log(large_n / small_n)


def record(section: str, *, command: str, markdown: str, keys: dict[str, object], runs: int) -> None:
    """Merge this run's keys into results.json and rewrite RESULTS.md with every section's latest table."""
    data = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.exists() else {}
    today = dt.date.today().isoformat()
    for stale in data.get("sections", {}).get(section, {}).get("keys", []):  # this section's last run, replaced
        data.pop(stale, None)
    data.update(keys)
    data["date"] = today
    data.setdefault("sections", {})[section] = {
        "command": command,
        "date": today,
        "machine": machine(),
        "runs": runs,
        "markdown": markdown.strip(),
        "keys": sorted(keys),
    }
    RESULTS_JSON.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    RESULTS_MD.write_text(render(data), encoding="utf-8")


def render(data: dict) -> str:
    sections = data.get("sections", {})
    names = [n for n in SECTION_ORDER if n in sections] + sorted(set(sections) - set(SECTION_ORDER))
    lines = [
        "# Benchmark results",
        "",
        (
            "Tables written by the benchmarks in `bench/` (see docs/performance.md), never by hand; the analysis "
            "under each comes from `bench/notes/<section>.md`. "
            "Every ratio is against a baseline measured in the same run, interleaved, as a median."
        ),
        "",
    ]
    for name in names:
        section = sections[name]
        lines += [
            f"## {name}",
            "",
            f"Command: `{section['command']}`  ",
            f"Run on {section['date']}, {section['machine']}, {section['runs']} runs per figure.",
            "",
            section["markdown"],
            "",
        ]
        note = NOTES_DIR / f"{name}.md"
        if note.exists():
            lines += [note.read_text(encoding="utf-8").strip(), ""]
    return "\n".join(lines)
