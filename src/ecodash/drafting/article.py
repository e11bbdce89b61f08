"""One article while `ecodash propose` drafts from it: its text and language, its sentences and paragraphs, and the
finders of the curated regions and indicators."""

from __future__ import annotations

from dataclasses import dataclass

from ecodash.drafting.guess import IndicatorFinder, RegionFinder
from ecodash.schema.columns import stored_dtypes
from ecodash.text.normalise import NormalisedText
from ecodash.text.sentences import Span, enclosing

EXTRA_DTYPES = {
    "confidence": "float64",
    "reason": "str",
    "mention": "str",
    "mention_start": "Int64",
    "mention_end": "Int64",
}
"""What a proposed fact or event says beyond its table's columns (how sure the guess is, why, and the mention), with
the dtype of each (the table's own columns have theirs in the column registry)."""
EXTRA_COLUMNS = list(EXTRA_DTYPES)


def draft_dtypes(table: str) -> dict[str, str]:
    """Column -> registry dtype of a drafted row of `table` (its stored columns, then EXTRA_DTYPES)."""
    return {**stored_dtypes(table), **EXTRA_DTYPES}


@dataclass(frozen=True)
class Article:
    """One article and what is known of its layout and vocabulary while proposing."""

    text: str
    language: str
    source_id: str
    sentences: list[Span]
    paragraphs: list[Span]
    regions: RegionFinder
    indicators: IndicatorFinder
    normalised: NormalisedText

    def areas(self, start: int, end: int) -> list[tuple[str, int, int]]:
        sentence, paragraph = enclosing(self.sentences, start, end), enclosing(self.paragraphs, start, end)
        return [("sentence", sentence.start, sentence.end), ("paragraph", paragraph.start, paragraph.end)]
