"""Intensity: regional figures per million inhabitants, with the cited population and its derivation."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ecodash import i18n
from ecodash.i18n import t
from ecodash.i18n.formats import number
from ecodash.ingest.dataset import Dataset, localized

PER_INHABITANTS = 1_000_000
PER_MILLION_SUFFIX = "_per_million"
POPULATION_COLUMNS = [
    "population_region_id",
    "population",
    "population_year",
    "population_source",
    "population_is_secondary",
]
_VIA = re.compile(r"\(([^()]*)\)\s*$")
_CITED = {
    "population": ("population", "Int64"),
    "population_year": ("year", "Int64"),
    "population_source": ("citation", "str"),
    "population_is_secondary": ("is_secondary", "boolean"),
}
"""Column of the rows -> (column of population_table, dtype): what add_per_million cites of a row's population."""


def population_table(dataset: Dataset) -> pd.DataFrame:
    """The cited populations, one row per region, with a one-line citation and whether it is secondary."""
    population = dataset.population.set_index("region_id")
    secondary = population["primary_or_secondary"].str.startswith("secondary")
    via = population["read_at"].str.extract(_VIA, expand=False)
    kind = population["primary_or_secondary"].str.replace(r"^secondary:\s*", "", regex=True)
    citation = population["publisher"] + ", " + population["definition"]
    with_via = [
        t("population.read_in", citation=k, via=v) if isinstance(v, str) else k for k, v in zip(kind, via, strict=True)
    ]
    flagged = [t("population.secondary_source", citation=c, kind=k) for c, k in zip(citation, with_via, strict=True)]
    citation = citation.where(~secondary, pd.Series(flagged, index=citation.index))
    return population.assign(is_secondary=secondary, citation=citation)


def split_per_million(frame: pd.DataFrame, column: str, *, group: str | None = "indicator_id"):
    """(kept, left_out) of a view shown per million inhabitants, from its `column` of per-million values.

    left_out: the reported figures that cannot be divided (their per_million_derivation says why), for the
    page to list. kept: the divisible figures, plus the 'not reported' slots of every `group` (indicator) that
    still has a divisible figure; a group with none is dropped whole rather than drawn empty.
    """
    reported = (
        frame["report_status"] == "reported" if "report_status" in frame.columns else pd.Series(True, index=frame.index)
    )
    divisible = frame[column].notna()
    left_out = frame.loc[reported & ~divisible]
    kept = frame.loc[~reported | divisible]
    if group is not None:
        kept = kept.loc[kept[group].isin(kept.loc[kept[column].notna(), group].unique())]
    return kept, left_out


def population_note(dataset: Dataset, region_ids) -> str:
    """One short line per population used, for a chart's footnote: 'Gwangju 1,444,000 (2024): Statistics Korea,
    …; secondary, read in: Kwangju Ilbo report'. The full definition stays in the hover, table and CSV."""
    population = population_table(dataset)
    names = localized(dataset, i18n.current()).regions.set_index("region_id")["name"]
    parts = []
    for region_id in dict.fromkeys(r for r in region_ids if isinstance(r, str) and r in population.index):
        row = population.loc[region_id]
        via = _VIA.search(str(row["read_at"]))
        key = (
            ("population.note_secondary_via" if via else "population.note_secondary")
            if row["is_secondary"]
            else ("population.note")
        )
        parts.append(
            t(
                key,
                region=names.get(region_id, region_id),
                population=number(int(row["population"]), 0),
                year=int(row["year"]),
                publisher=row["publisher"],
                via=via.group(1) if via else "",
            )
        )
    return "; ".join(parts)


def per_inhabitant_ids(dataset: Dataset) -> set[str]:
    indicators = dataset.indicators
    return set(indicators.loc[indicators["per_inhabitant"], "indicator_id"])


def add_per_million(
    dataset: Dataset,
    frame: pd.DataFrame,
    *,
    value_columns: list[str],
    derivation_column: str | None = None,
    indicator_of: pd.Series | None = None,
) -> pd.DataFrame:
    """`frame` plus `<column>_per_million` for each value column, the population used and `per_million_derivation`.

    Only a figure about the region itself (geo_reach region) of an indicator that may be put per inhabitant
    (indicators.per_inhabitant: budgets, counts of firms or people; never ranks, shares, caps or a population)
    gets a value; every other row gets NaN and a derivation saying why. The population is the one of the
    region the figure describes (`reported_for` when a city's figure is shown for its province).
    `indicator_of` maps fact_id -> the fact's own indicator, for derived rows (funding per year).
    """
    out = frame.copy()
    population = population_table(dataset)
    described = out["reported_for"] if "reported_for" in out.columns else out["region_id"]
    described = described.fillna(out["region_id"])
    indicator = out["indicator_id"] if indicator_of is None else out["fact_id"].map(indicator_of)
    allowed = indicator.isin(per_inhabitant_ids(dataset))
    regional = out["geo_reach"] == "region"
    cited = population.index.get_indexer(described)  # each row's population, looked up once (-1: none cited)
    known = pd.Series(cited >= 0, index=out.index)
    eligible = allowed & regional & known
    out["population_region_id"] = described.where(known, None)
    for column, (source, dtype) in _CITED.items():
        out[column] = pd.Series(population[source].astype(dtype).array.take(cited, allow_fill=True), index=out.index)
    for column in value_columns:
        values = out[column].astype("float64") / out["population"].astype("float64") * PER_INHABITANTS
        out[f"{column}{PER_MILLION_SUFFIX}"] = values.where(eligible)
    names = localized(dataset, i18n.current()).regions.set_index("region_id")["name"].to_dict()
    base = out[derivation_column] if derivation_column else pd.Series(None, index=out.index, dtype="object")
    if "value_label" in out.columns:
        base = base.fillna(out["value_label"])  # a count has no derivation: start from the figure as stated
    million = number(PER_INHABITANTS, 0)
    # one text per row, chosen in this order: divided (eligible), not regional, not divisible, no population known
    derivations = np.where(~regional.to_numpy(), t("population.not_regional"), t("population.not_divisible"))
    derivations = derivations.astype(object)
    unknown_rows = np.flatnonzero((regional & allowed & ~eligible).to_numpy())
    unknown: dict[object, str] = {}  # region -> its text, written once
    for row, region in zip(unknown_rows, described.iloc[unknown_rows].tolist(), strict=True):
        if region not in unknown:
            unknown[region] = t("population.unknown", region=names.get(region, region))
        derivations[row] = unknown[region]
    ok = eligible.to_numpy()
    regions = described[ok]
    firsts = np.flatnonzero(ok)[~regions.duplicated().to_numpy()]  # each region's first divided row
    divided = {  # each region's text around `how`, written once
        region: _around_how(
            "population.divided",
            population=number(int(pop), 0),
            region=names.get(region, region),
            year=year,
            million=million,
            source=source,
        )
        for region, pop, year, source in zip(
            *(
                out[column].iloc[firsts].tolist()
                for column in ("population_region_id", "population", "population_year", "population_source")
            ),
            strict=True,
        )
    }
    if divided:  # the divided rows' texts joined column-wise: head, how and a space (when there is a how), tail
        heads = described.map({region: head for region, (head, _) in divided.items()}).astype("str")
        if next(iter(divided.values()))[1] is None:  # a text that does not say how (one template: all or none)
            texts = heads
        else:
            how = base.astype("str")
            said = how.notna() & (how != "")
            tails = described.map({region: tail for region, (_, tail) in divided.items()}).astype("str")
            texts = heads + (how + " ").where(said, "") + tails
        derivations = np.where(ok, texts.to_numpy(dtype=object), derivations)
    # as text (an empty frame's column stays what an empty list gives)
    out["per_million_derivation"] = pd.array(derivations, dtype="str") if len(out) else []
    return out


_HOW = "\x00how\x00"


def _around_how(key: str, **values: object) -> tuple[str, str | None]:
    """The text of `key` before and after its {how} (the same for every row of a region): t() once, not per row;
    (the whole text, None) when it has no {how}."""
    head, found, tail = t(key, how=_HOW, **values).partition(_HOW)
    return (head, tail) if found else (head, None)
