"""Counted and listed words in the current language: Babel's (CLDR's) plural rules and list patterns."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from babel import Locale
from babel.lists import format_list

from ecodash import i18n
from ecodash.i18n import t


@functools.cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def plural(key: str, n: int, **values: object) -> str:
    """The text of `key.one` when the language's plural rule calls `n` singular (French: 0 and 1, English: 1),
    else of `key.many` (CLDR's 'other', and French's 'many' for millions); `{n}` and `values` filled in."""
    form = _locale(i18n.locale()).plural_form(n)
    return t(f"{key}.{'one' if form == 'one' else 'many'}", n=n, **values)


def word_list(items: Iterable[object]) -> str:
    """'A, B, and C' / 'A, B et C': the items in order, joined by the language's list pattern ('' for none)."""
    names = [str(item) for item in items]
    return format_list(names, locale=i18n.locale()) if names else ""
