"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash import views
from ecodash.i18n import t
from ecodash.ui import common, present


def _cached(ds, choices: dict) -> views.ChartView:
    return common.cached_view(
        ds,
        "funding",
        lambda: views.funding_view(ds, **choices, tables=present.CachedTables(ds), style=common.chart_style(ds)),
        **choices,
    )


def warm(ds) -> None:
    """Build the view a first visit shows (the URL's defaults) into the shared view cache."""
    _cached(ds, views.view_arguments(ds, "funding", {}))


def render() -> None:
    ds = common.dataset()
    st.title(t("funding.title"), anchor=False)
    st.write(t("funding.intro"))
    left, right = st.columns(2)  # two rows of controls: each stays whole at 1280 px
    with left:
        view = common.url_widget(
            st.segmented_control,
            "view",
            label=t("funding.view"),
            options=list(views.FUNDING_VIEWS),
            default="per_year",
            format_func=lambda v: t(f"funding.view.{v}"),
        )
    with right:
        per_million = common.per_million_widget()
    fx_basis = common.fx_basis_widget(ds)
    choices = {"view": view, "per_million": per_million, "fx_basis": fx_basis}
    shown = _cached(ds, choices)
    for caption in shown.captions:
        st.caption(common.escape_markdown(caption))
    common.chart(shown.figure, key="funding_chart", filename=shown.filename)
    if shown.notes:
        st.warning(common.escape_markdown("\n".join(shown.notes)), icon=":material/compare_arrows:")
    present.toolbar("funding", {"view": view, "per": "million" if per_million else "absolute", "fx": fx_basis})
    st.subheader(t("funding.table"), anchor=False)
    st.dataframe(
        shown.table,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            "region_name": t("column.region_name"),
            "instrument_name": t("column.instrument_name"),
            "funding_view": t("column.funding_view"),
            "value_label": t("column.value_label"),
            "class_label": t("column.class_label"),
            "difference_note": t("column.difference_note"),
            "value_usd": common.usd_column(t("column.value_usd")),
            "per_year_usd": common.usd_column(t("column.per_year_usd")),
            "value_usd_per_million": common.usd_column(t("column.value_usd_per_million")),
            "per_year_usd_per_million": common.usd_column(t("column.per_year_usd_per_million")),
            "per_million_derivation": st.column_config.TextColumn(t("column.per_million_derivation"), width="large"),
            "derivation": st.column_config.TextColumn(t("column.derivation"), width="large"),
            "quote": t("column.quote"),
            "link": st.column_config.LinkColumn(t("column.link"), display_text=t("sources.open_fact")),
        },
    )
    st.caption(t("common.share_link"))
