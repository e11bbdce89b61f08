"""Validation's column-wise fast path finds exactly the problems of the full path, in the same order, on every broken
fixture of the suite and on generated data, broken on purpose."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import io
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import test_broken_data
import test_dataset
import test_validation_holes
from ecodash.ingest.dataset import folder_layer, validate_data_dir
from ecodash.ingest.validation import validate_layers
from ecodash.schema.fields import parse_number
from ecodash.text.cues import AI_SPECIFICITY_CUES, STATUS_CUES, cue_index, cues_in
from ecodash.text.normalise import NormalisedText
from ecodash.text.numbers import READINGS, digits_value, read_mentions, readable_digits
from ecodash.text.stated import as_floats, digit_values, stated_in_digits
from support import DATA_DIR, SEEDS_DIR, read_rows, write_rows

GENERATE = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def _both(data: Path) -> tuple[list, list]:
    return validate_data_dir(data, fast=False)[2], validate_data_dir(data, fast=True)[2]


def _broken_copies():
    """name -> how to break a copy of data/: every broken copy of test_broken_data and test_dataset."""
    cases = {f"broken: {name}": mutate for name, (mutate, _) in test_broken_data.BROKEN.items()}
    cases |= {f"cause: {name}": mutate for name, mutate in test_broken_data.CAUSES.items()}
    cases |= {f"dataset: {name}": mutate for name, (mutate, _) in test_dataset.BROKEN.items()}
    return cases


BROKEN_COPIES = _broken_copies()


@pytest.mark.parametrize("name", sorted(BROKEN_COPIES))
def test_both_paths_report_the_same_problems_on_every_broken_copy(name, tmp_path, monkeypatch):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    BROKEN_COPIES[name](tmp_path / "data")
    full, fast = _both(tmp_path / "data")
    assert full, "a broken copy has problems"
    assert [str(p) for p in fast] == [str(p) for p in full]
    assert fast == full


def _edited(table: str, index: int, **changes: str) -> dict[str, bytes]:
    header, rows = read_rows(DATA_DIR / f"{table}.csv")
    rows[index].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return {table: out.getvalue().encode("utf-8")}


def _hole_cases() -> dict[str, dict[str, bytes]]:
    """name -> the edited tables of each case of test_validation_holes that edits rows (numbers, refused rows)."""
    holes = test_validation_holes
    cases = {
        f"number: {kind}": _edited(table, index, **{column: cell})
        for kind, ((table, index, column, cell), _) in holes.NUMBERS.items()
    }
    cases |= {f"refused: {kind}": files() for kind, (files, _) in holes.REFUSED_ROWS.items()}
    return cases


HOLES = _hole_cases()


@pytest.mark.parametrize("name", sorted(HOLES))
def test_both_paths_report_the_same_problems_on_every_edited_table(name):
    layer = dataclasses.replace(folder_layer(DATA_DIR), files={**folder_layer(DATA_DIR).files, **HOLES[name]})
    full, fast = validate_layers([layer], fast=False)[2], validate_layers([layer], fast=True)[2]
    assert full
    assert fast == full


def test_both_paths_agree_on_the_curated_data():
    full, fast = _both(DATA_DIR)
    assert full == fast == []


def _scaled(cell: str, factor: float) -> str:
    return repr(float(cell) * factor) if cell else cell


FIRST_NUMBER = re.compile(r"\b\d+(?:[ \u00a0\u202f]\d{3})*\b")
# How a generated fact is broken: each one changes what its quote must state, or states it another way.
BREAKS = {
    "value times ten": lambda row: {"value": _scaled(row["value"], 10)},
    "value off by one in a billion": lambda row: {"value": _scaled(row["value"], 1 + 1e-9)},
    "value off by one in ten billions": lambda row: {"value": _scaled(row["value"], 1 + 1e-10)},
    "value in words": lambda row: {"quote": FIRST_NUMBER.sub("deux", row["quote"], count=1), "value": "2"},
    "value off by two in a billion": lambda row: {"value": _scaled(row["value"], 1 + 2e-9)},
    "stated_usd not stated": lambda row: {"stated_usd": "123457"} if row["stated_usd"] else {},
    "period_start not stated, no note": lambda row: {"period_start": "1901", "note": "", "note_fr": ""},
    "period_start not stated, a note": lambda row: {"period_start": "1901", "note": "n", "note_fr": "n"},
    "duration not stated": lambda row: {"duration_years": "99"} if row["duration_years"] else {},
    "a NUL in the quote": lambda row: {"quote": row["quote"] + "\x00"},
    "status against its cue": lambda row: {"status": "committed" if row["status"] != "committed" else "target"},
}


STILL_VALID = {
    "period_start not stated, a note",  # the note says why the quote does not state it
    "value off by one in ten billions",  # within the tolerance of numbers.matches
}
EITHER = {"value off by one in a billion", "value in words"}  # at the tolerance's edge; "deux millions" is 2 000 000


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate(400, tmp_path_factory.mktemp("generated"), seed=5, check=False).parent


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_both_paths_report_the_same_problems_on_generated_data_broken_on_purpose(kind, generated, tmp_path):
    shutil.copytree(generated, tmp_path / "copy")
    data = tmp_path / "copy" / "data"
    header, rows = read_rows(data / "facts.csv")
    rows = [{**row, **BREAKS[kind](row)} if index % 3 == 0 else row for index, row in enumerate(rows)]
    write_rows(data / "facts.csv", header, rows)
    full, fast = _both(data)
    if kind not in EITHER:
        assert bool(full) == (kind not in STILL_VALID), full[:3]
    assert fast == full


def test_both_paths_agree_on_valid_generated_data(generated):
    full, fast = _both(generated / "data")
    assert full == fast == []


def _words_and_digits():
    pieces = st.sampled_from(
        [" ", "\u00a0", "\u202f", "\n", ",", ".", "%", " %", "-", "'", "’", "\x00", "de", "millions", "million",
         "milliards", "mille", "Mds", "M", "pour cent", "deux", "trois", "cent", "un tiers", "K", "e", "bn", "m",
         "billion", "thousand", "per cent", "a", "é"]
    )  # fmt: skip
    digits = st.from_regex(r"\d{1,4}", fullmatch=True)
    return st.lists(st.one_of(pieces, digits), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_words_and_digits(), max_size=6), st.sampled_from(sorted(READINGS)))
def test_the_column_reads_each_text_s_own_digit_mentions(texts, language):
    """Joined by NULs, the texts give the digit mentions each gives alone (none for a text holding a NUL)."""
    rows, values = digit_values(texts, language)
    reading = READINGS[language]
    expected = [
        (index, float(digits_value(match, reading)))
        for index, text in enumerate(texts)
        if "\x00" not in text
        for match in reading.digits.finditer(text)
        if readable_digits(match)
    ]
    assert list(zip(rows.tolist(), values.tolist(), strict=True)) == expected


@settings(max_examples=300, deadline=None)
@given(_words_and_digits(), st.floats(min_value=0, max_value=1e13, allow_nan=False), st.sampled_from(sorted(READINGS)))
def test_a_number_the_column_says_stated_is_stated_by_the_full_reader(text, number, language):
    rows, values = digit_values([text], language)
    numbers, present, _ = as_floats([number])
    if stated_in_digits(rows, values, numbers, present)[0]:
        assert any(m.matches(number) for m in read_mentions(text, language))
    if "\x00" in text:  # left to the full reader: the column settles nothing of it
        assert not len(rows)
        return
    mentions = [m for m in read_mentions(text, language) if READINGS[language].digits.fullmatch(m.text)]
    for mention in mentions:
        numbers, present, _ = as_floats([float(mention.value)])
        assert stated_in_digits(rows, values, numbers, present)[0] == mention.matches(float(mention.value))


def test_an_int_no_float_holds_is_left_to_the_full_reader():
    _, present, unfit = as_floats([10**400, None, 3])
    assert present.tolist() == [False, False, True]
    assert unfit.tolist() == [True, False, False]


def _cue_text():
    words = sorted({word for cues in (STATUS_CUES, AI_SPECIFICITY_CUES) for words in cues.values() for word in words})
    pieces = st.sampled_from([*words, *(word.upper() for word in words), " ", "x", "é", ".", "\n", "a", "ici"])
    return st.lists(pieces, max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_cue_text(), st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400)), max_size=8))
def test_the_cue_bits_of_spans_are_the_cues_of_each_span(text, spans):
    """CueIndex.cue_bits over many spans says what cues_in says of each span: the rule the fast path settles by."""
    index = cue_index(text)
    if index is None:
        return
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in spans]
    starts = np.array([start for start, _ in spans], dtype=np.int64)
    ends = np.array([end for _, end in spans], dtype=np.int64)
    for cues in (STATUS_CUES, AI_SPECIFICITY_CUES):
        bits = index.cue_bits(starts, ends, cues).tolist()
        for (start, end), found in zip(spans, bits, strict=True):
            listed = cues_in(text[start:end], cues) if start > 0 and not text[start - 1].isalnum() else None
            expected = {value for k, value in enumerate(cues) if found >> k & 1}
            assert expected == set(index.cues_in(start, end, cues))
            if listed is not None:
                assert expected == set(listed)


def test_the_first_span_is_the_first_of_all_spans():
    normalised = NormalisedText.of("un deux  un\ndeux un deux")
    assert normalised.find_all("un deux", first=True) == normalised.find_all("un deux")[:1] == [(0, 7)]
    assert len(normalised.find_all("un deux")) == 3
    assert normalised.find_all("trois", first=True) == []


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[0-9]{1,320}", fullmatch=True) | st.sampled_from(["0", "000", "1" * 300, "9" * 309]))
def test_a_cell_of_plain_digits_reads_as_the_full_rule_reads_it(digits):
    """parse_number reads a cell of ASCII digits at once; the full rule (which "12.0" takes) gives the same."""
    try:
        expected = parse_number(f"{digits}.0")
    except ValueError:
        with pytest.raises(ValueError):
            parse_number(digits)
        return
    assert parse_number(digits) == expected
    assert parse_number(f" {digits} ") == expected


def test_both_paths_agree_where_sources_are_in_two_languages(generated, tmp_path):
    """Half the sources said to be in English: the column pass reads each language's quotes apart."""
    shutil.copytree(generated, tmp_path / "copy")
    data = tmp_path / "copy" / "data"
    header, rows = read_rows(data / "sources.csv")
    write_rows(
        data / "sources.csv", header, [{**row, "language": "en"} if i % 2 else row for i, row in enumerate(rows)]
    )
    full, fast = _both(data)
    assert full, "French quotes read as English state other numbers"
    assert fast == full
