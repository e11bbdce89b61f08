"""Helpers shared by the tests (importable as `support`; conftest.py holds only fixtures)."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_row(data_dir: Path, table: str, index: int, **changes: str) -> dict[str, str]:
    """Change cells of record `index` (0-based; it sits on line index + 2) and return the edited row."""
    path = data_dir / f"{table}.csv"
    header, rows = read_rows(path)
    rows[index].update(changes)
    write_rows(path, header, rows)
    return rows[index]
