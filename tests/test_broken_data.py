"""Broken copies of data/: each kind gets its own `file:row: field: reason` in `ecodash validate` and on the app's
error page (no traceback, nothing half-loaded); a cause leads the report and its consequences are not listed.

tests/test_dataset.py holds the row-level corpus checked through validation; these are whole-file faults
(encodings, line endings, sizes, empty files) and the cases the pages would break on, checked end to end.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from ecodash.analysis import fx
from ecodash.cli import main
from ecodash.drafting import propose
from ecodash.i18n import t
from ecodash.ingest.dataset import (
    MAX_SEED_BYTES,
    MAX_SHOWN,
    MAX_TABLE_BYTES,
    addition_layer,
    addition_problems,
    validate_data_dir,
)
from ecodash.ui.navigation import PAGE_SPECS
from support import (
    DATA_DIR,
    SEEDS_DIR,
    assert_clean,
    edit_row,
    open_app,
    page_text,
    read_rows,
    use_data_dir,
    write_rows,
)

SEED = sorted(SEEDS_DIR.glob("*.txt"))[1].name
SOURCE_LINE = 2 + next(n for n, row in enumerate(read_rows(DATA_DIR / "sources.csv")[1]) if row["seed_file"] == SEED)
FX_ROWS = read_rows(DATA_DIR / "fx_rates.csv")[1]
CHINA = next(n for n, row in enumerate(read_rows(DATA_DIR / "regions.csv")[1]) if row["region_id"] == "china")
EVENT_DATED = next(n for n, row in enumerate(read_rows(DATA_DIR / "events.csv")[1]) if row["date"])


def _rewrite(path: Path, convert) -> None:
    path.write_bytes(convert(path.read_bytes()))


def _header_only(data: Path, table: str) -> None:
    write_rows(data / f"{table}.csv", read_rows(data / f"{table}.csv")[0], [])


def _drop_column(data: Path, table: str, column: str) -> None:
    header, rows = read_rows(data / f"{table}.csv")
    write_rows(
        data / f"{table}.csv",
        [c for c in header if c != column],
        [{k: v for k, v in r.items() if k != column} for r in rows],
    )


def _add_column(data: Path, table: str, column: str, value: str) -> None:
    header, rows = read_rows(data / f"{table}.csv")
    write_rows(data / f"{table}.csv", [*header, column], [{**row, column: value} for row in rows])


def _no_focus(data: Path) -> None:
    header, rows = read_rows(data / "regions.csv")
    write_rows(data / "regions.csv", header, [{**row, "is_focus": "false"} for row in rows])


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no disk space: the size check must refuse it before reading."""
    with path.open("wb") as handle:
        handle.truncate(size)


# kind -> (how to break a fresh copy of data/ + seeds/, the exact line the report must hold)
BROKEN = {
    "file in cp1252": (
        lambda d: _rewrite(d / "facts.csv", lambda b: b.decode("utf-8").encode("cp1252", errors="replace")),
        "data/facts.csv:0: (file): not UTF-8 text (invalid continuation byte at byte {cp1252_byte})",
    ),
    "file in Latin-1": (
        lambda d: _rewrite(d / "regions.csv", lambda b: b.decode("utf-8").encode("latin-1")),
        "data/regions.csv:0: (file): not UTF-8 text (invalid continuation byte at byte {latin1_byte})",
    ),
    "UTF-8 byte-order mark": (
        lambda d: _rewrite(d / "sources.csv", lambda b: b"\xef\xbb\xbf" + b),
        "data/sources.csv:0: (file): starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM",
    ),
    "CRLF line endings": (
        lambda d: _rewrite(d / "indicators.csv", lambda b: b.replace(b"\n", b"\r\n")),
        (
            "data/indicators.csv:1: (file): has CRLF (Windows) line endings; save it with LF line endings "
            "(e.g. `dos2unix`)"
        ),
    ),
    "empty file": (
        lambda d: (d / "actors.csv").write_bytes(b""),
        "data/actors.csv:1: (header): the file is empty; it needs a header row",
    ),
    "header-only regions": (
        lambda d: _header_only(d, "regions"),
        "data/regions.csv:2: (rows): no rows: every dataset needs at least one row in regions.csv",
    ),
    "facts file with no rows": (
        lambda d: _header_only(d, "facts"),
        "data/facts.csv:2: (rows): no rows: every dataset needs at least one row in facts.csv",
    ),
    "extra column": (
        lambda d: _add_column(d, "regions", "capital", "somewhere"),
        (
            "data/regions.csv:1: capital: unknown column; regions.csv has: region_id, name_en, name_fr, level, parent_id, "
            "iso_country, is_focus"
        ),
    ),
    "missing required column": (
        lambda d: _drop_column(d, "facts", "unit"),
        "data/facts.csv:1: unit: required column is missing from the header",
    ),
    "FX rate of 0": (
        lambda d: edit_row(d, "fx_rates", 0, units_per_usd="0"),
        "data/fx_rates.csv:2: units_per_usd: Input should be greater than 0",
    ),
    "negative FX rate": (
        lambda d: edit_row(d, "fx_rates", 1, units_per_usd="-7.1"),
        "data/fx_rates.csv:3: units_per_usd: Input should be greater than 0",
    ),
    "FX rate not a number": (
        lambda d: edit_row(d, "fx_rates", 2, units_per_usd="7,1"),
        (
            "data/fx_rates.csv:4: units_per_usd: '7,1' is not a number (write digits with a '.' decimal point, or a "
            "fraction like 1/3)"
        ),
    ),
    "fraction 1/0 in a fact's value": (
        lambda d: edit_row(d, "facts", 0, value="1/0"),
        "data/facts.csv:2: value: '1/0' divides by zero: a fraction's denominator is not 0",
    ),
    "fraction 1/0 in an FX rate": (
        lambda d: edit_row(d, "fx_rates", 0, units_per_usd="1/0"),
        "data/fx_rates.csv:2: units_per_usd: '1/0' divides by zero: a fraction's denominator is not 0",
    ),
    "fraction 1/0 in a population": (
        lambda d: edit_row(d, "population", 0, population="1/0"),
        "data/population.csv:2: population: Input should be a valid integer, unable to parse string as an integer",
    ),
    "cycle in region parents": (
        lambda d: edit_row(d, "regions", CHINA, parent_id="guangdong", level="country"),
        "data/regions.csv:2: parent_id: cycle in region parents: guangdong -> china -> guangdong",
    ),
    "seed file missing": (
        lambda d: (d.parent / "seeds" / SEED).unlink(),
        f"data/sources.csv:{SOURCE_LINE}: seed_file: no such seed: {SEED} in seeds",
    ),
    "50 MB seed": (
        lambda d: _sparse(d.parent / "seeds" / SEED, 50 * 2**20),
        (
            f"seeds/{SEED}:0: (file): 52,428,800 bytes is too large: a seed file is at most {MAX_SEED_BYTES:,} bytes; "
            "nothing in it was read"
        ),
    ),
    "table over the size limit": (
        lambda d: _sparse(d / "facts.csv", MAX_TABLE_BYTES + 1),
        (
            f"data/facts.csv:0: (file): {MAX_TABLE_BYTES + 1:,} bytes is too large: a data file is at most "
            f"{MAX_TABLE_BYTES:,} bytes; nothing in it was read"
        ),
    ),
    "no focus region": (
        _no_focus,
        (
            "data/regions.csv:0: is_focus: no region is a focus region: set is_focus to true on the regions the "
            "dashboard compares"
        ),
    ),
    "month 13 in an event date": (
        lambda d: edit_row(d, "events", EVENT_DATED, date="2025-13"),
        (
            f"data/events.csv:{EVENT_DATED + 2}: date: '2025-13' is not a date in the calendar (month 01–12, a day the "
            "month has)"
        ),
    ),
    "year 0000 in an event date": (
        lambda d: edit_row(d, "events", EVENT_DATED, date="0000-05-01"),
        f"data/events.csv:{EVENT_DATED + 2}: date: '0000-05-01' has year 0000, which no calendar has (years start at 0001)",
    ),
    "31 April in an FX release date": (
        lambda d: edit_row(d, "fx_rates", 0, release_date="2025-04-31"),
        (
            "data/fx_rates.csv:2: release_date: '2025-04-31' is not a date in the calendar (month 01–12, a day the "
            "month has)"
        ),
    ),
    "bad year in facts": (
        lambda d: edit_row(d, "facts", 0, period_end="mid-2025"),
        "data/facts.csv:2: period_end: Input should be a valid integer, unable to parse string as an integer",
    ),
    "duplicate region id": (
        lambda d: edit_row(d, "regions", 1, region_id=read_rows(d / "regions.csv")[1][0]["region_id"]),
        "data/regions.csv:3: region_id: duplicate id 'guangdong' (first on line 2)",
    ),
    "dangling programme reference": (
        lambda d: edit_row(d, "facts", 0, instrument_id="no_such_programme"),
        "data/facts.csv:2: instrument_id: unknown instrument 'no_such_programme'",
    ),
    "actor quote not in the seed": (
        lambda d: edit_row(d, "actors", 0, quote="une entreprise imaginaire"),
        "data/actors.csv:2: quote: not found verbatim in the seed of {actor_source}",
    ),
    "wrong checksum": (
        lambda d: edit_row(d, "sources", 0, sha256="0" * 64),
        (
            "data/sources.csv:2: sha256: seed {first_seed} has changed (its sha256 is {first_seed_sha256}); seeds are "
            "never edited"
        ),
    ),
}


def _expected(kind: str, data: Path) -> str:
    facts = (DATA_DIR / "facts.csv").read_text(encoding="utf-8")
    regions = (DATA_DIR / "regions.csv").read_text(encoding="utf-8")
    first_seed = read_rows(DATA_DIR / "sources.csv")[1][0]["seed_file"]
    return BROKEN[kind][1].format(
        cp1252_byte=len(facts[: next(i for i, c in enumerate(facts) if ord(c) > 127)].encode()),
        latin1_byte=len(regions[: next(i for i, c in enumerate(regions) if ord(c) > 127)].encode()),
        actor_source=read_rows(DATA_DIR / "actors.csv")[1][0]["source_id"],
        first_seed=first_seed,
        first_seed_sha256=hashlib.sha256((SEEDS_DIR / first_seed).read_bytes()).hexdigest(),
    )


def validate(data: Path, capsys, *options: str) -> tuple[int, list[str]]:
    """`ecodash validate --data-dir data`, in-process: its exit code and the lines it wrote to stderr."""
    code = main(["validate", "--data-dir", str(data), *options])
    captured = capsys.readouterr()
    assert captured.out == "", "nothing on stdout when the data is invalid"
    return code, captured.err.splitlines()


def assert_error_page(at, expected: list[str]) -> None:
    """The app showed the validation error page listing `expected`, and nothing else of a page."""
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [t("error.dataset_title")]
    listed = "\n".join(block.value for block in at.code)
    for line in expected:
        assert line in listed.splitlines(), f"{line!r} not on the error page:\n{listed}"
    assert "Traceback" not in listed
    assert not at.dataframe and not at.get("plotly_chart") and not at.metric, "the page half-loaded"


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_copy_is_reported_by_validate_and_the_app(kind, data_copy, monkeypatch, capsys):
    monkeypatch.chdir(data_copy.parent)
    expected = _expected(kind, data_copy)
    BROKEN[kind][0](data_copy)
    code, lines = validate(data_copy, capsys)
    assert code == 1
    assert expected in lines, "\n".join(lines)
    assert lines[-1].endswith("problem(s): the dataset is not valid.")
    assert not any("Traceback" in line for line in lines)
    use_data_dir(monkeypatch, data_copy)
    assert_error_page(open_app("overview"), [expected])


def test_at_least_twenty_kinds():
    assert len(BROKEN) >= 20


# --- a cause leads, its consequences are not listed, and the list is bounded -------------------------------------

CAUSES = {
    "regions.csv in Latin-1": lambda d: _rewrite(d / "regions.csv", lambda b: b.decode().encode("latin-1")),
    "sources.csv empty": lambda d: (d / "sources.csv").write_bytes(b""),
    "regions.csv without rows": lambda d: _header_only(d, "regions"),
    "indicators.csv with CRLF": lambda d: _rewrite(d / "indicators.csv", lambda b: b.replace(b"\n", b"\r\n")),
    "instruments.csv missing": lambda d: (d / "instruments.csv").unlink(),
}


@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_one_unusable_file_is_the_only_problem(cause, data_copy, monkeypatch, capsys):
    """Every fact refers to a region, a source, an indicator: without the table, validation names the file alone,
    not each reference to it (nor every seed as 'not listed' when sources.csv is unreadable)."""
    monkeypatch.chdir(data_copy.parent)
    CAUSES[cause](data_copy)
    problems = [str(problem) for problem in validate_data_dir(data_copy)[2]]
    table = next(name for name in ("regions", "sources", "indicators", "instruments") if name in cause)
    assert len(problems) == 1 and problems[0].startswith(f"data/{table}.csv:"), "\n".join(problems)
    code, lines = validate(data_copy, capsys)
    assert (code, lines) == (1, [problems[0], "1 problem(s): the dataset is not valid."])


def test_the_cause_is_listed_first_and_the_list_is_bounded(data_copy, monkeypatch, capsys):
    monkeypatch.chdir(data_copy.parent)
    header, facts = read_rows(data_copy / "facts.csv")
    write_rows(data_copy / "facts.csv", header, [{**fact, "quote": f"{fact['quote']} (sic)"} for fact in facts])
    header, actors = read_rows(data_copy / "actors.csv")
    write_rows(data_copy / "actors.csv", header, [{**actor, "quote": f"{actor['quote']} (sic)"} for actor in actors])
    _rewrite(data_copy / "population.csv", lambda b: b"\xef\xbb\xbf" + b)  # a cause, sorted after actors and facts
    total = len(facts) + len(actors) + 1
    assert total > MAX_SHOWN + 10
    code, lines = validate(data_copy, capsys)
    assert code == 1
    assert lines[0].startswith("data/population.csv:0: (file): starts with a UTF-8 byte-order mark")
    assert lines[1].startswith("data/actors.csv:2: quote: not found verbatim")
    assert len(lines) == MAX_SHOWN + 2
    assert lines[-2:] == [
        f"… and {total - MAX_SHOWN} more problem(s)",
        f"{total} problem(s): the dataset is not valid.",
    ]
    code, every = validate(data_copy, capsys, "--all")
    assert code == 1 and len(every) == total + 1 and every[:MAX_SHOWN] == lines[:MAX_SHOWN], "--all lists them all"
    use_data_dir(monkeypatch, data_copy)
    at = open_app("compare")
    # the page says the last line with its language's plural rule; the command line keeps its own words
    assert_error_page(at, [*lines[:MAX_SHOWN], f"… and {total - MAX_SHOWN} more problems"])
    assert len(at.code[0].value.splitlines()) == MAX_SHOWN + 1


# --- what the contract accepts ---------------------------------------------------------------------------------


def test_an_uploaded_file_may_carry_a_bom_and_crlf(data_copy):
    """Only the curated folder is held byte for byte: a reader's upload saved by a spreadsheet (BOM, CRLF) is read."""
    header, facts = read_rows(data_copy / "facts.csv")
    write_rows(data_copy.parent / "upload.csv", header, [{**facts[0], "fact_id": "uploaded_copy"}])
    upload = b"\xef\xbb\xbf" + (data_copy.parent / "upload.csv").read_bytes().replace(b"\n", b"\r\n")
    assert addition_problems(data_copy, addition_layer({"facts": upload}, {}, label="your upload")) == []


def test_the_size_limits_leave_room_for_the_data_it_is_built_for():
    largest_table = max(path.stat().st_size for path in DATA_DIR.glob("*.csv"))
    per_fact = (DATA_DIR / "facts.csv").stat().st_size / len(read_rows(DATA_DIR / "facts.csv")[1])
    assert MAX_TABLE_BYTES > 100_000 * per_fact * 2 > largest_table, "room for 100 000 facts twice over"
    assert MAX_SEED_BYTES >= max(path.stat().st_size for path in SEEDS_DIR.glob("*.txt")) * 10
    assert MAX_SEED_BYTES == propose.MAX_BYTES, "a seed is an article as Add an article takes it"


# --- valid data the pages must show (never "Something went wrong") ---------------------------------------------


def _without_currency(data: Path, currency: str) -> None:
    header, rates = read_rows(data / "fx_rates.csv")
    write_rows(data / "fx_rates.csv", header, [rate for rate in rates if rate["currency"] != currency])


def _optional_tables_empty(data: Path) -> None:
    for table in ("actors", "events", "instruments", "population", "audit_exclusions", "caveats"):
        _header_only(data, table)
    header, facts = read_rows(data / "facts.csv")
    write_rows(data / "facts.csv", header, [{**fact, "instrument_id": ""} for fact in facts])


VALID = {
    "no FX rate for KRW": lambda d: _without_currency(d, "KRW"),
    "no FX rates at all": lambda d: _header_only(d, "fx_rates"),
    "optional tables without rows": _optional_tables_empty,
}


@pytest.fixture(scope="module", params=sorted(VALID))
def valid_variant(request, tmp_path_factory) -> tuple[str, Path]:
    """A copy of data/ changed in a way the contract accepts (validated here), shared by every page's test."""
    root = tmp_path_factory.mktemp("valid")
    shutil.copytree(DATA_DIR, root / "data")
    shutil.copytree(SEEDS_DIR, root / "seeds")
    VALID[request.param](root / "data")
    assert validate_data_dir(root / "data")[2] == []
    return request.param, root / "data"


@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_every_page_shows_valid_data_that_lacks_something(page, valid_variant, monkeypatch):
    variant, data = valid_variant
    use_data_dir(monkeypatch, data)
    at = open_app(page, lang="en")
    assert_clean(at)
    text = page_text(at).replace("\\", "")
    assert text.strip(), "a blank page"
    if variant == "no FX rate for KRW" and page in ("overview", "compare", "funding", "data"):
        assert fx.no_rate_reason("KRW", fx.WDI) in text, "the unconverted figure says why"
