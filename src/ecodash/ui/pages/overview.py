"""Overview: one row per kind of figure, the focus regions side by side, like only with like."""

from __future__ import annotations

import streamlit as st

from ecodash import i18n, views
from ecodash.i18n import t
from ecodash.ui import appearance, caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown
from ecodash.views import overview as overview_view

SHOWN_PER_CELL = 3


@st.cache_resource(show_spinner=False, max_entries=64)
def _rows(key: str, fx_basis: str, language: str, focus: tuple[str, ...], _slots, _names) -> list:
    """views.overview.overview_rows, once per dataset, FX basis and language instead of on every run. Never changed."""
    with i18n.use(language):
        return overview_view.overview_rows(_slots, focus, _names, shown=SHOWN_PER_CELL)


def _row_heading(row: overview_view.OverviewRow, fx_basis: str) -> None:
    """The row's name, its headline kind as badges (full words on hover), how many regions report it, and
    'Add to slides'."""
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"row_{row.slot}"):
        st.subheader(t(f"overview.slot.{row.slot}"), anchor=False, width="content")
        for badge in row.badges:
            st.badge(
                badge.word, color="gray", help=escape_markdown(f"{t(f'dim.title.{badge.dimension}')}: {badge.full}")
            )
        if row.kind:
            st.caption(
                escape_markdown(row.reporting),
                help=escape_markdown(t("overview.headline_kind", indicator=row.indicator, kind=row.kind)),
                width="stretch",
            )
        else:
            st.caption(t(f"overview.slot_help.{row.slot}"), width="stretch")
        present.add_button("overview", {"row": row.slot, "fx": fx_basis}, key=f"overview_{row.slot}", tertiary=True)


def render() -> None:
    ds = state.dataset(user=True)
    choices: dict = {}

    def controls() -> None:
        choices.update(widgets.page_choices(ds, "overview", tucked=("fx",)))
        present.controls("overview")

    draw.page_header(
        t("overview.title"), t("overview.intro"), t("overview.how_to_read"), legend=True, controls=controls
    )
    draw.user_data_banner(ds)
    fx_basis = choices["fx"]
    focus = ds.focus_region_ids()
    slots = caches.overview(ds, fx_basis)
    names = {region_id: caches.region_name(ds, region_id) for region_id in set(ds.regions["region_id"])}
    rows = _rows(ds.key, fx_basis, i18n.current(), tuple(focus), slots, names)
    style = appearance.chart_style(ds)
    for column, region_id in zip(st.columns(len(focus)), focus, strict=True):
        with column:
            st.page_link(
                state.PAGES["profile"],
                label=escape_markdown(caches.region_name(ds, region_id)),
                icon=":material/travel_explore:",
                query_params={"region": region_id},
            )
    for row in rows:
        _row_heading(row, fx_basis)
        headline = row.slot in views.HEADLINE_ROWS
        for column, region_id in zip(st.columns(len(focus)), focus, strict=True):
            key = f"cell_{row.slot}_{region_id}"
            with column, st.container(border=True, key=key, gap="small"):
                st.html(appearance.edge_style(key, style.colour(region_id)))
                count, figures = row.cells[region_id]
                if not count:
                    st.markdown(f"_{t('common.not_reported')}_")
                    continue
                for number, card in enumerate(figures):
                    own_label = not headline or card.what != row.indicator  # the row's heading names its own
                    draw.figure_card(
                        card,
                        key=f"overview_{row.slot}_{region_id}_{number}",
                        colour="",
                        region=False,
                        heading=card.what if own_label else "",
                        border=False,
                        badges=not headline or bool(card.differs),
                    )
                if count > SHOWN_PER_CELL:
                    st.caption(t("overview.more", n=count - SHOWN_PER_CELL))
    st.header(t("overview.matrix"), anchor=False)
    st.caption(t("overview.matrix_help"))
    matrix = caches.comparison_matrix(ds, fx_basis)
    st.dataframe(matrix.T, width="stretch", height=min(40 + 35 * len(matrix.columns), 900))
