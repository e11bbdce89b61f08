"""Which numeric mentions of an article are figures worth a fact proposal (`ecodash propose`), with the words
that fix their unit, hedging and stated USD conversion; and which are dates, durations or not figures at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from ecodash.drafting.cues import (
    ANAPHORIC_BEFORE,
    CONVERSION_OPENING,
    DATE,
    DURATION_AFTER,
    MONTHS,
    MULTIPLIER_AFTER,
    NUMBER_SIGN_BEFORE,
    RANK_ADJECTIVE,
    RANK_SCOPE,
    TIME_AFTER,
    Cue,
    phone_spans,
    qualifier_around,
    unit_after,
    unit_before,
    url_spans,
)
from ecodash.schema.vocabularies import is_money
from ecodash.text import numbers
from ecodash.text.mentions import find_all_mentions
from ecodash.text.numbers import RANKING, Mention

_GLUED = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # "K2", "910B", "21e", "5G": names and ordinals, not figures
_GLUED_SCALE = re.compile(r"(?<=\d)(?:bn|m)$")  # "$5bn", "30m": a scale, not a name
_FIRST = {"premier", "premiers", "première", "premières", "first", "second", "seconde"}
_ORDINALS = {**numbers.ORDINALS, **numbers.EN_ORDINALS}.keys() - _FIRST
_FRACTION_WORDS = re.compile(r"tiers|quart|moitié|third|quarter|half", re.IGNORECASE)
# "les plus grands" and "les meilleurs" are superlatives; "les trois premiers" a sized top group
_MEMBERSHIP = re.compile(
    r"^(?:parmi|l[’']?une?|une?\s|(?:les|des|aux)\s+(?!plus\b|meilleure?s?\b)|among|in\s|one\s)", re.IGNORECASE
)
_AMOUNT = re.compile(r"\d[ \u00a0\u202f.,]\d{3}|[^\W\d]{2,}$|%$")  # "2 000", "30 millions", "5bn", "60 %"
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n«“\"(]\s*)$")
_CLOSING = re.compile(r"[^()\n]{0,12}\)")


@dataclass(frozen=True)
class Figure:
    """A mention proposed as a fact, with the cue words that decide its fields."""

    mention: Mention
    unit: str
    unit_cue: Cue | None
    qualifier: str
    qualifier_cue: Cue | None
    usd: Fraction | None = None
    usd_end: int | None = None  # end of the stated conversion (its closing bracket included)
    is_rank: bool = False

    @property
    def start(self) -> int:
        return min([self.mention.start, *(cue.start for cue in (self.unit_cue, self.qualifier_cue) if cue)])

    @property
    def end(self) -> int:
        ends = [self.mention.end, self.usd_end or 0, *(cue.end for cue in (self.unit_cue, self.qualifier_cue) if cue)]
        return max(ends)


@dataclass(frozen=True)
class DateMention:
    """A year, month or day the article states: YYYY, YYYY-MM or YYYY-MM-DD."""

    start: int
    end: int
    text: str
    date: str

    @property
    def year(self) -> int:
        return int(self.date[:4])


def find_dates(text: str, excluded: list[tuple[int, int]]) -> list[DateMention]:
    """Years 1900-2099 (with their month and day where written) outside URLs and phone numbers."""
    dates = []
    for match in DATE.finditer(text):
        edges = text[max(0, match.start() - 1) : match.start() + 1] + " " + text[match.end() - 1 : match.end() + 1]
        if _inside(match.start(), match.end(), excluded) or _GLUED.search(edges):
            continue
        if match["year3"] and _has_unit_after(text, match.end()):
            continue  # "2000 yuans" is an amount
        dates.append(DateMention(match.start(), match.end(), match.group(0), _iso(match)))
    return dates


def _iso(match: re.Match[str]) -> str:
    year = match["year"] or match["year2"] or match["year3"]
    month = match["month"] or match["month2"]
    day = match["day"] or match["day2"]
    if not month:
        return year
    iso = f"{year}-{MONTHS[month.lower()]:02d}"
    return f"{iso}-{int(day):02d}" if day else iso


def _has_unit_after(text: str, end: int) -> bool:
    cue = unit_after(text, end)
    return cue is not None and cue.value != "share"


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


@dataclass
class FigureSearch:
    """The figures of one article, and its durations ("en cinq ans": a figure's duration_years, not a figure)."""

    figures: list[Figure]
    durations: list[tuple[Mention, int]]  # (mention, end of its "ans"/"years" word)


def find_figures(text: str, language: str, dates: list[DateMention]) -> FigureSearch:
    """Every figure of `text` worth a proposal; durations and other mentions are set apart."""
    excluded = url_spans(text) + phone_spans(text)
    mentions = find_all_mentions(text, language)
    rankings = [m for m in mentions if m.kind == RANKING]
    search = FigureSearch([], [])
    ranked = _rank_figures(text, rankings)
    taken = [(r.start, r.end) for r in rankings] + [(d.start, d.end) for d in dates]
    consumed: set[int] = set()
    plain = [m for m in mentions if m.kind != RANKING]
    for index, mention in enumerate(plain):
        if index in consumed:
            continue
        reason = _skip_reason(text, mention, excluded, taken, language)
        if reason == "duration":
            search.durations.append((mention, DURATION_AFTER.match(text, mention.end).end()))
        if reason:
            continue
        figure = _number_figure(text, mention)
        figure, used = _with_conversion(text, figure, plain, index)
        consumed |= used
        search.figures.append(figure)
    search.figures = sorted([*search.figures, *ranked], key=lambda figure: figure.mention.start)
    return search


def _skip_reason(text: str, mention: Mention, excluded: list, taken: list, language: str) -> str | None:
    """Why a numeric mention is not a figure (None when it is one)."""
    word = mention.text.lower()
    before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end : mention.end + 40]
    checks = [
        (_overlaps(mention.start, mention.end, taken), "part of a date or ranking"),
        (_overlaps(mention.start, mention.end, excluded), "inside a URL or phone number"),
        (_is_glued(mention.text, before, language), "a name or ordinal glued to letters"),
        (mention.value == 0, "zero"),
        (word in _FIRST, "'first' is rarely a rank"),
        (word in numbers.MULTIPLES, "a multiple"),
        (bool(DURATION_AFTER.match(after)), "duration"),
        (bool(MULTIPLIER_AFTER.match(after)), "a multiplier ('fois')"),
        (bool(TIME_AFTER.match(after)), "a clock time or a span of hours, days or months"),
        (bool(NUMBER_SIGN_BEFORE.search(before)), "a reference or clock time ('n° 3', 'article 5', '14 h 30')"),
        (_is_word(mention) and bool(ANAPHORIC_BEFORE.search(before)), "refers back to things just named"),
        (_after_proper_name(text, mention), "follows a proper name (a model or product name)"),
    ]
    return next((reason for failed, reason in checks if failed), None)


def _is_glued(written: str, before: str, language: str) -> bool:
    """'K2', '910B', '21e', 'COVID-19': letters glued to the digits (in English a glued scale, '5bn', does not
    count: numbers reads it)."""
    if language == "en":
        written = _GLUED_SCALE.sub("", written)
    return bool(_GLUED.search(written) or re.search(r"[^\W\d_]-$", before))


def _is_word(mention: Mention) -> bool:
    return not any(char.isdigit() for char in mention.text)


def _after_proper_name(text: str, mention: Mention) -> bool:
    """'Qwen 3', 'Atlas 900': digits right after a capitalised word that does not start a sentence, unless a
    scale, thousands or a unit word says it is an amount ("le Japon 2 000 milliards de yens")."""
    start = mention.start
    if not text[start].isdigit() or _AMOUNT.search(mention.text) or unit_after(text, mention.end):
        return False
    match = re.search(r"(?P<word>[^\W\d_][\w-]*)\s+$", text[max(0, start - 40) : start])
    if not match or not match["word"][0].isupper():
        return False
    head = text[max(0, start - 40) : start][: match.start("word")]
    return not _SENTENCE_START.search(head) and qualifier_around(text, start, start, 0) is None


def _number_figure(text: str, mention: Mention) -> Figure:
    if mention.text.lower() in _ORDINALS:  # "le septième petit dragon": an exact rank
        return Figure(mention, "rank", None, "exact", None, is_rank=True)
    unit_cue = unit_before(text, mention.start) or unit_after(text, mention.end)
    unit = unit_cue.value if unit_cue else "count"
    if mention.text.rstrip().endswith("%") or _FRACTION_WORDS.search(mention.text):
        unit, unit_cue = "share", None
    qualifier_cue = qualifier_around(text, mention.start, mention.end, 0)
    if qualifier_cue is None and re.search(r"aine|aines|millier", mention.text, re.IGNORECASE):
        qualifier_cue = Cue("approximate", mention.text, mention.start, mention.end)
    qualifier = qualifier_cue.value if qualifier_cue else "exact"
    return Figure(mention, unit, unit_cue, qualifier, qualifier_cue)


def _with_conversion(text: str, figure: Figure, plain: list[Mention], index: int) -> tuple[Figure, set[int]]:
    """The figure with the article's own USD conversion right after it ("(environ 1,4 milliard de dollars)")."""
    if not is_money(figure.unit) or figure.unit == "USD" or index + 1 >= len(plain):
        return figure, set()
    after = max(figure.mention.end, figure.unit_cue.end if figure.unit_cue else 0)
    following = plain[index + 1]
    usd_cue = unit_before(text, following.start) or unit_after(text, following.end)
    opening = text[after : following.start]
    bracket = opening.replace("US$", "").replace("$", "")
    if usd_cue is None or usd_cue.value != "USD" or not CONVERSION_OPENING.fullmatch(bracket):
        return figure, set()
    end = max(following.end, usd_cue.end)
    closing = _CLOSING.match(text, end) if "(" in opening else None
    end = closing.end() if closing else end
    converted = Figure(
        figure.mention, figure.unit, figure.unit_cue, figure.qualifier, figure.qualifier_cue, following.value, end
    )
    return converted, {index + 1}


def _rank_figures(text: str, rankings: list[Mention]) -> list[Figure]:
    """Rank proposals: membership of a sized top group (up_to N), and size superlatives within a scope (1)."""
    figures = []
    for ranking in rankings:
        after = text[ranking.end : ranking.end + 40]
        if ranking.value is None or TIME_AFTER.match(after) or DURATION_AFTER.match(after):
            continue  # "les dix premiers jours" is a span of time, not a rank
        if _MEMBERSHIP.match(ranking.text):
            cue = Cue("up_to", ranking.text, ranking.start, ranking.end)
            figures.append(Figure(ranking, "rank", None, "up_to", cue, is_rank=True))
        elif RANK_ADJECTIVE.search(ranking.text) and RANK_SCOPE.search(_clause_after(text, ranking.end)):
            figures.append(Figure(ranking, "rank", None, "exact", None, is_rank=True))
    return figures


def _clause_after(text: str, end: int) -> str:
    return re.split(r"[,.;:!?()\n]", text[end : end + 100], maxsplit=1)[0]
