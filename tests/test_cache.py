"""The validated-table cache (ecodash.ingest.cache): a hit is the very Dataset a validation builds, any changed byte
or version misses, a bad entry or folder is never trusted nor fatal, and `ecodash validate` never uses it."""

from __future__ import annotations

import itertools
import json
import logging
import pickle
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ecodash
from ecodash.analysis import indicators
from ecodash.cli import main
from ecodash.ingest import cache, files
from ecodash.ingest.dataset import DatasetError, localized
from ecodash.ingest.files import folder_layer
from support import record_calls


@pytest.fixture
def cache_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.delenv(cache.CACHE_SWITCH_ENV, raising=False)
    return folder


@pytest.fixture
def validations(monkeypatch) -> list:
    """Every full validation the cache runs (its misses)."""
    return record_calls(monkeypatch, cache, "load_layer", keep=lambda args, kwargs: args[1])


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if not path.name.startswith(".tmp-")) if folder.exists() else []


def assert_same_dataset(hit: ecodash.Dataset, fresh: ecodash.Dataset) -> None:
    """Everything a page reads of a Dataset, compared exactly: frames (values, dtypes, index), seeds, lines,
    warnings with their catalogue keys and params, folder, key, contributions, and the language views."""
    assert hit.TABLES == fresh.TABLES
    for name in fresh.TABLES:
        pd.testing.assert_frame_equal(hit.table(name), fresh.table(name), check_exact=True)
        assert hit.table(name).dtypes.to_dict() == fresh.table(name).dtypes.to_dict()
        assert list(hit.table(name).index) == list(fresh.table(name).index)
    assert dict(hit.seeds) == dict(fresh.seeds)
    assert hit._lines == fresh._lines
    assert hit.warnings == fresh.warnings
    assert [(w.key, dict(w.params)) for w in hit.warnings] == [(w.key, dict(w.params)) for w in fresh.warnings]
    assert (hit.data_dir, hit.key, hit.language) == (fresh.data_dir, fresh.key, fresh.language)
    assert dict(hit.contributed) == dict(fresh.contributed)
    assert hit.focus_region_ids() == fresh.focus_region_ids()
    for language in ("en", "fr"):
        for name in fresh.TABLES:
            pd.testing.assert_frame_equal(localized(hit, language).table(name), localized(fresh, language).table(name))
    pd.testing.assert_frame_equal(indicators.facts_table(hit), indicators.facts_table(fresh), check_exact=True)
    pd.testing.assert_frame_equal(indicators.funding_table(hit), indicators.funding_table(fresh), check_exact=True)
    assert pickle.loads(pickle.dumps(hit)).key == fresh.key


@pytest.mark.parametrize("which", ["curated", "fixture"])
def test_a_hit_is_the_dataset_a_validation_builds_and_skips_validation(which, cache_folder, validations, request):
    data_dir = request.getfixturevalue({"curated": "data_copy", "fixture": "fixture_data_dir"}[which])
    # the fixture's data has a warning (XTS, unconverted)
    fresh = ecodash.load_dataset(data_dir)
    first = cache.cached_dataset(data_dir)
    assert validations == [data_dir] and len(entries(cache_folder)) == 1, "a miss validates once, and is stored"
    assert_same_dataset(first, fresh)
    hit = cache.cached_dataset(data_dir)
    assert validations == [data_dir], "a hit does not validate"
    assert_same_dataset(hit, fresh)
    if which == "fixture":
        assert hit.warnings and hit.warnings[0].key == "problems.warning.no_rate"


def every_input(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("*.csv")) + sorted((data_dir.parent / "seeds").glob("*.txt"))


def test_one_byte_of_any_data_or_seed_file_changes_the_key(data_copy):
    key = cache.entry_key(folder_layer(data_copy), data_copy)
    inputs = every_input(data_copy)
    assert len(inputs) == len(ecodash.Dataset.TABLES) + len(list((data_copy.parent / "seeds").glob("*.txt")))
    for path in inputs:
        original = path.read_bytes()
        middle = len(original) // 2
        path.write_bytes(original[:middle] + bytes([original[middle] ^ 1]) + original[middle + 1 :])
        assert cache.entry_key(folder_layer(data_copy), data_copy) != key, f"one byte of {path.name} changed"
        path.write_bytes(original)
    renamed = inputs[-1].with_name("zz_" + inputs[-1].name)
    inputs[-1].rename(renamed)
    assert cache.entry_key(folder_layer(data_copy), data_copy) != key, "a seed file renamed"
    renamed.rename(inputs[-1])
    assert cache.entry_key(folder_layer(data_copy), data_copy) == key


@pytest.mark.parametrize("changed", ["seed", "table"])
def test_a_changed_byte_is_validated_again_not_served_from_the_cache(changed, cache_folder, data_copy, validations):
    cache.cached_dataset(data_copy)
    if changed == "seed":  # its sha256 in sources.csv no longer matches
        path = min((data_copy.parent / "seeds").glob("*.txt"))
        path.write_bytes(path.read_bytes() + b"x")
        with pytest.raises(DatasetError, match="sha256"):
            cache.cached_dataset(data_copy)
    else:  # a valid change: the new dataset has it
        path = data_copy / "caveats.csv"
        frame = ecodash.load_dataset(data_copy).caveats
        text = path.read_text(encoding="utf-8")
        first_note = frame["caveat"].iloc[0]
        path.write_text(text.replace(first_note, first_note + " Again.", 1), encoding="utf-8")
        assert cache.cached_dataset(data_copy).caveats["caveat"].iloc[0] == first_note + " Again."
    assert validations == [data_copy, data_copy]


def test_a_new_package_version_misses(cache_folder, data_copy, validations, monkeypatch):
    cache.cached_dataset(data_copy)
    cache.cached_dataset(data_copy)
    assert validations == [data_copy]
    monkeypatch.setattr(cache, "package_version", lambda: "99.0+other")
    cache.cached_dataset(data_copy)
    assert validations == [data_copy, data_copy]


def test_the_version_carries_a_digest_of_the_code():
    version = cache.package_version()
    assert version.split("+")[0] == __import__("importlib.metadata").metadata.version("ecodash")
    assert len(version.split("+")[1]) == 16


def corrupt(entry: Path, how: str) -> None:
    facts = entry / "facts.parquet"
    manifest = entry / cache.MANIFEST
    if how == "truncated parquet":
        facts.write_bytes(facts.read_bytes()[:-100])
    elif how == "one byte of a parquet file":
        data = bytearray(facts.read_bytes())
        data[len(data) // 2] ^= 1
        facts.write_bytes(bytes(data))
    elif how == "parquet of another table":
        (entry / "regions.parquet").replace(facts)
    elif how == "truncated manifest":
        manifest.write_bytes(manifest.read_bytes()[:50])
    elif how == "foreign json":
        manifest.write_text(json.dumps({"format": "something else", "tables": {}}), encoding="utf-8")
    elif how == "other format version":
        described = json.loads(manifest.read_text(encoding="utf-8"))
        manifest.write_text(json.dumps(described | {"format_version": 0}), encoding="utf-8")
    elif how == "forged warning":
        described = json.loads(manifest.read_text(encoding="utf-8"))
        described["warnings"] = [{"file": 1, "row": "x", "field": "", "reason": "", "key": "", "params": {}}]
        manifest.write_text(json.dumps(described), encoding="utf-8")
    elif how in ("forged lines", "a line short", "a seed file that is not there"):
        described = json.loads(manifest.read_text(encoding="utf-8"))
        if how == "forged lines":
            described["tables"]["facts"]["lines"] = [[2, "5"]]
        elif how == "a line short":
            described["tables"]["facts"]["lines"][-1][1] -= 1
        else:
            described["seeds"][next(iter(described["seeds"]))] = "not-there.txt"
        manifest.write_text(json.dumps(described), encoding="utf-8")
    elif how == "missing file":
        (entry / "facts.parquet").unlink()
    elif how == "a file, not a folder":
        for path in entry.iterdir():
            path.unlink()
        entry.rmdir()
        entry.write_bytes(b"\x00not a cache entry")


@pytest.mark.parametrize(
    "how",
    [
        "truncated parquet",
        "one byte of a parquet file",
        "parquet of another table",
        "truncated manifest",
        "foreign json",
        "other format version",
        "forged warning",
        "forged lines",
        "a line short",
        "a seed file that is not there",
        "missing file",
        "a file, not a folder",
    ],
)
def test_a_bad_entry_is_ignored_with_a_log_line_and_replaced(how, cache_folder, fixture_data_dir, validations, caplog):
    fresh = cache.cached_dataset(fixture_data_dir)
    (entry,) = entries(cache_folder)
    corrupt(entry, how)
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        again = cache.cached_dataset(fixture_data_dir)
    assert [r.levelno for r in caplog.records if r.name == cache.__name__] == [logging.WARNING]
    assert "ignored the cached dataset" in caplog.text and str(entry) in caplog.text
    assert validations == [fixture_data_dir] * 2, "validated again, not trusted"
    assert_same_dataset(again, fresh)
    cache.cached_dataset(fixture_data_dir)
    assert validations == [fixture_data_dir] * 2, "the bad entry was replaced by a good one"
    assert entries(cache_folder) == [entry]


@pytest.mark.parametrize("where", ["under a file", "a file"])
def test_an_unwritable_cache_folder_only_costs_a_validation(where, tmp_path, fixture_data_dir, monkeypatch, caplog):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache" if where == "under a file" else blocker))
    with caplog.at_level(logging.WARNING, logger=cache.__name__):
        first = cache.cached_dataset(fixture_data_dir)
        second = cache.cached_dataset(fixture_data_dir)
    assert "could not store the validated dataset" in caplog.text
    assert_same_dataset(first, ecodash.load_dataset(fixture_data_dir))
    assert_same_dataset(second, first)
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


def test_a_write_that_fails_midway_leaves_no_entry_and_no_temporary_folder(cache_folder, fixture_data_dir, monkeypatch):
    dataset = ecodash.load_dataset(fixture_data_dir)

    def full_disk(path, frame):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache, "_write_parquet", full_disk)
    assert cache.write_entry(cache_folder, "0" * 64, dataset) is None
    assert list(cache_folder.iterdir()) == []


def test_two_writers_of_one_key_leave_one_whole_entry(cache_folder, fixture_data_dir):
    dataset = ecodash.load_dataset(fixture_data_dir)
    key = cache.entry_key(folder_layer(fixture_data_dir), fixture_data_dir)
    first = cache.write_entry(cache_folder, key, dataset)
    second = cache.write_entry(cache_folder, key, dataset)  # the rename finds the first in place
    assert first == second == cache_folder / key
    assert [p.name for p in cache_folder.iterdir()] == [key], "no temporary folder left"
    assert_same_dataset(cache.read_entry(first, key, fixture_data_dir, folder_layer(fixture_data_dir).seeds), dataset)


def test_old_entries_are_pruned(cache_folder, fixture_data_dir):
    dataset = ecodash.load_dataset(fixture_data_dir)
    for number in range(cache.KEEP_ENTRIES + 2):
        cache.write_entry(cache_folder, f"{number:064x}", dataset)
    kept = [path.name for path in entries(cache_folder)]
    assert len(kept) == cache.KEEP_ENTRIES and f"{cache.KEEP_ENTRIES + 1:064x}" in kept


def test_where_the_cache_lives_and_how_to_turn_it_off(tmp_path, monkeypatch, fixture_data_dir, validations):
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "ecodash"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "ecodash"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    for off in ("off", "0", "false", "NO"):
        monkeypatch.setenv(cache.CACHE_SWITCH_ENV, off)
        assert cache.cache_dir() is None
    cache.cached_dataset(fixture_data_dir)
    cache.cached_dataset(fixture_data_dir)
    assert not (tmp_path / "mine").exists(), "off: nothing written"


def test_validate_always_validates_in_full_and_never_touches_the_cache(
    cache_folder, data_copy, monkeypatch, capsys, validations
):
    cache.cached_dataset(data_copy)
    (entry,) = entries(cache_folder)
    before = {path.name: path.stat().st_mtime_ns for path in entry.iterdir()}
    reads = record_calls(monkeypatch, cache, "read_entry")
    assert main(["validate", "--data-dir", str(data_copy)]) == 0
    assert reads == [] and validations == [data_copy], "validate read no entry (its validation is its own)"
    assert {path.name: path.stat().st_mtime_ns for path in entry.iterdir()} == before
    seed = min((data_copy.parent / "seeds").glob("*.txt"))
    seed.write_bytes(seed.read_bytes() + b"x")
    assert main(["validate", "--data-dir", str(data_copy)]) == 1
    assert "sha256" in capsys.readouterr().err


def test_the_test_run_never_writes_into_the_users_cache():
    folder = cache.cache_dir()
    assert folder is not None and folder.name.startswith("ecodash-test-cache-")
    assert not folder.is_relative_to(Path.home() / ".cache")


@given(st.lists(st.integers(min_value=1, max_value=4), max_size=30))
def test_lines_stored_as_runs_come_back_as_they_were(steps):
    lines = list(itertools.accumulate(steps, initial=2))  # rows one or more lines apart (a cell over lines)
    runs = cache._runs(lines)
    assert cache._lines_of(runs) == lines
    assert len(runs) == 1 + sum(step != 1 for step in steps), "one run per stretch of consecutive lines"


def test_a_hit_decodes_a_seed_only_when_a_page_asks_for_it(cache_folder, fixture_data_dir, validations, monkeypatch):
    fresh = cache.cached_dataset(fixture_data_dir)
    decoded = record_calls(monkeypatch, files, "seed_text")
    hit = cache.cached_dataset(fixture_data_dir)
    assert validations == [fixture_data_dir] and decoded == []
    source_id = next(iter(hit.seeds))
    assert hit.seeds[source_id] == fresh.seeds[source_id] and hit.seeds[source_id] == fresh.seeds[source_id]
    assert len(decoded) == 1, "decoded once, when first asked for"
    assert dict(hit.seeds) == dict(fresh.seeds) and len(hit.seeds) == len(fresh.seeds)
