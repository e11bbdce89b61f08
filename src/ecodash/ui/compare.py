"""Compare: any regions, one or more indicators, in a common unit, with qualifiers visible."""

from __future__ import annotations

import streamlit as st

from ecodash import charts, comparability, export, indicators, intensity
from ecodash.formatting import format_quantity, unit_label
from ecodash.i18n import t
from ecodash.ui import common

DEFAULT_INDICATORS = [indicators.FUNDING_PER_YEAR, "compute_capacity"]


def _indicator_options(ds) -> dict[str, str]:
    options = {indicators.FUNDING_PER_YEAR: indicators.funding_per_year_name()}
    options.update(dict(zip(ds.indicators["indicator_id"], ds.indicators["name"], strict=True)))
    return options


def render() -> None:
    ds = common.dataset()
    st.title(t("compare.title"), anchor=False)
    st.write(t("compare.intro"))
    region_names = dict(zip(ds.regions["region_id"], ds.regions["name_en"], strict=True))
    indicator_names = _indicator_options(ds)
    left, right = st.columns(2)
    with left:
        region_ids = common.url_widget(
            st.multiselect, "regions", label=t("common.regions"), options=list(region_names),
            default=ds.focus_region_ids(), format_func=region_names.get, multi=True,
        )  # fmt: skip
    with right:
        indicator_ids = common.url_widget(
            st.multiselect, "indicators", label=t("common.indicators"), options=list(indicator_names),
            default=DEFAULT_INDICATORS, format_func=indicator_names.get, multi=True,
        )  # fmt: skip
    controls = st.columns([1, 1, 1.3, 2.2])  # two rows of controls: each stays whole at 1280 px
    with controls[0]:
        scale = common.url_widget(
            st.segmented_control, "scale", label=t("compare.scale"), options=["linear", "log"], default="linear",
            format_func=lambda s: t(f"compare.scale.{s}"),
        )  # fmt: skip
    with controls[1]:
        sort = common.url_widget(
            st.segmented_control, "sort", label=t("compare.sort"), options=["value", "region"], default="value",
            format_func=lambda s: t(f"compare.sort.{s}"),
        )  # fmt: skip
    with controls[2]:
        subregions = common.url_toggle("cities", label=t("compare.subregions"), default=True,
                                       help=t("compare.subregions_help"))  # fmt: skip
    with controls[3]:
        per_million = common.per_million_widget()
    fx_basis = common.fx_basis_widget(ds)
    if not region_ids or not indicator_ids:
        st.info(t("compare.no_selection"))
        return
    long = common.comparison(ds, str(ds.data_dir), tuple(region_ids), fx_basis, subregions)
    long = long.loc[long["indicator_id"].isin(indicator_ids)]
    absent = [i for i in indicator_ids if i not in set(long["indicator_id"])]
    for indicator_id in absent:  # an indicator nobody in the selection reports: say so, don't draw zeros
        st.caption(t("compare.not_reported_list", pairs=f"{indicator_names[indicator_id]} — {', '.join(region_names[r] for r in region_ids)}"))
    long = long.loc[long["indicator_id"].isin([i for i in indicator_ids if i not in absent])]
    if per_million:
        long, left_out = intensity.split_per_million(long, "comparable_value_per_million")
        if not left_out.empty:
            st.caption(common.escape_markdown(t("compare.not_per_million", pairs="; ".join(
                f"{r.region_name} — {r.indicator_name}: {r.per_million_derivation}"
                for r in left_out.drop_duplicates(["region_id", "indicator_id", "per_million_derivation"]).itertuples()))))
    if long.empty:
        return
    long = long.assign(indicator_order=long["indicator_id"].map({i: n for n, i in enumerate(indicator_ids)}))
    long = long.sort_values("indicator_order", kind="stable").drop(columns="indicator_order")
    source_note = charts.source_note(ds, sorted(long["source_id"].dropna().unique()))
    if per_million:
        drawn = long.loc[long["comparable_value_per_million"].notna(), "population_region_id"]
        source_note += "\n" + t("compare.population_note", sources=intensity.population_note(ds, drawn))
    fx_label = common.fx_long_label(ds, fx_basis)
    value_column = "comparable_value_per_million" if per_million else "comparable_value"
    per = t("compare.per_million_suffix") if per_million else ""
    log_scale = scale == "log"
    one_panel = long["indicator_id"].nunique() == 1 and long["comparability_class"].dropna().nunique() <= 1
    if one_panel:
        unit = long["comparable_unit"].dropna().iloc[0] if long["comparable_unit"].notna().any() else ""
        subtitle = t("compare.subtitle_money", fx=fx_label) if unit == "USD" else t(
            "compare.subtitle", unit=unit_label(unit))  # fmt: skip
        figure = charts.comparison_bar_chart(
            long, value_column=value_column, unit_label=unit_label(unit) + per,
            title=t("compare.chart_title", indicator=long["indicator_name"].iloc[0]), subtitle=subtitle + per,
            source_note=source_note, log_scale=log_scale, sort=sort,
        )  # fmt: skip
    else:
        figure = charts.small_multiples(
            long, value_column=value_column, title=t("compare.chart_title_many"),
            subtitle=t("compare.subtitle_money", fx=fx_label) + per, source_note=source_note, log_scale=log_scale,
            sort=sort,
        )  # fmt: skip
    common.chart(figure, key="compare_chart", filename="ecodash-compare")
    note = comparability.chart_note(long)
    if note:
        st.warning(common.escape_markdown(note), icon=":material/compare_arrows:")
    reported = long.loc[long["report_status"] == "reported"]
    missing = long.loc[long["report_status"] != "reported"]
    if not missing.empty:
        pairs = "; ".join(f"{r.region_name} — {r.indicator_name}" for r in missing.itertuples())
        st.caption(t("compare.not_reported_list", pairs=pairs))
    st.subheader(t("compare.table"), anchor=False)
    table = compare_table(reported, per_million=per_million)
    st.dataframe(
        table, hide_index=True, width="stretch", placeholder="—",
        column_config={
            **{column: t(f"column.{column}") for column in table.columns},
            "derivation": st.column_config.TextColumn(t("column.derivation"), width="large"),
            "per_million_derivation": st.column_config.TextColumn(t("column.per_million_derivation"), width="large"),
            "difference_note": st.column_config.TextColumn(t("column.difference_note"), width="medium"),
            "link": st.column_config.LinkColumn(t("column.link"), display_text=t("sources.open_fact")),
        },
    )  # fmt: skip
    st.download_button(t("compare.download"), data=export.to_csv_bytes(indicators.comparison_view_export(reported)),
                       file_name="ecodash-compare-view.csv", mime="text/csv", icon=":material/download:",
                       key="download_compare", on_click="ignore")  # fmt: skip
    st.caption(t("common.share_link"))


def compare_table(reported, *, per_million: bool):
    """The figures behind the chart, with their kind and how each differs from its indicator's headline kind."""
    table = reported.assign(
        link=[f"/sources?fact={f}" for f in reported["fact_id"]],
        comparable=[format_quantity(v, u) for v, u in zip(reported["comparable_value"], reported["comparable_unit"],
                                                          strict=True)],
        per_million=[format_quantity(v, u) if v == v else None for v, u in zip(
            reported["comparable_value_per_million"], reported["comparable_unit"], strict=True)],
    )  # fmt: skip
    columns = ["region_name", "indicator_name", "value_label", "class_label", "difference_note", "comparable"]
    columns += ["per_million", "per_million_derivation"] if per_million else ["derivation"]
    return table[[*columns, "quote", "source_id", "link"]]
