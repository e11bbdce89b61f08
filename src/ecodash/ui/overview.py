"""Overview: the five focus regions side by side, and the region x indicator matrix."""

from __future__ import annotations

import streamlit as st

from ecodash import indicators
from ecodash.formatting import compact_number, format_fact
from ecodash.i18n import t
from ecodash.ui import common


def _figure_line(row, *, slot: str, region_id: str, ds) -> None:
    label = row["value_label"]
    if slot == "funding":
        per_year = format_fact(row["per_year_value"], row["unit"], row["qualifier"])
        label = t("overview.per_year", value=per_year, usd=compact_number(row["per_year_usd"]))
    text = f"**{common.escape_markdown(label)}** · {common.escape_markdown(row['indicator_name'])}"
    if row["region_id"] != region_id:
        text += f" · _{common.escape_markdown(t('overview.via', region=common.region_name(ds, row['region_id'])))}_"
    st.markdown(text)
    if slot == "funding":
        st.caption(common.escape_markdown(row["derivation"]))
    common.fact_link(row["fact_id"])


def _card(ds, region_id: str, fx_basis: str) -> None:
    headlines = common.headlines(ds, str(ds.data_dir), region_id, fx_basis)
    with st.container(border=True, key=f"card_{region_id}"):
        st.subheader(common.region_name(ds, region_id), anchor=False)
        for slot in indicators.HEADLINE_SLOTS:
            st.caption(t(f"overview.slot.{slot}"))
            rows = headlines[slot]
            if rows.empty:
                st.markdown(f"_{t('common.not_reported')}_")
            for _, row in rows.head(3).iterrows():
                _figure_line(row, slot=slot, region_id=region_id, ds=ds)
        st.page_link(
            common.PAGES["profile"],
            label=t("overview.profile_link", region=common.region_name(ds, region_id)),
            icon=":material/travel_explore:",
            query_params={"region": region_id},
        )


def render() -> None:
    ds = common.dataset()
    st.title(t("overview.title"), anchor=False)
    st.write(t("overview.intro"))
    fx_basis = common.fx_basis_widget()
    focus = ds.focus_region_ids()
    for column, region_id in zip(st.columns(len(focus)), focus, strict=True):
        with column:
            _card(ds, region_id, fx_basis)
    st.header(t("overview.matrix"), anchor=False)
    st.caption(t("overview.matrix_help"))
    matrix = common.comparison_matrix(ds, str(ds.data_dir), fx_basis)
    st.dataframe(matrix.T, width="stretch", height=min(40 + 35 * len(matrix.columns), 900))
