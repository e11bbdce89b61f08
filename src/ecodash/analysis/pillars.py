"""Region x pillar: what the articles report for each pillar of an AI ecosystem. Pure pandas, and no score.

A pillar (data/pillars.csv) is one part of an AI ecosystem: the elements an article names, plus
the ones the other articles need. Every fact, programme (instrument), actor and event lists the pillars it is
evidence for in `pillar_ids`. This module lays that evidence out per (region, pillar) cell. It never adds the
cells up into a score or a ranking: news articles of different kinds cannot support one, and a count of
figures measures what journalists wrote, not how strong an ecosystem is. A cell the articles say nothing about
is flagged `says_nothing`; its counts are 0 only because nothing was written, and it must be shown as such.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ecodash import i18n
from ecodash.analysis import comparability, indicators, regions
from ecodash.analysis.fx import DEFAULT_FX_BASIS
from ecodash.ingest.dataset import Dataset, localized
from ecodash.schema.vocabularies import STATUSES, money_mask

CELL = ["region_id", "pillar_id"]
STATUS_COUNT_COLUMNS = [f"n_{status}" for status in STATUSES]
"""n_achieved, n_committed, n_target, n_proposed: facts of a cell by status (from models.STATUSES)."""
LOWER_IS_STRONGER_UNITS = {"rank"}
"""Units where the smaller number is the stronger figure (#1 beats top 30)."""
RECORD_TABLES = {"instruments": "instrument_id", "actors": "actor_id", "events": "event_id"}
NAME_SEPARATOR = "; "
ARROW_TEXT = "large_string[pyarrow]"
"""The dtype pillar ids are split in: its lists stay in Arrow (pandas' text dtype is Arrow's already)."""

MATRIX_COLUMNS = [
    "region_id",
    "region_name",
    "pillar_id",
    "pillar_name",
    "pillar_origin",
    "n_facts",
    *STATUS_COUNT_COLUMNS,
    "strongest_fact_id",
    "strongest_label",
    "strongest_indicator",
    "strongest_kind",
    "strongest_in_headline",
    "strongest_reported_for",
    "n_programmes",
    "programmes",
    "n_actors",
    "actors",
    "n_events",
    "event_ids",
    "fact_ids",
    "says_nothing",
    "n_user_facts",
    "strongest_origin",
]


def explode_pillars(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (record, pillar): `pillar_ids` 'a;b' becomes two rows with pillar_id 'a' and 'b'."""
    # split and flattened as Arrow lists (no Python list per record); then each kept row is taken once
    ids = frame["pillar_ids"].astype(str).reset_index(drop=True).astype(ARROW_TEXT).str.split(";").explode()
    pillar = ids.astype("str").str.strip()
    kept = (pillar != "").to_numpy()
    out = frame.iloc[ids.index.to_numpy()[kept]].reset_index(drop=True)
    out["pillar_id"] = pillar.iloc[np.flatnonzero(kept)].reset_index(drop=True)
    return out


def _status_rank(status: pd.Series) -> pd.Series:
    return status.map({s: i for i, s in enumerate(STATUSES)}).fillna(len(STATUSES))


def order_strongest_first(cell_facts: pd.DataFrame) -> pd.DataFrame:
    """Annotate facts placed in cells (columns region_id, pillar_id, fact_id, the comparability dimensions,
    comparable_value, unit) and sort each cell's facts strongest first. The first fact of a cell is its
    *strongest comparable figure*:

    1. the pillar's headline comparability class comes first: comparability.annotate(group='pillar_id') over
       every cell of the pillar, i.e. the kind of figure (indicator, scope, status, AI specificity, reach,
       funder) that the most regions report for that pillar, then the firmest such kind;
    2. within that class (one indicator, so one kind of unit) the largest comparable value (USD for money)
       comes first; for ranks the smallest number (#1 before top 30);
    3. a cell with no figure of the headline class shows its firmest figure instead:
       achieved > committed (in force) > target > proposed (models.STATUSES order);
    4. remaining ties keep the order of the input (facts.csv order).

    Values of different classes are never compared with each other.
    """
    if cell_facts.empty:
        annotated = cell_facts.assign(
            comparability_class=None, class_label=None, headline_class=None, in_headline_class=False, difference_note=""
        )
    else:
        annotated = comparability.annotate(cell_facts.reset_index(drop=True), group="pillar_id")
    value = pd.to_numeric(annotated["comparable_value"], errors="coerce").astype("float64")
    strength = value.where(~annotated["unit"].isin(LOWER_IS_STRONGER_UNITS), -value)
    keys = annotated.assign(
        _outside=~annotated["in_headline_class"].astype(bool),
        _status=_status_rank(annotated["status"]),
        _strength=strength.where(annotated["in_headline_class"].astype(bool)),
        _order=range(len(annotated)),
        _region=pd.factorize(annotated["region_id"])[0],  # cells keep the order they come in
        _pillar=pd.factorize(annotated["pillar_id"])[0],
    )
    ordered = keys.sort_values(
        ["_region", "_pillar", "_outside", "_status", "_strength", "_order"],
        ascending=[True, True, True, True, False, True],
        na_position="last",
        kind="stable",
    )
    return ordered.drop(columns=[c for c in keys.columns if c.startswith("_")]).reset_index(drop=True)


def strongest_per_cell(ordered: pd.DataFrame) -> pd.DataFrame:
    """One row per (region_id, pillar_id) that has facts, from facts already in order_strongest_first's order
    (with value_label, indicator_name, reported_for): its strongest comparable figure as strongest_* columns,
    and the cell's fact_ids, strongest first."""
    ids = ordered.groupby(CELL, sort=False)["fact_id"].agg(";".join).rename("fact_ids")
    head = ordered.drop_duplicates(CELL).set_index(CELL)
    best = pd.DataFrame(
        {
            "strongest_fact_id": head["fact_id"],
            "strongest_label": head["value_label"],
            "strongest_indicator": head["indicator_name"],
            "strongest_kind": head["class_label"],
            "strongest_in_headline": head["in_headline_class"].astype(bool),
            "strongest_reported_for": head["reported_for"],
            "strongest_origin": head["origin"] if "origin" in head.columns else indicators.CURATED,
        }
    )
    return best.join(ids).reset_index()


MATRIX_FACT_COLUMNS = [
    "fact_id",
    "region_id",
    "indicator_id",
    "indicator_name",
    *comparability.CLASS_COLUMNS[1:],
    "pillar_ids",
    "value",
    "value_usd",
    "unit",
    "value_label",
    "origin",
]
"""What pillar_matrix reads of a fact (its cells, class, strength and strongest_* words): the facts the matrix places
carry these alone (cell_detail's carry every column)."""


def _cell_records(
    dataset: Dataset, region_ids: list[str] | None, fx_basis: str, *, fact_columns: list[str] | None = None
) -> tuple[list[str], dict[str, pd.DataFrame]]:
    """(region_ids, {'facts'|'instruments'|'actors'|'events': records placed in their (region, pillar) cells});
    the facts with `fact_columns` of the facts table (default: all)."""
    dataset = localized(dataset, i18n.current())  # names, roles and descriptions in the reader's language
    region_ids = dataset.focus_region_ids() if region_ids is None else list(dict.fromkeys(region_ids))
    membership = regions.membership(dataset, region_ids)
    pillar_ids = dataset.pillars["pillar_id"].tolist()
    region_names = dataset.regions.set_index("region_id")["name"]
    facts = indicators.facts_table(dataset, fx_basis=fx_basis)
    if fact_columns is not None:
        facts = facts[fact_columns]
    facts["comparable_value"] = facts["value_usd"].where(money_mask(facts["unit"]), facts["value"])
    # placed, de-duplicated and ordered on the columns that place them; then each placed fact is taken once
    where = facts[["region_id", "geo_reach", "fact_id", "pillar_ids"]].assign(_row=np.arange(len(facts)))
    placed = regions.roll_up(explode_pillars(where), membership, figures=True)
    order = {
        "region_id": {r: i for i, r in enumerate(region_ids)},
        "pillar_id": {p: i for i, p in enumerate(pillar_ids)},
    }
    placed = placed.drop_duplicates([*CELL, "fact_id"]).sort_values(
        CELL, key=lambda column: column.map(order[column.name]), kind="stable"
    )  # given orders
    placed_facts = facts.iloc[placed["_row"].to_numpy()].rename(columns={"region_id": "reported_for"})
    placed_facts = placed_facts.reset_index(drop=True).assign(
        pillar_id=placed["pillar_id"].array,
        region_id=placed["region_id"].array,
        region_name=placed["region_id"].map(region_names).array,
    )
    records = {"facts": order_strongest_first(placed_facts)}
    for table, id_column in RECORD_TABLES.items():
        placed = regions.roll_up(explode_pillars(dataset.table(table)), membership, figures=False)
        records[table] = placed.drop_duplicates([*CELL, id_column]).assign(
            region_name=lambda f: f["region_id"].map(region_names)
        )
    return region_ids, records


def _names(records: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    grouped = records.groupby(CELL, sort=False)[column]
    return pd.DataFrame({f"n_{name}": grouped.size(), name: grouped.agg(NAME_SEPARATOR.join)})


def pillar_matrix(
    dataset: Dataset, *, region_ids: list[str] | None = None, fx_basis: str = DEFAULT_FX_BASIS
) -> pd.DataFrame:
    """Tidy region x pillar table: one row per (region, pillar), every region (default: the focus regions, in
    their order) x every pillar (pillars.csv order), never a score.

    Per cell: n_facts and counts by status (n_achieved, n_committed, n_target, n_proposed; they add up to
    n_facts); the strongest comparable figure (strongest_fact_id, strongest_label, strongest_indicator,
    strongest_kind = its class label, strongest_in_headline, strongest_reported_for; rule in
    order_strongest_first); programmes and actors ('; '-joined names, with n_programmes / n_actors); n_events
    and event_ids; fact_ids (';'-joined, strongest first: each links to its quote). A city's records count for
    its province (Hangzhou -> Zhejiang), except figures whose geo_reach is not 'region'. `says_nothing` is
    True when the cell has no fact, programme, actor or event: its counts are 0, but it is *not* a zero — the
    articles say nothing there.
    """
    dataset = localized(dataset, i18n.current())
    region_ids, records = _cell_records(dataset, region_ids, fx_basis, fact_columns=MATRIX_FACT_COLUMNS)
    pillars = dataset.pillars
    grid = pd.MultiIndex.from_product([region_ids, pillars["pillar_id"]], names=CELL).to_frame(index=False)
    facts = records["facts"]
    counts = facts.groupby([*CELL, "status"]).size().unstack("status").reindex(columns=list(STATUSES))
    counts.columns = STATUS_COUNT_COLUMNS
    user = facts.loc[facts["origin"] == indicators.USER].groupby(CELL).size().rename("n_user_facts")
    parts = [
        counts,
        user,
        strongest_per_cell(facts).set_index(CELL),  # facts come strongest first from _cell_records
        _names(records["instruments"], "name", "programmes"),
        _names(records["actors"], "name", "actors"),
        _names(records["events"], "event_id", "events").rename(columns={"events": "event_ids"}),
    ]
    matrix = grid.merge(pd.concat(parts, axis=1), left_on=CELL, right_index=True, how="left")
    for column in [*STATUS_COUNT_COLUMNS, "n_programmes", "n_actors", "n_events", "n_user_facts"]:
        matrix[column] = matrix[column].fillna(0).astype("int64")
    for column in ["programmes", "actors", "event_ids", "fact_ids"]:
        matrix[column] = matrix[column].fillna("")
    matrix["strongest_in_headline"] = matrix["strongest_in_headline"].fillna(False).astype(bool)
    matrix["n_facts"] = matrix[STATUS_COUNT_COLUMNS].sum(axis=1)
    matrix["says_nothing"] = matrix[["n_facts", "n_programmes", "n_actors", "n_events"]].sum(axis=1).eq(0)
    matrix["region_name"] = matrix["region_id"].map(dataset.regions.set_index("region_id")["name"])
    pillar_rows = pillars.set_index("pillar_id")
    matrix["pillar_name"] = matrix["pillar_id"].map(pillar_rows["name"])
    matrix["pillar_origin"] = matrix["pillar_id"].map(pillar_rows["origin"])
    return matrix[MATRIX_COLUMNS].reset_index(drop=True)


DETAIL_FACT_COLUMNS = [
    "region_id",
    "region_name",
    "reported_for",
    "pillar_id",
    "fact_id",
    "indicator_name",
    "value_label",
    "value_usd",
    "status",
    "class_label",
    "in_headline_class",
    "difference_note",
    "source_id",
    "quote",
    "quote_en",
    "origin",
]


def cell_detail(
    dataset: Dataset,
    region_id: str | None,
    pillar_id: str | None,
    *,
    region_ids: list[str] | None = None,
    fx_basis: str = DEFAULT_FX_BASIS,
) -> dict[str, pd.DataFrame]:
    """The records behind one cell: {'facts', 'instruments', 'actors', 'events'} -> rows, each with its quote.

    `region_id` / `pillar_id` None means every region of `region_ids` (default: the focus regions) / every
    pillar; a record tagged with several of the chosen pillars is listed once, with its pillars in `pillar_ids`.
    Facts come strongest first, with the same class label and headline kind as in pillar_matrix (the headline
    class is chosen across `region_ids`, so a region outside them is added to them).
    """
    dataset = localized(dataset, i18n.current())
    region_ids = dataset.focus_region_ids() if region_ids is None else list(region_ids)
    if region_id is not None and region_id not in region_ids:
        region_ids = [*region_ids, region_id]
    _, records = _cell_records(dataset, region_ids, fx_basis)
    ids = {"facts": "fact_id", **RECORD_TABLES}
    out = {}
    for table, frame in records.items():
        chosen = frame
        if region_id is not None:
            chosen = chosen.loc[chosen["region_id"] == region_id]
        if pillar_id is not None:
            chosen = chosen.loc[chosen["pillar_id"] == pillar_id]
        keys = ["region_id", ids[table]]
        pillars_of = chosen.groupby(keys, sort=False)["pillar_id"].agg(";".join).rename("pillar_ids")
        chosen = chosen.drop(columns=["pillar_ids"]).drop_duplicates(keys).merge(pillars_of, on=keys)
        if table == "facts":
            chosen = chosen.reindex(columns=[*DETAIL_FACT_COLUMNS, "pillar_ids"]).drop(columns="pillar_id")
        else:
            chosen = chosen.drop(columns="pillar_id")
        out[table] = chosen.reset_index(drop=True)
    return out


def shorten(names: str, limit: int = 3) -> tuple[list[str], int]:
    """('a; b; c; d', 3) -> (['a', 'b', 'c'], 1): the first `limit` names of a '; '-joined list, and how many more."""
    items = [name for name in str(names).split(NAME_SEPARATOR) if name] if names else []
    return items[:limit], max(len(items) - limit, 0)
