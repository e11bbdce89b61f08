"""Region profile: every figure, programme, actor and dated event of one region, with its neighbours."""

from __future__ import annotations

import streamlit as st

from ecodash import i18n, views
from ecodash.i18n import t
from ecodash.i18n.formats import label
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown


def _region_links(ds, region_ids: list[str], label: str) -> None:
    if not region_ids:
        return
    st.caption(label)
    for region_id in region_ids:
        st.page_link(
            state.PAGES["profile"],
            label=escape_markdown(caches.region_name(ds, region_id)),
            icon=":material/arrow_forward:",
            query_params={"region": region_id},
        )


def render() -> None:
    ds = state.dataset()
    st.title(t("profile.title"), anchor=False)
    regions = ds.regions
    choices = widgets.page_choices(ds, "profile", [{"region": 1}, {"fx": 1}])
    region_id, fx_basis = choices["region"], choices["fx"]
    region = regions.set_index("region_id").loc[region_id]
    st.header(escape_markdown(region["name"]), anchor=False)
    st.caption(
        escape_markdown(
            t(
                "profile.meta",
                other=region["name_en" if i18n.current() == "fr" else "name_fr"],
                level=label("level", region["level"]),
                iso=region["iso_country"],
            )
        )
    )
    parent = region["parent_id"]
    children = regions.loc[regions["parent_id"] == region_id, "region_id"].tolist()
    links = st.columns(2)
    with links[0]:
        _region_links(ds, [parent] if isinstance(parent, str) else [], t("profile.parent"))
    with links[1]:
        _region_links(ds, children, t("profile.children"))

    own = caches.cached_view(
        ds,
        "profile_tables",
        lambda: views.profile_tables(
            ds, region_id, fx_basis=fx_basis, quote_columns=draw.quote_columns(), tables=caches.CachedTables(ds)
        ),
        region_id=region_id,
        fx_basis=fx_basis,
    )
    st.subheader(t("profile.facts"), anchor=False)
    if not own.facts:
        st.info(t("profile.no_facts"))
    for line in own.not_converted:  # a figure in a currency without FX rate: its USD cell is empty, and why
        st.caption(escape_markdown(line))
    for category, table in own.facts:
        with st.expander(t("profile.category", category=label("category", category), n=len(table)), expanded=True):
            st.dataframe(
                table,
                hide_index=True,
                width="stretch",
                placeholder="—",
                column_config=draw.column_config("facts", table.columns),
            )

    st.subheader(t("profile.instruments"), anchor=False)
    if own.instruments.empty:
        st.write(t("profile.none"))
    else:
        st.dataframe(
            own.instruments,
            hide_index=True,
            width="stretch",
            column_config=draw.column_config("instruments", own.instruments.columns),
        )

    st.subheader(t("profile.actors"), anchor=False)
    if own.actors.empty:
        st.write(t("profile.none"))
    else:
        st.dataframe(
            own.actors,
            hide_index=True,
            width="stretch",
            placeholder="—",
            column_config=draw.column_config("actors", own.actors.columns),
        )

    st.subheader(t("profile.timeline"), anchor=False)
    timeline = caches.page_view(ds, "profile", choices)
    if timeline.figure is None:
        st.write(escape_markdown(timeline.message))
    else:
        draw.chart(timeline.figure, key="timeline", filename=timeline.filename)
    for caption in timeline.captions:  # undated events: not on the axis, said here
        st.caption(escape_markdown(caption))
    if timeline.figure is not None:
        present.toolbar("profile", choices)
    st.caption(t("common.share_link"))
