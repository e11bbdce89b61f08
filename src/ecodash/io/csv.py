"""CSV bytes of a table (numbers never rounded, missing cells empty), the spreadsheet-safe CSV, and reading back."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from ecodash.ingest import spreadsheet
from ecodash.io.cells import plain_value
from ecodash.schema.columns import find_column


def _csv_text(value: object) -> object:
    value = plain_value(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return value


def _csv_column(series: pd.Series) -> pd.Series:
    """_csv_text of every cell; a float column in bulk (whole numbers as integers, others as repr), a column of
    strings as it is, anything else cell by cell."""
    if pd.api.types.is_float_dtype(series) and not isinstance(series.dtype, pd.ArrowDtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        whole = np.isfinite(values) & (values == np.floor(values)) & (np.abs(values) < 1e16)
        text = np.full(len(values), None, dtype=object)
        text[whole] = values[whole].astype("int64").astype(str).astype(object)
        other = ~whole & ~np.isnan(values)
        text[other] = [repr(v) for v in values[other].tolist()]
        return pd.Series(text, dtype=object)
    if pd.api.types.is_string_dtype(series) and not pd.api.types.is_object_dtype(series):
        return pd.Series(series.to_numpy(dtype=object, na_value=None), dtype=object)  # str: missing -> empty
    return pd.Series([_csv_text(v) for v in series.tolist()], dtype=object)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV, one header row, empty cells for missing values, numbers never rounded."""
    text = pd.DataFrame({column: _csv_column(frame[column]) for column in frame.columns})
    return text.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The CSV a reader downloads to open in a spreadsheet: to_csv_bytes with every text cell that a spreadsheet
    would compute (=, +, -, @, tab, CR) or that starts with an apostrophe prefixed by one (spreadsheet.neutralise;
    read_facts_csv and an upload of the file undo it). Numbers are untouched."""
    return to_csv_bytes(spreadsheet.neutralise_frame(frame))


def _typed(series: pd.Series, dtype: str) -> pd.Series:
    """A column read as text, in the registry's `dtype`."""
    if dtype == "float64":
        return series.astype("float64")
    if dtype in ("Int64", "int64"):
        return series.astype("float64").astype("Int64")
    if dtype in ("bool", "boolean"):
        return series.map({"True": True, "False": False}).astype("boolean")
    return series.astype("str").where(series.notna(), None)


def read_facts_csv(source: Path | str | bytes, *, spreadsheet_safe: bool = True) -> pd.DataFrame:
    """Read an exported facts CSV back with the dtypes facts_table produces (the column registry's, for round
    trips); `spreadsheet_safe`: the file was written by to_spreadsheet_csv_bytes (its apostrophes are undone), else
    by to_csv_bytes."""
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    frame = pd.read_csv(data, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    if spreadsheet_safe:
        frame = spreadsheet.restore_frame(frame)
    for name in frame.columns:
        known = find_column("facts", name)
        frame[name] = _typed(frame[name], known.pandas_dtype if known is not None else "str")
    return frame
