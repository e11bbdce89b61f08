"""The catalogues: every key in every language with the same placeholders, and no visible text outside them."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

import ecodash
from ecodash import i18n
from ecodash.i18n import CATALOGUES, EN, LANGUAGES, LOCALES_DIR, placeholders, t, use
from ecodash.i18n import formats as formatting
from ecodash.schema import vocabularies as vocab

PACKAGE = Path(ecodash.__file__).parent

# Values that are the same word in both languages (checked by hand): names, symbols, units, loanwords.
SAME_IN_BOTH = {
    # names, symbols, loanwords and words spelt alike
    "language.en",
    "badge.funder.public",
    "common.options",
    "cards.differs_short",
    "language.fr",
    "scale.M",
    "format.top",
    "unit.PFLOPS",
    "common.fx.fed",
    "column.value_usd",
    "column.date",
    "present.card.unlike",
    "column.description",
    "column.dimension",
    "column.link",
    "column.source_id",
    "data.filter.source_id",
    "common.source",
    "sources.seed",
    "column.instrument_name",
    "pillars.detail.programmes",
    "level.province",
    "overview.slot.startups",
    "qualifier.exact",
    # templates made only of placeholders and symbols
    "chart.fx_note",
    "fx.divided",
    "chart.panel_unit",
    "chart.with_period",
    "comparison.via",
    "comparison.unlike",
    "overview.per_year",
    "compare.chart_title",
    "compare.subtitle",
    "pillars.definition_added",
    "pillars.detail",
    "sources.figure_of",
    "count.6",
    "unit.currency",
}


def test_placeholders_are_filled():
    assert t("data.rows", shown=3, total=34) == "3 of 34 facts"
    assert placeholders("data.rows") == {"shown", "total"}


def test_unknown_key_fails_loudly():
    with pytest.raises(KeyError, match="no UI text"):
        t("nav.nowhere")


def test_the_language_is_a_context():
    with use("fr"):
        assert i18n.current() == "fr"
        assert t("nav.compare") == CATALOGUES["fr"]["nav.compare"]
    assert i18n.current() == "en"
    with use("xx"):  # an unknown language falls back to the default, it never raises mid-page
        assert t("nav.compare") == EN["nav.compare"]


TRANSLATIONS = [language for language in LANGUAGES if language != "en"]


def test_there_is_a_translation_to_check():
    assert TRANSLATIONS, "only English is loaded: the translation tests below would check nothing"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_key_is_translated_in_every_language(language):
    catalogue = CATALOGUES[language]
    missing = sorted(set(EN) - set(catalogue))
    extra = sorted(set(catalogue) - set(EN))
    assert not missing, f"{language} lacks {len(missing)} keys: {missing[:20]}"
    assert not extra, f"{language} has keys English lacks: {extra[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_empty(language):
    empty = sorted(key for key, value in CATALOGUES[language].items() if not value.strip())
    assert not empty, empty


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_translations_ask_for_the_same_placeholders(language):
    wrong = {
        key: (placeholders(key), placeholders(key, language))
        for key in EN
        if key in CATALOGUES[language] and placeholders(key) != placeholders(key, language)
    }
    assert not wrong, wrong


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_counts_with_a_bracketed_plural(language):
    """'3 accepté(s)' reads as a form, not a sentence: a counted word is a plural rule (ecodash.i18n.plurals)."""
    bracketed = sorted(key for key, value in CATALOGUES[language].items() if re.search(r"\((?:s|e|es|x)\)", value))
    assert not bracketed, bracketed


def test_counted_words_follow_the_plural_rules():
    from ecodash.i18n.plurals import plural

    with use("fr"):
        assert plural("drafting.counts", 3, accepted=plural("drafting.accepted", 3)) == "3 candidats, 3 acceptés."
        assert plural("drafting.counts", 1, accepted=plural("drafting.accepted", 0)) == "1 candidat, 0 accepté."
        assert plural("yours.count", 2, table="facts") == "2 lignes de facts.csv"
    assert plural("yours.problems_title", 1, file="a.csv") == "Nothing was loaded: 1 problem in a.csv"
    assert plural("yours.banner", 2, mark="yours").startswith("This page includes 2 figures you uploaded")


def test_french_is_french():
    """A value identical to English is a forgotten translation, unless listed as the same word in both."""
    same = sorted(key for key, value in CATALOGUES["fr"].items() if value == EN.get(key) and key not in SAME_IN_BOTH)
    assert not same, same


def test_a_key_lives_in_one_file(tmp_path, monkeypatch):
    for language in LANGUAGES:
        (tmp_path / language).mkdir()
        (tmp_path / language / "a.toml").write_text('"x.y" = "1"\n', encoding="utf-8")
        (tmp_path / language / "b.toml").write_text('"x.y" = "2"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    with pytest.raises(ValueError, match="already defined in another file"):
        i18n._load("en")


def test_every_vocabulary_value_has_words():
    vocabularies = {
        "qualifier": vocab.QUALIFIERS,
        "scope": vocab.SCOPES,
        "unit": ("USD", *vocab.OTHER_UNITS),
        "level": vocab.REGION_LEVELS,
        "category": vocab.CATEGORIES,
        "actor_kind": vocab.ACTOR_KINDS,
        "event_kind": vocab.EVENT_KINDS,
        "instrument_kind": vocab.INSTRUMENT_KINDS,
    }
    assert set(vocabularies) == set(formatting.VOCABULARIES)
    missing = [
        f"{name}.{value}" for name, values in vocabularies.items() for value in values if f"{name}.{value}" not in EN
    ]
    assert not missing, missing
    for name in ("status", "ai_specificity", "geo_reach", "funder"):
        values = getattr(
            vocab,
            {
                "status": "STATUSES",
                "ai_specificity": "AI_SPECIFICITIES",
                "geo_reach": "GEO_REACHES",
                "funder": "FUNDERS",
            }[name],
        )
        assert all(f"dim.{name}.{value}" in EN for value in values), name


def test_catalogue_files_parse_and_hold_only_strings():
    for path in LOCALES_DIR.rglob("*.toml"):
        with path.open("rb") as handle:
            texts = tomllib.load(handle)
        assert all(isinstance(value, str) for value in texts.values()), path


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_follow_the_language(language):
    with use(language):
        assert formatting.number(1234.5) == {"en": "1,234.5", "fr": "1\u202f234,5"}[language]
        assert formatting.compact_number(1.4e9) == {"en": "1.4 bn", "fr": "1,4 Md"}[language]
        assert formatting.format_quantity(1.4e9, "CNY") == {"en": "1.4 bn CNY", "fr": "1,4 Md CNY"}[language]
        assert formatting.percent(1 / 3) == {"en": "33.3%", "fr": "33,3\u00a0%"}[language]


# --- no visible text outside the catalogue -------------------------------------------------------------------

# Modules whose words are not the dashboard's: each with the reason.
NOT_UI = {
    "cli.py": "the command line's help and messages are for curators, in English like its option names",
    **{
        f"serving/{name}.py": "the launcher's help and messages are for the operator, in English like the CLI's"
        for name in ("__main__", "cluster", "haproxy")
    },
    **{
        path: "validation problems are file:row: field: reason lines for curators (shown verbatim on the "
        "error page, as the CLI prints them)"
        for path in (
            "ingest/dataset.py",
            "schema/problems.py",
        )
    },
    "text/cues.py": "cue words are French patterns read in the quotes, not text shown",
    "text/numbers.py": "number words are French patterns read in the articles",
    "analysis/audit.py": "the audit's reasons come from data (audit_exclusions.csv, with reason_fr)",
    "schema/columns.py": "the column registry's descriptions, in English and French, document the data (datapackage.json, "
    "docs/data-dictionary.md)",
    "io/datapackage.py": "the data package's descriptor is English",
    "io/dictionary.py": "the generated data dictionary in docs/ is English",
    "i18n/__init__.py": "the catalogue machinery",
    **{
        f"drafting/{name}.py": "parser vocabulary and CLI output"
        for name in ("propose", "cues", "events", "figures", "guess", "output")
    },
}
WORDS = re.compile(r"[A-Za-z]{2,}[ ,;:'’][ ]?[A-Za-z]{2,}|^[A-Z][a-z]+: ")
MARKUP = re.compile(r"<[a-z]+|style=|font-size|px;|^[a-z_.]+$")
"""Plotly markup and CSS fragments, and catalogue keys: not words a reader sees as such."""


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Docstrings, exception messages and logging calls: written for developers, not readers."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            exempt.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):  # attribute docstrings
            exempt.add(id(node.value))
        is_log = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"exception", "warning", "info", "debug", "error"}
            and "log" in ast.unparse(node.func.value).lower()
        )
        if isinstance(node, ast.Raise) or is_log:
            exempt |= {id(child) for child in ast.walk(node)}
    return exempt


def visible_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string literal in `path` that reads as words and is not exempt."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt = _exempt_nodes(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and WORDS.search(node.value)
        and not MARKUP.search(node.value)
    ]


def test_no_visible_text_outside_the_catalogue():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() in NOT_UI:
            continue
        offenders += [f"{path.relative_to(PACKAGE)}:{line}: {text[:70]!r}" for line, text in visible_literals(path)]
    assert not offenders, "\n".join(offenders)


def test_every_exempt_module_exists():
    assert [name for name in NOT_UI if not (PACKAGE / name).is_file()] == []


def test_the_scan_catches_a_hard_coded_label(tmp_path):
    sample = tmp_path / "page.py"
    sample.write_text(
        'def f():\n    """Doc string here."""\n    st.caption("Not reported here")\n'
        '    raise ValueError("bad value given")\n',
        encoding="utf-8",
    )
    assert visible_literals(sample) == [(3, "Not reported here")]


def test_every_key_used_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([A-Za-z_.]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(key for key in used if key not in EN)
    assert not missing, missing
