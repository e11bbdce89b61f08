"""A figure's own predicate in its sentence (where propose reads its status and years), and the status cue words
that decide it: each starts a word, and money already spent is achieved."""

from __future__ import annotations

import pytest

from ecodash.text.cues import STATUS_CUES, cues_in, status_problem
from ecodash.text.sentences import Span, predicate_span

DAEGU = (
    "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops et prévoit de former "
    "environ 2 000 ingénieurs d'ici 2030."
)


def _own(text: str, figure: str) -> str:
    start = text.index(figure)
    own = predicate_span(text, start, start + len(figure), Span(0, len(text)))
    return text[own.start : own.end]


@pytest.mark.parametrize(
    ("text", "figure", "own"),
    [
        (
            DAEGU,
            "50 milliards",
            "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops",
        ),
        (
            DAEGU,
            "20 pétaflops",
            "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops",
        ),
        (DAEGU, "2 000", "prévoit de former environ 2 000 ingénieurs d'ici 2030"),
        # "et" before a noun joins it to the same verb; a comma cuts no predicate
        ("Le plan prévoit 50 milliards et 2 000 ingénieurs d'ici 2030.", "2 000", None),
        ("D'ici 2030, la ville formera 2 000 ingénieurs.", "2 000", None),
        (
            "La Chine a 5 000 entreprises, tandis qu'elle vise 10 000 d'ici 2030.",
            "5 000",
            "La Chine a 5 000 entreprises,",
        ),
        ("It has 300 firms and plans to reach 500 by 2030.", "500", "plans to reach 500 by 2030"),
        ("It funds 300 firms and 20 labs by 2030.", "300", None),
    ],
)
def test_a_figure_own_predicate(text: str, figure: str, own: str | None) -> None:
    expected = text.rstrip(".") if own is None else own.rstrip(",")
    assert _own(text, figure) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("La ville a investi 50 milliards de wons", "achieved"),
        ("les fonds qu'elle a investis", "achieved"),
        ("Les entreprises ont investi 3 milliards", "achieved"),
        ("La ville va investir 50 milliards de wons", None),  # "a investi" inside "va investir" is no cue
        ("Les objectifs de la ville", "target"),  # a cue may end inside a word
        ("Les sous-objectifs", "target"),  # after a hyphen, a word starts
        ("un projet exobjectif", None),
    ],
)
def test_status_cue_words_start_a_word(text: str, status: str | None) -> None:
    found = cues_in(text, STATUS_CUES)
    assert (next(iter(found)) if found else None) == status


def test_validation_reads_spent_money_as_achieved() -> None:
    quote = "La ville de Daegu a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops"
    assert status_problem("achieved", quote, DAEGU, None) is None
    assert "a investi" in status_problem("target", quote, DAEGU, None)
