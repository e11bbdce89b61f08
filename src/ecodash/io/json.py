"""JSON bytes of one table (an array of records) or of several (an object of arrays); missing values are null."""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd

from ecodash.io.cells import plain_value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{column: plain_value(value) for column, value in row.items()} for row in frame.to_dict("records")]


def to_json_bytes(frame: pd.DataFrame) -> bytes:
    """A JSON array of records; missing values are null."""
    return (json.dumps(_records(frame), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_json_tables_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """Several tables in one JSON object: {"table": [records...]}; missing values are null."""
    tables = {name: _records(frame) for name, frame in frames.items()}
    return (json.dumps(tables, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
