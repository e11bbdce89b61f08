"""Row contracts: unit tests of the pydantic models, and contract tests over every curated row."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from pydantic import ValidationError

from ecodash.schema.models import TABLE_MODELS, Fact, FxRate, Region, french_columns, table_columns, translation_pairs
from ecodash.schema.vocabularies import QUALIFIERS, is_money, money_mask
from support import DATA_DIR, read_rows

FACT = {
    "fact_id": "x_cap",
    "region_id": "guangdong",
    "indicator_id": "grant_cap_per_recipient",
    "value": "50000000",
    "unit": "CNY",
    "qualifier": "up_to",
    "scope": "per_recipient",
    "source_id": "guangdong_ai_robotics_plan",
    "quote": "jusqu’à 50 millions de yuans",
    "quote_en": "up to 50 million yuan",
    "status": "committed",
    "ai_specificity": "ai_and_other",
    "geo_reach": "region",
    "funder": "public",
    "pillar_ids": "rd_support;industrial_adoption",
}


def test_fact_parses_the_curated_strings():
    fact = Fact.model_validate({**FACT, "value": "1/3", "unit": "share", "qualifier": "exact", "funder": None})
    assert fact.value == 1 / 3
    assert Fact.model_validate(FACT).value == 50_000_000.0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"colour": "red"}, "colour", "Extra inputs are not permitted"),
        ({"value": "12,5"}, "value", "is not a number"),
        ({"value": "nan"}, "value", "is not a number"),
        ({"unit": "share", "value": "30", "funder": None}, "", "a share is a fraction between 0 and 1"),
        ({"scope": "multi_year"}, "", "duration_years: a multi_year total needs its number of years"),
        ({"scope": "cumulative"}, "", "period_start: a cumulative total needs the year it counts from"),
        ({"period_start": "2030", "period_end": "2028"}, "", "period_start: after period_end"),
        ({"unit": "count", "stated_usd": "5", "funder": None}, "", "stated_usd: only a money fact"),
        ({"status": "planned"}, "status", "Input should be 'achieved', 'committed', 'target' or 'proposed'"),
        ({"ai_specificity": "mostly_ai"}, "ai_specificity", "Input should be 'ai', 'ai_and_other' or 'broader'"),
        ({"geo_reach": "national"}, "geo_reach", "Input should be 'region' or 'context'"),
        ({"funder": "state"}, "funder", "Input should be 'public', 'private' or 'unspecified'"),
        ({"funder": None}, "", "funder: a money figure says who pays"),
        ({"unit": "count", "funder": "public"}, "", "funder: only a money figure has a funder"),
        ({"pillar_ids": ";"}, "pillar_ids", "at least 1 item"),
        ({"qualifier": "target"}, "qualifier", "Input should be 'exact', 'approximate', 'at_least' or 'up_to'"),
        ({"period_end": "28"}, "period_end", "greater than or equal to 1900"),
        ({"qualifier": "around"}, "qualifier", "Input should be"),
        ({"unit": "eur"}, "unit", "'eur' is not a unit"),
        ({"unit": "PFLOP"}, "unit", "'PFLOP' is not a unit"),
    ],
)
def test_fact_rejects(changes, field, message):
    with pytest.raises(ValidationError) as raised:
        Fact.model_validate({**FACT, **changes})
    errors = raised.value.errors()
    assert any(message in e["msg"] and ".".join(map(str, e["loc"])) == field for e in errors), errors


def test_money_is_any_iso_4217_shaped_code():
    assert [is_money(u) for u in ("CNY", "USD", "THB", "XYZ", "count", "PFLOPS", "usd", "EURO", None)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert money_mask(pd.Series(["THB", "rank", None])).tolist() == [True, False, False]
    fact = Fact.model_validate({**FACT, "unit": "THB"})  # a currency nobody listed: still money, with its funder
    assert fact.unit == "THB"


FX_ROW = {
    "currency": "THB",
    "year": "2024",
    "units_per_usd": "35.3",
    "series_id": "wdi",
    "series": "s",
    "publisher": "p",
    "source_title": "t",
    "read_at": "r",
}


@pytest.mark.parametrize(("currency", "message"), [("USD", "USD needs no rate"), ("thb", "not an ISO 4217")])
def test_fx_rate_currency_is_any_code_but_usd(currency, message):
    assert FxRate.model_validate(FX_ROW).currency == "THB"
    with pytest.raises(ValidationError, match=message):
        FxRate.model_validate({**FX_ROW, "currency": currency})


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("0000", "'0000' has year 0000, which no calendar has (years start at 0001)"),
        ("0000-05", "'0000-05' has year 0000, which no calendar has (years start at 0001)"),
        ("0000-05-01", "'0000-05-01' has year 0000, which no calendar has (years start at 0001)"),
        ("2025-13", "'2025-13' is not a date in the calendar (month 01–12, a day the month has)"),
        ("2025-04-31", "'2025-04-31' is not a date in the calendar (month 01–12, a day the month has)"),
    ],
)
def test_a_date_is_refused_for_its_own_reason(date, reason):
    assert FxRate.model_validate({**FX_ROW, "release_date": "0001-05"}).release_date == "0001-05"
    with pytest.raises(ValidationError) as error:
        FxRate.model_validate({**FX_ROW, "release_date": date})
    assert [item["msg"].removeprefix("Value error, ") for item in error.value.errors()] == [reason]


def test_records_are_frozen():
    fact = Fact.model_validate(FACT)
    with pytest.raises(ValidationError):
        fact.value = 1.0


def test_region_cannot_be_its_own_parent():
    with pytest.raises(ValidationError, match="cannot be its own parent"):
        Region.model_validate(
            {
                "region_id": "x",
                "name_en": "X",
                "name_fr": "X",
                "level": "city",
                "parent_id": "x",
                "iso_country": "CN",
                "is_focus": "false",
            }
        )


@pytest.mark.parametrize("table", sorted(TABLE_MODELS))
def test_csv_header_is_the_contract(table):
    header, rows = read_rows(DATA_DIR / f"{table}.csv")
    assert header == table_columns(table)
    assert rows, f"{table}.csv has no rows"


FACT_ROWS = read_rows(DATA_DIR / "facts.csv")[1]
UP_TO_WORDS = ("jusqu", "pouvant atteindre", "atteignant", "parmi les")
APPROX_WORDS = ("environ", "près de", "une cinquantaine", "une dizaine")


def _own_words(quote: str) -> str:
    """The quote minus the article's own '(environ … dollars US)' conversion, which hedges the USD only."""
    return re.sub(r"\(environ [^)]*dollars US\)", "", quote)


@pytest.mark.parametrize("row", FACT_ROWS, ids=[row["fact_id"] for row in FACT_ROWS])
def test_qualifier_matches_the_words_of_the_quote(row):
    words = _own_words(row["quote"]).lower()
    qualifier = row["qualifier"]
    assert qualifier in QUALIFIERS
    if qualifier == "up_to":
        assert any(w in words for w in UP_TO_WORDS), "'up to' needs jusqu'à / pouvant atteindre / parmi les"
    if qualifier == "at_least":
        assert "plus de" in words, "'at least' needs 'plus de'"
    if qualifier in {"approximate", "target_approximate"}:
        assert any(w in words for w in APPROX_WORDS), "'approximate' needs environ / près de / une cinquantaine"
    if "plus de" in words and qualifier not in {"at_least"}:
        pytest.fail(f"the quote says 'plus de' but the qualifier is {qualifier}")
    if "environ" in words or "près de" in words:
        assert qualifier in {"approximate", "target_approximate"}, "a hedged figure must not be 'exact'"


@pytest.mark.parametrize("row", FACT_ROWS, ids=[row["fact_id"] for row in FACT_ROWS])
def test_stated_usd_keeps_the_articles_parenthesis(row):
    if row["stated_usd"]:
        assert "dollars US" in row["quote"]
    else:
        assert "dollars" not in row["quote"], "a quote with a USD equivalent must record it in stated_usd"


# Every text a person reads has its French; ids, vocabularies, URLs, publishers, proper names and the FX
# citations do not. Quotes are French with their English (quote_en); the sources' titles are French with title_en.
FRENCH = {
    "regions": {},
    "sources": {"genre": "genre_fr", "note": "note_fr"},
    "pillars": {"name": "name_fr", "definition": "definition_fr", "rationale": "rationale_fr"},
    "indicators": {"name": "name_fr", "definition": "definition_fr"},
    "facts": {"note": "note_fr"},
    "actors": {"note": "note_fr", "role": "role_fr"},
    "events": {"note": "note_fr", "description": "description_fr"},
    "instruments": {"note": "note_fr", "name": "name_fr", "description": "description_fr"},
    "fx_rates": {},
    "population": {"definition": "definition_fr"},  # and primary_or_secondary_fr, kept out of the French view
    "audit_exclusions": {"reason": "reason_fr"},
    "caveats": {"caveat": "caveat_fr"},
}


@pytest.mark.parametrize("table", sorted(TABLE_MODELS))
def test_french_columns_are_the_visible_texts(table):
    assert french_columns(table) == FRENCH[table]


@pytest.mark.parametrize("table", sorted(TABLE_MODELS))
def test_a_translation_sits_right_after_its_column(table):
    columns = table_columns(table)
    for column, sibling in translation_pairs(table):
        assert columns.index(sibling) == columns.index(column) + 1, (column, sibling)


def test_siblings_beyond_the_french_view():
    assert ("title", "title_en") in translation_pairs("sources")  # the French title is a citation
    assert ("primary_or_secondary", "primary_or_secondary_fr") in translation_pairs("population")
