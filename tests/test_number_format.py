"""formatting.number takes a fast path for positive numbers; its text must be Babel's, in every language."""

from __future__ import annotations

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodash import i18n
from ecodash.i18n import formats as formatting

DECIMALS = sorted(formatting._PATTERNS)


def babel(value: float, decimals: int) -> str:
    return format_decimal(value, format=formatting._PATTERNS[decimals], locale=i18n.locale())


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("decimals", DECIMALS)
@settings(max_examples=300, deadline=None)
@given(
    value=st.one_of(
        st.floats(min_value=0, max_value=2e15, allow_nan=False),
        st.integers(min_value=-10, max_value=2 * 10**15),
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
        # short decimals, many exactly half-way at some precision (2.0005, 0.125, 7.5)
        st.builds(lambda k, places: k / 10**places, st.integers(1, 10**13), st.integers(0, 6)),
    )
)
def test_number_is_babels_text(language: str, decimals: int, value: float) -> None:
    with i18n.use(language):
        assert formatting.number(value, decimals) == babel(value, decimals)


# half-way cases round half-even on the decimal text, as Babel does: 0.0005 -> 0, 0.0015 -> 0.002, 2.5 -> 2
HALF_WAY = [
    (0.0005, 3, "0", "0"),
    (0.0015, 3, "0.002", "0,002"),
    (2.5, 0, "2", "2"),
    (3.5, 0, "4", "4"),
    (1234567.8915, 3, "1,234,567.892", "1\u202f234\u202f567,892"),
    (999.9995, 3, "1,000", "1\u202f000"),
    (50_000_000, 0, "50,000,000", "50\u202f000\u202f000"),
    (0.1 + 0.2, 4, "0.3", "0,3"),
]


@pytest.mark.parametrize(("value", "decimals", "en", "fr"), HALF_WAY)
def test_number_half_way_and_separators(value: float, decimals: int, en: str, fr: str) -> None:
    with i18n.use("en"):
        assert formatting.number(value, decimals) == en
    with i18n.use("fr"):
        assert formatting.number(value, decimals) == fr


@pytest.mark.parametrize("language", ["en", "fr"])
def test_percent_is_babels_text(language: str) -> None:
    with i18n.use(language):
        for share in (0.0, 0.3333333, 0.5, 0.12345, 1.0, 0.0015):
            expected = format_percent(round(share, 3), locale=i18n.locale(), decimal_quantization=False)
            assert formatting.percent(share) == expected
