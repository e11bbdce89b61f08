"""Derived tables kept per dataset: a Dataset never changes, so a table built from it (and the language and
arguments it was asked for in) can be built once and shared by every caller; it goes with its dataset."""

from __future__ import annotations

import weakref
from collections.abc import Callable

import pandas as pd

from ecodash import i18n
from ecodash.ingest.dataset import Dataset, stored

TABLES_KEPT = 16
"""Tables kept per dataset (by table, language and arguments); the oldest is dropped first."""
_KEPT: weakref.WeakKeyDictionary[Dataset, dict[tuple, pd.DataFrame]] = weakref.WeakKeyDictionary()
"""Dataset as stored -> (language, table, arguments...) -> the table."""


def kept(dataset: Dataset, key: tuple, build: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """build() once per dataset, current language and `key` (the table's name and arguments: hashable); each call
    returns its own copy (copy-on-write: no data is copied until the caller changes it)."""
    tables = _KEPT.setdefault(stored(dataset), {})
    key = (i18n.current(), *key)
    table = tables.get(key)
    if table is None:
        table = build()
        while len(tables) >= TABLES_KEPT:
            tables.pop(next(iter(tables)), None)
        tables[key] = table
    return table.copy(deep=False)
