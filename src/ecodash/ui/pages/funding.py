"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash.i18n import t
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown


def render() -> None:
    ds = state.dataset()
    st.title(t("funding.title"), anchor=False)
    st.write(t("funding.intro"))
    choices = widgets.page_choices(ds, "funding", [{"view": 1, "per": 1}, {"fx": 1}])  # rows whole at 1280 px
    shown = caches.page_view(ds, "funding", choices)
    for caption in shown.captions:
        st.caption(escape_markdown(caption))
    draw.chart(shown.figure, key="funding_chart", filename=shown.filename)
    if shown.notes:
        st.warning(escape_markdown("\n".join(shown.notes)), icon=":material/compare_arrows:")
    present.toolbar("funding", choices)
    st.subheader(t("funding.table"), anchor=False)
    st.dataframe(
        shown.table,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config=draw.column_config("funding", shown.table.columns),
    )
    st.caption(t("common.share_link"))
