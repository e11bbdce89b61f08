"""Compare: any regions x one or more indicators, in a common unit, each figure with its kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ecodash import charts
from ecodash.analysis import comparability, fx, indicators, intensity, source_lines
from ecodash.charts.images import drawn_ids
from ecodash.i18n import t
from ecodash.i18n.formats import format_quantity, unit_label
from ecodash.ingest.dataset import Dataset
from ecodash.schema.vocabularies import is_money
from ecodash.views import cards as figure_cards
from ecodash.views import takeaways
from ecodash.views.base import (
    ChartView,
    Tables,
    drawn_captions,
    fact_links,
    fx_basis_label,
    indicator_names,
    not_converted,
    region_names,
    short_list,
    styled,
    takeaway_labels,
)

COMPARE_INDICATORS = (indicators.FUNDING_PER_YEAR, "compute_capacity")
"""The indicators Compare shows when the URL names none."""
SCALES = ("linear", "log")
TOGGLES = ("on", "off")


def compare_title(ds: Dataset, *, indicator_ids: Sequence[str], **_: object) -> str:
    """'AI compute capacity · Talent': the indicators compared (the page's name when there are none)."""
    names = indicator_names(ds)
    return short_list([names.get(i, i) for i in indicator_ids]) or t("compare.title")


def _comparable_label(value: float, unit: object, original: object) -> str:
    """The compared value in words; a money figure without a USD value says so (it is reported, not missing)."""
    if pd.isna(value) and is_money(original):
        return t("compare.no_usd")
    return format_quantity(value, unit)


def compare_table(reported: pd.DataFrame, *, per_million: bool) -> pd.DataFrame:
    """The figures behind the chart, with their kind and how each differs from its indicator's headline kind."""
    table = reported.assign(
        link=fact_links(reported["fact_id"]),
        comparable=[
            _comparable_label(v, u, o)
            for v, u, o in zip(reported["comparable_value"], reported["comparable_unit"], reported["unit"], strict=True)
        ],
        per_million=[
            format_quantity(v, u) if pd.notna(v) else None
            for v, u in zip(reported["comparable_value_per_million"], reported["comparable_unit"], strict=True)
        ],
    )
    columns = ["region_name", "indicator_name", "value_label", "class_label", "difference_note", "comparable"]
    columns += ["per_million", "per_million_derivation"] if per_million else ["derivation"]
    users = reported["origin"] == indicators.USER if "origin" in reported.columns else None
    if users is not None and users.any():  # the reader's figures: said so, and no curated passage to link to
        table["link"] = table["link"].where(~users, None)
        table["origin"] = reported["origin"].map(lambda origin: t(f"yours.origin.{origin}"))
        columns.insert(0, "origin")
    return table[[*columns, "quote", "source_id", "link"]]


@dataclass(frozen=True)
class CompareAnalysis:
    """What a Compare view says whatever its chart's scale, sort or style: the view without its figure (its
    words, notes and tables), and what the figure is drawn from. A scale or sort change redraws only the chart."""

    view: ChartView
    long: pd.DataFrame | None = None
    """The rows the chart draws (None when there is no chart)."""
    value_column: str = "comparable_value"
    note: str = ""
    """comparability.chart_note of the rows: under the chart and inside the small multiples' figure."""
    fx_label: str = ""
    per: str = ""
    """' per M inhabitants' when per million, else ''."""


def compare_analysis(
    ds: Dataset,
    *,
    region_ids: Sequence[str],
    indicator_ids: Sequence[str],
    subregions: bool = True,
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
) -> CompareAnalysis:
    """Any regions x one or more indicators, everything but the chart (see compare_view)."""
    tables = tables or Tables(ds)
    names = region_names(ds)
    indicator_name = indicator_names(ds)
    region_ids, indicator_ids = list(region_ids), list(indicator_ids)
    title = compare_title(ds, indicator_ids=indicator_ids)
    parts = ("compare", *region_ids[:3], *indicator_ids[:2], *(["per_million"] if per_million else []))
    if not region_ids or not indicator_ids:
        return CompareAnalysis(
            ChartView(
                page="compare",
                title=t("compare.title"),
                takeaway="",
                message=t("compare.no_selection"),
                filename_parts=("compare",),
            )
        )
    long = tables.comparison(tuple(region_ids), fx_basis, subregions)
    long = long.loc[long["indicator_id"].isin(indicator_ids)]
    absent = [i for i in indicator_ids if i not in set(long["indicator_id"])]
    everyone = ", ".join(names[r] for r in region_ids)
    captions = (
        [t("compare.not_reported_by", regions=everyone, indicators="; ".join(indicator_name[i] for i in absent))]
        if absent
        else []
    )
    long = long.loc[long["indicator_id"].isin([i for i in indicator_ids if i not in absent])]
    captions += not_converted(long.loc[long["report_status"] == "reported"])
    left_out = long.iloc[0:0]
    if per_million:
        long, left_out = intensity.split_per_million(long, "comparable_value_per_million")
        if not left_out.empty:
            unique = left_out.drop_duplicates(["region_id", "indicator_id", "per_million_derivation"])
            captions.append(
                t(
                    "compare.not_per_million",
                    pairs="; ".join(
                        f"{r.region_name} — {r.indicator_name}: {r.per_million_derivation}" for r in unique.itertuples()
                    ),
                )
            )
    order = {i: n for n, i in enumerate(indicator_ids)}
    long = long.assign(indicator_order=long["indicator_id"].map(order))
    long = long.sort_values("indicator_order", kind="stable").drop(columns="indicator_order")
    value_column = "comparable_value_per_million" if per_million else "comparable_value"
    sentences = [takeaways.nothing_reported(indicator_name[i]) for i in absent]
    for indicator_id in [i for i in indicator_ids if i not in absent]:
        rows = long.loc[long["indicator_id"] == indicator_id]
        dropped = left_out.loc[left_out["indicator_id"] == indicator_id, "region_name"]
        rows = rows.assign(takeaway_label=takeaway_labels(rows, value_column=value_column, per_million=per_million))
        sentences.insert(
            order[indicator_id],
            takeaways.comparison(
                rows,
                what=indicator_name[indicator_id],
                value_column=value_column,
                label_column="takeaway_label",
                regions=[names[r] for r in region_ids],
                left_out=list(dropped),
                lower_is_better=_is_rank(rows),
            ),
        )
    takeaway = " ".join(sentences)
    if long.empty:
        return CompareAnalysis(
            ChartView(
                page="compare",
                title=title,
                takeaway=takeaway,
                captions=tuple(captions),
                filename_parts=parts,
                source=source_lines.source_note(ds, []),
                rows=long,
            )
        )
    source_note = source_lines.source_note(ds, sorted(long["source_id"].dropna().unique()))
    if "origin" in long.columns and (long["origin"] == indicators.USER).any():
        source_note += "\n" + t("yours.chart.note")
    if per_million:
        drawn = long.loc[long["comparable_value_per_million"].notna(), "population_region_id"]
        source_note += "\n" + t("compare.population_note", sources=intensity.population_note(ds, drawn))
    basis_label = fx_basis_label(ds, fx_basis)
    per = t("compare.per_million_suffix") if per_million else ""
    note = comparability.chart_note(long)  # once: under the chart and inside the small multiples' figure
    reported = long.loc[long["report_status"] == "reported"]
    missing = long.loc[long["report_status"] != "reported"]
    missing_lines = ()
    if not missing.empty:
        by_indicator = missing.groupby("indicator_name", sort=False)["region_name"]
        missing_lines = (
            t(
                "compare.not_reported_list",
                pairs="; ".join(f"{name} — {', '.join(dict.fromkeys(regions))}" for name, regions in by_indicator),
            ),
        )
    money = (reported["comparable_unit"] == "USD").any()
    view = ChartView(
        page="compare",
        title=title,
        takeaway=takeaway,
        source=source_note,
        units=t("compare.subtitle_money", fx=basis_label) + per if money else "",
        notes=tuple(note.splitlines()) if note else (),
        captions=tuple(captions),
        missing=missing_lines,
        table=compare_table(reported, per_million=per_million),
        export=indicators.comparison_view_export(reported),
        filename_parts=parts,
        rows=long,
    )
    return CompareAnalysis(view, long=long, value_column=value_column, note=note, fx_label=basis_label, per=per)


def compare_view(
    ds: Dataset,
    *,
    region_ids: Sequence[str],
    indicator_ids: Sequence[str],
    scale: str = "linear",
    sort: str = "value",
    subregions: bool = True,
    per_million: bool = False,
    fx_basis: str = fx.DEFAULT_FX_BASIS,
    tables: Tables | None = None,
    columns: int = 2,
    style: object | None = None,
    analysis: CompareAnalysis | None = None,
    cards: bool = False,
) -> ChartView:
    """Any regions x one or more indicators: one bar chart (one indicator of one kind) or small multiples
    (`columns` panels a row). `style` is the charts' ChartStyle (a slide's larger fonts). `analysis`: the
    compare_analysis of the same choices, when the caller has it already (the app caches it apart).

    With `cards`, a kind with a single figure is a card (the view's `kinds`), not a one-bar panel:
    the figure draws the kinds with two figures or more, and is None when there are none."""
    if analysis is None:
        analysis = compare_analysis(
            ds,
            region_ids=region_ids,
            indicator_ids=indicator_ids,
            subregions=subregions,
            per_million=per_million,
            fx_basis=fx_basis,
            tables=tables,
        )
    long, view = analysis.long, analysis.view
    if long is None:
        return view
    value_column, source_note, fx_label, per = analysis.value_column, view.source, analysis.fx_label, analysis.per
    log_scale = scale == "log"
    note = analysis.note
    if cards:
        kinds = figure_cards.kind_groups(long, chosen=len(region_ids), value_column=value_column, per_million=bool(per))
        view = dataclasses.replace(view, kinds=tuple(kinds))
        long = figure_cards.charted_rows(long, kinds)
        if long["comparability_class"].notna().sum() == 0:
            return view
        note = comparability.chart_note(long)
        view = dataclasses.replace(view, notes=tuple(note.splitlines()) if note else ())
    one_panel = long["indicator_id"].nunique() == 1 and long["comparability_class"].dropna().nunique() <= 1
    if one_panel:
        unit = long["comparable_unit"].dropna().iloc[0] if long["comparable_unit"].notna().any() else ""
        words = unit_label(unit) if unit else ""
        subtitle = t("compare.subtitle_money", fx=fx_label) if unit == "USD" else t("compare.subtitle", unit=words)
        figure = charts.comparison_bar_chart(
            long,
            value_column=value_column,
            unit_label=words + per,
            title=t("compare.chart_title", indicator=long["indicator_name"].iloc[0]),
            subtitle=subtitle + per,
            source_note=source_note,
            log_scale=log_scale,
            sort=sort,
            **styled(style),
        )
    else:
        units = list(dict.fromkeys(long["comparable_unit"].dropna()))
        subtitle = (
            t("compare.subtitle_money", fx=fx_label)
            if "USD" in units or not units
            else t("compare.subtitle", unit=", ".join(unit_label(u) for u in units))
        )
        figure = charts.small_multiples(
            long,
            value_column=value_column,
            title=t("compare.chart_title_many"),
            subtitle=subtitle + per,
            source_note=source_note,
            log_scale=log_scale,
            sort=sort,
            columns=columns,
            comparability_note=note,
            **styled(style),
        )
    # the file name names what the figure draws, not every region chosen
    regions, drawn = set(drawn_ids(figure, "region_id")), set(drawn_ids(figure, "indicator_id"))
    parts = (
        "compare",
        *[r for r in region_ids if r in regions][:3],
        *[i for i in indicator_ids if i in drawn][:2],
        *(["per_million"] if per_million else []),
    )
    return dataclasses.replace(
        view, figure=figure, captions=(*view.captions, *drawn_captions(figure)), filename_parts=parts
    )


def _is_rank(rows: pd.DataFrame) -> bool:
    units = set(rows["unit"].dropna())
    return bool(units) and units <= {"rank"}
