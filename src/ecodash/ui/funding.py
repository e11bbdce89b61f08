"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash import charts, comparability, intensity
from ecodash.i18n import t
from ecodash.ui import common

VIEWS = ("per_year", "per_recipient", "total")


def render() -> None:
    ds = common.dataset()
    st.title(t("funding.title"), anchor=False)
    st.write(t("funding.intro"))
    left, right = st.columns(2)  # two rows of controls: each stays whole at 1280 px
    with left:
        view = common.url_widget(st.segmented_control, "view", label=t("funding.view"), options=list(VIEWS),
                                 default="per_year", format_func=lambda v: t(f"funding.view.{v}"))  # fmt: skip
    with right:
        per_million = common.per_million_widget()
    fx_basis = common.fx_basis_widget(ds)
    funding = common.funding(ds, str(ds.data_dir), fx_basis)
    drawn = charts.funding_view_rows(funding, view, per_million=per_million)
    if per_million:
        _, left_out = intensity.split_per_million(charts.funding_view_rows(funding, view),
                                                  charts.FUNDING_VIEWS[view]["column"] + "_per_million", group=None)
        if not left_out.empty:
            st.caption(common.escape_markdown(t("compare.not_per_million", pairs="; ".join(
                f"{r.region_name} — {r.instrument_name}: {r.per_million_derivation}" for r in left_out.itertuples()))))
    source_note = charts.source_note(ds, sorted(drawn["source_id"].unique()))
    if per_million and not drawn.empty:
        source_note += "\n" + t("compare.population_note",
                                 sources=intensity.population_note(ds, drawn["population_region_id"]))
    figure = charts.funding_chart(
        funding, view=view, fx_basis_label=common.fx_long_label(ds, fx_basis), title=t(f"funding.title.{view}"),
        source_note=source_note, per_million=per_million,
    )  # fmt: skip
    common.chart(figure, key="funding_chart", filename="ecodash-funding")
    note = comparability.chart_note(drawn.assign(view=view), group="view", name=charts.funding_what(view))
    if note:
        st.warning(common.escape_markdown(note), icon=":material/compare_arrows:")
    st.subheader(t("funding.table"), anchor=False)
    table = funding.assign(link=[f"/sources?fact={f}" for f in funding["fact_id"]])
    columns = ["region_name", "instrument_name", "funding_view", "value_label", "class_label", "difference_note",
               "value_usd", "per_year_usd"]
    columns += ["value_usd_per_million", "per_year_usd_per_million", "per_million_derivation"] if per_million else []
    st.dataframe(
        table[[*columns, "derivation", "quote", "link"]],
        hide_index=True, width="stretch", placeholder="—",
        column_config={
            "region_name": t("column.region_name"), "instrument_name": t("column.instrument_name"),
            "funding_view": t("column.funding_view"), "value_label": t("column.value_label"),
            "class_label": t("column.class_label"), "difference_note": t("column.difference_note"),
            "value_usd": common.usd_column(t("column.value_usd")),
            "per_year_usd": common.usd_column(t("column.per_year_usd")),
            "value_usd_per_million": common.usd_column(t("column.value_usd_per_million")),
            "per_year_usd_per_million": common.usd_column(t("column.per_year_usd_per_million")),
            "per_million_derivation": st.column_config.TextColumn(t("column.per_million_derivation"), width="large"),
            "derivation": st.column_config.TextColumn(t("column.derivation"), width="large"),
            "quote": t("column.quote"),
            "link": st.column_config.LinkColumn(t("column.link"), display_text=t("sources.open_fact")),
        },
    )  # fmt: skip
    st.caption(t("common.share_link"))
