"""Data & export: the facts table, filterable, with downloads of exactly what is shown and citations."""

from __future__ import annotations

import functools
from datetime import date

import streamlit as st

from ecodash import i18n, views
from ecodash.analysis import comparability, indicators
from ecodash.i18n import t
from ecodash.io import export
from ecodash.io.citation import cite_dataset, cite_fact
from ecodash.io.formats import FORMATS, PREFIX, by_kind
from ecodash.schema.vocabularies import COMPARABILITY_DIMENSIONS
from ecodash.ui import caches, draw, state, widgets
from ecodash.ui.draw import escape_markdown
from ecodash.views import data_export, registry

FILTER_PARAMS = {
    "region_id": "region",
    "indicator_id": "indicator",
    "category": "category",
    "source_id": "source",
    "status": "status",
    "qualifier": "qualifier",
    "ai_specificity": "ai",
    "geo_reach": "reach",
}
FILTERS_PER_ROW = 4


WHOLE_DATASET_KINDS = tuple(f.kind for f in FORMATS.values())
"""The whole-dataset files, one per export format ('zip': the data package). Each is made when its button is clicked,
then kept: writing them all would hold the page's first visit back by seconds on a large dataset."""


@st.cache_data(show_spinner=False, max_entries=caches.TABLE_CACHE_ENTRIES)
def _export_frames(_ds, key: str, fx_basis: str, language: str) -> dict:
    with i18n.use(language):
        return export.export_all_frames(_ds, fx_basis=fx_basis)


@st.cache_data(show_spinner=False, max_entries=caches.TABLE_CACHE_ENTRIES)
def whole_dataset_file(_ds, key: str, kind: str, fx_basis: str, language: str) -> bytes:
    """The whole dataset as one file (`kind`: one of WHOLE_DATASET_KINDS), labels and derivations in `language`."""
    chosen = by_kind(kind)
    with i18n.use(language):  # labels and derivations in the reader's language; ids and values never change
        if chosen.write_tables is None:  # a format of one table: the facts table alone
            return chosen.write_table("facts", export.build_table(_ds, "facts", fx_basis=fx_basis))
        frames = _export_frames(_ds, key, fx_basis, language)  # every table, built once for the other formats
        return chosen.write_tables(_ds, frames)


def _options(ds, facts, column: str) -> dict[str, str]:
    if column == "region_id":  # Zhejiang too: its figures are Hangzhou's
        return data_export.region_options(ds, facts)
    if column == "indicator_id":
        return dict(zip(facts["indicator_id"], facts["indicator_name"], strict=True))
    if column == "source_id":
        return dict(zip(ds.sources["source_id"], ds.sources["title"], strict=True))
    if column == "qualifier":
        return {q: t(f"qualifier.{q}") for q in sorted(facts["qualifier"].unique())}
    if column in COMPARABILITY_DIMENSIONS:
        return {v: comparability.dimension_words(column, v) for v in sorted(facts[column].unique())}
    return {value: value for value in sorted(facts[column].unique())}


def render() -> None:
    ds = state.dataset()
    draw.page_header(t("data.title"))
    fx_basis = widgets.param_widget(ds, registry.FX)
    facts = caches.facts(ds, fx_basis)
    st.subheader(t("data.filters"), anchor=False)
    choices = {}
    columns = [c for _ in range(0, len(FILTER_PARAMS), FILTERS_PER_ROW) for c in st.columns(FILTERS_PER_ROW)]
    for column, param in zip(FILTER_PARAMS, columns, strict=False):
        options = _options(ds, facts, column)
        with param:
            choices[column] = widgets.url_widget(
                st.multiselect,
                FILTER_PARAMS[column],
                label=t(f"data.filter.{column}"),
                options=list(options),
                default=[],
                format_func=options.get,
                multi=True,
                placeholder=t("common.all"),
            )
    # the kinds of figure and how each differs from its indicator's headline kind, within this view
    # a province's choice keeps its cities' rows too, as its profile lists them
    rows = {**choices, "region_id": data_export.region_rows(ds, choices["region_id"])}
    shown = comparability.annotate(indicators.filter_facts(facts, **rows))
    st.caption(t("data.rows", shown=len(shown), total=len(facts)))
    for note in data_export.region_rows_notes(ds, choices["region_id"]):  # the rows a province's choice brings
        st.caption(escape_markdown(note))
    for line in views.not_converted(shown):  # its USD cell is empty: say why
        st.caption(escape_markdown(line))
    shown_columns = [
        "fact_id",
        "region_name",
        "indicator_name",
        "value_label",
        "value",
        "unit",
        "qualifier_words",
        *(f"{c}_words" for c in COMPARABILITY_DIMENSIONS),
        "difference_note",
        "value_usd",
        "period_start",
        "period_end",
        *draw.quote_columns(),
        "source_id",
        "link",
    ]
    st.dataframe(
        shown.assign(
            link=views.fact_links(shown["fact_id"]),
            qualifier_words=[t(f"qualifier.{q}") for q in shown["qualifier"]],
            **{
                f"{c}_words": [comparability.dimension_words(c, v) if isinstance(v, str) else None for v in shown[c]]
                for c in COMPARABILITY_DIMENSIONS
            },
        ),
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="facts_table",
        column_order=shown_columns,
        column_config=draw.column_config("facts", shown_columns),
    )
    st.download_button(
        t("data.download_filtered"),
        data=functools.partial(FORMATS["csv"].write_table, "facts", shown),  # written on click, not on every run
        file_name=FORMATS["csv"].file_type.file_name(data_export.view_file_stem(PREFIX, choices, fx_basis)),
        mime=FORMATS["csv"].mime,
        type="primary",
        icon=":material/download:",
        key="download_view",
        on_click="ignore",
    )
    st.caption(t("common.share_link"))
    st.subheader(t("data.downloads"), anchor=False)
    for column, chosen in zip(st.columns(len(FORMATS)), FORMATS.values(), strict=True):
        with column:
            st.download_button(
                t(chosen.label),
                data=functools.partial(whole_dataset_file, ds, ds.key, chosen.kind, fx_basis, i18n.current()),
                file_name=chosen.file_name(None if chosen.write_tables else "facts"),
                mime=chosen.mime,
                key=f"download_{chosen.kind}",
                on_click="ignore",
                icon=":material/download:",
            )
    st.subheader(t("data.citation"), anchor=False)
    st.caption(t("data.cite_dataset"))
    st.code(cite_dataset(ds, accessed=date.today().isoformat()), language=None, wrap_lines=True)
    st.caption(t("data.cite_fact"))
    labels = dict(
        zip(
            facts["fact_id"],
            facts["region_name"] + " — " + facts["indicator_name"] + ": " + facts["value_label"],
            strict=True,
        )
    )
    fact_id = st.selectbox(t("data.cite_choose"), options=list(labels), format_func=labels.get, key="cite_fact")
    st.code(cite_fact(ds, fact_id, accessed=date.today().isoformat()), language=None, wrap_lines=True)
