"""Presentation mode and the slide sequence: large text, one view per screen, its takeaway and its source.

The sequence lives in the URL (`?slides=…&slide=N`, see ecodash.views.slides) and in the session: st.navigation starts
a new page with an empty query string, so `sync()` (called by the navigation on every run) writes the session's
sequence back into the URL, and a link that carries one fills the session. `?present=1` opens present mode:
navigation hidden, no widgets but Previous / Next / Exit (arrow keys and Esc), the slide's title, chart, takeaway
and source line. Without slides, present mode shows the current page's view as a single slide.

A slide can take several screens of 1280x720: one per value of its page's `split_by` choice, then its single
figures (a kind that one figure reports) as cards, four a screen, then one per panel of its chart (panels in one
unit keep one scale); `slide=N` counts screens. Each screen's
takeaway is cut to two lines (views.slides.short_takeaway), the whole one is in its Details popover.

Long because the sequence (session, URL, the slide list's buttons) and the screens it is shown on (their heights,
cards, charts and words) are one piece of state read and written from one place.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from ecodash import charts, i18n, views
from ecodash.charts.layout import panel_count, panel_figures
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
CHROME_PX = 120
"""What a screen spends outside chart and words: its paddings, a one-line title row, the gaps between blocks."""
TITLE_CHARS, TITLE_LINE_PX, LONG_TITLE_CHARS, LONG_TITLE_REM = 40, 40, 60, 1.6
"""About how many characters of the title fit one line beside the counter and the buttons (at 2rem); a line's
height; a title longer than LONG_TITLE_CHARS (three lines at 2rem) is drawn at LONG_TITLE_REM."""
TAKEAWAY_CHARS, TAKEAWAY_LINES, TAKEAWAY_LINE_PX = 100, 2, 31
"""About how many characters of the takeaway fit one line across the screen (1.3rem at 1280 px); at most two
lines of it (the whole takeaway is in the slide's Details); a line's height."""
SOURCE_CHARS, SOURCE_LINES, SOURCE_LINE_PX = 150, 4, 25
"""The source line's characters a line (1rem), the lines counted at most, a line's height."""
PROBLEM_PX = 110
"""The notice of a link's unreadable slides."""
LEGEND_ROW_PX = 34
"""The legend's one line across the top of a slide's chart."""
MIN_CHART_PX = 300
SCREEN_WIDTH_PX, MAX_BAR_PX = 1100, 80
"""A slide chart's plot width (about), and the thickest bar it draws."""
SLIDE_COLUMNS = 2
"""Small multiples the view draws a row (a slide then shows one panel a screen)."""
TICK_FONT_PX = 14
"""Axis labels on a slide before scaling (Streamlit's chart theme draws them at 12 px unless a figure says)."""
CARD_PAGES = ("overview",)
"""Pages whose slide is a row of figure cards (their view's table: region, figure, indicator, kind, difference)."""
CARDS_PER_SCREEN, CARD_COLUMNS, CARD_COLUMNS_ONE_ROW = 4, 2, 3
"""Cards a screen: up to three in one row, four in two rows of two (a card's words need half the screen's width)."""
_CSS = """
<style>
[data-testid="stHeader"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 0.75rem 2.5rem 0.5rem 2.5rem; max-width: 100%; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] { gap: 0.6rem; }
.st-key-present_title h1 { font-size: 2rem; line-height: 1.2; padding: 0; }
.st-key-present_counter p { font-size: 1.1rem; white-space: nowrap; }
.st-key-present_takeaway { padding-bottom: 0.3rem; }
.st-key-present_takeaway p { font-size: 1.3rem; line-height: 1.45; }
.st-key-present_source p { font-size: 1rem; }
.st-key-present_note p { font-size: 1.1rem; }
.st-key-present_table td, .st-key-present_table th { font-size: 1.15rem; }
.st-key-present_quote p { font-size: 2.4rem; line-height: 1.3; font-style: italic; padding-top: 1rem; }
.st-key-present_translation p { font-size: 1.3rem; line-height: 1.4; }
.st-key-present_details p { font-size: 1.2rem; }
[class*="st-key-present_cardregion_"] p { font-size: 1.5rem; font-weight: 600; }
[class*="st-key-present_cardfigure_"] p { font-size: 2.6rem; font-weight: 700; line-height: 1.15; }
[class*="st-key-present_cardstated_"] p { font-size: 1.35rem; line-height: 1.3; }
[class*="st-key-present_cardwhat_"] p { font-size: 1.25rem; line-height: 1.3; }
[class*="st-key-present_cardkind_"] p { font-size: 1.1rem; line-height: 1.3; opacity: 0.75; }
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


def _move(index: int, step: int) -> None:
    """Up (-1) or Down (1) in the slide list: the sequence in the URL takes the new order."""
    kept, _ = sequence(state.dataset())
    _set(SLIDES_PARAM, SLIDES_KEY, slides.serialize(slides.move(kept, index, step)))
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
    """Each slide: its number, the page it comes from and its title, then Up / Down / Remove (labels in full)."""
    for problem in problems:
        st.caption(escape_markdown(problem))
    for index, slide in enumerate(kept):
        page = t(f"nav.{slide.page}")
        st.text(
            t("present.list_item", n=index + 1, page=page, title=views.slide_title(ds, slide.page, slide.as_query()))
        )
        with st.container(horizontal=True, key=f"present_item_{suffix}_{index}", gap="small"):
            for step, name, icon in ((-1, "up", "arrow_upward"), (1, "down", "arrow_downward")):
                st.button(
                    t(f"present.move_{name}"),
                    key=f"present.{name}.{suffix}.{index}",
                    type="tertiary",
                    icon=f":material/{icon}:",
                    disabled=not 0 <= index + step < len(kept),
                    on_click=_move,
                    args=(index, step),
                    width="content",
                )
            st.button(
                t("present.remove"),
                key=f"present.remove.{suffix}.{index}",
                type="tertiary",
                icon=":material/delete:",
                on_click=_remove,
                args=(index,),
                width="content",
            )
    st.button(t("present.clear"), key=f"present.clear.{suffix}", icon=":material/clear_all:", on_click=_clear)


# --- present mode -----------------------------------------------------------------------------------


def slide_figure(figure: go.Figure) -> go.Figure:
    """The view's figure (drawn at the slide's font scale) as a slide shows it: the slide's title, and its
    caption line (the figure's subtitle: units, FX basis; then the source) stand in for the figure's own title and
    footnote; the legend runs in one line across the top, so the plot gets the whole width. The takeaway says
    what the figure's "Not alike" footnote said. The screen sets its height."""
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
    layout.height = height or SCREEN_PX // 2
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


# --- screens: what one 1280x720 screen shows -------------------------------------------------------------------


def _split(ds, slide: slides.Slide) -> list[slides.Slide]:
    """A slide of several values of its page's `split_by` choice (Compare's indicators, its defaults included)
    as one slide per value: one comparison and one takeaway a screen, as "Add to slides" makes them."""
    split_by = registry.spec_of(slide.page).split_by
    if split_by is None:
        return [slide]
    values = slide.get(split_by) or registry.spec_of(slide.page).param(split_by).default_for(ds) or ()
    values = [values] if isinstance(values, str) else list(values)
    if len(values) < 2:
        return [slide]
    choices = slide.as_query()
    return [slides.Slide.of(slide.page, {**choices, split_by: [value]}) for value in values]


def _card_screens(view: views.ChartView) -> int:
    """The screens of a view's single figures, CARDS_PER_SCREEN a screen (0 without any)."""
    return -(-len(slides.single_figure_cards(view)) // CARDS_PER_SCREEN)


def _parts_of(view: views.ChartView | None) -> int:
    """How many screens a view takes: its single figures as cards (CARDS_PER_SCREEN a screen), then one per chart
    panel; one per CARDS_PER_SCREEN figures of a row of cards (Overview)."""
    if view is None:
        return 1
    if view.page in CARD_PAGES and view.figure is None and view.table is not None and len(view.table):
        return -(-len(view.table) // CARDS_PER_SCREEN)
    panels = max(1, panel_count(view.figure)) if view.figure is not None else 0
    return max(1, _card_screens(view) + panels)


@st.cache_data(show_spinner=False, max_entries=512)
def _screen_count(key: str, language: str, text: str, _ds) -> int:
    """A slide's screens (the view is drawn once to count its panels; the language changes no count, but the
    words are part of what the view computes)."""
    slide = slides.parse(text)[0][0]
    return _parts_of(views.for_choices(_ds, slide.page, slide.as_query(), tables=caches.CachedTables(_ds), cards=True))


def screens(ds, kept: list[slides.Slide]) -> list[tuple[slides.Slide, int, int]]:
    """(slide, part, parts) for each screen of the sequence: a slide split by its page's `split_by`, then one screen
    per panel of its chart (or per group of cards). `slide=N` in the URL counts these screens."""
    out = []
    for slide in kept:
        for part_slide in _split(ds, slide):
            count = _screen_count(ds.key, i18n.current(), slides.serialize([part_slide]), ds)
            out += [(part_slide, part, count) for part in range(count)]
    return out


def _panel(figure: go.Figure, part: int) -> go.Figure:
    """Panel `part` of the view's figure, drawn as a slide's chart (legend across the top, the panel's title
    under it, no figure title or footnote: the slide's title and source line stand in)."""
    panels = panel_figures(figure)
    fig = slide_figure(panels[min(part, len(panels) - 1)])
    if len(panels) > 1:
        layout = fig.layout
        title = next((a for a in layout.annotations if a.name == "panel_title"), None)
        if title is not None and "<span" in (title.text or ""):  # the slide's title names the indicator already
            kept = title.text[title.text.index("<span") :]
            title.text = re.sub(r"(?<!</span>)<br>", " ", kept)  # a wide slide: each part on one line
        lines = (title.text or "").count("<br>") + 1 if title is not None else 0
        layout.margin.t = LEGEND_ROW_PX + 14 + round(lines * (title.font.size or 16) * 1.35 if title else 0)
        layout.height = None
    return fig


def _bar_gap(figure: go.Figure) -> None:
    """Bars no thicker than MAX_BAR_PX on a slide: a panel of one or two bars across the screen reads as a slab."""
    horizontal = any(tr.orientation == "h" for tr in figure.data if tr.type == "bar")
    axis = figure.layout.yaxis if horizontal else figure.layout.xaxis
    count = len(axis.categoryarray or ()) or 1
    layout = figure.layout
    across = (layout.height - (layout.margin.t or 0) - (layout.margin.b or 0)) if horizontal else SCREEN_WIDTH_PX
    slot = across / count
    layout.bargap = min(0.85, max(layout.bargap or 0.25, 1 - MAX_BAR_PX / slot))


def _drawn_regions(figure: go.Figure | None) -> list[str]:
    """The regions whose bars a (panel) figure draws, by name."""
    if figure is None:
        return []
    names = [html.unescape(tr.name) for tr in figure.data if (tr.meta or {}).get("role") == "facts" and tr.name]
    return list(dict.fromkeys(names))


def _subtitle(figure: go.Figure | None) -> str:
    return (figure.layout.title.subtitle.text or "") if figure is not None else ""


def _lines(text: str, chars: int) -> int:
    return max(1, -(-len(text) // chars))


def render(page_key: str | None = None) -> None:
    """Present mode: the current screen, large, with Previous / Next / Exit (arrow keys, Esc). No other widget
    but the Details popover (the full takeaway and notes of the view)."""
    st.html(_CSS)
    ds = state.dataset()
    kept, problems = _slides_for(ds, page_key)
    shown = screens(ds, kept)
    index, index_problem = slides.parse_index(st.session_state.get(INDEX_KEY), len(shown))
    if index_problem:
        problems = [*problems, index_problem]
    total = len(shown)
    view, part, parts = None, 0, 1
    if shown:
        slide, part, parts = shown[index]
        style = appearance.chart_style(ds, scale=FONT_SCALE)
        view = views.for_choices(
            ds,
            slide.page,
            slide.as_query(),
            tables=caches.CachedTables(ds),
            columns=SLIDE_COLUMNS,
            style=style,
            cards=True,
        )
    title = escape_markdown(view.title) if view else t("present.switch")
    long_title = view is not None and len(view.title) > LONG_TITLE_CHARS
    if long_title:  # three lines beside the buttons at 2rem: smaller, so the chart keeps its room
        st.html(f"<style>.st-key-present_title h1 {{ font-size: {LONG_TITLE_REM}rem; }}</style>")
    _bar(title, index, total, view)
    if problems:
        notice = "\n\n".join(escape_markdown(p) for p in [t("present.notice"), *problems])
        st.warning(notice, icon=":material/link_off:")
    if view is None:
        st.info(t("present.nothing"))
        return
    card_screens = _card_screens(view)  # the single figures first, as cards; then the chart's panels
    on_cards = part < card_screens
    panel = part - card_screens
    figure = _panel(view.figure, panel) if view.figure is not None and not on_cards else None
    regions, others = [], []
    if figure is not None and part > 0:  # a screen after the first: what its own figures are
        regions = _drawn_regions(figure)
        others = [r for r in _drawn_regions(view.figure) if r not in regions]
    takeaway = slides.short_takeaway(
        view.takeaway,
        joiner=t("takeaway.joiner"),
        chars=TAKEAWAY_CHARS * TAKEAWAY_LINES,
        regions=regions,
        others=others,
    )
    units = html.unescape(_subtitle(view.figure)) if figure is not None else view.units  # a screen of cards: the view's
    source = " · ".join(p for p in (units, view.source.replace("\n", " · ")) if p)
    room = (
        SCREEN_PX
        - CHROME_PX
        - (_lines(view.title, round(TITLE_CHARS * (2 / LONG_TITLE_REM if long_title else 1))) - 1) * TITLE_LINE_PX
        - _lines(takeaway, TAKEAWAY_CHARS) * TAKEAWAY_LINE_PX
        - min(_lines(source, SOURCE_CHARS), SOURCE_LINES) * SOURCE_LINE_PX
        - (PROBLEM_PX if problems else 0)
    )
    if view.quote:  # a figure's slide: the quote first, the takeaway says what it is
        _quote(view)
    with st.container(key="present_takeaway"):
        st.markdown(escape_markdown(takeaway))
    if figure is not None:
        figure.layout.height = max(room, MIN_CHART_PX)
        _bar_gap(figure)
        _chart(figure, index)
    elif on_cards:
        _cards(ds, slides.single_figure_cards(view), part, card_screens)
    elif view.page in CARD_PAGES and view.table is not None and not view.table.empty:
        _cards(ds, slides.overview_cards(view.table), part, parts)
    elif view.table is not None and not view.table.empty:
        with st.container(key="present_table"):
            st.table(_table_for_slide(view.table))
    if view.message and view.figure is None:
        st.info(escape_markdown(view.message))
    if view.page == "pillars":  # its takeaway's last sentence, which two lines leave out: counts are not scores
        with st.container(key="present_note"):
            st.markdown(escape_markdown(t("takeaway.pillar.no_score")))
    with st.container(key="present_source"):  # the takeaway already says what differs and who reports nothing
        st.caption(escape_markdown(source))


def _bar(title: str, index: int, total: int, view: views.ChartView | None) -> None:
    """The slide's title, its number, the Details popover and Previous / Next / Exit."""
    with st.container(horizontal=True, vertical_alignment="center", key="present_bar"):
        with st.container(key="present_title", width="stretch"):
            st.title(title, anchor=False)
        with st.container(key="present_counter", width="content"):
            st.markdown(escape_markdown(t("present.counter", n=index + 1 if total else 0, total=total)))
        if view is not None and (view.takeaway or view.notes or view.missing or view.captions):
            with st.popover(t("present.details"), icon=":material/info:", help=t("present.details_help")):
                for line in (view.takeaway, *view.notes, *view.missing, *view.captions):
                    st.markdown(escape_markdown(line))
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


def _chart(figure: go.Figure, index: int) -> None:
    """No modebar: a slide's image lacks the figure's own title and footnote, so it is not the one to export."""
    st.plotly_chart(figure, width="stretch", key=f"present_chart_{index}", theme=None, config={"displayModeBar": False})


def _cards(ds, cards: Sequence[slides.SlideCard], part: int, parts: int) -> None:
    """Figures as large cards, CARDS_PER_SCREEN a screen: the region (in its colour), the figure as compared and as
    stated, what it is, its kind and how it differs from its headline kind. Every text is escaped."""
    start, end = (round(k * len(cards) / parts) for k in (part, part + 1))  # screens differ by one card at most
    rows = cards[start:end]
    ids = {name: region_id for region_id, name in views.region_names(ds).items()}
    style = appearance.chart_style(ds)
    columns = len(rows) if len(rows) <= CARD_COLUMNS_ONE_ROW else CARD_COLUMNS
    grid_rows = -(-len(rows) // columns)
    figure_rem = 3.6 if grid_rows == 1 else 2.6  # one row of cards: the figures as large as the screen allows
    css = f"[class*='st-key-present_cardfigure_'] p {{ font-size: {figure_rem}rem; }}" + "".join(
        f".st-key-present_card_{n} {{ border-left-width: 8px; border-left-style: solid; border-left-color: {style.colour(ids.get(r.region_name))}; }}"
        for n, r in enumerate(rows)
    )
    st.html(f"<style>{css}</style>")
    for first in range(0, len(rows), columns):
        for n, column in enumerate(st.columns(columns, gap="medium"), start=first):
            if n >= len(rows):
                continue
            row = rows[n]
            with (
                column,
                st.container(key=f"present_card_{n}", border=True),
            ):
                with st.container(key=f"present_cardregion_{n}"):
                    st.markdown(escape_markdown(row.region_name))
                with st.container(key=f"present_cardfigure_{n}"):
                    st.markdown(escape_markdown(row.figure))
                if row.stated:
                    with st.container(key=f"present_cardstated_{n}"):
                        st.markdown(escape_markdown(row.stated))
                with st.container(key=f"present_cardwhat_{n}"):
                    st.markdown(escape_markdown(row.what))
                with st.container(key=f"present_cardkind_{n}"):
                    st.markdown(escape_markdown(row.kind))
                if row.unlike:
                    with st.container(key=f"present_cardkind_unlike_{n}"):
                        st.markdown(escape_markdown(row.unlike))


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
