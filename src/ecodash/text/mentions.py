"""Numeric mentions and ranking statements of a text together, and a seed's mentions found once (MentionIndex), so
that each quote of it reads its own off them."""

from __future__ import annotations

import bisect
import functools
import re

from ecodash.text.numbers import NUMBER, Mention, read_mentions
from ecodash.text.rankings import find_rankings


def _all_mentions(text: str, language: str, extents: list[tuple[int, int]] | None = None) -> list[Mention]:
    found = [*read_mentions(text, language, extents), *find_rankings(text, language, extents)]
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
