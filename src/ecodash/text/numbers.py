"""Find numeric mentions (digits and number words) and ranking statements (superlatives) in French text.

English text is read too (`language="en"`: "2,200", "1.4 billion", "a third", "among the top 50") for
`ecodash propose`; French stays the default, as every curated quote is French.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

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
_COMPOUND = rf"{_CARDINAL}(?:-(?:et-)?(?:{_CARDINAL}|un|une))*"
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
    rf"|(?P<cardinal>{_COMPOUND})(?:\s+(?P<rank>premiers|premières))?{_SCALE}"
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


def _digits_value(match: re.Match[str], reading: _Reading) -> Fraction:
    integer = _NOT_DIGIT.sub("", match["int"])
    fraction = match["frac"]
    value = Fraction(int(integer + fraction), 10 ** len(fraction)) if fraction else Fraction(int(integer))
    if match["pct"]:
        value /= 100
    if match["scale"]:
        value *= _scale(reading.scales, match["scale"])
    return value


def _word_value(match: re.Match[str], reading: _Reading) -> Fraction:
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
class _Reading:
    """How one language writes numbers: digit and word patterns, and the values of its words."""

    digits: re.Pattern[str]
    words: re.Pattern[str]
    cardinals: dict[str, int]
    scales: dict[str, int]
    fractions: dict[str, Fraction]
    named: dict[str, int]  # ordinals and multiples
    first_words: frozenset[str] | None = None  # every word a `words` match can start with (None: unknown)


# A fast pre-check, so that most quotes skip the slow word patterns: a match of a word pattern starts, at a word
# boundary, with one whole word of a known set (lower case), so a text none of whose words is in that set has no
# match. Where lower case cannot stand for IGNORECASE (case_safe_lower), the check gives way to the patterns.
_LETTERS = re.compile(r"[^\W\d_]+")
# A letter IGNORECASE may match with a letter of another lower case: 'ſ' ~ 's', 'İ' / 'ı' ~ 'i', 'µ' ~ 'μ', and
# any letter beyond Latin (Kelvin sign ~ 'k', Greek sigmas...). Where there is none, lower() stands for IGNORECASE.
_CASE_HAZARD = re.compile(r"[ſİıµ]|[^\W\d_\u0000-\u024f]")


def case_safe_lower(text: str) -> str | None:
    """text.lower(), when comparing lower-case strings finds exactly what IGNORECASE finds; else None."""
    if _CASE_HAZARD.search(text):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def _words(text: str) -> frozenset[str] | None:
    """The lower-case words of `text`, or None when lower case cannot stand for IGNORECASE there."""
    lowered = case_safe_lower(text)
    return None if lowered is None else frozenset(_LETTERS.findall(lowered))


_last_words: tuple[str, frozenset[str] | None] = ("", frozenset())  # the last text's words (read as one tuple)


def _may_hold(text: str, first_words: frozenset[str] | None) -> bool:
    """False only when no match of a pattern whose matches start with one of `first_words` can be in `text`."""
    global _last_words
    if first_words is None:
        return True
    last = _last_words
    if last[0] == text:
        words = last[1]
    else:
        words = _words(text)
        _last_words = (text, words)
    return words is None or not first_words.isdisjoint(words)


def _mentions(text: str, reading: _Reading, extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """`extents`, if given, receives the span of every match of every pattern, kept or not (see MentionIndex)."""
    digits = reading.digits.finditer(text)
    mentions = [Mention(m.start(), m.end(), m.group(0), _digits_value(m, reading)) for m in digits]
    taken = [(m.start, m.end) for m in mentions]
    if extents is not None:
        extents += taken
    if not _may_hold(text, reading.first_words):
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
    return _mentions(text, READINGS[language])


# Ranking statements. One vocabulary, three shapes:
# - membership of a top group: "parmi les 30 plus grands", "parmi les dix premiers", "l’une des plus grandes"
#   (value: the size of the group when a number gives it, else None);
# - a superlative with its article: "le plus grand", "la plus peuplée", "les plus brillants" (value 1);
# - a superlative coordinated without article right after another ranking in the same clause:
#   "la plus peuplée de Chine et plus grande économie" (value: the one it extends, here 1).
# "plus" without an article is a comparative ("plus de 100 000", "des lignes plus intelligentes"), not a rank.
# Bare "des plus" + adjective is the intensifier ("une tâche des plus délicates" = very delicate): only
# "un(e) des plus" / "l’un(e) des plus" (one of the most) is membership.
_APOSTROPHE = "[’']"
# Not an adjective after "plus": quantities ("et plus de 100 000") and idioms ("le plus souvent" = usually).
_NOT_ADJECTIVE = r"(?:de|d|du|des|en|que|qu|souvent|possible|tôt|tard)\b"
_ADJECTIVE = rf"(?!{_NOT_ADJECTIVE})[^\W\d_]+(?:-[^\W\d_]+)*"
_GROUP_SIZE = rf"\d+(?:[ \u00a0\u202f]\d{{3}})*|{_COMPOUND}"
_MEMBERSHIP = re.compile(
    rf"\b(?:parmi\s+(?:les|des)|(?:l{_APOSTROPHE})?une?\s+des)\s+(?:(?P<size>{_GROUP_SIZE})\s+)?"
    rf"(?:plus\s+{_ADJECTIVE}|premiers|premières)\b",
    re.IGNORECASE,
)
_SUPERLATIVE = re.compile(rf"\b(?:le|la|les|du)\s+plus\s+{_ADJECTIVE}\b", re.IGNORECASE)
_COORDINATED = re.compile(rf"\bet\s+(?P<superlative>plus\s+{_ADJECTIVE})\b", re.IGNORECASE)
_COORDINATION_GAP = re.compile(r"[^.;:!?()\n]{0,60}")  # same clause, a few words at most


def _memberships_and_superlatives(
    text: str,
    membership: re.Pattern[str],
    superlative: re.Pattern[str],
    language: str,
    extents: list[tuple[int, int]] | None = None,
) -> list[Mention]:
    """Memberships of a top group (valued by its size, if any), then superlatives (rank 1) not inside one."""
    rankings = []
    for match in membership.finditer(text):
        size = find_mentions(match["size"], language)[0].value if match["size"] else None
        rankings.append(Mention(match.start(), match.end(), match.group(0), size, RANKING))
    if extents is not None:
        extents += [(r.start, r.end) for r in rankings]
    for match in superlative.finditer(text):
        if extents is not None:
            extents.append(match.span())
        if not any(r.start < match.end() and match.start() < r.end for r in rankings):
            rankings.append(Mention(match.start(), match.end(), match.group(0), Fraction(1), RANKING))
    return sorted(rankings, key=lambda mention: mention.start)


_RANKING_WORDS = frozenset({"plus", "premiers", "premières"})
"""A French ranking statement (membership, superlative, coordinated) holds one of these words."""


def find_rankings(text: str, language: str = "fr", extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every ranking statement in `text` (kind RANKING), in order of appearance.

    `extents`, if given, receives the span of every match of every pattern, kept or not (see MentionIndex).
    """
    if language == "en":
        return _memberships_and_superlatives(text, _EN_MEMBERSHIP, _EN_SUPERLATIVE, "en", extents)
    if not _may_hold(text, _RANKING_WORDS):
        return []
    rankings = _memberships_and_superlatives(text, _MEMBERSHIP, _SUPERLATIVE, "fr", extents)
    for match in _COORDINATED.finditer(text):
        previous = max((r for r in rankings if r.end <= match.start()), key=lambda r: r.end, default=None)
        if extents is not None:  # a coordinated superlative depends on the ranking it extends
            extents.append((min(match.start(), previous.start) if previous else match.start(), match.end()))
        if previous and _COORDINATION_GAP.fullmatch(text, previous.end, match.start()):
            start, value = match.start("superlative"), previous.value  # same rank as the one it extends
            rankings.append(Mention(start, match.end(), match["superlative"], value, RANKING))
    return sorted(rankings, key=lambda mention: mention.start)


def _all_mentions(text: str, language: str, extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    found = [*_mentions(text, READINGS[language], extents), *find_rankings(text, language, extents)]
    return sorted(found, key=lambda m: (m.start, m.kind != NUMBER))


def find_all_mentions(text: str, language: str = "fr") -> list[Mention]:
    """Numeric mentions and ranking statements together, in order of appearance (numbers first on a tie)."""
    return _all_mentions(text, language)


# A passage's mentions, read off its seed's. Every pattern above looks at most one character outside its match,
# and only through \b, (?<![\w.,]), (?!\d) or (?![\d,]) (the ranking that a coordinated superlative extends is
# counted in its extent). So, for a span start:end of a text whose every match (kept or not) lies inside or outside
# the span, the character before it not a word character, '.' or ',', and the one after it not a word character or
# ',', the patterns find in text[start:end] exactly the text's matches inside the span: the passage's mentions are
# the text's mentions inside the span, moved by `start`. Anywhere else, MentionIndex.within says None.
_LEFT_OF_SPAN = re.compile(r"[\w.,]")
_RIGHT_OF_SPAN = re.compile(r"[\w,]")


class MentionIndex:
    """A text's mentions (find_all_mentions), found once, and those of any span of it read off them."""

    def __init__(self, text: str, language: str = "fr"):
        extents: list[tuple[int, int]] = []
        self.text, self.language = text, language
        self.mentions = _all_mentions(text, language, extents)
        self.starts = [mention.start for mention in self.mentions]
        extents.sort()
        self._extent_starts = [start for start, _ in extents]
        self._reach: list[int] = []  # _reach[i]: the furthest end of extents[:i + 1]
        furthest = -1
        for _, end in extents:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def _crossed(self, at: int) -> bool:
        """Whether a match starts before `at` and ends after it."""
        before = bisect.bisect_left(self._extent_starts, at)
        return before > 0 and self._reach[before - 1] > at

    def within(self, start: int, end: int) -> list[Mention] | None:
        """find_all_mentions(text[start:end]), read off the index; None where a span's edge may change them."""
        text = self.text
        if start > 0 and _LEFT_OF_SPAN.match(text, start - 1):
            return None
        if end < len(text) and _RIGHT_OF_SPAN.match(text, end):
            return None
        if self._crossed(start) or self._crossed(end):
            return None
        return [Mention(m.start - start, m.end - start, m.text, m.value, m.kind) for m in self._slice(start, end)]

    def starting_in(self, start: int, end: int) -> range:
        """Indexes (in self.mentions) of the mentions that start at or after `start` and before `end`."""
        first = bisect.bisect_left(self.starts, start)
        return range(first, bisect.bisect_left(self.starts, end, first))

    def _slice(self, start: int, end: int) -> list[Mention]:
        found = self.starting_in(start, end)
        return self.mentions[found.start : found.stop]


@functools.lru_cache(maxsize=1024)
def mention_index(text: str, language: str = "fr") -> MentionIndex:
    """The MentionIndex of a text (a seed), built once per text and language."""
    return MentionIndex(text, language)


def passage_mentions(index: MentionIndex, passage: str, spans: list[tuple[int, int]]) -> list[Mention]:
    """find_all_mentions(passage, index.language), for a passage found at `spans` of the index's text: read off
    the index when a span holds the passage character for character and its edges cut no match, else parsed."""
    for start, end in spans:
        if index.text[start:end] == passage and (found := index.within(start, end)) is not None:
            return found
    return find_all_mentions(passage, index.language)


def states_number(text: str, number: float, language: str = "fr") -> bool:
    """Whether `text` states `number` in digits or words ("50 millions" states 50000000).

    A superlative states rank 1 ("le plus grand écosystème" states 1), so a rank fact can quote it.
    """
    return stated_in(find_all_mentions(text, language), number)


def stated_in(mentions: list[Mention], number: float) -> bool:
    """states_number on mentions found once (`find_all_mentions(text)`), to check several numbers of one text."""
    return any(mention.matches(number) for mention in mentions)


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
_EN_COMPOUND = rf"{_EN_SIMPLE}(?:[- ](?:and[- ])?(?:{_EN_SIMPLE}|one))*"
_EN_WORD = re.compile(
    rf"\b(?:(?P<fraction>(?:a|one|two|three)[- ](?:{'|'.join(EN_FRACTIONS)})|half)"
    rf"|(?P<cardinal>{_EN_COMPOUND})(?:\s+(?P<wscale>millions?|billions?))?"
    rf"|(?P<word>{'|'.join(EN_ORDINALS)}))\b",
    re.IGNORECASE,
)


_EN_ADJECTIVE = r"(?:largest|biggest|most\s+[a-z]+|best|leading|[a-z]+est)"
_EN_MEMBERSHIP = re.compile(  # "among the top 50", "one of the 30 largest", "among the largest" (unsized)
    rf"\b(?:among|in|one\s+of)\s+the\s+(?P<top>top\s+)?(?:(?P<size>\d+|{_EN_COMPOUND})\b)?"
    rf"(?(top)|\s*{_EN_ADJECTIVE})\b",
    re.IGNORECASE,
)
_EN_SUPERLATIVE = re.compile(r"\bthe\s+(?:largest|biggest|most\s+populous|most\s+advanced)\b", re.IGNORECASE)


_FR_FIRST_WORDS = frozenset(
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
    "fr": _Reading(
        _DIGITS,
        _WORD,
        CARDINALS,
        {**SCALES, **SCALE_ABBREVIATIONS},
        FRACTION_NOUNS,
        {**ORDINALS, **MULTIPLES},
        _FR_FIRST_WORDS,
    ),
    "en": _Reading(_EN_DIGITS, _EN_WORD, EN_CARDINALS, EN_SCALES, EN_FRACTIONS, EN_ORDINALS),
}
"""language -> how it writes numbers (find_mentions reads French unless told "en")."""


_WHITESPACE = re.compile(r"\s+")
_SPACE_CODES = np.array([code for code in range(0x110000) if chr(code).isspace()], dtype="<u4")


def normalise_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class NormalisedText:
    """A text with whitespace runs collapsed, remembering where each character came from."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, raw: str) -> NormalisedText:
        # Each whitespace run becomes one space, which comes from the run's first character (`\s` is
        # str.isspace); the other characters come from themselves. Built run by run, not character by character.
        # str.isspace characters are a fixed set (_SPACE_CODES); numpy marks them, and keeps each character
        # that is not a space following a space.
        codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        space = np.isin(codes, _SPACE_CODES)
        kept = ~(space & np.concatenate(([False], space[:-1])))
        text = np.where(space, 32, codes).astype("<u4")[kept].tobytes().decode("utf-32-le", "surrogatepass")
        return cls(text, tuple(np.flatnonzero(kept).tolist()))

    def find_all(self, passage: str) -> list[tuple[int, int]]:
        """Spans (in the raw text) of every occurrence of `passage`, whitespace-normalised."""
        needle = normalise_whitespace(passage)
        spans = []
        start = self.text.find(needle)
        while needle and start != -1:
            end = start + len(needle)
            spans.append((self.origin[start], self.origin[end - 1] + 1))
            start = self.text.find(needle, start + 1)
        return spans
