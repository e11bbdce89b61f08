"""French numeric mentions: digits, scale words, number words, fractions, ordinals."""

from fractions import Fraction

import pytest

from ecodash.numbers import NormalisedText, find_mentions, states_number

CASES = [
    ("jusqu’à 50 millions de yuans", [("50 millions", 50_000_000)]),
    ("(environ 6,9 millions de dollars US)", [("6,9 millions", 6_900_000)]),
    ("environ 415 000 dollars US", [("415 000", 415_000)]),
    ("1,4 milliard de yuans", [("1,4 milliard", 1_400_000_000)]),
    ("600 milliards de wons au cours des cinq prochaines années", [("600 milliards", 600 * 10**9), ("cinq", 5)]),
    ("88,5 pétaflops", [("88,5", Fraction(177, 2))]),
    ("30 % de la valeur ajoutée", [("30 %", Fraction(3, 10))]),
    ("un tiers des professionnels", [("un tiers", Fraction(1, 3))]),
    ("une cinquantaine de fournisseurs", [("une cinquantaine", 50)]),
    ("parmi les dix premiers pays", [("dix premiers", 10)]),
    ("le ‘septième petit dragon’", [("septième", 7)]),
    ("quatre-vingt-dix", [("quatre-vingt-dix", 90)]),
    ("dix-sept", [("dix-sept", 17)]),
    ("Huawei Ascend 910B", [("910B", 910)]),
    ("Kimi K2 et Qwen 3", [("K2", 2), ("3", 3)]),
    ("l’économie du 21e siècle", [("21e", 21)]),
    ("Le 19 août 2025", [("19", 19), ("2025", 2025)]),
    ("Comment (0)", [("0", 0)]),
    ("Premièrement, Deuxièmement", []),
    ("un modèle, une ville", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_find_mentions(text, expected):
    assert [(m.text, m.value) for m in find_mentions(text)] == [(t, Fraction(v)) for t, v in expected]


def test_mention_spans_point_into_the_text():
    text = "soutient plus de 2 200 projets et 300 services"
    assert [text[m.start : m.end] for m in find_mentions(text)] == ["2 200", "300"]


@pytest.mark.parametrize(
    ("text", "number", "stated"),
    [
        ("jusqu’à 50 millions de yuans", 50_000_000, True),
        ("jusqu’à 50 millions de yuans", 50, False),
        ("un tiers des professionnels", 1 / 3, True),
        ("un tiers des professionnels", 0.33, False),
        ("30 %", 0.3, True),
        ("30 %", 30, False),
    ],
)
def test_states_number(text, number, stated):
    assert states_number(text, number) is stated


def test_normalised_find_maps_back_to_raw_offsets():
    raw = "alpha  beta\n\ngamma beta"
    spans = NormalisedText.of(raw).find_all("beta gamma")
    assert [raw[s:e] for s, e in spans] == ["beta\n\ngamma"]
