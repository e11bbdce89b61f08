"""Compare: any regions, one or more indicators, in a common unit, with qualifiers visible."""

from __future__ import annotations

import functools

import streamlit as st

from ecodash import charts, i18n, views
from ecodash.i18n import t
from ecodash.ui import common, present
from ecodash.views import about


def render() -> None:
    ds = common.dataset(user=True)
    st.title(t("compare.title"), anchor=False)
    st.write(t("compare.intro"))
    common.user_data_banner(ds)
    _view(ds, i18n.current())


ANALYSIS_CHOICES = ("region_ids", "indicator_ids", "subregions", "per_million", "fx_basis")
"""The choices a view's words, notes and tables depend on: a scale or sort change only redraws the chart."""


def _cached(ds, choices: dict) -> views.ChartView:
    asked = {name: choices[name] for name in ANALYSIS_CHOICES}
    analysis = common.cached_view(
        ds,
        "compare_analysis",
        lambda: views.compare_analysis(ds, **asked, tables=present.CachedTables(ds)),
        **asked,
    )
    return common.cached_view(
        ds,
        "compare",
        lambda: views.compare_view(ds, **choices, analysis=analysis, style=common.chart_style(ds)),
        **choices,
    )


def warm(ds) -> None:
    """Build the view a first visit shows (the URL's defaults) into the shared view cache."""
    _cached(ds, views.view_arguments(ds, "compare", {}))


def _csv(frame) -> bytes:
    from ecodash.io import export  # openpyxl and the package writers: loaded on the first download, not at start

    return export.to_spreadsheet_csv_bytes(frame)


@st.fragment
def _view(ds, language: str) -> None:
    """The controls and what they change (chart, notes, table): a control's change reruns only this part."""
    i18n.activate(language)  # a fragment's rerun runs in a fresh thread: the language is the full run's
    region_names = views.region_names(ds)
    indicator_names = views.indicator_names(ds)
    left, right = st.columns(2)
    with left:
        region_ids = common.url_widget(
            st.multiselect,
            "regions",
            label=t("common.regions"),
            options=list(region_names),
            default=ds.focus_region_ids(),
            format_func=region_names.get,
            multi=True,
        )
    with right:
        indicator_ids = common.url_widget(
            st.multiselect,
            "indicators",
            label=t("common.indicators"),
            options=list(indicator_names),
            default=list(views.COMPARE_INDICATORS),
            format_func=indicator_names.get,
            multi=True,
        )
    controls = st.columns([1, 1, 1.3, 2.2])  # two rows of controls: each stays whole at 1280 px
    with controls[0]:
        scale = common.url_widget(
            st.segmented_control,
            "scale",
            label=t("compare.scale"),
            options=list(views.SCALES),
            default="linear",
            format_func=lambda s: t(f"compare.scale.{s}"),
        )
    with controls[1]:
        sort = common.url_widget(
            st.segmented_control,
            "sort",
            label=t("compare.sort"),
            options=list(charts.SORTS),
            default="value",
            format_func=lambda s: t(f"compare.sort.{s}"),
        )
    with controls[2]:
        subregions = common.url_toggle(
            "cities", label=t("compare.subregions"), default=True, help=common.escape_markdown(about.city_roll_ups(ds))
        )
    with controls[3]:
        per_million = common.per_million_widget()
    fx_basis = common.fx_basis_widget(ds)
    choices = {
        "region_ids": region_ids,
        "indicator_ids": indicator_ids,
        "scale": scale,
        "sort": sort,
        "subregions": subregions,
        "per_million": per_million,
        "fx_basis": fx_basis,
    }
    view = _cached(ds, choices)
    if view.message:
        st.info(common.escape_markdown(view.message))
        return
    for caption in view.captions:
        st.caption(common.escape_markdown(caption))
    if view.figure is None:
        return
    common.chart(view.figure, key="compare_chart", filename=view.filename)
    if view.notes:
        st.warning(common.escape_markdown("\n".join(view.notes)), icon=":material/compare_arrows:")
    for line in view.missing:
        st.caption(common.escape_markdown(line))
    present.toolbar(
        "compare",
        {
            "regions": region_ids,
            "indicators": indicator_ids,
            "scale": scale,
            "sort": sort,
            "cities": "on" if subregions else "off",
            "per": "million" if per_million else "absolute",
            "fx": fx_basis,
        },
    )
    st.subheader(t("compare.table"), anchor=False)
    table = view.table
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config={
            **{column: t(f"column.{column}") for column in table.columns},
            "derivation": st.column_config.TextColumn(t("column.derivation"), width="large"),
            "per_million_derivation": st.column_config.TextColumn(t("column.per_million_derivation"), width="large"),
            "difference_note": st.column_config.TextColumn(t("column.difference_note"), width="medium"),
            "link": st.column_config.LinkColumn(t("column.link"), display_text=t("sources.open_fact")),
        },
    )
    st.download_button(
        t("compare.download"),
        data=functools.partial(_csv, view.export),  # made on click: not on every rerun
        file_name="ecodash-compare-view.csv",
        mime="text/csv",
        icon=":material/download:",
        key="download_compare",
        on_click="ignore",
    )
    st.caption(t("common.share_link"))
