"""Light or dark: the reader's choice, kept in the URL (?theme=dark), and the theme charts must be drawn in.

Streamlit (1.67) has no API to set the theme. Its frontend picks one once, when the page loads: the URL's
`embed_options=light_theme|dark_theme` if present (no `embed=true` needed), else the choice made in its ⋮ menu
on this app, else the system's colour scheme; with [theme.light] and [theme.dark] in .streamlit/config.toml those
are ecodash's colours. The frontend reports what it shows in `st.context.theme.type`, sent with every rerun.

So the mechanism is:

* the app's own parameter `?theme=` says which theme a link shows; every run writes it (like ?lang=);
* clicking the control, or opening a link whose ?theme= differs from what the browser shows, reloads the page
  once with `embed_options=<theme>_theme` added (a tiny script through st.html): the frontend then loads the
  chosen theme. The reload is a new session; everything ecodash remembers is in the URL, so nothing is lost;
* `embed_options` is kept by reruns that rewrite the query string but dropped by page switches; the frontend
  keeps its theme when switching pages, and ?theme= is written again, so a copied link still shows it;
* a theme picked in Streamlit's ⋮ menu changes the page without a rerun: charts follow at the next rerun, when
  st.context.theme.type reports it, and ?theme= then records it.
"""

from __future__ import annotations

import json

import streamlit as st

from ecodash import charts
from ecodash.charts.theme import DEFAULT_THEME, THEME_NAMES
from ecodash.i18n import t

PARAM = "theme"
THEME_KEY = "ecodash.charts.theme"
"""Session-state key of the control (one for every page)."""
_CHOSEN_KEY = "ecodash.charts.theme.chosen"
_ACTIVE_KEY = "ecodash.charts.theme.active"
ICONS = {"light": ":material/light_mode:", "dark": ":material/dark_mode:"}
CONTROLS_KEY = "app_controls"
"""Key (and CSS class, st-key-app_controls) of the container holding the language and theme controls."""
CHROME_CSS = """<style>
/* The page starts under the navigation bar (3.75rem), not 100 px lower: the answer belongs in the first screen. */
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { position: relative; }
/* Language and theme sit at the right of the page's title line rather than on a row of their own. */
@media (min-width: 900px) {
  .st-key-app_controls { position: absolute; top: 2.1rem; right: 0; width: max-content; z-index: 2; }
  /* a long title, and the controls on a page header's title row, wrap before they reach them */
  [data-testid="stMain"] h1 { padding-right: 23rem; }
  .st-key-page_header { padding-right: 23rem; flex-wrap: wrap; }
  .st-key-page_header h1 { padding-right: 0; }
  .st-key-page_error { padding-right: 23rem; }
}
.st-key-app_controls [data-testid="stButtonGroup"] button { min-height: 2rem; padding: 0 0.6rem; }
.st-key-page_header h1 { font-size: 2.1rem; padding-top: 0.25rem; padding-bottom: 0; }
/* cards: a figure on its own, its value large */
[class*="st-key-card_"] h4 { padding: 0.1rem 0 0.2rem 0; margin: 0; font-size: 1.3rem; line-height: 1.35; }
[class*="st-key-cell_"] h4 { font-size: 1.1rem; }
</style>"""
"""The app's frame around every page (not in present mode, which has its own): Streamlit's spacing, tightened, the
language and theme controls on the title line, and the cards' type sizes."""


_EDGE_CSS = "<style>.st-key-__KEY__ { border-left: 0.35rem solid __COLOUR__ !important; }</style>"


def edge_style(key: str, colour: str) -> str:
    """A style sheet giving the container keyed `key` a left edge in `colour` (a region's colour, from the theme)."""
    return _EDGE_CSS.replace("__KEY__", key).replace("__COLOUR__", colour)


_UPLOADER_CSS = """<style>
.st-key-__KEY__ [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
.st-key-__KEY__ [data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "__BUTTON__"; font-size: 0.875rem; }
.st-key-__KEY__ [data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
.st-key-__KEY__ [data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "__LIMIT__"; font-size: 0.875rem; }
</style>"""


def _css_string(text: str) -> str:
    """Text inside a CSS string literal of a style element: quotes, backslashes, newlines and '<' escaped."""
    return "".join(c if c.isalnum() or c in " .,;:·•-–()/" else f"\\{ord(c):06x}" for c in text)


def uploader_words(key: str, *, button: str, limit: str) -> str:
    """A style sheet giving the file uploader inside the container keyed `key` ecodash's words, in the page's
    language, for the two texts Streamlit writes in English whatever the page ("Upload", "5MB per file • CSV")."""
    return (
        _UPLOADER_CSS.replace("__KEY__", key)
        .replace("__BUTTON__", _css_string(button))
        .replace("__LIMIT__", _css_string(limit))
    )


def chrome() -> None:
    """The page's compact chrome (styles only, no content): call once per run, before the page draws."""
    st.html(CHROME_CSS)


def _known(value: object) -> str | None:
    return value if value in THEME_NAMES else None


def shown_theme() -> str | None:
    """What the browser shows now ("light"/"dark"), None when unknown (no browser: AppTest, bare mode)."""
    return _known(getattr(getattr(st.context, "theme", None), "type", None))


def resolve(*, asked: str | None, shown: str | None, chosen: str | None, first_run: bool) -> tuple[str, str | None]:
    """(theme to draw charts in, theme to reload the page in or None).

    `asked` is the URL's ?theme=, `shown` what the browser reports, `chosen` a click on the control in this run.
    On a session's first run the URL wins (st.context.theme may lag on a first load; a redirect is pending
    anyway when they differ); later, what the browser shows wins, so a theme picked in the ⋮ menu is adopted.
    """
    if chosen is not None:
        return shown or chosen, (chosen if chosen != shown else None)
    if first_run:
        return asked or shown or DEFAULT_THEME, (asked if asked and shown and asked != shown else None)
    return shown or asked or DEFAULT_THEME, None


def active_theme() -> str:
    """The theme charts are drawn in on this run ("light" or "dark"): pass it to the chart style.

    theme_control() settles it at the top of each run; before (or without) it, the URL's or the browser's.
    """
    active = _known(st.session_state.get(_ACTIVE_KEY))
    if active is not None:
        return active
    return resolve(asked=_known(st.query_params.get(PARAM)), shown=shown_theme(), chosen=None, first_run=True)[0]


def chart_style(ds, *, scale: float = 1.0) -> charts.ChartStyle:
    """How this run's charts are drawn: the reader's theme, the data's region colours, the font scale."""
    return charts.ChartStyle.for_dataset(ds, theme=active_theme(), scale=scale)


_RELOAD_SCRIPT = """<script>
(() => {
  const theme = __THEME__;
  const url = new URL(window.location.href);
  const options = url.searchParams.getAll("embed_options");
  if (options.some((o) => o.toLowerCase() === theme + "_theme")) return;
  url.searchParams.delete("embed_options");
  options.filter((o) => !/^(light|dark)_theme$/i.test(o)).forEach((o) => url.searchParams.append("embed_options", o));
  url.searchParams.append("embed_options", theme + "_theme");
  url.searchParams.set("theme", theme);
  window.location.replace(url.toString());
})();
</script>"""


def reload_script(theme: str) -> str:
    """JavaScript that reloads the page in `theme`: same path and parameters, ?theme= and embed_options set.

    Other embed_options (show_toolbar…) are kept. It does nothing when the URL already asks for that theme: then
    the reader overrode it in Streamlit's menu, and reloading again would loop.
    """
    return _RELOAD_SCRIPT.replace("__THEME__", json.dumps(theme))


def _remember_click() -> None:
    value = st.session_state.get(THEME_KEY)
    if value in THEME_NAMES:
        st.session_state[_CHOSEN_KEY] = value
    # a click on the selected option clears it: the next run puts the current theme back


def theme_control() -> str | None:
    """Light | Dark, kept in the URL (?theme=dark); returns an invalid ?theme= value to report, else None.

    Call once per run, before the page draws charts; then `active_theme()` is the theme to draw them in.
    """
    raw = st.query_params.get(PARAM)
    asked = _known(raw)
    first_run = _ACTIVE_KEY not in st.session_state
    active, reload_to = resolve(
        asked=asked, shown=shown_theme(), chosen=st.session_state.pop(_CHOSEN_KEY, None), first_run=first_run
    )
    st.session_state[_ACTIVE_KEY] = active
    st.session_state[THEME_KEY] = reload_to or active
    st.segmented_control(
        t("theme.label"),
        options=list(THEME_NAMES),
        key=THEME_KEY,
        format_func=lambda name: f"{ICONS[name]} {t(f'theme.{name}')}",
        label_visibility="collapsed",
        help=t("theme.help"),
        on_change=_remember_click,
    )
    st.query_params[PARAM] = reload_to or active
    if reload_to is not None:
        st.html(reload_script(reload_to), unsafe_allow_javascript=True, width="content")
    return raw if raw is not None and asked is None else None
