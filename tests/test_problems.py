"""Validation problems in the reader's language: each has a catalogue key, its English reason and `file:row: field:
reason` line stay what `ecodash validate` prints, and the pages say it in French on French pages, the values quoted
from the data kept as they are."""

from __future__ import annotations

import ast
import os
import pickle
import shutil
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import ConfigDict, Field, StringConstraints, ValidationError, create_model
from streamlit.testing.v1 import AppTest

import ecodash
import test_broken_data
import test_dataset
from ecodash import i18n
from ecodash.drafting.editor import problem_text
from ecodash.i18n import CATALOGUES, placeholders
from ecodash.ingest import messages, uploads
from ecodash.ingest.checks import iter_refs
from ecodash.ingest.dataset import validate_data_dir
from ecodash.ingest.messages import keyed, localised, located, problem, pydantic_problem, report_lines, say
from ecodash.schema.models import TABLE_MODELS
from ecodash.schema.problems import Problem
from ecodash.text.cues import contradiction
from ecodash.ui.state import YOURS_KEY
from support import DATA_DIR, SEEDS_DIR, _navigation_app, edit_row, open_app, use_data_dir
from test_ui_your_data import INVALID

PACKAGE = Path(ecodash.__file__).resolve().parent

PROBLEM_KEYS = {key for key in CATALOGUES["en"] if key.startswith("problems.")}


def _broken_copies():
    """name -> how to break a copy of data/: every curated broken fixture of test_broken_data and test_dataset."""
    cases = {f"broken: {name}": mutate for name, (mutate, _) in test_broken_data.BROKEN.items()}
    cases |= {f"cause: {name}": mutate for name, mutate in test_broken_data.CAUSES.items()}
    cases |= {f"dataset: {name}": mutate for name, (mutate, _) in test_dataset.BROKEN.items()}
    return cases


@pytest.fixture(scope="module")
def fixture_problems(tmp_path_factory) -> dict[str, list[Problem]]:
    """name -> the problems validation finds in that broken copy (paths as `ecodash validate` run beside it shows)."""
    found = {}
    here = Path.cwd()
    for name, mutate in _broken_copies().items():
        root = tmp_path_factory.mktemp("broken")
        shutil.copytree(DATA_DIR, root / "data")
        shutil.copytree(SEEDS_DIR, root / "seeds")
        os.chdir(root)
        try:
            mutate(root / "data")
            found[name] = validate_data_dir(root / "data")[2]
        finally:
            os.chdir(here)
    upload_cases = {
        "upload: empty": (b"", "facts.csv"),
        "upload: no rows": (b"fact_id,value\n", "facts.csv"),
        "upload: not UTF-8": (b"fact_id,value\nabc,1\ncaf\xe9,2\n", "facts.csv"),
        "upload: not a zip": (b"PK\x03\x04 not really", "pkg.zip"),
        "upload: kind": (b"x", "facts.xlsx"),
        "upload: malformed": (b'fact_id,value\n"abc,1\n', "facts.csv"),
        "upload: unknown column": (b"fact_id,colour\nabc,red\n", "facts.csv"),
    }
    for name, (data, filename) in upload_cases.items():
        found[name] = list(uploads.read_upload(data, filename, DATA_DIR).problems)
    assert all(found.values()), [name for name, problems in found.items() if not problems]
    return found


def test_every_problem_of_the_broken_fixtures_has_a_french_text(fixture_problems):
    without = [f"{name}: {p}" for name, problems in fixture_problems.items() for p in problems if not p.key]
    assert not without, "\n".join(without)
    untranslated = [
        f"{name}: {p}"
        for name, problems in fixture_problems.items()
        for p in problems
        if localised(p, "fr") == p.reason or located(p, "fr") == str(p)
    ]
    assert not untranslated, "\n".join(untranslated)


def test_the_english_reason_and_line_are_the_catalogue_s_and_the_cli_s(fixture_problems):
    """str(problem) is the line `ecodash validate` prints (the exact lines are in test_broken_data and
    test_dataset); the catalogue says the same in English, so a page in English shows what the CLI prints."""
    for problems in fixture_problems.values():
        for p in problems:
            assert localised(p, "en") == p.reason
            assert located(p, "en") == str(p) == f"{p.file}:{p.row}: {p.field}: {p.reason}"


def test_the_curated_fixtures_print_the_same_lines_as_before():
    """A sample of the exact lines test_broken_data expects, built now through the catalogue: unchanged."""
    lines = {
        "data/facts.csv:2: value: '1/0' divides by zero: a fraction's denominator is not 0",
        "data/regions.csv:2: parent_id: cycle in region parents: guangdong -> china -> guangdong",
        "data/facts.csv:2: instrument_id: unknown instrument 'no_such_programme'",
    }
    made = {
        str(keyed("data/facts.csv", 2, "value", "'1/0' divides by zero: a fraction's denominator is not 0")),
        str(
            problem(
                "data/regions.csv", 2, "parent_id", "problems.region.cycle", cycle="guangdong -> china -> guangdong"
            )
        ),
        str(problem("data/facts.csv", 2, "instrument_id", "problems.ref.instruments", value="no_such_programme")),
    }
    assert made == lines


FRENCH = {
    "dataset: unknown region": "data/facts.csv, ligne 2, region_id : région inconnue : 'atlantis'",
    "broken: CRLF line endings": (
        "data/indicators.csv, ligne 1, (fichier) : a des fins de ligne CRLF (Windows) ; enregistrez-le avec des fins "
        "de ligne LF (par ex. `dos2unix`)"
    ),
    "broken: FX rate not a number": (
        "data/fx_rates.csv, ligne 4, units_per_usd : '7,1' n’est pas un nombre (écrivez des chiffres avec un point "
        "décimal, ou une fraction comme 1/3)"
    ),
    "broken: FX rate of 0": "data/fx_rates.csv, ligne 2, units_per_usd : la valeur doit être supérieure à 0",
    "broken: duplicate region id": (
        "data/regions.csv, ligne 3, region_id : identifiant 'guangdong' en double (première occurrence : ligne 2)"
    ),
    "broken: missing required column": "data/facts.csv, ligne 1, unit : colonne obligatoire absente de l’en-tête",
    "broken: 50 MB seed": (
        f"seeds/{test_broken_data.SEED}, (fichier) : 52\u202f428\u202f800 octets, c’est trop : un texte d’article "
        "fait au plus 1\u202f048\u202f576 octets ; rien n’y a été lu"
    ),
    "broken: file in cp1252": "data/facts.csv, (fichier) : texte non UTF-8 (octet de continuation invalide, octet",
    "broken: no focus region": (
        "data/regions.csv, is_focus : aucune région n’est étudiée : mettez is_focus à true pour les régions que le "
        "tableau de bord compare"
    ),
    "dataset: note without its French": (
        "data/facts.csv, ligne 2, note_fr : vide alors que note est rempli ; écrivez sa traduction en français"
    ),
}


@pytest.mark.parametrize("case", sorted(FRENCH))
def test_french_texts_of_real_problems_read_right(case, fixture_problems):
    lines = [located(p, "fr") for p in fixture_problems[case]]
    assert any(line.startswith(FRENCH[case]) for line in lines), "\n".join(lines)


def test_a_vocabulary_list_is_joined_with_the_language_s_or(fixture_problems):
    (found,) = [p for p in fixture_problems["dataset: bad status"] if p.field == "status"]
    assert found.reason == "Input should be 'achieved', 'committed', 'target' or 'proposed'"
    assert localised(found, "fr") == "la valeur doit être 'achieved', 'committed', 'target' ou 'proposed'"


def test_the_values_a_problem_quotes_stay_verbatim_in_french():
    """A value from the data is never translated nor changed: markup and all, as the reader wrote it."""
    value = "*50* <b>millions</b> [x](javascript:alert(1))"
    error = next(iter(_errors(TABLE_MODELS["fx_rates"], {"units_per_usd": value})))
    found = pydantic_problem("facts.csv", 3, "units_per_usd", error)
    assert found.key == "problems.said.not_a_number"
    assert repr(value) in found.reason and repr(value) in localised(found, "fr")
    assert localised(found, "fr").startswith(f"{value!r} n’est pas un nombre")
    cue = keyed("facts.csv", 3, "status", contradiction("committed", {"target": ["objectif **2030**"]}, None))
    assert "'objectif **2030**' (target)" in localised(cue, "fr") and cue.key == "problems.said.contradiction"


def _errors(model, raw: dict) -> list[dict]:
    try:
        model.model_validate(raw)
    except ValidationError as error:
        return [item for item in error.errors() if item["loc"] and item["loc"][0] in raw]
    raise AssertionError(f"{raw} is valid")


def _value_error_texts(path: Path) -> list[str]:
    """The message of every `raise ValueError(...)` in `path`, its {values} filled with a sample."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
            continue
        if ast.unparse(node.exc.func) != "ValueError":
            continue
        message = node.exc.args[0]
        if isinstance(message, ast.Constant):
            texts.append(message.value)
        elif isinstance(message, ast.JoinedStr):
            parts = []
            for part in message.values:
                if isinstance(part, ast.Constant):
                    parts.append(part.value)
                else:
                    parts.append(repr("x y") if part.conversion == ord("r") else "x, y")
            texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("module", ["schema/fields.py", "schema/models.py"])
def test_every_reason_the_contract_raises_has_a_key(module):
    """The contract's own ValueErrors are keyed by their English text: one that changes without its catalogue text
    would be shown in English on French pages."""
    texts = _value_error_texts(PACKAGE / module)
    assert len(texts) >= 9
    for text in texts:
        field, _, reason = text.partition(": ") if module.endswith("models.py") and ": " in text else ("", "", text)
        found = keyed("facts.csv", 2, field or "value", reason or text)
        assert found.key.startswith(messages.SAID_PREFIX), text
        assert localised(found, "fr") != found.reason


PYDANTIC_SAMPLES = {
    "missing": (str, None),
    "extra_forbidden": (str, "x"),
    "string_pattern_mismatch": (Annotated[str, StringConstraints(pattern=r"^[a-z]+$")], "ABC"),
    "string_too_long": (Annotated[str, StringConstraints(max_length=64)], "x" * 65),
    "literal_error": (Literal["region", "context"], "world"),
    "greater_than": (Annotated[int, Field(gt=0)], "0"),
    "greater_than_equal": (Annotated[int, Field(ge=1990)], "1989"),
    "less_than": (Annotated[int, Field(lt=10)], "11"),
    "less_than_equal": (Annotated[int, Field(le=100)], "101"),
    "int_parsing": (int, "mid-2025"),
    "int_parsing_size": (int, "1" * 5000),
    "int_from_float": (int, 2.5),
    "float_parsing": (float, "many"),
    "finite_number": (Annotated[float, Field(allow_inf_nan=False)], "inf"),
}
"""pydantic error type -> (a cell's type, a value that makes that error; None: the cell is left out)."""


@pytest.mark.parametrize("kind", sorted(messages.PYDANTIC_TYPES))
def test_each_pydantic_error_type_is_said_in_french_with_its_context(kind):
    annotation, value = PYDANTIC_SAMPLES[kind]
    model = create_model("Row", __config__=ConfigDict(extra="forbid"), cell=(annotation, ...))
    raw = {} if value is None else {"cell": value}
    if kind == "extra_forbidden":
        raw["colour"] = "red"
    try:
        model.model_validate(raw)
    except ValidationError as error:
        (item,) = error.errors()
    else:
        raise AssertionError(f"{raw} is valid")
    assert item["type"] == kind
    found = pydantic_problem("facts.csv", 2, "cell", item)
    assert found.key == messages.PYDANTIC_TYPES[kind]
    if kind != "missing":  # the contract words an empty required cell itself
        assert found.reason == item["msg"] == localised(found, "en"), "the English is pydantic's own"
    assert localised(found, "fr") != found.reason
    for name, shown in (item.get("ctx") or {}).items():
        if kind != "literal_error":
            assert str(shown) in localised(found, "fr"), name


def test_an_unknown_pydantic_error_or_reason_keeps_its_english_everywhere():
    item = {"type": "some_new_type", "loc": ("cell",), "msg": "Something new", "input": "x"}
    found = pydantic_problem("facts.csv", 2, "cell", item)
    assert (found.key, localised(found, "fr"), located(found, "fr")) == (
        "",
        "Something new",
        "facts.csv, ligne 2, cell : Something new",
    )
    assert keyed("facts.csv", 2, "cell", "a reason nobody catalogued").key == ""


def test_every_key_the_checks_use_is_in_both_catalogues_with_the_same_placeholders():
    used = set()
    for path in sorted((PACKAGE / "ingest").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and text.startswith(("problems.", "yours.problem.")) and text[-1] not in "._":
                used |= {f"{text}.one", f"{text}.many"} if text == "problems.more" else {text}  # a plural
    # the keys made from a name: every reference's table, every special file, both size limits
    references = {target for table in TABLE_MODELS for target in _reference_targets(table)}
    used |= {f"problems.ref.{target}" for target in references}
    used |= {f"problems.file.{kind}" for kind in ("fifo", "character_device", "block_device", "socket")}
    used |= {"problems.file.too_large_seed", "problems.file.too_large_data"}
    assert len(used) > 60
    for key in sorted(used):
        assert key in CATALOGUES["en"] and key in CATALOGUES["fr"], key
        assert placeholders(key) == placeholders(key, "fr"), key


def _reference_targets(table: str) -> set[str]:
    model = TABLE_MODELS[table]
    sample = {name: ("x",) if "ids" in name else "x" for name in model.model_fields}
    try:
        record = model.model_construct(**sample)
    except TypeError:
        return set()
    return {target for _, target, _ in iter_refs(record)}


def test_every_problem_text_has_both_languages():
    assert PROBLEM_KEYS and all(key in CATALOGUES["fr"] for key in PROBLEM_KEYS)
    assert {key for key in CATALOGUES["fr"] if key.startswith("problems.")} == PROBLEM_KEYS


def test_a_report_in_french_counts_the_rest_with_the_plural_rule():
    problems = [problem("data/facts.csv", n, "quote", "problems.quote.not_found", source="s") for n in range(2, 6)]
    assert report_lines(problems, "fr", limit=3)[-1] == "… et 1 autre problème"
    assert report_lines(problems, "fr", limit=1)[-1] == "… et 3 autres problèmes"
    assert report_lines(problems, "en", limit=1)[-1] == "… and 3 more problems"
    assert report_lines(problems, "fr", limit=1)[0] == (
        "data/facts.csv, ligne 2, quote : introuvable mot pour mot dans l’article de s"
    )


def test_a_number_is_grouped_as_the_language_groups_digits():
    found = problem("seeds/a.txt", 0, "(file)", "problems.file.too_large_seed", size=52_428_800, limit=1_000_000)
    assert found.reason.startswith("52,428,800 bytes is too large")
    assert say(found.key, found.params, "fr").startswith("52\u202f428\u202f800 octets")


def test_the_editor_of_add_an_article_lists_problems_in_the_page_s_language():
    found = problem("your draft: facts.csv", 2, "value", "problems.quote.value", value="51")
    with i18n.use("fr"):
        assert problem_text([found]) == "value: 51 n’est pas dans la citation (ni en chiffres ni en lettres)"
    with i18n.use("en"):
        assert problem_text([found]) == "value: 51 is not stated in the quote (digits or words)"


# --- on the pages ------------------------------------------------------------------------------------------------


def test_the_error_page_lists_the_problems_in_french(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    edit_row(data_copy, "facts", 0, region_id="atlantis")
    use_data_dir(monkeypatch, data_copy)
    at = open_app("overview", lang="fr")
    assert not at.exception
    listed = "\n".join(block.value for block in at.code).splitlines()
    assert "data/facts.csv, ligne 2, region_id : région inconnue : 'atlantis'" in listed, listed
    english = open_app("overview", lang="en")
    assert "data/facts.csv:2: region_id: unknown region 'atlantis'" in english.code[0].value.splitlines()


def _yours(upload: dict, language: str) -> AppTest:
    """Your data with `upload` held as the page's uploader stores it."""
    at = AppTest.from_function(_navigation_app, args=("yours",), default_timeout=90)
    at.query_params["lang"] = language
    at.session_state[YOURS_KEY] = upload
    return at.run()


def test_your_data_reports_an_upload_s_problems_in_french():
    at = _yours(INVALID, "fr")
    assert not at.exception
    report = at.dataframe[0].value.to_dict("records")
    assert [(row["file"], row["row"], row["field"], row["reason"]) for row in report] == [
        ("votre fichier : my-facts.csv", 2, "value", "51 n’est pas dans la citation (ni en chiffres ni en lettres)")
    ]
    at = _yours({"name": "notes.txt", "data": b"x"}, "fr")
    (row,) = at.dataframe[0].value.to_dict("records")
    assert (row["field"], row["reason"]) == ("(fichier)", "déposez un .csv (chiffres) ou un .zip (paquet de données)")


def test_a_problem_survives_pickling_with_its_key_and_params():
    found = problem("data/a.csv", 0, "(file)", "problems.file.line_endings", what=messages.said("problems.file.crlf"))
    again = pickle.loads(pickle.dumps(found))
    assert (again, again.key, dict(again.params)) == (found, found.key, dict(found.params))
    assert (
        located(again, "fr")
        == located(found, "fr")
        == (
            "data/a.csv, (fichier) : a des fins de ligne CRLF (Windows) ; enregistrez-le avec des fins de ligne LF (par "
            "ex. `dos2unix`)"
        )
    )
