"""Currency conversion: cited reference series (World Bank, Fed) and the rates the articles imply."""

from __future__ import annotations

import pandas as pd

from ecodash.dataset import Dataset
from ecodash.formatting import compact_number
from ecodash.i18n import t
from ecodash.models import CURRENCY_UNITS

WDI = "wdi"
FED = "fed"
ARTICLE_IMPLIED = "article_implied"
FX_BASES = (WDI, FED, ARTICLE_IMPLIED)
DEFAULT_FX_BASIS = WDI
"""The World Bank official rate of each article's own year (sources.published_year), where a rate exists."""
FX_BASIS_LABELS = {
    WDI: "World Bank official rate (WDI), the article's year",
    FED: "Federal Reserve G.5A annual average",
    ARTICLE_IMPLIED: "rate implied by the article's own USD conversion",
}
SERIES_LABELS = {WDI: "World Bank WDI official rate", FED: "Federal Reserve G.5A annual average"}


def basis_labels(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """basis -> (short label, sentence), with the years the data holds ('World Bank, article year (2025)')."""
    article_years = sorted({int(y) for y in dataset.sources["published_year"].dropna()})
    years = ", ".join(map(str, article_years)) or "latest"
    fed_year = max(series_years(dataset, FED), default=None)
    return {
        WDI: (t("common.fx.wdi", years=years), t("common.fx_long.wdi", years=years)),
        FED: (t("common.fx.fed", year=fed_year), t("common.fx_long.fed", year=fed_year)),
        ARTICLE_IMPLIED: (t("common.fx.article_implied"), t("common.fx_long.article_implied")),
    }


def series_years(dataset: Dataset, series: str) -> list[int]:
    """Years a reference series covers, for any currency (sorted)."""
    rates = dataset.fx_rates
    return sorted({int(year) for year in rates.loc[rates["series_id"] == series, "year"]})


def reference_rate(dataset: Dataset, currency: str, *, series: str = WDI, year: int | None = None) -> tuple[float, int]:
    """(units per USD, year) of `series` for `year`, else the latest year before it; the latest year if None."""
    rates = dataset.fx_rates
    rates = rates.loc[(rates["currency"] == currency) & (rates["series_id"] == series)]
    if rates.empty:
        raise KeyError(f"no {series} FX rate for {currency}")
    years = sorted(int(y) for y in rates["year"])
    if year is None:
        chosen = years[-1]
    else:
        earlier = [y for y in years if y <= year]
        if not earlier:
            raise KeyError(f"no {series} FX rate for {currency} in or before {year} (available: "
                           f"{', '.join(map(str, years))})")  # fmt: skip
        chosen = earlier[-1]
    return float(rates.loc[rates["year"] == chosen, "units_per_usd"].iloc[0]), chosen


def fx_table(dataset: Dataset) -> pd.DataFrame:
    """Every FX rate ecodash can use: the cited reference series, and the rates each article implies."""
    reference = dataset.fx_rates.assign(
        basis=lambda df: df["series_id"],
        source=lambda df: df["publisher"] + " — " + df["series"],
        source_id=None,
        fact_id=None,
        derivation="published annual average",
    )
    facts = dataset.facts
    stated = facts.loc[facts["stated_usd"].notna()]
    implied = pd.DataFrame(
        {
            "currency": stated["unit"],
            "year": pd.array([pd.NA] * len(stated), dtype="Int64"),
            "units_per_usd": stated["value"] / stated["stated_usd"],
            "basis": ARTICLE_IMPLIED,
            "source": "article's own conversion",
            "read_at": None,
            "release_date": None,
            "source_id": stated["source_id"],
            "fact_id": stated["fact_id"],
            "derivation": [
                f"{compact_number(v)} {u} ÷ {compact_number(usd)} USD stated by the article"
                for v, u, usd in zip(stated["value"], stated["unit"], stated["stated_usd"], strict=True)
            ],
        }
    )
    columns = ["currency", "year", "units_per_usd", "basis", "source", "read_at", "release_date", "source_id",
               "fact_id", "derivation"]  # fmt: skip
    return pd.concat([reference[columns], implied[columns]], ignore_index=True)


def _reference_for(dataset: Dataset, facts: pd.DataFrame, series: str, fx_year: int | None) -> pd.DataFrame:
    """rate, year and derivation of `series` for every converted fact (index of `facts`).

    The year asked is `fx_year` when given; else, for the World Bank series, the year of the fact's article
    (sources.published_year); else the latest year published.
    """
    published = dataset.sources.set_index("source_id")["published_year"]
    wanted = pd.Series(fx_year, index=facts.index, dtype="Int64")
    if fx_year is None and series == WDI:
        wanted = facts["source_id"].map(published).astype("Int64")
    out = pd.DataFrame(index=facts.index, columns=["rate", "year", "derivation"], dtype=object)
    for (currency, year), group in facts.groupby([facts["unit"], wanted.fillna(-1)], sort=False):
        asked = None if year == -1 else int(year)
        rate, used = reference_rate(dataset, str(currency), series=series, year=asked)
        why = ""
        if series == WDI and fx_year is None:
            why = ": the article's year" if asked == used else (
                f": latest before the article's year {asked}" if asked is not None else ": article undated, latest year"
            )  # fmt: skip
        derivation = f"÷ {rate:,.4f} {currency}/USD ({SERIES_LABELS[series]}, {used}{why})"
        out.loc[group.index, ["rate", "year", "derivation"]] = [rate, used, derivation]
    return out


def convert_to_usd(
    dataset: Dataset, facts: pd.DataFrame | None = None, *, fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
) -> pd.DataFrame:  # fmt: skip
    """Facts with value_usd, fx_rate, fx_basis and fx_derivation; non-money facts get NaN (not converted)."""
    if fx_basis not in FX_BASES:
        raise ValueError(f"fx_basis must be one of {', '.join(FX_BASES)}, not {fx_basis!r}")
    facts = dataset.facts if facts is None else facts.copy()
    rate = pd.Series(float("nan"), index=facts.index, dtype="float64")
    basis = pd.Series(None, index=facts.index, dtype="object")
    derivation = pd.Series(None, index=facts.index, dtype="object")
    usd = facts["unit"] == "USD"
    rate[usd], basis[usd], derivation[usd] = 1.0, "stated in USD", "stated in USD"
    foreign = facts.loc[facts["unit"].isin(CURRENCY_UNITS) & ~usd]
    todo = foreign
    if fx_basis == ARTICLE_IMPLIED:
        implied = fx_table(dataset).query("basis == @ARTICLE_IMPLIED")
        own = foreign["fact_id"].map(implied.set_index("fact_id")["units_per_usd"])
        for index in own.dropna().index:
            rate[index], basis[index] = own[index], ARTICLE_IMPLIED
            derivation[index] = f"the article's own conversion ({compact_number(foreign.at[index, 'stated_usd'])} USD)"
        for index, fact in foreign.loc[own.isna()].iterrows():
            for pool, where in (
                (implied.loc[(implied["currency"] == fact["unit"]) & (implied["source_id"] == fact["source_id"])],
                 "this article"),
                (implied.loc[implied["currency"] == fact["unit"]], "the articles"),
            ):  # fmt: skip
                if not pool.empty:
                    median = float(pool["units_per_usd"].median())
                    rate[index], basis[index] = median, ARTICLE_IMPLIED
                    derivation[index] = (f"÷ {median:,.4f} {fact['unit']}/USD, median rate implied by {where}' own "
                                         f"conversions ({len(pool)})")  # fmt: skip
                    break
        todo = foreign.loc[basis[foreign.index].isna()]
    if not todo.empty:
        series = FED if fx_basis == FED else WDI
        reference = _reference_for(dataset, todo, series, fx_year)
        rate[todo.index] = reference["rate"].astype("float64")
        basis[todo.index] = series
        suffix = (f"; no article states a {{unit}} conversion, so the {SERIES_LABELS[WDI]} is used"
                  if fx_basis == ARTICLE_IMPLIED else "")  # fmt: skip
        derivation[todo.index] = [d + suffix.format(unit=u) for d, u in zip(reference["derivation"], todo["unit"],
                                                                              strict=True)]  # fmt: skip
    facts["fx_rate"] = rate
    facts["value_usd"] = facts["value"] / facts["fx_rate"]
    facts["fx_basis"] = basis.astype("str").where(basis.notna(), None)
    facts["fx_derivation"] = derivation.astype("str").where(derivation.notna(), None)
    return facts
