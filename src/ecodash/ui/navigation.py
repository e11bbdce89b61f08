"""The page registry and navigation (app.py calls run(); tests call it with another default page)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ecodash import i18n
from ecodash.i18n import t
from ecodash.ui import appearance, present, state
from ecodash.ui.draw import guarded
from ecodash.ui.widgets import invalid_value_notice


@dataclass(frozen=True)
class PageSpec:
    """One page of the app: its URL path, its icon and the module under ecodash.ui.pages that draws it. A page
    whose key has a ViewSpec (ecodash.views.registry: its URL choices, view and title) can become a slide."""

    url_path: str
    icon: str
    module: str
    section: str | None = None
    """The navigation menu the page sits in (its title: the catalogue's nav.section.<section>); None: the bar itself."""

    def render(self) -> None:
        """The module's render(), imported on the page's first visit: a server starts without the modules of pages
        nobody opened yet (Add an article's drafting and exports, openpyxl, the proposers)."""
        importlib.import_module(f"ecodash.ui.pages.{self.module}").render()


PAGE_SPECS = {
    "overview": PageSpec("overview", ":material/dashboard:", "overview"),
    "compare": PageSpec("compare", ":material/bar_chart:", "compare"),
    "profile": PageSpec("profile", ":material/travel_explore:", "profile"),
    "funding": PageSpec("funding", ":material/payments:", "funding"),
    "pillars": PageSpec("pillars", ":material/view_module:", "pillars"),
    "sources": PageSpec("sources", ":material/format_quote:", "sources"),
    "data": PageSpec("data", ":material/table:", "data_export"),
    "add_article": PageSpec("add-article", ":material/post_add:", "add_article", section="contribute"),
    "yours": PageSpec("your-data", ":material/upload_file:", "your_data", section="contribute"),
}
"""Page key -> PageSpec, in the navigation's order; its title is the catalogue's nav.<key>."""
FAVICON = Path(__file__).parent / "static" / "favicon.svg"
"""The tab's icon, served by the app itself: a Material icon name would make every reader's browser fetch it from
a third-party font host (and fail offline)."""
LANGUAGE_KEY = "ecodash.lang"
"""Session-state key of the language control (one for every page, so the choice follows the reader)."""


def browser_language() -> str:
    """The reader's browser language if ecodash speaks it (fr-FR, fr-CA -> fr), else the default."""
    locale = str(getattr(st.context, "locale", None) or "")
    language = locale.split("-")[0].split("_")[0].lower()
    return language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def choose_language() -> tuple[str, str | None]:
    """(language, invalid URL value or None): the control's value, else ?lang=, else the browser's language."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    if chosen in i18n.LANGUAGES:
        return chosen, None
    asked = st.query_params.get("lang")
    if asked in i18n.LANGUAGES:
        return asked, None
    return browser_language(), asked


def language_control(language: str) -> None:
    """EN | FR, each name in its own language; the choice is kept in the URL (?lang=fr)."""
    st.session_state[LANGUAGE_KEY] = language

    def keep_a_language() -> None:  # clicking the selected option off must not leave the page without one
        if st.session_state[LANGUAGE_KEY] is None:
            st.session_state[LANGUAGE_KEY] = language

    st.segmented_control(
        t("common.language"),
        options=list(i18n.LANGUAGES),
        key=LANGUAGE_KEY,
        label_visibility="collapsed",
        format_func=lambda code: t(f"language.{code}"),
        on_change=keep_a_language,
    )
    st.query_params["lang"] = language


def _sections() -> dict[str, list[st.Page]]:
    """The navigation bar's pages ("": on the bar itself, first) and its menus, each a title and its pages: nine
    items do not fit a 1280 px bar in French, so the pages that add data share one "Contribute" menu."""
    sections: dict[str, list[st.Page]] = {"": []}
    for key, spec in PAGE_SPECS.items():
        title = "" if spec.section is None else t(f"nav.section.{spec.section}")
        sections.setdefault(title, []).append(state.PAGES[key])
    return sections


RECONNECT_TIMER = "1h"
"""The period of an empty fragment's timer. Streamlit's frontend reruns the page when its websocket reconnects only
if the page has such a timer; with it, a reader whose process died (several processes behind a balancer,
docs/serving.md) or restarted gets the page drawn again by the process they reconnect to, in a session of that
process, instead of a page whose buttons (deferred downloads, media files) point at a session that is gone."""


@st.fragment(run_every=RECONNECT_TIMER)
def _rerun_on_reconnect() -> None:
    """Draws nothing: only its timer counts (RECONNECT_TIMER)."""


def run(default: str = "overview") -> None:
    """Configure the page, register every page (so pages can link to each other) and run the chosen one."""
    language, invalid = choose_language()
    i18n.activate(language)
    st.set_page_config(page_title=t("app.title"), page_icon=FAVICON, layout="wide")
    presenting = present.sync()  # the slide sequence and ?present= follow the reader from page to page
    state.PAGES.clear()
    for key, spec in PAGE_SPECS.items():
        state.PAGES[key] = st.Page(
            guarded(spec.render, spec.module),
            title=t(f"nav.{key}"),
            url_path=spec.url_path,
            icon=spec.icon,
            default=key == default,
        )
    page = st.navigation(_sections(), position="hidden" if presenting else "top")
    _rerun_on_reconnect()
    st.session_state[state.PAGE_KEY] = next(k for k, p in state.PAGES.items() if p.url_path == page.url_path)
    if presenting:  # no chrome: the slide, its takeaway and source, Previous / Next / Exit
        st.query_params["lang"] = language
        st.query_params[appearance.PARAM] = appearance.active_theme()
        guarded(lambda: present.render(st.session_state[state.PAGE_KEY]), "present")()
        return
    appearance.chrome()
    with st.container(horizontal=True, horizontal_alignment="right", width="content", key=appearance.CONTROLS_KEY):
        language_control(language)
        bad_theme = appearance.theme_control()
    if invalid is not None:
        invalid_value_notice("lang", invalid, t(f"language.{language}"))
    if bad_theme is not None:
        invalid_value_notice("theme", bad_theme, t(f"theme.{appearance.active_theme()}"))
    page.run()
