"""Funding programmes: every money figure, one kind of figure per chart, original currency and USD."""

from __future__ import annotations

import streamlit as st

from ecodash.i18n import t
from ecodash.ui import appearance, caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown


def kinds(ds, view, page: str) -> None:
    """The kinds only one region reports, as figure cards side by side: each says how many regions report it."""
    single = [group for group in view.kinds if not group.charted]
    if not single:
        return
    style = appearance.chart_style(ds)
    with st.container(horizontal=True, gap="small", key=f"{page}_cards"):
        for number, group in enumerate(single):
            for card in group.cards:
                draw.figure_card(
                    card,
                    key=f"{page}_{number}_{card.region_id}",
                    colour=style.colour(card.region_id),
                    heading=f"{card.what} · {group.reporting}",
                    width=268,
                )


def render() -> None:
    ds = state.dataset()
    draw.page_header(t("funding.title"), t("funding.intro"), t("funding.how_to_read"), legend=True)
    choices = widgets.page_choices(ds, "funding", compact=("view", "per"), tucked=("fx",))
    shown = caches.page_view(ds, "funding", choices, cards=True)
    for caption in shown.captions:
        st.caption(escape_markdown(caption))
    kinds(ds, shown, "funding")
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
