"""Sentences, paragraphs and clauses of a text: the one segmenter of validation's status check (the sentence around
a quote) and of `ecodash propose` (the sentence, paragraph and shortest clause around a figure)."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

SENTENCE_END = re.compile(r"[.!?]\s+|\n+")
"""Where a sentence ends (a match's end): after sentence punctuation and the spaces that follow it, or at a line
break. Written to start at the punctuation, not after it (a look-behind), so that the engine skips to the next
'.', '!', '?' or line break: the same ends (tests/test_sentences.py), found about 1.5x faster."""
# A clause ends at sentence punctuation, a semicolon or colon, a dash, a bracket or a comma that is not a
# decimal comma ("1,4") or a thousands comma ("2,200").
_CLAUSE_BREAK = re.compile(r"[.!?;:()\[\]—–\n](?!\d)|(?<!\d),|,(?!\d)|\s-\s")
_TRIM = " \t\r\n,;:—–-"
MIN_CLAUSE_WORDS = 5


@dataclass(frozen=True)
class Span:
    """A part of a text: text[start:end]."""

    start: int
    end: int

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def sentence_bounds(text: str) -> list[int]:
    """Where the sentences of `text` start and end, sorted (compute once per text, pass to sentence_around)."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]


def sentence_span(text: str, start: int, end: int, bounds: list[int] | None = None) -> Span:
    """Where the sentence(s) of `text` holding the span start:end are (`bounds`: sentence_bounds(text), if known)."""
    if bounds is None:
        bounds = sentence_bounds(text)
    first = bounds[bisect.bisect_right(bounds, start) - 1]  # the last bound <= start
    last = bounds[bisect.bisect_left(bounds, end)]  # the first bound >= end
    return Span(first, last)


def sentence_around(text: str, start: int, end: int, bounds: list[int] | None = None) -> str:
    """The sentence(s) of `text` holding the span start:end (`bounds`: sentence_bounds(text), if known)."""
    around = sentence_span(text, start, end, bounds)
    return text[around.start : around.end]


def sentence_spans(text: str) -> list[Span]:
    """Every sentence of `text` (a line break ends one too), in order."""
    return [Span(a, b) for a, b in itertools.pairwise(sentence_bounds(text)) if text[a:b].strip()]


def paragraph_spans(text: str) -> list[Span]:
    """Every paragraph (line) of `text`, in order."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans


def enclosing(spans: list[Span], start: int, end: int) -> Span:
    """The span of `spans` holding start:end (the first one that starts it when none holds it whole)."""
    return next((s for s in spans if s.covers(start, end)), None) or next(s for s in spans if s.end > start)


def clause_span(text: str, start: int, end: int, sentence: Span, min_words: int = MIN_CLAUSE_WORDS) -> Span:
    """The shortest clause of `sentence` holding start:end, grown by a neighbour clause while under `min_words`."""
    left = _break_before(text, start, sentence.start)
    right = _break_after(text, end, sentence.end)
    while len(text[left:right].split()) < min_words and (left > sentence.start or right < sentence.end):
        if left > sentence.start:
            left = _break_before(text, left - 1, sentence.start)
        else:
            right = _break_after(text, right + 1, sentence.end)
    return _trimmed(text, left, right)


# Where a sentence goes on with another predicate: "mais", "tandis que", "but", "while", a semicolon; "et" / "and"
# only before a verb that starts a predicate of its own ("a investi … et prévoit de former …"), not before a
# noun it joins to the same verb ("50 milliards et 2 000 ingénieurs d'ici 2030").
_PREDICATE_VERBS = (
    r"a|ont|avait|avaient|est|sont|était|étaient|sera|seront|va|vont|doit|doivent|devra|devront|devrait"
    r"|devraient|prévoit|prévoient|prévoyait|vise|visent|compte|comptent|entend|entendent|ambitionne|ambitionnent"
    r"|souhaite|souhaitent|veut|veulent|investit|investissent|investira|investiront|forme|forment|formera"
    r"|formeront|finance|financent|financera|lance|lancent|lancera|annonce|annoncent|propose|proposent|prévoira"
    r"|s[’']engage|s[’']engagent|emploie|emploient|accueille|accueillent|abrite|abritent|dispose|disposent"
    r"|has|have|had|is|are|was|were|will|would|plans|aims|expects|intends|invests|invested|trains|trained|hopes"
    r"|wants|spent|spends|built|builds|launched|launches|employs|hosts|proposes|proposed"
)
_NEXT_PREDICATE = re.compile(
    r";|\s(?:mais|but|while|whereas)\s|\s(?:tandis|alors)\s+qu(?:e\s|[’'])"
    rf"|\s(?:et|and)\s+(?:(?:il|elle|ils|elles|it|they|on)\s+)?(?=(?:{_PREDICATE_VERBS})\b)",
    re.IGNORECASE,
)


def predicate_span(text: str, start: int, end: int, sentence: Span) -> Span:
    """The part of `sentence` around start:end that has a predicate of its own: in "La ville a investi 50
    milliards dans un centre de 20 pétaflops et prévoit de former 2 000 ingénieurs d'ici 2030", the first 50
    milliards and 20 pétaflops are what "a investi" says, the 2 000 engineers what "prévoit … d'ici 2030" says.
    Commas do not cut it ("D'ici 2030, la ville formera 2 000 ingénieurs" is one)."""
    left, right = sentence.start, sentence.end
    for match in _NEXT_PREDICATE.finditer(text, sentence.start, sentence.end):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return _trimmed(text, left, right)


def _break_before(text: str, position: int, floor: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, floor, position)]
    return breaks[-1] if breaks else floor


def _break_after(text: str, position: int, ceiling: int) -> int:
    match = _CLAUSE_BREAK.search(text, position, ceiling)
    if match is None:
        return ceiling
    # keep the sentence's final full stop out, and a closing bracket that a kept opening one needs
    return match.start()


def _trimmed(text: str, start: int, end: int) -> Span:
    """start:end without the spaces and punctuation at its edges (a bracket only when it is not closed inside)."""
    while start < end and (text[start] in _TRIM or text[start] == "(" and ")" not in text[start:end]):
        start += 1
    while end > start and (text[end - 1] in _TRIM + ".!?" or text[end - 1] == ")" and "(" not in text[start:end]):
        end -= 1
    return Span(start, end)
