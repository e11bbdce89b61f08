"""What `ecodash propose` writes: the candidate facts as CSV (facts.csv columns, then confidence and reason), or
everything as JSON ({"source": {...}, "facts": [...], "events": [...]}), and the source row as CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from fractions import Fraction

import pandas as pd

from ecodash.drafting.article import draft_dtypes
from ecodash.drafting.propose import Proposal
from ecodash.schema.columns import stored_dtypes
from ecodash.schema.models import table_columns

CSV_COLUMNS = table_columns("facts") + ["confidence", "reason"]
_DTYPES = {**draft_dtypes("facts"), **draft_dtypes("events"), **stored_dtypes("sources")}
INTEGER_COLUMNS = {column for column, dtype in _DTYPES.items() if dtype in ("Int64", "int64")}
NUMBER_COLUMNS = {column for column, dtype in _DTYPES.items() if dtype == "float64"}


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _plain(column: str, value: object) -> object:
    """A cell as JSON holds it: None when missing, int for years and offsets, float for values."""
    if _is_missing(value):
        return None
    if column in INTEGER_COLUMNS:
        return int(value)
    if column in NUMBER_COLUMNS:
        return float(value)
    return value


def _csv_cell(column: str, value: object) -> str:
    """A cell as facts.csv holds it: empty when missing, 50000000 not 5e7, 1/3 for one third."""
    value = _plain(column, value)
    if value is None:
        return ""
    if isinstance(value, float) and column in NUMBER_COLUMNS:
        if value.is_integer():
            return str(int(value))
        fraction = Fraction(value).limit_denominator(12)
        if len(repr(value)) > 10 and float(fraction) == value:  # 0.3333333333333333 -> 1/3
            return f"{fraction.numerator}/{fraction.denominator}"
        return repr(value)
    return str(value)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{column: _plain(column, value) for column, value in row.items()} for row in frame.to_dict("records")]


def facts_csv(proposal: Proposal) -> str:
    """The candidate facts: the columns of facts.csv, then confidence and reason."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in proposal.facts.to_dict("records"):
        writer.writerow([_csv_cell(column, row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def source_csv(source: dict[str, object]) -> str:
    """The article's sources.csv row, with its header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(source)
    writer.writerow(["" if _is_missing(value) else value for value in source.values()])
    return buffer.getvalue()


def proposal_json(proposal: Proposal) -> str:
    """{"source": {...}, "facts": [...], "events": [...]} with missing values as null."""
    document = {
        "source": {column: _plain(column, value) for column, value in proposal.source.items()},
        "facts": _records(proposal.facts),
        "events": _records(proposal.events),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
