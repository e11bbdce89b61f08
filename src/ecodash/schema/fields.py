"""The field types of the row contracts and how each reads a CSV cell: ids, texts, years, numbers, dates, lists."""

from __future__ import annotations

import datetime
import re
from fractions import Fraction
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from ecodash.schema.vocabularies import OTHER_UNITS, is_money

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years a figure, a population or an article may date from (a year outside is a typing mistake)."""
MAX_ARTICLE_BYTES = 2**20
"""Largest article read, as a seed of data/ or as a draft on Add an article: 1 MB (1,048,576 bytes, the megabyte
of Streamlit's upload widget, which says "1MB per file"), far above any news article."""

SNAKE_ID = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
SEED_FILE = r"^[\w.-]+\.txt$"
"""A seed's file name under seeds/: no folder, no other extension."""


def is_seed_file(name: str) -> bool:
    return re.fullmatch(SEED_FILE, name) is not None


Id = Annotated[str, StringConstraints(pattern=SNAKE_ID, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
SeedFile = Annotated[str, StringConstraints(pattern=SEED_FILE)]
IsoCountry = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2 country code."""


_FRACTION = re.compile(r"-?\d+/\d+")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
_ZERO_DENOMINATOR = re.compile(r"-?\d+/0+")


def parse_number(raw: object) -> object:
    """Accept a decimal ("88.5", "50000000") or a fraction ("1/3"): a curator never rounds one third."""
    if isinstance(raw, str):
        text = raw.strip()
        if _FRACTION.fullmatch(text):
            if _ZERO_DENOMINATOR.fullmatch(text):
                raise ValueError(f"{raw!r} divides by zero: a fraction's denominator is not 0")
            fraction = Fraction(text)
            return fraction.numerator / fraction.denominator
        if not _DECIMAL.fullmatch(text):
            raise ValueError(f"{raw!r} is not a number (write digits with a '.' decimal point, or a fraction like 1/3)")
        return float(text)
    return raw


def parse_bool(raw: object) -> object:
    if isinstance(raw, str):
        lowered = raw.strip().lower()
        if lowered in {"true", "yes", "1"}:
            return True
        if lowered in {"false", "no", "0"}:
            return False
        raise ValueError(f"{raw!r} is not a boolean (write true or false)")
    return raw


def split_list(raw: object) -> object:
    """'a; b;' -> ('a', 'b'): a list cell holds ';'-separated ids."""
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(";") if part.strip())
    return raw


def check_partial_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    if value.startswith("0000"):
        raise ValueError(f"{value!r} has year 0000, which no calendar has (years start at 0001)")
    try:  # a real calendar date: no month 13, no 31 April
        datetime.date.fromisoformat({4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value))
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the calendar (month 01–12, a day the month has)") from None
    return value


def check_unit(value: str) -> str:
    if not is_money(value) and value not in OTHER_UNITS:
        raise ValueError(
            f"{value!r} is not a unit: write an ISO 4217 currency code (3 capital letters) or one of "
            f"{', '.join(OTHER_UNITS)}"
        )
    return value


def check_fx_currency(value: str) -> str:
    if not is_money(value):
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (3 capital letters)")
    if value == "USD":
        raise ValueError("USD needs no rate: rates are currency units per US dollar")
    return value


Number = Annotated[float, BeforeValidator(parse_number), Field(allow_inf_nan=False)]
PositiveNumber = Annotated[float, BeforeValidator(parse_number), Field(gt=0)]
Bool = Annotated[bool, BeforeValidator(parse_bool)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(split_list)]
NonEmptyIdList = Annotated[tuple[Id, ...], BeforeValidator(split_list), Field(min_length=1)]
PillarIds = NonEmptyIdList
FactIds = NonEmptyIdList
PartialDate = Annotated[str, AfterValidator(check_partial_date)]
Unit = Annotated[str, AfterValidator(check_unit)]
"""A fact's unit: an ISO 4217 currency code or one of OTHER_UNITS."""
FxCurrency = Annotated[str, AfterValidator(check_fx_currency)]
"""The currency of an FX rate: any ISO 4217 code but USD."""
