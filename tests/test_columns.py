"""The column registry: every column an export writes or data/ stores is declared once, with the dtype it really has,
descriptions in both languages that name every value the column can hold, and no entry that nothing uses."""

from __future__ import annotations

import types
import typing

import pandas as pd
import pytest

from ecodash import i18n
from ecodash.analysis import fx, indicators
from ecodash.analysis.audit import AuditRow
from ecodash.i18n import LANGUAGES
from ecodash.ingest.dataset import localized
from ecodash.io.tables import EXPORT_TABLES, export_all_frames
from ecodash.schema import columns, vocabularies
from ecodash.schema.columns import COLUMNS, DERIVED_TABLES, column, column_key, describe, display_config
from ecodash.schema.models import TABLE_MODELS, table_columns
from support import DATA_DIR

VIEWS = ("stored", *LANGUAGES)


@pytest.fixture(scope="module")
def exports(dataset) -> dict[tuple[str, str, str], dict[str, pd.DataFrame]]:
    """(dataset view, language, FX basis) -> every export table: the stored data and each language view, exported in
    each language, at each FX basis."""
    out = {}
    for view in VIEWS:
        shown = dataset if view == "stored" else localized(dataset, view)
        for language in LANGUAGES if view == "stored" else (view,):
            for basis in vocabularies.FX_BASES:
                with i18n.use(language):
                    out[(view, language, basis)] = export_all_frames(shown, fx_basis=basis)
    return out


def _exported(exports) -> dict[tuple[str, str], pd.Series]:
    """(table, column) -> the column as one export wrote it (every export has the same columns per table...)."""
    found = {}
    for frames in exports.values():
        for table, frame in frames.items():
            for name in frame.columns:
                found.setdefault((table, name), frame[name])
    return found


def test_every_exported_column_is_in_the_registry(exports):
    missing = sorted(f"{table}.{name}" for table, name in _exported(exports) if column_key(table, name) is None)
    assert missing == [], f"add them to ecodash.schema.columns: {missing}"


def test_every_stored_column_is_in_the_registry():
    missing = [
        f"{table}.{name}" for table in TABLE_MODELS for name in table_columns(table) if column_key(table, name) is None
    ]
    assert missing == []


def test_no_registry_entry_is_dead(exports):
    used = {column_key(table, name) for table, name in _exported(exports)}
    used |= {column_key(table, name) for table in TABLE_MODELS for name in table_columns(table)}
    assert sorted(set(COLUMNS) - used) == [], "written by no export and stored nowhere"


def test_the_derived_tables_are_the_exported_tables_data_does_not_hold():
    assert set(EXPORT_TABLES) == set(TABLE_MODELS) | set(DERIVED_TABLES)


def test_exported_columns_have_their_registry_dtype(exports):
    wrong = []
    for (table, name), series in _exported(exports).items():
        entry = column(table, name)
        dtype = str(series.dtype)
        if dtype != "object" and dtype != entry.pandas_dtype:  # an all-empty or mixed column is object
            wrong.append(f"{table}.{name}: {dtype}, registry {entry.pandas_dtype}")
        if dtype == "object":
            assert series.dropna().map(type).isin([str]).all(), f"{table}.{name}: object of non-text"
            assert entry.pandas_dtype == "str", f"{table}.{name}"
    assert wrong == []


def _python_type(annotation) -> type:
    """int for `Year | None`, tuple for IdList...: the type under Optional and Annotated."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return str
    if origin in (typing.Union, types.UnionType) and args:
        return _python_type(args[0])
    if origin is typing.Annotated:
        return _python_type(args[0])
    return origin or annotation


@pytest.mark.parametrize("table", list(TABLE_MODELS))
def test_stored_dtypes_follow_the_row_contract(table, dataset):
    expected = {int: "Int64", float: "float64", bool: "bool", tuple: "list", str: "str"}
    fields = TABLE_MODELS[table].model_fields
    assert {name: column(table, name).dtype for name in fields} == {
        name: expected[_python_type(field.annotation)] for name, field in fields.items()
    }
    frame = dataset.table(table)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == {
        name: column(table, name).pandas_dtype for name in fields
    }, "the Dataset holds each column in the registry's dtype"


def test_every_entry_is_described_in_english_and_french():
    empty = [key for key, entry in COLUMNS.items() if not entry.description.strip() or not entry.description_fr.strip()]
    assert empty == []
    untranslated = [key for key, entry in COLUMNS.items() if entry.description == entry.description_fr]
    assert untranslated == []


VALUES = {
    "facts.qualifier": vocabularies.QUALIFIERS,
    "facts.status": vocabularies.STATUSES,
    "facts.ai_specificity": vocabularies.AI_SPECIFICITIES,
    "facts.geo_reach": vocabularies.GEO_REACHES,
    "facts.funder": vocabularies.FUNDERS,
    "facts.scope": vocabularies.SCOPES,
    "facts.unit": vocabularies.OTHER_UNITS,
    "facts.fx_basis": vocabularies.FX_BASIS_VALUES,
    "facts.origin": (indicators.CURATED, indicators.USER),
    "fx_rates.series_id": vocabularies.FX_SERIES,
    "fx_rates.basis": vocabularies.FX_BASES,
    "regions.level": vocabularies.REGION_LEVELS,
    "sources.language": vocabularies.SOURCE_LANGUAGES,
    "pillars.origin": vocabularies.PILLAR_ORIGINS,
    "indicators.unit": vocabularies.INDICATOR_UNITS,
    "actors.kind": vocabularies.ACTOR_KINDS,
    "events.kind": vocabularies.EVENT_KINDS,
    "comparison.report_status": ("reported", indicators.NOT_REPORTED),
    "audit.status": ("covered", "excluded", "uncovered"),
    "audit.kind": ("number", "ranking"),
}
"""Columns whose description lists the values they hold: each value must be named (in both languages)."""


@pytest.mark.parametrize("key", list(VALUES))
def test_a_description_names_every_value_of_its_column(key):
    entry = COLUMNS[key]
    for text in (entry.description, entry.description_fr):
        assert [value for value in VALUES[key] if value not in text] == [], text


def test_the_values_described_are_the_values_exported(exports):
    every = {}
    for frames in exports.values():
        for table, frame in frames.items():
            for name in frame.columns:
                key = column_key(table, name)
                if key in VALUES:
                    every.setdefault(key, set()).update(frame[name].dropna())
    assert set(vocabularies.FX_BASES) <= every["facts.fx_basis"] <= set(vocabularies.FX_BASIS_VALUES)
    assert every["fx_rates.basis"] == set(vocabularies.FX_BASES)
    assert every["comparison.report_status"] == {"reported", indicators.NOT_REPORTED}
    assert every["audit.status"] <= set(VALUES["audit.status"]) and every["audit.kind"] <= set(VALUES["audit.kind"])
    assert set(AuditRow.__dataclass_fields__) == {key.split(".")[1] for key in COLUMNS if key.startswith("audit.")}


def test_a_figure_stated_in_us_dollars_has_the_stated_usd_basis(dataset):
    usd = fx.convert_to_usd(dataset, dataset.facts.head(1).assign(unit="USD", funder="public"))
    assert usd["fx_basis"].tolist() == [vocabularies.STATED_USD] and usd["fx_rate"].tolist() == [1.0]


def test_labels_are_catalogue_keys():
    labels = {entry.label for entry in COLUMNS.values() if entry.label}
    for language in LANGUAGES:
        with i18n.use(language):
            assert [label for label in labels if not i18n.has(label)] == []


def test_a_french_view_describes_the_french_text_its_column_holds():
    assert describe("indicators", "name") == "Short English name."
    assert describe("indicators", "name", texts="fr") == (
        "Short French name. (A French export holds name_fr in this column.)"
    )
    assert describe("indicators", "name", language="fr", texts="fr").startswith("Nom court en français.")
    assert describe("population", "primary_or_secondary", texts="fr") == describe("population", "primary_or_secondary")
    assert describe("facts", "region_name", language="fr").startswith("Nom de la région")


def test_a_derived_table_reads_the_facts_entries_unless_it_declares_its_own():
    assert column("funding", "value") is COLUMNS["facts.value"]
    assert column("comparison", "value") is COLUMNS["comparison.value"]
    assert column("funding", "quote") is COLUMNS["quote"]
    assert column_key("audit", "quote") == "quote" and column_key("regions", "value") is None
    with pytest.raises(KeyError, match="regions.value is not in the column registry"):
        column("regions", "value")


def test_display_config_gives_each_known_column_its_header_and_format():
    config = display_config("facts", ["value_usd", "period_end", "quote", "value", "qualifier_words"])
    assert set(config) == {"value_usd", "period_end", "quote", "value"}, "a page's own columns are left to the page"
    assert (config["value_usd"].kind, config["value_usd"].format, config["value_usd"].width) == (
        "number",
        "dollar",
        "medium",
    )
    assert config["period_end"].format == "%d" and config["quote"].width == "large"
    assert config["value"].label == "column.value"
    assert display_config("comparison", ["comparable_value"])["comparable_value"].label == "column.comparable"


def test_an_unknown_dtype_or_display_is_refused():
    with pytest.raises(ValueError, match="dtype 'float'"):
        columns.Column("float", "x", "y")
    with pytest.raises(ValueError, match="display 'money'"):
        columns.Column("float64", "x", "y", display="money")


def test_the_registry_knows_every_column_of_a_facts_csv_header():
    header = (DATA_DIR / "facts.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert all(column_key("facts", name) for name in header)
