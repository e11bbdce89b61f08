"""Locate every curated passage in its seed, so a reader can go from a figure to its sentence and back."""

from __future__ import annotations

import pandas as pd

from ecodash.ingest.dataset import Dataset
from ecodash.text.normalise import NormalisedText
from ecodash.text.segments import Segment, cut

RECORD_TABLES = (("facts", "fact_id"), ("events", "event_id"), ("instruments", "instrument_id"), ("actors", "actor_id"))

Passage = tuple[tuple[str, str], ...]
"""What a highlighted passage of a seed supports: the (table, id) of every record whose quote covers it."""


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


def seed_segments(dataset: Dataset, source_id: str) -> list[Segment[Passage]]:
    """The seed cut into plain text and passages (a segment's number: the passage's, from 1; its mark: the records
    it supports); overlapping quotes merge into one passage."""
    text = dataset.seeds[source_id]
    merged: list[list] = []  # [start, end, records]
    for start, end, table, record_id in record_spans(dataset, source_id):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append((table, record_id))
        else:
            merged.append([start, end, [(table, record_id)]])
    runs = [(start, end, number, tuple(records)) for number, (start, end, records) in enumerate(merged, start=1)]
    return cut(text, runs)


def passage_of(dataset: Dataset, table: str, record_id: str) -> tuple[str, int] | None:
    """(source_id, passage number) where a record's quote is highlighted, or None if it is not found."""
    id_column = dict(RECORD_TABLES)[table]
    frame = dataset.table(table)
    rows = frame.loc[frame[id_column] == record_id]
    if rows.empty:
        return None
    source_id = rows["source_id"].iloc[0]
    for segment in seed_segments(dataset, source_id):
        if segment.mark and (table, record_id) in segment.mark:
            return source_id, segment.number
    return None


def passage_records(dataset: Dataset, source_id: str) -> pd.DataFrame:
    """One row per (passage, record): what each highlighted passage of a seed supports."""
    rows = []
    for segment in seed_segments(dataset, source_id):
        for table, record_id in segment.mark or ():
            rows.append({"passage": segment.number, "table": table, "record_id": record_id})
    return pd.DataFrame(rows, columns=["passage", "table", "record_id"])
