"""Numeric mentions in French and English text: digits ("3 300", "88,5", "2,200", "1.4 billion"), scale words,
number words ("deux cents", "vingt et un", "quatre-vingt-dix", "a third", "une cinquantaine"), ordinals and
multiples, each with its exact value. Runs of cardinal words are read by cardinals.py.

French is the default, as every curated quote is French; English is read for `ecodash propose` (`language="en"`).
Ranking statements are in rankings.py, and both together (with the index of a seed's mentions) in mentions.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from ecodash.text.cardinals import EN_RUN, FR_RUN, FR_WORDS, SPELLINGS, Spelling, read_run
from ecodash.text.normalise import may_hold_word

DIGITS_START = r"(?<![\w.,])(?=[^\W\d_]*+\d)"
"""How every digit pattern starts: a match begins at the letters (if any) just before its first digit."""

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

_WORDS = "|".join(sorted({*ORDINALS, *MULTIPLES}, key=len, reverse=True))

# Digits: "3 300" (space-grouped thousands), "88,5" (decimal comma), glued letters kept for display
# ("910B", "K2", "21e") so that model names and centuries show up in the audit as they are written.
# "2.200" (dot-grouped thousands) is 2200 in French; "30 M", "1000 Mds" are abbreviated scales.
# The lookahead (letters, then a digit) is what the match needs anyway: it only spares the backtracking in words.
_GROUP = r"[ \u00a0\u202f]\d{3}"
# What a whole number of millions or milliards may go on with: "3 millions 200 000", "2 milliards 500 millions",
# "2 milliards 300 000 000" (always below the scale word before it).
_REST = (
    rf"(?:(?<=million)|(?<=millions))\s+(?P<rest>\d{{1,3}}{_GROUP}(?!\d))"
    rf"|(?:(?<=milliard)|(?<=milliards))\s+(?:(?P<rest_millions>\d{{1,3}})\s+millions?\b"
    rf"|(?P<rest_units>\d{{1,3}}(?:{_GROUP}){{1,2}}(?!\d)))"
)
_DIGITS = re.compile(
    rf"{DIGITS_START}(?P<pre>[^\W\d_]*)(?P<int>\d{{1,3}}(?:{_GROUP}(?!\d))+|\d{{1,3}}(?:\.\d{{3}})+(?![\d,])|\d+)"
    r"(?:,(?P<frac>\d+))?(?P<post>[^\W\d_]*)"
    r"(?:(?P<pct>\s?%|\s+pour\s+cent\b)|\s+(?:de\s+)?(?P<scale>millions?|milliards?|mille|Mrds?|Mds?|M)\b"
    rf"(?:(?(frac)(?!)|(?:{_REST})))?)?"
)
_WORD = re.compile(
    rf"\b(?:(?P<approx>(?:une?\s+)?(?:{'|'.join(APPROXIMATE_NOUNS)})s?)"
    rf"|(?P<fraction>(?:(?:un|une|deux|trois|la)\s+)?(?:{'|'.join(FRACTION_NOUNS)}))"
    rf"|(?P<cardinal>{FR_RUN})(?:(?P<wpct>\s+pour\s+cent\b)|\s+(?P<rank>premiers|premières)\b)?"
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
    try:
        approximate = float(exact)
    except OverflowError:  # beyond any float: no curated number is it
        return False
    return abs(approximate - number) <= 1e-9 * abs(approximate)


def _scale(scales: dict[str, int], word: str) -> int:
    return scales[word] if word in scales else scales[word.lower()]


_NOT_DIGIT = re.compile(r"\D")
MAX_DIGITS = 200
"""Longest run of digits read as a number: no figure has more, and a longer one (a hash, a hostile text) is no
number a float can hold, scale word and all (Python refuses to read an int of over 4,300 digits)."""


_A_DIGIT = re.compile(r"\d")
_A_LETTER = re.compile(r"[^\W\d_]")


def digit_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    r"""pattern.finditer(text), for a digit pattern (one that starts with DIGITS_START), looking only near digits.

    finditer tries the pattern at every position of the text; most positions of a long text are far from any
    digit. A match starts at the letters just before a digit, so none starts between where the last one ended
    and the letters before the next digit: the search starts there (the engine skips to a digit on its own, the
    pattern `\d` having a first character to look for). The matches are the same, in the same order
    (tests/test_numbers.py)."""
    search, next_digit, letter = pattern.search, _A_DIGIT.search, _A_LETTER.match
    at = 0
    while (digit := next_digit(text, at)) is not None:
        start = digit.start()
        while start > at and letter(text, start - 1):
            start -= 1
        match = search(text, start)
        if match is None:
            return
        yield match
        at = match.end()


def readable_digits(match: re.Match[str]) -> bool:
    """Whether a digit match holds no more than MAX_DIGITS digits (a longer run is no number)."""
    return len(_NOT_DIGIT.sub("", match.group(0))) <= MAX_DIGITS


def digits_value(match: re.Match[str], reading: Reading) -> Fraction:
    """The exact value of a match of a reading's digit pattern: a function of its groups alone."""
    integer = _NOT_DIGIT.sub("", match["int"])
    fraction = match["frac"]
    value = Fraction(int(integer + fraction), 10 ** len(fraction)) if fraction else Fraction(int(integer))
    if match["pct"]:
        value /= 100
    if match["scale"]:
        value *= _scale(reading.scales, match["scale"])
    groups = match.groupdict()
    if rest := groups.get("rest") or groups.get("rest_units"):
        value += int(_NOT_DIGIT.sub("", rest))
    elif rest := groups.get("rest_millions"):
        value += int(rest) * 10**6
    return value


def _word_mentions(match: re.Match[str], reading: Reading) -> list[Mention]:
    """The mentions of a word match: one, or as many as the numbers of a run of cardinal words."""
    groups = match.groupdict()
    if groups.get("approx"):
        noun = match["approx"].lower().split()[-1].rstrip("s")
        return [Mention(match.start(), match.end(), match.group(0), Fraction(APPROXIMATE_NOUNS[noun]))]
    if match["fraction"]:
        parts = re.split(r"[-\s]+", match["fraction"].lower())
        count = reading.spelling.units.get(parts[0], 1) if len(parts) == 2 else 1
        value = count * reading.fractions[parts[-1]]
        return [Mention(match.start(), match.end(), match.group(0), value)]
    if match["cardinal"]:
        return _cardinal_mentions(match, reading)
    return [Mention(match.start(), match.end(), match.group(0), Fraction(reading.named[match["word"].lower()]))]


def _cardinal_mentions(match: re.Match[str], reading: Reading) -> list[Mention]:
    """The numbers of a run of cardinal words; the last one takes the words after the run ("cinquante pour cent"
    is 1/2, "dix premiers" is 10), if it ends the run."""
    text, offset = match["cardinal"], match.start("cardinal")
    mentions = []
    numbers = read_run(text, reading.spelling)
    for index, (start, end, number) in enumerate(numbers):
        value = Fraction(number)
        if index == len(numbers) - 1 and end == len(text) and match.end() > match.end("cardinal"):
            end = match.end() - offset
            value = value / 100 if match["wpct"] else value
        mentions.append(Mention(offset + start, offset + end, match.string[offset + start : offset + end], value))
    return mentions


@dataclass(frozen=True)
class Reading:
    """How one language writes numbers: digit and word patterns, and the values of its words."""

    digits: re.Pattern[str]
    words: re.Pattern[str]
    scales: dict[str, int]
    fractions: dict[str, Fraction]
    named: dict[str, int]  # ordinals and multiples
    spelling: Spelling  # the cardinal words
    first_words: frozenset[str] | None = None  # every `words` match holds one of these words (None: unknown)


def read_mentions(text: str, language: str = "fr", extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """find_mentions; `extents`, if given, receives the span of every match of every pattern, kept or not (see
    mentions.MentionIndex)."""
    reading = READINGS[language]
    digits = reading.digits.finditer(text)
    mentions = [Mention(m.start(), m.end(), m.group(0), digits_value(m, reading)) for m in digits if readable_digits(m)]
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
        mentions += _word_mentions(match, reading)
    return sorted(mentions, key=lambda mention: mention.start)


def find_mentions(text: str, language: str = "fr") -> list[Mention]:
    """Every numeric mention in `text`, in order of appearance (`language`: "fr", or "en" for English text)."""
    return read_mentions(text, language)


# --- English (for `ecodash propose` on an English article) -------------------------------------------

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
    DIGITS_START + r"(?P<pre>[^\W\d_]*)(?P<int>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:(?P<pct>\s?%|\s+per\s?cent\b)|(?:\s+|(?=bn\b|m\b))(?P<scale>thousand|millions?|billions?|trillion|bn|m)\b)?"
    r"(?P<post>[^\W\d_]*)"
)
_EN_WORD = re.compile(
    rf"\b(?:(?P<fraction>(?:a|one|two|three)[- ](?:{'|'.join(EN_FRACTIONS)})|half)"
    rf"|(?P<cardinal>{EN_RUN})(?P<wpct>\s+per\s?cent\b)?"
    rf"|(?P<word>{'|'.join(EN_ORDINALS)}))\b",
    re.IGNORECASE,
)


FR_FIRST_WORDS = frozenset(
    {
        *FR_WORDS,
        *APPROXIMATE_NOUNS,
        *(f"{noun}s" for noun in APPROXIMATE_NOUNS),
        *FRACTION_NOUNS,
        *ORDINALS,
        *MULTIPLES,
    }
)
"""A match of the French word pattern holds one of these words ('une dizaine', 'la moitié' hold the noun, 'un
million' holds 'million'); so a text holding none of them has no word mention (normalise.may_hold_word)."""

READINGS = {
    "fr": Reading(
        _DIGITS,
        _WORD,
        {**SCALES, **SCALE_ABBREVIATIONS},
        FRACTION_NOUNS,
        {**ORDINALS, **MULTIPLES},
        SPELLINGS["fr"],
        FR_FIRST_WORDS,
    ),
    "en": Reading(_EN_DIGITS, _EN_WORD, EN_SCALES, EN_FRACTIONS, EN_ORDINALS, SPELLINGS["en"]),
}
"""language -> how it writes numbers (find_mentions reads French unless told "en")."""
