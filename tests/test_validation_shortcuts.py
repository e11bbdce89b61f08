"""The shortcuts that make validation fast at scale find exactly what the slow way finds (bench/bench_scale.py
measures the speed; these check the answers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodash import numbers
from ecodash.numbers import NormalisedText, find_all_mentions
from ecodash.wording import SENTENCE_END, sentence_around, sentence_bounds

WORDS = [
    *sorted(numbers._FR_FIRST_WORDS),
    "un",
    "une",
    "la",
    "de",
    "plus",
    "grands",
    "parmi",
    "les",
    "l’une",
    "des",
    "millions",
    "Premiers",
    "DEUX",
    "Cent",
    "ſix",
    "İ",
    "\u212aelvin",
    "µ",
    "Σ",
    "深圳",
    "3 300",
    "5",
    "2,5",
    "’",
    "%",
    "x2",
    "Vingt-deux",
    "quatre-vingts",
    "deuxième",
    "et",
    "le",
    ".",
    "\n",
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.sampled_from(["fr", "en"]))
def test_the_word_pre_check_never_hides_a_mention(text: str, language: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(numbers, "_may_hold", lambda text, words: True)  # the patterns on every text
        slow = find_all_mentions(text, language)
    assert find_all_mentions(text, language) == slow


def _normalised_by_characters(raw: str) -> tuple[str, tuple[int, ...]]:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(raw):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        origin.append(index)
    return "".join(chars), tuple(origin)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é深😀") + ["\n", "\t", "\u00a0", "\u202f", "\u2028", "\x1c"])))
def test_normalised_text_keeps_every_origin(raw: str) -> None:
    normalised = NormalisedText.of(raw)
    assert (normalised.text, normalised.origin) == _normalised_by_characters(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. !?") + ["\n"]), min_size=1), st.data())
def test_sentence_bounds_found_once_give_the_same_sentence(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    expected = text[max(b for b in bounds if b <= start) : min(b for b in bounds if b >= end)]
    assert sentence_around(text, start, end, sentence_bounds(text)) == expected == sentence_around(text, start, end)
