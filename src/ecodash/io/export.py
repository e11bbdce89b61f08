"""The export functions in one place, as the Python API documents them (`from ecodash import export`).

Each lives in its own module: tables (what is exported), csv, json, xlsx, datapackage, and formats (the registry the
command line and the Data & export page read).
"""

from __future__ import annotations

from ecodash.io.csv import read_facts_csv, to_csv_bytes, to_spreadsheet_csv_bytes
from ecodash.io.datapackage import (
    LICENSE,
    ZIP_LEVEL,
    datapackage_descriptor,
    datapackage_files,
    datapackage_zip_bytes,
    seed_files,
    write_datapackage,
)
from ecodash.io.formats import FORMATS
from ecodash.io.json import to_json_bytes, to_json_tables_bytes
from ecodash.io.tables import EXPORT_TABLES, build_table, export_all_frames
from ecodash.io.xlsx import to_xlsx_bytes

__all__ = [
    "EXPORT_TABLES",
    "FORMATS",
    "LICENSE",
    "ZIP_LEVEL",
    "build_table",
    "datapackage_descriptor",
    "datapackage_files",
    "datapackage_zip_bytes",
    "export_all_frames",
    "read_facts_csv",
    "seed_files",
    "to_csv_bytes",
    "to_json_bytes",
    "to_json_tables_bytes",
    "to_spreadsheet_csv_bytes",
    "to_xlsx_bytes",
    "write_datapackage",
]
