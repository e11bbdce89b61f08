"""Human-readable labels for values, units and qualifiers (shared by tables, charts and the app)."""

from __future__ import annotations

import math

from ecodash.models import CURRENCY_UNITS

QUALIFIER_LABELS = {
    "exact": "exact",
    "approximate": "about",
    "at_least": "more than",
    "up_to": "up to",
}
# Prefixes put before a number so the kind of figure survives in any text export or chart label.
QUALIFIER_PREFIXES = {
    "exact": "",
    "approximate": "~",
    "at_least": "> ",
    "up_to": "≤ ",
}
# A figure that is not (yet) real says so before its number, in every label, chart and CSV.
STATUS_PREFIXES = {"achieved": "", "committed": "", "target": "target ", "proposed": "proposed "}
QUALIFIER_DEFINITIONS = {
    "exact": "The source states the figure without hedging.",
    "approximate": "The source hedges the figure ('environ', 'près de'): about this much.",
    "at_least": "The source says 'plus de': the true figure is above this value.",
    "up_to": "The source gives a ceiling ('jusqu'à', 'pouvant atteindre', 'parmi les N'): at most this much.",
}
SCOPE_LABELS = {
    "per_recipient": "cap per recipient",
    "per_year": "per year",
    "multi_year": "multi-year total",
    "cumulative": "cumulative total",
    "point_in_time": "level at a point in time",
    "unspecified": "scope not stated",
}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "M"))


def _trim(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def significant(value: float, digits: int = 3) -> float:
    """`value` rounded to `digits` significant digits: a converted figure claims no more precision than its rate."""
    if value is None or not math.isfinite(value) or value == 0:
        return value
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))


def compact_number(value: float) -> str:
    """50000000 -> '50 M', 1.4e9 -> '1.4 bn', 415000 -> '415,000'; at most three decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not reported"
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            return f"{_trim(value / scale, 3)} {suffix}"
    return _trim(value, 3)


def format_quantity(value: float, unit: str) -> str:
    """A number with its unit, as a reader expects it: '88.5 PFLOPS', '33.3 %', '50 M CNY'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not reported"
    if unit == "share":
        return f"{_trim(value * 100, 1)} %"
    if unit == "year":
        return f"{int(value)}"
    if unit == "rank":
        return f"#{int(value)}"
    if unit in CURRENCY_UNITS:
        return f"{compact_number(value)} {unit}"
    if unit == "PFLOPS":
        return f"{_trim(value, 3)} PFLOPS"
    if unit == "people":
        return f"{compact_number(value)} people"
    return compact_number(value)


def format_fact(value: float, unit: str, qualifier: str, status: str | None = None) -> str:
    """Value, unit, qualifier and status in one label: '≤ 50 M CNY', '> 700', 'target ~10', 'target top 10'."""
    prefix = STATUS_PREFIXES.get(str(status), "")
    if unit == "rank" and qualifier == "up_to":
        # "parmi les 30 plus grands" / "parmi les dix premiers": a rank ceiling reads as "top N".
        return f"{prefix}top {int(value)}"
    return f"{prefix}{QUALIFIER_PREFIXES[qualifier]}{format_quantity(value, unit)}"
