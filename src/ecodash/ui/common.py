"""Shared UI plumbing: cached data, the error page, URL-synced widgets, safe text."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException
from streamlit.runtime.scriptrunner_utils.script_run_context import add_script_run_ctx, get_script_run_ctx

from ecodash import charts, i18n, views
from ecodash.analysis import fx, indicators
from ecodash.charts import images
from ecodash.i18n import t
from ecodash.ingest.dataset import (
    Dataset,
    DatasetError,
    Problem,
    default_data_dir,
    load_dataset,
    localized,
    report_lines,
    seeds_dir_for,
    with_addition,
)

if TYPE_CHECKING:
    from ecodash.ingest import uploads

PAGES: dict[str, st.Page] = {}
"""Page key -> st.Page, filled by navigation.run() on every run so pages can link to each other."""
VIEW_CACHE_ENTRIES = 128
"""Views kept per process (a view holds its figure and tables: a few hundred kB on the curated data, tens of MB at
10 000 facts)."""
TABLE_CACHE_ENTRIES = 32
"""Derived tables kept per process (each key holds a dataset key, an uploaded one included, and choices)."""
YOURS_KEY = "ecodash.yours"
"""Session-state key of the reader's upload, {"name": file name, "data": bytes}: this session only, never on disk."""
PAGE_KEY = "ecodash.page"
"""Session-state key holding the current page's url path (widget keys are per page)."""

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


@dataclass(frozen=True)
class _Failed:
    """A data folder that failed validation: its problems, and the folder's files as they were then."""

    problems: tuple[Problem, ...]
    stamp: tuple


def _folder_stamp(data_dir: str) -> tuple:
    """(folder, name, mtime, size) of every file of the data folder and of its seeds folder: what a fix changes."""
    stamp = []
    for folder in (Path(data_dir), seeds_dir_for(Path(data_dir))):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        info = entry.stat()
                        stamp.append((str(folder), entry.name, info.st_mtime_ns, info.st_size))
                    except OSError:
                        stamp.append((str(folder), entry.name, None, None))
        except OSError:
            stamp.append((str(folder), None, None, None))
    return tuple(sorted(stamp, key=repr))


@st.cache_resource(show_spinner=False)
def _load(data_dir: str) -> Dataset | _Failed:
    # One Dataset per process, shared by every session and never copied (it never changes; its accessors copy):
    # st.cache_data would unpickle the whole dataset, and rebuild its language views, on every call.
    # A failure is kept too, with the folder's files as they were: a broken folder is validated once, not on every
    # rerun, and again once a file of it changes (the error page says: fix, then reload).
    stamp = _folder_stamp(data_dir)
    try:
        return load_dataset(data_dir)
    except DatasetError as error:
        return _Failed(tuple(error.problems), stamp)


def _loaded(data_dir: str) -> Dataset:
    """The folder's Dataset; raises a fresh DatasetError (one per run: sessions never share an exception object)."""
    loaded = _load(data_dir)
    if isinstance(loaded, _Failed) and loaded.stamp != _folder_stamp(data_dir):
        _load.clear(data_dir)  # a file changed since it failed: validate the folder again
        loaded = _load(data_dir)
    if isinstance(loaded, _Failed):
        raise DatasetError(list(loaded.problems))
    return loaded


def curated() -> Dataset:
    """The curated data as stored (no language view, no upload), loaded once per data folder; raises DatasetError
    (a page calls dataset() first, which shows the error page) from the kept failure while the folder is unchanged."""
    return _loaded(str(default_data_dir()))


@st.cache_resource(show_spinner=False, max_entries=32)
def _read_upload(data_dir: str, digest: str, name: str, language: str, _data: bytes) -> uploads.Upload:
    from ecodash.ingest import uploads

    with i18n.use(language):  # problems are worded in the reader's language
        return uploads.read_upload(_data, name, curated())  # checked against the loaded data: data/ is not re-read


def user_upload() -> uploads.Upload | None:
    """The reader's upload of this session, read and checked (cached by its digest), or None."""
    held = st.session_state.get(YOURS_KEY)
    if not held:
        return None
    digest = hashlib.sha256(held["data"]).hexdigest()
    return _read_upload(str(default_data_dir()), digest, held["name"], i18n.current(), held["data"])


@st.cache_resource(show_spinner=False, max_entries=16)
def _merged(data_dir: str, digest: str, _layer) -> Dataset:
    # on top of the loaded curated data (not re-read); its key carries the upload's digest: every table cache follows
    return with_addition(curated(), _layer)


def dataset(*, user: bool = False) -> Dataset:
    """The validated dataset (loaded once per data folder); on failure, an error page and st.stop().

    With `user`, the reader's valid upload of this session is merged on top (marked in `contributed`)."""
    try:
        base = curated()
        upload = user_upload() if user else None
        if upload is not None and upload.ok:
            base = _merged(str(default_data_dir()), upload.digest, upload.layer)
        return localized(base, i18n.current())  # names and notes in the reader's language
    except DatasetError as error:
        st.error(t("error.dataset_title"), icon=":material/error:")
        st.write(t("error.dataset_body"))
        st.code("\n".join(report_lines(error.problems)), language=None)  # causes first, at most MAX_SHOWN
        st.stop()


def user_data_banner(ds: Dataset) -> None:
    """'This page includes N figures you uploaded (this session only)…' and a link to Your data; nothing when
    the dataset holds no figure of the reader's."""
    n = len(ds.contributed["facts"])
    if not n:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="user_data_banner"):
        st.info(t("yours.banner", n=n, mark=t("yours.mark")), icon=":material/person:", width="stretch")
        st.page_link(PAGES["yours"], label=t("yours.banner_link"), icon=":material/upload_file:")


def is_users(row) -> bool:
    """Whether a table row (with an origin column) is a figure the reader uploaded."""
    return row.get("origin") == indicators.USER


def user_badge() -> None:
    st.badge(t("yours.origin.user"), icon=":material/person:", color="orange")


# Cached tables carry words (labels, derivations) in the current language: the language is part of every key.


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _facts(_dataset: Dataset, key: str, fx_basis: str, language: str) -> pd.DataFrame:
    with i18n.use(language):
        return indicators.facts_table(_dataset, fx_basis=fx_basis)


def facts(ds: Dataset, fx_basis: str) -> pd.DataFrame:
    return _facts(ds, ds.key, fx_basis, i18n.current())


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _funding(_dataset: Dataset, key: str, fx_basis: str, language: str) -> pd.DataFrame:
    with i18n.use(language):
        return indicators.funding_table(_dataset, fx_basis=fx_basis)


def funding(ds: Dataset, fx_basis: str) -> pd.DataFrame:
    return _funding(ds, ds.key, fx_basis, i18n.current())


def chart_style(ds: Dataset, *, scale: float = 1.0) -> charts.ChartStyle:
    """How this run's charts are drawn: the reader's theme, the data's region colours, the font scale."""
    from ecodash.ui import appearance  # the theme control lives with the page chrome

    return charts.ChartStyle.for_dataset(ds, theme=appearance.active_theme(), scale=scale)


def usd_column(label: str):
    """US dollars in full (computed values keep cents), wide enough not to be cut."""
    return st.column_config.NumberColumn(label, format="dollar", width="medium")


def translated_quotes() -> bool:
    """Whether quotes get their English translation beside them: in French, the French quote stands alone."""
    return i18n.current() != "fr"


def quote_columns() -> list[str]:
    """The quote columns a table shows in the current language."""
    return ["quote", "quote_en"] if translated_quotes() else ["quote"]


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _overview(_dataset: Dataset, key: str, fx_basis: str, language: str) -> dict[str, pd.DataFrame]:
    with i18n.use(language):
        return indicators.overview_slots(_dataset, fx_basis=fx_basis)


def overview(ds: Dataset, fx_basis: str) -> dict[str, pd.DataFrame]:
    return _overview(ds, ds.key, fx_basis, i18n.current())


@st.cache_data(show_spinner=False, max_entries=64)  # one entry per set of regions: bounded
def _comparison(
    _dataset: Dataset, key: str, region_ids: tuple[str, ...], fx_basis: str, subregions: bool, language: str
) -> pd.DataFrame:
    with i18n.use(language):
        return indicators.comparison_long(
            _dataset, region_ids=list(region_ids), fx_basis=fx_basis, include_subregions=subregions
        )


def comparison(ds: Dataset, region_ids: tuple[str, ...], fx_basis: str, subregions: bool):
    return _comparison(ds, ds.key, region_ids, fx_basis, subregions, i18n.current())


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _comparison_matrix(_dataset: Dataset, key: str, fx_basis: str, language: str) -> pd.DataFrame:
    with i18n.use(language):
        return indicators.comparison_table(_dataset, fx_basis=fx_basis)


def comparison_matrix(ds: Dataset, fx_basis: str) -> pd.DataFrame:
    return _comparison_matrix(ds, ds.key, fx_basis, i18n.current())


def _warm(data_dir: str) -> None:
    """Compute the tables the pages' default views read (default language and FX basis), then Compare's and
    Funding's default views, into the shared caches."""
    from ecodash.ui.pages import compare as compare_page  # page modules: the caches of their views
    from ecodash.ui.pages import funding as funding_page
    from ecodash.ui.pages import pillars as pillars_page

    try:
        with i18n.use(i18n.DEFAULT_LANGUAGE):
            ds = localized(_loaded(data_dir), i18n.DEFAULT_LANGUAGE)
            basis = fx.DEFAULT_FX_BASIS
            comparison(ds, tuple(ds.focus_region_ids()), basis, True)  # Compare's default, first
            overview(ds, basis)
            comparison_matrix(ds, basis)
            funding(ds, basis)
            facts(ds, basis)
            pillars_page.matrix(ds, basis)
            compare_page.warm(ds)  # the two views that take longest to draw at 10 000 facts
            funding_page.warm(ds)
    except DatasetError:
        pass  # the pages show the error page
    except Exception:
        logging.getLogger("ecodash").exception("warming the caches failed (pages compute on demand)")


@st.cache_resource(show_spinner=False)
def _warming(data_dir: str) -> threading.Thread:
    thread = threading.Thread(target=_warm, args=(data_dir,), name="ecodash-warm-caches", daemon=True)
    add_script_run_ctx(thread, get_script_run_ctx(suppress_warning=True))
    thread.start()
    return thread


def warm_up() -> None:
    """Once per server process (app.py calls it on every run; only the first starts anything): a background thread
    fills the shared caches with the tables of every page's default view (and Compare's and Funding's default
    views), so the first readers of a large dataset don't each wait for them. Concurrent asks for one uncached
    value are computed once: Streamlit's caches hold a lock per value, and a session asking while the thread
    computes waits for its result."""
    _warming(str(default_data_dir()))


@st.cache_resource(show_spinner=False, max_entries=VIEW_CACHE_ENTRIES)
def _view(page: str, key: str, choices: tuple, language: str, theme: str, _build: Callable[[], object]) -> object:
    with i18n.use(language):
        return _build()


def cached_view(ds: Dataset, page: str, build: Callable[[], object], **choices) -> object:
    """A page's view (figure, notes, tables) built once per dataset, choices, language and theme, then shared by
    every session of the process: a rerun, another reader or a return to earlier choices rebuilds nothing.

    `build` must depend on nothing but `ds` and `choices` (and the language and theme, which are part of the key).
    The view is returned as it is, never copied (st.cache_resource): nothing may change it after it is built.
    """
    from ecodash.ui import appearance  # the theme control lives with the page chrome

    return _view(page, ds.key, frozen(choices), i18n.current(), appearance.active_theme(), build)


def frozen(choices: dict) -> tuple:
    """A page's choices as a hashable cache key (lists become tuples), in a stable order."""
    return tuple(sorted((name, tuple(v) if isinstance(v, list | tuple) else v) for name, v in choices.items()))


def today() -> str:
    return date.today().isoformat()


# --- URL-synced widgets -------------------------------------------------------------------------


def invalid_value_notice(param: str, value: object, fallback: object) -> None:
    """'The link asked for fx = “…”, which is not available; showing … instead.' The URL's text stays literal."""
    st.warning(
        t(
            "notice.invalid_param",
            param=escape_markdown(param),
            value=escape_markdown(value),
            fallback=escape_markdown(fallback),
        ),
        icon=":material/link_off:",
    )


def _valid(value, options: Sequence[str], multi: bool) -> bool:
    if multi:
        return isinstance(value, list) and all(item in options for item in value)
    return value in options


def _initial(param: str, options: Sequence[str], default, multi: bool, name: Callable[[str], str] = str):
    """The value the URL asks for, else `default`; an unavailable value gets a notice and the default."""
    if multi:
        raw = [part for value in st.query_params.get_all(param) for part in value.split(",") if part]
        if not raw:
            return list(default)
        good = [value for value in raw if value in options]
        bad = [value for value in raw if value not in options]
        if bad:
            shown = ", ".join(name(v) for v in (good or default)) or t("common.all")  # an empty filter shows all
            invalid_value_notice(param, ", ".join(bad), shown)
        return list(dict.fromkeys(good)) or list(default)
    raw = st.query_params.get(param)
    if raw is None:
        return default
    if raw in options:
        return raw
    invalid_value_notice(param, raw, name(default))
    return default


def url_widget(
    widget: Callable,
    param: str,
    *,
    label: str,
    options: Sequence[str],
    default,
    multi: bool = False,
    format_func: Callable[[str], str] = str,
    **kwargs,
):
    """A widget whose value lives in the URL query (?param=value): deep links restore it, changes update it.

    Precedence on a page's first run: the URL, then the last value chosen in this session (so the FX basis
    picked on one page follows to the next), then `default`. Invalid URL values fall back with a notice.
    """
    options = list(options)
    key = f"url.{st.session_state.get(PAGE_KEY, '')}.{param}"
    remembered = f"last.{param}.{'many' if multi else 'one'}"
    if not _valid(st.session_state.get(key), options, multi):
        last = st.session_state.get(remembered)
        fallback = last if _valid(last, options, multi) else default
        st.session_state[key] = _initial(param, options, fallback, multi, format_func)

    def keep_a_choice() -> None:  # a single choice cannot be clicked off into "nothing selected"
        if not multi and st.session_state[key] is None:
            st.session_state[key] = st.session_state.get(remembered, default)

    value = widget(label, options=options, key=key, format_func=format_func, on_change=keep_a_choice, **kwargs)
    st.session_state[remembered] = list(value) if multi else value
    st.query_params[param] = list(value) if multi else value
    return value


def preset(param: str, value) -> None:
    """Choose a URL widget's value before it is drawn (e.g. a figure link picks the article to show)."""
    st.session_state[f"url.{st.session_state.get(PAGE_KEY, '')}.{param}"] = value


def url_toggle(param: str, *, label: str, default: bool, **kwargs) -> bool:
    choice = url_widget(
        st.segmented_control,
        param,
        label=label,
        options=["on", "off"],
        default="on" if default else "off",
        format_func=lambda v: t(f"common.{v}"),
        **kwargs,
    )
    return choice != "off"


def fx_basis_widget(ds: Dataset) -> str:
    labels = fx.basis_labels(ds)
    return url_widget(
        st.segmented_control,
        "fx",
        label=t("common.fx_basis"),
        options=list(fx.FX_BASES),
        default=fx.DEFAULT_FX_BASIS,
        format_func=lambda b: labels[b][0],
        help=escape_markdown(" · ".join(f"{short}: {long}" for short, long in labels.values())),
    )


def per_million_widget() -> bool:
    """Absolute figures, or per million inhabitants (?per=million); kept in the URL like every choice."""
    choice = url_widget(
        st.segmented_control,
        "per",
        label=t("common.per"),
        options=["absolute", "million"],
        default="absolute",
        format_func=lambda c: t(f"common.per.{c}"),
        help=t("common.per_help"),
    )
    return choice == "million"


@st.cache_resource(show_spinner=False, max_entries=64)
def _region_names(key: str, language: str | None, _ds: Dataset) -> dict[str, str]:
    return views.region_names(_ds)


def region_name(ds: Dataset, region_id: str) -> str:
    return _region_names(ds.key, ds.language, ds).get(region_id, region_id)


def fact_link(fact_id: str, *, label: str | None = None) -> None:
    """A link from a figure to its highlighted passage on the Sources page."""
    st.page_link(
        PAGES["sources"],
        label=label or t("common.source"),
        icon=":material/format_quote:",
        query_params={"fact": fact_id},
    )


def chart(figure, *, key: str, filename: str) -> None:
    """A plotly chart and its images: the modebar camera saves a 2x PNG; PNG and SVG buttons below it download
    images made by ecodash.charts.images (title, units and source are inside the figure, and in the file's metadata).

    `filename` names the files, without extension: a name from images.image_filename (ending in its date) is used
    as it is; another is made ASCII and dated today, and a bare page prefix ("ecodash-timeline") first gets the
    chart's title ('ecodash-timeline-guangdong-events-and-target-years-2026-11-21').
    """
    if not _DATED_NAME.search(filename):
        bare = "-" not in filename.removeprefix("ecodash-")
        title = (images.image_text(figure)["title"],) if bare else ()
        filename = images.image_filename(filename, *title, day=date.today())
    st.plotly_chart(
        figure,
        width="stretch",
        key=key,
        theme=None,  # the figure's own template (ecodash_light / ecodash_dark), not Streamlit's restyling
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        },
    )
    reason = images.available()  # cheap (finds Chromium); the image is made on click, in another thread
    with st.container(horizontal=True, gap="small"):
        for kind, make, mime in (("png", images.to_png, "image/png"), ("svg", images.to_svg, "image/svg+xml")):
            st.download_button(
                t(f"images.{kind}"),
                data=functools.partial(make, figure),
                file_name=f"{filename}.{kind}",
                mime=mime,
                key=f"{key}_{kind}",
                help=reason or t(f"images.{kind}_help"),
                on_click="ignore",
                disabled=reason is not None,
                type="tertiary",
                icon=":material/download:",
            )


def guarded(render: Callable[[], None]) -> Callable[[], None]:
    """Wrap a page so an unexpected error shows a plain message, never a traceback."""

    def page() -> None:
        try:
            render()
        except ScriptControlException:  # st.stop(), st.rerun(), st.switch_page() are control flow
            raise
        except Exception:
            logging.getLogger("ecodash").exception("page %s failed", render.__name__)
            st.error(t("error.unexpected"), icon=":material/error:")

    page.__name__ = render.__name__
    return page
