"""Loading and validation: the real data passes; each kind of broken copy fails with a precise message."""

from __future__ import annotations

import pickle

import pandas as pd
import pytest

import ecodash
from ecodash.ingest.dataset import DatasetError, localized, validate_data_dir
from ecodash.schema.models import TABLE_MODELS, translation_pairs
from support import DATA_DIR, edit_row, read_rows, run_cli, write_rows


def problems_of(data_dir) -> list[str]:
    return [str(problem) for problem in validate_data_dir(data_dir)[2]]


def test_real_data_is_valid(data_copy):
    assert problems_of(data_copy) == []


def test_load_dataset_returns_every_table(dataset):
    for table in ecodash.Dataset.TABLES:
        assert not dataset.table(table).empty, table


def test_dataset_cannot_be_changed_through_its_frames(dataset):
    facts = dataset.facts
    first = facts["value"].iloc[0]
    facts.loc[facts.index[0], "value"] = -1.0
    assert dataset.facts["value"].iloc[0] == first


def test_missing_values_stay_missing_never_zero(dataset):
    facts = dataset.facts
    assert facts["stated_usd"].isna().any()
    assert not (facts["stated_usd"] == 0).any()
    assert facts["period_end"].dtype == "Int64"


def test_focus_regions_are_the_flagged_rows_in_file_order(fixture_dataset):
    regions = fixture_dataset.regions
    assert fixture_dataset.focus_region_ids() == regions.loc[regions["is_focus"], "region_id"].tolist()
    assert fixture_dataset.focus_region_ids() == ["nordland", "sudmark"]


FACT_LINE = {row["fact_id"]: n + 2 for n, row in enumerate(read_rows(DATA_DIR / "facts.csv")[1])}
EVENT_LINE = {row["event_id"]: n + 2 for n, row in enumerate(read_rows(DATA_DIR / "events.csv")[1])}


def _index(data_copy, fact_id):
    return FACT_LINE[fact_id] - 2


def _event_index(data_copy, event_id):
    return EVENT_LINE[event_id] - 2


def _caveat(data_copy, index=0):
    return read_rows(data_copy / "caveats.csv")[1][index]


def _fact(data_copy, index=0):
    return read_rows(data_copy / "facts.csv")[1][index]


# Each case breaks one thing in a fresh copy and names the exact message the curator must see.
BROKEN = {
    "misquoted fact": (
        lambda d: edit_row(d, "facts", 0, quote=_fact(d)["quote"] + " selon nos calculs"),
        "data/facts.csv:2: quote: not found verbatim in the seed of {source_id}",
    ),
    "number missing from quote": (
        lambda d: edit_row(d, "facts", 0, value="123456789"),
        "data/facts.csv:2: value: 123456789 is not stated in the quote (digits or words)",
    ),
    "unknown region": (
        lambda d: edit_row(d, "facts", 0, region_id="atlantis"),
        "data/facts.csv:2: region_id: unknown region 'atlantis'",
    ),
    "unknown indicator": (
        lambda d: edit_row(d, "facts", 0, indicator_id="happiness"),
        "data/facts.csv:2: indicator_id: unknown indicator 'happiness'",
    ),
    "unknown source": (
        lambda d: edit_row(d, "facts", 0, source_id="le_monde"),
        "data/facts.csv:2: source_id: unknown source 'le_monde'",
    ),
    "bad unit": (
        lambda d: edit_row(d, "facts", 0, unit="euros"),
        (
            "data/facts.csv:2: unit: 'euros' is not a unit: write an ISO 4217 currency code (3 capital letters) or one of "
            "PFLOPS, count, people, share, rank, year"
        ),
    ),
    "bad qualifier": (
        lambda d: edit_row(d, "facts", 0, qualifier="roughly"),
        "data/facts.csv:2: qualifier: Input should be 'exact', 'approximate', 'at_least' or 'up_to'",
    ),
    "bad status": (
        lambda d: edit_row(d, "facts", 0, status="planned"),
        "data/facts.csv:2: status: Input should be 'achieved', 'committed', 'target' or 'proposed'",
    ),
    "status against the wording": (
        lambda d: edit_row(d, "facts", _index(d, "gj_additional_investment_target"), status="committed"),
        (
            f"data/facts.csv:{FACT_LINE['gj_additional_investment_target']}: status: committed contradicts the wording "
            "'objectif' (target); fix it, or say in the note why (quoting the word)"
        ),
    ),
    "proposal stated as a target": (
        lambda d: edit_row(d, "facts", _index(d, "vn_ai_engineers_training_proposed"), status="target", note=""),
        (
            f"data/facts.csv:{FACT_LINE['vn_ai_engineers_training_proposed']}: status: target contradicts the wording "
            "'peuvent coopérer' (proposed)"
        ),
    ),
    "AI specificity against the wording": (
        lambda d: edit_row(d, "facts", _index(d, "gd_core_technology_funding_per_year"), ai_specificity="ai"),
        (
            f"data/facts.csv:{FACT_LINE['gd_core_technology_funding_per_year']}: ai_specificity: ai contradicts the "
            "wording 'technologies de base' (broader)"
        ),
    ),
    "unknown reach": (
        lambda d: edit_row(d, "facts", 0, geo_reach="national"),
        "data/facts.csv:2: geo_reach: Input should be 'region' or 'context'",
    ),
    "money without funder": (
        lambda d: edit_row(d, "facts", 0, funder=""),
        "data/facts.csv:2: funder: a money figure says who pays: public, private or unspecified",
    ),
    "unknown pillar": (
        lambda d: edit_row(d, "facts", 0, pillar_ids="rd_support;moonshots"),
        "data/facts.csv:2: pillar_ids: unknown pillar 'moonshots'",
    ),
    "pillar quote not in the seed": (
        lambda d: edit_row(d, "pillars", 0, quote="une infrastructure quantique"),
        "data/pillars.csv:2: quote: not found verbatim in the seed of gwangju_ai_cluster_vietnam",
    ),
    "secondary population without its kind": (
        lambda d: edit_row(d, "population", 3, primary_or_secondary="press report"),
        "data/population.csv:5: primary_or_secondary: String should match pattern '^(primary|secondary)\\b'",
    ),
    "undated event without a note": (
        lambda d: edit_row(d, "events", _event_index(d, "gd_canton_fair_mid_april"), note=""),
        (
            f"data/events.csv:{EVENT_LINE['gd_canton_fair_mid_april']}: note: an event without a date needs a note "
            "saying what the article says of its timing"
        ),
    ),
    "source lists a region it never names": (
        lambda d: edit_row(d, "sources", 2, region_ids="china;hangzhou"),
        "data/sources.csv:4: region_ids: the article never names hangzhou",
    ),
    "source omits a region it names": (
        lambda d: edit_row(d, "sources", 1, region_ids="shanghai"),
        "data/sources.csv:3: region_ids: the article names china; list it",
    ),
    "two WDI rates for one year": (
        lambda d: edit_row(d, "fx_rates", 9, year="2023"),
        "data/fx_rates.csv:11: year: second wdi rate for CNY 2023",
    ),
    "duplicate id": (
        lambda d: edit_row(d, "facts", 1, fact_id=_fact(d, 0)["fact_id"]),
        "data/facts.csv:3: fact_id: duplicate id '{fact_id}' (first on line 2)",
    ),
    "non-numeric value": (
        lambda d: edit_row(d, "facts", 0, value="50 millions"),
        (
            "data/facts.csv:2: value: '50 millions' is not a number (write digits with a '.' decimal point, or a "
            "fraction like 1/3)"
        ),
    ),
    "empty required field": (
        lambda d: edit_row(d, "facts", 0, quote=""),
        "data/facts.csv:2: quote: required value is empty",
    ),
    "id not snake_case": (
        lambda d: edit_row(d, "facts", 0, fact_id="Bad Id"),
        "data/facts.csv:2: fact_id: String should match pattern '^[a-z][a-z0-9]*(_[a-z0-9]+)*$'",
    ),
    "bad boolean": (
        lambda d: edit_row(d, "regions", 0, is_focus="perhaps"),
        "data/regions.csv:2: is_focus: 'perhaps' is not a boolean (write true or false)",
    ),
    "unknown parent region": (
        lambda d: edit_row(d, "regions", 0, parent_id="pangaea"),
        "data/regions.csv:2: parent_id: unknown region 'pangaea'",
    ),
    "event year not in quote": (
        lambda d: edit_row(d, "events", 0, date="1999"),
        "data/events.csv:2: date: year 1999 is not in the quote",
    ),
    "exclusion context not in seed": (
        lambda d: edit_row(d, "audit_exclusions", 0, context="un passage inventé 42"),
        "data/audit_exclusions.csv:2: context: not found verbatim in the seed of {exclusion_source}",
    ),
    "changed seed": (
        lambda d: (d.parent / "seeds" / "000_e9159bd5021d9d07.txt").write_text("altéré", encoding="utf-8"),
        "data/sources.csv:2: sha256: seed 000_e9159bd5021d9d07.txt has changed",
    ),
    "unlisted seed": (
        lambda d: (d.parent / "seeds" / "999_extra.txt").write_text("nouveau", encoding="utf-8"),
        "seeds/999_extra.txt:0: (file): seed is not listed in sources.csv",
    ),
    "unknown column": (
        lambda d: write_rows(
            d / "facts.csv", [*read_rows(d / "facts.csv")[0], "colour"], read_rows(d / "facts.csv")[1]
        ),
        "data/facts.csv:1: colour: unknown column; facts.csv has: source_id,",
    ),
    "missing column": (
        lambda d: write_rows(
            d / "regions.csv",
            [c for c in read_rows(d / "regions.csv")[0] if c != "level"],
            [{k: v for k, v in r.items() if k != "level"} for r in read_rows(d / "regions.csv")[1]],
        ),
        "data/regions.csv:1: level: required column is missing from the header",
    ),
    "row with too many cells": (
        lambda d: (d / "regions.csv").write_text(
            (d / "regions.csv").read_text(encoding="utf-8") + "atlantis,Atlantis,Atlantide,city,,XX,false,extra\n",
            encoding="utf-8",
        ),
        "data/regions.csv:{next_region_line}: (row): has 8 cells but the header has 7 columns",
    ),
    "unclosed quote in CSV": (
        lambda d: (d / "regions.csv").write_text(
            (d / "regions.csv").read_text(encoding="utf-8") + 'atlantis,"Atlantis,Atlantide,city,,XX,false\n',
            encoding="utf-8",
        ),
        "data/regions.csv:{next_region_line}: (csv): malformed CSV: unexpected end of data",
    ),
    "not UTF-8": (
        lambda d: (d / "indicators.csv").write_bytes((d / "indicators.csv").read_bytes() + "é\n".encode("latin-1")),
        "data/indicators.csv:0: (file): not UTF-8 text (invalid continuation byte at byte",
    ),
    "missing table": (
        lambda d: (d / "events.csv").unlink(),
        "data/events.csv:0: (file): missing: every dataset needs events.csv",
    ),
    "indicator name without its French": (
        lambda d: edit_row(d, "indicators", 0, name_fr=""),
        "data/indicators.csv:2: name_fr: empty while name is filled; write its French translation",
    ),
    "note without its French": (
        lambda d: edit_row(d, "facts", _index(d, "gd_hub_subsidy_cap"), note_fr=""),
        (
            f"data/facts.csv:{FACT_LINE['gd_hub_subsidy_cap']}: note_fr: empty while note is filled; write its French "
            "translation"
        ),
    ),
    "French note without an English one": (
        lambda d: edit_row(d, "facts", _index(d, "gj_public_test_infrastructures"), note_fr="Note orpheline."),
        (
            f"data/facts.csv:{FACT_LINE['gj_public_test_infrastructures']}: note: empty while note_fr is filled; write "
            "both languages or neither"
        ),
    ),
    "French title without its English rendering": (
        lambda d: edit_row(d, "sources", 0, title_en=""),
        "data/sources.csv:2: title_en: empty while title is filled; write its English translation",
    ),
    "caveat on an unknown figure": (
        lambda d: edit_row(d, "caveats", 0, fact_ids="gd_core_technology_funding_per_year;gd_nowhere"),
        "data/caveats.csv:2: fact_ids: unknown fact 'gd_nowhere'",
    ),
    "caveat with a number its figures do not state": (
        lambda d: edit_row(d, "caveats", 0, caveat=_caveat(d)["caveat"].replace("10 bn CNY", "12 bn CNY")),
        (
            "data/caveats.csv:2: caveat: '12 bn' is not a number of its figures "
            "(gd_core_technology_funding_per_year, gd_ai_robotics_investment_since_2018): a caveat restates its "
            "figures' numbers, never adds one"
        ),
    ),
    "caveat without its French": (
        lambda d: edit_row(d, "caveats", 0, caveat_fr=""),
        "data/caveats.csv:2: caveat_fr: empty while caveat is filled; write its French translation",
    ),
    "exclusion reason without its French": (
        lambda d: edit_row(d, "audit_exclusions", 0, reason_fr=" "),
        "data/audit_exclusions.csv:2: reason_fr: empty while reason is filled; write its French translation",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_copy_reports_file_row_field_reason(case, data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    first_fact = _fact(data_copy)
    exclusion = read_rows(data_copy / "audit_exclusions.csv")[1][0]
    next_region_line = len(read_rows(data_copy / "regions.csv")[1]) + 2
    mutate, expected = BROKEN[case]
    mutate(data_copy)
    expected = expected.format(
        source_id=first_fact["source_id"],
        fact_id=first_fact["fact_id"],
        exclusion_source=exclusion["source_id"],
        next_region_line=next_region_line,
    )
    found = problems_of(data_copy)
    assert any(problem.startswith(expected) for problem in found), "\n".join(found)
    with pytest.raises(DatasetError) as raised:
        ecodash.load_dataset(data_copy)
    assert sorted(map(str, raised.value.problems)) == sorted(found)


def test_all_errors_are_collected_not_just_the_first(data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    edit_row(data_copy, "facts", 0, region_id="atlantis")
    edit_row(data_copy, "facts", 2, unit="euros")
    edit_row(data_copy, "actors", 0, region_id="atlantis")
    found = problems_of(data_copy)
    assert any(p.startswith("data/facts.csv:2: region_id:") for p in found)
    assert any(p.startswith("data/facts.csv:4: unit:") for p in found)
    assert any(p.startswith("data/actors.csv:2: region_id:") for p in found)


def test_validate_command_on_broken_copy_exits_nonzero_without_traceback(data_copy):
    edit_row(data_copy, "facts", 0, value="123456789")
    result = run_cli("validate", "--data-dir", str(data_copy))
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert b"facts.csv:2: value: 123456789 is not stated in the quote" in result.stderr
    assert result.stdout == b""


def test_validate_command_passes_on_real_data():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"ok: ")


def test_validation_leaves_the_files_untouched(data_copy):
    edit_row(data_copy, "facts", 0, region_id="atlantis")
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    problems_of(data_copy)
    assert {p.name: p.read_bytes() for p in data_copy.iterdir()} == before


def test_dataset_frames_have_contract_dtypes(dataset):
    facts = dataset.facts
    assert facts["value"].dtype == "float64"
    assert pd.api.types.is_string_dtype(facts["quote"])
    assert dataset.regions["is_focus"].dtype == bool


# --- French and English -------------------------------------------------------------------------

TRANSLATED = [
    (table, column, sibling)
    for table in TABLE_MODELS
    for column, sibling in translation_pairs(table)
    if column != "quote"  # quote and quote_en are both required by the contract
]


@pytest.mark.parametrize(("table", "column", "sibling"), TRANSLATED, ids=[f"{t}.{s}" for t, _, s in TRANSLATED])
def test_every_translated_column_is_checked(table, column, sibling, data_copy, monkeypatch):
    monkeypatch.chdir(data_copy.parent)
    rows = read_rows(data_copy / f"{table}.csv")[1]
    index = next(n for n, row in enumerate(rows) if row[column])
    edit_row(data_copy, table, index, **{sibling: ""})
    language = "French" if sibling.endswith("_fr") else "English"
    reason = f"empty while {column} is filled; write its {language} translation"
    expected = f"data/{table}.csv:{index + 2}: {sibling}: {reason}"
    assert expected in problems_of(data_copy)


def test_french_view_reads_the_french_columns(dataset):
    french = localized(dataset, "fr")
    indicators = french.indicators.set_index("indicator_id")
    assert indicators.at["funding_annual", "name"] == "Financement annuel"
    for table, column, sibling in TRANSLATED:
        if sibling.endswith("_fr") and (table, column) != ("population", "primary_or_secondary"):
            assert french.table(table)[column].equals(dataset.table(table)[sibling]), (table, column)
    notes = french.facts.set_index("fact_id")["note"]
    assert pd.isna(notes["gj_public_test_infrastructures"])
    assert notes["gj_ai_school_students"].startswith("«\u00a0forme plus de 1 200 étudiants\u00a0»")
    regions = french.regions.set_index("region_id")
    assert regions.at["south_korea", "name"] == regions.at["south_korea", "name_fr"] == "Corée du Sud"


def test_french_view_keeps_quotes_citations_and_parsed_words(dataset):
    french = localized(dataset, "fr")
    assert french.facts["quote"].equals(dataset.facts["quote"])
    assert french.facts["quote_en"].equals(dataset.facts["quote_en"])
    assert french.sources["title"].equals(dataset.sources["title"])  # a citation: the article's own French title
    assert french.sources["title_en"].equals(dataset.sources["title_en"])
    assert french.actors["name"].equals(dataset.actors["name"])  # proper names
    assert french.fx_rates.equals(dataset.fx_rates)
    # code reads 'primary' / 'secondary' from this column, in every language
    assert french.population["primary_or_secondary"].equals(dataset.population["primary_or_secondary"])


def test_views_have_the_stored_columns_plus_a_region_name(dataset):
    for language in ("en", "fr"):
        view = localized(dataset, language)
        assert view.language == language
        for table in dataset.TABLES:
            expected = list(dataset.table(table).columns)
            if table == "regions":
                expected.insert(1, "name")
            assert list(view.table(table).columns) == expected, (language, table)
        assert view.regions["name"].equals(dataset.regions[f"name_{language}"])
    english = localized(dataset, "en")
    for table in dataset.TABLES:
        assert english.table(table).drop(columns=["name"] if table == "regions" else []).equals(dataset.table(table))


def test_views_are_built_once_and_leave_the_dataset_as_stored(dataset):
    french = localized(dataset, "fr")
    assert localized(dataset, "fr") is french
    assert localized(french, "fr") is french
    assert localized(french, "en") is localized(dataset, "en")
    assert dataset.language is None and "name" not in dataset.regions.columns
    assert dataset.indicators.set_index("indicator_id").at["funding_annual", "name"] == "Funding per year"
    assert french.seeds == dataset.seeds and french.focus_region_ids() == dataset.focus_region_ids()


def test_a_view_survives_pickling(dataset):
    french = pickle.loads(pickle.dumps(localized(dataset, "fr")))
    assert french.language == "fr"
    assert french.indicators["name"].equals(dataset.indicators["name_fr"])
    assert localized(french, "en").indicators["name"].equals(dataset.indicators["name"])


def test_unknown_language_names_the_choices(dataset):
    with pytest.raises(ValueError, match="unknown language 'de'; choose one of: en, fr"):
        localized(dataset, "de")


@pytest.mark.parametrize(
    ("pyproject", "checkout"),
    [
        ('[project]\nname = "ecodash"\nversion = "0.1.0"\n', True),
        ('[project]\nname = "someone-elses-app"\n', False),  # ecodash installed under another project's folder
        ("[tool.other]\nx = 1\n", False),
        ("not toml = = [", False),
        (None, False),
    ],
)
def test_the_data_folder_of_a_checkout_is_used_only_when_the_checkout_is_ecodash(
    pyproject, checkout, tmp_path, monkeypatch
):
    from ecodash.ingest import files as datafiles

    (tmp_path / "data").mkdir()
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.delenv(datafiles.DATA_DIR_ENV, raising=False)
    monkeypatch.setattr(datafiles, "CHECKOUT_DIR", tmp_path)
    assert datafiles.default_data_dir() == (tmp_path / "data" if checkout else datafiles.PACKAGED_DATA_DIR)


def test_the_one_csv_reader_counts_lines_in_the_file_and_fails_where_the_csv_breaks():
    from ecodash.ingest.dataset import CsvError, parse_csv

    header, records = parse_csv(' a , b\n1,"two\nlines"\n\n , \n3,4\n')
    assert header == ["a", "b"], "names stripped"
    assert list(records) == [(2, 3, ["1", "two\nlines"]), (6, 6, ["3", "4"])], "blank records left out, lines kept"
    assert parse_csv("") is None
    header, records = parse_csv('a,b\n1,2\n3,"x"y\n')  # the header is read before the broken line
    assert header == ["a", "b"]
    with pytest.raises(CsvError) as error:
        list(records)
    assert error.value.line == 3 and error.value.detail == "',' expected after '\"'"
