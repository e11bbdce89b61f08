"""Shared fixtures: the real dataset (loaded once) and throwaway copies of data/ + seeds/ to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import ecodash
from support import DATA_DIR, SEEDS_DIR


@pytest.fixture(scope="session")
def dataset() -> ecodash.Dataset:
    return ecodash.load_dataset(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ with its seeds/ beside it; returns the data folder."""
    shutil.copytree(DATA_DIR, tmp_path / "data")
    shutil.copytree(SEEDS_DIR, tmp_path / "seeds")
    return tmp_path / "data"
