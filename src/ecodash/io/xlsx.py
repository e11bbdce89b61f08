"""XLSX bytes: one worksheet per table, header frozen, every double exact, every text cell text."""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell

from ecodash.ingest import spreadsheet


def _exact_number(sheet, value: float) -> WriteOnlyCell:
    """A numeric cell holding repr(value), the shortest text that reads back as the same double: openpyxl writes a
    float with '%.16g', which drops the 17th significant digit some doubles need, and writes a cell's text as is."""
    cell = WriteOnlyCell(sheet, repr(value))
    cell.data_type = "n"
    return cell


def _xlsx_column(sheet, series: pd.Series) -> list:
    """The column's cells as openpyxl takes them, as pandas' to_excel wrote them: missing -> '' (an empty cell),
    infinities -> 'inf' / '-inf', finite doubles as exact numeric cells, numpy scalars as Python numbers, everything
    else as it is."""
    values = (
        series.to_numpy(dtype=object, na_value=None)
        if isinstance(series.dtype, pd.api.extensions.ExtensionDtype)
        else series
    )
    cells = []
    for value in values.tolist():
        if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            value = ""
        elif isinstance(value, float) and math.isinf(value):
            value = "inf" if value > 0 else "-inf"
        elif hasattr(value, "item") and not isinstance(value, pd.Timestamp):
            value = value.item()
        if isinstance(value, float):
            value = _exact_number(sheet, value)
        cells.append(value)
    return cells


def to_xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    """One worksheet per table (openpyxl, write-only: rows are streamed, not kept as cell objects), header row
    frozen, numbers in full precision. Every text cell is text: one starting with = is stored as a string, never
    as a formula (openpyxl would make it one)."""
    book = openpyxl.Workbook(write_only=True)
    for name, frame in frames.items():
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        sheet.append([str(column) for column in frame.columns])
        columns = [_xlsx_column(sheet, frame[column]) for column in frame.columns]
        as_text: dict[int, list[int]] = {}
        for row, column in spreadsheet.formula_cells(frame):
            as_text.setdefault(row, []).append(column)
        for row, cells in enumerate(zip(*columns, strict=True)):
            if row in as_text:
                cells = list(cells)
                for column in as_text[row]:
                    cells[column] = WriteOnlyCell(sheet, cells[column])
                    cells[column].data_type = "s"
            sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
