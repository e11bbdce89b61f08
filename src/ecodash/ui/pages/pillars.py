"""Pillars: region x pillar, what the articles report for each part of an AI ecosystem. No score, no ranking."""

from __future__ import annotations

import streamlit as st

from ecodash import i18n, views
from ecodash.analysis import indicators, pillars
from ecodash.i18n import t
from ecodash.i18n.formats import label, number
from ecodash.i18n.plurals import plural
from ecodash.schema.vocabularies import STATUSES
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown
from ecodash.views import about, registry

NAMES_PER_CELL = 3
DETAIL_SHOWN = 30
"""A detail lists at most this many figures, and as many of each of programmes, actors and events: a page of a
thousand cards (a large dataset, all regions) takes seconds to send and nobody reads it. The rest is counted."""


@st.cache_data(show_spinner=False, max_entries=caches.TABLE_CACHE_ENTRIES)
def _detail(_ds, key: str, region_id: str | None, pillar_id: str | None, fx_basis: str, language: str):
    with i18n.use(language):
        return pillars.cell_detail(_ds, region_id, pillar_id, fx_basis=fx_basis)


def _choose(region_id: str, pillar_id: str) -> None:
    """Button callback: open one cell's detail (the URL follows, so the view can be shared)."""
    widgets.preset("region", region_id)
    widgets.preset("pillar", pillar_id)


def _counts(row) -> str:
    parts = [plural(f"pillars.count.{status}", row[f"n_{status}"]) for status in STATUSES if row[f"n_{status}"]]
    return " · ".join(parts) if parts else t("pillars.no_figures")


def _names(key: str, names: str) -> None:
    shown, more = pillars.shorten(names, NAMES_PER_CELL)
    if not shown:
        return
    text = "; ".join(shown) + (f" {t('pillars.more', n=more)}" if more else "")
    st.caption(escape_markdown(t(key, names=text)))


def _cell(ds, row) -> None:
    """One region x pillar cell: counts, the strongest comparable figure, names, and the way to its quotes."""
    with st.container(border=True, key=f"cell_{row['pillar_id']}_{row['region_id']}"):
        st.caption(escape_markdown(row["region_name"]))
        if row["says_nothing"]:
            st.markdown(f"_{escape_markdown(t('pillars.says_nothing'))}_")
            return
        counts = _counts(row)
        if row["n_user_facts"]:
            counts += f" ({t('yours.pillars.count', n=row['n_user_facts'])})"
        st.markdown(escape_markdown(counts))
        if row["n_facts"]:
            strongest = f"**{escape_markdown(row['strongest_label'])}** · {escape_markdown(row['strongest_indicator'])}"
            users = row["strongest_origin"] == indicators.USER
            st.markdown(t("yours.mark_suffix", text=strongest) if users else strongest)
            st.caption(escape_markdown(t("pillars.kind", kind=row["strongest_kind"])))
            if row["strongest_reported_for"] != row["region_id"]:
                via = t("pillars.via", region=caches.region_name(ds, row["strongest_reported_for"]))
                st.caption(escape_markdown(via))
            if not users:  # the reader's figure has no curated passage to open
                draw.fact_link(row["strongest_fact_id"])
        _names("pillars.programmes", row["programmes"])
        _names("pillars.actors", row["actors"])
        if row["n_events"]:
            st.caption(plural("pillars.events", row["n_events"]))
        st.button(
            t("pillars.open"),
            key=f"open_{row['pillar_id']}_{row['region_id']}",
            type="tertiary",
            icon=":material/format_quote:",
            on_click=_choose,
            args=(row["region_id"], row["pillar_id"]),
        )


def _pillar_heading(pillar) -> None:
    """The pillar's name and where it comes from (an article, or added), in one line; its definition and the
    article's words one hover away (the ? beside the name)."""
    origin = pillar["origin"]
    if origin == "article":
        text = t("pillars.definition_article", definition=pillar["definition"], quote=pillar["quote"])
    else:
        text = t("pillars.definition_added", definition=pillar["definition"], rationale=pillar["rationale"])
    badge = f":{'blue' if origin == 'article' else 'gray'}-badge[{escape_markdown(t(f'pillars.origin.{origin}'))}]"
    st.markdown(f"**{escape_markdown(pillar['name'])}** {badge}", help=escape_markdown(text), width="stretch")


def _figure(ds, row, *, region_id: str, pillar_id: str, pillar_names: dict[str, str]) -> None:
    """One figure of the detail: what it says, its kind, its quote and translation, and the link to the passage."""
    with st.container(border=True):
        what, kind, quote, link = st.columns([1.3, 1.4, 3.2, 1], vertical_alignment="top")
        with what:
            st.markdown(f"**{escape_markdown(row['value_label'])}** · {escape_markdown(row['indicator_name'])}")
            if region_id == views.ALL:
                st.caption(escape_markdown(row["region_name"]))
            if row["reported_for"] != row["region_id"]:
                st.caption(escape_markdown(t("pillars.via", region=caches.region_name(ds, row["reported_for"]))))
            if pillar_id == views.ALL:
                names = ", ".join(pillar_names[p] for p in row["pillar_ids"].split(";"))
                st.caption(escape_markdown(t("pillars.pillars_of", names=names)))
            if draw.is_users(row):
                draw.user_badge()
        with kind:
            st.caption(escape_markdown(t("pillars.kind", kind=row["class_label"])))
            if row["difference_note"]:
                st.caption(escape_markdown(t("pillars.differs", how=row["difference_note"])))
        with quote:
            st.markdown(f"“{escape_markdown(row['quote'])}”")
            if draw.translated_quotes():
                st.caption(escape_markdown(row["quote_en"]))
        with link:
            if not draw.is_users(row):
                draw.fact_link(row["fact_id"], label=t("pillars.open_quote"))


def _record(row, *, table: str, region_id: str) -> None:
    """One programme, actor or event of the detail: what it is, then its quote and translation (never cut)."""
    if table == "events":
        date = row["date"] if isinstance(row["date"], str) else "—"  # an event may have no stated date
        head = f"**{escape_markdown(date)}** · {escape_markdown(row['description'])}"
    else:
        about = row["description"] if table == "instruments" else row["role"]
        kind = label("instrument_kind" if table == "instruments" else "actor_kind", row["kind"])
        head = f"**{escape_markdown(row['name'])}** · {escape_markdown(kind)}" + (
            f" — {escape_markdown(about)}" if isinstance(about, str) else ""
        )
    if region_id == views.ALL:
        head += f" · {escape_markdown(row['region_name'])}"
    st.markdown(head)
    translation = f" — {row['quote_en']}" if draw.translated_quotes() else ""
    st.caption(escape_markdown(f"“{row['quote']}”{translation}"))


def _more(count: int) -> None:
    if count > DETAIL_SHOWN:
        st.caption(t("pillars.detail.more", n=number(count - DETAIL_SHOWN, 0)))


def _detail_view(ds, *, region_id: str, pillar_id: str, fx_basis: str) -> None:
    pillar_names = dict(zip(ds.pillars["pillar_id"], ds.pillars["name"], strict=True))
    st.header(
        escape_markdown(views.slide_title(ds, "pillars", {"pillar": pillar_id, "region": region_id})), anchor=False
    )
    st.caption(t("pillars.detail_intro"))
    detail = _detail(
        ds,
        ds.key,
        None if region_id == views.ALL else region_id,
        None if pillar_id == views.ALL else pillar_id,
        fx_basis,
        i18n.current(),
    )
    if all(frame.empty for frame in detail.values()):
        st.markdown(f"_{escape_markdown(t('pillars.says_nothing'))}_")
    else:
        if detail["facts"].empty:
            st.write(t("pillars.detail.no_figures"))
        for _, row in detail["facts"].head(DETAIL_SHOWN).iterrows():
            _figure(ds, row, region_id=region_id, pillar_id=pillar_id, pillar_names=pillar_names)
        _more(len(detail["facts"]))
        headings = {
            "instruments": "pillars.detail.programmes",
            "actors": "pillars.detail.actors",
            "events": "pillars.detail.events",
        }
        named = [table for table in headings if not detail[table].empty]
        for table, column in zip(named, st.columns(len(named)) if named else [], strict=True):
            with column, st.container(border=True):
                st.subheader(t(headings[table]), anchor=False)
                for _, row in detail[table].head(DETAIL_SHOWN).iterrows():
                    _record(row, table=table, region_id=region_id)
                _more(len(detail[table]))
    st.button(
        t("pillars.show_all"),
        key="show_all",
        icon=":material/view_module:",
        on_click=_choose,
        args=(views.ALL, views.ALL),
    )


def _how_to_read(ds) -> None:
    """What a cell counts, where the pillars come from, and why there is no score: one click away."""
    st.write(about.pillars_intro(ds, escape=escape_markdown))
    st.info(about.articles_sentence(ds, "pillars.no_score", escape=escape_markdown), icon=":material/block:")
    st.caption(t("pillars.grid_help"))


def _choices(ds) -> dict[str, str]:
    """Pillar and region (which cell to open), then the FX basis and how to read the grid (popovers: a first reader
    rarely needs them), in one row; the three choices live in the URL."""
    spec = registry.spec_of("pillars")
    pillar_column, region_column, fx_column, help_column = st.columns([1.3, 1, 0.85, 0.85], vertical_alignment="bottom")
    values = {}
    for column, name in ((pillar_column, "pillar"), (region_column, "region")):
        with column:
            values[name] = widgets.param_widget(ds, spec.param(name))
    with fx_column, st.popover(t(registry.FX.label), icon=":material/currency_exchange:", width="stretch"):
        values["fx"] = widgets.param_widget(ds, spec.param("fx"))
    with help_column, st.popover(t("pillars.how_to_read"), icon=":material/help:", width="stretch"):
        _how_to_read(ds)
    return values


def render() -> None:
    ds = state.dataset(user=True)
    draw.page_header(t("pillars.title"), t("pillars.lead"))
    draw.user_data_banner(ds)
    choices = _choices(ds)
    focus = ds.focus_region_ids()
    pillar_rows = ds.pillars
    fx_basis, pillar_id, region_id = choices["fx"], choices["pillar"], choices["region"]
    if pillar_id != views.ALL or region_id != views.ALL:
        _detail_view(ds, region_id=region_id, pillar_id=pillar_id, fx_basis=fx_basis)
    cells = caches.pillar_matrix(ds, fx_basis)
    for line in views.focus_not_converted(ds, fx_basis, caches.CachedTables(ds)):  # shown in its own currency
        st.caption(escape_markdown(line))
    shown = pillar_rows if pillar_id == views.ALL else pillar_rows.loc[pillar_rows["pillar_id"] == pillar_id]
    with st.container(key="pillars_grid"):
        for pillar in shown.to_dict("records"):
            _pillar_heading(pillar)
            row_cells = cells.loc[cells["pillar_id"] == pillar["pillar_id"]]
            by_region = {cell["region_id"]: cell for cell in row_cells.to_dict("records")}
            for column, region in zip(st.columns(len(focus)), focus, strict=True):
                with column:
                    _cell(ds, by_region[region])
    present.toolbar("pillars", choices)
    st.caption(t("common.share_link"))
