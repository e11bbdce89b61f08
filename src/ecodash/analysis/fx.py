"""Currency conversion: cited reference series (World Bank, Fed) and the rates the articles imply."""

from __future__ import annotations

import pandas as pd

from ecodash.i18n import t
from ecodash.i18n.formats import compact_number
from ecodash.i18n.formats import rate as rate_words
from ecodash.ingest.dataset import Dataset
from ecodash.schema.vocabularies import ARTICLE_IMPLIED, DEFAULT_FX_BASIS, FX_BASES, FX_SERIES, STATED_USD, money_mask

WDI, FED = FX_SERIES


def basis_label(basis: str) -> str:
    """A basis in words, in the current language (fx.basis.<basis> in the catalogue)."""
    return t(f"fx.basis.{basis}")


def series_label(series: str) -> str:
    return t(f"fx.series.{series}")


def basis_labels(dataset: Dataset) -> dict[str, tuple[str, str]]:
    """basis -> (short label, sentence), with the years the data holds ('World Bank, article year (2025)')."""
    article_years = sorted({int(y) for y in dataset.sources["published_year"].dropna()})
    years = ", ".join(map(str, article_years)) or t("fx.latest")
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
            raise KeyError(
                f"no {series} FX rate for {currency} in or before {year} (available: {', '.join(map(str, years))})"
            )
        chosen = earlier[-1]
    return float(rates.loc[rates["year"] == chosen, "units_per_usd"].iloc[0]), chosen


def no_rate_reason(currency: object, series: str, year: int | None = None) -> str:
    """Why a money figure has no USD value: no reference rate for its currency (in or before `year`)."""
    if year is None:
        return t("fx.no_reference_rate", unit=currency, series=series_label(series))
    return t("fx.no_reference_rate_year", unit=currency, series=series_label(series), year=year)


def fx_table(dataset: Dataset) -> pd.DataFrame:
    """Every FX rate ecodash can use: the cited reference series, and the rates each article implies."""
    reference = dataset.fx_rates.assign(
        basis=lambda df: df["series_id"],
        source=lambda df: df["publisher"] + " — " + df["series"],
        source_id=None,
        fact_id=None,
        derivation=t("fx.published_average"),
    )
    facts = dataset.facts
    stated = facts.loc[facts["stated_usd"].notna()]
    implied = pd.DataFrame(
        {
            "currency": stated["unit"],
            "year": pd.array([pd.NA] * len(stated), dtype="Int64"),
            "units_per_usd": stated["value"] / stated["stated_usd"],
            "basis": ARTICLE_IMPLIED,
            "source": t("fx.article_conversion"),
            "read_at": None,
            "release_date": None,
            "source_id": stated["source_id"],
            "fact_id": stated["fact_id"],
            "derivation": [
                t("fx.stated_by_article", value=compact_number(v), unit=u, usd=compact_number(usd))
                for v, u, usd in zip(stated["value"], stated["unit"], stated["stated_usd"], strict=True)
            ],
        }
    )
    columns = [
        "currency",
        "year",
        "units_per_usd",
        "basis",
        "source",
        "read_at",
        "release_date",
        "source_id",
        "fact_id",
        "derivation",
    ]
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
        try:
            rate, used = reference_rate(dataset, str(currency), series=series, year=asked)
        except KeyError:  # a currency without a cited rate stays unconverted (NaN), with the reason in words
            out.loc[group.index, "derivation"] = no_rate_reason(currency, series, asked)
            continue
        why = ""
        if series == WDI and fx_year is None:
            why = (
                t("fx.articles_year")
                if asked == used
                else (t("fx.latest_before", year=asked) if asked is not None else t("fx.undated"))
            )
        derivation = t(
            "fx.divided", rate=rate_words(rate), unit=currency, series=series_label(series), year=used, why=why
        )
        out.loc[group.index, ["rate", "year", "derivation"]] = [rate, used, derivation]
    return out


def convert_to_usd(
    dataset: Dataset,
    facts: pd.DataFrame | None = None,
    *,
    fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
) -> pd.DataFrame:
    """Facts with value_usd, fx_rate, fx_basis and fx_derivation; non-money facts get NaN (not converted)."""
    if fx_basis not in FX_BASES:
        raise ValueError(f"fx_basis must be one of {', '.join(FX_BASES)}, not {fx_basis!r}")
    facts = dataset.facts if facts is None else facts.copy()
    rate = pd.Series(float("nan"), index=facts.index, dtype="float64")
    basis = pd.Series(None, index=facts.index, dtype="object")
    derivation = pd.Series(None, index=facts.index, dtype="object")
    usd = facts["unit"] == "USD"
    rate[usd], basis[usd], derivation[usd] = 1.0, STATED_USD, t("fx.stated_in_usd")
    foreign = facts.loc[
        money_mask(facts["unit"]) & ~usd, ["fact_id", "unit", "source_id", "stated_usd"]
    ]  # all it reads
    todo = foreign
    if fx_basis == ARTICLE_IMPLIED:
        implied = fx_table(dataset).query("basis == @ARTICLE_IMPLIED")
        own = foreign["fact_id"].map(implied.set_index("fact_id")["units_per_usd"])
        stated = own.dropna().index
        rate[stated], basis[stated] = own[stated], ARTICLE_IMPLIED
        derivation[stated] = [
            t("fx.own_conversion", usd=compact_number(usd)) for usd in foreign.loc[stated, "stated_usd"].tolist()
        ]
        # the median of the article's own conversions of that currency, else of every article's; once per pool
        pools = {
            ("fx.median_this", *key): rows for key, rows in implied.groupby(["currency", "source_id"]).groups.items()
        }
        pools |= {("fx.median_all", key): rows for key, rows in implied.groupby("currency").groups.items()}
        medians: dict[tuple, tuple[float, str]] = {}
        chosen: dict[object, tuple] = {}  # fact's index -> its pool
        rest = foreign.loc[own.isna()]
        for index, unit, source in zip(rest.index, rest["unit"].tolist(), rest["source_id"].tolist(), strict=True):
            key = next((k for k in (("fx.median_this", unit, source), ("fx.median_all", unit)) if k in pools), None)
            if key is None:
                continue
            if key not in medians:
                pool = implied.loc[pools[key], "units_per_usd"]
                median = float(pool.median())
                medians[key] = median, t(key[0], rate=rate_words(median), unit=unit, n=len(pool))
            chosen[index] = key
        if chosen:
            pooled = list(chosen)
            rate[pooled], basis[pooled] = [medians[k][0] for k in chosen.values()], ARTICLE_IMPLIED
            derivation[pooled] = [medians[k][1] for k in chosen.values()]
        todo = foreign.loc[basis[foreign.index].isna()]
    if not todo.empty:
        series = FED if fx_basis == FED else WDI
        reference = _reference_for(dataset, todo, series, fx_year)
        rate[todo.index] = reference["rate"].astype("float64")
        basis[todo.index] = series
        basis[reference.index[reference["rate"].isna()]] = None  # no rate, no basis: the derivation says why
        derivation[todo.index] = [
            d
            + (
                t("fx.no_article_rate", unit=u, series=series_label(WDI))
                if fx_basis == ARTICLE_IMPLIED and pd.notna(r)
                else ""
            )
            for d, u, r in zip(reference["derivation"], todo["unit"], reference["rate"], strict=True)
        ]
    facts["fx_rate"] = rate
    facts["value_usd"] = facts["value"] / facts["fx_rate"]
    facts["fx_basis"] = basis.astype("str").where(basis.notna(), None)
    facts["fx_derivation"] = derivation.astype("str").where(derivation.notna(), None)
    return facts
