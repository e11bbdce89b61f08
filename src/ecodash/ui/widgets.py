"""Widgets whose value lives in the URL (?param=value), drawn from a page's ViewSpec (ecodash.views.registry)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from ecodash.i18n import formats, t
from ecodash.ingest.dataset import Dataset
from ecodash.ui import appearance, draw
from ecodash.ui.draw import escape_markdown
from ecodash.ui.state import PAGE_KEY
from ecodash.views import registry

WIDGETS = {"multiselect": st.multiselect, "selectbox": st.selectbox, "segmented": st.segmented_control}
"""A Param's widget kind -> the Streamlit widget drawing it."""


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
    follows: bool = True,
    **kwargs,
):
    """A widget whose value lives in the URL query (?param=value): deep links restore it, changes update it.

    Precedence on a page's first run: the URL, then the last value chosen in this session (so the FX basis
    picked on one page follows to the next; without `follows`, the last chosen on this page), then `default`.
    Invalid URL values fall back with a notice.
    """
    # Not Streamlit's own `bind="query-params"`: in 1.67 it writes the option's *label* into the URL, translated,
    # so a link shared in English breaks in French (streamlit#14224), and a bad value in a link gets no notice.
    options = list(options)
    page = st.session_state.get(PAGE_KEY, "")
    key = f"url.{page}.{param}"
    remembered = f"last.{'' if follows else page + '.'}{param}.{'many' if multi else 'one'}"
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


def _names(ds: Dataset, param: registry.Param) -> Callable[[str], str]:
    """How the widget names each option: from the catalogue (a key prefix) or the data (a mapping)."""
    if param.names is None:
        return str
    if isinstance(param.names, str):
        prefix = param.names
        return lambda value: t(f"{prefix}.{value}")
    return param.names(ds).get


def param_widget(ds: Dataset, param: registry.Param, **kwargs):
    """The URL widget of one Param: its kind, label, options and their words, default and help, all from the
    Param. Returns the URL value chosen (a list for a Param that takes several)."""
    if param.help is not None:  # a catalogue key is Markdown of ours; help from the data is escaped
        kwargs.setdefault("help", _help(ds, param))
    return url_widget(
        WIDGETS[param.widget],
        param.name,
        label=t(param.label),
        options=list(param.options(ds)),
        default=param.default_for(ds),
        multi=param.many,
        format_func=_names(ds, param),
        follows=param.follows,
        **kwargs,
    )


def page_choices(
    ds: Dataset,
    page: str,
    layout: Sequence[Mapping[str, float]] = (),
    *,
    compact: Sequence[str] = (),
    tucked: Sequence[str] = (),
) -> dict[str, object]:
    """Draw the widgets of `page`'s URL choices (the Params of its ViewSpec that have one) and return what they
    hold: URL name -> value.

    `layout` places them, one mapping a row ({name: relative width}); a row of one is drawn at full width. A choice
    the layout does not place gets a row of its own after the others, so a new Param shows up with no change here.
    Then one compact row: the `compact` choices without their label (their options say what they are; their help
    moves into the popover), and an "Options" popover holding the `tucked` choices, those a first reader does not
    need (scale, sort, currency conversion). Every one is a URL widget all the same.
    """
    spec = registry.spec_of(page)
    placed = {name for row in layout for name in row} | set(compact) | set(tucked)
    rows = [*layout, *({p.name: 1.0} for p in spec.params if p.widget is not None and p.name not in placed)]
    values: dict[str, object] = {}
    for row in rows:
        params = [spec.param(name) for name in row]
        if len(params) == 1:
            values[params[0].name] = param_widget(ds, params[0])
            continue
        for column, param in zip(st.columns(list(row.values())), params, strict=True):
            with column:
                values[param.name] = param_widget(ds, param)
    if not compact and not tucked:
        return values
    with st.container(horizontal=True, vertical_alignment="center", key=f"{page}_compact_choices", width="content"):
        for name in compact:
            values[name] = param_widget(ds, spec.param(name), label_visibility="collapsed", help=None)
        if tucked or compact:
            values.update(options_popover(ds, spec, tucked, helps=compact))
    return values


def _help(ds: Dataset, param: registry.Param) -> str:
    """A Param's help as Markdown: a catalogue key is ours, help from the data is escaped."""
    if param.help is None:
        return ""
    return t(param.help) if isinstance(param.help, str) else escape_markdown(param.help(ds))


def options_popover(ds: Dataset, spec: registry.ViewSpec, names: Sequence[str], *, helps: Sequence[str] = ()):
    """The "Options" popover: the help of the compact choices drawn without a label (`helps`), then the URL widgets
    of `names`, one under the other. Returns their values."""
    with st.popover(t("common.options"), icon=":material/tune:", help=t("common.options_help")):
        for name in helps:
            param = spec.param(name)
            if param.help is not None:
                st.markdown(f"**{t(param.label)}** — {_help(ds, param)}")
        return {name: param_widget(ds, spec.param(name)) for name in names}


def file_uploader(label: str, *, types: Sequence[str], max_mb: int, key: str, **kwargs):
    """st.file_uploader with Streamlit's own limit set to `max_mb` (its megabytes: 2**20 bytes) and its English
    words ("Upload", "5MB per file • CSV") replaced by ecodash's, in the page's language."""
    holder = draw.element_key("uploader", key)
    with st.container(key=holder):
        st.html(
            appearance.uploader_words(
                holder,
                button=t("common.upload"),
                limit=t("common.upload_limit", size=formats.number(max_mb), types=", ".join(f".{x}" for x in types)),
            )
        )
        return st.file_uploader(label, type=list(types), key=key, max_upload_size=max_mb, **kwargs)
