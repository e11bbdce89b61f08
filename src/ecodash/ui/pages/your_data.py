"""Your data: upload a facts CSV or a data package; see its row-level report; download or remove your rows.

The upload lives in st.session_state only (state.YOURS_KEY): never written to data/, never seen by another
session. Reading and checking is ecodash.ingest.uploads; this page only reads widgets and renders.
"""

from __future__ import annotations

import functools

import streamlit as st

from ecodash.i18n import t
from ecodash.i18n.plurals import plural
from ecodash.ingest import uploads
from ecodash.io import user_rows
from ecodash.io.formats import CSV, PREFIX, ZIP
from ecodash.schema.models import ID_COLUMNS
from ecodash.ui import draw, state, widgets
from ecodash.ui.draw import escape_markdown

UPLOADER_KEY = "yours.uploader"
MAX_UPLOAD_MB = uploads.MAX_UPLOAD_BYTES // 2**20
"""The upload's limit in Streamlit's megabytes (1,024 x 1,024 bytes), the unit its widget speaks."""
ROUND_KEY = "yours.round"
"""A counter in the uploader's key: Remove my data gives a fresh, empty uploader."""


def _uploader_key() -> str:
    return f"{UPLOADER_KEY}.{st.session_state.get(ROUND_KEY, 0)}"


def _take_upload() -> None:
    """Uploader callback: keep the file's name and bytes in this session (an emptied uploader keeps the last)."""
    uploaded = st.session_state.get(_uploader_key())
    if uploaded is not None:
        st.session_state[state.YOURS_KEY] = {"name": uploaded.name, "data": uploaded.getvalue()}


def _remove() -> None:
    st.session_state.pop(state.YOURS_KEY, None)
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state["yours.removed"] = True


def _counts(counts: dict[str, int], seeds: int) -> str:
    parts = [plural("yours.count", n, table=table) for table, n in counts.items()]
    if seeds:
        parts.append(plural("yours.seeds", seeds))
    return ", ".join(parts)


def _report(upload: uploads.Upload) -> None:
    st.error(
        plural("yours.problems_title", len(upload.problems), file=escape_markdown(upload.filename)),
        icon=":material/error:",
    )
    st.write(t("yours.problems_body"))
    report, more = uploads.problem_report(upload)  # causes first, bounded like the curated data's report
    st.dataframe(
        report,
        hide_index=True,
        width="stretch",
        key="yours_report",
        column_config=draw.column_config("upload_problems", report.columns),
    )
    if more:
        st.caption(plural("yours.problems_more", more))


def _loaded(upload: uploads.Upload) -> None:
    file = escape_markdown(upload.filename)
    if upload.ok:
        st.success(
            t("yours.loaded", file=file, added=_counts(dict(upload.added), upload.seeds_added)),
            icon=":material/check_circle:",
        )
    else:
        st.info(t("yours.nothing_new", file=file), icon=":material/info:")
    if upload.skipped or upload.seeds_skipped:
        st.caption(t("yours.skipped", skipped=_counts(dict(upload.skipped), upload.seeds_skipped)))
    if not upload.ok:
        return
    st.subheader(t("yours.rows_title"), anchor=False)
    for table, frame in uploads.user_frames(upload.layer).items():
        st.caption(CSV.file_name(table))
        first = [column for column in (ID_COLUMNS.get(table), "value", "unit") if column in frame.columns]
        st.dataframe(
            frame[[*first, *frame.columns.drop(first)]], hide_index=True, width="stretch", key=f"yours_rows_{table}"
        )  # its id and figure first


def render() -> None:
    state.dataset()  # the curated data must load: the upload is checked on top of it
    draw.page_header(t("yours.title"), t("yours.intro"))
    st.info(t("yours.session_only"), icon=":material/lock:")
    widgets.file_uploader(
        t("yours.uploader"),
        types=("csv", "zip"),
        max_mb=MAX_UPLOAD_MB,  # the widget's limit is the check's limit
        key=_uploader_key(),
        on_change=_take_upload,
        help=t("yours.uploader_help", limit=MAX_UPLOAD_MB),
    )
    if st.session_state.pop("yours.removed", False):
        st.success(t("yours.removed"), icon=":material/delete:")
    upload = state.user_upload()
    if upload is None:
        return
    st.caption(escape_markdown(t("yours.current", file=upload.filename)))
    if upload.problems:
        _report(upload)
    else:
        _loaded(upload)
    with st.container(horizontal=True):
        if upload.ok:
            st.download_button(
                t("yours.download"),
                data=functools.partial(user_rows.user_rows_zip, upload),  # zipped on click
                file_name=ZIP.file_name(f"{PREFIX}-your-rows"),
                mime=ZIP.mime,
                icon=":material/download:",
                key="yours_download",
                help=t("yours.download_help"),
                on_click="ignore",
            )
        st.button(t("yours.remove"), key="yours_remove", icon=":material/delete:", on_click=_remove)
