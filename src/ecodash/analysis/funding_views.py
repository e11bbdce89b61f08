"""The funding page's views (caps per recipient, per year, totals): which facts each may show and its name in words."""

from __future__ import annotations

import pandas as pd

from ecodash.analysis import intensity
from ecodash.i18n import t

# A view's words: funding.title.<view> (chart title) and funding.what.<view> (its name in notes).
FUNDING_VIEWS = {
    "per_year": {"column": "per_year_usd", "per_year": True},
    "per_recipient": {"column": "value_usd", "per_year": False},
    "total": {"column": "value_usd", "per_year": False},
}
"""Each funding view, in the order the Funding page offers them: the column it draws, and whether per year."""


def funding_what(view: str) -> str:
    """What a funding view shows, in words ('Funding per year'), for its notes."""
    return t(f"funding.what.{view}")


def funding_view_rows(
    funding: pd.DataFrame, view: str, *, per_million: bool = False, drawn_only: bool = True
) -> pd.DataFrame:
    """The facts one view may show: caps, annual (stated or annualised), or totals; never a mix.

    With `per_million`, only the figures that can be put per inhabitant, plotted per million inhabitants.
    `drawn_only=False` keeps the view's figures that have no value in US dollars (no FX rate for their currency).
    """
    if view == "per_recipient":
        rows = funding.loc[(funding["scope"] == "per_recipient")]
        usd = rows["value_usd"]
    elif view == "per_year":
        rows = funding.loc[funding["per_year_value"].notna()]
        usd = rows["per_year_usd"]
    elif view == "total":
        rows = funding.loc[funding["scope"].isin(["multi_year", "cumulative"])]
        usd = rows["value_usd"]
    else:
        raise ValueError(f"view must be one of {', '.join(FUNDING_VIEWS)}, not {view!r}")
    if drawn_only:
        rows = rows.loc[usd.notna()]
    column = FUNDING_VIEWS[view]["column"]
    if per_million:
        column = f"{column}_per_million"
        rows, _ = intensity.split_per_million(rows, column, group=None)
    return rows.assign(plotted=rows[column].astype("float64"))
