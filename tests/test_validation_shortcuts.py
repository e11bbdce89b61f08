"""The shortcuts that make validation fast at scale find exactly what the slow way finds (bench/bench_scale.py
measures the speed; these check the answers)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodash.ingest import seedchecks
from ecodash.ingest.csvrows import UNSEEN, holds_unseen
from ecodash.ingest.dataset import validate_data_dir
from ecodash.schema import fields
from ecodash.text import mentions, numbers, rankings
from ecodash.text.cues import AI_SPECIFICITY_CUES, STATUS_CUES, cue_index, cues_in, passage_cues, status_cues
from ecodash.text.mentions import MentionIndex, find_all_mentions, passage_mentions
from ecodash.text.normalise import NormalisedText, case_safe_lower
from ecodash.text.sentences import SENTENCE_END, sentence_around, sentence_bounds, sentence_span
from support import edit_row, read_rows

WORDS = [
    *sorted(numbers.FR_FIRST_WORDS),
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
    "pour",
    "two",
    "hundred",
    "and",
    "thirds",
    "a",
    "thousand",
    "le",
    ".",
    "\n",
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.sampled_from(["fr", "en"]))
def test_the_word_pre_check_never_hides_a_mention(text: str, language: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for module in (numbers, rankings):  # the patterns on every text
            patch.setattr(module, "may_hold_word", lambda text, words: True)
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
    assert (normalised.text, tuple(normalised.origin.tolist())) == _normalised_by_characters(raw)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. !?") + ["\n"]), min_size=1), st.data())
def test_sentence_bounds_found_once_give_the_same_sentence(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    bounds = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text)]
    expected = text[max(b for b in bounds if b <= start) : min(b for b in bounds if b >= end)]
    assert sentence_around(text, start, end, sentence_bounds(text)) == expected == sentence_around(text, start, end)


SEPARATORS = [" ", " ", "\n", ", ", ". ", ",", ".", "", "-", "’"]


@st.composite
def _seed_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    text = words[0]
    for word in words[1:]:
        text += draw(st.sampled_from(SEPARATORS)) + word
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@settings(max_examples=600, deadline=None)
@given(_seed_and_span(), st.sampled_from(["fr", "en"]))
def test_a_span_reads_off_the_seed_index_what_parsing_it_finds(seed_span: tuple[str, int, int], language: str) -> None:
    text, start, end = seed_span
    index = MentionIndex(text, language)
    assert index.mentions == find_all_mentions(text, language)
    parsed = find_all_mentions(text[start:end], language)
    read = index.within(start, end)
    assert read is None or read == parsed
    assert passage_mentions(index, text[start:end], [(start, end)]) == parsed


def test_the_index_serves_a_clean_span_and_parses_where_an_edge_cuts_a_mention() -> None:
    text = "Le Guangdong compte 50 entreprises. Il vise 13 300 emplois et la moitié des fonds d’ici 2030."
    index = MentionIndex(text)
    start = text.index("Il vise")
    clean = index.within(start, len(text))
    assert clean is not None
    assert [(m.text, m.value) for m in clean] == [("13 300", 13300), ("la moitié", Fraction(1, 2)), ("2030", 2030)]
    assert clean == find_all_mentions(text[start:])
    cut = text.index("300 emplois")  # "13 300" crosses the span's start: the passage alone reads 300
    assert index.within(cut, len(text)) is None
    assert passage_mentions(index, text[cut:], [(cut, len(text))])[0].value == 300
    glued = MentionIndex("un taux de .5 % seulement")  # '.' before the span: the passage's "5 %" is a mention
    at = glued.text.index("5 %")
    assert glued.within(at, len(glued.text)) is None
    assert passage_mentions(glued, glued.text[at:], [(at, len(glued.text))]) == find_all_mentions("5 % seulement")
    assert find_all_mentions("5 % seulement") != []


CUE_WORDS = [word for cues in (STATUS_CUES, AI_SPECIFICITY_CUES) for words in cues.values() for word in words]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*CUE_WORDS, *(w.upper() for w in CUE_WORDS), "le", "IA", "d", "ici", "v", "\n", "Σ", "İ"])
    ),
    st.data(),
)
def test_cue_words_of_a_span_read_off_the_seed_index(words: list[str], data: st.DataObject) -> None:
    text = "".join(word + data.draw(st.sampled_from([" ", "", "-"])) for word in words)  # "va investir": glued
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    index = cue_index(text)
    if case_safe_lower(text) is not None:
        assert index is not None
    for cues in (STATUS_CUES, AI_SPECIFICITY_CUES):
        if index is not None:
            assert index.cues_in(start, end, cues) == cues_in(text[start:end], cues)
        assert passage_cues(text[start:end], cues, seed=text, at=start) == cues_in(text[start:end], cues)
    sentence = sentence_span(text, start, end)
    quote, around = text[start:end], text[sentence.start : sentence.end]
    read = status_cues(quote, around, seed=text, quote_at=start, sentence_at=sentence.start)
    assert read == status_cues(quote, around) == (cues_in(quote, STATUS_CUES) or cues_in(around, STATUS_CUES))


def test_validation_finds_the_same_problems_reading_quotes_off_the_seed_index(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_row(data_copy, "facts", 0, value="987654321")  # not in its quote
    _header, facts = read_rows(data_copy / "facts.csv")
    by_parsing = validate_data_dir(data_copy)[2]
    assert any(p.field == "value" and "987654321" in p.reason for p in by_parsing)
    monkeypatch.setattr(seedchecks, "SEED_INDEX_FROM", 0.0)  # every seed indexed, every quote read off it
    mentions.mention_index.cache_clear()
    served: list[bool] = []  # whether the index answered (else the passage was parsed)
    real_within = mentions.MentionIndex.within

    def within(self: mentions.MentionIndex, start: int, end: int) -> list[numbers.Mention] | None:
        found = real_within(self, start, end)
        served.append(found is not None)
        return found

    monkeypatch.setattr(mentions.MentionIndex, "within", within)
    assert validate_data_dir(data_copy)[2] == by_parsing
    assert sum(served) >= len(facts) // 2  # the index answered for most quotes


LOOK_BEHIND = re.compile(r"(?<=[.!?])\s+|\n+")
"""The sentence rule as first written: whitespace after sentence punctuation, or a run of line breaks."""


@given(st.text(alphabet=".!?;a \n\t\u00a0\u2029\r", max_size=40))
def test_sentences_end_where_the_look_behind_rule_ends_them(text: str) -> None:
    assert [m.end() for m in SENTENCE_END.finditer(text)] == [m.end() for m in LOOK_BEHIND.finditer(text)]


@given(st.text(alphabet=st.sampled_from([*"ab\r\n\t ", "\x00", "\x85", "\u202e", "\u2067", "\u2028"]), max_size=20))
def test_a_file_holds_unseen_characters_where_the_cell_pattern_finds_one(text: str) -> None:
    assert holds_unseen(text) == (UNSEEN.search(text) is not None)


@given(st.from_regex(r"[0-9]{1,160}(\.[0-9]{1,139})?", fullmatch=True))
def test_a_plain_decimal_reads_as_every_check_reads_it(cell: str) -> None:
    assert fields.parse_number(cell) == fields.checked_number(cell)
    assert fields.parse_number(f" {cell} ") == fields.parse_number(cell)


@pytest.mark.parametrize("cell", ["820.", ".5", "1.2.3", "٣", "1" * 301, "1_000"])
def test_what_is_not_a_plain_decimal_still_meets_every_check(cell: str) -> None:
    try:
        expected = fields.checked_number(cell)
    except ValueError:
        with pytest.raises(ValueError):
            fields.parse_number(cell)
    else:
        assert fields.parse_number(cell) == expected
