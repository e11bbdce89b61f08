"""What the app keeps per process: the derived tables (per dataset, FX basis and language), the views built from
them (per dataset, choices, language and theme), and the warm-up that fills both at server start.

Cached tables carry words (labels, derivations) in the current language: the language is part of every key.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

# Streamlit's documented way to let a thread of ours use st.cache_data and st.cache_resource like a script run
# (docs.streamlit.io, "Multithreading in Streamlit"); there is no st.* API for it in 1.67.
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from ecodash import i18n, views
from ecodash.analysis import indicators, pillars
from ecodash.ingest.dataset import Dataset, DatasetError, default_data_dir, localized
from ecodash.ui import appearance, state
from ecodash.views import registry

VIEW_CACHE_ENTRIES = 128
"""Views kept per process (a view holds its figure and tables: a few hundred kB on the curated data, tens of MB at
10 000 facts)."""
TABLE_CACHE_ENTRIES = 32
"""Derived tables kept per process (each key holds a dataset key, an uploaded one included, and choices)."""

# --- tables ---------------------------------------------------------------------------------------


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


@st.cache_data(show_spinner=False, max_entries=TABLE_CACHE_ENTRIES)
def _pillar_matrix(_dataset: Dataset, key: str, fx_basis: str, language: str) -> pd.DataFrame:
    with i18n.use(language):
        return pillars.pillar_matrix(_dataset, fx_basis=fx_basis)


def pillar_matrix(ds: Dataset, fx_basis: str) -> pd.DataFrame:
    """The region x pillar table in the reader's language (the Pillars page and its slides read it)."""
    return _pillar_matrix(ds, ds.key, fx_basis, i18n.current())


class CachedTables(views.Tables):
    """views.Tables reading the app's caches (the same frames the pages use)."""

    def comparison(self, region_ids, fx_basis, subregions):
        return comparison(self.ds, tuple(region_ids), fx_basis, subregions)

    def funding(self, fx_basis):
        return funding(self.ds, fx_basis)

    def facts(self, fx_basis):
        return facts(self.ds, fx_basis)

    def overview(self, fx_basis):
        return overview(self.ds, fx_basis)

    def pillars(self, fx_basis):
        return pillar_matrix(self.ds, fx_basis)


# --- views ---------------------------------------------------------------------------------------


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
    return _view(page, ds.key, frozen(choices), i18n.current(), appearance.active_theme(), build)


def frozen(choices: dict) -> tuple:
    """A page's choices as a hashable cache key (lists become tuples), in a stable order."""
    return tuple(sorted((name, tuple(v) if isinstance(v, list | tuple) else v) for name, v in choices.items()))


def page_view(ds: Dataset, page: str, choices: Mapping[str, object]) -> views.ChartView:
    """`page`'s view for these URL choices (absent ones take the defaults), built from its ViewSpec into the
    shared view cache (keyed by the view's arguments): drawn in the reader's theme, from the cached tables. A page
    whose spec has an `analysis` (Compare) gets it cached apart: a drawing-only change (scale, sort) reuses it.
    A view that has cards (its spec's drawing takes "cards") shows single figures as cards, part of the key."""
    spec = registry.spec_of(page)
    options = {"cards": True} if "cards" in spec.drawing else {}
    arguments = registry.view_arguments(ds, page, choices)
    tables = CachedTables(ds)
    drawing: dict[str, object] = {"style": appearance.chart_style(ds)} if "style" in spec.drawing else {}
    if spec.analysis is not None:
        asked = {name: arguments[name] for name in spec.analysis_arguments}
        drawing["analysis"] = cached_view(
            ds, f"{page}_analysis", lambda: spec.analysis(ds, **asked, tables=tables), **asked
        )
    return cached_view(
        ds, page, lambda: spec.build(ds, **arguments, tables=tables, **drawing, **options), **arguments, **options
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def _region_names(key: str, language: str | None, _ds: Dataset) -> dict[str, str]:
    return views.region_names(_ds)


def region_name(ds: Dataset, region_id: str) -> str:
    """A region's name in the dataset's language (the id when it has none)."""
    return _region_names(ds.key, ds.language, ds).get(region_id, region_id)


# --- the warm-up ----------------------------------------------------------------------------------


def warm(data_dir: str) -> None:
    """Compute, in the default language and FX basis, the views of the pages whose spec says `warm` (Compare and
    Funding, at their default choices, with the tables they read), then the tables the other pages' default views
    read, into the shared caches."""
    try:
        with i18n.use(i18n.DEFAULT_LANGUAGE):
            ds = localized(state.loaded(data_dir), i18n.DEFAULT_LANGUAGE)
            for spec in registry.SPECS.values():
                if spec.warm:
                    page_view(ds, spec.key, {})
            basis = registry.FX.default_for(ds)
            overview(ds, basis)
            comparison_matrix(ds, basis)
            facts(ds, basis)
            pillar_matrix(ds, basis)
    except DatasetError:
        pass  # the pages show the error page
    except Exception:
        logging.getLogger("ecodash").exception("warming the caches failed (pages compute on demand)")


@st.cache_resource(show_spinner=False)
def _warming(data_dir: str) -> threading.Thread:
    thread = threading.Thread(target=warm, args=(data_dir,), name="ecodash-warm-caches", daemon=True)
    add_script_run_ctx(thread, get_script_run_ctx(suppress_warning=True))
    thread.start()
    return thread


def warm_up() -> None:
    """Once per server process (app.py calls it on every run; only the first starts anything): a background thread
    fills the shared caches with the tables of every page's default view (and the warm views), so the first
    readers of a large dataset don't each wait for them. Concurrent asks for one uncached value are computed once:
    Streamlit's caches hold a lock per value, and a session asking while the thread computes waits for its result."""
    _warming(str(default_data_dir()))
