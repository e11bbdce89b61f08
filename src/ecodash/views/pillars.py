"""Pillars: one pillar across the focus regions, one region across the pillars, or the grid. Never a score."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ecodash.analysis import fx, indicators, pillars, source_lines
from ecodash.i18n import t
from ecodash.i18n.plurals import plural
from ecodash.ingest.dataset import Dataset
from ecodash.views import takeaways
from ecodash.views.base import ChartView, Tables, not_converted, plain_text, region_names

ALL = "all"
"""The Pillars page's 'every pillar' / 'every focus region' choice."""


def _counts(row: Mapping) -> str:
    """'1 achieved · 2 in force', or why a cell has no figure ('names only', 'nothing said')."""
    if row["says_nothing"]:
        return t("present.pillars.silent")
    if not row["n_facts"]:
        return t("present.pillars.names_only")
    return " · ".join(plural(f"pillars.count.{s}", row[f"n_{s}"]) for s in pillars.STATUSES if row[f"n_{s}"])


def pillar_view(
    ds: Dataset,
    *,
    pillar: str = ALL,
    region: str = ALL,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
) -> ChartView:
    """A Pillars page view as a table: per region (one pillar), per pillar (one region), or the whole grid
    (every pillar x every focus region: how many figures each cell holds). Never a score."""
    tables = tables or Tables(ds)
    matrix = tables.pillars(fx_basis)
    pillar_name = dict(zip(matrix["pillar_id"], matrix["pillar_name"], strict=False))
    pillar_label, region_label = pillar_labels(ds, pillar=pillar, region=region)
    cells = matrix
    if pillar != ALL:
        cells = cells.loc[cells["pillar_id"] == pillar]
    if region != ALL:
        cells = cells.loc[cells["region_id"] == region]
    cells = cells.reset_index(drop=True)
    counts = [_counts(row) for row in cells.to_dict("records")]
    if pillar == ALL and region == ALL:
        grid = cells.assign(counts=counts).pivot(index="pillar_id", columns="region_name", values="counts")
        grid = grid.reindex(
            index=list(dict.fromkeys(cells["pillar_id"])), columns=list(dict.fromkeys(cells["region_name"]))
        )
        table = grid.reset_index(drop=True)
        table.columns = [str(c) for c in table.columns]
        table.insert(0, "pillar_name", [pillar_name[p] for p in grid.index])
        takeaway = takeaways.pillar_grid(cells)
    else:
        name_column = "pillar_name" if pillar == ALL else "region_name"
        table = pd.DataFrame(
            {
                name_column: cells[name_column],
                "counts": counts,
                "strongest": [plain_text(v) for v in cells["strongest_label"]],
                "indicator_name": [plain_text(v) for v in cells["strongest_indicator"]],
                "class_label": [plain_text(v) for v in cells["strongest_kind"]],
            }
        )
        takeaway = takeaways.pillar_cells(
            cells,
            what=pillar_label if pillar != ALL else region_label,
            name_column=name_column,
            per_region=pillar != ALL,
        )
    facts = tables.facts(fx_basis)
    ids = {i for joined in cells["fact_ids"] for i in joined.split(";") if i}
    source_note = source_lines.source_note(ds, sorted(facts.loc[facts["fact_id"].isin(ids), "source_id"].unique()))
    return ChartView(
        page="pillars",
        title=t("pillars.detail", pillar=pillar_label, region=region_label),
        takeaway=takeaway,
        source=source_note,
        table=table,
        filename_parts=("pillars", pillar, region),
        rows=cells,
    )


def focus_not_converted(ds: Dataset, fx_basis: str, tables: Tables | None = None) -> list[str]:
    """`not_converted` for the figures of the focus regions and the cities that count for them (Pillars)."""
    members = {m for r in ds.focus_region_ids() for m in indicators.reporting_members(ds, r)}
    facts = (tables or Tables(ds)).facts(fx_basis)
    return not_converted(facts.loc[facts["region_id"].isin(members)])


def pillar_labels(ds: Dataset, *, pillar: str, region: str) -> tuple[str, str]:
    """The pillar and the region chosen, in words ('All pillars' and 'All focus regions' for ALL)."""
    pillar_name = dict(zip(ds.pillars["pillar_id"], ds.pillars["name"], strict=True))
    pillar_label = t("pillars.all_pillars") if pillar == ALL else pillar_name.get(pillar, pillar)
    region_label = t("pillars.all_regions") if region == ALL else region_names(ds).get(region, region)
    return pillar_label, region_label


def pillar_title(ds: Dataset, *, pillar: str, region: str, **_: object) -> str:
    """'Computing infrastructure — Gwangju', 'All pillars — All focus regions'."""
    pillar_label, region_label = pillar_labels(ds, pillar=pillar, region=region)
    return t("pillars.detail", pillar=pillar_label, region=region_label)
