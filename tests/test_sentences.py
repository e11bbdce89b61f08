"""The sentence segmenter of validation's status check: where sentences end."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ecodash.text.sentences import SENTENCE_END, sentence_bounds, sentence_span

LOOK_BEHIND = re.compile(r"(?<=[.!?])\s+|\n+")
"""The rule as first written: whitespace after sentence punctuation, or a run of line breaks."""


@given(st.text(alphabet=".!?;a \n\t\u00a0\u2029\r", max_size=40))
def test_sentences_end_where_the_look_behind_rule_ends_them(text):
    assert [m.end() for m in SENTENCE_END.finditer(text)] == [m.end() for m in LOOK_BEHIND.finditer(text)]


def test_a_sentence_ends_after_its_punctuation_and_spaces_or_at_a_line_break():
    text = "Un. Deux !  Trois\nQuatre? cinq"
    assert sentence_bounds(text) == [0, 4, 12, 18, 26, len(text)]
    start = text.index("Trois")
    assert sentence_span(text, start, start + 5) == sentence_span(text, start + 1, start + 2)
    assert text[sentence_span(text, start, start + 5).start : sentence_span(text, start, start + 5).end] == "Trois\n"
