"""The field types of the row contracts and how each reads a CSV cell: ids, texts, years, numbers, dates, lists."""

from __future__ import annotations

import datetime
import math
import re
import sys
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from ecodash.schema.vocabularies import OTHER_UNITS, is_money

FIRST_YEAR, LAST_YEAR = 1900, 2100
"""The years a figure, a population or an article may date from (a year outside is a typing mistake)."""
MAX_POPULATION = 10**10
"""Largest population of a region: above the world's (a larger one is a typing mistake, and no longer fits the
table's 64-bit integers)."""
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
SeedFile = Annotated[str, StringConstraints(pattern=SEED_FILE)]
IsoCountry = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2 country code."""


_FRACTION = re.compile(r"-?(\d+)/(\d+)")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?")
_NONZERO_DIGIT = re.compile(r"[1-9]")
MAX_FRACTION_DIGITS = 30
"""Most digits of each term of a fraction ("1/3", "88/100"): a curator never needs more, and the quotient of two
such terms is always a float (a longer term could overflow it, or take Python's int parser past its limit)."""
MAX_SHOWN_CHARS = 100
"""A refused cell is quoted in its problem up to this many characters (a 5,000-digit cell is not echoed whole)."""
MIN_FX_RATE, MAX_FX_RATE = 1e-6, 1e12
"""The range of a rate in currency units per US dollar: far wider than any currency's (about 0.3 for the Kuwaiti
dinar, tens of thousands for the weakest), and narrow enough that no conversion overflows a float."""


def shown_cell(raw: str) -> str:
    """A cell as a problem quotes it: whole up to MAX_SHOWN_CHARS characters, else its start and an ellipsis."""
    return raw if len(raw) <= MAX_SHOWN_CHARS else raw[: MAX_SHOWN_CHARS - 1] + "…"


_PLAIN_DIGITS = 300
"""A cell of at most this many ASCII characters, digits with at most one '.' between digits ("50000000", "88.5"),
is a finite float (below 1e300), 0 or at least 1e-299 (a normal float): read as it is, with no other check."""


def parse_number(raw: object) -> object:
    """Accept a decimal ("88.5", "50000000") or a fraction ("1/3"): a curator never rounds one third.

    The rule for every number column: a finite float that is 0 or normal (at least sys.float_info.min, about
    2.2e-308, away from 0): "inf", "nan", "1e999" (beyond any float) and "5e-324" or "1e-400" (a denormal, or a
    non-zero number that reads as 0) are refused, each with its reason. A fraction's terms have at most
    MAX_FRACTION_DIGITS digits each."""
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if text.isascii() and len(text) <= _PLAIN_DIGITS:  # the usual cell: what the rest makes of it
        whole, point, part = text.partition(".")
        if whole.isdigit() and (part.isdigit() or not point):
            return float(text)
    return checked_number(text)


def checked_number(text: str) -> float:
    """parse_number of a stripped cell, every check made (what its shortcut for plain decimals stands for)."""
    shown = shown_cell(text)
    if fraction := _FRACTION.fullmatch(text):
        if any(len(term.lstrip("0")) > MAX_FRACTION_DIGITS for term in fraction.groups()):
            raise ValueError(f"{shown!r} has a term of more than {MAX_FRACTION_DIGITS} digits: write a short fraction")
        numerator, denominator = (int(term) for term in fraction.groups())
        if denominator == 0:
            raise ValueError(f"{shown!r} divides by zero: a fraction's denominator is not 0")
        value = numerator / denominator
        return -value if text.startswith("-") else value
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{shown!r} is not a number (write digits with a '.' decimal point, or a fraction like 1/3)")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{shown!r} is too large: a number is at most about 1.8e308")
    mantissa = re.split("[eE]", text)[0]
    if (value == 0 and _NONZERO_DIGIT.search(mantissa)) or 0 < abs(value) < sys.float_info.min:
        raise ValueError(f"{shown!r} is too close to 0: a number other than 0 is at least about 2.2e-308")
    return value


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
        return tuple(filter(None, map(str.strip, raw.split(";"))))
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


def check_sha256(value: str) -> str:
    if re.fullmatch(r"[0-9a-f]{64}", value):
        return value
    if re.fullmatch(r"[0-9a-fA-F]{64}", value):
        raise ValueError(f"{value!r} has upper-case letters: write the sha256 in lower case, as sha256sum prints it")
    raise ValueError(
        f"{shown_cell(value)!r} is not a sha256 checksum: 64 lower-case hexadecimal digits, as sha256sum prints them"
    )


def check_fx_rate(value: float) -> float:
    if not MIN_FX_RATE <= value <= MAX_FX_RATE:
        raise ValueError(
            f"{value!r} currency units per US dollar is outside the range of any currency "
            f"(from {MIN_FX_RATE:g} to {MAX_FX_RATE:g})"
        )
    return value


def check_fx_currency(value: str) -> str:
    if not is_money(value):
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (3 capital letters)")
    if value == "USD":
        raise ValueError("USD needs no rate: rates are currency units per US dollar")
    return value


Number = Annotated[float, BeforeValidator(parse_number), Field(allow_inf_nan=False)]
FxRateNumber = Annotated[float, BeforeValidator(parse_number), Field(gt=0), AfterValidator(check_fx_rate)]
"""Currency units per US dollar: positive, between MIN_FX_RATE and MAX_FX_RATE."""
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
Sha256 = Annotated[str, AfterValidator(check_sha256)]
"""A seed's checksum as `sha256sum` prints it: 64 lower-case hexadecimal digits."""
