"""The slide sequence in one URL parameter: canonical text, round trips, and clear messages for bad links."""

from __future__ import annotations

import random
import string
from urllib.parse import urlencode

import pytest

import ecodash
from ecodash import views
from ecodash.i18n import t, use
from ecodash.views import registry, slides
from ecodash.views.slides import MAX_SLIDES, MAX_VALUES, Slide, parse, parse_index, serialize
from support import DATA_DIR

DATASET = ecodash.load_dataset(DATA_DIR)
OPTIONS = views.choice_options(DATASET)
PARAMS = {page: slides.page_choices(page) for page in registry.SPECS}
"""Each slide page's choices -> whether each takes several values, as the registry declares them."""
EXAMPLE = "compare.regions-gwangju-shanghai.indicators-compute_capacity-funding_per_year~funding.view-per_year"


def _random_slide(rng: random.Random, *, from_options: bool) -> Slide:
    page = rng.choice(list(PARAMS))
    choices = {}
    for param, many in PARAMS[page].items():
        if rng.random() < 0.4:
            continue
        pool = (
            OPTIONS[page][param]
            if from_options
            else ["".join(rng.choices("abc_019", k=rng.randint(1, 9))) for _ in range(6)]
        )
        values = rng.sample(pool, k=rng.randint(1, min(4, len(pool)))) if many else [rng.choice(pool)]
        choices[param] = values
    return Slide.of(page, choices)


def test_the_example_reads_as_written():
    found, errors = parse(EXAMPLE, options=OPTIONS)
    assert errors == []
    assert found == [
        Slide.of(
            "compare", {"regions": ["gwangju", "shanghai"], "indicators": ["compute_capacity", "funding_per_year"]}
        ),
        Slide.of("funding", {"view": "per_year"}),
    ]
    assert found[0].as_query() == {
        "regions": ["gwangju", "shanghai"],
        "indicators": ["compute_capacity", "funding_per_year"],
    }
    assert found[1].as_query() == {"view": "per_year"}
    assert serialize(found) == EXAMPLE


@pytest.mark.parametrize("seed", range(5))
def test_round_trip_of_random_sequences(seed):
    """Property: any sequence of valid slides serializes to text that parses back to the same slides."""
    rng = random.Random(seed)
    for _ in range(200):
        sequence = [_random_slide(rng, from_options=seed % 2 == 0) for _ in range(rng.randint(0, MAX_SLIDES))]
        text = serialize(sequence)
        found, errors = parse(text, options=OPTIONS if seed % 2 == 0 else None)
        assert (found, errors) == (sequence, []), text
        assert serialize(found) == text


@pytest.mark.parametrize("seed", range(5))
def test_the_text_never_needs_escaping_in_a_url(seed):
    rng = random.Random(seed)
    text = serialize(_random_slide(rng, from_options=True) for _ in range(10))
    assert urlencode({"slides": text}) == f"slides={text}", "readable in the address bar, as written"


@pytest.mark.parametrize("seed", range(5))
def test_garbage_never_raises_and_keeps_only_valid_slides(seed):
    """Property: parse never raises; what it keeps are valid slides; each problem names its reason."""
    rng = random.Random(seed)
    alphabet = string.printable + "~.-~.-_é中%€<>“\u200b"
    pieces = [*PARAMS, *(p for spec in PARAMS.values() for p in spec), "gwangju", "per_year", "-", ".", "~"]
    for _ in range(300):
        text = "".join(
            rng.choice(pieces) if rng.random() < 0.5 else rng.choice(alphabet) for _ in range(rng.randint(0, 80))
        )
        found, errors = parse(text, options=OPTIONS)
        assert all(isinstance(e, str) and e for e in errors)
        for slide in found:
            assert Slide.of(slide.page, slide.as_query()) == slide
            for param, values in slide.choices:
                assert set(values) <= set(OPTIONS[slide.page][param])
        assert parse(serialize(found), options=OPTIONS) == (found, [])


def test_non_text_is_a_message_not_an_exception():
    assert parse(None) == ([], [])
    assert parse("") == ([], [])
    found, errors = parse(["compare"])  # st.query_params never gives this, a caller might
    assert found == [] and "not readable" in errors[0]


@pytest.mark.parametrize(
    ("text", "kept", "message"),
    [
        ("atlantis.x-y~funding", ["funding"], "Slide 1: “atlantis” is not a page that can be a slide"),
        ("funding.colour-red", ["funding"], "Slide 1: “colour” is not a choice of funding (view, per, fx); ignored."),
        ("funding~~profile", ["funding", "profile"], "Slide 2: empty; left out."),
        ("funding..view-total", ["funding"], "Slide 1: an empty part (two dots in a row); ignored."),
        ("funding.view-total.view-per_year", ["funding"], "Slide 1: view is given twice; the first is used."),
        ("funding.view", ["funding"], "Slide 1: view has no value; the page's default is used."),
        ("funding.view-Per%20Year", ["funding"], "Slide 1: view = “Per%20Year” is not a valid value"),
        ("funding.view-weekly", ["funding"], "Slide 1: view = “weekly” is not available; ignored."),
        ("funding.view-total-per_year", ["funding"], "Slide 1: view takes one value, not 2; “total” is used."),
        ("compare.regions-atlantis-gwangju", ["compare"], "Slide 1: regions = “atlantis” is not available"),
    ],
)
def test_each_problem_names_the_slide_and_the_reason(text, kept, message):
    found, errors = parse(text, options=OPTIONS)
    assert [s.page for s in found] == kept
    assert any(e.startswith(message) for e in errors), errors


def test_an_invalid_value_falls_back_and_the_valid_ones_stay():
    found, _ = parse("compare.regions-atlantis-gwangju.scale-sideways.sort-region", options=OPTIONS)
    assert found == [Slide.of("compare", {"regions": ["gwangju"], "sort": "region"})]


def test_a_long_garbled_value_is_quoted_short():
    _found, errors = parse("funding.view-" + "x" * 500 + "!", options=OPTIONS)
    assert len(errors[0]) < 200 and "…" in errors[0]


def test_too_many_slides_are_cut_with_a_message():
    text = "~".join(["funding"] * (MAX_SLIDES + 5))
    found, errors = parse(text)
    assert len(found) == MAX_SLIDES
    assert errors == [
        (f"The link holds more than {MAX_SLIDES} slides; slides from number {MAX_SLIDES + 1} on were left out.")
    ]


def test_a_huge_parameter_is_read_in_bounded_time():
    found, errors = parse("~".join(["compare.regions-" + "-".join(["gwangju"] * 1000)] * 10_000), options=OPTIONS)
    assert len(found) == MAX_SLIDES
    assert any(f"more than {MAX_VALUES} values" in e for e in errors)


def test_messages_follow_the_language():
    with use("fr"):
        _, errors = parse("atlantis")
    assert errors[0].startswith("Diapositive 1 : « atlantis »")


def test_a_slide_is_checked_when_the_app_builds_one():
    with pytest.raises(ValueError, match="page must be one of"):
        Slide.of("data_export")
    with pytest.raises(ValueError, match="no choice colour"):
        Slide.of("funding", {"colour": "red"})
    with pytest.raises(ValueError, match="takes one value"):
        Slide.of("funding", {"view": ["total", "per_year"]})
    with pytest.raises(ValueError, match="snake_case id"):
        Slide.of("profile", {"region": "Gwangju~x"})
    assert Slide.of("compare", {"scale": "log", "regions": ["gwangju"], "per": None}).choices == (
        ("regions", ("gwangju",)),
        ("scale", ("log",)),
    )  # canonical order, empty choices dropped


def test_slide_index():
    assert parse_index(None, 3) == (0, None)
    assert parse_index("3", 3) == (2, None)
    for bad in ("0", "4", "-1", "two", "1.5"):
        index, message = parse_index(bad, 3)
        assert index == 0 and f"“{bad}”" in message


def test_every_choice_a_page_offers_can_be_written():
    assert set(PARAMS) == set(OPTIONS) == set(registry.SPECS)
    for page, spec in PARAMS.items():
        assert set(spec) == set(OPTIONS[page]), page
        for values in OPTIONS[page].values():
            assert all(slides.TOKEN.fullmatch(v) for v in values), values


def test_pillars_and_sources_slides_read_and_check_their_choices():
    text = "pillars.pillar-compute_infrastructure.region-gwangju~sources.fact-gj_compute_capacity~pillars"
    found, errors = parse(text, options=OPTIONS)
    assert errors == []
    assert found == [
        Slide.of("pillars", {"pillar": "compute_infrastructure", "region": "gwangju"}),
        Slide.of("sources", {"fact": "gj_compute_capacity"}),
        Slide.of("pillars"),
    ]
    assert serialize(found) == text
    assert found[1].as_query() == {"fact": "gj_compute_capacity"}
    _, errors = parse("pillars.pillar-atlantis.region-all~sources.fact-no_such_fact", options=OPTIONS)
    assert any("pillar = “atlantis” is not available" in e for e in errors)
    assert any(e.startswith("Slide 2: fact = “no_such_fact” is not available") for e in errors)
    with pytest.raises(ValueError, match="takes one value"):
        Slide.of("sources", {"fact": ["gj_compute_capacity", "gd_hub_subsidy_cap"]})


# --- reordering, and a takeaway that fits a slide ---------------------------------------------------------------


def test_move_swaps_a_slide_with_its_neighbour_and_stops_at_the_ends():
    a, b, c = Slide.of("funding"), Slide.of("pillars"), Slide.of("overview", {"row": "talent"})
    assert slides.move([a, b, c], 0, 1) == [b, a, c]
    assert slides.move([a, b, c], 2, -1) == [a, c, b]
    assert slides.move([a, b, c], 0, -1) == [a, b, c] and slides.move([a, b, c], 2, 1) == [a, b, c]
    assert serialize(slides.move([a, b, c], 1, 1)) == "funding~overview.row-talent~pillars"


def test_clauses_keep_a_difference_note_inside_its_parentheses_whole():
    text = "X: only A reports (AI only); not compared: B, a figure of another kind (target vs in force; AI vs broad)"
    assert slides.clauses(text, "; ") == [
        "X: only A reports (AI only)",
        "not compared: B, a figure of another kind (target vs in force; AI vs broad)",
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "page, choices",
    [
        ("compare", {"indicators": ["funding_per_year"]}),
        ("funding", {}),
        ("funding", {"view": "per_recipient"}),
        ("overview", {"row": "other"}),
        ("pillars", {}),
    ],
)
def test_a_short_takeaway_fits_two_lines_and_keeps_the_headline_figure(language, page, choices):
    with use(language):
        view = views.for_choices(DATASET, page, choices)
        joiner = t("takeaway.joiner")
        short = slides.short_takeaway(view.takeaway, joiner=joiner, chars=200)
    assert 40 < len(short) <= 200, short
    assert short.split(":")[0].strip() in view.takeaway, "it starts as the takeaway does"
    if page == "funding" and not choices:
        assert (
            "1.39 bn USD/yr" if language == "en" else "1,39\u00a0Md\u00a0USD/an".replace("\u00a0", " ")
        ) in short.replace("\u00a0", " "), "the figure itself is kept; the kind in words goes (the chart shows it)"


def test_a_panel_of_another_kind_leads_with_how_it_differs():
    view = views.funding_view(DATASET, view="per_year")
    short = slides.short_takeaway(view.takeaway, joiner="; ", chars=200, regions=["Gwangju"], others=["Guangdong"])
    assert short.startswith("Not compared: Gwangju, a figure of another kind"), short
    assert "Guangdong" not in short, "the other panel's figure is its own screen's words"
    assert len(short) <= 200


def test_a_slide_shows_each_single_figure_as_a_card_saying_how_it_differs():
    ds = ecodash.load_dataset()
    view = views.compare_view(ds, region_ids=ds.focus_region_ids(), indicator_ids=["funding_per_year"], cards=True)
    cards = {card.region_name: card for card in slides.single_figure_cards(view)}
    assert set(cards) == {"Guangdong", "Gwangju"}
    assert (cards["Guangdong"].figure, cards["Guangdong"].stated) == ("1.39 bn USD/yr", "10 bn CNY / year")
    assert cards["Guangdong"].unlike == ""
    assert cards["Gwangju"].unlike.startswith("How it differs: Gwangju: target")
    assert "Guangdong (headline kind)" in cards["Gwangju"].unlike


def test_an_overview_label_splits_into_the_figure_and_the_figure_as_stated():
    assert slides.figure_parts("1.39 bn USD/yr (10 bn CNY / year)") == ("1.39 bn USD/yr", "10 bn CNY / year")
    assert slides.figure_parts("> 700") == ("> 700", "")
    assert slides.figure_parts("(odd") == ("(odd", "")
