"""docs/data-dictionary.md, generated from the column registry: every curated and exported table, column by column.

Regenerate it with `python -m ecodash.io.dictionary > docs/data-dictionary.md` (tests/test_dictionary.py fails
when the file is out of date). It is in English, as docs/ and the data package's descriptor are; the registry's
French descriptions are for the dashboard's French pages.
"""

from __future__ import annotations

import sys

from ecodash import i18n
from ecodash.ingest.dataset import Dataset, load_dataset, localized
from ecodash.io.tables import AS_STORED, export_all_frames
from ecodash.schema.columns import Column, column, derived_columns, describe
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS, table_columns

COMMAND = "python -m ecodash.io.dictionary > docs/data-dictionary.md"

INTRO = f"""# Data dictionary

<!-- Generated from src/ecodash/schema/columns.py: do not edit; run `{COMMAND}`. -->

Every column ecodash stores in `data/` or adds in an export, as the column registry
(`src/ecodash/schema/columns.py`) declares it; the data package's `datapackage.json` carries the same
descriptions. Types are those of the data package; a *list of ids* is ids separated by `;` in one cell. An empty
cell is a missing value, never 0.

Texts a person reads have a sibling in French named after them (`name` and `name_fr`); quotes stay French beside
their English translation (`quote`, `quote_en`). An export made in French fills a text column from its French
sibling (`name` holds `name_fr`'s text) and writes names, labels and derivations in French; ids and numbers never
change.
"""


def _type(entry: Column) -> str:
    return "list of ids" if entry.dtype == "list" else entry.frictionless_type


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(table: str, names, *, required: set[str] | None = None) -> list[str]:
    header = "| Column | Type | Required | Description |" if required is not None else "| Column | Type | Description |"
    lines = [header, "|---|---|---|---|" if required is not None else "|---|---|---|"]
    for name in names:
        entry = column(table, name)
        cells = [f"`{name}`", _type(entry)]
        if required is not None:
            cells.append("yes" if name in required else "")
        cells.append(_cell(describe(table, name)))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def data_dictionary(dataset: Dataset) -> str:
    """The Markdown of docs/data-dictionary.md; `dataset` gives the exports' column order (any dataset gives the same
    columns)."""
    with i18n.use("en"):
        frames = export_all_frames(localized(dataset, "en"))
    lines = [INTRO, "## Curated tables (`data/`)", ""]
    for table, model in TABLE_MODELS.items():
        key = ID_COLUMNS.get(table)
        lines += [f"### `data/{table}.csv`", ""]
        if key:
            lines += [f"One row per `{key}`.", ""]
        required = {name for name, field in model.model_fields.items() if field.is_required()}
        lines += [*_rows(table, table_columns(table), required=required), ""]
    lines += [
        "## Exported tables",
        "",
        "`ecodash export TABLE` and the *Data & export* page write these tables (CSV, JSON, XLSX, or all of them in a "
        + "data package).",
        "",
    ]
    for table, frame in frames.items():
        lines += [f"### `{table}`", ""]
        if table in AS_STORED:
            added = [name for name in frame.columns if name in derived_columns(table)]
            lines.append(f"The columns of `data/{table}.csv`" + (", and:" if added else "."))
            lines += ["", *_rows(table, added), ""] if added else [""]
            continue
        lines += [*_rows(table, frame.columns), ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    sys.stdout.write(data_dictionary(load_dataset()))
