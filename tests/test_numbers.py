"""French numeric mentions (digits, scale words, number words, fractions, ordinals) and ranking statements."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecodash.text.mentions import find_all_mentions, states_number
from ecodash.text.normalise import NormalisedText
from ecodash.text.numbers import DIGITS_START, NUMBER, RANKING, READINGS, digit_matches, find_mentions
from ecodash.text.rankings import find_rankings
from support import SEEDS_DIR

CASES = [
    ("jusqu’à 50 millions de yuans", [("50 millions", 50_000_000)]),
    ("(environ 6,9 millions de dollars US)", [("6,9 millions", 6_900_000)]),
    ("environ 415 000 dollars US", [("415 000", 415_000)]),
    ("1,4 milliard de yuans", [("1,4 milliard", 1_400_000_000)]),
    ("600 milliards de wons au cours des cinq prochaines années", [("600 milliards", 600 * 10**9), ("cinq", 5)]),
    ("88,5 pétaflops", [("88,5", Fraction(177, 2))]),
    ("30 % de la valeur ajoutée", [("30 %", Fraction(3, 10))]),
    ("un tiers des professionnels", [("un tiers", Fraction(1, 3))]),
    ("un\nquart des fonds", [("un\nquart", Fraction(1, 4))]),  # a line break inside the words (found by hypothesis)
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
    # spelled-out numbers are one mention each, with the value of all their words
    ("deux cents ingénieurs", [("deux cents", 200)]),
    ("vingt et un pays", [("vingt et un", 21)]),
    ("trois cent mille emplois", [("trois cent mille", 300_000)]),
    ("cent-quatre-vingts projets", [("cent-quatre-vingts", 180)]),
    ("cent-quatre-vingt-dix projets", [("cent-quatre-vingt-dix", 190)]),
    ("deux-cent-vingt-et-un-mille", [("deux-cent-vingt-et-un-mille", 221_000)]),
    ("un million de yuans", [("un million", 1_000_000)]),
    ("deux milliards trois cents millions", [("deux milliards trois cents millions", 2_300_000_000)]),
    ("cinquante pour cent des fonds", [("cinquante pour cent", Fraction(1, 2))]),
    ("deux, trois ou quatre", [("deux", 2), ("trois", 3), ("quatre", 4)]),
    ("deux trois", [("deux", 2), ("trois", 3)]),  # no number is written "deux trois": two numbers
    ("entre deux cents et trois cents", [("deux cents", 200), ("trois cents", 300)]),
    ("entre vingt et trente", [("vingt", 20), ("trente", 30)]),
    ("1,5 million d’habitants", [("1,5 million", 1_500_000)]),
    ("3 millions 200 000 euros", [("3 millions 200 000", 3_200_000)]),
    ("2 milliards 500 millions de wons", [("2 milliards 500 millions", 2_500_000_000)]),
    ("1,5 million 200 000", [("1,5 million", 1_500_000), ("200 000", 200_000)]),  # a decimal takes no rest
    ("30 pour cent", [("30 pour cent", Fraction(3, 10))]),
    ("Premièrement, Deuxièmement", []),
    ("un modèle, une ville", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_find_mentions(text, expected):
    assert [(m.text, m.value) for m in find_mentions(text)] == [(t, Fraction(v)) for t, v in expected]


EN_CASES = [
    ("two hundred engineers", [("two hundred", 200)]),
    ("twenty-one countries", [("twenty-one", 21)]),
    ("three hundred thousand jobs", [("three hundred thousand", 300_000)]),
    ("one hundred and eighty projects", [("one hundred and eighty", 180)]),
    ("a million users", [("a million", 1_000_000)]),
    ("two million, three hundred", [("two million, three hundred", 2_000_300)]),
    ("five million, two thirds of them", [("five million", 5_000_000), ("two thirds", Fraction(2, 3))]),
    ("1.5 million people", [("1.5 million", 1_500_000)]),
    ("one of the firms", []),
    ("between two hundred and three hundred", [("two hundred", 200), ("three hundred", 300)]),
    ("two thousand and three thousand", [("two thousand", 2000), ("three thousand", 3000)]),
    ("two thousand and three", [("two thousand and three", 2003)]),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES, ids=[case[0] for case in EN_CASES])
def test_find_mentions_in_english(text, expected):
    found = find_mentions(text, "en")
    assert [(m.text, m.value) for m in found] == [(t, Fraction(v)) for t, v in expected]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_mention_spans_point_into_the_text():
    text = "soutient plus de 2 200 projets et 300 services"
    assert [text[m.start : m.end] for m in find_mentions(text)] == ["2 200", "300"]
    text = "Il forme deux cents ingénieurs et vingt et une entreprises, soit cent-quatre-vingt-dix postes"
    found = find_mentions(text)
    assert [(text[m.start : m.end], m.value) for m in found] == [
        ("deux cents", 200),
        ("vingt et une", 21),
        ("cent-quatre-vingt-dix", 190),
    ]


@pytest.mark.parametrize(
    ("text", "number", "stated"),
    [
        ("jusqu’à 50 millions de yuans", 50_000_000, True),
        ("jusqu’à 50 millions de yuans", 50, False),
        ("un tiers des professionnels", 1 / 3, True),
        ("un tiers des professionnels", 0.33, False),
        ("deux cents ingénieurs", 200, True),  # a quote of 200 engineers in words validates
        ("deux cents ingénieurs", 2, False),
        ("deux cents ingénieurs", 100, False),
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


# (text, [(ranking text, rank or None)]): a superlative is rank 1, a top-N membership is N, an unsized one None.
RANKING_CASES = [
    ("devenue le plus grand écosystème d’IA", [("le plus grand", 1)]),
    ("Le plus grand port du monde", [("Le plus grand", 1)]),
    ("la destination la plus attrayante", [("la plus attrayante", 1)]),
    ("ses esprits les plus brillants", [("les plus brillants", 1)]),
    ("l’avis du plus ancien membre", [("du plus ancien", 1)]),
    (
        "la province la plus peuplée de Chine et plus grande économie provinciale",
        [("la plus peuplée", 1), ("plus grande", 1)],
    ),
    ("la plus grande et la plus ancienne exposition", [("la plus grande", 1), ("la plus ancienne", 1)]),
    ("l’une des plus grandes plateformes", [("l’une des plus grandes", None)]),
    ("l'une des plus grandes plateformes", [("l'une des plus grandes", None)]),
    ("c’est un des plus grands ports", [("un des plus grands", None)]),
    ("le classant parmi les 30 plus grands centres mondiaux", [("parmi les 30 plus grands", 30)]),
    ("figurer parmi les dix premiers pays", [("parmi les dix premiers", 10)]),
    ("elle figure parmi les plus dynamiques", [("parmi les plus dynamiques", None)]),
    ("les trois premiers pays", [("les trois premiers", 3)]),  # a sized top group on its own
    ("l’un des 50 premières entreprises", [("l’un des 50 premières", 50)]),
    ("aux vingt et un premiers pays", [("aux vingt et un premiers", 21)]),
    ("parmi les vingt et un premiers", [("parmi les vingt et un premiers", 21)]),
    ("les premières positions", []),  # no size: the ordinal alone
    ("les plus grands centres et plus puissants", [("les plus grands", 1), ("plus puissants", 1)]),
    # not rankings: comparatives, quantities, idioms, intensifier
    ("plus de 100 000 modèles dérivés", []),
    ("des lignes de production plus intelligentes et efficaces", []),
    ("des lignes de production plus intelligentes et plus efficaces", []),
    ("la plus grande ville et plus de 100 000 habitants", [("la plus grande", 1)]),
    ("De plus, le gouvernement reconnaît", []),
    ("de plus en plus imprégnées", []),
    ("Dix ans plus tard, Rokid n’est plus seulement", []),
    ("les acteurs plus petits", []),
    ("le plus souvent", []),
    ("une situation des plus délicates", []),
    ("parmi ses premiers bailleurs de fonds", []),
    ("la plus grande ville. Et plus belle encore", [("la plus grande", 1)]),  # another sentence
    # "meilleur", the superlative of "bon"
    ("attirer les meilleurs talents", [("les meilleurs", 1)]),
    ("exposés aux meilleures pratiques", [("aux meilleures", 1)]),
    ("l’une des meilleures universités", [("l’une des meilleures", None)]),
    # claims of standing against peers: no rank stated
    ("l’écosystème de chaîne d’approvisionnement inégalé du Guangdong", [("inégalé", None)]),
    ("des plateformes inégalées pour tester", [("inégalées", None)]),
    ("un savoir-faire sans égal", [("sans égal", None)]),
    ("rivalisant avec des centres établis comme Beijing et Shenzhen", [("rivalisant avec", None)]),
    ("surpassant la communauté Llama", [("surpassant", None)]),
    ("dépassant parfois même les modèles de Google", [("dépassant parfois même les modèles", None)]),
    ("un leader mondial des médias sociaux", [("leader mondial", None)]),
    ("non seulement de rivaliser mais de mener", []),  # no peer named
    ("dépassant 100 000 modèles", []),  # a quantity
    ("dépassant les 100 000 modèles", []),
    ("une inégalité de revenus", []),
]


@pytest.mark.parametrize(("text", "expected"), RANKING_CASES, ids=[case[0] for case in RANKING_CASES])
def test_find_rankings(text, expected):
    rankings = find_rankings(text)
    assert [(m.text, m.value) for m in rankings] == [(t, None if v is None else Fraction(v)) for t, v in expected]
    assert all(m.kind == RANKING and text[m.start : m.end] == m.text for m in rankings)


def test_find_all_mentions_holds_numbers_and_rankings_in_order():
    text = "un leader, le plus grand, parmi les dix premiers pays, plus de 300 services"
    found = [(m.kind, m.text) for m in find_all_mentions(text)]
    assert found == [
        (RANKING, "le plus grand"),
        (RANKING, "parmi les dix premiers"),  # starts before the number it holds
        (NUMBER, "dix premiers"),
        (NUMBER, "300"),
    ]
    assert [m.text for m in find_mentions(text)] == ["dix premiers", "300"]  # numbers alone, unchanged


def test_ordinals_stay_numbers():
    assert [(m.kind, m.text, m.value) for m in find_all_mentions("la première ville")] == [(NUMBER, "première", 1)]


@pytest.mark.parametrize(
    ("text", "number", "stated"),
    [
        ("devenue le plus grand écosystème", 1, True),  # a superlative states rank 1, so a rank fact can quote it
        ("l’une des plus grandes plateformes", 1, False),  # membership without a size states no rank
        ("parmi les 30 plus grands centres", 30, True),
        ("plus intelligentes et efficaces", 1, False),
    ],
)
def test_states_number_sees_rankings(text, number, stated):
    assert states_number(text, number) is stated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an unmatched supply chain, rivalling Beijing", [("unmatched", None), ("rivalling", None)]),
        ("a world leader in cloud services", [("world leader", None)]),
        ("the best talent", [("the best", 1)]),
        ("it surpassed Llama", [("surpassed", None)]),
    ],
)
def test_find_rankings_in_english_sees_claims_of_standing(text, expected):
    rankings = find_rankings(text, "en")
    assert [(m.text, m.value) for m in rankings] == [(t, None if v is None else Fraction(v)) for t, v in expected]


_PIECES = st.sampled_from([*"1 2,0.5%aB€é_-\u00a0\u202f\x00\n", "M", "Md", " millions", " de milliards", " pour cent"])


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_digit_matches_near_digits_are_every_match_of_the_pattern(text):
    for reading in READINGS.values():
        assert reading.digits.pattern.startswith(DIGITS_START)
        expected = [(m.start(), m.end(), m.groups()) for m in reading.digits.finditer(text)]
        assert [(m.start(), m.end(), m.groups()) for m in digit_matches(reading.digits, text)] == expected


def test_digit_matches_of_every_seed_are_the_pattern_s():
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for reading in READINGS.values():
            expected = [m.span() for m in reading.digits.finditer(text)]
            assert [m.span() for m in digit_matches(reading.digits, text)] == expected, path.name
