"""Which numbers a column of texts states in digits, settled for the whole column at once.

The full reader (mentions.find_all_mentions) finds a text's digit mentions, its number words, fractions, ordinals
and rankings. Its digit mentions are always among what it returns (a word match that overlaps one is dropped, never
the digits), so a number one of them means is stated whatever else the text holds: such a row needs no full read.
Only the rows this cannot settle (a number written in words, a fraction, a rank, or simply not stated) go to the
full reader, which says the same as before about them.

The digit pattern runs once over the column joined by NUL characters: no match crosses a NUL (every part of the
pattern is letters, digits, spaces, '%', '.' or ','), and every look before or after a match sees a NUL there as it
sees the start or end of the text (not a word character, '.', ',', a digit or a space), so the matches inside each
text are the text's own. A text holding a NUL is left to the full reader.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ecodash.text.numbers import MAX_DIGITS, READINGS, digit_matches, digits_value, readable_digits

_JOIN = "\x00"


def digit_values(texts: Sequence[str], language: str = "fr") -> tuple[np.ndarray, np.ndarray]:
    """(row, value) of every digit mention of every text, in order: the index in `texts` of the text it is in, and
    the float of its exact value (NaN for a value beyond any float, which no number matches). A text holding a NUL
    character gives none (see the module's docstring)."""
    reading = READINGS[language]
    joined = _JOIN.join("" if _JOIN in text else text for text in texts)
    offsets = np.cumsum([0, *(len(text) + 1 if _JOIN not in text else 1 for text in texts)])
    matches = list(digit_matches(reading.digits, joined))
    if any(match.end() - match.start() > MAX_DIGITS for match in matches):  # a run too long to be a number
        matches = [match for match in matches if readable_digits(match)]
    known: dict[tuple, float] = {}  # the groups of a match -> its value (a function of the groups alone)
    values = []
    for match in matches:
        value = known.get(key := match.groups())
        if value is None:
            value = known[key] = _as_float(digits_value(match, reading))
        values.append(value)
    starts = [match.start() for match in matches]
    rows = np.searchsorted(offsets, np.asarray(starts, dtype=np.int64), side="right") - 1
    return rows.astype(np.int64), np.asarray(values, dtype=np.float64)


def _as_float(exact) -> float:
    try:
        return float(exact)
    except OverflowError:  # beyond any float: NaN, which no number matches
        return float("nan")


def stated_in_digits(rows: np.ndarray, values: np.ndarray, numbers: np.ndarray, present: np.ndarray) -> np.ndarray:
    """For each row, whether its number (`numbers[i]`, where `present[i]`) is the value of one of its digit mentions
    (`rows`, `values`: digit_values), by the test numbers.matches makes: |v - n| <= 1e-9 |v| (for v = 0: n = 0)."""
    stated = np.zeros(len(numbers), dtype=bool)
    if len(rows) == 0:
        return stated
    number = numbers[rows]
    with np.errstate(invalid="ignore"):
        hit = present[rows] & (np.abs(values - number) <= 1e-9 * np.abs(values))
    stated[rows[hit]] = True
    return stated


def as_floats(numbers: Sequence[float | int | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(numbers as floats, which are present, which a float cannot hold): None is absent; an int too large for a
    float is neither compared nor settled (numbers.matches would raise on it), so its row goes to the full reader."""
    floats = np.zeros(len(numbers), dtype=np.float64)
    present = np.zeros(len(numbers), dtype=bool)
    unfit = np.zeros(len(numbers), dtype=bool)
    for index, number in enumerate(numbers):
        if number is None:
            continue
        try:
            floats[index] = float(number)
        except OverflowError:
            unfit[index] = True
            continue
        present[index] = True
    return floats, present, unfit
