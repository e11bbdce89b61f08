"""Pure pandas functions turning the curated Dataset into comparable tables (USD, per year, region x indicator)."""

from __future__ import annotations

import pandas as pd

from ecodash.dataset import Dataset
from ecodash.formatting import SCOPE_LABELS, compact_number, format_fact
from ecodash.models import CURRENCY_UNITS

REFERENCE = "reference"
ARTICLE_IMPLIED = "article_implied"
FX_BASES = (REFERENCE, ARTICLE_IMPLIED)
FX_BASIS_LABELS = {
    REFERENCE: "reference rate (Federal Reserve G.5A annual average)",
    ARTICLE_IMPLIED: "rate implied by the article's own USD conversion",
}
NOT_REPORTED = "not reported"
FUNDING_PER_YEAR = "funding_per_year"
FUNDING_PER_YEAR_NAME = "Funding per year, incl. annualised totals (derived)"

FACTS_EXPORT_COLUMNS = [
    "fact_id", "region_id", "region_name", "indicator_id", "indicator_name", "category", "value", "unit",
    "qualifier", "value_usd", "period_start", "period_end", "source_id", "quote", "quote_en",
    # beyond the contract: everything a researcher needs to redo the numbers
    "scope", "duration_years", "instrument_id", "stated_usd", "fx_rate", "fx_basis", "fx_derivation",
    "value_label", "note",
]  # fmt: skip


def region_descendants(dataset: Dataset, region_id: str) -> list[str]:
    """The region itself and every region below it (Guangdong -> Guangdong, Shenzhen)."""
    regions = dataset.regions
    found, frontier = [region_id], [region_id]
    while frontier:
        children = regions.loc[regions["parent_id"].isin(frontier), "region_id"].tolist()
        found += children
        frontier = children
    return found


def reporting_members(dataset: Dataset, region_id: str) -> list[str]:
    """The region and, for a province or municipality, the cities in it: Hangzhou reports for Zhejiang.

    A country never takes its provinces' or cities' figures (national figures stay national).
    """
    regions = dataset.regions.set_index("region_id")
    if regions.loc[region_id, "level"] not in {"province", "municipality"}:
        return [region_id]
    return [
        member
        for member in region_descendants(dataset, region_id)
        if member == region_id or regions.loc[member, "level"] == "city"
    ]


def fx_table(dataset: Dataset) -> pd.DataFrame:
    """Every FX rate ecodash can use: the cited reference rates, and the rates each article implies."""
    reference = dataset.fx_rates.assign(
        basis=REFERENCE,
        source=lambda df: df["source_title"] + " — " + df["series"],
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
            "source_url": None,
            "release_date": None,
            "source_id": stated["source_id"],
            "fact_id": stated["fact_id"],
            "derivation": [
                f"{compact_number(v)} {u} ÷ {compact_number(usd)} USD stated by the article"
                for v, u, usd in zip(stated["value"], stated["unit"], stated["stated_usd"], strict=True)
            ],
        }
    )
    columns = ["currency", "year", "units_per_usd", "basis", "source", "source_url", "release_date", "source_id",
               "fact_id", "derivation"]  # fmt: skip
    return pd.concat([reference[columns], implied[columns]], ignore_index=True)


def reference_rate(dataset: Dataset, currency: str, *, fx_year: int | None = None) -> tuple[float, int]:
    """(units per USD, year) from the reference table; the latest year unless `fx_year` is given."""
    rates = dataset.fx_rates
    rates = rates.loc[rates["currency"] == currency]
    if rates.empty:
        raise KeyError(f"no reference FX rate for {currency}")
    if fx_year is None:
        fx_year = int(rates["year"].max())
    match = rates.loc[rates["year"] == fx_year]
    if match.empty:
        years = ", ".join(str(y) for y in sorted(rates["year"]))
        raise KeyError(f"no reference FX rate for {currency} in {fx_year} (available: {years})")
    return float(match["units_per_usd"].iloc[0]), fx_year


def convert_to_usd(
    dataset: Dataset, facts: pd.DataFrame | None = None, *, fx_basis: str = REFERENCE, fx_year: int | None = None
) -> pd.DataFrame:
    """Facts with value_usd, fx_rate, fx_basis and fx_derivation; non-money facts get NaN (not converted)."""
    if fx_basis not in FX_BASES:
        raise ValueError(f"fx_basis must be one of {', '.join(FX_BASES)}, not {fx_basis!r}")
    facts = dataset.facts if facts is None else facts.copy()
    implied = fx_table(dataset).query("basis == @ARTICLE_IMPLIED")
    rates, bases, derivations = [], [], []
    for fact in facts.itertuples():
        if fact.unit not in CURRENCY_UNITS:
            rates.append(float("nan"))
            bases.append(None)
            derivations.append(None)
            continue
        if fact.unit == "USD":
            rates.append(1.0)
            bases.append("stated in USD")
            derivations.append("stated in USD")
            continue
        if fx_basis == ARTICLE_IMPLIED:
            own = implied.loc[implied["fact_id"] == fact.fact_id, "units_per_usd"]
            same_source = implied.loc[
                (implied["currency"] == fact.unit) & (implied["source_id"] == fact.source_id), "units_per_usd"
            ]
            any_source = implied.loc[implied["currency"] == fact.unit, "units_per_usd"]
            if not own.empty:
                rates.append(float(own.iloc[0]))
                bases.append(ARTICLE_IMPLIED)
                derivations.append(f"the article's own conversion ({compact_number(fact.stated_usd)} USD)")
                continue
            for pool, where in ((same_source, "this article"), (any_source, "the articles")):
                if not pool.empty:
                    rate = float(pool.median())
                    rates.append(rate)
                    bases.append(ARTICLE_IMPLIED)
                    derivations.append(
                        f"÷ {rate:,.4f} {fact.unit}/USD, median rate implied by {where}' own conversions"
                        f" ({len(pool)})"
                    )
                    break
            else:
                rate, year = reference_rate(dataset, fact.unit, fx_year=fx_year)
                rates.append(rate)
                bases.append(REFERENCE)
                derivations.append(
                    f"÷ {rate:,.4f} {fact.unit}/USD (Federal Reserve G.5A, {year}); no article states a "
                    f"{fact.unit} conversion, so the reference rate is used"
                )
            continue
        rate, year = reference_rate(dataset, fact.unit, fx_year=fx_year)
        rates.append(rate)
        bases.append(REFERENCE)
        derivations.append(f"÷ {rate:,.4f} {fact.unit}/USD (Federal Reserve G.5A annual average, {year})")
    facts["fx_rate"] = pd.Series(rates, index=facts.index, dtype="float64")
    facts["value_usd"] = facts["value"] / facts["fx_rate"]
    facts["fx_basis"] = pd.Series(bases, index=facts.index, dtype="str")
    facts["fx_derivation"] = pd.Series(derivations, index=facts.index, dtype="str")
    return facts


def facts_table(dataset: Dataset, *, fx_basis: str = REFERENCE, fx_year: int | None = None) -> pd.DataFrame:
    """The facts as researchers export them: names joined, USD added, qualifier label kept."""
    facts = convert_to_usd(dataset, fx_basis=fx_basis, fx_year=fx_year)
    regions = dataset.regions.set_index("region_id")["name_en"]
    indicators = dataset.indicators.set_index("indicator_id")
    facts["region_name"] = facts["region_id"].map(regions)
    facts["indicator_name"] = facts["indicator_id"].map(indicators["name"])
    facts["category"] = facts["indicator_id"].map(indicators["category"])
    facts["value_label"] = [
        format_fact(v, u, q) for v, u, q in zip(facts["value"], facts["unit"], facts["qualifier"], strict=True)
    ]
    return facts[FACTS_EXPORT_COLUMNS].reset_index(drop=True)


def _per_year(fact: pd.Series) -> tuple[float, str]:
    """(value per year, how it was derived) for one money fact; NaN where a per-year figure would be invented."""
    stated = f"{compact_number(fact['value'])} {fact['unit']}"
    scope = fact["scope"]
    if scope == "per_year":
        return fact["value"], f"{stated} per year, as stated"
    if scope == "multi_year":
        years = int(fact["duration_years"])
        return fact["value"] / years, f"{stated} over {years} years ÷ {years}"
    if scope == "cumulative":
        start, end = fact["period_start"], fact["period_end"]
        if pd.isna(end):
            return float("nan"), f"{stated} cumulative since {start}; end year not stated, so not annualised"
        years = int(end) - int(start) + 1
        return fact["value"] / years, f"{stated} cumulative {start}–{end} ÷ {years} years"
    if scope == "per_recipient":
        return float("nan"), f"{stated} is a cap per recipient, not an annual budget"
    return float("nan"), f"{stated}: {SCOPE_LABELS[scope]}, not annualised"


def funding_table(dataset: Dataset, *, fx_basis: str = REFERENCE, fx_year: int | None = None) -> pd.DataFrame:
    """Every money fact with its funding view, USD value and, where honest, a per-year figure and derivation."""
    facts = facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    money = facts.loc[facts["unit"].isin(CURRENCY_UNITS)].copy()
    instruments = dataset.instruments.set_index("instrument_id")["name"]
    per_year = [_per_year(row) for _, row in money.iterrows()]
    money["funding_view"] = money["scope"].map(SCOPE_LABELS)
    # A figure outside any named programme is labelled by what it measures.
    money["instrument_name"] = money["instrument_id"].map(instruments).fillna(money["indicator_name"])
    money["per_year_value"] = pd.Series([p[0] for p in per_year], index=money.index, dtype="float64")
    money["per_year_usd"] = money["per_year_value"] / money["fx_rate"]
    money["derivation"] = [f"{how}; {fx}" for (_, how), fx in zip(per_year, money["fx_derivation"], strict=True)]
    columns = ["fact_id", "region_id", "region_name", "instrument_id", "instrument_name", "indicator_id",
               "indicator_name", "funding_view", "scope", "value", "unit", "qualifier", "value_label", "value_usd",
               "per_year_value", "per_year_usd", "fx_rate", "fx_basis", "derivation", "duration_years",
               "period_start", "period_end", "source_id", "quote", "quote_en", "stated_usd"]  # fmt: skip
    return money[columns].reset_index(drop=True)


def _funding_per_year_rows(dataset: Dataset, *, fx_basis: str, fx_year: int | None) -> pd.DataFrame:
    """Money facts restated per year (only where funding_table could derive it), as comparison rows."""
    funding = funding_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    funding = funding.loc[funding["per_year_value"].notna()]
    return pd.DataFrame(
        {
            "fact_id": funding["fact_id"],
            "region_id": funding["region_id"],
            "indicator_id": FUNDING_PER_YEAR,
            "indicator_name": FUNDING_PER_YEAR_NAME,
            "category": "funding",
            "value": funding["per_year_value"],
            "unit": funding["unit"],
            "qualifier": funding["qualifier"],
            "value_label": [
                f"{format_fact(v, u, q)} / year"
                for v, u, q in zip(funding["per_year_value"], funding["unit"], funding["qualifier"], strict=True)
            ],
            "value_usd": funding["per_year_usd"],
            "fx_rate": funding["fx_rate"],
            "fx_basis": funding["fx_basis"],
            "derivation": funding["derivation"],
            "period_start": funding["period_start"],
            "period_end": funding["period_end"],
            "scope": "per_year",
            "source_id": funding["source_id"],
            "quote": funding["quote"],
            "quote_en": funding["quote_en"],
        }
    )


def comparison_long(
    dataset: Dataset,
    *,
    region_ids: list[str] | None = None,
    fx_basis: str = REFERENCE,
    fx_year: int | None = None,
    include_subregions: bool = True,
    include_derived: bool = True,
) -> pd.DataFrame:
    """Tidy region x indicator table: one row per fact, plus one 'not reported' row per empty pair (never 0).

    `comparable_value` / `comparable_unit` put every figure in a common unit: money in USD (at the chosen FX
    basis), everything else in its own unit. With `include_derived`, the derived indicator `funding_per_year`
    adds each money fact that can honestly be put per year (annual budgets as stated, multi-year totals
    divided by their years), keeping its qualifier and `derivation`. With `include_subregions`, a city's facts count towards its
    province (reported_for names the city); national figures never count towards a province or vice versa.
    """
    region_ids = dataset.focus_region_ids() if region_ids is None else list(region_ids)
    facts = facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    regions = dataset.regions.set_index("region_id")["name_en"]
    indicators = dataset.indicators
    if include_derived:
        facts = pd.concat([_funding_per_year_rows(dataset, fx_basis=fx_basis, fx_year=fx_year), facts])
        indicators = pd.concat([pd.DataFrame([{"indicator_id": FUNDING_PER_YEAR, "name": FUNDING_PER_YEAR_NAME,
                                               "category": "funding"}]), indicators])  # fmt: skip
    frames = []
    for region_id in region_ids:
        members = reporting_members(dataset, region_id) if include_subregions else [region_id]
        reported = facts.loc[facts["region_id"].isin(members)].rename(columns={"region_id": "reported_for"})
        reported = reported.assign(region_id=region_id, region_name=regions[region_id], status="reported")
        frames.append(reported)
    long = pd.concat(frames, ignore_index=True) if frames else facts.iloc[0:0]
    shown = indicators.loc[indicators["indicator_id"].isin(long["indicator_id"])]
    grid = pd.MultiIndex.from_product([region_ids, shown["indicator_id"]], names=["region_id", "indicator_id"])
    present = pd.MultiIndex.from_frame(long[["region_id", "indicator_id"]])
    missing = grid.difference(present).to_frame(index=False)
    missing = missing.merge(
        shown[["indicator_id", "name", "category"]].rename(columns={"name": "indicator_name"}), on="indicator_id"
    )
    missing = missing.assign(region_name=missing["region_id"].map(regions), status=NOT_REPORTED,
                             value_label=NOT_REPORTED)  # fmt: skip
    columns = ["region_id", "region_name", "indicator_id", "indicator_name", "category", "status", "reported_for",
               "fact_id", "instrument_name", "value", "unit", "qualifier", "value_label", "value_usd",
               "comparable_value",
               "comparable_unit", "fx_rate", "fx_basis", "fx_derivation", "derivation", "period_start",
               "period_end", "scope", "source_id", "quote", "quote_en"]  # fmt: skip
    out = pd.concat([long, missing], ignore_index=True).reindex(columns=columns)
    facts_instruments = dataset.facts.set_index("fact_id")["instrument_id"]
    instrument_names = dataset.instruments.set_index("instrument_id")["name"]
    out["instrument_name"] = out["fact_id"].map(facts_instruments).map(instrument_names)
    is_money = out["unit"].isin(CURRENCY_UNITS)
    out["derivation"] = out["derivation"].fillna(out["fx_derivation"])  # a plain money fact: its conversion
    out["comparable_value"] = out["value_usd"].where(is_money, out["value"])
    out["comparable_unit"] = out["unit"].where(~is_money, "USD")
    order = {rid: i for i, rid in enumerate(region_ids)}
    indicator_order = {iid: i for i, iid in enumerate(indicators["indicator_id"])}
    out = out.sort_values(
        ["region_id", "indicator_id", "value_usd", "value"],
        key=lambda s: s.map(order) if s.name == "region_id" else s.map(indicator_order)
        if s.name == "indicator_id" else s,
        ascending=[True, True, False, False],
        na_position="last",
    )
    return out.reset_index(drop=True)


def comparison_table(
    dataset: Dataset, *, region_ids: list[str] | None = None, fx_basis: str = REFERENCE, fx_year: int | None = None
) -> pd.DataFrame:
    """Wide region x indicator matrix of labels: the largest figure of each pair, '(+N more)', or 'not reported'."""
    long = comparison_long(dataset, region_ids=region_ids, fx_basis=fx_basis, fx_year=fx_year)
    cells = {}
    for (region, indicator), group in long.groupby(["region_name", "indicator_name"], sort=False):
        head = group.iloc[0]
        label = head["value_label"]
        if head["status"] == "reported" and head["reported_for"] != head["region_id"]:
            label += f" ({dataset.regions.set_index('region_id').loc[head['reported_for'], 'name_en']})"
        if len(group) > 1:
            label += f" (+{len(group) - 1} more)"
        cells[(region, indicator)] = label
    wide = pd.Series(cells).unstack()
    region_names = long["region_name"].drop_duplicates().tolist()
    indicator_names = long["indicator_name"].drop_duplicates().tolist()
    return wide.reindex(index=region_names, columns=indicator_names).fillna(NOT_REPORTED)


HEADLINE_SLOTS = ("funding", "compute", "talent", "startups", "targets", "other")


def region_headlines(
    dataset: Dataset, region_id: str, *, fx_basis: str = REFERENCE, fx_year: int | None = None
) -> dict[str, pd.DataFrame]:
    """Headline figures of a region (with its cities), one small table per slot; an empty table = not reported.

    funding: the largest per-year commitment in USD; compute, talent, startups: the figures of that category
    that are not targets; targets: target facts, soonest target year first; other: the remaining figures (not funding), so that a
    region whose articles report none of the above still shows what they do report.
    """
    members = reporting_members(dataset, region_id)
    facts = facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    facts = facts.loc[facts["region_id"].isin(members)]
    achieved = facts.loc[~facts["qualifier"].str.startswith("target")]
    funding = funding_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    funding = funding.loc[funding["region_id"].isin(members) & funding["per_year_usd"].notna()]
    funding = funding.sort_values("per_year_usd", ascending=False).head(1)
    targets = facts.loc[facts["qualifier"].str.startswith("target")].sort_values("period_end", na_position="last")
    shown = {"compute", "talent", "startups", "funding"}
    other = achieved.loc[~achieved["category"].isin(shown)]
    return {
        "funding": funding.reset_index(drop=True),
        "compute": achieved.loc[achieved["category"] == "compute"].reset_index(drop=True),
        "talent": achieved.loc[achieved["category"] == "talent"].reset_index(drop=True),
        "startups": achieved.loc[achieved["category"] == "startups"].reset_index(drop=True),
        "targets": targets.reset_index(drop=True),
        "other": other.reset_index(drop=True),
    }


FACT_FILTERS = ("region_id", "indicator_id", "category", "qualifier", "source_id")


def filter_facts(facts: pd.DataFrame, **choices: list[str] | None) -> pd.DataFrame:
    """Rows of a facts table whose columns take one of the chosen values; an empty/None choice keeps all.

    filter_facts(facts, region_id=["shanghai"], qualifier=["target"]) -> Shanghai's targets.
    """
    unknown = set(choices) - set(FACT_FILTERS)
    if unknown:
        raise KeyError(f"cannot filter facts by {', '.join(sorted(unknown))}; filters: {', '.join(FACT_FILTERS)}")
    mask = pd.Series(True, index=facts.index)
    for column, values in choices.items():
        if values:
            mask &= facts[column].isin(list(values))
    return facts.loc[mask].reset_index(drop=True)
