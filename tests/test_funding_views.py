"""The funding views: which facts each may show (never a mix of scopes), what it plots, and its name in words."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ecodash.analysis import indicators
from ecodash.analysis.funding_views import FUNDING_VIEWS, funding_view_rows, funding_what
from ecodash.i18n import use


@pytest.fixture(scope="module")
def funding(dataset) -> pd.DataFrame:
    return indicators.funding_table(dataset)


def test_each_view_keeps_its_own_kind_of_figure(funding):
    per_recipient = funding_view_rows(funding, "per_recipient")
    assert set(per_recipient["scope"]) == {"per_recipient"}
    assert set(per_recipient["fact_id"]) == set(funding.loc[funding["scope"] == "per_recipient", "fact_id"])
    totals = funding_view_rows(funding, "total")
    assert set(totals["scope"]) <= {"multi_year", "cumulative"} and len(totals)
    per_year = funding_view_rows(funding, "per_year")
    assert set(per_year["fact_id"]) == {"gd_core_technology_funding_per_year", "gj_additional_investment_target"}
    assert per_year["per_year_value"].notna().all()


@pytest.mark.parametrize("view", list(FUNDING_VIEWS))
def test_a_view_plots_its_declared_column(funding, view):
    rows = funding_view_rows(funding, view)
    column = FUNDING_VIEWS[view]["column"]
    assert rows["plotted"].tolist() == rows[column].astype("float64").tolist()
    assert rows["plotted"].notna().all(), "a drawn view has a value in US dollars for every row"
    assert FUNDING_VIEWS[view]["per_year"] == (view == "per_year")


def test_per_million_keeps_only_figures_that_can_be_put_per_inhabitant(funding):
    rows = funding_view_rows(funding, "per_year", per_million=True)
    assert rows["plotted"].tolist() == rows["per_year_usd_per_million"].tolist() and len(rows)
    gwangju = rows.set_index("fact_id").loc["gj_additional_investment_target"]
    assert math.isclose(gwangju["plotted"], gwangju["per_year_usd"] / gwangju["population"] * 1e6, rel_tol=1e-9)
    # a cap per recipient is not shared among inhabitants: none can be put per million
    assert funding_view_rows(funding, "per_recipient", per_million=True).empty


def test_drawn_only_false_keeps_the_figures_without_a_us_dollar_value(funding):
    unconverted = funding.copy()
    unconverted.loc[unconverted["fact_id"] == "gd_hub_subsidy_cap", "value_usd"] = float("nan")
    assert "gd_hub_subsidy_cap" not in set(funding_view_rows(unconverted, "per_recipient")["fact_id"])
    kept = funding_view_rows(unconverted, "per_recipient", drawn_only=False)
    assert "gd_hub_subsidy_cap" in set(kept["fact_id"])
    assert pd.isna(kept.set_index("fact_id").loc["gd_hub_subsidy_cap", "plotted"]), "kept, with nothing to draw"


def test_an_unknown_view_is_refused(funding):
    with pytest.raises(ValueError, match="view must be one of per_year, per_recipient, total"):
        funding_view_rows(funding, "per_month")


def test_a_view_is_named_in_the_readers_language():
    assert funding_what("per_year") == "Funding per year"
    with use("fr"):
        assert funding_what("per_year") == "Financement annuel"
    assert len({funding_what(view) for view in FUNDING_VIEWS}) == len(FUNDING_VIEWS)
