"""Exports: the facts CSV contract, exact round trips, XLSX sheets, and a valid Frictionless data package."""

from __future__ import annotations

import io
import json
import zipfile

import openpyxl
import pandas as pd
import pytest

from ecodash import i18n
from ecodash.analysis import indicators
from ecodash.ingest.dataset import localized
from ecodash.io import export
from ecodash.schema import columns

FACTS_CONTRACT = [
    "fact_id",
    "region_id",
    "region_name",
    "indicator_id",
    "indicator_name",
    "category",
    "value",
    "unit",
    "qualifier",
    "status",
    "ai_specificity",
    "geo_reach",
    "funder",
    "pillar_ids",
    "value_usd",
    "period_start",
    "period_end",
    "source_id",
    "quote",
    "quote_en",
]


def test_facts_csv_header_follows_the_contract(dataset):
    data = export.to_csv_bytes(indicators.facts_table(dataset))
    header = data.decode("utf-8").splitlines()[0].split(",")
    assert header[: len(FACTS_CONTRACT)] == FACTS_CONTRACT
    assert not data.startswith(b"\xef\xbb\xbf"), "UTF-8 without BOM, one header row"


def test_csv_writes_numbers_unrounded_and_missing_as_empty():
    frame = pd.DataFrame({"value": [50_000_000.0, 1 / 3, float("nan")], "year": pd.array([2018, None, 2028], "Int64")})
    assert export.to_csv_bytes(frame).decode() == ("value,year\n50000000,2018\n0.3333333333333333,\n,2028\n")


def test_facts_csv_round_trip_is_exact(dataset):
    facts = indicators.facts_table(dataset)
    back = export.read_facts_csv(export.to_csv_bytes(facts), spreadsheet_safe=False)
    pd.testing.assert_frame_equal(back, facts, check_dtype=False)
    assert back["value"].tolist() == facts["value"].tolist()


def test_facts_json_round_trip_is_exact(dataset):
    facts = indicators.facts_table(dataset)
    records = json.loads(export.to_json_bytes(facts))
    assert len(records) == len(facts)
    back = pd.DataFrame.from_records(records, columns=facts.columns)
    assert back["value"].tolist() == facts["value"].tolist()
    assert back["quote"].tolist() == facts["quote"].tolist()
    assert all(r["value_usd"] is None for r in records if r["unit"] not in ("CNY", "KRW", "USD"))


def test_xlsx_has_one_sheet_per_table(dataset):
    frames = {"facts": indicators.facts_table(dataset), "regions": dataset.regions}
    book = pd.read_excel(io.BytesIO(export.to_xlsx_bytes(frames)), sheet_name=None)
    assert list(book) == ["facts", "regions"]
    assert book["facts"]["fact_id"].tolist() == frames["facts"]["fact_id"].tolist()
    assert book["facts"]["value"].tolist() == frames["facts"]["value"].tolist()


def test_unknown_table_names_the_choices(dataset):
    with pytest.raises(KeyError, match="choose one of: facts, regions"):
        export.build_table(dataset, "gossip")


def test_datapackage_is_valid_frictionless(dataset, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    written = export.write_datapackage(dataset, tmp_path / "pkg")
    assert tmp_path / "pkg" / "datapackage.json" in written
    report = frictionless.validate(str(tmp_path / "pkg" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_datapackage_descriptor_documents_every_field(dataset):
    files = export.datapackage_files(dataset)
    descriptor = json.loads(files["datapackage.json"])
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    titles = [source["title"] for source in descriptor["sources"]]
    assert any("Guangdong" in title for title in titles) and any("G.5A" in title for title in titles)
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    fields = {field["name"]: field for field in facts["schema"]["fields"]}
    assert fields["value"]["type"] == "number" and fields["period_end"]["type"] == "integer"
    assert facts["schema"]["primaryKey"] == ["fact_id"]
    undocumented = [
        (r["name"], f["name"]) for r in descriptor["resources"] for f in r["schema"]["fields"] if not f["description"]
    ]
    assert undocumented == []
    seeds = {f"seeds/{name}" for name in dataset.sources["seed_file"]}
    assert set(files) == {"datapackage.json", *(f"{name}.csv" for name in export.EXPORT_TABLES), *seeds}


def test_datapackage_zip_holds_the_same_files(dataset):
    archive = zipfile.ZipFile(io.BytesIO(export.datapackage_zip_bytes(dataset)))
    assert sorted(archive.namelist()) == sorted(export.datapackage_files(dataset))


def test_datapackage_describes_the_french_columns(dataset):
    descriptor = json.loads(export.datapackage_files(dataset)["datapackage.json"])
    fields = {
        (resource["name"], field["name"]): field
        for resource in descriptor["resources"]
        for field in resource["schema"]["fields"]
    }
    assert fields[("indicators", "name_fr")]["description"] == "Short French name."
    assert fields[("sources", "title_en")]["type"] == "string"
    for table, column in [
        ("actors", "role_fr"),
        ("events", "note_fr"),
        ("pillars", "rationale_fr"),
        ("population", "definition_fr"),
        ("audit_exclusions", "reason_fr"),
        ("instruments", "name_fr"),
        ("regions", "name_fr"),
    ]:
        assert fields[(table, column)]["description"], (table, column)


def test_xlsx_freezes_the_header_and_leaves_missing_cells_empty(dataset):
    frame = pd.DataFrame(
        {
            "label": pd.Series(["a", None], dtype="str"),
            "count": pd.array([3, None], dtype="Int64"),
            "share": [0.1, float("nan")],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({"x" * 40: frame})))
    sheet = book["x" * 31]
    assert sheet.freeze_panes == "A2"
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["label", "count", "share"],
        ["a", 3, 0.1],
        [None, None, None],
    ]


def test_an_export_of_every_table_builds_the_same_derived_tables(dataset):
    frames = export.export_all_frames(dataset)
    pd.testing.assert_frame_equal(frames["facts"], indicators.facts_table(dataset))
    pd.testing.assert_frame_equal(frames["funding"], indicators.funding_table(dataset))
    pd.testing.assert_frame_equal(frames["comparison"], indicators.comparison_long(dataset))


def _fields(descriptor: dict) -> dict[tuple[str, str], dict]:
    return {(r["name"], f["name"]): f for r in descriptor["resources"] for f in r["schema"]["fields"]}


def test_datapackage_types_and_descriptions_come_from_the_column_registry(dataset):
    frames = export.export_all_frames(dataset)
    fields = _fields(export.datapackage_descriptor(dataset, frames))
    assert len(fields) == sum(len(frame.columns) for frame in frames.values())
    for (table, name), field in fields.items():
        assert field["type"] == columns.column(table, name).frictionless_type, (table, name)
        assert field["description"] == columns.describe(table, name), (table, name)
    assert "stated_usd" in fields[("facts", "fx_basis")]["description"]
    assert "reference" not in fields[("facts", "fx_basis")]["description"]


def test_a_french_export_describes_its_columns_as_they_are(dataset):
    french = localized(dataset, "fr")
    with i18n.use("fr"):
        fields = _fields(export.datapackage_descriptor(french, export.export_all_frames(french)))
    assert "English" not in fields[("facts", "region_name")]["description"]
    assert fields[("indicators", "name")]["description"].startswith("Short French name.")
    assert "note_fr" in fields[("facts", "note")]["description"]
    assert fields[("indicators", "name_fr")]["description"] == "Short French name."
    english = _fields(export.datapackage_descriptor(dataset, export.export_all_frames(dataset)))
    assert english[("indicators", "name")]["description"] == "Short English name."
