"""Drafting rows from an article: the editable table, the highlighted text, the contract CSVs, live validation
mapped back to editor rows, and the zip."""

from __future__ import annotations

import csv
import hashlib
import html as html_module
import io
import re
import zipfile

import pandas as pd
import pytest

from ecodash.drafting import editor as drafting
from ecodash.drafting import propose
from ecodash.i18n import t
from ecodash.ingest.dataset import addition_layer, addition_problems, load_dataset, with_addition
from ecodash.schema.models import table_columns
from support import DATA_DIR

ARTICLE = (
    "Testville investit dans l’IA\n\n"
    "Au Guangdong, le canton de Testville a reçu jusqu’à 30 millions de yuans "
    "pour son centre de calcul d’IA.\n"
    "Ses 12 laboratoires emploient environ 300 chercheurs.\n"
)
HOSTILE = (
    "<script>alert('x')</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1)) **gras** "
    "& 5 millions de yuans\n"
)


@pytest.fixture(scope="module")
def curated():
    return load_dataset(DATA_DIR)


@pytest.fixture(scope="module")
def proposal(curated):
    return propose.propose(ARTICLE, dataset=curated, source_id="testville", seed_file="testville.txt")


def _filled(table: pd.DataFrame) -> pd.DataFrame:
    """The 30-million candidate completed by a curator: every field the contract asks for."""
    table = table.copy()
    number = _number_of(table, "30 millions")
    table["accept"] = table.index == number
    for column, value in {
        "quote_en": "Testville received up to 30 million yuan",
        "status": "achieved",
        "indicator_id": "grant_cap_per_recipient",
        "scope": "per_recipient",
        "ai_specificity": "ai",
        "funder": "unspecified",
    }.items():
        table.at[number, column] = value
    table.at[number, "pillar_ids"] = ["compute_infrastructure"]
    return table


def _number_of(table: pd.DataFrame, mention: str) -> int:
    return int(table.index[table["mention"] == mention][0])


SOURCE = {"title_en": "Testville invests in AI"}


def _source(proposal, **changes):
    return {**proposal.source, **SOURCE, **changes}


# --- reading ---------------------------------------------------------------------------------------


def _issue(data: bytes, name: str) -> propose.ArticleError:
    with pytest.raises(propose.ArticleError) as raised:
        propose.read_article(data, name=name)
    return raised.value


def test_article_issues_say_what_is_wrong():
    assert propose.read_article("é".encode(), name="a.txt") == "é"
    issue = _issue(b"caf\xe9 au lait", "latin.txt")
    assert (issue.kind, issue.values) == ("not_utf8", {"name": "latin.txt", "byte": 3})
    issue = _issue(b"a" * (propose.MAX_BYTES + 1), "big.txt")
    assert issue.kind == "too_large" and issue.values["size"] == propose.MAX_BYTES + 1
    assert issue.values["limit"] == propose.MAX_BYTES
    assert _issue(b" \n ", "blank.txt").kind == "empty"
    assert propose.read_article("\ufeffTitre".encode(), name="bom.txt") == "Titre", "the BOM is not the article's"


def test_ids_are_derived_snake_case_from_a_file_name_or_the_title():
    assert drafting.default_source_id(ARTICLE, None) == "testville_investit_dans_l_ia"
    assert drafting.default_source_id(ARTICLE, "Rapport 2025 (Hanoï).md") == "rapport_2025_hanoi"
    assert drafting.default_source_id("2025 : un bilan", None) == "article_2025_un_bilan"
    assert drafting.default_source_id("« » —", None) == "article"
    assert len(drafting.snake_id("mot " * 40)) <= drafting.MAX_ID


# --- the table -------------------------------------------------------------------------------------


def test_one_editor_row_per_candidate_numbered_from_one_and_accepted(proposal):
    table = drafting.candidates_table(proposal)
    assert list(table.columns) == drafting.EDITOR_COLUMNS
    assert list(table.index) == list(range(1, len(proposal.facts) + 1))
    assert len(table) == len(proposal.facts) >= 2
    assert table["accept"].all()
    assert table["value"].tolist() == proposal.facts["value"].tolist()
    # missing values stay missing: never 0, never the text "None"
    first = table.loc[_number_of(table, "30 millions")]
    assert pd.isna(first["period_start"]) and first["quote_en"] is None and first["pillar_ids"] == []


def test_edits_added_and_deleted_rows_apply_by_position_and_keep_numbers(proposal):
    table = drafting.candidates_table(proposal)
    edited = drafting.apply_edits(
        table,
        {
            "edited_rows": {"1": {"accept": False, "period_start": 2024.0, "pillar_ids": ["talent_training"]}},
            "deleted_rows": [0],
        },
    )
    assert list(edited.index) == list(table.index[1:])
    assert edited.loc[2, "accept"] == False
    assert edited.loc[2, "period_start"] == 2024 and str(edited["period_start"].dtype) == "Int64"
    instruments = drafting.apply_edits(
        drafting.empty_instruments(), {"added_rows": [{"instrument_id": "x_plan"}, {"name": "Y"}]}
    )
    assert list(instruments.index) == [1, 2] and instruments.loc[1, "instrument_id"] == "x_plan"
    assert drafting.apply_edits(table, {}).equals(table)


# --- highlighting -----------------------------------------------------------------------------------


def test_segments_rebuild_the_text_and_mark_each_candidate_once(proposal):
    table = drafting.candidates_table(proposal)
    table.loc[2, "accept"] = False
    pieces = drafting.segments(ARTICLE, table)
    assert "".join(piece.text for piece in pieces) == ARTICLE
    marked = [(piece.number, piece.text, piece.mark != "rejected") for piece in pieces if piece.number is not None]
    assert marked == [(n, table.loc[n, "mention"], bool(table.loc[n, "accept"])) for n in table.index]


def test_overlapping_or_missing_offsets_are_not_marked():
    table = drafting._frame(
        [
            {"accept": True, "mention_start": 0, "mention_end": 4},
            {"accept": True, "mention_start": 2, "mention_end": 6},
            {"accept": True, "mention_start": None, "mention_end": None},
            {"accept": True, "mention_start": 5, "mention_end": 99},
        ],
        drafting.EDITOR_COLUMNS,
    )
    pieces = drafting.segments("abcdefgh", table)
    assert [(p.text, p.number) for p in pieces] == [("abcd", 1), ("efgh", None)]


def test_the_article_is_never_markup(curated):
    hostile = propose.propose(HOSTILE, dataset=curated, source_id="hostile")
    table = drafting.candidates_table(hostile)
    assert "5 millions" in set(table["mention"]), "the figure is still proposed"
    html = drafting.highlighted_html(drafting.segments(HOSTILE, table), {"accepted": "<b>ok</b>"})
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert {tag for _, tag in re.findall(r"<(/?)([a-zA-Z]+)", html)} == {"div", "mark", "sup"}, "only our tags"
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(" in html
    assert "[lien](javascript:alert(" in html and "**gras** &amp; " in html, "Markdown is not HTML: it stays as typed"
    shown = html_module.unescape(re.sub(r"<sup[^>]*>\d+</sup>\u2009|<[^>]+>", "", html))
    assert shown == HOSTILE, "the reader sees the article's characters, every one, as typed"
    assert html.count("<mark") == len(table) and html.count("</mark>") == len(table)
    number = _number_of(table, "5 millions")
    assert f'data-candidate="{number}"' in html
    assert f'<sup style="font-weight: 700;">{number}</sup>\u20095 millions</mark>' in html


# --- CSVs and validation ------------------------------------------------------------------------------


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_accepted_rows_become_contract_csvs(proposal):
    table = drafting.candidates_table(proposal)
    table.loc[1, "accept"] = False
    table.at[2, "pillar_ids"] = ["talent_training", "rd_support"]
    drafted = drafting.draft(
        ARTICLE, _source(proposal, source_id="renamed", published_year=2025), table, drafting.empty_instruments()
    )
    for name in drafting.TABLES:
        header = drafted.files[name].decode().splitlines()[0].split(",")
        assert header == table_columns(name), name
    facts = _rows(drafted.files["facts"])
    assert len(facts) == len(table) - 1 and drafted.rows["facts"] == tuple(table.index[1:])
    assert {row["source_id"] for row in facts} == {"renamed"}, "the form's source id, not the proposal's"
    assert facts[0]["pillar_ids"] == "talent_training;rd_support"
    assert facts[0]["period_start"] == "" and facts[0]["quote_en"] == "", "empty stays empty"
    assert float(facts[0]["value"]) == table.loc[2, "value"]
    source = _rows(drafted.files["sources"])[0]
    assert source["sha256"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert source["published_year"] == "2025" and source["language"] == "fr"
    assert _rows(drafted.files["instruments"]) == []
    assert sorted(drafting.INSTRUMENT_FIELDS) == sorted(set(table_columns("instruments")) - {"source_id"})


def test_problems_come_back_to_their_editor_rows(proposal):
    table = drafting.candidates_table(proposal)
    assert len(table) == 3
    table.loc[1, "accept"] = False  # facts.csv line 2 is then candidate 2
    table.loc[2, "quote"] = "a\nquote on two lines"  # a record spanning lines shifts the next one's line
    drafted = drafting.draft(ARTICLE, _source(proposal), table, drafting.empty_instruments())
    checked = drafting.check(DATA_DIR, drafted, label="your draft")
    assert checked.of("facts", 1) == (), "a rejected candidate is not checked"
    assert drafting.record_lines(drafted.files["facts"]) == [2, 4]
    assert {p.field for p in checked.of("facts", 2)} >= {"quote_en", "pillar_ids"}
    assert all(p.file == "your draft: facts.csv" and p.row == 2 for p in checked.of("facts", 2))
    assert {p.field for p in checked.of("facts", 3)} >= {"quote_en", "pillar_ids"}
    assert {p.row for p in checked.of("facts", 3)} == {4}
    assert checked.total == sum(len(checked.table(name)) for name in drafting.TABLES) + len(checked.other)
    shown = drafting.with_problems(table, checked)
    assert shown.loc[1, "problems"] is None
    assert "quote_en: " + t("drafting.todo.value.required.quote_en") in shown.loc[2, "problems"], "what to do"


def test_source_and_instrument_problems_are_located_too(proposal):
    instruments = drafting.apply_edits(drafting.empty_instruments(), {"added_rows": [{"instrument_id": "Bad Id"}]})
    filled = _filled(drafting.candidates_table(proposal))
    drafted = drafting.draft(ARTICLE, _source(proposal, published_year=2025), filled, instruments)
    checked = drafting.check(DATA_DIR, drafted, label="your draft")
    assert [(p.field, p.row) for p in checked.of("sources", 0)] == [("note", 2)], "a year says how it is known"
    untranslated = drafting.draft(ARTICLE, _source(proposal, title_en=""), filled, drafting.empty_instruments())
    assert [p.field for p in drafting.check(DATA_DIR, untranslated, label="x").of("sources", 0)] == ["title_en"]
    assert "instrument_id" in {p.field for p in checked.of("instruments", 1)}


def test_a_fully_filled_row_validates_clean_and_loads_as_the_readers(proposal):
    table = _filled(drafting.candidates_table(proposal))
    drafted = drafting.draft(ARTICLE, _source(proposal), table, drafting.empty_instruments())
    assert drafting.check(DATA_DIR, drafted, label="your draft").total == 0
    layer = addition_layer(drafted.files, {drafted.seed_file: drafted.seed}, label="your draft")
    assert addition_problems(DATA_DIR, layer) == []
    merged = with_addition(DATA_DIR, layer)
    assert merged.contributed["facts"] == {table.loc[table["accept"], "fact_id"].item()}


def test_a_seed_file_name_that_is_not_a_txt_is_a_source_problem(proposal):
    drafted = drafting.draft(
        ARTICLE,
        _source(proposal, seed_file="../x.md"),
        drafting.candidates_table(proposal),
        drafting.empty_instruments(),
    )
    checked = drafting.check(DATA_DIR, drafted, label="your draft")
    assert "seed_file" in {p.field for p in checked.of("sources", 0)}


# --- the zip -------------------------------------------------------------------------------------------


def test_the_zip_holds_the_three_csvs_and_the_seed_whose_sha256_is_listed(proposal):
    drafted = drafting.draft(
        ARTICLE, _source(proposal), _filled(drafting.candidates_table(proposal)), drafting.empty_instruments()
    )
    with zipfile.ZipFile(io.BytesIO(drafting.zip_bytes(drafted))) as archive:
        assert sorted(archive.namelist()) == ["facts.csv", "instruments.csv", "seeds/testville.txt", "sources.csv"]
        seed = archive.read("seeds/testville.txt")
        assert seed == ARTICLE.encode("utf-8")
        assert _rows(archive.read("sources.csv"))[0]["sha256"] == hashlib.sha256(seed).hexdigest()
        files = {name: archive.read(f"{name}.csv") for name in drafting.TABLES}
    assert files == dict(drafted.files)
    assert addition_problems(DATA_DIR, addition_layer(files, {"testville.txt": seed}, label="zip")) == []


def test_a_seed_file_name_that_is_a_path_never_enters_the_zip(proposal):
    drafted = drafting.draft(
        ARTICLE,
        _source(proposal, seed_file="../x.md"),
        _filled(drafting.candidates_table(proposal)),
        drafting.empty_instruments(),
    )
    with zipfile.ZipFile(io.BytesIO(drafting.zip_bytes(drafted))) as archive:
        assert sorted(archive.namelist()) == ["facts.csv", "instruments.csv", "sources.csv"]
    checked = drafting.check(DATA_DIR, drafted, label="draft")
    problems = [*checked.other, *(p for rows in checked.by_row.values() for found in rows.values() for p in found)]
    assert any(p.field == "seed_file" for p in problems), problems


def test_unit_options_are_the_datas_currencies_then_the_other_units(dataset):
    from ecodash.drafting.editor import unit_options
    from ecodash.schema.vocabularies import OTHER_UNITS

    options = unit_options(dataset)
    currencies = set(dataset.fx_rates["currency"]) | {"USD"}
    assert options[: len(currencies)] == sorted(currencies) and options[len(currencies) :] == list(OTHER_UNITS)
