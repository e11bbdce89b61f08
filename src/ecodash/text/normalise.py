"""Text as the checks compare it: whitespace runs collapsed (remembering where each character came from), a lower
case that stands for case-insensitive matching, and Latin letters folded to ASCII for ids and file names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

_SPACE_CODES = np.array([code for code in range(0x110000) if chr(code).isspace()], dtype="<u4")


def normalise_whitespace(text: str) -> str:
    r"""Each whitespace run as one space, none at either end: `\s+` -> " " and strip(), written with str.split()
    (the same whitespace, str.isspace, as the pattern's `\s`: tests/test_normalise.py), 3x faster."""
    return " ".join(text.split())


@dataclass(frozen=True, eq=False)
class NormalisedText:
    """A text with whitespace runs collapsed, remembering where each character came from (`origin[i]`: the index in
    the raw text of the normalised text's character i, as an array: a seed holds tens of thousands)."""

    text: str
    origin: np.ndarray

    @classmethod
    def of(cls, raw: str) -> NormalisedText:
        # Each whitespace run becomes one space, which comes from the run's first character (`\s` is
        # str.isspace); the other characters come from themselves. Built run by run, not character by character.
        # str.isspace characters are a fixed set (_SPACE_CODES); numpy marks them, and keeps each character
        # that is not a space following a space.
        codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        space = np.isin(codes, _SPACE_CODES)
        kept = ~(space & np.concatenate(([False], space[:-1])))
        text = np.where(space, 32, codes).astype("<u4")[kept].tobytes().decode("utf-32-le", "surrogatepass")
        return cls(text, np.flatnonzero(kept))

    def find_all(self, passage: str, *, first: bool = False) -> list[tuple[int, int]]:
        """Spans (in the raw text) of every occurrence of `passage`, whitespace-normalised (`first`: of the first
        occurrence only, the list's first span, without looking for the others)."""
        return self.find_normalised(normalise_whitespace(passage), first=first)

    def find_normalised(self, needle: str, *, first: bool = False) -> list[tuple[int, int]]:
        """find_all of a passage already whitespace-normalised (normalise_whitespace)."""
        spans = []
        start = self.text.find(needle)
        while needle and start != -1:
            end = start + len(needle)
            spans.append((int(self.origin[start]), int(self.origin[end - 1]) + 1))
            start = -1 if first else self.text.find(needle, start + 1)
        return spans


# A letter IGNORECASE may match with a letter of another lower case: 'ſ' ~ 's', 'İ' / 'ı' ~ 'i', 'µ' ~ 'μ', and
# any letter beyond Latin (Kelvin sign ~ 'k', Greek sigmas...). Where there is none, lower() stands for IGNORECASE.
# Two patterns of one character class each, not one alternation: the engine then skips along to a candidate
# character instead of trying both branches at every position (about 2x faster over a seed).
_CASE_HAZARDS = (re.compile(r"[ſİıµ]"), re.compile(r"[^\W\d_\u0000-\u024f]"))


def case_safe_lower(text: str) -> str | None:
    """text.lower(), when comparing lower-case strings finds exactly what IGNORECASE finds; else None."""
    if any(hazard.search(text) for hazard in _CASE_HAZARDS):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


# A fast pre-check, so that most quotes skip the slow word patterns: a match of a word pattern holds, between word
# boundaries, one whole word of a known set (lower case), so a text none of whose words is in that set has no
# match. Where lower case cannot stand for IGNORECASE (case_safe_lower), the check gives way to the patterns.
_WORD_LETTERS = re.compile(r"[^\W\d_]+")
_last_words: tuple[str, frozenset[str] | None] = ("", frozenset())  # the last text's words (read as one tuple)


def _words(text: str) -> frozenset[str] | None:
    """The lower-case words of `text`, or None when lower case cannot stand for IGNORECASE there."""
    lowered = case_safe_lower(text)
    return None if lowered is None else frozenset(_WORD_LETTERS.findall(lowered))


def may_hold_word(text: str, first_words: frozenset[str] | None) -> bool:
    """False only when no match of a pattern whose every match holds one of `first_words` (whole lower-case
    words; None: unknown) can be in `text`. The words of the last text asked about are kept for the next call."""
    global _last_words
    if first_words is None:
        return True
    last = _last_words
    if last[0] == text:
        words = last[1]
    else:
        words = _words(text)
        _last_words = (text, words)
    return words is None or not first_words.isdisjoint(words)


_UNDECOMPOSED = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def ascii_fold(text: str) -> str:
    """'Cœur accéléré' -> 'Coeur accelere': Latin letters without their accents (œ -> oe, ß -> ss); every other
    character as it was. The one folding of ids and file names (propose.snake_id, images.slug)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
