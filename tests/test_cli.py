"""The `ecodash` command (run in-process through `cli.main`): exports to stdout and files, usage errors without
tracebacks, the audit."""

from __future__ import annotations

import json

import pandas as pd

from ecodash.analysis import indicators
from ecodash.io import export
from ecodash.schema import vocabularies
from support import run_cli as ecodash


def test_export_facts_csv_to_stdout_is_the_export_function(dataset):
    result = ecodash("export", "facts", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout == export.to_spreadsheet_csv_bytes(indicators.facts_table(dataset))


def test_export_json_with_article_fx_basis(dataset):
    result = ecodash("export", "funding", "--format", "json", "--fx-basis", "article_implied")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert {r["fact_id"] for r in records} == set(indicators.funding_table(dataset)["fact_id"])


def test_export_xlsx_needs_an_output_file(tmp_path):
    result = ecodash("export", "facts", "--format", "xlsx")
    assert result.returncode == 2
    assert b"xlsx is binary: give --output FILE.xlsx" in result.stderr
    out = tmp_path / "facts.xlsx"
    assert ecodash("export", "facts", "--format", "xlsx", "--output", str(out)).returncode == 0
    assert pd.read_excel(out)["fact_id"].is_unique


def test_export_all_as_datapackage_folder(tmp_path):
    result = ecodash("export", "all", "--format", "datapackage", "--output", str(tmp_path / "pkg"))
    assert result.returncode == 0, result.stderr
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in descriptor["resources"]}
    assert "facts.csv" in paths and len(paths) == len(descriptor["resources"]) > 1
    assert paths <= {p.name for p in (tmp_path / "pkg").iterdir()}


def test_unknown_table_is_a_usage_error_not_a_traceback():
    result = ecodash("export", "gossip")
    assert result.returncode == 2
    assert b"unknown table 'gossip'" in result.stderr and b"Traceback" not in result.stderr


def test_fx_year_without_rates_leaves_money_unconverted_with_the_reason():
    result = ecodash("export", "facts", "--fx-year", "1990")
    assert result.returncode == 0, result.stderr
    facts = export.read_facts_csv(result.stdout)
    foreign = facts.loc[vocabularies.money_mask(facts["unit"]) & (facts["unit"] != "USD")]
    assert not foreign.empty and foreign["value_usd"].isna().all()  # empty, never 0
    assert foreign["fx_derivation"].str.contains("no World Bank WDI official rate for .* in or before 1990").all()


def test_unwritable_output_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = ecodash("export", "facts", "--output", str(blocker / "facts.csv"))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.startswith(b"ecodash: error: ") and str(blocker).encode() in result.stderr, result.stderr


def test_missing_data_dir_is_reported(tmp_path):
    result = ecodash("validate", "--data-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert b"no such data folder" in result.stderr


def test_audit_reports_full_coverage():
    result = ecodash("audit")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.decode().rstrip().endswith("coverage: 100.0 %")


def test_export_all_as_json_holds_every_table(dataset):
    result = ecodash("export", "all", "--format", "json")
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)
    assert set(tables) == set(export.EXPORT_TABLES)
    assert [r["fact_id"] for r in tables["facts"]] == indicators.facts_table(dataset)["fact_id"].tolist()


def test_a_format_of_every_table_refuses_one_table_and_csv_refuses_all():
    one = ecodash("export", "facts", "--format", "datapackage")
    assert one.returncode == 2
    assert b"--format datapackage exports every table: use `ecodash export all --format datapackage`" in one.stderr
    every = ecodash("export", "all", "--format", "csv")
    assert every.returncode == 2
    assert b"csv holds one table: name a table, or use --format xlsx|json|datapackage for all" in every.stderr


def test_the_format_choices_are_the_registry():
    result = ecodash("export", "facts", "--format", "parquet")
    assert result.returncode == 2
    assert b"(choose from 'csv', 'xlsx', 'json', 'datapackage')" in result.stderr
