"""Add an article: paste or upload one, see its candidate figures highlighted, accept / reject / edit them in a
table validated live by the data contracts, and download the accepted rows (never written to data/)."""

from __future__ import annotations

import functools

import streamlit as st

from ecodash.drafting import editor as drafting
from ecodash.drafting import propose, review
from ecodash.i18n import formats as formatting
from ecodash.i18n import t
from ecodash.i18n.plurals import plural
from ecodash.io.formats import CSV, ZIP
from ecodash.schema.fields import FIRST_YEAR, LAST_YEAR
from ecodash.schema.vocabularies import (
    AI_SPECIFICITIES,
    FUNDERS,
    GEO_REACHES,
    INSTRUMENT_KINDS,
    QUALIFIERS,
    SCOPES,
    STATUSES,
)
from ecodash.ui import draw, widgets
from ecodash.ui import state as ui_state  # "state" names a draft's state here
from ecodash.ui.draw import escape_markdown

PREFIX = "drafting"
MAX_ARTICLE_MB = propose.MAX_BYTES // 2**20
"""The article upload's limit in Streamlit's megabytes (1,024 x 1,024 bytes), the unit its widget speaks."""
PASTED = f"{PREFIX}.pasted"
"""The pasted text, kept outside the widget: Streamlit forgets a widget's value when the reader leaves the page."""


def _article() -> tuple[str, str | None] | None:
    """(text, uploaded file name or None) of the article the reader gives; None (after a message) otherwise."""
    paste, upload = st.columns([3, 2])
    with paste:
        pasted = st.text_area(
            t("drafting.paste"),
            value=st.session_state.get(PASTED, ""),
            key=f"{PREFIX}.paste",
            height=180,
            placeholder=t("drafting.paste_placeholder"),
        )
    st.session_state[PASTED] = pasted
    with upload:
        uploaded = widgets.file_uploader(
            t("drafting.upload", mb=MAX_ARTICLE_MB, limit=formatting.number(propose.MAX_BYTES)),
            types=("txt", "md"),
            max_mb=MAX_ARTICLE_MB,  # the widget states the label's and the check's limit
            key=f"{PREFIX}.upload",
        )
    if uploaded is not None:
        if pasted.strip():
            st.caption(t("drafting.upload_wins"))
        data, name, file_name = uploaded.getvalue(), uploaded.name, uploaded.name
    elif pasted.strip():
        data, name, file_name = pasted.encode("utf-8"), t("drafting.pasted_name"), None
    else:
        st.info(t("drafting.start"), icon=":material/article:")
        return None
    try:
        text = propose.read_article(data, name=name)
    except propose.ArticleError as issue:
        values = {
            key: formatting.number(value) if isinstance(value, int) else escape_markdown(value)
            for key, value in issue.values.items()
        }
        st.error(
            t("drafting.error.title") + "\n\n" + t(f"drafting.error.{issue.kind}", **values), icon=":material/block:"
        )
        return None
    return text, file_name


def _state(curated, text: str, file_name: str | None) -> tuple[str, dict]:
    """This article's draft in the session (keyed by the text's digest): the proposal's tables and source row."""
    key = f"{PREFIX}.{drafting.digest(text)[:16]}"
    if key not in st.session_state:
        source_id = drafting.default_source_id(text, file_name)
        proposal = propose.propose(text, dataset=curated, source_id=source_id, seed_file=f"{source_id}.txt")
        st.session_state[key] = {
            "facts": drafting.candidates_table(proposal),
            "source": dict(proposal.source),
            "instruments": drafting.empty_instruments(),
            "version": 0,
        }
    return key, st.session_state[key]


def _merge(state_key: str, table: str, editor_key: str) -> None:
    """An editor's changes go into the draft; the editor restarts from it (a new key) with no pending change."""
    state = st.session_state.get(state_key)
    if state is None:  # the article changed in the same run: its draft is another one
        return
    state[table] = drafting.apply_edits(state[table], st.session_state.get(editor_key) or {})
    state["version"] += 1


def _source_form(state_key: str, source: dict, region_ids: list[str]) -> dict:
    """The sources.csv fields of the article, prefilled from the proposal."""

    def key(name: str) -> str:
        return f"{state_key}.source.{name}"

    st.caption(t("drafting.source_help"))
    first, second, third = st.columns(3)
    with first:
        source_id = st.text_input("source_id", value=source.get("source_id") or "", key=key("source_id"))
        seed_file = st.text_input("seed_file", value=source.get("seed_file") or "", key=key("seed_file"))
        year = st.number_input(
            "published_year",
            value=source.get("published_year"),
            min_value=FIRST_YEAR,
            max_value=LAST_YEAR,
            step=1,
            key=key("published_year"),
        )
    with second:
        title = st.text_input("title", value=source.get("title") or "", key=key("title"))
        title_en = st.text_input("title_en", value=source.get("title_en") or "", key=key("title_en"))
        chosen = [r for r in str(source.get("region_ids") or "").split(";") if r in region_ids]
        regions = st.multiselect(
            "region_ids",
            options=region_ids,
            default=chosen,
            key=key("region_ids"),
            placeholder=t("drafting.choose_regions"),  # Streamlit's own placeholder is English on every page
        )
    with third:
        publisher = st.text_input("publisher", value=source.get("publisher") or "", key=key("publisher"))
        url = st.text_input("url", value=source.get("url") or "", key=key("url"))
    note, note_fr = st.columns(2)
    with note:
        note_text = st.text_area("note", value=source.get("note") or "", key=key("note"), height=80)
    with note_fr:
        note_fr_text = st.text_area("note_fr", value=source.get("note_fr") or "", key=key("note_fr"), height=80)
    form = {
        "source_id": source_id,
        "seed_file": seed_file,
        "title": title,
        "title_en": title_en,
        "language": source.get("language"),
        "region_ids": ";".join(regions),
        "publisher": publisher,
        "url": url,
        "published_year": int(year) if year is not None else None,
        "note": note_text,
        "note_fr": note_fr_text,
    }
    source.update(form)  # the draft keeps the form: back on the page, the fields show it again
    return form


def _problem_list(lines: list[str]) -> None:
    """Problems as literal text (their reasons quote the reader's cells): one line each."""
    with st.container(height=220 if len(lines) > 8 else "content", border=False):
        st.code("\n".join(lines), language=None, wrap_lines=True)


def _facts_config(curated, facts, instrument_ids: list[str]) -> dict:
    def choose(options, column: str) -> st.column_config.SelectboxColumn:
        # a value the proposal wrote outside the vocabulary (EUR) stays visible; validation names it
        return st.column_config.SelectboxColumn(options=list(dict.fromkeys([*options, *facts[column].dropna()])))

    config = {
        "_index": st.column_config.NumberColumn("#", width="small", disabled=True),
        "accept": st.column_config.CheckboxColumn(t("drafting.column.accept")),
        "problems": st.column_config.TextColumn(t("drafting.column.problems"), width="large"),
        "confidence": st.column_config.NumberColumn(t("drafting.column.confidence"), format="%.2f", width="small"),
        "reason": st.column_config.TextColumn(t("drafting.column.reason"), width="large"),
        "value": st.column_config.NumberColumn("value", min_value=0),
        "stated_usd": st.column_config.NumberColumn("stated_usd", min_value=0),
        **{
            name: st.column_config.NumberColumn(name, format="%d", step=1, min_value=1)
            for name in ("period_start", "period_end", "duration_years")
        },
        **{
            column: choose(options, column)
            for column, options in (
                ("unit", drafting.unit_options(curated)),
                ("qualifier", QUALIFIERS),
                ("status", STATUSES),
                ("scope", SCOPES),
                ("ai_specificity", AI_SPECIFICITIES),
                ("geo_reach", GEO_REACHES),
                ("funder", FUNDERS),
                ("indicator_id", curated.indicators["indicator_id"]),
                ("region_id", curated.regions["region_id"]),
                ("instrument_id", instrument_ids),
            )
        },
        "pillar_ids": st.column_config.MultiselectColumn("pillar_ids", options=list(curated.pillars["pillar_id"])),
        "quote": st.column_config.TextColumn("quote", width="large"),
        "quote_en": st.column_config.TextColumn("quote_en", width="large"),
    }
    for column in drafting.CHECK_FIRST:  # the columns to check first say so, and what to check, on hover
        config[column]["help"] = t(f"drafting.check.{column}")
    return config


def render() -> None:
    ui_state.dataset()  # curated data that fails validation gets the app's error page, as on every page
    draw.page_header(t("drafting.title"), t("drafting.intro"))
    given = _article()
    if given is None:
        return
    text, file_name = given
    curated = ui_state.curated()  # as stored: what the proposal guesses regions and indicators from
    state_key, state = _state(curated, text, file_name)
    version = state["version"]

    st.subheader(t("drafting.source"), anchor=False)
    source = _source_form(state_key, state["source"], list(curated.regions["region_id"]))
    drafted = drafting.draft(text, source, state["facts"], state["instruments"])
    checked = drafting.check(curated, drafted, label=t("drafting.label"))  # on the loaded data: data/ is not re-read
    source_problems = checked.table("sources")
    if source_problems:
        st.caption(t("drafting.problems_source"))
        _problem_list(review.located_lines(source_problems))

    doubts = review.doubts(text, state["facts"], curated.regions)
    facts = drafting.with_problems(state["facts"], checked, doubts=doubts)
    st.subheader(t("drafting.highlighted"), anchor=False)
    st.caption(t("drafting.legend"))
    titles = {state_name: t(f"drafting.mark.{state_name}") for state_name in drafting.MARK_STYLES}
    with st.container(height=320, border=True):
        st.html(drafting.highlighted_html(drafting.segments(text, facts), titles))

    st.subheader(t("drafting.candidates"), anchor=False)
    st.caption(
        plural("drafting.counts", len(facts), accepted=plural("drafting.accepted", int(facts["accept"].sum())))
        + " "
        + t("drafting.editor_help")
    )
    st.caption(t("drafting.check_first", columns=", ".join(drafting.CHECK_FIRST)))
    if facts.empty:
        st.info(t("drafting.no_candidates"), icon=":material/info:")
    else:
        instrument_ids = sorted(
            {*curated.instruments["instrument_id"], *state["instruments"]["instrument_id"].dropna()}
        )
        editor_key = f"{state_key}.facts.{version}"
        st.data_editor(
            facts,
            key=editor_key,
            on_change=_merge,
            args=(state_key, "facts", editor_key),
            num_rows="fixed",
            column_order=drafting.COLUMN_ORDER,
            column_config=_facts_config(curated, facts, instrument_ids),
            disabled=drafting.READ_ONLY,
            width="stretch",
            placeholder="—",
            height=min(38 + 35 * len(facts), 460),
        )
        fact_notes = drafting.row_notes(facts, checked, doubts)
        if fact_notes:
            st.caption(t("drafting.problems_facts"))
            _problem_list(review.row_lines(fact_notes))

    st.subheader(t("drafting.instruments"), anchor=False)
    st.caption(t("drafting.instruments_help"))
    instruments_key = f"{state_key}.instruments.{version}"
    st.data_editor(
        state["instruments"],
        key=instruments_key,
        on_change=_merge,
        num_rows="dynamic",
        width="stretch",
        placeholder="—",
        args=(state_key, "instruments", instruments_key),
        column_config={
            "_index": st.column_config.NumberColumn("#", width="small", disabled=True),
            "region_id": st.column_config.SelectboxColumn(options=list(curated.regions["region_id"])),
            "kind": st.column_config.SelectboxColumn(options=list(INSTRUMENT_KINDS)),
            "pillar_ids": st.column_config.MultiselectColumn(options=list(curated.pillars["pillar_id"])),
            "instrument_id": st.column_config.TextColumn(required=True),
        },
    )
    instrument_notes = drafting.row_notes(state["instruments"], checked, name="instruments")
    if instrument_notes:
        st.caption(t("drafting.problems_instruments"))
        _problem_list(review.row_lines(instrument_notes))
    if checked.other:
        st.caption(t("drafting.problems_other"))
        _problem_list(review.located_lines(checked.other))

    st.subheader(t("drafting.downloads"), anchor=False)
    if checked.total:
        st.warning(plural("drafting.download_warning", checked.total), icon=":material/warning:")
    else:
        st.success(t("drafting.clean"), icon=":material/check_circle:")
    with st.container(horizontal=True, gap="small"):
        for table in drafting.TABLES:
            st.download_button(
                CSV.file_name(table),
                data=drafted.files[table],
                file_name=CSV.file_name(table),
                mime=CSV.mime,
                key=f"{PREFIX}.download.{table}",
                on_click="ignore",
                icon=":material/download:",
            )
        st.download_button(
            t("drafting.download_zip"),
            data=functools.partial(drafting.zip_bytes, drafted),  # zipped on click
            type="primary",
            file_name=ZIP.file_name(drafting.snake_id(str(source.get("source_id") or ""))),
            mime=ZIP.mime,
            key=f"{PREFIX}.download.zip",
            on_click="ignore",
            icon=":material/folder_zip:",
            help=t("drafting.download_zip_help", seed_file=escape_markdown(drafted.seed_file)),
        )
