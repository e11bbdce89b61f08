"""Text as the checks compare it: whitespace normalised with its origins, case-safe lower case, ASCII folding."""

import re

from hypothesis import given
from hypothesis import strategies as st

from ecodash.text.normalise import (
    NormalisedText,
    ascii_fold,
    case_safe_lower,
    may_hold_word,
    normalise_whitespace,
)


def test_ids_and_file_names_fold_letters_the_same_way():
    from ecodash.charts import images
    from ecodash.drafting import propose

    assert ascii_fold("Cœur accéléré, Straße, Łódź") == "Coeur accelere, Strasse, Lodz"
    assert propose.snake_id("Cœur de l’Œuvre") == "coeur_de_l_oeuvre"
    assert images.slug("Cœur de l’Œuvre — 2025") == "coeur-de-loeuvre-2025"


def test_whitespace_runs_become_one_space_and_each_character_keeps_its_origin():
    assert normalise_whitespace("  un\n\tdeux \u00a0 trois ") == "un deux trois"
    normalised = NormalisedText.of("a \n b\u202fc")
    assert normalised.text == "a b c"
    assert normalised.find_all("b c") == [(4, 7)], "the span is in the raw text"
    assert normalised.find_all("b  c") == [(4, 7)], "the passage is normalised too"
    assert normalised.find_all("") == []


def test_lower_case_stands_for_ignorecase_only_where_no_letter_folds_otherwise():
    assert case_safe_lower("Objectif d’ici 2030") == "objectif d’ici 2030"
    for hazard in ("ſix", "İstanbul", "µm", "Σ", "深圳"):
        assert case_safe_lower(hazard) is None, hazard


def test_the_word_pre_check_says_no_only_when_no_word_is_there():
    words = frozenset({"deux", "moitié"})
    assert not may_hold_word("Le Guangdong compte 50 entreprises", words)
    assert may_hold_word("les DEUX pays", words), "any case"
    assert may_hold_word("ſix", words), "where lower case cannot stand for IGNORECASE, the patterns decide"
    assert may_hold_word("anything", None)


SPACES = [chr(code) for code in range(0x110000) if re.fullmatch(r"\s", chr(code))]
r"""Every character the pattern `\s` matches (29 of them)."""


@given(st.text(alphabet=st.sampled_from([*SPACES, "a", "b", "\x00", "\u200b"]), max_size=16))
def test_whitespace_is_normalised_as_the_pattern_would(text):
    assert normalise_whitespace(text) == re.sub(r"\s+", " ", text).strip()
