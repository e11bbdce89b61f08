"""Compare: any regions, one or more indicators, in a common unit, with qualifiers visible."""

from __future__ import annotations

import functools

import streamlit as st

from ecodash import i18n
from ecodash.i18n import t
from ecodash.io.formats import FORMATS
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown


def render() -> None:
    ds = state.dataset(user=True)
    st.title(t("compare.title"), anchor=False)
    st.write(t("compare.intro"))
    draw.user_data_banner(ds)
    _view(ds, i18n.current())


@st.fragment
def _view(ds, language: str) -> None:
    """The controls and what they change (chart, notes, table): a control's change reruns only this part."""
    i18n.activate(language)  # a fragment's rerun runs in a fresh thread: the language is the full run's
    choices = widgets.page_choices(
        ds,
        "compare",
        # two rows of controls: each stays whole at 1280 px
        [{"regions": 1, "indicators": 1}, {"scale": 1, "sort": 1, "cities": 1.3, "per": 2.2}, {"fx": 1}],
    )
    view = caches.page_view(ds, "compare", choices)
    if view.message:
        st.info(escape_markdown(view.message))
        return
    for caption in view.captions:
        st.caption(escape_markdown(caption))
    if view.figure is None:
        return
    draw.chart(view.figure, key="compare_chart", filename=view.filename)
    if view.notes:
        st.warning(escape_markdown("\n".join(view.notes)), icon=":material/compare_arrows:")
    for line in view.missing:
        st.caption(escape_markdown(line))
    present.toolbar("compare", choices)
    st.subheader(t("compare.table"), anchor=False)
    table = view.table
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
