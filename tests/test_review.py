"""What Add an article asks of its reader (ecodash.drafting.review): the columns to check first, each problem said as
what to do in plain words (English and French), and the proposal's own doubts, among them a place regions.csv
does not have."""

from __future__ import annotations

import pandas as pd
import pytest

from ecodash import i18n
from ecodash.drafting import editor as drafting
from ecodash.drafting import propose, review
from ecodash.drafting.cues import Place, places_named
from ecodash.drafting.guess import Guess, RegionFinder
from ecodash.i18n import CATALOGUES, EN, placeholders, t
from ecodash.ingest.dataset import load_dataset
from ecodash.ingest.messages import problem
from ecodash.schema.models import table_columns
from ecodash.schema.vocabularies import STATUSES
from support import DATA_DIR, ROOT

DAEGU = (
    "Daegu mise sur l’IA\n\n"
    "La ville de Daegu, en Corée du Sud, a investi 50 milliards de wons dans un centre de calcul de 20 pétaflops "
    "et prévoit de former environ 2 000 ingénieurs d’ici 2030.\n"
)
CONTEXT = {"field", "region_columns"}
"""The params every todo and doubt text may use beside its problem's own."""


@pytest.fixture(scope="module")
def curated():
    return load_dataset(DATA_DIR)


def _drafted(text: str, curated):
    proposal = propose.propose(text, dataset=curated, source_id="daegu", seed_file="daegu.txt")
    facts = drafting.candidates_table(proposal)
    checked = drafting.check(
        curated, drafting.draft(text, proposal.source, facts, drafting.empty_instruments()), label="x"
    )
    return facts, checked


# --- the columns to check first ------------------------------------------------------------------------------


def test_the_columns_to_check_first_lead_the_editor_after_accept_and_problems():
    assert drafting.CHECK_FIRST == ("status", "period_start", "period_end", "indicator_id", "region_id")
    order = drafting.COLUMN_ORDER
    assert order[: 2 + len(drafting.CHECK_FIRST)] == ["accept", "problems", *drafting.CHECK_FIRST]
    assert sorted(order) == sorted({"accept", *drafting.FACT_FIELDS, *drafting.READ_ONLY}), "each column once"
    assert set(drafting.CHECK_FIRST) <= set(drafting.FACT_FIELDS)


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_column_to_check_first_says_what_to_check(language):
    assert all(f"drafting.check.{column}" in CATALOGUES[language] for column in drafting.CHECK_FIRST)
    status_help = t("drafting.check.status", language)
    assert all(status in status_help for status in STATUSES), "the help names every status it explains"


def test_notes_list_the_columns_to_check_first_first(curated):
    facts, checked = _drafted(DAEGU, curated)
    notes = drafting.row_notes(facts, checked, review.doubts(DAEGU, facts, curated.regions))
    for row in notes.values():
        ranks = [drafting.COLUMN_ORDER.index(note.field) for note in row]
        assert ranks == sorted(ranks)
    first = notes[1]
    assert [note.field for note in first][:2] == ["indicator_id", "region_id"]


# --- what a validation problem asks --------------------------------------------------------------------------


def test_every_todo_text_says_what_one_problem_asks_with_its_own_params():
    todos = [key for key in EN if key.startswith(review.TODO_PREFIX)]
    assert len(todos) > 30
    for key in todos:
        suffix = key.removeprefix(review.TODO_PREFIX)
        problem_key = "problems." + suffix
        if problem_key not in EN:  # a field-specific text: drafting.todo.value.required.status
            problem_key = "problems." + suffix.rsplit(".", 1)[0]
        assert problem_key in EN, key
        assert placeholders(key) <= placeholders(problem_key) | CONTEXT, key


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "No word of the figure's own clause settled its status"),
        ("fr", "Aucun mot de la proposition du chiffre n’a décidé de son statut"),
    ],
)
def test_an_empty_status_asks_for_the_status_its_clause_gives(language, expected):
    found = problem("x: facts.csv", 2, "status", "problems.value.required")
    said = review.todo(found, language)
    assert said.startswith(expected) and all(status in said for status in STATUSES)
    (note,) = review.notes([found], language=language)
    assert note.says == said and note.reason == t("problems.value.required", language)
    line = review.row_lines({3: [note]}, language)[0]
    assert line == t(
        "drafting.row_note",
        language,
        number=3,
        field="status",
        says=t("drafting.note_with_reason", language, says=said, reason=note.reason),
    )
    assert line.startswith({"en": "#3 · status: ", "fr": "n° 3 · status : "}[language])


def test_a_todo_quotes_the_problem_s_values_and_falls_back_to_its_field():
    value = problem("x: facts.csv", 2, "value", "problems.quote.value", value="51")
    assert review.todo(value, "en").endswith("the words that state 51.")
    assert review.todo(value, "fr").endswith("jusqu’aux mots qui énoncent 51.")
    low = problem("x: facts.csv", 2, "period_start", "problems.value.greater_than_equal", ge=1900)
    assert review.todo(low, "en") == "Write a number of at least 1900."
    empty = problem("x: facts.csv", 2, "unit", "problems.value.required")
    assert review.todo(empty, "en") == "Fill in unit: it cannot stay empty.", "the generic text names the field"
    keyless = problem("x: facts.csv", 2, "note", "problems.said.published_note")
    assert review.todo(keyless, "en") is None, "a reason that already says what to do is shown alone"
    assert review.notes([keyless], language="en")[0] == review.Note("note", keyless.reason)


def test_every_problem_of_a_fresh_draft_says_what_to_do(curated):
    """The problems a reader meets first (a draft of each seed and test article, untouched) each say what to do."""
    articles = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/corpus/propose").glob("*.txt"))
    for path in articles:
        facts, checked = _drafted(path.read_text(encoding="utf-8"), curated)
        for language in i18n.LANGUAGES:
            missing = [
                (p.key, p.field)
                for n in facts.index
                for p in checked.of("facts", int(n))
                if review.todo(p, language) is None
            ]
            assert not missing, (path.name, language, missing)


# --- a place regions.csv does not have -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [
        ("La ville de Daegu a investi", "Daegu", "city"),
        ("la ville d’Incheon", "Incheon", "city"),
        ("the city of Busan", "Busan", "city"),
        ("Daegu Metropolitan City invested", "Daegu", "city"),
        ("la province du Gyeonggi-do", "Gyeonggi-do", "province"),
        ("Ho Chi Minh City", "Ho Chi Minh", "city"),
        ("la région Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", None),
    ],
)
def test_a_place_introduced_by_its_kind_is_read_with_its_level(text, name, level):
    (place,) = places_named(text)
    assert (place.name, place.level) == (name, level) and text[place.start : place.end] == name


def test_places_regions_csv_has_or_that_are_no_place_are_not_new(curated):
    finder = RegionFinder(curated.regions)
    assert finder.unknown_places("la ville de Shenzhen et la ville de HANGZHOU") == []
    assert places_named("la Canton Fair, la plus grande foire") == [], "Canton is Guangzhou's old name, not a kind"
    assert [p.name for p in finder.unknown_places("la ville de Shenzhen et la ville de Daegu")] == ["Daegu"]


def test_a_new_place_gets_the_regions_row_it_needs(curated):
    facts, _ = _drafted(DAEGU, curated)
    doubts = review.doubts(DAEGU, facts, curated.regions)
    assert set(doubts) == set(facts.index), "every figure of Daegu's sentence"
    doubt = next(d for d in doubts[1] if d.kind == "region_new")
    assert doubt.field == "region_id" and doubt.params["place"] == "Daegu" and doubt.params["region_id"] == "daegu"
    columns = table_columns("regions")
    assert doubt.params["row"] == (
        "region_id=daegu, name_en=Daegu, name_fr=Daegu, level=city, parent_id=south_korea, iso_country=KR, is_focus=false"
    )
    assert [part.split("=")[0] for part in doubt.params["row"].split(", ")] == columns, "every regions.csv column"
    english, french = review.said(doubt, "en"), review.said(doubt, "fr")
    assert english.startswith("Daegu is not in data/regions.csv: the figure's region needs a row of its own there.")
    assert french.startswith("Daegu n’est pas dans data/regions.csv : la région du chiffre a besoin d’une ligne à elle")
    assert english.endswith("then set region_id to daegu.") and doubt.params["row"] in french


def test_the_new_region_doubt_says_what_the_empty_region_cell_needs(curated):
    alone = DAEGU.replace(", en Corée du Sud,", "")
    facts, checked = _drafted(alone, curated)
    doubts = review.doubts(alone, facts, curated.regions)
    notes = review.notes(checked.of("facts", 1), doubts[1], "en")
    region_notes = [note for note in notes if note.field == "region_id"]
    assert len(region_notes) == 1, "one note for the empty cell and the place it needs"
    (note,) = region_notes
    assert note.says.startswith("Daegu is not in data/regions.csv") and note.reason == "required value is empty"
    assert "parent_id=?" in note.says and "iso_country=?" in note.says, "what the article does not say is asked"
    assert "unknown region" not in "".join(review.row_lines({1: notes}, "en"))


def test_no_region_doubt_once_the_row_names_a_region_its_sentence_names(curated):
    text = "Titre\n\nAu Guangdong, la ville de Foshan a reçu 30 millions de yuans.\n"
    facts, _ = _drafted(text, curated)
    assert facts.loc[1, "region_id"] == "guangdong"
    assert review.doubts(text, facts, curated.regions) == {}, "a place of a region the sentence names outright"
    daegu, _ = _drafted(DAEGU, curated)
    assert review.doubts(DAEGU, daegu.assign(accept=False), curated.regions) == {}, "a rejected row has none"


@pytest.mark.parametrize(
    ("level", "near", "parent"),
    [("city", "south_korea", "south_korea"), ("city", "gwangju", "south_korea"), (None, "guangdong", "guangdong")],
)
def test_a_new_region_s_parent_is_the_nearest_larger_region(curated, level, near, parent):
    row = review.suggested_region(Place("Nowhere", level, 0, 7), Guess(near, ""), curated.regions)
    assert row["parent_id"] == parent and row["region_id"] == "nowhere" and row["is_focus"] == "false"
    assert row["iso_country"] == curated.regions.set_index("region_id").loc[near, "iso_country"]
    assert review.suggested_region(Place("Nowhere", None, 0, 7), None, curated.regions)["parent_id"] == review.UNKNOWN


# --- the proposal's other doubts -------------------------------------------------------------------------------


def test_an_unsure_figure_and_a_target_without_its_year_are_doubted(curated):
    table = pd.DataFrame(
        {
            "accept": [True, True, True],
            "confidence": [0.4, 0.9, 0.9],
            "status": [None, "target", "target"],
            "period_end": pd.array([None, None, 2030], dtype="Int64"),
            "region_id": [None, None, None],
            "mention_start": pd.array([None, None, None], dtype="Int64"),
            "mention_end": pd.array([None, None, None], dtype="Int64"),
        },
        index=[1, 2, 3],
    )
    doubts = review.doubts("x", table, curated.regions)
    assert {n: [d.kind for d in row] for n, row in doubts.items()} == {1: ["unsure"], 2: ["target_year"]}
    assert "confidence 0.4:" in review.said(doubts[1][0], "en") and "confiance 0,4 :" in review.said(doubts[1][0], "fr")
    assert review.notes([], doubts[2], "fr")[0].says.startswith("Un objectif sans année")


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_doubt_is_said_in_every_language(language):
    params = {"place": "Daegu", "region_id": "daegu", "row": "region_id=daegu", "region": "gwangju", "confidence": 0.4}
    kinds = [key.removeprefix(review.DOUBT_PREFIX) for key in EN if key.startswith(review.DOUBT_PREFIX)]
    assert sorted(kinds) == ["region_elsewhere", "region_new", "target_year", "unsure"]
    for kind in kinds:
        said = review.said(review.Doubt("region_id", kind, review.Params(params)), language)
        assert "{" not in said and said == said.strip()
