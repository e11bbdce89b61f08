"""Overview: one row (a kind of figure) as a comparison table of the focus regions, like only with like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from ecodash.analysis import fx, indicators, source_lines
from ecodash.i18n import t
from ecodash.ingest.dataset import Dataset
from ecodash.views import cards, takeaways
from ecodash.views.base import ChartView, Tables, region_names, takeaway_labels

OVERVIEW_ROWS = indicators.HEADLINE_SLOTS
HEADLINE_ROWS = ("funding", "compute", "talent", "startups")
"""Overview rows with a headline kind; the others (targets, other figures) list each figure under its own label."""


def overview_title(ds: Dataset, *, row: str, **_: object) -> str:
    return t(f"overview.slot.{row}")


def overview_row_view(
    ds: Dataset, *, row: str, fx_basis: str = fx.DEFAULT_FX_BASIS, tables: Tables | None = None
) -> ChartView:
    """One overview row as a comparison table: each focus region's figures, their kind, and how they differ."""
    tables = tables or Tables(ds)
    rows = tables.overview(fx_basis)[row]
    names = region_names(ds)
    focus = [names[r] for r in ds.focus_region_ids()]
    what = overview_title(ds, row=row)
    labelled = rows.assign(takeaway_label=takeaway_labels(rows, value_column="comparable_value", per_million=False))
    if row in HEADLINE_ROWS:
        takeaway = takeaways.comparison(
            labelled,
            what=what,
            value_column="comparable_value",
            label_column="takeaway_label",
            group="slot",
            regions=focus,
        )
    else:
        takeaway = takeaways.unlike(labelled, what=what, regions=focus)
    table = pd.DataFrame(
        {
            "region_name": rows["region_name"],
            "figure": labelled["takeaway_label"],
            "indicator_name": rows["indicator_name"],
            "class_label": rows["class_label"],
            "difference_note": rows["difference_note"] if row in HEADLINE_ROWS else "",
        }
    )
    order = {n: i for i, n in enumerate(focus)}
    table = table.assign(order=table["region_name"].map(order)).sort_values("order", kind="stable")
    table = table.drop(columns="order").reset_index(drop=True)
    source_note = source_lines.source_note(ds, sorted(rows["source_id"].dropna().unique()))
    head = rows.loc[rows["in_headline_class"]] if row in HEADLINE_ROWS else rows.iloc[0:0]
    notes = ()
    if not head.empty:
        first = head.iloc[0]
        notes = (t("overview.headline_kind", indicator=first["indicator_name"], kind=first["class_label"]),)
    return ChartView(
        page="overview",
        title=what,
        takeaway=takeaway,
        source=source_note,
        notes=notes,
        table=table,
        filename_parts=("overview", row),
        rows=rows,
        message=None if not rows.empty else t("common.not_reported"),
    )


@dataclass(frozen=True)
class OverviewRow:
    """One Overview row as the page draws it: its headline kind as badges, how many focus regions report that
    kind, and each region's figures as cards (plain text: the UI escapes it)."""

    slot: str
    badges: tuple[cards.Badge, ...]
    """The headline kind's badges (none for a row without a headline kind: targets, other figures)."""
    kind: str
    """The headline kind in full words (its class label), '' without one."""
    indicator: str
    """What the headline kind measures, '' without one."""
    reporting: str
    """'1 of 5 regions reports this kind', '' without a headline kind."""
    cells: Mapping[str, tuple[int, tuple[cards.Card, ...]]]
    """region id -> (how many figures it has in the row, the first ones as cards)."""


def overview_rows(
    slots: Mapping[str, pd.DataFrame], focus: Sequence[str], names: Mapping[str, str], *, shown: int
) -> list[OverviewRow]:
    """Every Overview row (indicators.HEADLINE_SLOTS order), its figures as cards: a figure of the row's headline
    kind as it is, any other with its own label and one line saying how it differs (the full note on hover)."""
    found = []
    cells = indicators.overview_cells(dict(slots), focus, shown=shown)
    for slot in OVERVIEW_ROWS:
        rows = slots[slot]
        headline = slot in HEADLINE_ROWS
        head_rows = rows.loc[rows["in_headline_class"]] if headline else rows.iloc[0:0]
        head = head_rows.iloc[0].to_dict() if not head_rows.empty else None
        head_regions = ", ".join(dict.fromkeys(head_rows["region_name"].astype(str)))
        reporting = cards.reporting(head_rows["region_id"].nunique(), len(focus)) if head is not None else ""
        shown_cells = {}
        for region_id in focus:
            count, figures = cells[(slot, region_id)]
            shown_cells[region_id] = (
                count,
                tuple(
                    cards.card(
                        row,
                        head=head,
                        head_regions=head_regions,
                        name_head=False,  # the row's heading shows the headline kind's badges
                        via=names.get(row["reported_for"], row["reported_for"])
                        if row["reported_for"] != region_id
                        else "",
                    )
                    for row in figures
                ),
            )
        found.append(
            OverviewRow(
                slot=slot,
                badges=cards.badges(head) if head else (),
                kind=str(head["class_label"]) if head else "",
                indicator=str(head["indicator_name"]) if head else "",
                reporting=reporting,
                cells=shown_cells,
            )
        )
    return found
