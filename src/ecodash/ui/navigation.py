"""The page registry and navigation (app.py calls run(); tests call it with another default page)."""

from __future__ import annotations

import streamlit as st

from ecodash.i18n import t
from ecodash.ui import common, compare, data_export, funding, overview, pillars, profile, sources

PAGE_SPECS = {
    # key: (render function, url path, icon)
    "overview": (overview.render, "overview", ":material/dashboard:"),
    "compare": (compare.render, "compare", ":material/bar_chart:"),
    "profile": (profile.render, "profile", ":material/travel_explore:"),
    "funding": (funding.render, "funding", ":material/payments:"),
    "pillars": (pillars.render, "pillars", ":material/view_module:"),
    "sources": (sources.render, "sources", ":material/format_quote:"),
    "data": (data_export.render, "data", ":material/table:"),
}


def run(default: str = "overview") -> None:
    """Configure the page, register every page (so pages can link to each other) and run the chosen one."""
    st.set_page_config(page_title=t("app.title"), page_icon=":material/hub:", layout="wide")
    common.PAGES.clear()
    for key, (render, url_path, icon) in PAGE_SPECS.items():
        common.PAGES[key] = st.Page(
            common.guarded(render), title=t(f"nav.{key}"), url_path=url_path, icon=icon, default=key == default
        )
    page = st.navigation(list(common.PAGES.values()), position="top")
    st.session_state[common.PAGE_KEY] = next(k for k, p in common.PAGES.items() if p.url_path == page.url_path)
    page.run()
