"""Spelled-out cardinals in French and English: a run of number words ("deux cent quatre-vingt-un mille",
"two hundred and eighty-one thousand") read as the numbers it holds, each with the words it spans.

A run is what a pattern (`Spelling.run`) finds: number words joined by spaces or hyphens (and "et" / "and", and in
English a comma after a scale word). The grammar below reads it from left to right, taking at each word the
longest number that starts there: "deux cents" is 200, "vingt et un" 21, "trois cent mille" 300 000,
"cent-quatre-vingts" 180, "quatre-vingt-dix-sept" 97; "deux trois" is two numbers, 2 and 3. Both the 1990 spelling
(hyphens everywhere: "deux-cent-vingt-et-un") and the traditional one (hyphens below 100 only, "et" apart),
Belgian and Swiss tens (septante, huitante, octante, nonante), "quatre-vingt(s)", "cent(s)", "mille",
"million(s)", "milliard(s)" are read, up to 999 999 999 999. A lone "un"/"une"/"one" is an article, not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Spelling:
    """One language's number words and the pattern of a run of them."""

    units: dict[str, int]  # 1-9 ("un" and "une" both 1)
    teens: dict[str, int]  # 10-19 written as one word
    tens: dict[str, int]  # 20-90 written as one word
    hundred: frozenset[str]
    thousand: frozenset[str]
    million: frozenset[str]
    billion: frozenset[str]
    zero: frozenset[str]
    conjunction: str  # "et" / "and"
    articles: frozenset[str]  # words that are no number alone ("un", "une" / "one")
    run: str  # the pattern of a run (no groups of its own)
    french: bool

    @property
    def big(self) -> frozenset[str]:
        return self.hundred | self.thousand | self.million | self.billion


def _alternatives(words: set[str]) -> str:
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


# --- French ---------------------------------------------------------------------------------------

FR_UNITS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
FR_TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
FR_TENS = {
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_FR_WORDS = {*FR_UNITS, *FR_TEENS, *FR_TENS, "vingts", "cent", "cents", "mille", "million", "millions"}
_FR_WORDS |= {"milliard", "milliards", "zéro"}
# "deux tiers", "un quart" are fractions (numbers.py reads them): their count word is not a cardinal. The lookahead
# is the fraction pattern's own start, so where it stops a run the fraction's match takes the word.
_FR_TOKEN = rf"(?:(?:un|une|deux|trois)(?!\s+(?:tiers|quarts?|moitié)\b)|{_alternatives(_FR_WORDS - {'un', 'une', 'deux', 'trois'})})\b"
FR_RUN = rf"{_FR_TOKEN}(?:(?:\s+|-)(?:et(?:\s+|-))?{_FR_TOKEN})*"
"""A run of French number words: words of the number vocabulary joined by spaces or hyphens, "et" between two."""

FR_WORDS = frozenset(_FR_WORDS - {"un", "une"})
"""Every run that holds a number holds one of these words ("un million" holds "million")."""

# --- English --------------------------------------------------------------------------------------

EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
EN_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_SCALES = {"hundred", "thousand", "million", "millions", "billion", "billions"}
_EN_TOKEN = (
    rf"(?:(?:one|two|three)(?![- ](?:thirds?|quarters?|half)\b)"
    rf"|{_alternatives({*EN_UNITS, *EN_TEENS, *EN_TENS, *_EN_SCALES, 'zero'} - {'one', 'two', 'three'})})\b"
)
# "a hundred", "a million": "a" counts as one right before a scale word (the lookahead stays inside the run).
_EN_FIRST = rf"(?:a(?=\s+(?:hundred|thousand|millions?|billions?)\b)|{_EN_TOKEN})"
EN_RUN = rf"{_EN_FIRST}(?:(?:,?\s+|-)(?:and(?:\s+|-))?{_EN_TOKEN})*"
"""A run of English number words: joined by spaces or hyphens, "and" between two, a comma before a word."""

FRENCH = Spelling(
    FR_UNITS,
    FR_TEENS,
    FR_TENS,
    frozenset({"cent", "cents"}),
    frozenset({"mille"}),
    frozenset({"million", "millions"}),
    frozenset({"milliard", "milliards"}),
    frozenset({"zéro"}),
    "et",
    frozenset({"un", "une"}),
    FR_RUN,
    french=True,
)
ENGLISH = Spelling(
    {**EN_UNITS, "a": 1},  # "a" only ever comes before a scale word (EN_RUN)
    EN_TEENS,
    EN_TENS,
    frozenset({"hundred"}),
    frozenset({"thousand"}),
    frozenset({"million", "millions"}),
    frozenset({"billion", "billions"}),
    frozenset({"zero"}),
    "and",
    frozenset({"one"}),
    EN_RUN,
    french=False,
)
SPELLINGS = {"fr": FRENCH, "en": ENGLISH}

Parse = tuple[int, int] | None  # (value, index of the first word after it), or None: no number there


class _Run:
    """The words of one run and the grammar that reads them."""

    def __init__(self, text: str, spelling: Spelling):
        self.spelling = spelling
        matches = list(_WORD.finditer(text))
        self.spans = [match.span() for match in matches]
        # str.casefold, as the pattern's IGNORECASE matches ("ſix" is "six")
        self.words = [match.group(0).casefold() for match in matches]
        self.comma_before = [i > 0 and "," in text[self.spans[i - 1][1] : span[0]] for i, span in enumerate(self.spans)]

    def word(self, i: int) -> str:
        return self.words[i] if i < len(self.words) else ""

    def teen(self, i: int) -> Parse:
        """10-19: "onze", "dix-sept" (French), "eleven"."""
        s = self.spelling
        if s.french and self.word(i) == "dix" and self.word(i + 1) in ("sept", "huit", "neuf"):
            return 10 + s.units[self.word(i + 1)], i + 2
        word = self.word(i)
        return (s.teens[word], i + 1) if word in s.teens else None

    def below_100(self, i: int) -> Parse:
        """1-99: "sept", "vingt et un", "soixante-dix-sept", "quatre-vingt-onze", "twenty-one"."""
        s, word = self.spelling, self.word(i)
        if s.french and word == "quatre" and self.word(i + 1) in ("vingt", "vingts"):
            base, j, teens_follow = 80, i + 2, True
        elif word in s.tens:
            base, j, teens_follow = s.tens[word], i + 1, s.french and word == "soixante"
        elif teen := self.teen(i):
            return teen
        elif word in s.units and (word != "a" or self.word(i + 1) in s.big):  # "a" only as "a thousand"
            return s.units[word], i + 1
        else:
            return None
        if s.french and self.word(j) == "et":  # "vingt et un", "soixante et onze"
            if self.word(j + 1) in ("un", "une"):
                return base + 1, j + 2
            if teens_follow and self.word(j + 1) == "onze":
                return base + 11, j + 2
            return base, j
        if teens_follow and (teen := self.teen(j)):
            return base + teen[0], teen[1]
        unit = self.word(j)
        if unit in s.units and unit != "a":
            return base + s.units[unit], j + 1
        return base, j

    def below_1000(self, i: int) -> Parse:
        """1-999: "deux cents", "cent-quatre-vingts", "two hundred and five"."""
        s, word = self.spelling, self.word(i)
        if word in s.units and self.word(i + 1) in s.hundred and (not s.french or s.units[word] > 1):
            hundreds, j = 100 * s.units[word], i + 2
        elif word in s.hundred:
            hundreds, j = 100, i + 1
        else:
            return self.below_100(i)
        k = j + 1 if not s.french and self.word(j) == s.conjunction else j
        rest = self.below_100(k)
        if rest and k > j and self.word(rest[1]) in s.hundred:  # "two hundred and three hundred": 200 and 300
            rest = None
        return (hundreds + rest[0], rest[1]) if rest else (hundreds, j)

    def continuation(self, j: int, parse, scale: frozenset[str]) -> Parse:
        """What follows a scale word ("mille", "million", "thousand"): in English, after "and" or a comma (a comma
        only before a part with or before "hundred" or a scale word: "two million, three hundred", "one billion,
        two million"; not "five million, two thirds"). `scale`: the scale word just read; a part after "and"
        followed by it again is another number ("two thousand and three thousand")."""
        s, k = self.spelling, j
        if not s.french and self.word(k) == s.conjunction:
            k += 1
        found = parse(k)
        if found and k > j and self.word(found[1]) in scale:
            return None
        commas = found and j < len(self.words) and self.comma_before[j]
        if commas and not any(word in s.big for word in self.words[k : found[1] + 1]):
            return None
        return found

    def below_million(self, i: int) -> Parse:
        """1-999 999: "vingt et un mille", "mille deux cents", "one thousand and one"."""
        s = self.spelling
        multiplier = self.below_1000(i)
        if multiplier and self.word(multiplier[1]) in s.thousand and not self.lone_article(i, multiplier):
            value, j = multiplier[0] * 1000, multiplier[1] + 1
        elif self.word(i) in s.thousand:
            value, j = 1000, i + 1
        else:
            return multiplier
        rest = self.continuation(j, self.below_1000, s.thousand)
        return (value + rest[0], rest[1]) if rest else (value, j)

    def lone_article(self, i: int, found: Parse) -> bool:
        """ "un" alone before "mille" is no multiplier in French ("mille", not "un mille")."""
        return self.spelling.french and found is not None and found[1] == i + 1 and self.word(i) in ("un", "une")

    def number(self, i: int) -> Parse:
        """The longest number that starts at word i: billions, millions, then what is below a million."""
        s = self.spelling
        if self.word(i) in s.zero:
            return 0, i + 1
        total, j, last = 0, i, frozenset()  # `last`: the scale word read last
        for words, scale, multiplier in (
            (s.billion, 10**9, self.below_million),  # "mille milliards" is 10**12
            (s.million, 10**6, self.below_1000),
        ):
            found = self.continuation(j, multiplier, last) if last else multiplier(j)
            if found and self.word(found[1]) in words:
                total, j, last = total + found[0] * scale, found[1] + 1, words
        scaled = bool(last)
        rest = self.continuation(j, self.below_million, last) if scaled else self.below_million(j)
        if rest:
            return total + rest[0], rest[1]
        return (total, j) if scaled else None


def read_run(text: str, spelling: Spelling) -> list[tuple[int, int, int]]:
    """The numbers of a run (a match of `spelling.run`), as (start, end, value), offsets in `text`."""
    run = _Run(text, spelling)
    numbers, i = [], 0
    while i < len(run.words):
        found = run.number(i)
        if found is None or (found[1] == i + 1 and run.words[i] in spelling.articles):
            i += 1
            continue
        value, after = found
        numbers.append((run.spans[i][0], run.spans[after - 1][1], value))
        i = after
    return numbers
