"""A text cut into plain and highlighted runs: a seed with its curated passages, an article with its candidates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

Mark = TypeVar("Mark")


@dataclass(frozen=True)
class Segment(Generic[Mark]):
    """A run of a text: plain (`number` None), or highlighted run `number` and `mark`, what it stands for (the
    records a passage supports, the state of a candidate)."""

    text: str
    number: int | None = None
    mark: Mark | None = None


def cut(text: str, runs: Iterable[tuple[int, int, int, Mark]]) -> list[Segment[Mark]]:
    """`text` as plain and highlighted segments, in order: one per run (start, end, number, mark), the runs sorted
    and not overlapping, plain text between them. The segments' texts add up to `text`."""
    segments: list[Segment[Mark]] = []
    cursor = 0
    for start, end, number, mark in runs:
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], number, mark))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments
