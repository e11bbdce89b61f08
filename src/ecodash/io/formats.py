"""The export formats, declared once: name, file extension, MIME type, writers. The command line (`ecodash export
--format`) and the Data & export page read this registry, as datasette's renderers are one mapping."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ecodash.ingest.dataset import Dataset
from ecodash.io.csv import to_spreadsheet_csv_bytes
from ecodash.io.datapackage import datapackage_zip_bytes, write_datapackage
from ecodash.io.json import to_json_bytes, to_json_tables_bytes
from ecodash.io.xlsx import to_xlsx_bytes

PREFIX = "ecodash"
"""How every exported file's name starts."""


@dataclass(frozen=True)
class ExportFormat:
    """One export format. `write_table(table, frame)`: one table's bytes (None: the format holds every table only);
    `write_tables(dataset, frames)`: every table in one file (None: one table per file); `write_folder(dataset,
    path, **fx)`: the files written into a folder (or a .zip), for a format that is several files."""

    name: str
    extension: str
    mime: str
    write_table: Callable[[str, pd.DataFrame], bytes] | None
    write_tables: Callable[[Dataset, Mapping[str, pd.DataFrame]], bytes] | None
    binary: bool
    label: str  # catalogue key of its whole-dataset download on Data & export
    stem: str = PREFIX  # file (or folder) name of the whole dataset, without the extension
    write_folder: Callable[..., list[Path]] | None = None

    @property
    def kind(self) -> str:
        """The extension without its dot: the key of its download on Data & export ('zip' for the data package)."""
        return self.extension.lstrip(".")

    def file_name(self, table: str | None = None) -> str:
        """'ecodash-facts.csv' for one table, 'ecodash.xlsx' (or the format's stem) for every table."""
        return f"{PREFIX}-{table}{self.extension}" if table else f"{self.stem}{self.extension}"


FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat(
        "csv",
        ".csv",
        "text/csv",
        write_table=lambda table, frame: to_spreadsheet_csv_bytes(frame),
        write_tables=None,
        binary=False,
        label="data.download_all_csv",
    ),
    "xlsx": ExportFormat(
        "xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write_table=lambda table, frame: to_xlsx_bytes({table: frame}),
        write_tables=lambda dataset, frames: to_xlsx_bytes(frames),
        binary=True,
        label="data.download_all_xlsx",
    ),
    "json": ExportFormat(
        "json",
        ".json",
        "application/json",
        write_table=lambda table, frame: to_json_bytes(frame),
        write_tables=lambda dataset, frames: to_json_tables_bytes(frames),
        binary=False,
        label="data.download_all_json",
    ),
    "datapackage": ExportFormat(
        "datapackage",
        ".zip",
        "application/zip",
        write_table=None,
        write_tables=lambda dataset, frames: datapackage_zip_bytes(dataset, dict(frames)),
        binary=True,
        label="data.download_package",
        stem=f"{PREFIX}-datapackage",
        write_folder=write_datapackage,
    ),
}
"""Format name -> ExportFormat, in the order the Data & export page offers them."""


def by_kind(kind: str) -> ExportFormat:
    """The format whose download key (its extension without the dot) is `kind`."""
    return next(f for f in FORMATS.values() if f.kind == kind)
