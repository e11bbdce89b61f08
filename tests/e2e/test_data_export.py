"""Data & export in a browser: the downloaded files are exactly what the package and the CLI produce."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

import ecodash
from ecodash.analysis import comparability, indicators
from ecodash.io import export

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def _download(app, button_label: str) -> bytes:
    with app.page.expect_download() as download:
        app.page.get_by_role("button", name=button_label).click()
    return download.value.path().read_bytes()


def _csv_rows(data: bytes) -> tuple[list[str], list[tuple[str, ...]]]:
    header, *rows = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    return header, [tuple(row) for row in rows]


def test_filtered_csv_is_the_view_byte_for_byte_and_matches_the_cli(app):
    app.goto("/data?region=shanghai&status=target")
    expect(app.chip_locator("Region")).to_have_text(["Shanghai"])
    expect(app.chip_locator("Status")).to_have_text(["target"])

    downloaded = _download(app, "Download this view (CSV)")

    ds = ecodash.load_dataset(ecodash.default_data_dir())
    view = indicators.filter_facts(indicators.facts_table(ds), region_id=["shanghai"], status=["target"])
    assert downloaded == export.to_spreadsheet_csv_bytes(comparability.annotate(view))
    cli = subprocess.run(
        [sys.executable, "-m", "ecodash", "export", "facts", "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr.decode()
    cli_header, cli_rows = _csv_rows(cli.stdout)
    header, rows = _csv_rows(downloaded)
    region, status = cli_header.index("region_id"), cli_header.index("status")
    cli_shanghai_targets = [row for row in cli_rows if row[region] == "shanghai" and row[status] == "target"]
    # the view adds its comparability columns after the export's own, which it keeps as they are
    assert header[: len(cli_header)] == cli_header
    assert header[len(cli_header) :] == [
        "comparability_class",
        "class_label",
        "headline_class",
        "in_headline_class",
        "difference_note",
    ]
    assert rows and sorted(row[: len(cli_header)] for row in rows) == sorted(cli_shanghai_targets)


def test_whole_dataset_downloads_are_valid_files(app):
    app.goto("/data")

    package = _download(app, "Frictionless data package (zip)")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert archive.testzip() is None
        descriptor = json.loads(archive.read("datapackage.json"))
        resource_paths = {resource["path"] for resource in descriptor["resources"]}
        assert "facts.csv" in resource_paths and resource_paths <= set(archive.namelist())

    workbook = openpyxl.load_workbook(io.BytesIO(_download(app, "Whole dataset (XLSX)")), read_only=True)
    assert "facts" in workbook.sheetnames
    facts_rows = list(workbook["facts"].iter_rows(values_only=True))
    assert facts_rows[0][0] == "fact_id" and len(facts_rows) - 1 == len(ecodash.load_dataset().facts)
