"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash.i18n import t
from ecodash.ui import appearance, caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown


def render() -> None:
    ds = state.dataset()
    draw.page_header(t("funding.title"), t("funding.intro"), t("funding.how_to_read"), legend=True)
    choices = widgets.page_choices(ds, "funding", compact=("view", "per"), tucked=("fx",))
    shown = caches.page_view(ds, "funding", choices)
    for caption in shown.captions:
        st.caption(escape_markdown(caption))
    draw.kind_cards(shown.kinds, key="funding", colour=appearance.chart_style(ds).colour)
    charted = [group for group in shown.kinds if group.charted]
    if charted:
        st.caption(" · ".join(escape_markdown(f"{g.class_label}: {g.reporting}") for g in charted))
    if shown.figure is not None:
        # the chart carries its own "Not alike" note (in the image too): it is not repeated under it
        draw.chart(shown.figure, key="funding_chart", filename=shown.filename, alt=shown.alt)
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
