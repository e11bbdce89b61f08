"""Drawing what pages show: text from data made safe for Markdown, tables' columns as the column registry declares
them, charts with their image buttons, links to a figure's passage, the reader's own figures marked, and the guard
that turns an unexpected error into a message."""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections.abc import Callable, Iterable
from datetime import date

import streamlit as st

from ecodash import i18n
from ecodash.analysis import indicators
from ecodash.charts import images
from ecodash.i18n import t
from ecodash.i18n.plurals import plural
from ecodash.ingest.dataset import Dataset
from ecodash.io.formats import PNG, PREFIX, SVG
from ecodash.schema.columns import Display, display, display_config
from ecodash.schema.problems import Problem
from ecodash.schema.vocabularies import COMPARABILITY_DIMENSIONS
from ecodash.ui import appearance
from ecodash.ui.state import PAGES
from ecodash.views import cards

_DATED_NAME = re.compile(r"\d{4}-\d{2}-\d{2}$")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=])")
_AUTOLINK_START = re.compile(r"(?i)(https?|ftp|www)(?=\\[:.])|(?=@)")  # no \b: GFM links "_https://…" too
WORD_JOINER = "\u2060"
"""Invisible: after 'https', 'www' or before '@' it stops GitHub-flavoured Markdown making a bare URL or e-mail
address a live link (escapes cannot: Streamlit's frontend finds them in the text once escapes are resolved)."""


def escape_markdown(text: str) -> str:
    """Text from data shown literally by st.markdown: no links (not even a bare URL), emphasis, LaTeX, directives,
    entities or setext headings from the data."""
    return _AUTOLINK_START.sub(lambda m: (m.group(1) or "") + WORD_JOINER, _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)))


def user_data_banner(ds: Dataset) -> None:
    """'This page includes N figures you uploaded (this session only)…' and a link to Your data; nothing when
    the dataset holds no figure of the reader's."""
    n = len(ds.contributed["facts"])
    if not n:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="user_data_banner"):
        st.info(plural("yours.banner", n, mark=t("yours.mark")), icon=":material/person:", width="stretch")
        st.page_link(PAGES["yours"], label=t("yours.banner_link"), icon=":material/upload_file:")


def is_users(row) -> bool:
    """Whether a table row (with an origin column) is a figure the reader uploaded."""
    return row.get("origin") == indicators.USER


def user_badge() -> None:
    st.badge(t("yours.origin.user"), icon=":material/person:", color="orange")


PAGE_COLUMNS = {
    "link": display("url", "column.link", link_text="sources.open_fact"),
    "comparable": display("text", "column.comparable"),
    "per_million": display("text", "column.per_million"),
    "usd_words": display("text", "column.value_usd"),
    "qualifier_words": display("text", "column.qualifier"),
    **{f"{dimension}_words": display("text", f"dim.title.{dimension}") for dimension in COMPARABILITY_DIMENSIONS},
}
"""The columns a view or a page adds to a table of the registry's for the reader (a figure's link, a value or id in
words): not data, so not in the column registry (schema.columns), and declared here once for every page."""
PAGE_TABLES = {
    "qualifiers": {
        "qualifier": display("text", "column.qualifier"),
        "shown_as": display("text", "column.meaning"),
        "meaning": display("long_text", "column.definition"),
    },
    "dimensions": {
        "dimension": display("text", "column.dimension"),
        "value": display("text", "column.dimension_value"),
        "words": display("text", "column.meaning"),
    },
    "upload_problems": {
        field.name: display("text", f"yours.column.{field.name}")
        for field in dataclasses.fields(Problem)
        if field.compare  # where and why (the key and params say the why again in the reader's language)
    },
}
"""The tables made only to be shown (Sources' qualifiers and comparability dimensions, an upload's problems):
table -> its columns' displays."""


def _shown(table: str, name: str) -> Display:
    if table in PAGE_TABLES:
        return PAGE_TABLES[table][name]
    found = display_config(table, [name]).get(name) or PAGE_COLUMNS.get(name)
    if found is None:
        raise KeyError(f"{table}.{name}: neither in the column registry nor in ecodash.ui.draw.PAGE_COLUMNS")
    return found


def _column_config(shown: Display) -> dict:
    label = t(shown.label)
    if shown.kind == "number":
        return st.column_config.NumberColumn(label, format=shown.format, width=shown.width)
    if shown.kind == "checkbox":
        return st.column_config.CheckboxColumn(label, width=shown.width)
    if shown.kind == "link":
        text = t(shown.link_text) if shown.link_text else None
        return st.column_config.LinkColumn(label, display_text=text, width=shown.width)
    if shown.width:
        return st.column_config.TextColumn(label, width=shown.width)
    return st.column_config.Column(label)


def column_config(table: str, columns: Iterable[str]) -> dict[str, dict]:
    """st.dataframe's column_config for `columns` of a frame of `table`: each column's header and display as the
    column registry declares them (US dollars in full, wide long texts, years without separators, links), or
    PAGE_COLUMNS and PAGE_TABLES for what a page makes itself. A column declared nowhere is a KeyError."""
    return {name: _column_config(_shown(table, name)) for name in columns}


def translated_quotes() -> bool:
    """Whether quotes get their English translation beside them: in French, the French quote stands alone."""
    return i18n.current() != "fr"


def quote_columns() -> list[str]:
    """The quote columns a table shows in the current language."""
    return ["quote", "quote_en"] if translated_quotes() else ["quote"]


def fact_link(fact_id: str, *, label: str | None = None) -> None:
    """A link from a figure to its highlighted passage on the Sources page."""
    st.page_link(
        PAGES["sources"],
        label=label or t("common.source"),
        icon=":material/format_quote:",
        query_params={"fact": fact_id},
    )


def chart(figure, *, key: str, filename: str, alt: str | None = None) -> None:
    """A plotly chart and its images: the modebar camera saves a 2x PNG; PNG and SVG buttons below it download
    images made by ecodash.charts.images (title, units and source are inside the figure, and in the file's metadata).

    `filename` names the files, without extension: a name from images.image_filename (ending in its date) is used
    as it is; another is made ASCII and dated today, and a bare page prefix ("ecodash-timeline") first gets the
    chart's title ('ecodash-timeline-guangdong-events-and-target-years-2026-11-21'). `alt` is the chart's text
    alternative for screen readers (the view's takeaway); without one, the figure's title and subtitle.
    """
    if not _DATED_NAME.search(filename):
        bare = "-" not in filename.removeprefix(f"{PREFIX}-")
        title = (images.image_text(figure)["title"],) if bare else ()
        filename = images.image_filename(filename, *title, day=date.today())
    if not alt:
        text = images.image_text(figure)
        alt = ". ".join(part for part in (text.get("title"), text.get("subtitle")) if part)
    st.plotly_chart(
        figure,
        width="stretch",
        key=key,
        alt=alt,
        theme=None,  # the figure's own template (ecodash_light / ecodash_dark), not Streamlit's restyling
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        },
    )
    reason = images.available()  # cheap (finds Chromium); the image is made on click, in another thread
    with st.container(horizontal=True, gap="small"):
        for kind, make, file_type in (("png", images.to_png, PNG), ("svg", images.to_svg, SVG)):
            st.download_button(
                t(f"images.{kind}"),
                data=functools.partial(make, figure),
                file_name=file_type.file_name(filename),
                mime=file_type.mime,
                key=f"{key}_{kind}",
                help=reason or t(f"images.{kind}_help"),
                on_click="ignore",
                disabled=reason is not None,
                type="tertiary",
                icon=":material/download:",
            )


_KEY_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def element_key(*parts: object) -> str:
    """A widget or container key (and so a CSS class) from ids of the data: lower-case letters, digits, _ and -."""
    return _KEY_UNSAFE.sub("_", "_".join(str(p) for p in parts).lower())


def page_header(
    title: str,
    intro: str = "",
    how_to_read: str = "",
    *,
    legend: bool = False,
    controls: Callable[[], None] | None = None,
) -> None:
    """A page's title, its one-sentence intro, and a "How to read this" popover beside the title (Markdown of ours:
    the longer reading guide, and with `legend` the badges' legend, once per page); `controls` draws a few compact
    controls on the title's row (an Options popover, Present)."""
    with st.container(horizontal=True, vertical_alignment="center", key="page_header"):
        st.title(title, anchor=False, width="content")
        if how_to_read or legend:
            with st.popover(t("cards.how_to_read"), icon=":material/help:", type="tertiary"):
                if how_to_read:
                    st.markdown(how_to_read)
                if legend:
                    badge_legend()
        if controls is not None:
            controls()
    if intro:
        st.markdown(intro)


def badge_legend() -> None:
    """Every badge with its full words (they come from the vocabularies' catalogue words, not from data)."""
    st.markdown(f"**{t('badge.legend_title')}**")
    st.markdown(
        "\n".join(f"- :gray-badge[{_badge_label(word)}] {escape_markdown(full)}" for word, full in cards.legend())
    )


def _badge_label(word: str) -> str:
    """A catalogue word inside a :gray-badge[…] directive, escaped as st.badge escapes its label."""
    return word.replace("[", "\\[").replace("]", "\\]")


def figure_card(
    card: cards.Card,
    *,
    key: str,
    colour: str,
    region: bool = True,
    heading: str = "",
    width: int | str = "stretch",
    border: bool = True,
    badges: bool = True,
) -> None:
    """One figure on its own: `heading` (what it measures), its region (in the region's colour), its value with its qualifier
    mark (every caveat in full on the value's tooltip), the figure as stated, its kind as badges, how it differs
    from the headline kind in one line (the full note on hover), and its source. Without `badges`, no kind badges
    (a figure of its row's headline kind: the row's heading shows them; the value's tooltip still says its kind)."""
    name = element_key("card", key)
    with st.container(border=border, key=name, gap="xsmall", width=width):
        if colour:  # the region's colour (a theme colour, not data) as the card's left edge; a style, no space taken
            st.html(appearance.edge_style(name, colour))
        if heading:  # plain text: what the card measures, how many regions report its kind
            st.caption(escape_markdown(heading))
        if region:
            st.markdown(f"**{escape_markdown(card.region_name)}**")
        value = escape_markdown(card.value)
        st.markdown(
            f"#### {t('yours.mark_suffix', text=value) if card.users else value}", help=escape_markdown(card.help)
        )
        if card.stated:
            st.caption(escape_markdown(card.stated))
        if card.unconverted:  # not compared in US dollars: said on the card, not only on hover
            st.caption(escape_markdown(card.unconverted))
        if (badges and card.badges) or card.users:
            with st.container(horizontal=True, gap="xsmall"):
                for badge in card.badges if badges else ():
                    st.badge(
                        badge.word,
                        color="gray",
                        help=escape_markdown(f"{t(f'dim.title.{badge.dimension}')}: {badge.full}"),
                    )
                if card.users:
                    user_badge()
        if card.differs:
            st.caption(escape_markdown(card.differs), help=escape_markdown(card.difference))
        if card.fact_id and not card.users:
            fact_link(card.fact_id)


def kind_cards(kinds, *, key: str, colour: Callable[[str], str]) -> None:
    """The kinds (views.cards.KindGroup) with a single figure, as figure cards side by side, each headed by what
    it measures and how many regions report its kind; `colour` gives a region's colour."""
    single = [kind for kind in kinds if not kind.charted]
    if not single:
        return
    with st.container(horizontal=True, gap="small", key=f"{key}_cards"):
        for number, kind in enumerate(single):
            for index, card in enumerate(kind.cards):
                figure_card(
                    card,
                    key=f"{key}_{number}_{index}_{card.region_id}",
                    colour=colour(card.region_id),
                    heading=f"{card.what} · {kind.reporting}",
                    width=268,
                )


def guarded(render: Callable[[], None], name: str) -> Callable[[], None]:
    """Wrap a page so an unexpected error shows a plain message, never a traceback (and the log names `name`)."""

    def page() -> None:
        try:
            render()
        except Exception:  # st.stop(), st.rerun(), st.switch_page() raise BaseExceptions: they pass through
            logging.getLogger("ecodash").exception("page %s failed", name)
            with st.container(key="page_error"):  # on the title line: kept clear of the language and theme controls
                st.error(t("error.unexpected"), icon=":material/error:")

    page.__name__ = name
    return page
