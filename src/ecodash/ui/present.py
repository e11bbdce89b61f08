"""Presentation mode and the slide sequence: large text, one view per screen, its takeaway and its source.

The sequence lives in the URL (`?slides=…&slide=N`, see ecodash.views.slides) and in the session: st.navigation starts
a new page with an empty query string, so `sync()` (called by the navigation on every run) writes the session's
sequence back into the URL, and a link that carries one fills the session. `?present=1` opens present mode:
navigation hidden, no widgets but Previous / Next / Exit (arrow keys and Esc), the slide's title, chart, takeaway
and source line. Without slides, present mode shows the current page's view as a single slide.
"""

from __future__ import annotations

import html
import itertools
import textwrap

import plotly.graph_objects as go
import streamlit as st

from ecodash import charts, i18n, views
from ecodash.i18n import t
from ecodash.ui import appearance, caches, state
from ecodash.ui.draw import escape_markdown
from ecodash.views import registry, slides

SLIDES_PARAM, INDEX_PARAM, PRESENT_PARAM = "slides", "slide", "present"
SLIDES_KEY, INDEX_KEY, PRESENT_KEY = "present.slides", "present.index", "present.on"
FONT_SCALE = 1.3
"""Chart fonts in present mode, relative to the page's (legible at 1280x720 on a shared screen)."""
SCREEN_PX = 720
"""The shared screen's height the slides are laid out for (1280x720)."""
CHROME_PX = 150
"""What a slide spends outside chart and takeaway: margins, the title row, the source line, the gaps."""
TAKEAWAY_LINE_PX = 26
SIDE_TITLE_CHARS = 62
"""Panel titles of a chart beside its takeaway (about 870 px wide, the titles start right of the labels)."""
LEGEND_ROW_PX = 34
"""The legend's one line across the top of a slide's chart."""
TAKEAWAY_CHARS = 125
"""About how many characters of the takeaway fit one line across the screen (1.15rem at 1280 px)."""
CHART_HEIGHT_PX = 470
"""A slide's chart height when its figure sets none."""
SLIDE_COLUMNS = 2
"""Small multiples on a slide: two panels a row (three overlap their titles at 1280 px)."""
TICK_FONT_PX = 14
"""Axis labels on a slide before scaling (Streamlit's chart theme draws them at 12 px unless a figure says)."""
_CSS = """
<style>
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 2.5rem 0.5rem 2.5rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
.st-key-present_title h1 { font-size: 2.2rem; line-height: 1.2; padding: 0; }
.st-key-present_counter p { font-size: 1.1rem; white-space: nowrap; }
.st-key-present_takeaway p { font-size: 1.15rem; line-height: 1.4; }
.st-key-present_source p { font-size: 1rem; }
.st-key-present_table td, .st-key-present_table th { font-size: 1.15rem; }
.st-key-present_quote p { font-size: 2.4rem; line-height: 1.3; font-style: italic; padding-top: 1rem; }
.st-key-present_translation p { font-size: 1.3rem; line-height: 1.4; }
.st-key-present_details p { font-size: 1.2rem; }
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
    text = st.session_state.get(SLIDES_KEY)
    if not text:  # most runs: no sequence, and no need for every choice's options (all the fact ids)
        return [], []
    return slides.parse(text, options=views.choice_options(ds))


def _add(new: list[slides.Slide]) -> None:
    ds = state.dataset()
    kept, _ = sequence(ds)
    kept = [*kept, *new][-slides.MAX_SLIDES :]
    _set(SLIDES_PARAM, SLIDES_KEY, slides.serialize(kept))
    if len(new) == 1:
        st.toast(t("present.added", n=len(kept)), icon=":material/slideshow:")
    else:
        st.toast(t("present.added_many", first=len(kept) - len(new) + 1, last=len(kept)), icon=":material/slideshow:")


def _remove(index: int) -> None:
    kept, _ = sequence(state.dataset())
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


def _new_slides(ds, page: str, choices: dict) -> list[slides.Slide]:
    """The slides a view adds: one per value of the page's `split_by` choice when it holds several (Compare: one
    comparison and one takeaway a screen); choices equal to the page's defaults are left out of the link."""
    split_by = registry.spec_of(page).split_by
    values = list(choices.get(split_by) or []) if split_by else []
    split = [{**choices, split_by: [v]} for v in values] if len(values) > 1 else [choices]
    return [slides.Slide.of(page, views.without_defaults(ds, page, c)) for c in split]


@st.cache_resource(show_spinner=False, max_entries=1024)
def _slides_of(key: str, page: str, choices: tuple, _ds) -> tuple[slides.Slide, ...]:
    return tuple(_new_slides(_ds, page, {name: list(v) if isinstance(v, tuple) else v for name, v in choices}))


def add_button(page: str, choices: dict, *, key: str, tertiary: bool = False) -> None:
    """'Add to slides' for one view: `choices` are its page's URL choices ({'regions': [...], 'scale': 'log'})."""
    ds = state.dataset()  # slides hold ids only (no words): the language is not part of the key
    new = list(_slides_of(ds.key, page, caches.frozen(choices), ds))
    st.button(
        t("present.add"),
        key=f"present.add.{key}",
        icon=":material/add_to_queue:",
        help=t("present.add_help"),
        on_click=_add,
        args=(new,),
        type="tertiary" if tertiary else "secondary",
    )


def controls(key: str) -> None:
    """The sequence so far (a popover to review, remove, clear) and the Present switch (one per page)."""
    ds = state.dataset()
    kept, problems = sequence(ds)
    if kept or problems:
        with st.popover(t("present.count", n=len(kept)), icon=":material/slideshow:"):
            _sequence_list(ds, kept, problems, key)
    st.toggle(t("present.switch"), value=False, key="present.switch", on_change=_start, help=t("present.switch_help"))


def toolbar(page: str, choices: dict) -> None:
    """Under a page's view: 'Add to slides', the sequence so far, and 'Present'."""
    with st.container(horizontal=True, vertical_alignment="center", key=f"present_toolbar_{page}"):
        add_button(page, choices, key=page)
        controls(page)
    if presenting():  # the Present switch was turned on in a fragment's rerun: present mode needs the whole app
        st.rerun(scope="app")


def _sequence_list(ds, kept: list[slides.Slide], problems: list[str], suffix: str) -> None:
    for problem in problems:
        st.caption(escape_markdown(problem))
    for index, slide in enumerate(kept):
        left, right = st.columns([4, 1], vertical_alignment="center")
        with left:
            st.text(f"{index + 1}. {views.slide_title(ds, slide.page, slide.as_query())}")
        with right:
            st.button(
                t("present.remove"),
                key=f"present.remove.{suffix}.{index}",
                type="tertiary",
                icon=":material/delete:",
                on_click=_remove,
                args=(index,),
            )
    st.button(t("present.clear"), key=f"present.clear.{suffix}", icon=":material/clear_all:", on_click=_clear)


# --- present mode -----------------------------------------------------------------------------------


def slide_figure(figure: go.Figure) -> go.Figure:
    """The view's figure (drawn at the slide's font scale) as a slide shows it: the slide's title, and its
    caption line (the figure's subtitle: units, FX basis; then the source) stand in for the figure's own title and
    footnote; the legend runs in one line across the top, so the plot gets the whole width. The takeaway says
    what the figure's "Not alike" footnote said. The plot area keeps its height (fit_height shrinks it)."""
    fig = go.Figure(figure)
    layout = fig.layout
    title_px = round(layout.title.font.size or charts.TITLE_FONT_PX)
    subtitle_px = round(layout.title.subtitle.font.size or charts.SUBTITLE_FONT_PX) if layout.title.subtitle else 0
    height = layout.height
    freed = title_px + subtitle_px + 12 - LEGEND_ROW_PX
    layout.title.text = None
    if layout.title.subtitle:
        layout.title.subtitle.text = None
    layout.margin.t = max(LEGEND_ROW_PX + 10, (layout.margin.t or 100) - freed)
    height = height and height - freed
    group_title = next(
        (
            trace.legendgrouptitle.text
            for trace in fig.data
            if trace.showlegend is not False and trace.legendgrouptitle.text
        ),
        None,
    )
    for trace in fig.data:  # one row of keys: grouped keys would stack in a column
        trace.legendgroup, trace.legendgrouptitle = None, None
    layout.legend.update(
        orientation="h",
        x=0,
        xanchor="left",
        y=1,
        yanchor="top",
        yref="container",
        title={"text": group_title, "side": "left", "font": {"size": layout.legend.font.size}},
    )
    kept = []
    for annotation in layout.annotations:
        if annotation.name == "source_note":
            lines = (annotation.text or "").count("<br>") + 1
            note_px = round(lines * (annotation.font.size or charts.NOTE_FONT_PX) * 1.4) + 12
            layout.margin.b = max(30, (layout.margin.b or 0) - note_px)
            height = height and height - note_px
            continue
        kept.append(annotation)
    layout.annotations = kept
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:  # the page theme's 12 px labels are too small here
        if axis.tickfont.size is None:  # long wrapped category labels (funding) stay a little smaller
            wrapped = axis.categoryarray is not None
            axis.tickfont.size = TICK_FONT_PX + 1 if wrapped else round(TICK_FONT_PX * FONT_SCALE)
        if axis.title.font.size is None:
            axis.title.font.size = round(charts.BASE_FONT_PX * FONT_SCALE)
    layout.height = height or CHART_HEIGHT_PX
    return fig


def rewrap_panel_titles(fig: go.Figure, width: int) -> go.Figure:
    """Plain panel titles (funding's "Kind: …") wrapped to `width` characters, for a chart in a narrower column."""
    for annotation in fig.layout.annotations:
        text = annotation.text or ""
        if annotation.name is None and text and "<span" not in text:
            plain = html.unescape(text.replace("<br>", " "))
            lines = textwrap.wrap(plain, width=width, break_long_words=False) or [plain]
            annotation.text = "<br>".join(html.escape(line, quote=False) for line in lines)
    return fig


def fit_height(fig: go.Figure, height: int) -> go.Figure:
    """`fig` no taller than `height`: its panels shrink, the gaps between them (axis titles, panel titles) and
    its margins keep their pixels, so nothing comes to overlap. A figure already short enough is left as it is."""
    layout = fig.layout
    top, bottom = layout.margin.t or 100, layout.margin.b or 80
    plot, target = (layout.height or height) - top - bottom, height - top - bottom
    if layout.height is not None and layout.height <= height:
        return fig
    domains = sorted({tuple(axis.domain) for axis in fig.select_yaxes() if axis.domain}) or [(0.0, 1.0)]
    panels = sum(b - a for a, b in domains) * plot
    gaps = plot - panels
    if target <= gaps or panels <= 0:
        return fig  # it cannot shrink without overlapping: the slide scrolls rather than hide a label
    shrink = (target - gaps) / panels
    edges = sorted({0.0, 1.0, *(v for d in domains for v in d)})

    def moved(y: float) -> float:
        """A paper y of the old plot area -> the same place in the new one (panels shrunk, gaps kept)."""
        if y <= 0:
            return y * plot / target
        new = 0.0
        for low, high in itertools.pairwise(edges):
            inside = any(a <= low and high <= b for a, b in domains)
            part = (min(y, high) - low) * plot * (shrink if inside else 1.0)
            if y <= high:
                return (new + part) / target
            new += part
        return (new + (y - 1.0) * plot) / target

    for axis in fig.select_yaxes():
        if axis.domain:
            axis.domain = [moved(axis.domain[0]), moved(axis.domain[1])]
    for annotation in layout.annotations:
        if annotation.yref == "paper" and annotation.y is not None:
            annotation.y = moved(annotation.y)
    layout.height = height
    return fig


def _slides_for(ds, page_key: str | None) -> tuple[list[slides.Slide], list[str]]:
    """The sequence; without one, the current page's view from its URL choices (if it is a slide page)."""
    kept, problems = sequence(ds)
    spec = registry.SPECS.get(page_key)
    if kept or problems or spec is None:
        return kept, problems
    query = {
        p.name: [v for raw in st.query_params.get_all(p.name) for v in raw.split(",") if v] for p in spec.slide_params
    }
    if any(p.required and not query[p.name] for p in spec.slide_params):
        return [], []  # e.g. Sources without a selected figure: nothing to present
    text = slides.serialize([slides.Slide(page_key)])
    parts = [slides.VALUE_SEP.join((p, *vs)) for p, vs in query.items() if vs]
    text = slides.PART_SEP.join([text, *parts])
    return slides.parse(text, options=views.choice_options(ds))


def render(page_key: str | None = None) -> None:
    """Present mode: the current slide, large, with Previous / Next / Exit (arrow keys, Esc). No other widget."""
    st.html(_CSS)
    ds = state.dataset()
    kept, problems = _slides_for(ds, page_key)
    index, index_problem = slides.parse_index(st.session_state.get(INDEX_KEY), len(kept))
    if index_problem:
        problems = [*problems, index_problem]
    total = len(kept)
    view = None
    if kept:
        slide = kept[index]
        style = appearance.chart_style(ds, scale=FONT_SCALE)
        view = views.for_choices(
            ds, slide.page, slide.as_query(), tables=caches.CachedTables(ds), columns=SLIDE_COLUMNS, style=style
        )
    with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
        with st.container(key="present_title", width="stretch"):
            st.title(escape_markdown(view.title) if view else t("present.switch"), anchor=False)
        with st.container(key="present_counter", width="content"):
            st.markdown(escape_markdown(t("present.counter", n=index + 1 if total else 0, total=total)))
        st.button(
            t("present.previous"),
            key="present.previous",
            icon=":material/arrow_back:",
            shortcut="Left",
            disabled=index <= 0,
            on_click=_go,
            args=(index - 1,),
        )
        st.button(
            t("present.next"),
            key="present.next",
            icon=":material/arrow_forward:",
            shortcut="Right",
            disabled=index >= total - 1,
            on_click=_go,
            args=(index + 1,),
        )
        st.button(t("present.exit"), key="present.exit", icon=":material/close:", shortcut="Esc", on_click=_exit)
    if problems:
        notice = "\n\n".join(escape_markdown(p) for p in [t("present.notice"), *problems])
        st.warning(notice, icon=":material/link_off:")
    if view is None:
        st.info(t("present.nothing"))
        return
    figure = slide_figure(view.figure) if view.figure is not None else None
    lines = -(-len(view.takeaway) // TAKEAWAY_CHARS)
    room = SCREEN_PX - CHROME_PX - lines * TAKEAWAY_LINE_PX
    side = figure is not None and figure.layout.height > room and len(_columns(figure)) == 1
    if side:  # a tall chart (stacked panels): the takeaway goes beside it and the chart gets the screen's height
        chart_column, takeaway_column = st.columns([2.6, 1], gap="medium")
        with takeaway_column, st.container(key="present_takeaway"):
            st.markdown(escape_markdown(view.takeaway))
        with chart_column:
            _chart(fit_height(rewrap_panel_titles(figure, SIDE_TITLE_CHARS), SCREEN_PX - CHROME_PX), index)
    else:
        if view.quote:  # a figure's slide: the quote first, the takeaway says what it is
            _quote(view)
        with st.container(key="present_takeaway"):
            st.markdown(escape_markdown(view.takeaway))
        if figure is not None:
            _chart(fit_height(figure, max(room, CHART_HEIGHT_PX // 2)), index)
        elif view.table is not None and not view.table.empty:
            with st.container(key="present_table"):
                st.table(_table_for_slide(view.table))
    if view.message and view.figure is None:
        st.info(escape_markdown(view.message))
    with st.container(key="present_source"):  # the takeaway already says what differs and who reports nothing
        units = html.unescape(view.figure.layout.title.subtitle.text or "") if view.figure is not None else ""
        st.caption(escape_markdown(" · ".join(p for p in (units, view.source.replace("\n", " · ")) if p)))


def _quote(view: views.ChartView) -> None:
    """A figure's slide: its quote large, the translation (not in French), then the figure as labelled and its kind."""
    with st.container(key="present_quote"):
        st.markdown(escape_markdown(t("present.fact.quote", quote=view.quote)))
    if view.translation:
        with st.container(key="present_translation"):
            st.markdown(escape_markdown(t("present.fact.translation", text=view.translation)))
    with st.container(key="present_details"):
        for line in view.details:
            st.markdown(escape_markdown(line))


def _columns(figure: go.Figure) -> set[tuple]:
    """The figure's subplot columns (their x domains)."""
    return {tuple(axis.domain) for axis in figure.select_xaxes() if axis.domain} or {(0.0, 1.0)}


def _chart(figure: go.Figure, index: int) -> None:
    """No modebar: a slide's image lacks the figure's own title and footnote, so it is not the one to export."""
    st.plotly_chart(figure, width="stretch", key=f"present_chart_{index}", theme=None, config={"displayModeBar": False})


def _table_for_slide(table):
    """The view's table with its columns in words and every text cell escaped ('> 3,300' is no quote block)."""

    def name(column: str) -> str:
        """A column's words; a column named from the data (the pillar grid's regions) keeps its name."""
        for key in (f"column.{column}", f"present.column.{column}"):
            if i18n.has(key):
                return t(key)
        return column

    shown = table.rename(columns={c: escape_markdown(name(c)) for c in table.columns})
    return shown.map(lambda v: escape_markdown(v) if isinstance(v, str) else v)  # st.table reads Markdown
