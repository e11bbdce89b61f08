"""Round trips: CSV (spreadsheet-safe and plain), JSON, XLSX and the data package give back exactly the facts they
were written from: values to the last bit, missing cells missing, text with ’ « », non-breaking spaces, leading
formula characters and apostrophes as typed. Frames and datasets are generated (hypothesis), bounded in number."""

from __future__ import annotations

import io
import json
import math
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from ecodash import load_dataset
from ecodash.analysis import indicators
from ecodash.ingest import spreadsheet, uploads
from ecodash.io import export

AWKWARD = "’«» \u00a0\u202fxyzéÉ0123456789.,;:=+-@'\"<>&*_[]()!#\t"
"""Characters real notes hold (typographic quotes, narrow and non-breaking spaces) and every formula start."""
text = st.text(alphabet=AWKWARD, min_size=1, max_size=24).map(str.strip).filter(bool)
formula_text = st.builds(lambda start, rest: start + rest, st.sampled_from(["=", "+", "-", "@", "'", "''", ""]), text)
finite = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True)
BOUNDED = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(st.text())
def test_neutralise_is_reversible_and_leaves_no_formula(value):
    safe = spreadsheet.neutralise(value)
    assert spreadsheet.restore(safe) == value
    assert safe[:1] not in spreadsheet.FORMULA_START


@given(st.text())
def test_a_text_never_neutralised_is_restored_to_itself_when_it_could_not_have_been(value):
    """A file that was never neutralised (the data package's CSVs) loses no apostrophe that starts a word."""
    if not spreadsheet.neutralise(value).startswith("''") and value[1:2] not in (*spreadsheet.FORMULA_START, "'"):
        assert spreadsheet.restore(value) == value


def test_an_apostrophe_that_starts_a_word_is_kept():
    frame = pd.DataFrame({"note": ["'t Hooft said so", "'=1+1", "''quoted", "plain"]})
    assert spreadsheet.restore_frame(frame)["note"].tolist() == ["'t Hooft said so", "=1+1", "'quoted", "plain"]
    assert spreadsheet.restore("'t Hooft") == "'t Hooft"


def _generated_frame(draw) -> pd.DataFrame:
    n = draw(st.integers(min_value=1, max_value=6))
    return pd.DataFrame(
        {
            "note": pd.Series(draw(st.lists(st.none() | formula_text, min_size=n, max_size=n)), dtype=object),
            "value": pd.Series(draw(st.lists(st.none() | finite, min_size=n, max_size=n)), dtype="float64"),
            "year": pd.array(
                draw(st.lists(st.none() | st.integers(1900, 2100), min_size=n, max_size=n)), dtype="Int64"
            ),
        }
    )


frames = st.composite(_generated_frame)()


def _same_cells(back: pd.DataFrame, frame: pd.DataFrame) -> None:
    """Cell by cell: missing stays missing, floats are the same double, text the same characters."""
    assert list(back.columns) == list(frame.columns)
    for column in frame.columns:
        for got, want in zip(back[column].tolist(), frame[column].tolist(), strict=True):
            if want is None or want is pd.NA or (isinstance(want, float) and math.isnan(want)):
                assert got is None or got is pd.NA or (isinstance(got, float) and math.isnan(got)), (column, got)
            elif isinstance(want, float):
                assert float(got) == want and math.copysign(1, float(got) or 1) == math.copysign(1, want or 1)
            else:
                assert got == want, (column, got, want)


def _read_csv(data: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])
    return frame.astype({"value": "float64", "year": "float64"}).astype({"year": "Int64"}).astype({"note": object})


@BOUNDED
@given(frames)
def test_a_generated_frame_survives_csv_json_and_xlsx(frame):
    safe = export.to_spreadsheet_csv_bytes(frame)
    cells = pd.read_csv(io.BytesIO(safe), dtype=str, keep_default_na=False)["note"]
    assert not cells.str[:1].isin(list(spreadsheet.FORMULA_START)).any()
    _same_cells(spreadsheet.restore_frame(_read_csv(safe)), frame)
    _same_cells(_read_csv(export.to_csv_bytes(frame)), frame)
    _same_cells(pd.DataFrame(json.loads(export.to_json_bytes(frame)), columns=frame.columns), frame)
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({"t": frame})))
    rows = list(book["t"].iter_rows(min_row=2))
    assert all(row[0].data_type == "s" for row in rows if row[0].value is not None), "text is never a formula"
    back = pd.DataFrame([[cell.value for cell in row] for row in rows], columns=frame.columns, dtype=object)
    _same_cells(back, frame)


def _notes_and_rates(draw) -> tuple[list[str], list[float]]:
    n = len(hostile.tables()["facts"])
    note = formula_text.map(lambda text: text.replace("\t", " "))  # a cell of data/ holds no tab (a control character)
    return draw(st.lists(note, min_size=n, max_size=n)), draw(
        st.lists(st.floats(min_value=1e-6, max_value=1e9), min_size=2, max_size=2)
    )


def _write(folder: Path, notes: list[str], rates: list[float]) -> Path:
    """The hostile dataset with generated notes (English and French) and FX rates (so value_usd is any double)."""
    tables = hostile.tables()
    for fact, note in zip(tables["facts"], notes, strict=True):
        fact["note"], fact["note_fr"] = note, f"{note} «\u00a0fr\u00a0»"
    for row, rate in zip(tables["fx_rates"], rates, strict=True):
        row["units_per_usd"] = repr(rate)
    return hostile.write_fixture(folder, tables, hostile.seeds())


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.composite(_notes_and_rates)())
def test_generated_datasets_reimport_to_the_same_facts(notes_and_rates):
    with tempfile.TemporaryDirectory() as folder:
        data_dir = _write(Path(folder), *notes_and_rates)
        dataset = load_dataset(data_dir)
        facts = indicators.facts_table(dataset)
        # spreadsheet-safe CSV: read back exactly, and an upload of it adds nothing (every row is the curated one)
        safe = export.to_spreadsheet_csv_bytes(facts)
        pd.testing.assert_frame_equal(export.read_facts_csv(safe), facts, check_dtype=False)
        upload = uploads.read_upload(safe, "ecodash-facts.csv", data_dir)
        assert upload.problems == () and not upload.added and upload.skipped == {"facts": len(facts)}
        # JSON keeps the text as it is
        _same_cells(
            pd.DataFrame(json.loads(export.to_json_bytes(facts)), columns=facts.columns).astype(object),
            facts.astype(object),
        )
        # XLSX: the same doubles and the same text, no formula
        back = pd.read_excel(io.BytesIO(export.to_xlsx_bytes({"facts": facts})), sheet_name="facts", dtype=object)
        for column in ("fact_id", "note", "quote_en", "value", "value_usd", "fx_rate"):
            _same_cells(back[[column]], facts[[column]].astype(object))
        # the data package keeps the original text (no apostrophes) and re-imports to nothing new
        package = export.datapackage_zip_bytes(dataset)
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            packaged = export.read_facts_csv(archive.read("facts.csv"), spreadsheet_safe=False)
        pd.testing.assert_frame_equal(packaged, facts, check_dtype=False)
        upload = uploads.read_upload(package, "ecodash-datapackage.zip", data_dir)
        assert upload.problems == () and not upload.added


def test_an_upload_of_a_spreadsheet_safe_csv_restores_the_apostrophes(tmp_path):
    """Without the restore, a note starting with = would come back as '= and differ from the curated row."""
    data_dir = hostile.write(tmp_path)
    facts = indicators.facts_table(load_dataset(data_dir))
    assert facts["note"].str[:1].isin(["=", "+", "-", "@"]).any()
    safe = export.to_spreadsheet_csv_bytes(facts)
    assert b",'=HYPERLINK" in safe or b"\"'=HYPERLINK" in safe
    upload = uploads.read_upload(safe, "facts.csv", data_dir)
    assert upload.problems == () and upload.skipped == {"facts": len(facts)}
