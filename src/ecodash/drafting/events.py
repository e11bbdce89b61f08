"""Event proposals of `ecodash propose`: the dates an article states that are no fact's period, with the clause
that states them and a guess of the kind of event from the words of the sentence."""

from __future__ import annotations

import re

from ecodash.drafting.article import EXTRA_COLUMNS, Article
from ecodash.drafting.figures import DateMention
from ecodash.schema.models import table_columns
from ecodash.text.mentions import states_number
from ecodash.text.normalise import normalise_whitespace
from ecodash.text.sentences import clause_span, enclosing

EVENT_COLUMNS = table_columns("events") + EXTRA_COLUMNS

# event kind -> words of the sentence that suggest it (first match wins, in this order).
EVENT_KIND_WORDS = {
    "company_founded": r"\bfond(?:é|er|e|ée|ateur)\b|créé(?:e)?\s+en|founded|set\s+up",
    "centre_opened": r"opérationnel|ouvert|inauguré|mis\s+en\s+service|opened|operational|inaugurated",
    "appointment": r"nommé|PDG|directeur\s+général|CEO|appointed|named",
    "trade_fair": r"foire|salon|exposition|fair|expo",
    "target_year": r"d[’']ici|objectif|horizon|by\s+\d{4}|target|aims?",
    "policy_since": r"depuis|since",
    "plan_announced": r"dévoil|annonc|lancé|publié|adopt|plan|stratégie|unveil|announc|launch|publish|strategy",
}
_KIND_PATTERNS = {kind: re.compile(words, re.IGNORECASE) for kind, words in EVENT_KIND_WORDS.items()}


def _kind(quote: str, sentence: str) -> tuple[str, re.Match[str]] | None:
    """The event kind the quote's words suggest, else the sentence's."""
    for text in (quote, sentence):
        for kind, pattern in _KIND_PATTERNS.items():
            match = pattern.search(text)
            if match:
                return kind, match
    return None


def event_rows(article: Article, dates: list[DateMention]) -> list[dict[str, object]]:
    """One candidate event per date (the kind from the sentence's words; description left to the curator)."""
    rows = []
    for date in dates:
        sentence = enclosing(article.sentences, date.start, date.end)
        clause = clause_span(article.text, date.start, date.end, sentence)
        quote = normalise_whitespace(article.text[clause.start : clause.end])
        if not article.normalised.find_all(quote) or not states_number(quote, date.year, article.language):
            continue
        row = dict.fromkeys(EVENT_COLUMNS)
        row.update(
            source_id=article.source_id,
            quote=quote,
            date=date.date,
            mention=date.text,
            mention_start=date.start,
            mention_end=date.end,
        )
        row["event_id"] = f"{article.source_id}_event_{len(rows) + 1}"
        reasons = [f"date {date.date} from '{normalise_whitespace(date.text)}'"]
        kind = _kind(quote, article.text[sentence.start : sentence.end])
        if kind:
            row["kind"] = kind[0]
            reasons.append(f"kind {kind[0]} from '{kind[1].group(0)}'")
        region = article.regions.guess(article.text, date.start, article.areas(date.start, date.end))
        if region:
            row["region_id"] = region.value
            reasons.append(region.why)
        row["confidence"] = 0.5 if kind else 0.3
        row["reason"] = "; ".join(reasons)
        rows.append(row)
    return rows
