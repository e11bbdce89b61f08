"""Region profile: every figure, programme, actor and dated event of one region, with its neighbours."""

from __future__ import annotations

import streamlit as st

from ecodash import i18n, views
from ecodash.i18n import t
from ecodash.i18n.formats import label
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown
from ecodash.views import registry


def _region_links(ds, region_ids: list[str], words: str) -> None:
    """'Part of: China' / 'Includes: Shenzhen': links in the row they are placed in."""
    if not region_ids:
        return
    st.caption(words, width="content")
    for region_id in region_ids:
        st.page_link(
            state.PAGES["profile"],
            label=escape_markdown(caches.region_name(ds, region_id)),
            icon=":material/arrow_forward:",
            query_params={"region": region_id},
            width="content",
        )


def _choices(ds) -> dict[str, str]:
    """The region (a wide selectbox) and the FX basis (in a popover: a first reader rarely needs it), in one row;
    both live in the URL."""
    spec = registry.spec_of("profile")
    region_column, fx_column = st.columns([3, 2], vertical_alignment="bottom")
    with region_column:
        region_id = widgets.param_widget(ds, spec.param("region"), label_visibility="collapsed")
    with fx_column, st.popover(t(registry.FX.label), icon=":material/currency_exchange:"):
        fx_basis = widgets.param_widget(ds, spec.param("fx"))
    return {"region": region_id, "fx": fx_basis}


def render() -> None:
    ds = state.dataset()
    draw.page_header(t("profile.title"), t("profile.intro"))
    regions = ds.regions
    choices = _choices(ds)
    region_id, fx_basis = choices["region"], choices["fx"]
    region = regions.set_index("region_id").loc[region_id]
    parent = region["parent_id"]
    children = regions.loc[regions["parent_id"] == region_id, "region_id"].tolist()
    with st.container(horizontal=True, vertical_alignment="center", key="profile_region"):
        st.subheader(escape_markdown(region["name"]), anchor=False, width="content")
        st.caption(
            escape_markdown(
                t(
                    "profile.meta",
                    other=region["name_en" if i18n.current() == "fr" else "name_fr"],
                    level=label("level", region["level"]),
                    iso=region["iso_country"],
                )
            ),
            width="content",
        )
        _region_links(ds, [parent] if isinstance(parent, str) else [], t("profile.parent"))
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
    if not own.facts:
        st.info(t("profile.no_facts"))
    for line in own.not_converted:  # a figure in a currency without FX rate: its USD cell is empty, and why
        st.caption(escape_markdown(line))
    for category, table in own.facts:  # open tables under their headings: the figures are the page's answer
        st.subheader(views.profile.category_heading(category, len(table)), anchor=False)
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
    if timeline.figure is None:  # nothing dated: no chart, so no image to save and no slide to add
        st.write(escape_markdown(timeline.message))
    else:
        draw.chart(timeline.figure, key="timeline", filename=timeline.filename)
    for caption in timeline.captions:  # undated events: not on the axis, said here
        st.caption(escape_markdown(caption))
    if timeline.figure is not None:
        present.toolbar("profile", choices)
    st.caption(t("common.share_link"))
