"""Load the curated tables, validate every row and cross-reference, and return one immutable Dataset."""

from __future__ import annotations

import bisect
import contextlib
import csv
import dataclasses
import functools
import gc
import hashlib
import io
import operator
import os
import re
import stat
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import pandas as pd
from pydantic import TypeAdapter, ValidationError

from ecodash import wording
from ecodash.i18n import LANGUAGES
from ecodash.models import (
    ID_COLUMNS,
    TABLE_MODELS,
    AuditExclusion,
    Event,
    Fact,
    Pillar,
    Quoted,
    Record,
    Region,
    Source,
    french_columns,
    is_money,
    table_columns,
    translation_pairs,
)
from ecodash.numbers import (
    Mention,
    MentionIndex,
    NormalisedText,
    case_safe_lower,
    find_all_mentions,
    mention_index,
    normalise_whitespace,
    passage_mentions,
    stated_in,
)
from ecodash.wording import AI_SPECIFICITY_CUES, STATUS_CUES, cue_index, sentence_bounds

DATA_DIR_ENV = "ECODASH_DATA_DIR"
PROJECT_NAME = "ecodash"
"""The name in the [project] table of ecodash's pyproject.toml: what tells its source checkout from another."""
CHECKOUT_DIR = Path(__file__).resolve().parents[2]
"""The repository root when ecodash runs from a source checkout (src/ecodash/); elsewhere once installed."""
PACKAGED_DATA_DIR = Path(__file__).resolve().parent / "_curated" / "data"
"""The curated data/ (and seeds/ beside it) a built wheel carries (pyproject.toml, hatch force-include)."""
INT_COLUMNS = {"period_start", "period_end", "duration_years", "year", "population", "published_year"}
LIST_COLUMNS = {"region_ids", "pillar_ids"}
FLOAT_COLUMNS = {"value", "stated_usd", "units_per_usd"}
BOOL_COLUMNS = {"is_focus", "summable", "per_inhabitant"}
MAX_TABLE_BYTES = 256 * 2**20
"""Largest table file read (100 000 facts take about 85 MB); a larger one is rejected before it is read."""
MAX_SEED_BYTES = 1_000_000
"""Largest seed article read: the same 1 MB as an article drafted on Add an article (propose.MAX_BYTES)."""
ROWS_REQUIRED = ("regions", "sources", "pillars", "indicators", "facts")
"""Tables a dataset cannot be without rows in: the pages have nothing to show, or nothing to show it by."""
MAX_SHOWN = 50
"""How many problems a report lists before it says how many more there are."""
FILE_FIELDS = frozenset({"(folder)", "(file)", "(header)", "(csv)", "(rows)"})
"""Fields of the problems that leave a whole table unusable (unread, or without rows): reports list them first, and
checks that need the table skip, so one cause is not buried under its consequences."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the curated data, located as precisely as possible."""

    file: str
    row: int  # line number in the file (the header is line 1); 0 when the whole file is at fault
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.field}: {self.reason}"


class DatasetError(Exception):
    """The data folder failed validation; nothing was loaded."""

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the dataset:\n" + "\n".join(report_lines(problems)))


@dataclass(frozen=True)
class Row:
    line: int
    record: Record
    file: str = ""  # how problems name the file the row was read from
    layer: int = 0  # index of its Layer: 0 is the curated folder, 1 an addition on top of it


@dataclass(frozen=True)
class Layer:
    """One set of tables and seed texts: the curated folder, or rows a reader adds on top of it (an upload).

    `files` maps a table name ("facts") to its CSV bytes. In a complete layer (a data folder) every table must be
    there; in an addition, an absent table simply adds nothing. `seeds` maps a seed file name to its bytes.
    `names` says how problems name each table and seed ("data/facts.csv", "your upload: facts.csv").
    """

    files: Mapping[str, bytes]
    seeds: Mapping[str, bytes]
    names: Mapping[str, str]
    complete: bool = True
    # table or "seeds/<file>" -> why its file was not read (too large, no permission): a complete layer's cause
    unreadable: Mapping[str, str] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    def name(self, key: str) -> str:
        """How a problem names a table ("facts") or a seed ("seeds/000.txt")."""
        return self.names.get(key, key if key.startswith("seeds/") else f"{key}.csv")


def folder_layer(data_dir: Path | str) -> Layer:
    """The tables of a data folder and the seeds beside it (seeds_dir_for), read as bytes."""
    data_dir = Path(data_dir)
    seeds_dir = seeds_dir_for(data_dir)
    unreadable: dict[str, str] = {}
    table_paths = {table: data_dir / f"{table}.csv" for table in TABLE_MODELS}
    files = {
        table: _read_file(path, MAX_TABLE_BYTES, table, unreadable)
        for table, path in table_paths.items()
        if path.exists()
    }
    seed_paths = sorted(seeds_dir.glob("*.txt")) if seeds_dir.is_dir() else []
    if not seeds_dir.is_dir():
        unreadable["seeds/"] = "no such folder: the articles sources.csv lists sit in seeds/ beside the data folder"
    seeds = {path.name: _read_file(path, MAX_SEED_BYTES, f"seeds/{path.name}", unreadable) for path in seed_paths}
    files = {key: data for key, data in files.items() if data is not None}
    seeds = {key: data for key, data in seeds.items() if data is not None}
    return Layer(
        MappingProxyType(files),
        MappingProxyType(seeds),
        MappingProxyType(_folder_names(data_dir, seed_paths)),
        complete=True,
        unreadable=MappingProxyType(unreadable),
    )


def _folder_names(data_dir: Path, seed_paths: Sequence[Path] = ()) -> dict[str, str]:
    """How problems name the tables of a data folder and its seeds ("data/facts.csv", "seeds/000.txt")."""
    names = {table: _display_path(data_dir / f"{table}.csv") for table in TABLE_MODELS}
    names |= {f"seeds/{path.name}": _display_path(path) for path in seed_paths}
    names["seeds/"] = _display_path(seeds_dir_for(data_dir))
    return names


def _read_file(path: Path, limit: int, key: str, unreadable: dict[str, str]) -> bytes | None:
    """The bytes of `path`, or None with the reason in `unreadable[key]`: not a regular file (a FIFO or a device
    would block or never end: never opened), too large (checked before reading) or not readable (permissions, a
    folder in its place...)."""
    try:
        status = path.stat()
        kind = _special_kind(status.st_mode)
        if kind is not None:
            unreadable[key] = f"is {kind}, not a regular file; nothing was read from it"
            return None
        size = status.st_size
        if size > limit:
            unreadable[key] = (
                f"{size:,} bytes is too large: a {'seed' if key.startswith('seeds/') else 'data'} "
                f"file is at most {limit:,} bytes; nothing in it was read"
            )
            return None
        return path.read_bytes()
    except OSError as error:
        unreadable[key] = f"cannot be read: {error.strerror or error}"
        return None


def _special_kind(mode: int) -> str | None:
    """What a file that is neither a regular file nor a folder is ("a named pipe (FIFO)"), else None."""
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return None


def addition_layer(files: Mapping[str, bytes], seeds: Mapping[str, bytes], *, label: str) -> Layer:
    """Tables and seeds a reader adds on top of the curated data; problems name them '<label>: facts.csv'."""
    names = {table: f"{label}: {table}.csv" for table in TABLE_MODELS}
    names |= {f"seeds/{name}": f"{label}: seeds/{name}" for name in seeds}
    names["seeds/"] = f"{label}: seeds/"
    return Layer(MappingProxyType(dict(files)), MappingProxyType(dict(seeds)), MappingProxyType(names), complete=False)


def default_data_dir() -> Path:
    """ECODASH_DATA_DIR if set; else the data/ folder of the source checkout ecodash runs from; else the curated
    copy an installed package carries."""
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    if _is_ecodash_checkout(CHECKOUT_DIR) and (CHECKOUT_DIR / "data").is_dir():
        return CHECKOUT_DIR / "data"
    return PACKAGED_DATA_DIR


def _is_ecodash_checkout(root: Path) -> bool:
    """Whether `root` holds ecodash's own pyproject.toml (an installed package may sit under another project's
    folder, with its own pyproject.toml and data/)."""
    try:
        with (root / "pyproject.toml").open("rb") as handle:
            project = tomllib.load(handle).get("project")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return isinstance(project, dict) and project.get("name") == PROJECT_NAME


def seeds_dir_for(data_dir: Path) -> Path:
    return data_dir.parent / "seeds"


class Dataset:
    """The validated curated tables. Every accessor returns a copy: the dataset itself never changes."""

    TABLES = tuple(TABLE_MODELS)

    def __init__(
        self,
        frames: Mapping[str, pd.DataFrame],
        seeds: Mapping[str, str],
        data_dir: Path,
        *,
        contributed: Mapping[str, frozenset[str]] | None = None,
        key: str | None = None,
        lines: Mapping[str, Sequence[int]] | None = None,
    ):
        self._frames = MappingProxyType({name: frame.copy() for name, frame in frames.items()})
        # table -> the line of each row in the file it was read from (what an addition's problems cite)
        self._lines = MappingProxyType({name: tuple(numbers) for name, numbers in (lines or {}).items()})
        self._base: _Base | None = None  # what an addition is checked against, made once (see _base_of)
        self._seeds = MappingProxyType(dict(seeds))
        self.data_dir = data_dir
        # table -> ids of the rows a reader added on top of the curated data (empty for the curated data alone)
        contributed = contributed or {}
        self.contributed = MappingProxyType({table: frozenset(contributed.get(table, ())) for table in ID_COLUMNS})
        self.key = key or str(data_dir)  # what caches key on: the folder, plus a digest of any addition
        self.language: str | None = None  # None: the tables as stored; "en" / "fr": a view made by localized()
        self._origin: Dataset | None = None  # for a view: the dataset as stored
        self._views: dict[str, Dataset] = {}  # language -> view, built once (see localized)

    def __reduce__(self):
        # Picklable (st.cache_data stores a pickle): rebuild from plain dicts; a view, by localizing its origin.
        if self._origin is not None:
            return (localized, (self._origin, self.language))
        return (
            _rebuild,
            (dict(self._frames), dict(self._seeds), self.data_dir, dict(self.contributed), self.key, dict(self._lines)),
        )

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(self._frames)}")
        return self._frames[name].copy()

    @property
    def seeds(self) -> Mapping[str, str]:
        """source_id -> full text of the seed article."""
        return self._seeds

    regions = property(lambda self: self.table("regions"))
    sources = property(lambda self: self.table("sources"))
    pillars = property(lambda self: self.table("pillars"))
    population = property(lambda self: self.table("population"))
    indicators = property(lambda self: self.table("indicators"))
    facts = property(lambda self: self.table("facts"))
    actors = property(lambda self: self.table("actors"))
    events = property(lambda self: self.table("events"))
    instruments = property(lambda self: self.table("instruments"))
    fx_rates = property(lambda self: self.table("fx_rates"))
    audit_exclusions = property(lambda self: self.table("audit_exclusions"))

    def is_contributed(self, table: str, ids: pd.Series) -> pd.Series:
        """Boolean mask: which of `ids` (of `table`) a reader added on top of the curated data."""
        return ids.isin(self.contributed.get(table, frozenset()))

    def focus_region_ids(self) -> list[str]:
        regions = self._frames["regions"]
        return regions.loc[regions["is_focus"], "region_id"].tolist()


def _rebuild(frames, seeds, data_dir, contributed, key, lines=None) -> Dataset:
    return Dataset(frames, seeds, data_dir, contributed=contributed, key=key, lines=lines)


# --- reading ----------------------------------------------------------------------------------


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class CsvError(ValueError):
    """Malformed CSV, at `line` of the file."""

    def __init__(self, line: int, detail: str):
        self.line, self.detail = line, detail
        super().__init__(f"line {line}: {detail}")


def parse_csv(text: str) -> tuple[list[str], Iterator[tuple[int, int, list[str]]]] | None:
    """The one CSV reader of data files and uploads: the header (names stripped) and an iterator over the records,
    blank ones left out, as (first line, last line, cells) with lines counted in the file (a quoted cell may span
    several). None when the text has no header row. Strict: malformed CSV raises CsvError, from the header or while
    iterating (so a caller can judge the header before reading on)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None
    if header is None:
        return None

    def records() -> Iterator[tuple[int, int, list[str]]]:
        line = reader.line_num + 1
        try:
            for cells in reader:
                start, line = line, reader.line_num + 1
                if any(cell.strip() for cell in cells):
                    yield start, line - 1, cells
        except csv.Error as error:
            raise CsvError(reader.line_num, str(error)) from None

    return [name.strip() for name in header], records()


def _read_rows(data: bytes, shown: str, table: str, problems: list[Problem], layer: int = 0) -> list[Row]:
    """Parse one CSV strictly against its model; every defect becomes a Problem located in `shown`."""
    model = TABLE_MODELS[table]
    expected = table_columns(table)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(shown, 0, "(file)", f"not UTF-8 text ({error.reason} at byte {error.start})"))
        return []
    try:
        parsed = parse_csv(text.removeprefix("\ufeff"))
    except CsvError as error:
        problems.append(Problem(shown, error.line, "(csv)", f"malformed CSV: {error.detail}"))
        return []
    if parsed is None:
        problems.append(Problem(shown, 1, "(header)", "the file is empty; it needs a header row"))
        return []
    header, records = parsed
    unknown = [name for name in header if name not in expected]
    missing = [name for name in expected if name not in header]
    duplicated = sorted({name for name in header if header.count(name) > 1})
    for name in unknown:
        problems.append(Problem(shown, 1, name, f"unknown column; {table}.csv has: {', '.join(expected)}"))
    for name in missing:
        problems.append(Problem(shown, 1, name, "required column is missing from the header"))
    for name in duplicated:
        problems.append(Problem(shown, 1, name, "column appears more than once in the header"))
    if unknown or missing or duplicated:
        return []
    lines, raws = [], []
    try:
        for start, _, cells in records:
            if len(cells) != len(header):
                problems.append(
                    Problem(shown, start, "(row)", f"has {len(cells)} cells but the header has {len(header)} columns")
                )
                continue
            # An empty cell is an absent value: optional fields default to None, required ones say "empty".
            lines.append(start)
            raws.append({name: cell for name, cell in zip(header, cells, strict=True) if cell.strip()})
    except CsvError as error:
        problems.append(Problem(shown, error.line, "(csv)", f"malformed CSV: {error.detail}"))
        return []
    return _validate_rows(model, raws, lines, shown, layer, problems)


def _validate_rows(
    model: type[Record], raws: list[dict[str, str]], lines: list[int], shown: str, layer: int, problems: list[Problem]
) -> list[Row]:
    """The rows as records, validated in bulk (one TypeAdapter call over the list); where any row is invalid,
    row by row, so that each problem is located on its line and the valid rows are kept."""
    try:
        records = _list_adapter(model).validate_python(raws)
    except ValidationError:
        pass
    else:
        return [Row(line, record, shown, layer) for line, record in zip(lines, records, strict=True)]
    rows = []
    for start, raw in zip(lines, raws, strict=True):
        try:
            rows.append(Row(start, model.model_validate(raw), shown, layer))
        except ValidationError as error:
            for item in error.errors():
                field = ".".join(str(part) for part in item["loc"]) or "(row)"
                reason = item["msg"].removeprefix("Value error, ")
                if ": " in reason and item["type"] == "value_error" and field == "(row)":
                    field, reason = reason.split(": ", 1)
                if item["type"] == "missing":
                    reason = "required value is empty"
                problems.append(Problem(shown, start, field, reason))
    return rows


@functools.cache
def _list_adapter(model: type[Record]) -> TypeAdapter:
    return TypeAdapter(list[model])


# --- cross-checks -----------------------------------------------------------------------------


def _check_unique_ids(table: str, rows: list[Row], problems: list[Problem], base: _Base | None = None) -> None:
    """No two rows share an id; with `base`, no row takes the id of a row of the curated data below."""
    column = ID_COLUMNS.get(table)
    if column is None:
        return
    known = base.first[table] if base is not None else {}
    base_file = base.layer.name(table) if base is not None else ""
    first: dict[str, tuple[str, int]] = {}
    for row in rows:
        key = getattr(row.record, column)
        if key in known:
            seen = (base_file, known[key])
        elif key not in first:
            first[key] = (row.file, row.line)
            continue
        else:
            seen = first[key]
        where = f"line {seen[1]}" if seen[0] == row.file else f"{seen[0]} line {seen[1]}"
        problems.append(Problem(row.file, row.line, column, f"duplicate id {key!r} (first on {where})"))


def _iter_refs(record: Record) -> Iterator[tuple[str, str, str]]:
    """(field, table, id) for every reference a record makes."""
    values = record.__dict__  # the record's fields (a missing attribute is slow to ask a pydantic model for)
    for field, target in (
        ("region_id", "regions"),
        ("parent_id", "regions"),
        ("indicator_id", "indicators"),
        ("instrument_id", "instruments"),
    ):
        value = values.get(field)
        if value is not None and not (field == "region_id" and isinstance(record, Region)):  # its own id
            yield field, target, value
    if isinstance(record, Quoted | AuditExclusion | Pillar) and record.source_id is not None:
        yield "source_id", "sources", record.source_id
    for region_id in values.get("region_ids", ()):
        yield "region_ids", "regions", region_id
    for pillar_id in values.get("pillar_ids", ()):
        yield "pillar_ids", "pillars", pillar_id


def _check_parent_cycles(rows: list[Row], problems: list[Problem]) -> None:
    """No region is its own ancestor: each walk up the parents stops after as many steps as there are regions."""
    parents = {row.record.region_id: row.record.parent_id for row in rows}
    reported: set[str] = set()
    for row in rows:
        path, current = [row.record.region_id], row.record.parent_id
        while current is not None and current in parents and current not in path and len(path) <= len(parents):
            path.append(current)
            current = parents[current]
        if current == row.record.region_id and row.record.region_id not in reported:
            reported.update(path)
            cycle = " -> ".join([*path, current])
            problems.append(Problem(row.file, row.line, "parent_id", f"cycle in region parents: {cycle}"))


def _seed_texts(
    layers: Sequence[Layer],
    rows: dict[str, list[Row]],
    problems: list[Problem],
    sources_failed: bool = False,
    base: _Base | None = None,
) -> dict[str, tuple[str, NormalisedText]]:
    """source_id -> (seed text, normalised view), after checking every checksum and encoding.

    A source looks for its seed in its own layer first, then in the layers below (an addition may list a seed
    the curated folder holds). A seed file no source of its layer lists is a problem. With `base`, layers[0] is
    the curated data, whose seeds were checked when it loaded: a seed found there is its source's checked text.
    """
    texts = {}
    listed: set[tuple[int, str]] = set()

    def holds(index: int, name: str) -> bool:
        return name in (base.seed_files if base is not None and index == 0 else layers[index].seeds)

    for row in rows.get("sources", []):
        source = row.record
        found = next(
            ((index, layers[index]) for index in range(row.layer, -1, -1) if holds(index, source.seed_file)), None
        )
        if found is None:
            unread = {f"seeds/{source.seed_file}", "seeds/"}
            if any(unread & layers[index].unreadable.keys() for index in range(row.layer + 1)):
                continue  # its file could not be read: that problem is reported, and is the cause
            where = layers[row.layer].name("seeds/")
            problems.append(Problem(row.file, row.line, "seed_file", f"no such seed: {source.seed_file} in {where}"))
            continue
        index, layer = found
        listed.add((index, source.seed_file))
        if base is not None and index == 0:
            curated = base.seed_files[source.seed_file]
            data, digest = None, curated.sha256
        else:
            data = layer.seeds[source.seed_file]
            digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256:
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "sha256",
                    f"seed {source.seed_file} has changed (its sha256 is {digest}); seeds are never edited",
                )
            )
            continue
        if data is None:
            text = base.texts[curated.source_id]
            texts[source.source_id] = (text, NormalisedText.of(text))
            continue
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    layer.name(f"seeds/{source.seed_file}"),
                    0,
                    "(file)",
                    f"not UTF-8 text ({error.reason} at byte {error.start})",
                )
            )
            continue
        texts[source.source_id] = (text, NormalisedText.of(text))
    for index, layer in enumerate(layers):
        for name in sorted(layer.seeds) if base is None or index > 0 else ():
            if (index, name) not in listed and not sources_failed:
                problems.append(Problem(layer.name(f"seeds/{name}"), 0, "(file)", "seed is not listed in sources.csv"))
    return texts


def _names_region(text: str, region: Region, lowered: str | None = None) -> bool:
    """Whether `text` names the region (English or French name, a whole word, any case).

    `lowered`: text.lower(), when it can stand for IGNORECASE (same length, no case hazard); a name not in it is
    not in the text, and the pattern runs only for the names that are.
    """
    names = (region.name_en, region.name_fr)
    if lowered is not None:
        names = tuple(name for name in names if (case_safe_lower(name) or lowered) in lowered)
    return any(re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE) for name in names)


def _check_regions_named(regions: list[Row], sources: list[Row], seeds: dict, problems: list[Problem]) -> None:
    """A source's region_ids are exactly the regions its text names (in English or French).

    A region added in a later layer (an upload) is not required of the sources below it: they were curated
    without it.
    """
    regions = {row.record.region_id: row for row in regions}
    for row in sources:
        source = row.record
        if source.source_id not in seeds:
            continue
        text = seeds[source.source_id][0]
        lowered = case_safe_lower(text)
        listed = [rid for rid in source.region_ids if rid in regions]
        for region_id in listed:
            if not _names_region(text, regions[region_id].record, lowered):
                problems.append(Problem(row.file, row.line, "region_ids", f"the article never names {region_id}"))
        for region_id, region in regions.items():
            if (
                region.layer <= row.layer
                and region_id not in source.region_ids
                and _names_region(text, region.record, lowered)
            ):
                problems.append(Problem(row.file, row.line, "region_ids", f"the article names {region_id}; list it"))


def _check_translations(rows: list[Row], table: str, problems: list[Problem]) -> None:
    """A text and its sibling in the other language are both filled or both empty (a note may be empty)."""
    pairs = translation_pairs(table)
    for row in rows:
        values = row.record.__dict__
        for column, sibling in pairs:
            text, translation = values[column], values[sibling]
            if text and not translation:
                language = "French" if sibling.endswith("_fr") else "English"
                reason = f"empty while {column} is filled; write its {language} translation"
                problems.append(Problem(row.file, row.line, sibling, reason))
            elif translation and not text:
                reason = f"empty while {sibling} is filled; write both languages or neither"
                problems.append(Problem(row.file, row.line, column, reason))


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(float(number))


def _check_numbers_quoted(fact: Fact, shown: str, line: int, problems: list[Problem], mentions: list[Mention]) -> None:
    """`mentions`: the quote's (find_all_mentions), found once for every number of the fact."""
    if not stated_in(mentions, fact.value):
        problems.append(
            Problem(shown, line, "value", f"{_show(fact.value)} is not stated in the quote (digits or words)")
        )
    if fact.stated_usd is not None and not stated_in(mentions, fact.stated_usd):
        problems.append(Problem(shown, line, "stated_usd", f"{_show(fact.stated_usd)} is not stated in the quote"))
    implied = [
        name
        for name in ("period_start", "period_end", "duration_years")
        if getattr(fact, name) is not None and not stated_in(mentions, getattr(fact, name))
    ]
    if implied and not fact.note:
        problems.append(
            Problem(shown, line, implied[0], "not in the quote: a note must say where this implied value comes from")
        )


def _cues(text: str, span: tuple[int, int], quote: str, cues: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """wording.cues_in(quote, cues), read off the seed's cue index where the span holds the quote as it is."""
    index = cue_index(text)
    if index is not None and text[span[0] : span[1]] == quote:
        return index.cues_in(*span, cues)
    return wording.cues_in(quote, cues)


def _status_cues(text: str, span: tuple[int, int], quote: str, bounds: list[int]) -> dict[str, list[str]]:
    """The status cue words of the quote, else of its sentence (as wording.status_problem reads them)."""
    found = _cues(text, span, quote, STATUS_CUES)
    if found:
        return found
    first = bounds[bisect.bisect_right(bounds, span[0]) - 1]  # the sentence around the span, as sentence_around
    last = bounds[bisect.bisect_left(bounds, span[1])]
    index = cue_index(text)
    return (
        index.cues_in(first, last, STATUS_CUES) if index is not None else wording.cues_in(text[first:last], STATUS_CUES)
    )


SEED_INDEX_FROM = 1.0
"""Read a seed's mentions once (numbers.mention_index) when the passages a table quotes from it add up to at least
this share of its length; below that, parsing each passage costs less. Either way the mentions are the same."""


def _check_against_seeds(
    rows: list[Row],
    seeds: dict[str, tuple[str, NormalisedText]],
    indicators: dict,
    languages: dict[str, str],
    problems: list[Problem],
) -> None:
    """Quotes are verbatim in their seed and state their numbers, read in the seed's language."""
    bounds: dict[str, list[int]] = {}  # source_id -> its seed's sentence bounds, found once
    indexes: dict[str, MentionIndex | None] = {}  # source_id -> its seed's mentions, found once (None: parse each)
    passages: dict[str, int] = {}  # source_id -> how many characters of passages this table quotes from it
    for row in rows:
        if isinstance(row.record, Quoted | AuditExclusion):
            passage = row.record.context if isinstance(row.record, AuditExclusion) else row.record.quote
            passages[row.record.source_id] = passages.get(row.record.source_id, 0) + len(passage)
    for row in rows:
        record, shown = row.record, row.file
        if not isinstance(record, Quoted | AuditExclusion | Pillar) or record.source_id not in seeds:
            continue
        text, normalised = seeds[record.source_id]
        language = languages.get(record.source_id, "fr")
        passage_field = "context" if isinstance(record, AuditExclusion) else "quote"
        passage = getattr(record, passage_field)
        spans = normalised.find_all(passage)
        if not spans:
            problems.append(
                Problem(shown, row.line, passage_field, f"not found verbatim in the seed of {record.source_id}")
            )
            continue
        if isinstance(record, Pillar):
            continue
        if record.source_id not in indexes:  # reading the seed costs about what reading its passages one by one does
            indexes[record.source_id] = (
                mention_index(text, language) if passages[record.source_id] >= SEED_INDEX_FROM * len(text) else None
            )
        index = indexes[record.source_id]
        mentions = (
            passage_mentions(index, passage, spans) if index is not None else find_all_mentions(passage, language)
        )
        if isinstance(record, AuditExclusion):
            if normalise_whitespace(record.mention) not in [normalise_whitespace(m.text) for m in mentions]:
                problems.append(
                    Problem(shown, row.line, "mention", f"{record.mention!r} is not a numeric mention in the context")
                )
        elif isinstance(record, Event):
            if record.date is not None and not stated_in(mentions, int(record.date[:4])):
                problems.append(Problem(shown, row.line, "date", f"year {record.date[:4]} is not in the quote"))
        elif isinstance(record, Fact):
            _check_numbers_quoted(record, shown, row.line, problems, mentions)
            if record.source_id not in bounds:
                bounds[record.source_id] = sentence_bounds(text)
            for field, problem in (
                (
                    "status",
                    wording.contradiction(
                        record.status, _status_cues(text, spans[0], record.quote, bounds[record.source_id]), record.note
                    ),
                ),
                (
                    "ai_specificity",
                    wording.contradiction(
                        record.ai_specificity, _cues(text, spans[0], record.quote, AI_SPECIFICITY_CUES), record.note
                    ),
                ),
            ):
                if problem:
                    problems.append(Problem(shown, row.line, field, problem))
            indicator = indicators.get(record.indicator_id)
            if indicator is not None:
                money = is_money(record.unit)
                if (indicator.unit == "money") != money or (not money and indicator.unit != record.unit):
                    problems.append(
                        Problem(
                            shown,
                            row.line,
                            "unit",
                            f"{record.unit} does not fit indicator "
                            f"{indicator.indicator_id}, whose unit is {indicator.unit}",
                        )
                    )
                if indicator.scope != record.scope:
                    problems.append(
                        Problem(
                            shown,
                            row.line,
                            "scope",
                            f"{record.scope} differs from indicator {indicator.indicator_id}'s scope {indicator.scope}",
                        )
                    )


def _to_frame(table: str, rows: list[Row]) -> pd.DataFrame:
    columns = table_columns(table)
    values = operator.attrgetter(*columns)  # every field of a record in one call: no model_dump per row
    lists = [index for index, column in enumerate(columns) if column in LIST_COLUMNS]
    records = [values(row.record) for row in rows]
    if lists:
        records = [tuple(";".join(v) if i in lists else v for i, v in enumerate(record)) for record in records]
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in columns:
        if column in INT_COLUMNS:
            frame[column] = frame[column].astype("Int64")
        elif column in FLOAT_COLUMNS:
            frame[column] = frame[column].astype("float64")
        elif column in BOOL_COLUMNS:
            frame[column] = frame[column].astype("bool")
        else:
            frame[column] = frame[column].astype("str").where(frame[column].notna(), None)
    return frame


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while validation makes its many small objects (none is a cycle to
    collect; with a large heap, its passes cost 10-20 % of a load). Restored as it was, even on an error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate_layers(
    layers: Sequence[Layer], base: _Base | None = None
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of every layer as one dataset; returns the rows, seed texts and problems.

    Rows of all layers are checked together (ids unique across layers, references resolved across them), and
    each problem names the file its row came from.

    With `base` (_base_of a loaded curated Dataset), layers[0] is that data, already validated: it is neither read
    nor checked again; the later layers are checked on top of it. Only their rows are returned, with the seed
    texts they need (theirs, and the curated ones their rows quote).
    """
    with _collector_paused():
        return _validate_layers(layers, base)


def _validate_layers(
    layers: Sequence[Layer], base: _Base | None = None
) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    problems: list[Problem] = []
    rows: dict[str, list[Row]] = {table: [] for table in TABLE_MODELS}
    failed: set[str] = set()  # tables a file of which could not be read whole: checks that need them skip
    for index, layer in enumerate(layers):
        if base is not None and index == 0:
            continue  # the curated data, validated when it loaded
        for key, reason in layer.unreadable.items():
            problems.append(Problem(layer.name(key), 0, "(file)", reason))
            failed.add(key)
        for table in TABLE_MODELS:
            data = layer.files.get(table)
            if data is None:
                if layer.complete and table not in layer.unreadable:
                    problems.append(
                        Problem(layer.name(table), 0, "(file)", f"missing: every dataset needs {table}.csv")
                    )
                    failed.add(table)
                continue
            before = len(problems)
            if layer.complete and (problem := _format_problem(data, layer.name(table))) is not None:
                problems.append(problem)
            else:
                rows[table] += _read_rows(data, layer.name(table), table, problems, index)
            if any(_is_cause(problem) for problem in problems[before:]):
                failed.add(table)
    if base is None and any(layer.complete for layer in layers):
        _check_required(layers[0], rows, failed, problems)
    ids = {table: {getattr(row.record, column) for row in rows[table]} for table, column in ID_COLUMNS.items()}
    below = base.rows if base is not None else {table: [] for table in _BASE_TABLES}  # curated rows some checks need
    if base is not None:
        ids = {table: known | base.first[table].keys() for table, known in ids.items()}
    for table, table_rows in rows.items():
        _check_unique_ids(table, table_rows, problems, base)
        _check_translations(table_rows, table, problems)
        for row in table_rows:
            for field, target, value in _iter_refs(row.record):
                if value not in ids[target] and target not in failed:  # else the unread file is the cause
                    problems.append(Problem(row.file, row.line, field, f"unknown {target[:-1]} {value!r}"))
    _check_parent_cycles(below["regions"] + rows["regions"], problems)
    fx_seen: dict[tuple[str, int, str], int] = dict(base.fx) if base is not None else {}
    for row in rows["fx_rates"]:
        key = (row.record.currency, row.record.year, row.record.series_id)
        if key in fx_seen:
            problems.append(Problem(row.file, row.line, "year", f"second {key[2]} rate for {key[0]} {key[1]}"))
        fx_seen.setdefault(key, row.line)
    seeds = _seed_texts(layers, rows, problems, sources_failed="sources" in failed, base=base)
    _check_regions_named(below["regions"] + rows["regions"], rows["sources"], seeds, problems)
    indicators = {row.record.indicator_id: row.record for row in below["indicators"] + rows["indicators"]}
    languages = {row.record.source_id: row.record.language for row in below["sources"] + rows["sources"]}
    if base is not None:  # the curated seeds the new rows quote
        for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
            for row in rows[table]:
                source_id = getattr(row.record, "source_id", None)
                if source_id in base.texts and source_id not in seeds:
                    seeds[source_id] = (base.texts[source_id], NormalisedText.of(base.texts[source_id]))
    for table in ("pillars", "facts", "actors", "events", "instruments", "audit_exclusions"):
        _check_against_seeds(rows[table], seeds, indicators, languages, problems)
    return rows, seeds, problems


def validate_data_dir(data_dir: Path | str | None = None) -> tuple[dict[str, list[Row]], dict, list[Problem]]:
    """Read and check every table of a data folder; returns the rows, the seed texts and every problem found."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        return {}, {}, [_no_folder(data_dir)]
    return validate_layers([folder_layer(data_dir)])


def _format_problem(data: bytes, shown: str) -> Problem | None:
    """A curated table's bytes are UTF-8 with LF line endings and no byte-order mark, as the repository holds them
    (its diffs stay byte-identical); say how to fix a file an editor saved otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        return Problem(shown, 0, "(file)", "starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM")
    if (at := data.find(b"\r")) >= 0:
        line = data.count(b"\n", 0, at) + 1
        what = "CRLF (Windows) line endings" if data[at + 1 : at + 2] == b"\n" else "a carriage return (CR)"
        return Problem(shown, line, "(file)", f"has {what}; save it with LF line endings (e.g. `dos2unix`)")
    return None


def _check_required(layer: Layer, rows: dict[str, list[Row]], failed: set[str], problems: list[Problem]) -> None:
    """Tables a dataset needs rows in have some, and at least one region is a focus region."""
    for table in ROWS_REQUIRED:
        if not rows[table] and table not in failed:
            problems.append(
                Problem(layer.name(table), 2, "(rows)", f"no rows: every dataset needs at least one row in {table}.csv")
            )
            failed.add(table)
    regions = rows["regions"]
    if regions and "regions" not in failed and not any(row.record.is_focus for row in regions):
        problems.append(
            Problem(
                layer.name("regions"),
                0,
                "is_focus",
                "no region is a focus region: set is_focus to true on the regions the dashboard compares",
            )
        )


def ordered(problems: Sequence[Problem]) -> list[Problem]:
    """Problems as a report lists them: first those that made a whole file unusable (the causes), then the rest,
    each group in file and line order."""
    return sorted(problems, key=lambda problem: (not _is_cause(problem), problem))


def _is_cause(problem: Problem) -> bool:
    """Whether a problem makes a whole file unusable (missing, unreadable, not UTF-8, a bad header...)."""
    return problem.row <= 1 or problem.field in FILE_FIELDS


def bounded(problems: Sequence[Problem], limit: int = MAX_SHOWN) -> tuple[list[Problem], int]:
    """The problems a report lists, causes first and at most `limit` of them, and how many more there are."""
    listed = ordered(problems)
    return listed[:limit], max(0, len(listed) - limit)


def report_lines(problems: Sequence[Problem], limit: int = MAX_SHOWN) -> list[str]:
    """The report of a failed validation, causes first, at most `limit` problems and then how many more."""
    listed, more = bounded(problems, limit)
    return [str(problem) for problem in listed] + ([f"… and {more} more problem(s)"] if more else [])


def _no_folder(data_dir: Path) -> Problem:
    return Problem(_display_path(data_dir), 0, "(folder)", "no such data folder")


def _build(layers: Sequence[Layer], data_dir: Path, base: Dataset | None = None) -> Dataset:
    """The dataset of `layers`; with `base` (the loaded curated data), layers[0] stands for it: its frames are
    reused as they are, and only the later layers are read and checked."""
    below = _base_of(base) if base is not None else None
    rows, seeds, problems = validate_layers(layers, below)
    if problems:
        raise DatasetError(problems)
    with _collector_paused():
        frames = {table: _to_frame(table, table_rows) for table, table_rows in rows.items()}
    lines = {table: [row.line for row in table_rows] for table, table_rows in rows.items()}
    if base is not None:
        origin = base if base._origin is None else base._origin
        frames = {
            table: pd.concat([origin._frames[table], frame], ignore_index=True) if len(frame) else origin._frames[table]
            for table, frame in frames.items()
        }
        lines = {table: [*origin._lines.get(table, ()), *numbers] for table, numbers in lines.items()}
        seeds = {source_id: (text, None) for source_id, text in origin._seeds.items()} | seeds
    contributed = {
        table: frozenset(getattr(row.record, column) for row in rows[table] if row.layer > 0)
        for table, column in ID_COLUMNS.items()
    }
    digest = hashlib.sha256()
    for layer in layers[1:]:
        for name in sorted(layer.files):
            digest.update(f"{name}\0".encode() + layer.files[name] + b"\0")
        for name in sorted(layer.seeds):
            digest.update(f"seeds/{name}\0".encode() + layer.seeds[name] + b"\0")
    key = str(data_dir) + (f"#{digest.hexdigest()[:16]}" if len(layers) > 1 else "")
    texts = {source_id: text for source_id, (text, _) in seeds.items()}
    return Dataset(frames, texts, data_dir, contributed=contributed, key=key, lines=lines)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate the data folder and load it; raise DatasetError listing every problem, loading nothing."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        raise DatasetError([_no_folder(data_dir)])
    return _build([folder_layer(data_dir)], data_dir)


def with_addition(curated: Dataset | Path | str, addition: Layer) -> Dataset:
    """The curated data with `addition` on top, validated together; raise DatasetError (whose problems name the
    addition's files) and load nothing if any row is invalid.

    `curated`: the loaded curated Dataset (nothing of it is read or checked again), or its data folder (read and
    validated with the addition). The folder is only read."""
    if isinstance(curated, Dataset):
        return _build([_base_of(curated).layer, addition], curated.data_dir, curated)
    data_dir = Path(curated)
    return _build([folder_layer(data_dir), addition], data_dir)


def addition_problems(curated: Dataset | Path | str, addition: Layer) -> list[Problem]:
    """Every problem of `addition` checked on top of the curated data (empty: it is valid), causes first (a file
    that could not be used before what follows from it), as `ecodash validate` reports them.

    `curated`: the loaded curated Dataset (checked against as it is: nothing re-read or re-validated), or its data
    folder (read and validated with the addition)."""
    if isinstance(curated, Dataset):
        base = _base_of(curated)
        return ordered(validate_layers([base.layer, addition], base)[2])
    return ordered(validate_layers([folder_layer(curated), addition])[2])


_BASE_TABLES = ("regions", "sources", "indicators")
"""Curated tables whose records the checks of an addition read (parents, names, languages, units, scopes)."""


@dataclass(frozen=True)
class _Base:
    """A loaded curated Dataset as the checks of an addition on top of it need it, made from its frames without
    reading or validating anything again (its rows were validated when it loaded)."""

    layer: Layer  # no files: how problems name the curated files ("data/facts.csv")
    first: Mapping[str, Mapping[str, int]]  # table -> id -> the line of its row
    rows: Mapping[str, list[Row]]  # _BASE_TABLES -> rows, records rebuilt with model_construct
    fx: Mapping[tuple[str, int, str], int]  # (currency, year, series_id) -> line
    seed_files: Mapping[str, Source]  # seed file -> the curated source that lists it
    texts: Mapping[str, str]  # source_id -> seed text


def frame_records(table: str, frame: pd.DataFrame) -> list[dict]:
    """The rows of a Dataset table as their validated records dump them (model_dump): a missing value is None, a
    list a tuple. The inverse of the frame a Dataset holds, with no validation."""
    columns = table_columns(table)
    values = frame[columns].astype(object)
    records = values.where(frame[columns].notna(), None).to_dict("records")
    for column in LIST_COLUMNS.intersection(columns):
        for record in records:
            record[column] = tuple(record[column].split(";")) if record[column] else ()
    return records


def stored(dataset: Dataset) -> Dataset:
    """The dataset as stored: a language view's origin (localized), or the dataset itself."""
    return dataset if dataset._origin is None else dataset._origin


def _base_of(dataset: Dataset) -> _Base:
    """What an addition on top of `dataset` (the curated data, loaded) is checked against; made once per dataset."""
    origin = stored(dataset)
    if any(origin.contributed.values()):
        raise ValueError("an addition goes on top of the curated data alone, not of a dataset with an addition")
    if origin._base is not None:
        return origin._base
    names = _folder_names(origin.data_dir)
    layer = Layer(MappingProxyType({}), MappingProxyType({}), MappingProxyType(names))
    lines = {
        table: origin._lines.get(table) or range(2, len(frame) + 2) for table, frame in origin._frames.items()
    }  # a dataset rebuilt without its lines: as if one row per line
    first: dict[str, dict[str, int]] = {}
    for table, column in ID_COLUMNS.items():
        known: dict[str, int] = {}
        for key, line in zip(origin._frames[table][column], lines[table], strict=True):
            known.setdefault(key, line)
        first[table] = known
    rows = {
        table: [
            Row(line, TABLE_MODELS[table].model_construct(**record), names[table], 0)
            for line, record in zip(lines[table], frame_records(table, origin._frames[table]), strict=True)
        ]
        for table in _BASE_TABLES
    }
    fx_frame = origin._frames["fx_rates"]
    fx: dict[tuple[str, int, str], int] = {}
    for key, line in zip(
        zip(fx_frame["currency"].tolist(), fx_frame["year"].tolist(), fx_frame["series_id"].tolist(), strict=True),
        lines["fx_rates"],
        strict=True,
    ):
        fx.setdefault(key, line)
    seed_files = {row.record.seed_file: row.record for row in rows["sources"]}
    origin._base = _Base(
        layer, MappingProxyType(first), MappingProxyType(rows), MappingProxyType(fx), seed_files, origin._seeds
    )
    return origin._base


# --- languages --------------------------------------------------------------------------------


def _localized_frame(table: str, frame: pd.DataFrame, language: str) -> pd.DataFrame:
    frame = frame.copy()
    if language == "fr":
        for column, french in french_columns(table).items():
            frame[column] = frame[french]
    if table == "regions":
        frame.insert(frame.columns.get_loc("region_id") + 1, "name", frame[f"name_{language}"])
    return frame


def localized(dataset: Dataset, language: str) -> Dataset:
    """The dataset as a page in `language` ("en" or "fr") shows it, built once per dataset and language.

    In French, every text column with a French sibling reads that sibling (`name` <- `name_fr`, `definition`,
    `description`, `role`, `rationale`, `reason`, `note`...); in English they stay as stored. Both languages
    add `regions.name` (`name_en` or `name_fr`). Quotes stay French (`quote`, beside `quote_en`), and so does
    `sources.title`, a citation (`title_en` is its English rendering, to show beside it). The `_fr` (and
    `_en`) columns stay in every table, so an export of a view keeps everything.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    origin = dataset if dataset._origin is None else dataset._origin
    view = origin._views.get(language)
    if view is None:
        frames = {name: _localized_frame(name, frame, language) for name, frame in origin._frames.items()}
        view = Dataset(frames, origin._seeds, origin.data_dir, contributed=origin.contributed, key=origin.key)
        view.language, view._origin = language, origin
        origin._views[language] = view
    return view
