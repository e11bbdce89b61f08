"""Spelled-out cardinals read right over 0-999 999 999, in French (traditional and 1990 spellings, Belgian and Swiss
tens, hyphens or spaces) and English, against num2words, an independent speller: value and span."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from num2words import num2words

from ecodash.text.mentions import MentionIndex
from ecodash.text.numbers import find_mentions

NUMBERS = st.one_of(st.integers(0, 999), st.integers(0, 999_999), st.integers(0, 999_999_999)).filter(
    lambda n: n != 1  # "un" / "one" alone is an article (test_a_lone_un_is_an_article)
)
_SCALE_NOUN = re.compile(r"\s*\b(millions?|milliards?)\b\s*")


def rectified(words: str) -> str:
    """The 1990 spelling: every numeral joined by hyphens ("deux-cent-vingt-et-un"); million and milliard are
    nouns and stay apart ("deux millions trois-cent-mille")."""
    parts = _SCALE_NOUN.split(words)
    return " ".join(part.replace(" ", "-") if index % 2 == 0 else part for index, part in enumerate(parts) if part)


def french_spellings(number: int) -> dict[str, str]:
    traditional = num2words(number, lang="fr")
    return {
        "traditional": traditional,
        "1990": rectified(traditional),
        "hyphens": traditional.replace(" ", "-"),
        "spaces": traditional.replace("-", " "),
        "belgian": num2words(number, lang="fr_BE"),
        "swiss": num2words(number, lang="fr_CH"),
    }


def english_spellings(number: int) -> dict[str, str]:
    british = num2words(number, lang="en")
    american = re.sub(r",? and\b|,", "", british)  # "one hundred five", "two million three hundred"
    return {"british": british, "american": american, "spaces": american.replace("-", " ")}


FRAMES = {
    "fr": ["Le plan prévoit {} ingénieurs.", "{} ingénieurs sont formés", "soit ({})", "{}"],
    "en": ["The plan trains {} engineers.", "{} engineers are trained", "that is ({})", "{}"],
}


def assert_read(words: str, number: int, language: str, frames: int = 4) -> None:
    for frame in FRAMES[language][:frames]:
        written = words[0].upper() + words[1:] if frame.startswith("{}") else words
        text = frame.format(written)
        start = frame.index("{}")
        found = [(m.start, m.end, m.text, m.value) for m in find_mentions(text, language)]
        assert found == [(start, start + len(written), written, number)], text
        index = MentionIndex(text, language)  # the seed index reads the same mention off its words
        assert [(m.start, m.value) for m in index.mentions] == [(start, number)]


def with_examples(*numbers: int):
    def decorate(test):
        for number in numbers:
            test = example(number)(test)
        return test

    return decorate


@settings(max_examples=600, deadline=None)
@given(NUMBERS)
@with_examples(21, 71, 80, 81, 91, 180, 190, 200, 201, 1000, 1001, 21_000, 80_000, 200_000_000, 999_999_999)
def test_french_cardinals_read_as_num2words_spells_them(number: int) -> None:
    for words in french_spellings(number).values():
        assert_read(words, number, "fr")


@settings(max_examples=600, deadline=None)
@given(NUMBERS)
@with_examples(101, 1021, 1_000_100, 2_000_300, 1_001_000, 999_999_999)
def test_english_cardinals_read_as_num2words_spells_them(number: int) -> None:
    for words in english_spellings(number).values():
        assert_read(words, number, "en")


def test_every_cardinal_below_two_thousand_reads_right() -> None:
    for number in range(2, 2000):
        for words in french_spellings(number).values():
            assert_read(words, number, "fr", frames=1)
        for words in english_spellings(number).values():
            assert_read(words, number, "en", frames=1)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("un modèle, une ville", "fr", []),
        ("vingt et un modèles", "fr", [("vingt et un", 21)]),
        ("un million de yuans", "fr", [("un million", 1_000_000)]),
        ("un mille marin", "fr", [("mille", 1000)]),  # "un" before "mille" is the article
        ("one company and a million users", "en", [("a million", 1_000_000)]),
        ("one of them", "en", []),
    ],
)
def test_a_lone_un_is_an_article(text: str, language: str, expected: list[tuple[str, int]]) -> None:
    assert [(m.text, m.value) for m in find_mentions(text, language)] == expected
