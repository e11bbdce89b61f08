"""Pure pandas functions turning the curated Dataset into comparable tables (USD, per year, region x indicator).

Long because it is the package's one table API (facts, funding, comparison, Overview), which ecodash re-exports
whole; the facts table and the comparison are kept per dataset (analysis.kept), the others start from them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ecodash import i18n
from ecodash.analysis import comparability, intensity, regions
from ecodash.analysis.fx import (  # noqa: F401 - re-exported: indicators is the package's table API
    ARTICLE_IMPLIED,
    DEFAULT_FX_BASIS,
    FX_BASES,
    basis_label,
    convert_to_usd,
    fx_table,
    reference_rate,
)
from ecodash.analysis.kept import kept
from ecodash.analysis.regions import (  # noqa: F401 - re-exported: indicators is the package's table API
    region_descendants,
    reporting_members,
)
from ecodash.i18n import t
from ecodash.i18n.formats import compact_number, format_fact, scope_label
from ecodash.ingest.dataset import Dataset, localized
from ecodash.schema.vocabularies import COMPARABILITY_DIMENSIONS, NOT_YET, money_mask

NOT_REPORTED = "not_reported"
"""report_status of a region x indicator pair the articles give no figure for (a data value; shown as
t("common.not_reported"))."""
FUNDING_PER_YEAR = "funding_per_year"
DIMENSION_COLUMNS = list(COMPARABILITY_DIMENSIONS)

FACTS_EXPORT_COLUMNS = [
    "fact_id",
    "region_id",
    "region_name",
    "indicator_id",
    "indicator_name",
    "category",
    "value",
    "unit",
    "qualifier",
    "status",
    "ai_specificity",
    "geo_reach",
    "funder",
    "pillar_ids",
    "value_usd",
    "period_start",
    "period_end",
    "source_id",
    "quote",
    "quote_en",
    # beyond the contract: everything a researcher needs to redo the numbers
    "scope",
    "duration_years",
    "instrument_id",
    "stated_usd",
    "fx_rate",
    "fx_basis",
    "fx_derivation",
    "value_label",
    "note",
    "note_fr",
    "origin",
]

CURATED, USER = "curated", "user"
"""origin of a figure: from data/ (curated) or added by the reader in this session (user); data values, shown
with the words of yours.origin.<origin>."""


def funding_per_year_name() -> str:
    """The derived indicator's name in the current language."""
    return t("indicator.funding_per_year")


def fact_labels(values: pd.Series, units: pd.Series, qualifiers: pd.Series, statuses: pd.Series) -> list[str]:
    """format_fact of each row, worked out once per distinct (value, unit, qualifier, status)."""
    labels: dict[tuple, str] = {}
    rows = zip(values.tolist(), units.tolist(), qualifiers.tolist(), statuses.tolist(), strict=True)
    return [labels[row] if row in labels else labels.setdefault(row, format_fact(*row)) for row in rows]


def facts_table(dataset: Dataset, *, fx_basis: str = DEFAULT_FX_BASIS, fx_year: int | None = None) -> pd.DataFrame:
    """The facts as researchers export them: names joined, USD added, qualifier label kept.

    Built once per dataset, language, FX basis and year; each call returns its own copy."""
    return kept(
        dataset, ("facts", fx_basis, fx_year), lambda: _facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    )


def _facts_table(dataset: Dataset, *, fx_basis: str, fx_year: int | None) -> pd.DataFrame:
    dataset = localized(dataset, i18n.current())  # names, definitions and notes in the reader's language
    facts = convert_to_usd(dataset, fx_basis=fx_basis, fx_year=fx_year)
    names = dataset.regions.set_index("region_id")["name"]
    indicators = dataset.indicators.set_index("indicator_id")
    facts["region_name"] = facts["region_id"].map(names)
    facts["indicator_name"] = facts["indicator_id"].map(indicators["name"])
    facts["category"] = facts["indicator_id"].map(indicators["category"])
    facts["value_label"] = fact_labels(facts["value"], facts["unit"], facts["qualifier"], facts["status"])
    facts["origin"] = dataset.is_contributed("facts", facts["fact_id"]).map({True: USER, False: CURATED})
    return facts[FACTS_EXPORT_COLUMNS].reset_index(drop=True)


def _per_year(
    value: float, number: str, unit: str, scope: str, duration: object, start: object, end: object
) -> tuple[float, str]:
    """(value per year, how it was derived) for one money fact (`number`: its value in words, compact_number);
    NaN where a per-year figure would be invented."""
    stated = f"{number} {unit}"
    if scope == "per_year":
        return value, t("per_year.stated", stated=stated)
    if scope == "multi_year":
        years = int(duration)
        return value / years, t("per_year.multi_year", stated=stated, years=years)
    if scope == "cumulative":
        if pd.isna(end):
            return float("nan"), t("per_year.cumulative_open", stated=stated, start=start)
        years = int(end) - int(start) + 1
        return value / years, t("per_year.cumulative", stated=stated, start=start, end=end, years=years)
    if scope == "per_recipient":
        return float("nan"), t("per_year.cap", stated=stated)
    return float("nan"), t("per_year.other", stated=stated, scope=scope_label(scope))


def _compact_numbers(values: list[float]) -> list[str]:
    """compact_number of each value, worked out once per distinct value (a zero each time: -0.0 == 0.0)."""
    texts: dict[float, str] = {}
    return [
        texts[value]
        if value in texts
        else (texts.setdefault(value, compact_number(value)) if value else compact_number(value))
        for value in values
    ]


def _with_instrument_names(dataset: Dataset, money: pd.DataFrame) -> pd.DataFrame:
    """`money` (per_year_rows) with each fact's programme name, in the language `dataset` holds."""
    instruments = dataset.instruments.set_index("instrument_id")["name"]
    # A figure outside any named programme is labelled by what it measures.
    money["instrument_name"] = money["instrument_id"].map(instruments).astype("str").fillna(money["indicator_name"])
    return money


def _per_year_rows(facts: pd.DataFrame) -> pd.DataFrame:
    """The money facts of a facts_table with their funding view, per-year figure and derivation."""
    money = facts.loc[money_mask(facts["unit"])].copy()
    values = money["value"].tolist()
    numbers = _compact_numbers(values)
    columns = ["unit", "scope", "duration_years", "period_start", "period_end"]
    per_year = [_per_year(*fact) for fact in zip(values, numbers, *(money[c].tolist() for c in columns), strict=True)]
    money["funding_view"] = money["scope"].map({scope: scope_label(scope) for scope in money["scope"].unique()})
    money["per_year_value"] = pd.Series([p[0] for p in per_year], index=money.index, dtype="float64")
    money["per_year_usd"] = money["per_year_value"] / money["fx_rate"]
    money["derivation"] = [
        f"{how}; {fx}" for (_, how), fx in zip(per_year, money["fx_derivation"].tolist(), strict=True)
    ]
    return money


def per_year_rows(
    dataset: Dataset, *, fx_basis: str = DEFAULT_FX_BASIS, fx_year: int | None = None, facts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The money facts with their funding view, per-year figure and derivation: what the funding table and the
    comparison's funding-per-year rows start from. Built once per dataset, language and FX choice, unless the
    caller gives its own `facts` (a facts_table of the same dataset and FX choice)."""
    if facts is not None:
        return _per_year_rows(facts)
    return kept(
        dataset,
        ("per_year_rows", fx_basis, fx_year),
        lambda: _per_year_rows(facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)),
    )


def funding_table(
    dataset: Dataset,
    *,
    fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
    facts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every money fact with its funding view, USD value and, where honest, a per-year figure and derivation.

    `facts`: the facts_table of the same dataset, FX choice and language when the caller has it already (an
    export of every table builds it once); it is not modified."""
    money = _with_instrument_names(dataset, per_year_rows(dataset, fx_basis=fx_basis, fx_year=fx_year, facts=facts))
    money = intensity.add_per_million(
        dataset, money, value_columns=["value_usd", "per_year_usd"], derivation_column="derivation"
    )
    # caps, annual budgets and totals are compared only within their own funding view
    money = comparability.annotate(money, group="funding_view")
    columns = [
        "fact_id",
        "region_id",
        "region_name",
        "instrument_id",
        "instrument_name",
        "indicator_id",
        "indicator_name",
        "funding_view",
        "scope",
        "value",
        "unit",
        "qualifier",
        *DIMENSION_COLUMNS,
        "value_label",
        "value_usd",
        "per_year_value",
        "per_year_usd",
        "fx_rate",
        "fx_basis",
        "derivation",
        "duration_years",
        "period_start",
        "period_end",
        "source_id",
        "quote",
        "quote_en",
        "stated_usd",
        "value_usd_per_million",
        "per_year_usd_per_million",
        "per_million_derivation",
        *intensity.POPULATION_COLUMNS,
        *comparability.ANNOTATION_COLUMNS,
        "origin",
    ]
    return money[columns].reset_index(drop=True)


def _funding_per_year_rows(funding: pd.DataFrame) -> pd.DataFrame:
    """Money facts (`funding`: per_year_rows) restated per year where that is honest, as comparison rows."""
    funding = funding.loc[funding["per_year_value"].notna()].reset_index(drop=True)
    return pd.DataFrame(
        {
            "fact_id": funding["fact_id"],
            "region_id": funding["region_id"],
            "indicator_id": FUNDING_PER_YEAR,
            "indicator_name": funding_per_year_name(),
            "category": "funding",
            "value": funding["per_year_value"],
            "unit": funding["unit"],
            "qualifier": funding["qualifier"],
            **{column: funding[column] for column in DIMENSION_COLUMNS},
            "value_label": [
                t("comparison.per_year_label", label=label)
                for label in fact_labels(
                    funding["per_year_value"], funding["unit"], funding["qualifier"], funding["status"]
                )
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
            "origin": funding["origin"],
        }
    )


def comparison_long(
    dataset: Dataset,
    *,
    region_ids: list[str] | None = None,
    fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
    include_subregions: bool = True,
    include_derived: bool = True,
    annotated: bool = True,
    facts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tidy region x indicator table: one row per fact, plus one 'not reported' row per empty pair (never 0).

    With `annotated`, each row carries its comparability class and how it differs from its indicator's
    headline kind (comparability.annotate); a caller grouping the rows otherwise annotates them itself.

    `comparable_value` / `comparable_unit` put every figure in a common unit: money in USD (at the chosen FX
    basis), everything else in its own unit. With `include_derived`, the derived indicator `funding_per_year`
    adds each money fact that can honestly be put per year (annual budgets as stated, multi-year totals
    divided by their years), keeping its qualifier and `derivation`. With `include_subregions`, a city's facts count
    towards its province (reported_for names the city; the rule of analysis.regions); national figures never count
    towards a province or vice versa.

    `facts`: the facts_table of the same dataset, FX choice and language when the caller has it already (an
    export of every table builds it once); it is not modified. Without it, the table is built once per dataset,
    language and arguments (each call returns its own copy).
    """
    options = {
        # the focus regions asked for by name or by default are one table
        "region_ids": tuple(dataset.focus_region_ids() if region_ids is None else region_ids),
        "fx_basis": fx_basis,
        "fx_year": fx_year,
        "include_subregions": include_subregions,
        "include_derived": include_derived,
    }
    if facts is not None:
        long = _comparison_long(dataset, facts=facts, **options)
        return comparability.annotate(long) if annotated else long
    key = ("comparison_long", *options.values(), annotated)
    if annotated:  # the annotated table starts from the other
        return kept(dataset, key, lambda: comparability.annotate(comparison_long(dataset, **options, annotated=False)))
    return kept(dataset, key, lambda: _comparison_long(dataset, **options))


def _comparison_long(
    dataset, *, region_ids, fx_basis, fx_year, include_subregions, include_derived, facts=None
) -> pd.DataFrame:
    dataset = localized(dataset, i18n.current())
    region_ids = list(region_ids)
    money = per_year_rows(dataset, fx_basis=fx_basis, fx_year=fx_year, facts=facts)
    if facts is None:
        facts = facts_table(dataset, fx_basis=fx_basis, fx_year=fx_year)
    names = dataset.regions.set_index("region_id")["name"]
    indicators = dataset.indicators
    if include_derived:
        facts = pd.concat([_funding_per_year_rows(money), facts])
        indicators = pd.concat(
            [
                pd.DataFrame(
                    [{"indicator_id": FUNDING_PER_YEAR, "name": funding_per_year_name(), "category": "funding"}]
                ),
                indicators,
            ]
        )
    # placed and ordered by their row in `facts` alone; every other column is taken once, in the final order
    facts = facts.reset_index(drop=True)
    rows = pd.DataFrame({c: facts[c] for c in ("region_id", "geo_reach", "indicator_id")}).assign(_row=facts.index)
    frames = []
    for region_id in region_ids:
        members = regions.membership(dataset, [region_id], include_subregions=include_subregions)
        reported = regions.roll_up(rows, members, figures=True)
        frames.append(reported.assign(region_name=names[region_id], report_status="reported"))
    long = pd.concat(frames, ignore_index=True) if frames else rows.iloc[0:0]
    shown = indicators.loc[indicators["indicator_id"].isin(long["indicator_id"].unique())]
    grid = pd.MultiIndex.from_product([region_ids, shown["indicator_id"]], names=["region_id", "indicator_id"])
    present = pd.MultiIndex.from_frame(long[["region_id", "indicator_id"]])
    missing = grid.difference(present).to_frame(index=False)
    missing = missing.merge(
        shown[["indicator_id", "name", "category"]].rename(columns={"name": "indicator_name"}), on="indicator_id"
    )
    missing = missing.assign(
        region_name=missing["region_id"].map(names), report_status=NOT_REPORTED, value_label=t("common.not_reported")
    )
    placed = pd.concat([long.drop(columns="geo_reach"), missing], ignore_index=True)
    row_of = placed["_row"].fillna(-1).astype("int64")  # -1: a 'not reported' row, nothing to take
    for column in ("value_usd", "value"):  # what the rows are ordered by, besides their pair
        placed[column] = facts[column].reindex(row_of).to_numpy()
    order = {rid: i for i, rid in enumerate(region_ids)}
    indicator_order = {iid: i for i, iid in enumerate(indicators["indicator_id"])}
    placed = placed.sort_values(
        ["region_id", "indicator_id", "value_usd", "value"],
        key=lambda s: (
            s.map(order) if s.name == "region_id" else s.map(indicator_order) if s.name == "indicator_id" else s
        ),
        ascending=[True, True, False, False],
        na_position="last",
    ).reset_index(drop=True)
    columns = [
        "region_id",
        "region_name",
        "indicator_id",
        "indicator_name",
        "category",
        "report_status",
        "reported_for",
        "fact_id",
        "instrument_name",
        "value",
        "unit",
        "qualifier",
        *DIMENSION_COLUMNS,
        "value_label",
        "value_usd",
        "comparable_value",
        "comparable_unit",
        "fx_rate",
        "fx_basis",
        "fx_derivation",
        "derivation",
        "period_start",
        "period_end",
        "scope",
        "source_id",
        "quote",
        "quote_en",
        "origin",
    ]
    # per-inhabitant columns (comparable_value_per_million, per_million_derivation, population...) come after
    said = ["indicator_name", "category", "value_label"]  # what a 'not reported' row says of its pair
    taken = facts.reindex(columns=[c for c in columns if c in facts.columns and (c in said or c not in placed)])
    taken = taken.reindex(placed["_row"].fillna(-1).astype("int64")).reset_index(drop=True)
    for column in said:
        taken[column] = taken[column].fillna(placed[column])
    out = pd.concat([placed.drop(columns=["_row", *said]), taken], axis=1)
    out = out.reindex(columns=columns)
    if out["derivation"].isna().all():  # no derived row (include_derived=False): a text column all the same
        out["derivation"] = out["derivation"].astype("str")
    facts_instruments = dataset.facts.set_index("fact_id")["instrument_id"]
    instrument_names = dataset.instruments.set_index("instrument_id")["name"]
    out["instrument_name"] = out["fact_id"].map(facts_instruments).map(instrument_names)
    is_money = money_mask(out["unit"])
    plain_money = out["derivation"].isna() & out["fx_derivation"].notna()  # a plain money fact: its conversion
    out.loc[plain_money, "derivation"] = out["value_label"] + " " + out["fx_derivation"]
    out["comparable_value"] = out["value_usd"].where(is_money, out["value"])
    out["comparable_unit"] = out["unit"].where(~is_money, "USD")
    return intensity.add_per_million(
        dataset,
        out,
        value_columns=["comparable_value"],
        derivation_column="derivation",
        indicator_of=dataset.facts.set_index("fact_id")["indicator_id"],
    )


def comparison_table(
    dataset: Dataset,
    *,
    region_ids: list[str] | None = None,
    fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
) -> pd.DataFrame:
    """Wide region x indicator matrix of labels: the largest figure of each pair, '(+N more)', or 'not reported'."""
    long = comparison_long(dataset, region_ids=region_ids, fx_basis=fx_basis, fx_year=fx_year)
    names = localized(dataset, i18n.current()).regions.set_index("region_id")["name"]
    cells = {}
    for (region, indicator), group in long.groupby(["region_name", "indicator_name"], sort=False):
        head = group.iloc[0]
        label = head["value_label"]
        if head["report_status"] == "reported" and head["difference_note"]:
            # unlike the column's headline kind: say how, right there
            label = t("comparison.unlike", label=label, how=head["difference_note"])
        if head["report_status"] == "reported" and head["reported_for"] != head["region_id"]:
            label = t("comparison.via", label=label, region=names[head["reported_for"]])
        if head.get("origin") == USER:
            label = t("yours.mark_suffix", text=label)
        if len(group) > 1:
            label = t("comparison.more", label=label, n=len(group) - 1)
            if head.get("origin") != USER and (group.get("origin") == USER).any():  # one of the others is theirs
                label = t("yours.among", text=label)
        cells[(region, indicator)] = label
    wide = pd.Series(cells).unstack()
    region_names = long["region_name"].drop_duplicates().tolist()
    indicator_names = long["indicator_name"].drop_duplicates().tolist()
    return wide.reindex(index=region_names, columns=indicator_names).fillna(t("common.not_reported"))


HEADLINE_SLOTS = ("funding", "compute", "talent", "startups", "targets", "other")


def overview_cells(
    slots: dict[str, pd.DataFrame], region_ids: Sequence[str], *, shown: int
) -> dict[tuple[str, str], tuple[int, list[dict]]]:
    """(slot, region) -> (how many figures the region has in the slot, the first `shown` as row dicts, headline
    kind first): the Overview's cells, from overview_slots."""
    cells = {}
    for slot, rows in slots.items():
        for region_id in region_ids:
            mine = rows.loc[rows["region_id"] == region_id]
            ordered = mine.sort_values("in_headline_class", ascending=False, kind="stable")
            cells[(slot, region_id)] = (len(mine), ordered.head(shown).to_dict("records"))
    return cells


def overview_slots(
    dataset: Dataset,
    *,
    region_ids: list[str] | None = None,
    fx_basis: str = DEFAULT_FX_BASIS,
    fx_year: int | None = None,
) -> dict[str, pd.DataFrame]:
    """The overview's rows: per slot, every figure of the regions (a city's own figures roll up), annotated.

    funding: money per year (stated, or a multi-year total ÷ its years); compute, talent, startups: that
    category's achieved or committed figures; targets: targets and proposals; other: the remaining achieved or
    committed figures outside funding. Within a slot, comparability.annotate picks the headline class (the kind
    most regions report, then the firmest) and says how every other figure differs from it. Rows come headline
    class first, then largest comparable value first.
    """
    long = comparison_long(dataset, region_ids=region_ids, fx_basis=fx_basis, fx_year=fx_year, annotated=False)
    reported = long["report_status"] == "reported"
    real = ~long["status"].isin(NOT_YET)
    derived = long["indicator_id"] == FUNDING_PER_YEAR
    shown = {"compute", "talent", "startups", "funding"}
    picks = {
        "funding": derived,
        "compute": real & (long["category"] == "compute"),
        "talent": real & (long["category"] == "talent"),
        "startups": real & (long["category"] == "startups"),
        "targets": ~real & ~derived,
        "other": real & ~long["category"].isin(shown),
    }
    # each slot annotated and ordered on what annotate reads and the order's value; its rows then taken once
    read = long[[*comparability.ANNOTATE_READS, "comparable_value"]]
    slots = {}
    for slot, mask in picks.items():
        chosen = np.flatnonzero((reported & mask).to_numpy())
        annotated = comparability.annotate(read.iloc[chosen].reset_index(drop=True).assign(slot=slot), group="slot")
        annotated = annotated.sort_values(
            ["in_headline_class", "comparable_value"], ascending=[False, False], na_position="last", kind="stable"
        ).reset_index()
        rows = long.iloc[chosen[annotated["index"].to_numpy()]].reset_index(drop=True).assign(slot=slot)
        for column in comparability.ANNOTATION_COLUMNS:
            rows[column] = annotated[column]
        slots[slot] = rows
    return slots


COMPARISON_VIEW_COLUMNS = [
    "region_id",
    "region_name",
    "reported_for",
    "indicator_id",
    "indicator_name",
    "fact_id",
    "value",
    "unit",
    "qualifier",
    *DIMENSION_COLUMNS,
    "value_label",
    "comparable_value",
    "comparable_unit",
    "derivation",
    "comparability_class",
    "class_label",
    "in_headline_class",
    "difference_note",
    "comparable_value_per_million",
    "per_million_derivation",
    "population",
    "population_year",
    "population_source",
    "population_is_secondary",
    "source_id",
    "quote",
    "quote_en",
    "origin",
]


def comparison_view_export(long: pd.DataFrame) -> pd.DataFrame:
    """The rows of a comparison view as researchers download them: dimensions, class, difference notes."""
    return long.reindex(columns=COMPARISON_VIEW_COLUMNS).reset_index(drop=True)


FACT_FILTERS = (
    "region_id",
    "indicator_id",
    "category",
    "qualifier",
    "status",
    "ai_specificity",
    "geo_reach",
    "source_id",
)


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
