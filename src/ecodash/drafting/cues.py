"""Words around a figure that `ecodash propose` reads (French and English): its unit, its hedging (qualifier),
a stated USD conversion, its status, AI specificity and funder, the years and durations it covers, and the
shapes that are not figures at all (dates, model names, durations, phone numbers, URLs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.dates import get_month_names

from ecodash.text import cues as wording

_APOS = "[’']"
_OF = rf"(?:\s+(?:de|d{_APOS}|of)\s*)?"

# unit -> words right after the figure (after an optional "de"/"of"), per language alike.
UNIT_WORDS: dict[str, str] = {
    "CNY": r"yuans?|CNY|RMB|renminbi",
    "KRW": r"wons?|KRW",
    "USD": r"dollars?(?:\s+(?:US|américains?|des\s+États-Unis))?|USD|US\$|\$",
    "EUR": r"euros?|EUR|€",
    "VND": r"d[ôo]ngs?|VND",
    "GBP": r"livres?\s+sterling|pounds?(?:\s+sterling)?|GBP|£",
    "JPY": r"yens?|JPY",
    "PFLOPS": r"p[ée]taflops|PFLOPS|petaflop/s",
    "share": r"%|pour\s?cent|per\s?cent",
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₩": "KRW", "₫": "VND"}
PEOPLE_NOUNS = (
    r"chercheu(?:r|rs|ses?)|ingénieurs?|talents?|étudiant(?:e|s|es)?|employé(?:e|s|es)?|habitants?|personnes?"
    r"|salarié(?:e|s|es)?|travailleu(?:r|rs|ses?)|doctorant(?:e|s|es)?|experts?|développeu(?:r|rs|ses?)"
    r"|professionnels?|diplômé(?:e|s|es)?|researchers?|engineers?|students?|employees?|people|inhabitants?"
    r"|residents?|workers?|graduates?|developers?|experts?|professionals?|scientists?|scientifiques?"
)
_ADJECTIVES = r"(?:\s+[^\W\d_]+){0,2}?"  # "50 000 jeunes ingénieurs", "1 200 graduate students"
_UNIT_AFTER = {
    unit: re.compile(rf"(?:\s*|{_OF})(?P<word>{words})(?![\w])", re.IGNORECASE) for unit, words in UNIT_WORDS.items()
}
_PEOPLE_AFTER = re.compile(rf"{_OF}\s*{_ADJECTIVES}\s*(?P<word>{PEOPLE_NOUNS})\b", re.IGNORECASE)
_SYMBOL_BEFORE = re.compile(r"(?P<word>US\$|\$|€|£|¥|₩|₫)\s?$")

# qualifier -> words right before the figure (a few small words may sit between).
QUALIFIER_CUES: dict[str, str] = {
    "up_to": rf"jusqu{_APOS}(?:à|a)|plafond\s+de|plafonné(?:e|s|es)?\s+à|pouvant\s+atteindre|atteignant"
    r"|au\s+maximum|au\s+plus|moins\s+de|moins\s+d|up\s+to|as\s+much\s+as|at\s+most|a\s+maximum\s+of"
    r"|capped\s+at|less\s+than|fewer\s+than|under",
    "at_least": r"plus\s+de|plus\s+d|au\s+moins|dépass(?:ant|e|ent)|au-delà\s+de|supérieur(?:e|s|es)?\s+à"
    r"|more\s+than"
    r"|at\s+least|over|exceeding|upwards\s+of|in\s+excess\s+of",
    "approximate": r"environ|près\s+de|quelque|approximativement|autour\s+de|de\s+l['’]ordre\s+de|presque"
    r"|about|around|nearly|almost|approximately|roughly|some|an\s+estimated",
}
_FILLER = r"(?:\s+(?:de|d|à|a|the|of|les|des|un|une))*"
_QUALIFIER_BEFORE = {
    qualifier: re.compile(rf"(?<![\w])(?P<word>{words}){_APOS}?{_FILLER}\s*$", re.IGNORECASE)
    for qualifier, words in QUALIFIER_CUES.items()
}
_QUALIFIER_AFTER = {
    "at_least": re.compile(r"^\s*(?P<word>ou\s+plus|or\s+more)\b", re.IGNORECASE),
    "up_to": re.compile(r"^\s*(?P<word>au\s+maximum|au\s+plus|at\s+most)\b", re.IGNORECASE),
}

# A conversion the article gives in brackets right after a figure: "(environ 1,39 milliard de dollars)".
CONVERSION_OPENING = re.compile(
    r"\s*[(,–—]\s*(?:soit\s+)?(?:environ|près\s+de|about|around|approximately|roughly|some|~|≈)?"
    r"\s*(?:US)?\$?\s*$",
    re.IGNORECASE,
)

# status -> words of the quote (else its sentence), beyond wording.STATUS_CUES, which always come first.
EXTRA_STATUS_CUES: dict[str, tuple[str, ...]] = {
    "target": (
        "devra",
        "devraient",
        "devrait",
        "ambitionne",
        "objectifs",
        "visant",
        "à l'horizon",
        "à l’horizon",
        "target",
        "aims to",
        "aim to",
        "plans to",
        "hopes to",
        "goal",
        "by 20",
    ),
    "proposed": ("pourraient coopérer", "propose de", "proposé", "could cooperate", "are invited", "proposed"),
    "achieved": ("déjà", "already", "has invested", "have invested", "had invested", "has spent", "have spent"),
    "committed": (
        "subvention",
        "alloue",
        "allouant",
        "budget",
        "dispositions",
        "financement",
        "grant",
        "subsid",
        "allocat",
    ),
}
AI_WORDS = re.compile(r"\bIA\b|intelligence artificielle|\bAI\b|artificial intelligence|\bLLM", re.IGNORECASE)
AI_AND_OTHER = re.compile(r"\b(?:IA|AI)\s+(?:et|and)\s+(?:de\s+(?:la\s+)?)?(?:robot|semi|puce|chip)", re.IGNORECASE)
PUBLIC_FUNDER = re.compile(
    r"gouvernement|\bÉtat\b|provincia|municipa|subvention|public|ministère|commission|government|\bstate\b"
    r"|subsid|ministry|municipal|provincial",
    re.IGNORECASE,
)

MONTH_LANGUAGES = ("fr", "en")
MONTHS = {
    name.lower(): number
    for language in MONTH_LANGUAGES
    for width in ("wide", "abbreviated")
    for number, name in get_month_names(width, locale=language).items()
}
"""Month name -> number, in lower case: Babel's (CLDR) wide and abbreviated names of both languages ('janvier',
'janv.', 'january', 'jan')."""
_MONTH = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<month2>{_MONTH})\s+(?:(?P<day2>\d{{1,2}}),?\s+)?(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<year3>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# How a year relates to a figure: "d'ici 2027" ends it, "depuis 2018" starts it, "en 2024" is both.
PERIOD_END = re.compile(
    rf"(?:d{_APOS}ici|jusqu{_APOS}en|à\s+l{_APOS}horizon|horizon|avant|by|until|through)\s*$", re.IGNORECASE
)
PERIOD_START = re.compile(r"(?:depuis|à\s+partir\s+de|dès|since|starting\s+in)\s*$", re.IGNORECASE)
PERIOD_BOTH = re.compile(r"(?:\ben|\bin|\bduring|\bpour)\s*$", re.IGNORECASE)
PERIOD_RANGE = re.compile(
    r"\b(?:de|entre|from|between)\s+(?P<start>(?:19|20)\d\d)\s+(?:à|et|to|and)\s+(?P<end>(?:19|20)\d\d)\b"
    r"|\b(?P<start2>(?:19|20)\d\d)\s*[-–]\s*(?P<end2>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A figure followed by years is a duration ("en cinq ans", "over five years"); its preposition ties it to a fact.
DURATION_AFTER = re.compile(
    r"\s+(?:(?:prochaines|dernières|consécutives|next|past)\s+)?(?P<word>ans?|années?|years?)\b", re.IGNORECASE
)
DURATION_BEFORE = re.compile(
    r"(?:\ben|\bsur|au\s+cours\s+des|pendant|over|within|in|for|the\s+next)\s*$", re.IGNORECASE
)
MULTIPLIER_AFTER = re.compile(r"^\s*(?:fois|times)\b", re.IGNORECASE)
# Clock times and short spans ("à 14 h 30", "30 jours", "24 hours") are not ecosystem figures.
TIME_AFTER = re.compile(
    r"^\s*(?:h\b|heures?|minutes?|secondes?|jours?|semaines?|mois\b|hours?|days?|weeks?|months?)", re.IGNORECASE
)
NUMBER_SIGN_BEFORE = re.compile(
    r"(?:\bn[°º]|\bno\.|\bnuméro|#|\barticle|\bchapitre|\bchapter|\bsection|\bpage|\bp\.|\bparagraphe|\balinéa"
    r"|\bversion|\bv\.|\bphase|\btop|\d\s?h)\s*$",
    re.IGNORECASE,
)
# A small word number after "les", "ces", "tous" points back to things just named ("les deux pays").
ANAPHORIC_BEFORE = re.compile(r"\b(?:les|ces|tous|toutes|the|these|those|both|all)\s+$", re.IGNORECASE)
URL_OR_MAIL = re.compile(r"\S*(?:://|www\.|@|\.html?|\.php)\S*", re.IGNORECASE)
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{1,4}\)?(?:[\s.-]\d{2,4}){2,}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+")
# Superlatives worth a rank proposal: size words, and a place or scope they rank within.
RANK_ADJECTIVE = re.compile(r"grand|gros|peupl|important|vaste|riche|larg|big|populous", re.IGNORECASE)
RANK_SCOPE = re.compile(
    r"\bau\s+monde\b|\bdu\s+monde\b|mondia|\bde\s+(?:la\s+)?Chine\b|\bdu\s+pays\b|national|provincia|\bworld"
    r"|\bglobal|\bcountry|\bnation|\bprovince",
    re.IGNORECASE,
)
# Words a curator reads as people, units and figures: the region guess also reads these adjectives.
DEMONYMS = {
    "china": r"chinois(?:e|es)?|Chinese",
    "south_korea": r"Corée|coréen(?:ne|s|nes)?|Korea|Korean",
    "vietnam": r"vietnamien(?:ne|s|nes)?|Vietnamese|Viet\s?Nam",
}


# Words that introduce a place by its kind (regions.csv's level when it has one, else None): "la ville de Daegu",
# "the province of Gyeonggi", "Daegu Metropolitan City". The name is one to three capitalised words.
PLACE_BEFORE: dict[str | None, str] = {
    "city": r"ville|métropole|city|metropolis",
    "municipality": r"municipalité|municipality",
    "province": r"province",
    None: r"région|region|préfecture|prefecture|comté|county|district|état|state",  # not "canton": Canton Fair
}
PLACE_AFTER: dict[str | None, str] = {
    "city": r"(?:Metropolitan\s+)?City",
    "province": r"Province",
    None: r"Prefecture|County|District",
}
_UPPER = "A-ZÀ-ÖØ-Þ"
_PLACE_NAME = rf"[{_UPPER}][^\W\d_]*(?:[’'-][{_UPPER}]?[^\W\d_]+)*"
PLACE_NAME = rf"{_PLACE_NAME}(?:[ -]{_PLACE_NAME}){{0,2}}"
_PLACE_PATTERNS = [
    (level, re.compile(rf"(?i:\b(?:{words})\s+(?:de\s+la\s+|de\s+|du\s+|d{_APOS}|of\s+)?)(?P<name>{PLACE_NAME})"))
    for level, words in PLACE_BEFORE.items()
] + [
    (level, re.compile(rf"\b(?P<name>{_PLACE_NAME}(?: {_PLACE_NAME}){{0,2}}?)\s+(?:{words})\b"))
    for level, words in PLACE_AFTER.items()
]


@dataclass(frozen=True)
class Place:
    """A place the text introduces by its kind ("la ville de Daegu"): its name as written, regions.csv's level
    that kind says (None when it says none), and where the name is."""

    name: str
    level: str | None
    start: int
    end: int


def places_named(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Every place text[start:end] introduces by its kind, in order (one Place per name)."""
    end = len(text) if end is None else end
    found: dict[int, Place] = {}
    for level, pattern in _PLACE_PATTERNS:
        for match in pattern.finditer(text, start, end):
            name_start = match.start("name")
            if name_start not in found or (found[name_start].level is None and level is not None):
                found[name_start] = Place(match["name"], level, name_start, match.end("name"))
    return [found[position] for position in sorted(found)]


@dataclass(frozen=True)
class Cue:
    """A decision read from the text: its value, the words that gave it and where they are."""

    value: str
    words: str
    start: int
    end: int


def unit_after(text: str, end: int) -> Cue | None:
    """The unit word right after a figure ending at `end` ("de yuans", "%", "pétaflops", "ingénieurs")."""
    window = text[end : end + 80]
    for unit, pattern in _UNIT_AFTER.items():
        match = pattern.match(window)
        if match:
            return Cue(unit, match["word"], end + match.start("word"), end + match.end("word"))
    match = _PEOPLE_AFTER.match(window)
    if match:
        return Cue("people", match["word"], end + match.start("word"), end + match.end("word"))
    return None


def unit_before(text: str, start: int) -> Cue | None:
    """A currency symbol right before a figure ("$1.4 billion", "€ 30 M")."""
    match = _SYMBOL_BEFORE.search(text[max(0, start - 4) : start])
    if not match:
        return None
    offset = max(0, start - 4)
    return Cue(CURRENCY_SYMBOLS[match["word"]], match["word"], offset + match.start("word"), offset + match.end("word"))


def qualifier_around(text: str, start: int, end: int, floor: int) -> Cue | None:
    """Hedging words right before the figure (not before `floor`, the start of its clause), or right after it."""
    before = text[max(floor, start - 60) : start]
    for qualifier, pattern in _QUALIFIER_BEFORE.items():
        match = pattern.search(before)
        if match:
            offset = start - len(before)
            return Cue(qualifier, match["word"], offset + match.start("word"), offset + match.end("word"))
    after = text[end : end + 30]
    for qualifier, pattern in _QUALIFIER_AFTER.items():
        match = pattern.match(after)
        if match:
            return Cue(qualifier, match["word"], end + match.start("word"), end + match.end("word"))
    return None


def status_cue(quote: str, sentence: str) -> tuple[str, str] | None:
    """(status, cue words): the validated cues of the quote, else of its sentence (wording.status_cues, as
    `ecodash validate` reads them); then the extra cues of the quote alone."""
    found = wording.status_cues(quote, sentence) or wording.cues_in(quote, EXTRA_STATUS_CUES)
    if not found:
        return None
    status, words = next(iter(found.items()))
    return status, words[0]


def ai_specificity_cue(quote: str) -> tuple[str, str] | None:
    """(ai_specificity, words) from the quote: the validated cue words, then 'IA et robotique', then 'IA'."""
    found = wording.cues_in(quote, wording.AI_SPECIFICITY_CUES)
    if found:
        value, words = next(iter(found.items()))
        return value, words[0]
    for value, pattern in (("ai_and_other", AI_AND_OTHER), ("ai", AI_WORDS)):
        match = pattern.search(quote)
        if match:
            return value, match.group(0)
    return None


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Spans of phone numbers: digit groups with separators, 8 digits or more, not a thousands grouping."""
    spans = []
    for match in PHONE.finditer(text):
        digits = sum(char.isdigit() for char in match.group(0))
        if digits >= 8 and not _THOUSANDS.fullmatch(match.group(0)):
            spans.append(match.span())
    return spans


def url_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in URL_OR_MAIL.finditer(text)]
