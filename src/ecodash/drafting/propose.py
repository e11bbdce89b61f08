"""`ecodash propose`: draft candidate facts (and events) from a French or English article for a curator.

Each figure the article states becomes one row with the columns of facts.csv, filled where the text tells and
empty where it does not, plus `confidence` (0-1) and `reason` (the words behind each guess). The quote is the
shortest clause that states the figure, checked the way `ecodash validate` checks a curated one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from ecodash.drafting.article import EXTRA_COLUMNS, Article
from ecodash.drafting.cues import (
    DURATION_BEFORE,
    PERIOD_BOTH,
    PERIOD_END,
    PERIOD_RANGE,
    PERIOD_START,
    PUBLIC_FUNDER,
    ai_specificity_cue,
    status_cue,
    url_spans,
)
from ecodash.drafting.events import EVENT_COLUMNS, event_rows
from ecodash.drafting.figures import DateMention, Figure, FigureSearch, find_dates, find_figures
from ecodash.drafting.guess import IndicatorFinder, RegionFinder
from ecodash.ingest.dataset import Dataset, load_dataset
from ecodash.schema.fields import MAX_ARTICLE_BYTES, SNAKE_ID
from ecodash.schema.models import table_columns
from ecodash.schema.vocabularies import is_money
from ecodash.text import cues as wording
from ecodash.text.language import detect_language
from ecodash.text.mentions import states_number
from ecodash.text.normalise import NormalisedText, ascii_fold, normalise_whitespace
from ecodash.text.sentences import Span, clause_span, enclosing, paragraph_spans, predicate_span, sentence_spans

MAX_BYTES = MAX_ARTICLE_BYTES
MAX_ID = 48  # characters of an id made from a title or file name
FACT_COLUMNS = table_columns("facts") + EXTRA_COLUMNS
MAX_QUOTE_CHARS = 240  # a year or duration further away stays out of the quote (and of the fact)


class ArticleError(ValueError):
    """The article cannot be read as text. `kind` is 'too_large', 'not_utf8' or 'empty' and `values` fill the
    page's message; the error's own message says what and where, in English (the command line's)."""

    def __init__(self, message: str, *, kind: str | None = None, values: Mapping[str, object] | None = None):
        super().__init__(message)
        self.kind, self.values = kind, dict(values or {})


def check_article_size(size: int, *, name: str) -> None:
    """Raise ArticleError when an article of `size` bytes is over MAX_BYTES (a file's size is checked before it is
    read)."""
    if size > MAX_BYTES:
        message = f"{name}: {size:,} bytes is too large (at most {MAX_BYTES:,} bytes); give one article"
        raise ArticleError(message, kind="too_large", values={"name": name, "size": size, "limit": MAX_BYTES})


def read_article(data: bytes, *, name: str) -> str:
    """The article's text: UTF-8 (a leading BOM dropped), at most MAX_BYTES bytes, not empty."""
    check_article_size(len(data), name=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"{name}: not UTF-8 text ({error.reason} at byte {error.start})"
        raise ArticleError(message, kind="not_utf8", values={"name": name, "byte": error.start}) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError(f"{name}: empty article (no text to read)", kind="empty", values={"name": name})
    return text


@dataclass(frozen=True)
class Proposal:
    """What `propose` drafts from one article: its sources.csv row, candidate facts and candidate events."""

    source: dict[str, object]
    facts: pd.DataFrame
    events: pd.DataFrame


def snake_id(words: str, *, fallback: str = "article") -> str:
    """A snake_case id from a title or a file name.

    'Le Zhejiang accélère sur l'IA' -> 'le_zhejiang_accelere_sur_l_ia': accents folded, any other sign a separator,
    whole words up to MAX_ID characters; an id starts with a letter ('2025 : bilan' -> 'article_2025_bilan').
    """
    letters = "".join(c if c.isalnum() else " " for c in ascii_fold(words))  # é -> e, œ -> oe, ’ -> a space
    ascii_words = letters.encode("ascii", "ignore").decode("ascii").lower()
    parts = [part for part in re.split(r"[^a-z0-9]+", ascii_words) if part]
    kept: list[str] = []
    for part in parts:  # whole words, at most MAX_ID characters
        if len("_".join([*kept, part])) > MAX_ID:
            break
        kept.append(part)
    candidate = "_".join(kept) or fallback
    candidate = candidate if candidate[0].isalpha() else f"{fallback}_{candidate}"
    return candidate if re.fullmatch(SNAKE_ID, candidate) else fallback


def source_id_from(file_name: str) -> str:
    """A snake_case source id from a file name ("000_e9159.txt" -> "article_000_e9159")."""
    return snake_id(PurePosixPath(file_name).stem)


def propose(
    text: str, *, dataset: Dataset | None = None, source_id: str | None = None, seed_file: str | None = None
) -> Proposal:
    """Candidate facts and events of `text`, and its sources.csv row (regions and indicators from `dataset`)."""
    dataset = dataset if dataset is not None else load_dataset()
    source_id = source_id or source_id_from(seed_file or "article.txt")
    if not re.fullmatch(SNAKE_ID, source_id):
        raise ValueError(f"source id {source_id!r} is not snake_case (a-z, 0-9 and single underscores)")
    language = detect_language(text)
    article = Article(
        text,
        language,
        source_id,
        sentence_spans(text),
        paragraph_spans(text),
        RegionFinder(dataset.regions),
        IndicatorFinder(dataset.indicators, language),
        NormalisedText.of(text),
    )
    dates = find_dates(text, url_spans(text))
    search = find_figures(text, language, dates)
    used_dates: set[DateMention] = set()
    facts = [_fact_row(article, figure, dates, search, used_dates) for figure in search.figures]
    facts = [row for row in facts if row is not None]
    for number, row in enumerate(facts, start=1):
        row["fact_id"] = f"{source_id}_{number}"
    events = event_rows(article, [d for d in dates if d not in used_dates])
    return Proposal(
        _source_row(article, seed_file),
        pd.DataFrame(facts, columns=FACT_COLUMNS),
        pd.DataFrame(events, columns=EVENT_COLUMNS),
    )


# --- one fact ------------------------------------------------------------------------------------


def _fact_row(
    article: Article, figure: Figure, dates: list[DateMention], search: FigureSearch, used: set[DateMention]
) -> dict[str, object] | None:
    text, mention = article.text, figure.mention
    sentence = enclosing(article.sentences, mention.start, mention.end)
    start, end = figure.start, figure.end
    reasons = [_figure_reason(figure)]
    own = predicate_span(text, start, end, sentence)  # the figure's own predicate: its status, its years
    reach = _reach(article, figure, (sentence, own), search)
    period, period_dates = _period(text, reach, [d for d in dates if reach.covers(d.start, d.end)])
    duration = _duration(text, reach, search)
    for extra_start, extra_end in [(d.start, d.end) for d in period_dates] + ([duration[1]] if duration else []):
        if max(end, extra_end) - min(start, extra_start) <= MAX_QUOTE_CHARS:
            start, end = min(start, extra_start), max(end, extra_end)
    quote = _quote(article, start, end, own)
    if quote is None or not states_number(quote, float(mention.value), article.language):
        return None
    row = dict.fromkeys(FACT_COLUMNS)
    row.update(
        source_id=article.source_id,
        quote=quote,
        value=float(mention.value),
        unit=figure.unit,
        qualifier=figure.qualifier,
        mention=mention.text,
        mention_start=mention.start,
        mention_end=mention.end,
    )
    if figure.usd is not None and states_number(quote, float(figure.usd), article.language):
        row["stated_usd"] = float(figure.usd)
        reasons.append(f"stated USD {float(figure.usd):g} from the article's own conversion")
    sentence_text = text[sentence.start : sentence.end]
    _fill_period(row, quote, period, duration, article.language, reasons, used, period_dates)
    _fill_dimensions(row, quote, (text[own.start : own.end], sentence_text), article, figure, reasons)
    _fill_region_indicator(row, article, figure, quote, sentence_text, reasons)
    row["confidence"] = _confidence(figure, row)
    row["reason"] = "; ".join(reasons)
    return row


def _reach(article: Article, figure: Figure, spans: tuple[Span, Span], search: FigureSearch) -> Span:
    """Where a year or duration can belong to `figure`, within the part of its sentence with its own predicate
    (`spans`: the sentence, that part): all of it when the figure is the sentence's only one, else the figure's own
    clause ("30 % d'ici 2030, contre 8 % aujourd'hui": 2030 is the 30 %'s)."""
    sentence, own = spans
    others = [o for o in search.figures if o is not figure and sentence.covers(o.mention.start, o.mention.end)]
    return clause_span(article.text, figure.start, figure.end, own, min_words=1) if others else own


def _quote(article: Article, start: int, end: int, sentence: Span) -> str | None:
    """The shortest clause of the sentence holding start:end, as one whitespace-normalised verbatim passage."""
    clause = clause_span(article.text, start, end, sentence)
    quote = normalise_whitespace(article.text[clause.start : clause.end])
    return quote if quote and article.normalised.find_all(quote) else None


def _figure_reason(figure: Figure) -> str:
    said = f"figure '{normalise_whitespace(figure.mention.text)}'"
    if figure.is_rank:
        within = " (within the top N: up_to)" if figure.qualifier == "up_to" else ""
        said += f" read as rank {figure.mention.value}{within}"
    elif figure.unit_cue:
        said += f"; unit {figure.unit} from '{figure.unit_cue.words}'"
    elif figure.unit == "share":
        said += "; unit share (a percentage or fraction)"
    else:
        said += "; unit count (no currency or people word after it)"
    if figure.qualifier_cue and not figure.is_rank:
        said += f"; qualifier {figure.qualifier} from '{normalise_whitespace(figure.qualifier_cue.words)}'"
    return said


def _period(text: str, reach: Span, dates: list[DateMention]) -> tuple[dict[str, int], list[DateMention]]:
    """period_start / period_end from the years within `reach` and the words before them ('d'ici 2027')."""
    in_sentence = [d for d in dates if reach.covers(d.start, d.end)]
    span = PERIOD_RANGE.search(text, reach.start, reach.end)
    if span:
        first, last = int(span["start"] or span["start2"]), int(span["end"] or span["end2"])
        used = [d for d in in_sentence if span.start() <= d.start and d.end <= span.end()]
        return {"period_start": first, "period_end": last}, used
    for date in in_sentence:
        before = text[max(reach.start, date.start - 25) : date.start]
        if PERIOD_END.search(before):
            return {"period_end": date.year}, [date]
        if PERIOD_START.search(before):
            return {"period_start": date.year}, [date]
        if PERIOD_BOTH.search(before) and date.date == str(date.year):
            return {"period_start": date.year, "period_end": date.year}, [date]
    return {}, []


def _duration(text: str, reach: Span, search: FigureSearch) -> tuple[int, tuple[int, int]] | None:
    """duration_years from 'en cinq ans' / 'over five years' within `reach`, with its span."""
    for mention, end in search.durations:
        before = text[max(reach.start, mention.start - 25) : mention.start]
        if (
            reach.covers(mention.start, end)
            and DURATION_BEFORE.search(before)
            and mention.value.denominator == 1
            and 1 <= mention.value <= 100
        ):
            return int(mention.value), (mention.start, end)
    return None


def _fill_period(row, quote, period, duration, language, reasons, used, period_dates) -> None:
    for name, year in period.items():
        if states_number(quote, year, language):
            row[name] = year
            reasons.append(f"{name} {year} from the sentence")
            used.update(period_dates)
    if duration and states_number(quote, duration[0], language):
        row["duration_years"] = duration[0]
        reasons.append(f"duration_years {duration[0]}")


def _fill_dimensions(row, quote: str, around: tuple[str, str], article: Article, figure: Figure, reasons) -> None:
    """status, ai_specificity, geo_reach and funder, each only where the words tell and validation agrees.
    `around`: the figure's own predicate (where its status is read) and its sentence (what validation reads)."""
    own, sentence = around
    status = status_cue(quote, own)
    if status and wording.status_problem(status[0], quote, sentence, None) is None:
        row["status"] = status[0]
        reasons.append(f"status {status[0]} from '{status[1]}'")
    ai = ai_specificity_cue(quote)
    if ai and wording.ai_specificity_problem(ai[0], quote, None) is None:
        row["ai_specificity"] = ai[0]
        reasons.append(f"ai_specificity {ai[0]} from '{ai[1]}'")
    row["geo_reach"] = "region"
    if is_money(figure.unit):
        paragraph = enclosing(article.paragraphs, figure.mention.start, figure.mention.end)
        public = PUBLIC_FUNDER.search(sentence) or PUBLIC_FUNDER.search(article.text, paragraph.start, paragraph.end)
        row["funder"] = "public" if public else "unspecified"
        unspecified = "funder unspecified (no public body named)"
        reasons.append(f"funder public from '{public.group(0)}'" if public else unspecified)


def _fill_region_indicator(row, article: Article, figure: Figure, quote: str, sentence: str, reasons) -> None:
    start, end = figure.mention.start, figure.mention.end
    region = article.regions.guess(article.text, start, article.areas(start, end))
    if region:
        row["region_id"] = region.value
        reasons.append(region.why)
    constraints = {"multi_year": row["duration_years"] is not None, "cumulative": row["period_start"] is not None}
    after = article.text[figure.mention.end : figure.mention.end + 60]
    local = re.split(r"[,;.:()]|\d|\s(?:et|and)\s", after, maxsplit=1)[0]
    indicator = article.indicators.guess(figure.unit, (local, quote, sentence), constraints)
    if indicator:
        row["indicator_id"] = indicator.value
        row["scope"] = article.indicators.scope_of(indicator.value)
        reasons.append(indicator.why)


def _confidence(figure: Figure, row: dict[str, object]) -> float:
    """How sure the proposal is a curated fact: a rank or a small word number less, a unit or cue word more."""
    if figure.is_rank:
        score = 0.55 if figure.qualifier == "up_to" else 0.4
    else:
        score = 0.55 + (0.15 if figure.unit != "count" else 0.0) + (0.05 if figure.qualifier_cue else 0.0)
        if not any(char.isdigit() for char in figure.mention.text) and figure.mention.value <= 10:
            score -= 0.15
    score += 0.05 * sum(row[name] is not None for name in ("region_id", "indicator_id", "status"))
    return round(min(max(score, 0.05), 0.95), 2)


# --- the source row ------------------------------------------------------------------------------


def _source_row(article: Article, seed_file: str | None) -> dict[str, object]:
    text = article.text
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    is_title = len(first_line) <= 150 and not first_line.endswith((".", ":", ";"))
    named = [hit[1] for hit in article.regions.found(text)]
    by_count = sorted(dict.fromkeys(named), key=lambda region_id: -named.count(region_id))
    url = re.search(r"https?://\S+", text)
    row = dict.fromkeys(table_columns("sources"))
    row.update(
        source_id=article.source_id,
        seed_file=seed_file or f"{article.source_id}.txt",
        title=first_line if is_title else None,
        language=article.language,
        region_ids=";".join(by_count) or None,
        url=url.group(0) if url else None,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    return row
