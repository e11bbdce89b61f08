"""The session's data: the dataset loaded once per process (or its kept failure and the error page), and the
reader's upload merged on top; the keys pages share in session state."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from ecodash import i18n
from ecodash.i18n import t
from ecodash.ingest.cache import cached_dataset
from ecodash.ingest.dataset import (
    Dataset,
    DatasetError,
    Problem,
    default_data_dir,
    localized,
    seeds_dir_for,
    with_addition,
)
from ecodash.ingest.messages import report_lines  # the problems in the reader's language

if TYPE_CHECKING:
    from ecodash.ingest import uploads

PAGES: dict[str, st.Page] = {}
"""Page key -> st.Page, filled by navigation.run() on every run so pages can link to each other."""
YOURS_KEY = "ecodash.yours"
"""Session-state key of the reader's upload, {"name": file name, "data": bytes}: this session only, never on disk."""
PAGE_KEY = "ecodash.page"
"""Session-state key holding the current page's key (widget keys are per page)."""


@dataclass(frozen=True)
class _Failed:
    """A data folder that failed validation: its problems, and the folder's files as they were then."""

    problems: tuple[Problem, ...]
    stamp: tuple


def _folder_stamp(data_dir: str) -> tuple:
    """(folder, name, mtime, size) of every file of the data folder and of its seeds folder: what a fix changes."""
    stamp = []
    for folder in (Path(data_dir), seeds_dir_for(Path(data_dir))):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        info = entry.stat()
                        stamp.append((str(folder), entry.name, info.st_mtime_ns, info.st_size))
                    except OSError:
                        stamp.append((str(folder), entry.name, None, None))
        except OSError:
            stamp.append((str(folder), None, None, None))
    return tuple(sorted(stamp, key=repr))


@st.cache_resource(show_spinner=False)
def _load(data_dir: str) -> Dataset | _Failed:
    # One Dataset per process, shared by every session and never copied (it never changes; its accessors copy):
    # st.cache_data would unpickle the whole dataset, and rebuild its language views, on every call.
    # A failure is kept too, with the folder's files as they were: a broken folder is validated once, not on every
    # rerun, and again once a file of it changes (the error page says: fix, then reload).
    # A new process loads a folder it has validated before from the validated-table cache (ecodash.ingest.cache).
    stamp = _folder_stamp(data_dir)
    try:
        return cached_dataset(data_dir)
    except DatasetError as error:
        return _Failed(tuple(error.problems), stamp)


def loaded(data_dir: str) -> Dataset:
    """The folder's Dataset; raises a fresh DatasetError (one per run: sessions never share an exception object)."""
    loaded = _load(data_dir)
    if isinstance(loaded, _Failed) and loaded.stamp != _folder_stamp(data_dir):
        _load.clear(data_dir)  # a file changed since it failed: validate the folder again
        loaded = _load(data_dir)
    if isinstance(loaded, _Failed):
        raise DatasetError(list(loaded.problems))
    return loaded


def curated() -> Dataset:
    """The curated data as stored (no language view, no upload), loaded once per data folder; raises DatasetError
    (a page calls dataset() first, which shows the error page) from the kept failure while the folder is unchanged."""
    return loaded(str(default_data_dir()))


@st.cache_resource(show_spinner=False, max_entries=32)
def _read_upload(data_dir: str, digest: str, name: str, language: str, _data: bytes) -> uploads.Upload:
    from ecodash.ingest import uploads

    with i18n.use(language):  # problems are worded in the reader's language
        return uploads.read_upload(_data, name, curated())  # checked against the loaded data: data/ is not re-read


def user_upload() -> uploads.Upload | None:
    """The reader's upload of this session, read and checked (cached by its digest), or None."""
    held = st.session_state.get(YOURS_KEY)
    if not held:
        return None
    digest = hashlib.sha256(held["data"]).hexdigest()
    return _read_upload(str(default_data_dir()), digest, held["name"], i18n.current(), held["data"])


@st.cache_resource(show_spinner=False, max_entries=16)
def _merged(data_dir: str, digest: str, _layer) -> Dataset:
    # on top of the loaded curated data (not re-read); its key carries the upload's digest: every table cache follows
    return with_addition(curated(), _layer)


def dataset(*, user: bool = False) -> Dataset:
    """The validated dataset (loaded once per data folder); on failure, an error page and st.stop().

    With `user`, the reader's valid upload of this session is merged on top (marked in `contributed`)."""
    try:
        base = curated()
        upload = user_upload() if user else None
        if upload is not None and upload.ok:
            base = _merged(str(default_data_dir()), upload.digest, upload.layer)
        return localized(base, i18n.current())  # names and notes in the reader's language
    except DatasetError as error:
        st.error(t("error.dataset_title"), icon=":material/error:")
        st.write(t("error.dataset_body"))
        st.code("\n".join(report_lines(error.problems)), language=None)  # causes first, at most MAX_SHOWN
        st.stop()
