"""Shared fixtures: the real dataset (loaded once), throwaway copies of data/ + seeds/ to break, and the small
synthetic dataset of tests/fixtures.py (loaded once, or written afresh for a test)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import ecodash
import fixtures
from ecodash.ingest.cache import CACHE_DIR_ENV, CACHE_SWITCH_ENV
from support import DATA_DIR, SEEDS_DIR

# The validated-table cache of every load in this run (the app under AppTest, the e2e servers, the CLI): a folder
# of its own, removed at exit, never the user's ~/.cache. Set before any test, so subprocesses inherit it.
os.environ[CACHE_DIR_ENV] = tempfile.mkdtemp(prefix="ecodash-test-cache-")
os.environ.pop(CACHE_SWITCH_ENV, None)
atexit.register(shutil.rmtree, os.environ[CACHE_DIR_ENV], ignore_errors=True)


@pytest.fixture(scope="session")
def dataset() -> ecodash.Dataset:
    return ecodash.load_dataset(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ with its seeds/ beside it; returns the data folder."""
    shutil.copytree(DATA_DIR, tmp_path / "data")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def fixture_dataset(tmp_path_factory: pytest.TempPathFactory) -> ecodash.Dataset:
    """The synthetic dataset of tests/fixtures.py, loaded once (do not write to its folder)."""
    return ecodash.load_dataset(fixtures.write(tmp_path_factory.mktemp("fixture")))


@pytest.fixture
def fixture_data_dir(tmp_path: Path) -> Path:
    """A fresh, writable copy of the synthetic dataset; returns its data folder (seeds/ beside it)."""
    return fixtures.write(tmp_path)
