"""Locate every curated passage in its seed, so a reader can go from a figure to its sentence and back."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ecodash.ingest.dataset import Dataset
from ecodash.text.numbers import NormalisedText

RECORD_TABLES = (("facts", "fact_id"), ("events", "event_id"), ("instruments", "instrument_id"), ("actors", "actor_id"))


@dataclass(frozen=True)
class Segment:
    """A run of seed text; `records` are the (table, id) pairs whose quote covers it (empty = plain text)."""

    text: str
    records: tuple[tuple[str, str], ...] = field(default=())
    passage: int | None = None  # 1-based number of the highlighted passage, None for plain text


def record_spans(dataset: Dataset, source_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, table, id) of every curated quote found in the seed, in text order."""
    text = dataset.seeds[source_id]
    normalised = NormalisedText.of(text)
    spans = []
    for table, id_column in RECORD_TABLES:
        frame = dataset.table(table)
        for row in frame.loc[frame["source_id"] == source_id].itertuples():
            for start, end in normalised.find_all(row.quote)[:1]:
                spans.append((start, end, table, getattr(row, id_column)))
    return sorted(spans)


def seed_segments(dataset: Dataset, source_id: str) -> list[Segment]:
    """The seed cut into plain and highlighted segments; overlapping quotes merge into one passage."""
    text = dataset.seeds[source_id]
    merged: list[list] = []  # [start, end, records]
    for start, end, table, record_id in record_spans(dataset, source_id):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append((table, record_id))
        else:
            merged.append([start, end, [(table, record_id)]])
    segments, cursor = [], 0
    for number, (start, end, records) in enumerate(merged, start=1):
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], tuple(records), number))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def passage_of(dataset: Dataset, table: str, record_id: str) -> tuple[str, int] | None:
    """(source_id, passage number) where a record's quote is highlighted, or None if it is not found."""
    id_column = dict(RECORD_TABLES)[table]
    frame = dataset.table(table)
    rows = frame.loc[frame[id_column] == record_id]
    if rows.empty:
        return None
    source_id = rows["source_id"].iloc[0]
    for segment in seed_segments(dataset, source_id):
        if (table, record_id) in segment.records:
            return source_id, segment.passage
    return None


def passage_records(dataset: Dataset, source_id: str) -> pd.DataFrame:
    """One row per (passage, record): what each highlighted passage of a seed supports."""
    rows = []
    for segment in seed_segments(dataset, source_id):
        for table, record_id in segment.records:
            rows.append({"passage": segment.passage, "table": table, "record_id": record_id})
    return pd.DataFrame(rows, columns=["passage", "table", "record_id"])
