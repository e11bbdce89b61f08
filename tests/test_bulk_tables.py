"""Edge cases of the derived tables now computed in bulk (per pool, per kind, per column, not per row), pinned to
figures worked out by hand: article-implied FX pools, FX year fallback, per-year funding, CSV number text."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ecodash.analysis import indicators
from ecodash.i18n import t
from ecodash.i18n.formats import rate as rate_words
from ecodash.ingest.dataset import Dataset
from ecodash.io import export

SOURCES = ("guangdong_ai_robotics_plan", "shanghai_ai_manufacturing_plan", "china_open_source_strategy")


def _with_facts(dataset: Dataset, rows: list[dict]) -> Dataset:
    """The curated dataset with its facts replaced by `rows` (each a copy of the first curated fact, edited)."""
    template = dataset.facts.iloc[[0] * len(rows)].reset_index(drop=True)
    for i, row in enumerate(rows):
        for column, value in row.items():
            template.loc[i, column] = value
    tables = {name: dataset.table(name) for name in Dataset.TABLES}
    tables["facts"] = template
    return Dataset(tables, dict(dataset.seeds), dataset.data_dir, key=f"{dataset.key}#bulk-test")


def _fact(fact_id: str, source: str, value: float, unit: str = "CNY", stated_usd: float = math.nan, **more) -> dict:
    return {"fact_id": fact_id, "source_id": source, "value": value, "unit": unit, "stated_usd": stated_usd, **more}


def test_article_implied_rates_come_from_the_right_pool(dataset):
    a, b, c = SOURCES
    ds = _with_facts(
        dataset,
        [
            _fact("own_a", a, 700.0, stated_usd=100.0),  # 7.0 CNY per USD, its own
            _fact("own_a2", a, 740.0, stated_usd=100.0),  # 7.4
            _fact("own_b", b, 760.0, stated_usd=100.0),  # 7.6
            _fact("pooled_a", a, 1440.0),  # article a's median: (7.0 + 7.4) / 2 = 7.2 over 2 conversions
            _fact("pooled_all", c, 740.0),  # article c states none: every article's median, 7.4 over 3
            _fact("krw", a, 1_422_440.833, unit="KRW"),  # no article states KRW: World Bank 2025, and the note says so
        ],
    )
    out = indicators.convert_to_usd(ds, fx_basis=indicators.ARTICLE_IMPLIED).set_index("fact_id")
    assert out.loc["own_a", "fx_rate"] == 7.0 and out.loc["own_a", "value_usd"] == 100.0
    assert out.loc["own_b", "value_usd"] == 100.0
    assert out.loc["pooled_a", "fx_rate"] == pytest.approx(7.2) and out.loc["pooled_a", "value_usd"] == pytest.approx(
        200
    )
    assert out.loc["pooled_a", "fx_derivation"] == t("fx.median_this", rate=rate_words(7.2), unit="CNY", n=2)
    assert out.loc["pooled_all", "fx_rate"] == pytest.approx(7.4)
    assert out.loc["pooled_all", "fx_derivation"] == t("fx.median_all", rate=rate_words(7.4), unit="CNY", n=3)
    assert set(out.loc[["own_a", "pooled_a", "pooled_all"], "fx_basis"]) == {indicators.ARTICLE_IMPLIED}
    assert out.loc["krw", "fx_basis"] == "wdi"
    assert out.loc["krw", "value_usd"] == pytest.approx(1000, rel=1e-6)
    assert "no article states a KRW conversion" in out.loc["krw", "fx_derivation"]


def test_reference_year_falls_back_and_a_missing_rate_stays_empty_with_its_reason(dataset):
    a = SOURCES[0]
    ds = _with_facts(dataset, [_fact("vnd", a, 24_164_885.833, unit="VND"), _fact("cny", a, 7.189847, unit="CNY")])
    by_article = indicators.convert_to_usd(ds).set_index("fact_id")  # article of 2025; VND is published to 2024
    assert by_article.loc["vnd", "value_usd"] == pytest.approx(1000, rel=1e-6)
    assert by_article.loc["vnd", "fx_derivation"].endswith(f"{t('fx.latest_before', year=2025)})")
    assert by_article.loc["cny", "value_usd"] == pytest.approx(1, rel=1e-6)
    too_early = indicators.convert_to_usd(ds, fx_year=2022).set_index("fact_id")  # WDI VND starts in 2023
    assert math.isnan(too_early.loc["vnd", "value_usd"]) and pd.isna(too_early.loc["vnd", "fx_basis"])
    assert too_early.loc["vnd", "fx_derivation"] == t(
        "fx.no_reference_rate_year", unit="VND", series=t("fx.series.wdi"), year=2022
    )
    fed = indicators.convert_to_usd(ds, fx_basis="fed").set_index("fact_id")  # the Fed publishes no VND rate
    assert math.isnan(fed.loc["vnd", "value_usd"]) and pd.isna(fed.loc["vnd", "fx_basis"])
    assert fed.loc["cny", "fx_rate"] == pytest.approx(7.0809)  # the Fed's latest year, 2023


def test_per_year_funding_over_years_spans_and_open_periods(dataset):
    a = SOURCES[0]
    ds = _with_facts(
        dataset,
        [
            _fact("span", a, 500.0, scope="cumulative", period_start=2020, period_end=2024),  # 5 years: 100 a year
            _fact("open", a, 500.0, scope="cumulative", period_start=2020, period_end=pd.NA),  # no end: no per-year
            _fact("multi", a, 900.0, scope="multi_year", duration_years=3),  # 300 a year
            _fact("annual", a, 40.0, scope="per_year"),
            _fact("cap", a, 50.0, scope="per_recipient"),
        ],
    )
    funding = indicators.funding_table(ds).set_index("fact_id")
    assert funding.loc["span", "per_year_value"] == 100.0
    assert funding.loc["multi", "per_year_value"] == 300.0
    assert funding.loc["annual", "per_year_value"] == 40.0
    assert math.isnan(funding.loc["open", "per_year_value"]) and math.isnan(funding.loc["cap", "per_year_value"])
    assert funding.loc["open", "derivation"].startswith(t("per_year.cumulative_open", stated="500 CNY", start=2020))
    assert funding.loc["span", "derivation"].startswith(
        t("per_year.cumulative", stated="500 CNY", start=2020, end=2024, years=5)
    )
    assert funding.loc["span", "per_year_usd"] == pytest.approx(100 / 7.18984737402171)
    per_year_rows = indicators.comparison_long(ds, region_ids=["guangdong"], annotated=False)
    derived = per_year_rows.loc[per_year_rows["indicator_id"] == indicators.FUNDING_PER_YEAR]
    assert sorted(derived["fact_id"]) == ["annual", "multi", "span"]  # never the open period or the cap


def test_csv_number_text_in_bulk():
    frame = pd.DataFrame(
        {
            "number": [1e16, -0.0, math.inf, 0.1 + 0.2, 5.0, math.nan, 123456789.5, -3.0],
            "text": pd.array(["a", None, "=b", "", "é", "x,y", None, "z"], dtype="str"),
            "mixed": [2.0, None, "x", 1.5, math.nan, True, 7, pd.NA],
            "count": pd.array([1, None, 3, 4, 5, 6, 7, 8], dtype="Int64"),
        }
    )
    assert export.to_csv_bytes(frame).decode().splitlines() == [
        "number,text,mixed,count",
        "1e+16,a,2,1",
        "0,,,",
        "inf,=b,x,3",
        "0.30000000000000004,,1.5,4",
        "5,é,,5",
        ',"x,y",True,6',
        "123456789.5,,7,7",
        "-3,z,,8",
    ]
