"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash import charts
from ecodash.i18n import t
from ecodash.ui import common

VIEWS = ("per_year", "per_recipient", "total")


def render() -> None:
    ds = common.dataset()
    st.title(t("funding.title"), anchor=False)
    st.write(t("funding.intro"))
    left, right = st.columns(2)
    with left:
        view = common.url_widget(st.segmented_control, "view", label=t("funding.view"), options=list(VIEWS),
                                 default="per_year", format_func=lambda v: t(f"funding.view.{v}"))  # fmt: skip
    with right:
        fx_basis = common.fx_basis_widget()
    funding = common.funding(ds, str(ds.data_dir), fx_basis)
    drawn = charts.funding_view_rows(funding, view)
    figure = charts.funding_chart(
        funding, view=view, fx_basis_label=t(f"common.fx_long.{fx_basis}"), title=t(f"funding.title.{view}"),
        source_note=charts.source_note(ds, sorted(drawn["source_id"].unique())),
    )  # fmt: skip
    common.chart(figure, key="funding_chart", filename="ecodash-funding")
    st.subheader(t("funding.table"), anchor=False)
    table = funding.assign(link=[f"/sources?fact={f}" for f in funding["fact_id"]])
    st.dataframe(
        table[["region_name", "instrument_name", "funding_view", "value_label", "value_usd", "per_year_usd",
               "derivation", "quote", "link"]],
        hide_index=True, width="stretch", placeholder="—",
        column_config={
            "region_name": t("column.region_name"), "instrument_name": t("column.instrument_name"),
            "funding_view": t("column.funding_view"), "value_label": t("column.value_label"),
            "value_usd": common.usd_column(t("column.value_usd")),
            "per_year_usd": common.usd_column(t("column.per_year_usd")),
            "derivation": st.column_config.TextColumn(t("column.derivation"), width="large"),
            "quote": t("column.quote"),
            "link": st.column_config.LinkColumn(t("column.link"), display_text=t("sources.open_fact")),
        },
    )  # fmt: skip
    st.caption(t("common.share_link"))
