"""docs/data-dictionary.md is generated from the column registry and kept up to date (datasette's test_docs.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ecodash.io import dictionary
from ecodash.io.tables import EXPORT_TABLES
from ecodash.schema.columns import COLUMNS
from ecodash.schema.models import TABLE_MODELS

DOCS = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"


def test_the_data_dictionary_is_up_to_date(dataset):
    assert DOCS.read_text(encoding="utf-8") == dictionary.data_dictionary(dataset), (
        f"docs/data-dictionary.md is out of date: run `{dictionary.COMMAND}` and commit it"
    )


def test_the_dictionary_has_every_table_and_every_description(dataset):
    text = dictionary.data_dictionary(dataset)
    assert all(f"### `data/{table}.csv`" in text for table in TABLE_MODELS)
    assert all(f"### `{table}`" in text for table in EXPORT_TABLES)
    described = {entry.description.replace("|", "\\|") for entry in COLUMNS.values()}
    assert [d for d in described if d not in text] == [], "every registry entry appears in the dictionary"
    assert "| `fx_basis` | string | The rate used: wdi (World Bank official rate)" in text
    assert "| `units_per_usd` | number | yes |" in text and "| `region_ids` | list of ids | yes |" in text


def test_the_command_writes_the_dictionary(dataset):
    result = subprocess.run(
        [sys.executable, "-m", "ecodash.io.dictionary"], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    assert result.stdout == dictionary.data_dictionary(dataset)
