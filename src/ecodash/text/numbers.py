"""Numeric mentions in French and English text: digits ("3 300", "88,5", "2,200", "1.4 billion"), scale words,
number words ("quatre-vingt-dix", "a third", "une cinquantaine"), ordinals and multiples, each with its exact value.

French is the default, as every curated quote is French; English is read for `ecodash propose` (`language="en"`).
Ranking statements are in rankings.py, and both together (with the index of a seed's mentions) in mentions.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ecodash.text.normalise import may_hold_word

CARDINALS = {
    "zéro": 0,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "cents": 100,
    "mille": 1000,
    "un": 1,
    "une": 1,
    "et": 0,
}
# "une cinquantaine" is "about fifty": the approximation is the curator's qualifier, the value is 50.
APPROXIMATE_NOUNS = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
    "millier": 1000,
}
FRACTION_NOUNS = {"tiers": Fraction(1, 3), "quart": Fraction(1, 4), "quarts": Fraction(1, 4), "moitié": Fraction(1, 2)}
ORDINALS = {
    "premier": 1,
    "premiers": 1,
    "première": 1,
    "premières": 1,
    "second": 2,
    "seconde": 2,
    "deuxième": 2,
    "troisième": 3,
    "quatrième": 4,
    "cinquième": 5,
    "sixième": 6,
    "septième": 7,
    "huitième": 8,
    "neuvième": 9,
    "dixième": 10,
    "onzième": 11,
    "douzième": 12,
    "vingtième": 20,
    "centième": 100,
}
MULTIPLES = {"double": 2, "doubles": 2, "triple": 3, "triples": 3}
SCALES = {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9}
# Abbreviated scales after digits ("30 M CNY", "1000 Mds CNY", "4,5 Md€"), matched case-sensitively.
SCALE_ABBREVIATIONS = {"M": 10**6, "Md": 10**9, "Mds": 10**9, "Mrd": 10**9, "Mrds": 10**9}

_SIMPLE_CARDINALS = sorted((w for w in CARDINALS if w not in {"un", "une", "et"}), key=len, reverse=True)
_CARDINAL = "(?:" + "|".join(_SIMPLE_CARDINALS) + ")"
# A compound cardinal in words: "quatre-vingt-dix", "vingt-et-un".
COMPOUND = rf"{_CARDINAL}(?:-(?:et-)?(?:{_CARDINAL}|un|une))*"
_SCALE = r"(?:\s+(?:de\s+)?(?P<wscale>millions?|milliards?)\b)?"
_WORDS = "|".join(sorted({*ORDINALS, *MULTIPLES}, key=len, reverse=True))

# Digits: "3 300" (space-grouped thousands), "88,5" (decimal comma), glued letters kept for display
# ("910B", "K2", "21e") so that model names and centuries show up in the audit as they are written.
# "2.200" (dot-grouped thousands) is 2200 in French; "30 M", "1000 Mds" are abbreviated scales.
# The lookahead (letters, then a digit) is what the match needs anyway: it only spares the backtracking in words.
_DIGITS = re.compile(
    r"(?<![\w.,])(?=[^\W\d_]*+\d)(?P<pre>[^\W\d_]*)(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+)"
    r"(?:,(?P<frac>\d+))?(?P<post>[^\W\d_]*)"
    r"(?:(?P<pct>\s?%)|\s+(?:de\s+)?(?P<scale>millions?|milliards?|mille|Mrds?|Mds?|M)\b)?"
)
_WORD = re.compile(
    rf"\b(?:(?P<approx>(?:une?\s+)?(?:{'|'.join(APPROXIMATE_NOUNS)})s?)"
    rf"|(?P<fraction>(?:(?:un|une|deux|trois|la)\s+)?(?:{'|'.join(FRACTION_NOUNS)}))"
    rf"|(?P<cardinal>{COMPOUND})(?:\s+(?P<rank>premiers|premières))?{_SCALE}"
    rf"|(?P<word>{_WORDS}))\b",
    re.IGNORECASE,
)


NUMBER = "number"
RANKING = "ranking"


@dataclass(frozen=True)
class Mention:
    """One mention: where it is, how it is written, the number it means, and whether it is a number or a ranking.

    A ranking's value is the rank it states: 1 for a superlative ("le plus grand"), N for membership of a
    top N ("parmi les 30 plus grands"), None for membership of an unsized top group ("l’une des plus grandes").
    """

    start: int
    end: int
    text: str
    value: Fraction | None
    kind: str = NUMBER  # NUMBER | RANKING

    def matches(self, number: float) -> bool:
        return self.value is not None and matches(self.value, number)


def matches(exact: Fraction, number: float) -> bool:
    """True when a curated float is the mention's exact value (1/3 is stored as 0.333…)."""
    if exact == 0:
        return number == 0
    approximate = float(exact)
    return abs(approximate - number) <= 1e-9 * abs(approximate)


def _compound_value(text: str, cardinals: dict[str, int]) -> int:
    """ "quatre-vingt-dix" -> 90, "twenty-five" -> 25 (words outside `cardinals`, like "and", count 0)."""
    total, current = 0, 0
    for part in re.split(r"[- ]+", text.lower()):
        value = cardinals.get(part, 0)
        if value == 100:
            current = (current or 1) * 100
        elif value == 1000:
            total += (current or 1) * 1000
            current = 0
        elif value == 20 and current and current < 10:  # quatre-vingt(s)
            current *= 20
        else:
            current += value
    return total + current


def _scale(scales: dict[str, int], word: str) -> int:
    return scales[word] if word in scales else scales[word.lower()]


_NOT_DIGIT = re.compile(r"\D")


def _digits_value(match: re.Match[str], reading: Reading) -> Fraction:
    integer = _NOT_DIGIT.sub("", match["int"])
    fraction = match["frac"]
    value = Fraction(int(integer + fraction), 10 ** len(fraction)) if fraction else Fraction(int(integer))
    if match["pct"]:
        value /= 100
    if match["scale"]:
        value *= _scale(reading.scales, match["scale"])
    return value


def _word_value(match: re.Match[str], reading: Reading) -> Fraction:
    groups = match.groupdict()
    if groups.get("approx"):
        noun = match["approx"].lower().split()[-1].rstrip("s")
        return Fraction(APPROXIMATE_NOUNS[noun])
    if match["fraction"]:
        parts = re.split(r"[-\s]+", match["fraction"].lower())
        count = reading.cardinals.get(parts[0], 1) if len(parts) == 2 else 1
        return count * reading.fractions[parts[-1]]
    if match["cardinal"]:
        value = Fraction(_compound_value(match["cardinal"], reading.cardinals))
        if match["wscale"]:
            value *= _scale(reading.scales, match["wscale"])
        return value
    return Fraction(reading.named[match["word"].lower()])


@dataclass(frozen=True)
class Reading:
    """How one language writes numbers: digit and word patterns, and the values of its words."""

    digits: re.Pattern[str]
    words: re.Pattern[str]
    cardinals: dict[str, int]
    scales: dict[str, int]
    fractions: dict[str, Fraction]
    named: dict[str, int]  # ordinals and multiples
    first_words: frozenset[str] | None = None  # every word a `words` match can start with (None: unknown)


def read_mentions(text: str, language: str = "fr", extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """find_mentions; `extents`, if given, receives the span of every match of every pattern, kept or not (see
    mentions.MentionIndex)."""
    reading = READINGS[language]
    digits = reading.digits.finditer(text)
    mentions = [Mention(m.start(), m.end(), m.group(0), _digits_value(m, reading)) for m in digits]
    taken = [(m.start, m.end) for m in mentions]
    if extents is not None:
        extents += taken
    if not may_hold_word(text, reading.first_words):
        return mentions  # already in order of appearance
    for match in reading.words.finditer(text):
        if extents is not None:
            extents.append(match.span())
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        mentions.append(Mention(match.start(), match.end(), match.group(0), _word_value(match, reading)))
    return sorted(mentions, key=lambda mention: mention.start)


def find_mentions(text: str, language: str = "fr") -> list[Mention]:
    """Every numeric mention in `text`, in order of appearance (`language`: "fr", or "en" for English text)."""
    return read_mentions(text, language)


# --- English (for `ecodash propose` on an English article) -------------------------------------------

EN_CARDINALS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
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
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
}
EN_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "trillion": 10**12,
    "bn": 10**9,
    "m": 10**6,
}
EN_FRACTIONS = {
    "third": Fraction(1, 3),
    "thirds": Fraction(1, 3),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(1, 4),
    "half": Fraction(1, 2),
}
EN_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "first": 1,
}
# "$5bn", "30m": a scale glued to the digits is read as one ("910B", "21st" stay glued names and ordinals).
_EN_DIGITS = re.compile(
    r"(?<![\w.,])(?=[^\W\d_]*+\d)(?P<pre>[^\W\d_]*)(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:(?P<pct>\s?%|\s+per\s?cent\b)|(?:\s+|(?=bn\b|m\b))(?P<scale>thousand|millions?|billions?|trillion|bn|m)\b)?"
    r"(?P<post>[^\W\d_]*)"
)
_EN_SIMPLE = "(?:" + "|".join(sorted((w for w in EN_CARDINALS if w != "one"), key=len, reverse=True)) + ")"
EN_COMPOUND = rf"{_EN_SIMPLE}(?:[- ](?:and[- ])?(?:{_EN_SIMPLE}|one))*"
_EN_WORD = re.compile(
    rf"\b(?:(?P<fraction>(?:a|one|two|three)[- ](?:{'|'.join(EN_FRACTIONS)})|half)"
    rf"|(?P<cardinal>{EN_COMPOUND})(?:\s+(?P<wscale>millions?|billions?))?"
    rf"|(?P<word>{'|'.join(EN_ORDINALS)}))\b",
    re.IGNORECASE,
)


FR_FIRST_WORDS = frozenset(
    {
        *_SIMPLE_CARDINALS,
        *APPROXIMATE_NOUNS,
        *(f"{noun}s" for noun in APPROXIMATE_NOUNS),
        *FRACTION_NOUNS,
        *ORDINALS,
        *MULTIPLES,
    }
)
"""Every word a French word mention starts with ('une dizaine', 'la moitié' start with a word of the noun's match
too: the noun is in the set)."""

READINGS = {
    "fr": Reading(
        _DIGITS,
        _WORD,
        CARDINALS,
        {**SCALES, **SCALE_ABBREVIATIONS},
        FRACTION_NOUNS,
        {**ORDINALS, **MULTIPLES},
        FR_FIRST_WORDS,
    ),
    "en": Reading(_EN_DIGITS, _EN_WORD, EN_CARDINALS, EN_SCALES, EN_FRACTIONS, EN_ORDINALS),
}
"""language -> how it writes numbers (find_mentions reads French unless told "en")."""
