"""Coverage audit: every numeric mention and ranking statement in the seeds is curated or explained.

A number is covered by a fact or event whose quote contains it and holds its value; a ranking statement
("le plus grand", "parmi les 30 plus grands") by a fact in unit "rank" whose quote contains it. Anything
else must be excluded in data/audit_exclusions.csv (context containing it, mention equal to its text).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ecodash.ingest.dataset import Dataset
from ecodash.text.mentions import mention_index
from ecodash.text.normalise import NormalisedText, normalise_whitespace
from ecodash.text.numbers import RANKING, Mention, matches

_NEWLINE = re.compile("\n")
FACT_NUMBER_COLUMNS = ("value", "stated_usd", "period_start", "period_end", "duration_years")


@dataclass(frozen=True)
class AuditRow:
    source_id: str
    line: int
    kind: str  # number | ranking
    mention: str
    value: float  # NaN for a ranking with no stated rank ("l’une des plus grandes")
    status: str  # covered | excluded | uncovered
    by: str  # fact/event id or exclusion reason
    context: str


def _numbers_of(row: Mapping, kind: str) -> list[float]:
    if kind == "fact":
        return [float(row[c]) for c in FACT_NUMBER_COLUMNS if pd.notna(row[c])]
    return [float(part) for part in str(row["date"]).split("-")]


def _context(text: str, mention: Mention, width: int = 40) -> str:
    return normalise_whitespace(text[max(0, mention.start - width) : mention.end + width])


def audit_mentions(dataset: Dataset) -> pd.DataFrame:
    """One row per numeric mention or ranking statement in the seeds, saying what covers it (or that nothing does).

    A seed's mentions come from its cached MentionIndex (validation found them already); each quote and exclusion
    context then looks only at the mentions inside its span (bisect), in the order the rows come.
    """
    covering: dict[str, list] = {}  # source_id -> [(quote, numbers, id, is_rank_fact)], facts then events
    read = {
        "fact": ["source_id", "quote", "unit", "fact_id", *FACT_NUMBER_COLUMNS],
        "event": ["source_id", "quote", "date", "event_id"],
    }
    for kind, frame, id_column in (("fact", dataset.facts, "fact_id"), ("event", dataset.events, "event_id")):
        for row in frame[read[kind]].to_dict("records"):
            is_rank = kind == "fact" and row["unit"] == "rank"
            covering.setdefault(row["source_id"], []).append(
                (row["quote"], _numbers_of(row, kind), row[id_column], is_rank)
            )
    exclusions = dataset.audit_exclusions
    excluding = {
        source_id: list(group.itertuples()) for source_id, group in exclusions.groupby("source_id", sort=False)
    }
    languages = dataset.sources.set_index("source_id")["language"]
    rows = []
    for source_id, text in dataset.seeds.items():
        normalised = NormalisedText.of(text)
        index = mention_index(text, languages.get(source_id, "fr"))
        mentions = index.mentions
        found: list[tuple[str, str] | None] = [None] * len(mentions)  # (status, by) of each mention, first wins

        for quote, numbers, record_id, is_rank in covering.get(source_id, []):
            for start, end in normalised.find_all(quote):
                for i in index.starting_in(start, end):
                    mention = mentions[i]
                    if found[i] is not None or mention.end > end:
                        continue
                    if mention.kind == RANKING:
                        holds = is_rank  # a rank fact's quote covers every ranking word in it, whatever its value
                    else:
                        holds = any(matches(mention.value, n) for n in numbers)
                    if holds:
                        found[i] = ("covered", record_id)
        for ex in excluding.get(source_id, []):
            excluded_text = normalise_whitespace(ex.mention)
            for start, end in normalised.find_all(ex.context):
                for i in index.starting_in(start, end):
                    mention = mentions[i]
                    if found[i] is None and mention.end <= end and normalise_whitespace(mention.text) == excluded_text:
                        found[i] = ("excluded", ex.reason)
        newlines = [match.start() for match in _NEWLINE.finditer(text)]
        for mention, status_by in zip(mentions, found, strict=True):
            status, by = status_by or ("uncovered", "")
            line = bisect.bisect_left(newlines, mention.start) + 1  # newlines before the mention, plus one
            value = float("nan") if mention.value is None else float(mention.value)
            context = _context(text, mention)
            rows.append((source_id, line, mention.kind, mention.text, value, status, by, context))
    return pd.DataFrame(rows, columns=list(AuditRow.__dataclass_fields__))


def coverage_percent(audit: pd.DataFrame) -> float:
    """Share of mentions (numbers and rankings alike) covered or excluded, in percent (100.0 when there are none)."""
    if audit.empty:
        return 100.0
    return 100.0 * float((audit["status"] != "uncovered").mean())
