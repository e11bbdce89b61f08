"""The export formats, declared once: name, file type (extension, MIME type), writers. The command line (`ecodash
export --format`) and the Data & export page read this registry, as datasette's renderers are one mapping; every
other download of a page (a view's CSV, the reader's rows, a draft) names its file and MIME type from FileType."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ecodash.ingest.dataset import Dataset
from ecodash.io.csv import to_spreadsheet_csv_bytes
from ecodash.io.datapackage import datapackage_zip_bytes, write_datapackage
from ecodash.io.json import to_json_bytes, to_json_tables_bytes

PREFIX = "ecodash"
"""How every exported file's name starts."""


@dataclass(frozen=True)
class FileType:
    """A kind of file a reader downloads or the command line writes: its extension and MIME type."""

    extension: str
    mime: str

    def file_name(self, stem: str) -> str:
        """'facts' -> 'facts.csv'."""
        return f"{stem}{self.extension}"


CSV = FileType(".csv", "text/csv")
XLSX = FileType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
JSON = FileType(".json", "application/json")
ZIP = FileType(".zip", "application/zip")
PNG = FileType(".png", "image/png")
SVG = FileType(".svg", "image/svg+xml")
"""Every kind of file ecodash writes: an export format's, a zip of the reader's rows, a draft's CSVs and zip, a
chart's images."""


def _xlsx_bytes(frames: Mapping[str, pd.DataFrame]) -> bytes:
    # openpyxl loads with the first workbook, not with the registry that pages read file names and MIME types from
    from ecodash.io.xlsx import to_xlsx_bytes

    return to_xlsx_bytes(frames)


@dataclass(frozen=True)
class ExportFormat:
    """One export format. `write_table(table, frame)`: one table's bytes (None: the format holds every table only);
    `write_tables(dataset, frames)`: every table in one file (None: one table per file); `write_folder(dataset,
    path, **fx)`: the files written into a folder (or a .zip), for a format that is several files."""

    name: str
    file_type: FileType
    write_table: Callable[[str, pd.DataFrame], bytes] | None
    write_tables: Callable[[Dataset, Mapping[str, pd.DataFrame]], bytes] | None
    binary: bool
    label: str  # catalogue key of its whole-dataset download on Data & export
    stem: str = PREFIX  # file (or folder) name of the whole dataset, without the extension
    write_folder: Callable[..., list[Path]] | None = None

    @property
    def extension(self) -> str:
        return self.file_type.extension

    @property
    def mime(self) -> str:
        return self.file_type.mime

    @property
    def kind(self) -> str:
        """The extension without its dot: the key of its download on Data & export ('zip' for the data package)."""
        return self.extension.lstrip(".")

    def file_name(self, table: str | None = None) -> str:
        """'ecodash-facts.csv' for one table, 'ecodash.xlsx' (or the format's stem) for every table."""
        return self.file_type.file_name(f"{PREFIX}-{table}" if table else self.stem)


FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat(
        "csv",
        CSV,
        write_table=lambda table, frame: to_spreadsheet_csv_bytes(frame),
        write_tables=None,
        binary=False,
        label="data.download_all_csv",
    ),
    "xlsx": ExportFormat(
        "xlsx",
        XLSX,
        write_table=lambda table, frame: _xlsx_bytes({table: frame}),
        write_tables=lambda dataset, frames: _xlsx_bytes(frames),
        binary=True,
        label="data.download_all_xlsx",
    ),
    "json": ExportFormat(
        "json",
        JSON,
        write_table=lambda table, frame: to_json_bytes(frame),
        write_tables=lambda dataset, frames: to_json_tables_bytes(frames),
        binary=False,
        label="data.download_all_json",
    ),
    "datapackage": ExportFormat(
        "datapackage",
        ZIP,
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
