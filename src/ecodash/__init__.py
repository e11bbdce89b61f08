"""ecodash: curated, provenance-checked data on regional AI ecosystems, and the functions that compare them."""

import importlib

from ecodash.analysis.indicators import (
    FX_BASES,
    comparison_long,
    comparison_table,
    convert_to_usd,
    facts_table,
    funding_table,
    fx_table,
)
from ecodash.analysis.regions import region_descendants
from ecodash.ingest.dataset import Dataset, DatasetError, Problem, default_data_dir, load_dataset

MODULES = {
    "comparability": "ecodash.analysis.comparability",
    "export": "ecodash.io.export",
    "fx": "ecodash.analysis.fx",
    "indicators": "ecodash.analysis.indicators",
    "intensity": "ecodash.analysis.intensity",
    "pillars": "ecodash.analysis.pillars",
}
"""Short names of the modules the Python API documents (`from ecodash import indicators, export`), imported on
first use: a page that never exports does not load openpyxl."""

__all__ = [
    "FX_BASES",
    "Dataset",
    "DatasetError",
    "Problem",
    "comparison_long",
    "comparison_table",
    "convert_to_usd",
    "default_data_dir",
    "facts_table",
    "funding_table",
    "fx_table",
    "load_dataset",
    "region_descendants",
]


def __getattr__(name: str):
    if name in MODULES:
        return importlib.import_module(MODULES[name])
    raise AttributeError(f"module 'ecodash' has no attribute {name!r}")
