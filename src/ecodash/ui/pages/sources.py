"""Sources & methodology: each article with its curated passages highlighted, and how figures are made."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ecodash import i18n
from ecodash.analysis import comparability, indicators, passages
from ecodash.analysis.audit import audit_mentions, coverage_percent
from ecodash.i18n import t
from ecodash.i18n.formats import format_fact, qualifier_definition, qualifier_labels
from ecodash.ingest.messages import located
from ecodash.ui import caches, draw, present, state, widgets
from ecodash.ui.draw import escape_markdown
from ecodash.views import about

ID_COLUMNS = {"facts": "fact_id", "events": "event_id", "instruments": "instrument_id", "actors": "actor_id"}


@st.cache_data(show_spinner=False, max_entries=caches.TABLE_CACHE_ENTRIES)
def _audit(_ds, key: str) -> pd.DataFrame:
    return audit_mentions(_ds)


def _selected_fact(ds) -> tuple[str, str, int] | None:
    """(fact_id, source_id, passage) asked for by ?fact=…, or None (with a notice if it is unknown)."""
    fact_id = st.query_params.get("fact")
    if not fact_id:
        return None
    found = passages.passage_of(ds, "facts", fact_id)
    if found is None:
        widgets.invalid_value_notice("fact", fact_id, "—")
        return None
    return fact_id, *found


def _seed_markdown(ds, source_id: str, selected_passage: int | None) -> str:
    parts = []
    for segment in passages.seed_segments(ds, source_id):
        text = escape_markdown(segment.text)
        if segment.number is None:
            parts.append(text.replace("\n", "\n\n"))
            continue
        colour = "blue" if segment.number == selected_passage else "orange"
        body = f"**{text}**" if segment.number == selected_passage else text
        parts.append(f":{colour}-background[{body}] :{colour}[**\\[{segment.number}\\]**]")
    return "".join(parts)


def _record_label(ds, table: str, record_id: str) -> str:
    frame = ds.table(table).set_index(ID_COLUMNS[table])
    row = frame.loc[record_id]
    if table == "facts":
        indicator = ds.indicators.set_index("indicator_id").loc[row["indicator_id"], "name"]
        return f"{format_fact(row['value'], row['unit'], row['qualifier'], row['status'])} — {indicator}"
    if table == "events":
        if pd.isna(row["date"]):  # an undated event: no "nan —"
            return t("sources.undated_event", description=row["description"])
        return f"{row['date']} — {row['description']}"
    return f"{row['name']} ({row['kind']})"


@st.cache_data(show_spinner=False, max_entries=256)
def _passage_list(_ds, key: str, language: str, source_id: str) -> list[tuple[int, str, list[tuple[str, str]]]]:
    """An article's passages: (number, its quote as shown, [(record label, record id)…]), built once per dataset,
    language and article."""
    with i18n.use(language):
        out = []
        for number, group in passages.passage_records(_ds, source_id).groupby("passage", sort=True):
            first = group.iloc[0]
            shown = (
                _ds.table(first["table"])
                .set_index(ID_COLUMNS[first["table"]])
                .loc[first["record_id"], "quote_en" if draw.translated_quotes() else "quote"]
            )
            out.append(
                (
                    number,
                    shown,
                    [(_record_label(_ds, row.table, row.record_id), row.record_id) for row in group.itertuples()],
                )
            )
        return out


def _in_context(ds, fact_id: str) -> str:
    """The seed paragraph holding a fact's quote, as markdown with the quote highlighted."""
    source_id = ds.facts.set_index("fact_id").loc[fact_id, "source_id"]
    text = ds.seeds[source_id]
    start, end = next(
        (a, b)
        for a, b, table, record_id in passages.record_spans(ds, source_id)
        if (table, record_id) == ("facts", fact_id)
    )
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end) if "\n" in text[end:] else len(text)
    escape = escape_markdown
    return (
        f"{escape(text[paragraph_start:start])}:blue-background[**{escape(text[start:end])}**]"
        f"{escape(text[end:paragraph_end])}"
    )


def _selected_callout(ds, fact_id: str) -> None:
    fact = ds.facts.set_index("fact_id").loc[fact_id]
    indicator = ds.indicators.set_index("indicator_id").loc[fact["indicator_id"], "name"]
    with st.container(border=True, key="selected_figure"):
        st.markdown(
            f"**{t('sources.selected')}** · "
            + escape_markdown(
                t(
                    "sources.figure_of",
                    label=format_fact(fact["value"], fact["unit"], fact["qualifier"], fact["status"]),
                    indicator=indicator,
                    region=caches.region_name(ds, fact["region_id"]),
                )
            )
        )
        st.markdown(t("sources.quote_line", label=t("common.quote"), quote=escape_markdown(fact["quote"])))
        st.markdown(t("sources.label_line", label=t("sources.in_context"), text=_in_context(ds, fact_id)))
        if draw.translated_quotes():
            st.markdown(t("sources.label_line", label=t("common.translation"), text=escape_markdown(fact["quote_en"])))
        if isinstance(fact["note"], str):
            st.caption(escape_markdown(fact["note"]))


def _methodology(ds) -> None:
    st.header(t("sources.fx"), anchor=False)
    rates = indicators.fx_table(ds)
    st.dataframe(
        rates, hide_index=True, width="stretch", placeholder="—", column_config=draw.column_config("fx_rates", rates)
    )
    st.header(t("sources.indicators"), anchor=False)
    st.dataframe(
        ds.indicators,
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config=draw.column_config("indicators", ds.indicators.columns),
    )
    st.header(t("sources.qualifiers"), anchor=False)
    st.dataframe(
        pd.DataFrame(
            {
                "qualifier": list(qualifier_labels()),
                "shown_as": list(qualifier_labels().values()),
                "meaning": [qualifier_definition(q) for q in qualifier_labels()],
            }
        ),
        hide_index=True,
        width="stretch",
        placeholder="—",
        column_config=draw.column_config("qualifiers", draw.PAGE_TABLES["qualifiers"]),
    )
    st.header(t("sources.comparability"), anchor=False)
    st.write(t("sources.comparability_body"))
    dimensions = comparability.dimensions_table()
    st.dataframe(
        dimensions, hide_index=True, width="stretch", column_config=draw.column_config("dimensions", dimensions)
    )
    st.subheader(t("sources.no_score"), anchor=False)
    st.write(about.articles_sentence(ds, "sources.no_score_body", escape=escape_markdown))
    st.header(t("sources.audit"), anchor=False)
    audit = _audit(ds, ds.key)
    counts = audit["status"].value_counts()
    st.write(
        t(
            "sources.audit_body",
            covered=counts.get("covered", 0),
            total=len(audit),
            excluded=counts.get("excluded", 0),
            uncovered=counts.get("uncovered", 0),
            percent=f"{coverage_percent(audit):.1f}",
        )
    )
    with st.expander(t("sources.audit")):
        st.dataframe(audit, hide_index=True, width="stretch", placeholder="—")
    st.header(t("sources.caveats"), anchor=False)
    for caveat in about.caveats(ds):
        st.markdown(f"- {escape_markdown(caveat)}")
    if ds.warnings:  # valid rows a reader should know about (a figure shown unconverted...), in the page's language
        st.header(t("sources.warnings"), anchor=False)
        st.caption(t("sources.warnings_body"))
        for warning in ds.warnings:
            st.markdown(f"- {escape_markdown(located(warning))}")


def render() -> None:
    ds = state.dataset()
    draw.page_header(t("sources.title"))
    sources = ds.sources
    selected = _selected_fact(ds)
    if selected is not None and st.session_state.get("sources.fact") != selected[0]:
        widgets.preset("source", selected[1])  # the link decides which article opens
        st.session_state["sources.fact"] = selected[0]
    source_id = widgets.page_choices(ds, "sources")["source"]
    if selected is not None and selected[1] != source_id:
        selected = None
        del st.query_params["fact"]
    elif selected is not None:
        st.query_params["fact"] = selected[0]
    source = sources.set_index("source_id").loc[source_id]
    published = " · ".join(str(v) for v in (source["publisher"], source["url"]) if isinstance(v, str))
    st.caption(
        t(
            "sources.meta",
            file=escape_markdown(source["seed_file"]),
            sha=source["sha256"][:12],
            published=escape_markdown(published) if published else t("sources.no_publisher"),
        )
    )
    if selected is not None:
        _selected_callout(ds, selected[0])
        present.toolbar("sources", {"fact": selected[0]})
    text_column, passage_column = st.columns([3, 2])
    with text_column:
        st.subheader(t("sources.text"), anchor=False)
        with st.container(height=700):
            st.markdown(_seed_markdown(ds, source_id, selected[2] if selected else None))
    with passage_column:
        st.subheader(t("sources.passages"), anchor=False)
        with st.container(height=700):
            for number, shown, records in _passage_list(ds, ds.key, i18n.current(), source_id):
                colour = "blue" if selected and number == selected[2] else "orange"
                st.markdown(f":{colour}-background[**\\[{number}\\]**] {escape_markdown(shown)}")
                for label, record_id in records:
                    st.markdown(f"- {escape_markdown(label)} `{record_id}`")
    _methodology(ds)
