"""A frame's cells as plain Python values, the way the CSV and JSON writers put them."""

from __future__ import annotations

import math

import pandas as pd


def plain_value(value: object) -> object:
    """None for a missing value (None, NA, NaN), a Python scalar for a numpy one, anything else as it is."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value
