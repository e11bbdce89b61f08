"""Presentation mode and the slide sequence: large text, one view per screen, its takeaway and its source.

The sequence lives in the URL (`?slides=…&slide=N`, see ecodash.slides) and in the session: st.navigation starts
a new page with an empty query string, so `sync()` (called by the navigation on every run) writes the session's
sequence back into the URL, and a link that carries one fills the session. `?present=1` opens present mode:
navigation hidden, no widgets but Previous / Next / Exit (arrow keys and Esc), the slide's title, chart, takeaway
and source line. Without slides, present mode shows the current page's view as a single slide.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st

from ecodash import i18n, slides, views
from ecodash.i18n import t
from ecodash.ui import common

SLIDES_PARAM, INDEX_PARAM, PRESENT_PARAM = "slides", "slide", "present"
SLIDES_KEY, INDEX_KEY, PRESENT_KEY = "present.slides", "present.index", "present.on"
FONT_SCALE = 1.3
"""Chart fonts in present mode, relative to the page's (legible at 1280x720 on a shared screen)."""
CHART_HEIGHT_PX = 470
"""The tallest a slide's chart is drawn, so that title, chart and takeaway fit a 1280x720 screen."""
NOTE_LINE_PX = 18
_INLINE_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")
_CSS = """
<style>
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 1rem 2.5rem 0.5rem 2.5rem; max-width: 100%; }
[data-testid="stMain"] h1 { font-size: 2.3rem; line-height: 1.2; padding: 0.2rem 0 0.4rem 0; }
.st-key-present_takeaway p { font-size: 1.3rem; line-height: 1.4; }
.st-key-present_source p, .st-key-present_counter p { font-size: 1.05rem; }
.st-key-present_table [data-testid="stTable"] td, .st-key-present_table [data-testid="stTable"] th
  { font-size: 1.15rem; }
</style>
"""


# --- the sequence, kept in session and URL ----------------------------------------------------------


def sync() -> bool:
    """Keep the slide sequence, the slide shown and the present flag across pages; True in present mode.

    A URL that carries them wins (an opened link, or this page's own rerun); otherwise the session's are written
    back into the URL (a page switch cleared it), so the address bar always holds the whole sequence.
    """
    params = st.query_params
    for param, key in ((SLIDES_PARAM, SLIDES_KEY), (INDEX_PARAM, INDEX_KEY), (PRESENT_PARAM, PRESENT_KEY)):
        if param in params:
            st.session_state[key] = params[param]
        elif st.session_state.get(key):
            params[param] = st.session_state[key]
    return presenting()


def presenting() -> bool:
    return st.session_state.get(PRESENT_KEY) not in (None, "", "0")


def _set(param: str, key: str, value: str | None) -> None:
    """Change one part of the state in session and URL at once (callbacks run before sync reads the URL)."""
    if value:
        st.session_state[key] = value
        st.query_params[param] = value
    else:
        st.session_state.pop(key, None)
        if param in st.query_params:
            del st.query_params[param]


def sequence(ds) -> tuple[list[slides.Slide], list[str]]:
    """The slides of the sequence and the problems found reading it."""
    return slides.parse(st.session_state.get(SLIDES_KEY), options=views.choice_options(ds))


def _add(slide: slides.Slide) -> None:
    ds = common.dataset()
    kept, _ = sequence(ds)
    kept.append(slide)
    kept = kept[-slides.MAX_SLIDES :]
    _set(SLIDES_PARAM, SLIDES_KEY, slides.serialize(kept))
    st.toast(t("present.added", n=len(kept)), icon=":material/slideshow:")


def _remove(index: int) -> None:
    kept, _ = sequence(common.dataset())
    del kept[index]
    _set(SLIDES_PARAM, SLIDES_KEY, slides.serialize(kept))
    _set(INDEX_PARAM, INDEX_KEY, None)


def _clear() -> None:
    _set(SLIDES_PARAM, SLIDES_KEY, None)
    _set(INDEX_PARAM, INDEX_KEY, None)


def _go(index: int) -> None:
    _set(INDEX_PARAM, INDEX_KEY, str(index + 1))


def _start() -> None:
    """The Present switch: present mode from the first slide (or the current view when there are none)."""
    if st.session_state.get("present.switch"):
        _set(INDEX_PARAM, INDEX_KEY, None)
        _set(PRESENT_PARAM, PRESENT_KEY, "1")


def _exit() -> None:
    _set(PRESENT_PARAM, PRESENT_KEY, None)


class CachedTables(views.Tables):
    """views.Tables reading the app's caches (the same frames the pages use)."""

    def comparison(self, region_ids, fx_basis, subregions):
        return common.comparison(self.ds, str(self.ds.data_dir), tuple(region_ids), fx_basis, subregions)

    def funding(self, fx_basis):
        return common.funding(self.ds, str(self.ds.data_dir), fx_basis)

    def facts(self, fx_basis):
        return common.facts(self.ds, str(self.ds.data_dir), fx_basis)

    def overview(self, fx_basis):
        return common.overview(self.ds, str(self.ds.data_dir), fx_basis)


def toolbar(page: str, choices: dict, *, key: str | None = None) -> None:
    """Under a view: 'Add to slides' (this view, with the page's choices), the sequence so far, and 'Present'.

    `choices` are the page's URL choices ({'regions': [...], 'scale': 'log'}); defaults are left out of the link.
    """
    ds = common.dataset()
    slide = slides.Slide.of(page, views.without_defaults(ds, page, choices))
    kept, problems = sequence(ds)
    suffix = key or page
    with st.container(horizontal=True, vertical_alignment="center", key=f"present_toolbar_{suffix}"):
        st.button(t("present.add"), key=f"present.add.{suffix}", icon=":material/add_to_queue:",
                  help=t("present.add_help"), on_click=_add, args=(slide,))  # fmt: skip
        if kept or problems:
            with st.popover(t("present.count", n=len(kept)), icon=":material/slideshow:"):
                _sequence_list(ds, kept, problems, suffix)
        if key is None:  # one switch per page
            st.toggle(t("present.switch"), value=False, key="present.switch", on_change=_start,
                      help=t("present.switch_help"))  # fmt: skip


def _sequence_list(ds, kept: list[slides.Slide], problems: list[str], suffix: str) -> None:
    for problem in problems:
        st.caption(common.escape_markdown(problem))
    for index, slide in enumerate(kept):
        left, right = st.columns([4, 1], vertical_alignment="center")
        with left:
            st.text(f"{index + 1}. {views.slide_title(ds, slide.page, slide.as_query())}")
        with right:
            st.button(t("present.remove"), key=f"present.remove.{suffix}.{index}", type="tertiary",
                      icon=":material/delete:", on_click=_remove, args=(index,))  # fmt: skip
    st.button(t("present.clear"), key=f"present.clear.{suffix}", icon=":material/clear_all:", on_click=_clear)


# --- present mode -----------------------------------------------------------------------------------


def scale_fonts(figure: go.Figure, factor: float = FONT_SCALE) -> go.Figure:
    """A copy of `figure` with every font size times `factor`, and room for the larger title and footnote.

    Stand-in until charts.py takes a `style=` (ChartStyle(scale=…)) keyword: then present mode asks the chart
    functions for scaled fonts and this goes.
    """
    fig = go.Figure(figure)
    layout = fig.layout

    def grow(font) -> None:
        if font is not None and font.size is not None:
            font.size = round(font.size * factor, 1)

    grow(layout.font)
    grow(layout.title.font)
    grow(layout.title.subtitle.font)
    grow(layout.legend.font)
    grow(layout.legend.grouptitlefont)
    grow(layout.hoverlabel.font)
    if layout.uniformtext.minsize is not None:
        layout.uniformtext.minsize = round(layout.uniformtext.minsize * factor, 1)
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        grow(axis.tickfont)
        grow(axis.title.font)
    note_lines = 0
    for annotation in layout.annotations:
        grow(annotation.font)
        if annotation.text:  # panel titles carry inline sizes (<span style='font-size:14px'>)
            annotation.text = _INLINE_SIZE.sub(lambda m: f"font-size:{float(m.group(1)) * factor:g}px",
                                               annotation.text)  # fmt: skip
        if annotation.name == "source_note":
            note_lines = annotation.text.count("<br>") + 1
    for trace in fig.data:
        for attribute in ("textfont", "insidetextfont", "outsidetextfont"):
            font = getattr(trace, attribute, None)
            if font is not None and isinstance(font.size, int | float):
                font.size = round(font.size * factor, 1)
    extra_bottom = round(note_lines * NOTE_LINE_PX * (factor - 1))
    extra_top = round(40 * (factor - 1))
    margin = layout.margin
    margin.b = (margin.b or 0) + extra_bottom
    margin.t = (margin.t or 100) + extra_top
    if layout.height is not None:
        layout.height = layout.height + extra_bottom + extra_top
    return fig


def _slides_for(ds, page_key: str | None) -> tuple[list[slides.Slide], list[str]]:
    """The sequence; without one, the current page's view from its URL choices (if it is a slide page)."""
    kept, problems = sequence(ds)
    if kept or problems or page_key not in slides.PARAMS:
        return kept, problems
    spec = slides.PARAMS[page_key]
    query = {p: [v for raw in st.query_params.get_all(p) for v in raw.split(",") if v] for p in spec}
    text = slides.serialize([slides.Slide(page_key)])
    parts = [slides.VALUE_SEP.join((p, *vs)) for p, vs in query.items() if vs]
    text = slides.PART_SEP.join([text, *parts])
    return slides.parse(text, options=views.choice_options(ds))


def render(page_key: str | None = None) -> None:
    """Present mode: the current slide, large, with Previous / Next / Exit (arrow keys, Esc). No other widget."""
    st.html(_CSS)
    ds = common.dataset()
    kept, problems = _slides_for(ds, page_key)
    index, index_problem = slides.parse_index(st.session_state.get(INDEX_KEY), len(kept))
    if index_problem:
        problems = [*problems, index_problem]
    total = len(kept)
    with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
        with st.container(key="present_counter", width="stretch"):
            st.markdown(common.escape_markdown(t("present.counter", n=index + 1 if total else 0, total=total)))
        st.button(t("present.previous"), key="present.previous", icon=":material/arrow_back:", shortcut="Left",
                  disabled=index <= 0, on_click=_go, args=(index - 1,))  # fmt: skip
        st.button(t("present.next"), key="present.next", icon=":material/arrow_forward:", shortcut="Right",
                  disabled=index >= total - 1, on_click=_go, args=(index + 1,))  # fmt: skip
        st.button(t("present.exit"), key="present.exit", icon=":material/close:", shortcut="Esc", on_click=_exit)
    if problems:
        notice = "\n\n".join(common.escape_markdown(p) for p in [t("present.notice"), *problems])
        st.warning(notice, icon=":material/link_off:")
    if not kept:
        st.title(t("present.switch"), anchor=False)
        st.info(t("present.nothing"))
        return
    slide = kept[index]
    view = views.for_choices(ds, slide.page, slide.as_query(), tables=CachedTables(ds))
    st.title(view.title, anchor=False)
    if view.figure is not None:
        figure = scale_fonts(view.figure)
        common.chart(figure, key=f"present_chart_{index}", filename=view.filename)
    elif view.table is not None and not view.table.empty:
        with st.container(key="present_table"):
            st.table(_table_for_slide(view.table))
    if view.message and view.figure is None:
        st.info(common.escape_markdown(view.message))
    with st.container(key="present_takeaway"):
        st.markdown(common.escape_markdown(view.takeaway))
    if view.figure is None:  # the chart's image carries its own notes; a table slide says them here
        for note in view.notes:
            st.caption(common.escape_markdown(note))
    with st.container(key="present_source"):
        st.caption(common.escape_markdown(view.source.replace("\n", " · ")))


def _table_for_slide(table):
    names = {c: t(f"column.{c}") if i18n.has(f"column.{c}") else t(f"present.column.{c}") for c in table.columns}
    return table.rename(columns=names)
