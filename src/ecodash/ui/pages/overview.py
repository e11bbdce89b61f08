"""Overview: one row per kind of figure, the focus regions side by side, like only with like."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ecodash import i18n, views
from ecodash.analysis import indicators
from ecodash.i18n import t
from ecodash.i18n.formats import compact_number, significant
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown

SHOWN_PER_CELL = 3


def _figure(row, *, region_id: str, ds, kind: str) -> None:
    """kind: 'headline' (of the row's headline kind), 'other_kind' (says how it differs) or 'list' (own label)."""
    label = row["value_label"]
    if row["indicator_id"] == indicators.FUNDING_PER_YEAR and pd.notna(row["value_usd"]):  # else the caption says why
        label = t("overview.per_year", value=row["value_label"], usd=compact_number(significant(row["value_usd"])))
    text = f"**{escape_markdown(label)}**"
    if kind != "headline":  # the row's heading names the headline indicator; any other figure names its own
        text += f" · {escape_markdown(row['indicator_name'])}"
    if row["reported_for"] != region_id:
        text += f" · _{escape_markdown(t('overview.via', region=caches.region_name(ds, row['reported_for'])))}_"
    if draw.is_users(row):  # the reader's own figure: marked, and no curated passage to link to
        text = t("yours.mark_suffix", text=text)
    st.markdown(text)
    if kind != "headline":
        st.caption(escape_markdown(t("overview.own_label", kind=row["class_label"])))
    if kind == "other_kind":
        st.caption(escape_markdown(t("overview.differs", how=row["difference_note"])))
    if row["indicator_id"] == indicators.FUNDING_PER_YEAR:
        st.caption(escape_markdown(row["derivation"]))
    if draw.is_users(row):
        draw.user_badge()
    else:
        draw.fact_link(row["fact_id"])


@st.cache_resource(show_spinner=False, max_entries=64)
def _cells(key: str, fx_basis: str, language: str, focus: tuple[str, ...], _slots) -> dict:
    """indicators.overview_cells, once per dataset, FX basis and language instead of on every run. Never changed."""
    return indicators.overview_cells(_slots, focus, shown=SHOWN_PER_CELL)


def _row_heading(slot: str, rows, fx_basis: str) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.subheader(t(f"overview.slot.{slot}"), anchor=False, divider="gray", width="stretch")
        present.add_button("overview", {"row": slot, "fx": fx_basis}, key=f"overview_{slot}", tertiary=True)
    if slot not in views.HEADLINE_ROWS:
        st.caption(t(f"overview.slot_help.{slot}"))
        return
    if rows.empty:
        return
    head = rows.loc[rows["in_headline_class"]]
    regions = ", ".join(dict.fromkeys(head["region_name"]))
    st.markdown(
        escape_markdown(
            t("overview.headline_kind", indicator=head["indicator_name"].iloc[0], kind=head["class_label"].iloc[0])
        )
    )
    if rows["region_id"].nunique() > 1 and head["region_id"].nunique() < rows["region_id"].nunique():
        st.caption(escape_markdown(t("overview.headline_only", regions=regions)))


def render() -> None:
    ds = state.dataset(user=True)
    st.title(t("overview.title"), anchor=False)
    st.write(t("overview.intro"))
    draw.user_data_banner(ds)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        fx_basis = widgets.page_choices(ds, "overview")["fx"]
        present.controls("overview")
    focus = ds.focus_region_ids()
    slots = caches.overview(ds, fx_basis)
    cells = _cells(ds.key, fx_basis, i18n.current(), tuple(focus), slots)
    for column, region_id in zip(st.columns(len(focus)), focus, strict=True):
        with column:
            st.page_link(
                state.PAGES["profile"],
                label=escape_markdown(caches.region_name(ds, region_id)),
                icon=":material/travel_explore:",
                query_params={"region": region_id},
            )
    for slot in indicators.HEADLINE_SLOTS:
        rows = slots[slot]
        _row_heading(slot, rows, fx_basis)
        for column, region_id in zip(st.columns(len(focus)), focus, strict=True):
            with column, st.container(border=True, key=f"cell_{slot}_{region_id}"):
                st.caption(escape_markdown(caches.region_name(ds, region_id)))
                count, shown = cells[(slot, region_id)]
                if not count:
                    st.markdown(f"_{t('common.not_reported')}_")
                    continue
                headline_row = slot in views.HEADLINE_ROWS
                for row in shown:
                    kind = "list" if not headline_row else "headline" if row["in_headline_class"] else "other_kind"
                    _figure(row, region_id=region_id, ds=ds, kind=kind)
                if count > SHOWN_PER_CELL:
                    st.caption(t("overview.more", n=count - SHOWN_PER_CELL))
    st.header(t("overview.matrix"), anchor=False)
    st.caption(t("overview.matrix_help"))
    matrix = caches.comparison_matrix(ds, fx_basis)
    st.dataframe(matrix.T, width="stretch", height=min(40 + 35 * len(matrix.columns), 900))
