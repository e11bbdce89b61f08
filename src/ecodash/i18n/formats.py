"""Numbers, money, dates and vocabulary labels in the current language (Babel for separators, the catalogue
for words): '1,234.5' and '1.4 bn CNY' in English, '1 234,5' and '1,4 Md CNY' in French."""

from __future__ import annotations

import decimal
import functools
import math
from datetime import date

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent, get_currency_name, get_decimal_symbol, get_group_symbol

from ecodash import i18n
from ecodash.i18n import t
from ecodash.schema.vocabularies import NOT_YET, QUALIFIERS, is_money

# Prefixes put before a number so the kind of figure survives in any text export or chart label.
QUALIFIER_PREFIXES = {
    "exact": "",
    "approximate": "~",
    "at_least": "> ",
    "up_to": "≤ ",
}
_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "M"))
_PATTERNS = {0: "#,##0", 1: "#,##0.#", 2: "#,##0.##", 3: "#,##0.###", 4: "#,##0.####"}


def qualifier_label(qualifier: object) -> str:
    """'about', 'more than' … in the current language."""
    return t(f"qualifier.{qualifier}")


def qualifier_labels() -> dict[str, str]:
    return {q: qualifier_label(q) for q in QUALIFIERS}


def qualifier_definition(qualifier: object) -> str:
    return t(f"qualifier_definition.{qualifier}")


VOCABULARIES = ("qualifier", "scope", "unit", "level", "category", "actor_kind", "event_kind", "instrument_kind")
"""Vocabularies whose every value has a label key `<vocabulary>.<value>` (tests check them against models)."""


def label(vocabulary: str, value: object) -> str:
    """The words for a vocabulary value in the current language: label("event_kind", "trade_fair")."""
    return t(f"{vocabulary}.{value}")


def scope_label(scope: object) -> str:
    """'cap per recipient', 'per year' … in the current language."""
    return t(f"scope.{scope}")


def unit_label(unit: object) -> str:
    """Axis and table words of a unit: 'US dollars', 'petaflops (PFLOPS)', 'Thai baht (THB)'; an unknown unit as written."""
    key = f"unit.{unit}"
    if i18n.has(key):
        return t(key)
    if is_money(unit):  # any currency: its name from Babel's CLDR data ('Thai baht (THB)'), else the code alone
        name = get_currency_name(str(unit), locale=i18n.locale())
        return t("unit.currency", name=name, code=unit) if name != unit else str(unit)
    return str(unit)


@functools.cache
def _separators(locale: str) -> dict[int, str]:
    """str.translate table from Python's ',' and '.' to the locale's group and decimal marks."""
    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})


_QUANTA = {decimals: decimal.Decimal(10) ** -decimals for decimals in _PATTERNS}
_FIXED = {decimals: f"{{:,.{decimals}f}}".format for decimals in _PATTERNS}


def number(value: float, decimals: int = 3) -> str:
    """A plain number with the language's separators and at most `decimals` decimals, trailing zeros dropped."""
    locale = i18n.locale()
    # Babel's steps for these patterns (round half-even the Decimal of str(value)) without its per-call pattern and
    # locale parsing; tests/test_number_format.py compares the text with Babel's. Python's own rounding of the
    # float gives the same digits unless the shortest repr ends exactly half-way ('2.0005' to 3 decimals), which
    # goes through Decimal as Babel does (below 1e9 a float's spacing is far finer than the last decimal kept).
    if type(value) is int and 0 < value < 10**15:
        text = f"{value:,}"
    elif isinstance(value, float) and 0 < value < 1e9:
        shortest = float.__repr__(value)
        fraction = shortest.partition(".")[2]
        if "e" in shortest or (len(fraction) == decimals + 1 and fraction[-1] == "5"):
            text = format(decimal.Decimal(str(value)).normalize().quantize(_QUANTA[decimals]), ",f")
        else:
            text = _FIXED[decimals](value)
        if decimals:
            text = text.rstrip("0").rstrip(".")
    else:
        return format_decimal(value, format=_PATTERNS[decimals], locale=locale)
    return text.translate(_separators(locale))


def count_words(n: int) -> str:
    """A count in prose: a small one in words ('five' / 'cinq', from the catalogue), a larger one in digits."""
    key = f"count.{int(n)}"
    return t(key) if i18n.has(key) else number(int(n), 0)


def rate(value: float) -> str:
    """An exchange rate with its four published decimals: '7.0809' / '7,0809', '1,306.7637' / '1 306,7637'."""
    return format_decimal(value, format="#,##0.0000", locale=i18n.locale())


def percent(share: float) -> str:
    """A share as a percentage: '33.3%' / '33,3 %'."""
    return _percent(round(share, 3), i18n.locale())


@functools.lru_cache(maxsize=4096)
def _percent(share: float, locale: str) -> str:  # shares are few once rounded: Babel once per share
    return format_percent(share, locale=locale, decimal_quantization=False)


def day(value: date | str) -> str:
    """A date as readers of the language write it: 'Nov 21, 2026' / '21 nov. 2026'."""
    return _babel_date(
        date.fromisoformat(value) if isinstance(value, str) else value, format="medium", locale=i18n.locale()
    )


def plotly_separators() -> str:
    """Plotly's layout.separators (decimal mark, then thousands mark) from the locale's CLDR symbols."""
    return get_decimal_symbol(i18n.locale()) + get_group_symbol(i18n.locale())


def plotly_exponent_format() -> str:
    """Plotly's axis exponentformat: "B" (1.5B) reads as billions in English; French axes use SI (1,5G)."""
    return t("format.plotly_exponent")


def significant(value: float, digits: int = 3) -> float:
    """`value` rounded to `digits` significant digits: a converted figure claims no more precision than its rate."""
    if value is None or not math.isfinite(value) or value == 0:
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def compact_number(value: float) -> str:
    """50000000 -> '50 M', 1.4e9 -> '1.4 bn' ('1,4 Md'), 415000 -> '415,000'; at most three decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.not_reported")
    for scale, suffix in _SCALES:
        if abs(value) >= scale:
            return f"{number(value / scale)} {t(f'scale.{suffix}')}"
    return number(value)


def format_quantity(value: float, unit: str) -> str:
    """A number with its unit, as a reader expects it: '88.5 PFLOPS', '33.3%', '50 M CNY'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t("common.not_reported")
    if unit == "share":
        return percent(value)
    if unit == "year":
        return f"{int(value)}"
    if unit == "rank":
        return t("format.rank", n=int(value))
    if is_money(unit):
        return f"{compact_number(value)} {unit}"
    if unit == "PFLOPS":
        return f"{number(value)} PFLOPS"
    if unit == "people":
        return t("format.people", n=compact_number(value))
    return compact_number(value)


def format_fact(value: float, unit: str, qualifier: str, status: str | None = None) -> str:
    """Value, unit, qualifier and status in one label: '≤ 50 M CNY', '> 700', 'target ~10', 'target top 10'."""
    if unit == "rank" and qualifier == "up_to":
        # "parmi les 30 plus grands" / "parmi les dix premiers": a rank ceiling reads as "top N".
        label = t("format.top", n=int(value))
    else:
        label = f"{QUALIFIER_PREFIXES[qualifier]}{format_quantity(value, unit)}"
    if status in NOT_YET:  # a figure that is not (yet) real says so before its number
        return t(f"format.status.{status}", label=label)
    return label
