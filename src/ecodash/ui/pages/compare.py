"""Compare: any regions, one or more indicators, in a common unit, with qualifiers visible."""

from __future__ import annotations

import functools

import streamlit as st

from ecodash import i18n
from ecodash.i18n import t
from ecodash.io.formats import FORMATS
from ecodash.ui import appearance, caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown

TUCKED = ("scale", "sort", "cities", "fx")
"""The choices a first reader does not need: in the Options popover (still in the URL)."""


def render() -> None:
    ds = state.dataset(user=True)
    draw.page_header(t("compare.title"), t("compare.intro"), t("compare.how_to_read"), legend=True)
    draw.user_data_banner(ds)
    _view(ds, i18n.current())


@st.fragment
def _view(ds, language: str) -> None:
    """The controls and what they change (cards, chart, table): a control's change reruns only this part."""
    i18n.activate(language)  # a fragment's rerun runs in a fresh thread: the language is the full run's
    choices = widgets.page_choices(ds, "compare", [{"regions": 1, "indicators": 1}], compact=("per",), tucked=TUCKED)
    view = caches.page_view(ds, "compare", choices)
    if view.message:
        st.info(escape_markdown(view.message))
        return
    draw.kind_cards(view.kinds, key="compare", colour=appearance.chart_style(ds).colour)
    charted = [group for group in view.kinds if group.charted]
    if view.figure is not None:
        if charted:
            st.caption(" · ".join(escape_markdown(f"{g.name} — {g.class_label}: {g.reporting}") for g in charted))
        # the chart carries its own "Not alike" note (in the image too): it is not repeated under it
        draw.chart(view.figure, key="compare_chart", filename=view.filename, alt=view.alt)
    for line in (*view.captions, *view.missing):  # what is not shown, and why: under the figures, not before them
        st.caption(escape_markdown(line))
    present.toolbar("compare", choices)
    st.subheader(t("compare.table"), anchor=False)
    table = view.table
    if table is None:
        return
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config=draw.column_config("comparison", table.columns),
    )
    st.download_button(
        t("compare.download"),
        data=functools.partial(FORMATS["csv"].write_table, "compare", view.export),  # made on click, not every rerun
        file_name=FORMATS["csv"].file_name("compare-view"),
        mime=FORMATS["csv"].mime,
        icon=":material/download:",
        key="download_compare",
        on_click="ignore",
    )
    st.caption(t("common.share_link"))
