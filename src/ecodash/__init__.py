"""ecodash: curated, provenance-checked data on regional AI ecosystems, and the functions that compare them."""

from ecodash.analysis.indicators import (
    FX_BASES,
    comparison_long,
    comparison_table,
    convert_to_usd,
    facts_table,
    funding_table,
    fx_table,
    region_descendants,
)
from ecodash.ingest.dataset import Dataset, DatasetError, Problem, default_data_dir, load_dataset

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
