"""Text cells a spreadsheet must never compute (formula injection, OWASP "CSV injection"), reversibly.

A CSV export is opened by Excel, LibreOffice or Google Sheets, which read a cell starting with =, +, -, @, a tab
or a carriage return as a formula. `neutralise` prefixes such a text cell with an apostrophe (the spreadsheet
convention for "this is text") and also a cell that already starts with one, so `restore` undoes it exactly:
reading an export back gives the original text. Numbers are never touched. In XLSX every text cell is stored as
text (openpyxl would store a string starting with = as a formula), so its text stays as it is.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list)."""
PREFIX = "'"


def neutralise(text: str) -> str:
    """'=1+1' -> "'=1+1"; "'quoted" -> "''quoted"; any other text as it is."""
    return PREFIX + text if text[:1] in FORMULA_START or text.startswith(PREFIX) else text


def restore(text: str) -> str:
    """The inverse of neutralise: a leading apostrophe goes only where neutralise would have put it (before a
    formula character or another apostrophe), so a text that merely starts with one ("'t Hooft", from a file that
    was never neutralised, such as the data package's CSVs) stays as it is."""
    return text[1:] if text.startswith(PREFIX) and text[1:2] in (*FORMULA_START, PREFIX) and text[1:2] else text


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]


def _starts_with(values: pd.Series, chars: tuple[str, ...]) -> pd.Series:
    """True where the cell is text starting with one of `chars` (missing and non-text cells: False)."""
    try:
        return values.str.startswith(chars, na=False).astype(bool)
    except AttributeError:  # no text at all in the column
        return pd.Series(False, index=values.index)


def _prefixed(values: pd.Series, mask: pd.Series) -> pd.Series:
    return values.astype(object).where(~mask, PREFIX + values[mask].astype(str)).astype(values.dtype)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell neutralised; numeric columns and missing cells unchanged."""
    out = frame.copy()
    for column in _text_columns(frame):
        mask = _starts_with(frame[column], (*FORMULA_START, PREFIX))
        if mask.any():
            out[column] = _prefixed(frame[column], mask)
    return out


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with restore applied to every text cell (reading a neutralised export back)."""
    out = frame.copy()
    for column in _text_columns(frame):
        values = frame[column]
        mask = _starts_with(values, tuple(PREFIX + char for char in (*FORMULA_START, PREFIX)))
        if mask.any():
            out[column] = values.astype(object).where(~mask, values[mask].astype(str).str[1:]).astype(values.dtype)
    return out


def formula_cells(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """(row, column) positions, 0-based in the frame, of text cells a spreadsheet writer would store as formulas."""
    text = set(_text_columns(frame))
    cells = []
    for index, column in enumerate(frame.columns):
        if column in text:
            mask = _starts_with(frame[column], ("=",))
            cells += [(int(row), index) for row in mask.to_numpy().nonzero()[0]]
    return cells
