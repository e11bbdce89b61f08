"""Broken copies of data/ that validation used to accept, crash on or misreport: each kind now gets its own
`file:line: field: reason`, every problem in one pass, never a traceback, and a refused row's consequences are not
reported as causes of their own ("unknown region" for a region whose row was refused).

Most cases validate the curated tables in memory (one table's bytes replaced in the Layer of data/, as
folder_layer reads it); those about files on disk (symbolic links) and the app use a copy of data/ + seeds/.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import shutil
import zipfile
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ecodash
from ecodash.ingest import files, uploads
from ecodash.ingest.dataset import DatasetError, folder_layer, validate_data_dir
from ecodash.ingest.messages import localised, located
from ecodash.ingest.validation import validate_layers
from ecodash.schema.models import TABLE_MODELS, table_columns, translation_pairs
from ecodash.schema.problems import report_lines
from support import (
    DATA_DIR,
    TESTVILLE_SEED,
    added_fact,
    added_source,
    assert_clean,
    curated_fact,
    open_app,
    page_text,
    read_rows,
    run_cli,
    table_csv,
    use_data_dir,
    write_rows,
)

CURATED = folder_layer(DATA_DIR)


def _csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _line(table: str, column: str, value: str) -> int:
    """The line of the curated row of `table` whose `column` is `value`."""
    return 2 + next(n for n, row in enumerate(read_rows(DATA_DIR / f"{table}.csv")[1]) if row[column] == value)


def _problems_with(files: dict[str, bytes]) -> list:
    """The problems of data/ with the tables of `files` in place of the curated ones (causes first)."""
    layer = dataclasses.replace(CURATED, files=MappingProxyType({**CURATED.files, **files}))
    return validate_layers([layer])[2]


def _edited(table: str, index: int, **changes: str) -> dict[str, bytes]:
    header, rows = read_rows(DATA_DIR / f"{table}.csv")
    rows[index].update(changes)
    return {table: _csv(header, rows)}


def _report(files: dict[str, bytes]) -> list[str]:
    return report_lines(_problems_with(files))


def test_the_curated_data_has_no_problem_and_no_warning():
    problems = validate_data_dir(DATA_DIR)[2]
    assert problems == []
    assert ecodash.load_dataset(DATA_DIR).warnings == ()


# --- characters no text holds ----------------------------------------------------------------------------------

CONTROL = (
    "holds the control character {code} at character 2: remove it (only a line break may sit inside a quoted cell)"
)
BIDI = (
    "holds {code}, a bidirectional override or isolate, at character 2: it shows the text in another order than it is "
    "written; remove it"
)
UNSEEN_CHARACTERS = {
    "\x00": CONTROL,
    "\x07": CONTROL,
    "\t": CONTROL,
    "\x1b": CONTROL,
    "\x7f": CONTROL,
    "\x85": CONTROL,
    "\x9f": CONTROL,
    "\u202a": BIDI,
    "\u202e": BIDI,
    "\u2066": BIDI,
    "\u2069": BIDI,
}


@pytest.mark.parametrize("char", UNSEEN_CHARACTERS, ids=lambda char: f"U+{ord(char):04X}")
def test_a_control_or_bidi_character_in_a_note_is_refused(char):
    files = _edited("facts", 0, note="a" + char + "b", note_fr="a b")
    expected = f"data/facts.csv:2: note: {UNSEEN_CHARACTERS[char].format(code=f'U+{ord(char):04X}')}"
    assert expected in _report(files)


CELLS = [
    (table, column)
    for table in TABLE_MODELS
    for column in table_columns(table)
    if (read_rows(DATA_DIR / f"{table}.csv")[1] or [{}])[0].get(column)
]


@pytest.mark.parametrize(("table", "column"), CELLS, ids=[f"{table}.{column}" for table, column in CELLS])
def test_a_nul_byte_is_refused_in_every_cell_of_every_table(table, column):
    cell = read_rows(DATA_DIR / f"{table}.csv")[1][0][column]
    files = _edited(table, 0, **{column: cell[:1] + "\x00" + cell[1:]})
    assert f"data/{table}.csv:2: {column}: {CONTROL.format(code='U+0000')}" in _report(files)


@pytest.mark.parametrize("char", ["\x00", "\u202e"])
def test_an_id_refused_for_an_unseen_character_is_the_only_problem_its_references_give(char):
    # the rows naming the source as the author meant it point at the refused row, whose problem is the cause
    source_id = read_rows(DATA_DIR / "sources.csv")[1][0]["source_id"]
    files = _edited("sources", 0, source_id=source_id[:1] + char + source_id[1:])
    assert {found.file for found in _problems_with(files)} == {"data/sources.csv"}


def test_a_line_break_inside_a_quoted_cell_is_text():
    assert _report(_edited("facts", 0, note="first line\nsecond line", note_fr="première ligne\nseconde ligne")) == []


def test_an_upload_refuses_a_control_character_and_keeps_its_crlf_line_breaks():
    note = "first line\nsecond line"  # its LF becomes CRLF with every other line ending
    crlf = table_csv("facts", [curated_fact(fact_id="my_fact", note=note, note_fr=note)]).replace(b"\n", b"\r\n")
    assert uploads.read_upload(crlf, "facts.csv", DATA_DIR).problems == ()
    bad = table_csv("facts", [curated_fact(fact_id="my_fact", note="a\x1bb\x00", note_fr="a b")])
    problems = [str(found) for found in uploads.read_upload(bad, "facts.csv", DATA_DIR).problems]
    assert problems == [f"your upload: facts.csv:2: note: {CONTROL.format(code='U+001B')}"]


# --- numbers: finite, 0 or a normal float, short fractions, no number too long to read ---------------------------

FX = _line("fx_rates", "currency", "KRW")
POPULATION = 2
NUMBERS = {
    "FX rate beyond any float": (
        ("fx_rates", FX - 2, "units_per_usd", "1e999"),
        f"data/fx_rates.csv:{FX}: units_per_usd: '1e999' is too large: a number is at most about 1.8e308",
    ),
    "denormal FX rate": (
        ("fx_rates", FX - 2, "units_per_usd", "5e-324"),
        (
            f"data/fx_rates.csv:{FX}: units_per_usd: '5e-324' is too close to 0: a number other than 0 is at least about "
            "2.2e-308"
        ),
    ),
    "FX rate that reads as 0": (
        ("fx_rates", FX - 2, "units_per_usd", "1e-400"),
        (
            f"data/fx_rates.csv:{FX}: units_per_usd: '1e-400' is too close to 0: a number other than 0 is at least about "
            "2.2e-308"
        ),
    ),
    "FX rate below any currency's": (
        ("fx_rates", FX - 2, "units_per_usd", "1e-9"),
        (
            f"data/fx_rates.csv:{FX}: units_per_usd: 1e-09 currency units per US dollar is outside the range of any "
            "currency (from 1e-06 to 1e+12)"
        ),
    ),
    "FX rate above any currency's": (
        ("fx_rates", FX - 2, "units_per_usd", "1e300"),
        (
            f"data/fx_rates.csv:{FX}: units_per_usd: 1e+300 currency units per US dollar is outside the range of any "
            "currency (from 1e-06 to 1e+12)"
        ),
    ),
    "fraction whose quotient overflows": (
        ("facts", 0, "value", "1" + "0" * 400 + "/3"),
        "data/facts.csv:2: value: '1" + "0" * 98 + "…' has a term of more than 30 digits: write a short fraction",
    ),
    "fraction with a 5,000-digit term": (
        ("facts", 0, "value", "1" + "0" * 5000 + "/3"),
        "data/facts.csv:2: value: '1" + "0" * 98 + "…' has a term of more than 30 digits: write a short fraction",
    ),
    "huge exponent": (
        ("facts", 0, "value", "1e999999"),
        "data/facts.csv:2: value: '1e999999' is too large: a number is at most about 1.8e308",
    ),
    "denormal value": (
        ("facts", 0, "stated_usd", "5e-324"),
        "data/facts.csv:2: stated_usd: '5e-324' is too close to 0: a number other than 0 is at least about 2.2e-308",
    ),
    "population beyond 64 bits": (
        ("population", POPULATION - 2, "population", "1" + "0" * 20),
        f"data/population.csv:{POPULATION}: population: Input should be less than or equal to 10000000000",
    ),
    "population of 5,000 digits": (
        ("population", POPULATION - 2, "population", "1" * 5000),
        (
            f"data/population.csv:{POPULATION}: population: Unable to parse input string as an integer, exceeded "
            "maximum size"
        ),
    ),
    "year of 5,000 digits": (
        ("facts", 0, "period_end", "2" * 5000),
        "data/facts.csv:2: period_end: Unable to parse input string as an integer, exceeded maximum size",
    ),
}


@pytest.mark.parametrize("kind", NUMBERS)
def test_a_number_no_float_holds_is_refused_with_its_reason_in_both_languages(kind):
    (table, index, column, cell), expected = NUMBERS[kind]
    problems = _problems_with(_edited(table, index, **{column: cell}))
    assert expected in [str(found) for found in problems]
    found = next(found for found in problems if str(found) == expected)
    assert found.key and localised(found, "fr") != found.reason, "said in French too"


def test_a_refused_number_fails_the_load_with_a_dataset_error(data_copy):
    header, rows = read_rows(data_copy / "population.csv")
    rows[0]["population"] = "1" + "0" * 20
    write_rows(data_copy / "population.csv", header, rows)
    with pytest.raises(DatasetError):
        ecodash.load_dataset(data_copy)


def test_a_caveat_with_a_number_too_long_to_read_is_refused_not_a_traceback():
    caveats = read_rows(DATA_DIR / "caveats.csv")[1]
    files = _edited("caveats", 0, caveat=caveats[0]["caveat"] + " " + "7" * 5000)
    expected = (
        f"data/caveats.csv:2: caveat: '{'7' * 99}…' is not a number of its figures ({caveats[0]['fact_ids'].replace(';', ', ')}): a "
        "caveat restates its figures' numbers, never adds one"
    )
    assert expected in _report(files)


def test_an_uploaded_article_with_a_number_too_long_to_read_is_checked_not_a_traceback():
    long = "1" * 5000
    seed = TESTVILLE_SEED.decode().replace("yuans", f"yuans ({long})").encode()
    files = {
        "sources.csv": table_csv("sources", [added_source(sha256=hashlib.sha256(seed).hexdigest())]),
        "facts.csv": table_csv("facts", [added_fact(quote=f"jusqu’à 30 millions de yuans ({long})")]),
        "seeds/testville.txt": seed,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    upload = uploads.read_upload(buffer.getvalue(), "draft.zip", DATA_DIR)
    assert upload.problems == (), [str(found) for found in upload.problems]


# --- a French text without its English -----------------------------------------------------------------------

ORPHANS = [
    (table, column, sibling)
    for table in TABLE_MODELS
    for column, sibling in translation_pairs(table)
    if not TABLE_MODELS[table].model_fields[column].is_required() and sibling.endswith("_fr")
]


@pytest.mark.parametrize(("table", "column", "sibling"), ORPHANS, ids=[f"{t}.{s}" for t, _, s in ORPHANS])
def test_a_french_text_without_its_english_is_refused(table, column, sibling):
    explained = {"published_year": ""} if (table, column) == ("sources", "note") else {}  # a year needs its note
    files = _edited(table, 0, **{column: "", sibling: "un texte en français"}, **explained)
    assert f"data/{table}.csv:2: {column}: empty while {sibling} is filled; write both languages or neither" in (
        _report(files)
    )


# --- symbolic links out of the folder ------------------------------------------------------------------------


def test_a_table_that_links_out_of_the_data_folder_is_refused_and_never_read(data_copy, monkeypatch):
    outside = data_copy.parent / "elsewhere.csv"
    shutil.move(data_copy / "facts.csv", outside)
    (data_copy / "facts.csv").symlink_to(outside)
    opened = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: opened.append(path.resolve()) or read_bytes(path))
    problems = [str(found) for found in validate_data_dir(data_copy)[2]]
    assert problems == [
        (
            f"{data_copy / 'facts.csv'}:0: (file): is a symbolic link to {outside.resolve()}, outside its folder "
            f"{data_copy.resolve()}; nothing was read from it (copy the file into the folder)"
        )
    ]
    assert outside.resolve() not in opened


def test_a_seed_that_links_out_of_the_seeds_folder_is_refused(data_copy):
    seed = min((data_copy.parent / "seeds").glob("*.txt"))
    outside = data_copy.parent / "elsewhere.txt"
    shutil.move(seed, outside)
    seed.symlink_to(outside)
    problems = [str(found) for found in validate_data_dir(data_copy)[2]]
    assert problems == [
        (
            f"{seed}:0: (file): is a symbolic link to {outside.resolve()}, outside its folder {seed.parent.resolve()}; "
            "nothing was read from it (copy the file into the folder)"
        )
    ]


def test_a_link_inside_the_folder_is_read(data_copy):
    (data_copy / "kept").mkdir()
    shutil.move(data_copy / "facts.csv", data_copy / "kept" / "facts.csv")
    (data_copy / "facts.csv").symlink_to(Path("kept") / "facts.csv")
    assert validate_data_dir(data_copy)[2] == []


# --- the first problem names the real cause --------------------------------------------------------------------

CHINA = _line("regions", "region_id", "china")
FIRST_SOURCE = read_rows(DATA_DIR / "sources.csv")[1][0]


def test_a_region_made_its_own_parent_is_the_one_problem_not_unknown_regions_elsewhere():
    report = _report(_edited("regions", CHINA - 2, parent_id="china"))
    assert report == [f"data/regions.csv:{CHINA}: parent_id: a region cannot be its own parent"]


def test_a_cycle_of_regions_is_reported_as_a_cycle_first():
    guangdong = _line("regions", "region_id", "guangdong")
    report = _report(_edited("regions", guangdong - 2, parent_id="shenzhen"))
    assert report == [
        f"data/regions.csv:{guangdong}: parent_id: cycle in region parents: guangdong -> shenzhen -> guangdong"
    ]


def test_an_upper_case_sha256_is_reported_as_that_not_as_an_unlisted_seed():
    report = _report(_edited("sources", 0, sha256=FIRST_SOURCE["sha256"].upper()))
    assert report == [
        (
            f"data/sources.csv:2: sha256: '{FIRST_SOURCE['sha256'].upper()}' has upper-case letters: write the sha256 in "
            "lower case, as sha256sum prints it"
        )
    ]


def test_a_malformed_sha256_is_said_as_one():
    report = _report(_edited("sources", 0, sha256="abc"))
    assert report == [
        (
            "data/sources.csv:2: sha256: 'abc' is not a sha256 checksum: 64 lower-case hexadecimal digits, as sha256sum "
            "prints them"
        )
    ]


def _first(table: str) -> dict[str, str]:
    return read_rows(DATA_DIR / f"{table}.csv")[1][0]


REFUSED_ROWS = {
    "indicator with an unknown unit": (
        lambda: _edited("indicators", 0, unit="furlongs"),
        "data/indicators.csv:2: unit: ",
    ),
    "pillar without a definition": (lambda: _edited("pillars", 0, definition=""), "data/pillars.csv:2: definition: "),
    "fact with a negative value": (lambda: _edited("facts", 0, value="-1"), "data/facts.csv:2: value: "),
    "source with a bad language": (lambda: _edited("sources", 0, language="xx"), "data/sources.csv:2: language: "),
    "region with too many cells": (
        lambda: {"regions": (DATA_DIR / "regions.csv").read_bytes().replace(b",true\n", b",true,extra\n", 1)},
        "data/regions.csv:",
    ),
}


@pytest.mark.parametrize("kind", REFUSED_ROWS)
def test_a_refused_row_is_the_only_problem_its_references_are_not_unknown(kind):
    files, cause = REFUSED_ROWS[kind]
    report = _report(files())
    assert report and all(line.startswith(cause) for line in report), report


def test_a_table_whose_rows_are_all_refused_is_not_said_to_have_no_rows():
    header, rows = read_rows(DATA_DIR / "regions.csv")
    report = _report({"regions": _csv(header, [{**row, "level": "planet"} for row in rows])})
    assert report and all(": level: " in line for line in report), report


# --- warnings: a money figure shown unconverted ----------------------------------------------------------------

KRW_FACT = next(n + 2 for n, row in enumerate(read_rows(DATA_DIR / "facts.csv")[1]) if row["unit"] == "KRW")
NO_RATE = (
    f"data/facts.csv:{KRW_FACT}: unit: fx_rates.csv holds no rate for KRW: the charts show this figure in KRW, not "
    "converted to US dollars (add its reference rates, with their citation, to convert it)"
)


def _without_fx(data_dir: Path, keep) -> None:
    header, rows = read_rows(data_dir / "fx_rates.csv")
    write_rows(data_dir / "fx_rates.csv", header, [row for row in rows if keep(row)])


def test_a_money_figure_no_rate_converts_is_a_located_warning_that_validate_prints_and_passes(data_copy, monkeypatch):
    _without_fx(data_copy, lambda row: row["currency"] != "KRW")
    monkeypatch.chdir(data_copy.parent)
    result = run_cli("validate", "--data-dir", "data")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert f"warning: {NO_RATE}\n" in out and out.splitlines()[-1].endswith("(1 warning(s))")
    assert [str(w) for w in ecodash.load_dataset("data").warnings] == [NO_RATE]


def test_a_money_figure_without_a_default_rate_for_its_year_is_a_warning(data_copy, monkeypatch):
    _without_fx(data_copy, lambda row: not (row["currency"] == "KRW" and row["series_id"] == "wdi"))
    monkeypatch.chdir(data_copy.parent)
    assert [str(w) for w in ecodash.load_dataset("data").warnings] == [
        (
            f"data/facts.csv:{KRW_FACT}: unit: fx_rates.csv holds no World Bank rate for KRW in or before 2025, its "
            "article's year: the charts, which convert at that rate by default, show this figure in KRW, not in US dollars"
        )
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_sources_page_lists_the_warnings_in_its_language(data_copy, monkeypatch, language):
    _without_fx(data_copy, lambda row: row["currency"] != "KRW")
    use_data_dir(monkeypatch, data_copy)
    at = open_app("sources", lang=language)
    assert_clean(at)
    warning = ecodash.load_dataset(data_copy).warnings[0]
    assert located(warning, language) in page_text(at).replace("\\", "")


# --- whatever the bytes: problems, never an exception -------------------------------------------------------------

HOSTILE_TEXT = st.one_of(
    st.binary(max_size=40),
    st.text(max_size=20).map(str.encode),
    st.sampled_from([b"\x00", b"\r", b'"', b",", b"\n", b"1e999999", b"5e-324", b"9" * 5000, b"1" * 400 + b"/3"]),
)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(sorted(TABLE_MODELS)),
    at=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=8),
    insert=HOSTILE_TEXT,
)
def test_random_bytes_in_one_table_give_located_problems_never_an_exception(table, at, cut, insert):
    data = CURATED.files[table]
    position = int(at * len(data))
    broken = data[:position] + insert + data[position + cut :]
    for found in _problems_with({table: broken}):
        assert found.file and found.row >= 0 and found.field and found.reason
    upload = uploads.read_upload(broken, f"{table}.csv", DATA_DIR)
    assert all(found.reason for found in upload.problems)


@pytest.mark.parametrize("where", ["outside the working folder", "inside it", "the working folder itself"])
def test_seed_names_are_the_resolved_paths_problems_give(data_copy, monkeypatch, where):
    """folder_names shows a plain seed by joining its folder's shown path with its name: the very text
    _display_path gives every seed one by one, for a linked seed, a hidden one and a folder named *.txt too."""
    seeds = data_copy.parent / "seeds"
    (seeds / "kept").mkdir()
    shutil.copy(min(seeds.glob("*.txt")), seeds / "kept" / "copy.txt")
    (seeds / "linked.txt").symlink_to(Path("kept") / "copy.txt")
    (seeds / ".hidden.txt").write_text("x", encoding="utf-8")
    (seeds / "folder.txt").mkdir()
    if where == "inside it":
        monkeypatch.chdir(data_copy.parent.parent)
    elif where == "the working folder itself":
        monkeypatch.chdir(seeds)
    layer = folder_layer(data_copy)
    paths = sorted(seeds.glob("*.txt"))
    assert [key for key in layer.names if key.startswith("seeds/") and key != "seeds/"] == [
        f"seeds/{path.name}" for path in paths
    ]
    cwd = Path.cwd().resolve()
    assert {path.name: layer.names[f"seeds/{path.name}"] for path in paths} == {
        path.name: files._display_path(path, cwd) for path in paths
    }
    if where != "outside the working folder":
        assert not layer.names["seeds/linked.txt"].startswith("/"), "shown relative to the working folder"
