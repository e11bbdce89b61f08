"""A reader's own data: an uploaded facts CSV or data package (zip), read into an addition Layer on top of the
curated data, validated with the same contracts, never written to data/.

read_upload() turns the bytes into an Upload: the Layer of the reader's new rows (None when anything is wrong),
every problem found (file, row, field, reason: rows named as lines of the reader's own files) and counts.
Rows identical to a curated row are dropped (an exported package holds all the curated data); a row with a
curated id but other content is a problem. ecodash.io.user_rows gives the reader's rows back, re-uploadable.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType

import pandas as pd
from pydantic import ValidationError

from ecodash.i18n import t
from ecodash.ingest.dataset import (
    MAX_SHOWN,
    CsvError,
    Dataset,
    Layer,
    Problem,
    addition_layer,
    addition_problems,
    bounded,
    frame_records,
    load_dataset,
    parse_csv,
    stored,
)
from ecodash.ingest.messages import field_name, localised, problem
from ecodash.ingest.spreadsheet import restore
from ecodash.schema import columns
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS, french_columns, table_columns
from ecodash.schema.vocabularies import ARTICLE_IMPLIED

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
"""Largest upload read (a CSV or a zip as sent)."""
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
"""Largest total size of a zip's files once uncompressed (a zip bomb stops here)."""
MAX_ZIP_ENTRIES = 500
DERIVED_TABLES = tuple(columns.DERIVED_TABLES)
"""Tables an export derives from the others (funding, comparison, audit): read back, they add nothing."""
IGNORED_FILES = ("datapackage.json",)


@dataclass(frozen=True)
class Upload:
    """What a reader's file adds: `layer` is None when there are problems or nothing new."""

    filename: str
    digest: str
    layer: Layer | None
    problems: tuple[Problem, ...]
    added: Mapping[str, int] = field(default_factory=dict)  # table -> new rows
    skipped: Mapping[str, int] = field(default_factory=dict)  # table -> rows identical to the curated ones
    seeds_added: int = 0
    seeds_skipped: int = 0

    @property
    def ok(self) -> bool:
        return self.layer is not None and not self.problems


def label() -> str:
    """How problems name the reader's files ('your upload: facts.csv')."""
    return t("yours.label")


# --- reading one table ------------------------------------------------------------------------------------------


DERIVED_COLUMNS = {table: frozenset(columns.derived_columns(table)) for table in TABLE_MODELS}
"""table -> the columns an export adds beyond the contract (facts: region_name, value_usd…; regions: name), as the
column registry declares them: read back, they are dropped."""


@dataclass
class _Records:
    header: list[str]
    records: list[tuple[int, int, list[str]]]  # (first line, last line, cells)


def _decode(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(problem(shown, line, "(file)", "yours.problem.not_utf8", byte=error.start, line=line))
        return None


def _parse(text: str, shown: str, problems: list[Problem]) -> _Records | None:
    """The header and every record (dataset.parse_csv, the reader of the curated files), problems worded for the
    reader."""
    try:
        parsed = parse_csv(text)
        if parsed is None or not any(parsed[0]):
            problems.append(problem(shown, 1, "(header)", "yours.problem.empty"))
            return None
        return _Records(parsed[0], list(parsed[1]))
    except CsvError as error:
        problems.append(problem(shown, error.line, "(csv)", "yours.problem.malformed", error=error.detail))
        return None


@dataclass(frozen=True)
class _Curated:
    """The curated rows of one table, read off the loaded Dataset (never off data/) as the contract reads them
    (model_dump); only the rows asked for are converted."""

    table: str
    frame: pd.DataFrame

    def records(self, ids: set[str] | None = None) -> list[dict]:
        """Every curated row, or those whose id is in `ids`."""
        frame = self.frame
        if ids is not None:
            frame = frame[frame[ID_COLUMNS[self.table]].isin(sorted(ids))]
        return frame_records(self.table, frame)


def _lines(text: str) -> int:
    return len(io.StringIO(text, newline="").readlines())


@dataclass
class _Table:
    """One table of the upload, rewritten in the contract's columns; dropped rows become blank lines, so every
    line keeps its number and the contract's problems name the reader's own lines."""

    data: bytes | None = None
    added: int = 0
    skipped: int = 0


def _same(record: dict, curated: dict, columns: list[str], table: str) -> bool:
    """Whether `record` is `curated` in the columns the upload has, as stored or as a French view exports it."""
    french = curated | {column: curated[sibling] for column, sibling in french_columns(table).items()}
    return any(all(record.get(c) == view.get(c) for c in columns) for view in (curated, french))


def _fx_export_rows(parsed: _Records, shown: str, curated: _Curated, problems: list[Problem]) -> _Table:
    """fx_rates as indicators.fx_table exports them: article-implied rates are derived from the facts (ignored);
    a reference rate must be a curated one (the export lacks the columns a new one needs)."""
    index = {name: i for i, name in enumerate(parsed.header)}
    known = {(c["currency"], c["year"], c["series_id"]): c["units_per_usd"] for c in curated.records()}
    out = _Table()
    for start, _, cells in parsed.records:
        cell = {name: cells[i].strip() if i < len(cells) else "" for name, i in index.items()}
        if cell.get("basis") == ARTICLE_IMPLIED:
            continue
        try:
            key = (cell["currency"], int(float(cell["year"])), cell["basis"])
            same = abs(known[key] - float(cell["units_per_usd"])) < 1e-9 * known[key]
        except (KeyError, ValueError, OverflowError):  # a missing or unreadable cell ("1e999" overflows int())
            same = False
        if same:
            out.skipped += 1
        else:
            problems.append(
                problem(shown, start, "basis", "yours.problem.fx_export", columns=", ".join(table_columns("fx_rates")))
            )
    return out


def _read_table(
    table: str,
    data: bytes,
    shown: str,
    curated: _Curated,
    derived: frozenset[str],
    problems: list[Problem],
    *,
    need_rows: bool,
    spreadsheet_safe: bool = False,
) -> _Table:
    """Keep the contract columns, drop the derived ones, report others; drop rows identical to curated ones.

    `spreadsheet_safe`: a file that has export columns was written by export.to_spreadsheet_csv_bytes (a single
    CSV download), whose leading apostrophes are undone here (spreadsheet.restore)."""
    text = _decode(data, shown, problems)
    parsed = _parse(text, shown, problems) if text is not None else None
    if parsed is None:
        return _Table()
    if spreadsheet_safe and derived & set(parsed.header):
        parsed.records = [(start, end, [restore(cell) for cell in cells]) for start, end, cells in parsed.records]
    if need_rows and not parsed.records:
        problems.append(problem(shown, 2, "(row)", "yours.problem.no_rows"))
        return _Table()
    contract = table_columns(table)
    header = parsed.header
    if table == "fx_rates" and "basis" in header and "series_id" not in header:
        return _fx_export_rows(parsed, shown, curated, problems)
    bad = False
    for name in sorted({name for name in header if header.count(name) > 1}):
        problems.append(problem(shown, 1, name, "yours.problem.duplicate_column"))
        bad = True
    for name in header:
        if name not in contract and name not in derived:
            problems.append(
                problem(
                    shown,
                    1,
                    name or "(header)",
                    "yours.problem.unknown_column",
                    table=table,
                    columns=", ".join(contract),
                )
            )
            bad = True
    if bad:
        return _Table()
    model = TABLE_MODELS[table]
    present = [name for name in contract if name in header]
    # a missing optional column is an empty one; a missing required one is left for the contract to report
    columns = present + [name for name in contract if name not in header and not model.model_fields[name].is_required()]
    id_column = ID_COLUMNS.get(table)
    curated_ids, curated_rows = {}, []
    if id_column:  # only the curated rows whose ids the upload has
        at = header.index(id_column) if id_column in header else len(header)
        wanted = {cells[at].strip() for _, _, cells in parsed.records if at < len(cells)}
        curated_ids = {record[id_column]: record for record in curated.records(wanted)}
    else:
        curated_rows = curated.records()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    out, line = _Table(), 2
    for start, end, cells in parsed.records:
        buffer.write("\n" * (start - line))
        line = start
        raw = {name: cell for name, cell in zip(header, cells, strict=False)} if len(cells) == len(header) else None
        if raw is not None:
            try:
                record = model.model_validate(
                    {k: v for k, v in raw.items() if k in contract and v.strip()}
                ).model_dump()
            except ValidationError:
                record = None
            row_id = raw.get(id_column, "").strip() if id_column else None
            if id_column and row_id in curated_ids:
                if record is not None and _same(record, curated_ids[row_id], present, table):
                    out.skipped += 1
                else:
                    problems.append(problem(shown, start, id_column, "yours.problem.differs"))
                continue
            if not id_column and record is not None and any(_same(record, c, present, table) for c in curated_rows):
                out.skipped += 1
                continue
            cells = [raw.get(name, "") for name in columns]
        written = io.StringIO(newline="")
        csv.writer(written, lineterminator="\n").writerow(cells)
        buffer.write(written.getvalue())
        line += _lines(written.getvalue())
        out.added += 1
        buffer.write("\n" * max(0, end + 1 - line))
        line = max(line, end + 1)
    if out.added:
        out.data = buffer.getvalue().encode("utf-8")
    return out


# --- the upload -------------------------------------------------------------------------------------------------


def _unzip(data: bytes, shown: str, problems: list[Problem]) -> dict[str, bytes] | None:
    """Entry name -> bytes, with limits on the entries and their uncompressed size (zip bombs)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        problems.append(problem(shown, 0, "(file)", "yours.problem.not_zip"))
        return None
    infos = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and not PurePosixPath(info.filename).name.startswith(".")
    ]
    if len(infos) > MAX_ZIP_ENTRIES:
        problems.append(problem(shown, 0, "(file)", "yours.problem.too_many", n=len(infos), limit=MAX_ZIP_ENTRIES))
        return None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        problems.append(
            problem(shown, 0, "(file)", "yours.problem.too_large_unzipped", limit=MAX_UNZIPPED_BYTES // 2**20)
        )
        return None
    entries, read = {}, 0
    for info in infos:
        try:
            with archive.open(info) as handle:
                content = handle.read(MAX_UNZIPPED_BYTES - read + 1)
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
            problems.append(problem(f"{shown}/{info.filename}", 0, "(file)", "yours.problem.damaged"))
            return None
        read += len(content)
        if read > MAX_UNZIPPED_BYTES:
            problems.append(
                problem(shown, 0, "(file)", "yours.problem.too_large_unzipped", limit=MAX_UNZIPPED_BYTES // 2**20)
            )
            return None
        entries[info.filename] = content
    # a zipped folder ("ecodash/facts.csv"...): read it from inside its one top folder
    tops = {name.split("/", 1)[0] for name in entries}
    if len(tops) == 1 and all("/" in name for name in entries):
        top = tops.pop() + "/"
        entries = {name.removeprefix(top): content for name, content in entries.items()}
    return entries


def read_upload(data: bytes, filename: str, curated: Dataset | Path | str) -> Upload:
    """Read a reader's facts CSV (export or curated format) or data package zip on top of the curated data.

    `curated`: the loaded curated Dataset, which the upload is checked against as it is (data/ is neither read nor
    validated again); or its data folder, then loaded once here."""
    digest = hashlib.sha256(data).hexdigest()
    shown = t("problems.file.in", label=label(), file=filename)
    problems: list[Problem] = []

    def failed() -> Upload:
        return Upload(filename, digest, None, tuple(sorted(problems)))

    suffix = PurePosixPath(filename.lower()).suffix
    if suffix not in {".csv", ".zip"}:
        problems.append(problem(shown, 0, "(file)", "yours.problem.kind"))
        return failed()
    if not data.strip():
        problems.append(problem(shown, 0, "(file)", "yours.problem.empty_file"))
        return failed()
    if len(data) > MAX_UPLOAD_BYTES:
        problems.append(problem(shown, 0, "(file)", "yours.problem.too_large", limit=MAX_UPLOAD_BYTES // 2**20))
        return failed()
    # the rows as stored: a language view's translated names would all differ from an export's
    curated = stored(curated) if isinstance(curated, Dataset) else load_dataset(curated)
    curated_seeds = dict(zip(curated.sources["seed_file"], curated.sources["sha256"], strict=True))
    names = {}
    if suffix == ".csv":
        tables, seeds, need_rows = {"facts": data}, {}, True
        names["facts"] = shown
    else:
        entries = _unzip(data, shown, problems)
        if entries is None:
            return failed()
        tables, seeds, need_rows = {}, {}, False
        for name, content in entries.items():
            path = PurePosixPath(name)
            if name in IGNORED_FILES or (path.suffix == ".csv" and path.stem in DERIVED_TABLES and "/" not in name):
                continue
            if path.suffix == ".csv" and path.stem in TABLE_MODELS and "/" not in name:
                tables[path.stem] = content
                names[path.stem] = f"{shown}/{name}"
            elif len(path.parts) == 2 and path.parts[0] == "seeds" and path.suffix == ".txt":
                seeds[path.name] = content
            else:
                problems.append(
                    problem(
                        f"{shown}/{name}",
                        0,
                        "(file)",
                        "yours.problem.unknown_file",
                        tables=", ".join(f"{table}.csv" for table in TABLE_MODELS),
                    )
                )
    files, added, skipped = {}, {}, {}
    for table, content in tables.items():
        result = _read_table(
            table,
            content,
            names[table],
            _Curated(table, curated.table(table)),
            DERIVED_COLUMNS[table],
            problems,
            need_rows=need_rows,
            spreadsheet_safe=suffix == ".csv",
        )
        if result.data is not None:
            files[table] = result.data
        added[table], skipped[table] = result.added, result.skipped
    new_seeds, seeds_skipped = {}, 0
    for name, content in sorted(seeds.items()):
        if name in curated_seeds:  # a curated seed's bytes are those of its checksum (checked when it loaded)
            if curated_seeds[name] == hashlib.sha256(content).hexdigest():
                seeds_skipped += 1
            else:
                problems.append(problem(f"{shown}/seeds/{name}", 0, "(file)", "yours.problem.seed_differs"))
            continue
        new_seeds[name] = content
    counts = {
        "added": {k: v for k, v in added.items() if v},
        "skipped": {k: v for k, v in skipped.items() if v},
        "seeds_added": len(new_seeds),
        "seeds_skipped": seeds_skipped,
    }
    if not problems and not tables:
        problems.append(problem(shown, 0, "(file)", "yours.problem.no_tables"))
    if problems:
        return dataclasses.replace(failed(), **counts)
    if not files and not new_seeds:  # everything is already curated: nothing to add, nothing wrong
        return Upload(filename, digest, None, (), **counts)
    layer = addition_layer(files, new_seeds, label=shown)
    layer = dataclasses.replace(
        layer,
        names=MappingProxyType({**layer.names, **names, **{f"seeds/{n}": f"{shown}/seeds/{n}" for n in new_seeds}}),
    )
    problems = addition_problems(curated, layer)
    return Upload(filename, digest, None if problems else layer, tuple(problems), **counts)


def problem_report(upload: Upload) -> tuple[pd.DataFrame, int]:
    """The upload's problems as its page lists them (file, row, field, reason, in the current language): causes
    first (a file that could not be read before what follows from it), at most dataset.MAX_SHOWN, and how many more
    there are."""
    listed, more = bounded(upload.problems, MAX_SHOWN)
    frame = pd.DataFrame(
        [(p.file, p.row, field_name(p.field), localised(p)) for p in listed], columns=["file", "row", "field", "reason"]
    )
    return frame, more


# --- giving the rows back ---------------------------------------------------------------------------------------


def user_frames(layer: Layer) -> dict[str, pd.DataFrame]:
    """table -> the reader's rows in the contract's columns (strings as written; empty cells are missing)."""
    frames = {}
    for table, data in layer.files.items():
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, skip_blank_lines=True)
        frames[table] = frame.reindex(columns=table_columns(table)).replace("", None)
    return frames
