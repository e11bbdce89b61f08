"""The export-format registry: each format's name, extension, MIME type and writers, read by the CLI and the page."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import openpyxl.cell._writer
import openpyxl.compat

from ecodash.io import export, formats
from ecodash.io.formats import FORMATS


def test_each_format_writes_what_its_writer_function_writes(dataset):
    frames = export.export_all_frames(dataset)
    facts = frames["facts"]
    assert FORMATS["csv"].write_table("facts", facts) == export.to_spreadsheet_csv_bytes(facts)
    assert FORMATS["json"].write_table("facts", facts) == export.to_json_bytes(facts)
    assert FORMATS["json"].write_tables(dataset, frames) == export.to_json_tables_bytes(frames)
    assert openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].write_table("facts", facts))).sheetnames == ["facts"]
    assert openpyxl.load_workbook(io.BytesIO(FORMATS["xlsx"].write_tables(dataset, frames))).sheetnames == list(frames)
    package = zipfile.ZipFile(io.BytesIO(FORMATS["datapackage"].write_tables(dataset, frames)))
    assert json.loads(package.read("datapackage.json"))["name"] == "ecodash"
    assert FORMATS["csv"].write_tables is None and FORMATS["datapackage"].write_table is None


def test_file_names_mime_types_and_download_keys():
    assert [f.file_name() for f in FORMATS.values()] == [
        "ecodash.csv",
        "ecodash.xlsx",
        "ecodash.json",
        "ecodash-datapackage.zip",
    ]
    assert FORMATS["csv"].file_name("facts") == "ecodash-facts.csv"
    assert {f.kind: f.mime for f in FORMATS.values()} == {
        "csv": "text/csv",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json",
        "zip": "application/zip",
    }
    assert formats.by_kind("zip") is FORMATS["datapackage"]
    assert [name for name, f in FORMATS.items() if f.binary] == ["xlsx", "datapackage"]


def test_writing_xlsx_patches_nothing_in_openpyxl(dataset):
    export.to_xlsx_bytes({"facts": export.build_table(dataset, "facts")})
    assert openpyxl.cell._writer.safe_string is openpyxl.compat.safe_string


def test_every_download_names_its_file_and_mime_type_from_one_file_type():
    assert formats.CSV.file_name("facts") == "facts.csv" and formats.ZIP.mime == "application/zip"
    assert {f.file_type for f in FORMATS.values()} == {formats.CSV, formats.XLSX, formats.JSON, formats.ZIP}


def test_the_registry_loads_openpyxl_only_to_write_a_workbook():
    """Pages read file names and MIME types from it on every draw: that loads no openpyxl, a workbook does."""
    import subprocess
    import sys

    code = (
        "import sys, pandas as pd\n"
        "from ecodash.io.formats import FORMATS\n"
        "print('openpyxl' in sys.modules)\n"
        "FORMATS['xlsx'].write_table('facts', pd.DataFrame({'a': [1]}))\n"
        "print('openpyxl' in sys.modules)\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["False", "True"]
