"""ecodash.ui.draw: the tables' columns as the column registry declares them, on every page and in both languages."""

from __future__ import annotations

import functools
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ecodash.i18n import LANGUAGES, t, use
from ecodash.io import export
from ecodash.ui import draw
from ecodash.ui.navigation import PAGE_SPECS
from ecodash.ui.state import YOURS_KEY
from support import DATA_DIR, _navigation_app, assert_clean, read_rows


def _bad_upload() -> dict:
    header, rows = read_rows(DATA_DIR / "facts.csv")
    row = {**rows[0], "fact_id": "my_copy", "value": "-1"}
    return {"name": "my-facts.csv", "data": export.to_csv_bytes(pd.DataFrame([row], columns=header))}


@functools.cache
def _tables(page: str, language: str) -> list[tuple[list[str], dict]]:
    """(shown columns, column config) of every table `page` draws in `language` that configures its columns."""
    at = AppTest.from_function(_navigation_app, args=(page,), default_timeout=90)
    at.query_params["lang"] = language
    if page == "yours":  # Your data draws a table for an upload: one with a problem, for its report
        at.session_state[YOURS_KEY] = _bad_upload()
    at.run()
    if page == "yours":
        assert not at.exception and at.error, "the upload's problems are reported"
    else:
        assert_clean(at)
    tables = []
    for frame in at.dataframe:
        config = json.loads(frame.proto.columns) if frame.proto.columns else {}
        config.pop("_index", None)
        if config:
            tables.append((list(frame.proto.column_order) or [str(c) for c in frame.value.columns], config))
    return tables


PAGES_AND_LANGUAGES = [(page, language) for page in PAGE_SPECS for language in LANGUAGES]


@pytest.mark.parametrize(("page", "language"), PAGES_AND_LANGUAGES)
def test_every_column_a_page_shows_has_its_header_in_the_readers_language(page, language):
    for columns, config in _tables(page, language):
        for column in columns:
            label = (config.get(column) or {}).get("label")
            assert label, f"{page} ({language}): column {column} is shown under its raw name"


def test_a_column_looks_the_same_on_every_page():
    """One declaration per column: its header and display agree wherever a table shows it (page-only tables apart)."""
    page_tables = [set(columns) for columns in draw.PAGE_TABLES.values()]
    for language in LANGUAGES:
        seen: dict[str, tuple[str, dict]] = {}
        for page in PAGE_SPECS:
            for columns, config in _tables(page, language):
                if set(columns) in page_tables:
                    continue
                for column in columns:
                    first = seen.setdefault(column, (page, config[column]))
                    assert config[column] == first[1], f"{column}: {page} shows it unlike {first[0]}"
        assert {"quote", "value_usd", "link", "region_name"} <= set(seen), "the pages' tables were read"


def test_the_tables_are_the_readers_tables_on_each_page():
    tables = {page: len(_tables(page, "en")) for page in PAGE_SPECS}
    assert tables["data"] == 1 and tables["compare"] == 1 and tables["funding"] == 1 and tables["yours"] == 1
    assert tables["sources"] == 4 and tables["profile"] >= 3  # FX, indicators, qualifiers, dimensions; a region's


def test_column_config_builds_each_display_from_the_registry_or_the_pages_own_columns():
    with use("en"):
        config = draw.column_config("facts", ["value_usd", "quote", "period_end", "link", "status_words", "value"])
        assert config["value_usd"]["label"] == t("column.value_usd")
        assert config["value_usd"]["type_config"]["format"] == "dollar" and config["value_usd"]["width"] == "medium"
        assert config["quote"]["width"] == "large" and config["quote"]["type_config"]["type"] == "text"
        assert config["period_end"]["type_config"]["format"] == "%d"
        assert config["link"]["type_config"]["display_text"] == t("sources.open_fact")
        assert config["status_words"]["label"] == t("dim.title.status")
        assert config["value"]["type_config"]["format"] == "localized"
        rates = draw.column_config("fx_rates", ["units_per_usd", "read_at"])
        assert rates["units_per_usd"]["type_config"]["format"] is None, "a rate keeps its published decimals"
        assert rates["read_at"]["type_config"]["type"] == "link" and rates["read_at"]["label"] == "Link"
        assert draw.column_config("dimensions", ["value"])["value"]["label"] == t("column.dimension_value")
    with use("fr"):
        assert draw.column_config("facts", ["quote"])["quote"]["label"] == t("column.quote", "fr")


def test_a_column_declared_nowhere_is_refused():
    with pytest.raises(KeyError, match="facts.shiny: neither in the column registry"):
        draw.column_config("facts", ["shiny"])
    with pytest.raises(KeyError):
        draw.column_config("qualifiers", ["shiny"])
