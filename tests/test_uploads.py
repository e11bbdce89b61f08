"""A reader's upload (a facts CSV or a data package) read on top of the curated data: same contracts, problems
located in the reader's own rows, nothing loaded when anything is wrong, rows given back re-uploadable."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from ecodash import i18n
from ecodash.analysis import indicators, pillars
from ecodash.i18n import use
from ecodash.ingest import uploads
from ecodash.ingest.dataset import load_dataset, localized, with_addition
from ecodash.io import export, user_rows
from ecodash.schema.models import TABLE_MODELS, table_columns
from support import (
    DATA_DIR,
    TESTVILLE_SEED,
    added_fact,
    added_source,
    curated_fact,
    curated_readers,
    forbid,
    read_rows,
    record_calls,
    table_csv,
)

NEW_FACT = "my_copy_of_the_first_fact"


@pytest.fixture(scope="module")
def curated():
    return load_dataset(DATA_DIR)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _drafting_zip(**fact_changes: str) -> bytes:
    """The Add-an-article page's layout: the tables at the root (one header-only), the seed under seeds/."""
    return _zip(
        {
            "sources.csv": table_csv("sources", [added_source()]),
            "facts.csv": table_csv("facts", [added_fact(**fact_changes)]),
            "instruments.csv": table_csv("instruments", []),
            "seeds/testville.txt": TESTVILLE_SEED,
        }
    )


def _problems(upload) -> list[str]:
    return [str(problem) for problem in upload.problems]


# --- the curated data read back adds nothing -----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_exported_facts_csv_of_the_curated_data_adds_nothing(curated, language):
    with use(language):  # a French export carries the French notes in `note`: still the curated rows
        data = export.to_spreadsheet_csv_bytes(indicators.facts_table(curated))
    upload = uploads.read_upload(data, "ecodash-facts.csv", DATA_DIR)
    assert upload.problems == () and upload.layer is None
    assert upload.added == {} and upload.skipped == {"facts": len(curated.facts)}


def test_an_exported_data_package_of_the_curated_data_reimports_to_zero_rows(curated):
    upload = uploads.read_upload(export.datapackage_zip_bytes(curated), "ecodash-datapackage.zip", DATA_DIR)
    assert upload.problems == () and upload.layer is None and upload.added == {}
    assert upload.skipped["facts"] == len(curated.facts) and upload.skipped["sources"] == len(curated.sources)
    assert upload.skipped["fx_rates"] == len(curated.fx_rates), "the exported reference rates are the curated ones"
    assert upload.seeds_skipped == len(curated.sources), "the package carries the articles, identical to ours"


def test_the_data_package_carries_the_seed_texts_in_the_zip_and_the_folder(curated, tmp_path):
    files = export.datapackage_files(curated)
    for seed_file in curated.sources["seed_file"]:
        assert files[f"seeds/{seed_file}"] == (DATA_DIR.parent / "seeds" / seed_file).read_bytes()
    export.write_datapackage(curated, tmp_path / "pkg")
    assert sorted(p.name for p in (tmp_path / "pkg" / "seeds").iterdir()) == sorted(curated.sources["seed_file"])


# --- new rows -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["export", "curated"])
def test_a_new_fact_in_a_facts_csv_is_added_and_marked_as_the_readers(curated, form):
    if form == "export":  # the export's derived columns (value_usd, region_name…) are ignored
        frame = indicators.facts_table(curated)
        frame.loc[0, "fact_id"] = NEW_FACT
        data = export.to_spreadsheet_csv_bytes(frame)
    else:
        data = table_csv("facts", [curated_fact(fact_id=NEW_FACT), curated_fact(1)])
    upload = uploads.read_upload(data, "mine.csv", DATA_DIR)
    assert upload.problems == () and upload.ok
    assert upload.added == {"facts": 1}
    merged = with_addition(DATA_DIR, upload.layer)
    assert merged.contributed["facts"] == {NEW_FACT}
    facts = indicators.facts_table(merged)
    assert facts.set_index("fact_id").loc[NEW_FACT, "origin"] == indicators.USER
    assert (facts["origin"] == indicators.CURATED).sum() == len(curated.facts)


def test_a_drafted_article_zip_adds_its_source_fact_and_seed():
    upload = uploads.read_upload(_drafting_zip(), "draft.zip", DATA_DIR)
    assert upload.problems == (), _problems(upload)
    assert upload.added == {"sources": 1, "facts": 1} and upload.seeds_added == 1
    merged = with_addition(DATA_DIR, upload.layer)
    assert merged.seeds["testville_article"] == TESTVILLE_SEED.decode("utf-8")


def test_the_origin_follows_the_figure_into_comparisons_overview_and_pillars():
    annual = curated_fact(5, fact_id=NEW_FACT)  # a budget per year: the overview's funding row shows it
    merged = with_addition(DATA_DIR, uploads.read_upload(table_csv("facts", [annual]), "mine.csv", DATA_DIR).layer)
    long = indicators.comparison_long(merged)
    assert set(long.loc[long["fact_id"] == NEW_FACT, "origin"]) == {indicators.USER}
    assert set(long.loc[long["fact_id"] != NEW_FACT, "origin"].dropna()) == {indicators.CURATED}
    funding = indicators.overview_slots(merged)["funding"]
    assert funding.loc[funding["fact_id"] == NEW_FACT, "origin"].tolist() == [indicators.USER]
    matrix = pillars.pillar_matrix(merged)
    assert matrix["n_user_facts"].sum() == len(annual["pillar_ids"].split(";"))
    cell = matrix.loc[matrix["n_user_facts"] > 0].iloc[0]
    assert NEW_FACT in cell["fact_ids"].split(";")
    detail = pillars.cell_detail(merged, cell["region_id"], cell["pillar_id"])["facts"]
    assert detail.loc[detail["fact_id"] == NEW_FACT, "origin"].tolist() == [indicators.USER]


def test_a_round_trip_add_download_reupload_gives_the_same_rows():
    first = uploads.read_upload(_drafting_zip(), "draft.zip", DATA_DIR)
    again = uploads.read_upload(user_rows.user_rows_zip(first), "ecodash-your-rows.zip", DATA_DIR)
    assert again.problems == () and again.added == first.added and again.seeds_added == 1
    for table, frame in uploads.user_frames(first.layer).items():
        pd.testing.assert_frame_equal(uploads.user_frames(again.layer)[table], frame)
    assert with_addition(DATA_DIR, again.layer).facts.equals(with_addition(DATA_DIR, first.layer).facts)
    assert user_rows.user_rows_zip(again) == user_rows.user_rows_zip(first), "the same rows, the same bytes"


def test_an_export_of_the_merged_data_reimports_the_readers_rows_with_their_article():
    merged = with_addition(DATA_DIR, uploads.read_upload(_drafting_zip(), "draft.zip", DATA_DIR).layer)
    upload = uploads.read_upload(export.datapackage_zip_bytes(merged), "pkg.zip", DATA_DIR)
    assert upload.problems == (), _problems(upload)
    assert upload.added == {"sources": 1, "facts": 1} and upload.seeds_added == 1


# --- rows that cannot be added ----------------------------------------------------------------------------------


def test_a_curated_id_with_other_content_is_a_problem_and_nothing_loads():
    upload = uploads.read_upload(
        table_csv("facts", [curated_fact(), curated_fact(1, value="51")]), "facts.csv", DATA_DIR
    )
    fact_id = curated_fact(1)["fact_id"]
    assert _problems(upload) == [
        ("your upload: facts.csv:3: fact_id: differs from the curated row with this id; give your row a new id")
    ], fact_id
    assert upload.layer is None and not upload.ok


def test_contract_problems_name_the_readers_own_lines_after_skipped_rows():
    rows = [curated_fact(0), curated_fact(1), curated_fact(fact_id=NEW_FACT, value="51")]
    upload = uploads.read_upload(table_csv("facts", rows), "facts.csv", DATA_DIR)
    assert any(
        p.startswith("your upload: facts.csv:4: value: 51 is not stated in the quote") for p in _problems(upload)
    ), _problems(upload)
    assert upload.layer is None


def test_a_multiline_cell_keeps_the_following_line_numbers():
    note = "first line\nsecond line"
    rows = [
        curated_fact(fact_id="a_new_one", note=note, note_fr=note),  # lines 2-4
        curated_fact(1),  # line 5, identical to the curated row: dropped
        curated_fact(fact_id=NEW_FACT, value="51"),
    ]  # line 6
    upload = uploads.read_upload(table_csv("facts", rows), "facts.csv", DATA_DIR)
    assert [str(p).split(": value")[0] for p in upload.problems] == ["your upload: facts.csv:6"], _problems(upload)


def test_an_unknown_column_is_reported_on_row_1():
    data = table_csv(
        "facts", [curated_fact(fact_id=NEW_FACT, gossip="x")], [*read_rows(DATA_DIR / "facts.csv")[0], "gossip"]
    )
    upload = uploads.read_upload(data, "facts.csv", DATA_DIR)
    assert [(p.row, p.field) for p in upload.problems] == [(1, "gossip")]
    assert "unknown column" in upload.problems[0].reason and upload.layer is None


def test_a_missing_required_column_is_reported_by_the_contract():
    header = [c for c in read_rows(DATA_DIR / "facts.csv")[0] if c != "quote"]
    upload = uploads.read_upload(table_csv("facts", [curated_fact(fact_id=NEW_FACT)], header), "facts.csv", DATA_DIR)
    assert "your upload: facts.csv:1: quote: required column is missing from the header" in _problems(upload)


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "facts.csv", "your upload: facts.csv:0: (file): the file is empty"),
        (b"fact_id,value\n", "facts.csv", "your upload: facts.csv:2: (row): the file has a header but no rows"),
        (
            b"fact_id,value\nabc,1\ncaf\xe9,2\n",
            "facts.csv",
            ("your upload: facts.csv:3: (file): not UTF-8 text (byte 23, on line 3); save the file as UTF-8"),
        ),
        (b"PK\x03\x04 not really", "pkg.zip", "your upload: pkg.zip:0: (file): not a zip file, or a damaged one"),
        (b"x", "facts.xlsx", "your upload: facts.xlsx:0: (file): upload a .csv (facts) or a .zip (data package)"),
        (
            b'fact_id,value\n"abc,1\n',
            "facts.csv",
            "your upload: facts.csv:2: (csv): malformed CSV: unexpected end of data",
        ),
    ],
)
def test_bad_files_get_a_clear_problem_and_load_nothing(data, filename, expected):
    upload = uploads.read_upload(data, filename, DATA_DIR)
    assert _problems(upload) == [expected]
    assert upload.layer is None


def test_size_limits_stop_large_uploads_and_zip_bombs(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    assert "larger than" in uploads.read_upload(b"x" * 101, "facts.csv", DATA_DIR).problems[0].reason
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 5 * 2**20)
    bomb = _zip({"facts.csv": b"0" * 3_000_000})  # a few KB compressed
    assert len(bomb) < 100_000
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 2_000_000)
    assert "once uncompressed" in uploads.read_upload(bomb, "pkg.zip", DATA_DIR).problems[0].reason
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRIES", 2)
    many = _zip({f"seeds/{n}.txt": b"x" for n in range(3)})
    assert "holds 3 files" in uploads.read_upload(many, "pkg.zip", DATA_DIR).problems[0].reason


def test_a_zip_file_that_is_no_table_is_named():
    upload = uploads.read_upload(_zip({"facts.csv": table_csv("facts", []), "notes.docx": b"x"}), "pkg.zip", DATA_DIR)
    assert [p.file for p in upload.problems] == ["your upload: pkg.zip/notes.docx"]


def test_a_zipped_folder_is_read_from_inside_it():
    inner = zipfile.ZipFile(io.BytesIO(_drafting_zip()))
    upload = uploads.read_upload(_zip({f"draft/{n}": inner.read(n) for n in inner.namelist()}), "d.zip", DATA_DIR)
    assert upload.problems == () and upload.added == {"sources": 1, "facts": 1}


def test_a_seed_with_a_curated_name_and_other_text_is_a_problem(curated):
    seed_file = curated.sources["seed_file"].iloc[0]
    upload = uploads.read_upload(
        _zip({"facts.csv": table_csv("facts", []), f"seeds/{seed_file}": b"changed"}), "p.zip", DATA_DIR
    )
    assert _problems(upload) == [
        (
            f"your upload: p.zip/seeds/{seed_file}:0: (file): differs from the curated article "
            "with this file name; give your article a new file name"
        )
    ]


def test_contract_problems_in_a_zip_name_the_entry():
    upload = uploads.read_upload(_drafting_zip(value="31000000"), "draft.zip", DATA_DIR)
    assert any(
        p.startswith("your upload: draft.zip/facts.csv:2: value: 31000000 is not stated") for p in _problems(upload)
    )
    assert upload.layer is None


def test_exported_fx_rates_keep_curated_reference_rows_and_refuse_new_ones(curated):
    fx = indicators.fx_table(curated)
    assert uploads.read_upload(_zip({"fx_rates.csv": export.to_csv_bytes(fx)}), "p.zip", DATA_DIR).problems == ()
    changed = fx.copy()
    changed.loc[0, "units_per_usd"] = 99.0
    upload = uploads.read_upload(_zip({"fx_rates.csv": export.to_csv_bytes(changed)}), "p.zip", DATA_DIR)
    assert [(p.row, p.field) for p in upload.problems] == [(2, "basis")]


def test_the_columns_an_upload_drops_are_those_every_export_adds(curated):
    exported: dict[str, set[str]] = {table: set() for table in TABLE_MODELS}
    for language in i18n.LANGUAGES:
        with i18n.use(language):
            view = localized(curated, language)
            for table in TABLE_MODELS:
                exported[table] |= set(export.build_table(view, table).columns) - set(table_columns(table))
    assert {table: set(columns) for table, columns in uploads.DERIVED_COLUMNS.items()} == exported
    assert {"value_usd", "region_name", "value_label", "origin"} <= uploads.DERIVED_COLUMNS["facts"]
    assert not uploads.DERIVED_COLUMNS["facts"] & set(read_rows(DATA_DIR / "facts.csv")[0])
    assert "name" in uploads.DERIVED_COLUMNS["regions"]  # a language view's name column


# --- checked against the loaded curated data ----------------------------------------------------------------------


def test_an_upload_checked_against_the_loaded_data_never_reads_or_validates_data_again(curated, monkeypatch):
    from ecodash.ingest import dataset, validation

    expected = with_addition(DATA_DIR, uploads.read_upload(_drafting_zip(), "draft.zip", DATA_DIR).layer)
    loaders = [(dataset, "load_dataset"), (uploads, "load_dataset")]
    forbid(monkeypatch, [*curated_readers(), *loaders], "the curated folder was read or loaded again")
    # the files validation reads (where it looks the reader up), by the name its problems give them
    read = record_calls(monkeypatch, validation, "read_rows", keep=lambda args, kwargs: args[1])
    before = {table: curated.table(table) for table in curated.TABLES}, dict(curated.seeds)
    upload = uploads.read_upload(_drafting_zip(), "draft.zip", curated)
    assert upload.problems == () and upload.added == {"sources": 1, "facts": 1}, _problems(upload)
    merged = with_addition(curated, upload.layer)
    assert read and all(shown.startswith("your upload: ") for shown in read), read
    for table in merged.TABLES:
        pd.testing.assert_frame_equal(merged.table(table), expected.table(table))
    assert merged.seeds == expected.seeds and merged.key == expected.key
    assert merged.contributed == expected.contributed
    for table, frame in before[0].items():  # the loaded curated data (shared by every session) is left as it was
        pd.testing.assert_frame_equal(curated.table(table), frame)
    assert dict(curated.seeds) == before[1]
    exported = export.datapackage_zip_bytes(curated)  # every curated row and seed read back: nothing new
    for base in (curated, localized(curated, "fr")):  # a language view is checked against the rows as stored
        again = uploads.read_upload(exported, "ecodash-datapackage.zip", base)
        assert again.problems == () and again.layer is None and again.seeds_skipped == len(curated.sources)
    differs = uploads.read_upload(table_csv("facts", [curated_fact(1, value="51")]), "facts.csv", curated)
    assert _problems(differs) == [
        "your upload: facts.csv:2: fact_id: differs from the curated row with this id; give your row a new id"
    ]


def test_the_problem_report_leads_with_the_cause_and_says_how_many_more_there_are():
    rows = [uploads.Problem("your upload: a.csv", line, "value", "51 is not stated") for line in range(2, 122)]
    cause = uploads.Problem("your upload: z.csv", 0, "(file)", "not UTF-8 text")
    upload = uploads.Upload("a.zip", "0" * 64, None, (*rows, cause))
    report, more = uploads.problem_report(upload)
    assert list(report.columns) == ["file", "row", "field", "reason"]
    assert report.iloc[0].tolist() == ["your upload: z.csv", 0, "(file)", "not UTF-8 text"], "the cause leads"
    assert report["row"].iloc[1:].tolist() == list(range(2, 2 + uploads.MAX_SHOWN - 1)), "then file and line order"
    assert len(report) == uploads.MAX_SHOWN and more == len(rows) + 1 - uploads.MAX_SHOWN
    few, none_more = uploads.problem_report(uploads.Upload("a.csv", "0" * 64, None, tuple(rows[:3])))
    assert len(few) == 3 and none_more == 0
