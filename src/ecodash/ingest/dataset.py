"""The one immutable Dataset: built from validated rows, with a reader's rows on top, and its language views."""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pyarrow

from ecodash.i18n import LANGUAGES
from ecodash.ingest.base import BASE_TABLES, CuratedBase
from ecodash.ingest.csvrows import CsvError, Row, parse_csv
from ecodash.ingest.files import (
    DATA_DIR_ENV,
    MAX_SEED_BYTES,
    MAX_TABLE_BYTES,
    PACKAGED_DATA_DIR,
    Layer,
    SeedTexts,
    addition_layer,
    default_data_dir,
    folder_layer,
    folder_names,
    no_folder,
    seeds_dir_for,
)
from ecodash.ingest.validation import collector_paused, dataset_warnings, validate_data_dir, validate_layers
from ecodash.schema.columns import stored_dtypes
from ecodash.schema.models import ID_COLUMNS, TABLE_MODELS, french_columns, table_columns
from ecodash.schema.problems import MAX_SHOWN, DatasetError, Problem, bounded, ordered, report_lines

__all__ = [
    "DATA_DIR_ENV",
    "MAX_SEED_BYTES",
    "MAX_SHOWN",
    "MAX_TABLE_BYTES",
    "PACKAGED_DATA_DIR",
    "CsvError",
    "Dataset",
    "DatasetError",
    "Layer",
    "Problem",
    "addition_layer",
    "addition_problems",
    "bounded",
    "dataset_warnings",
    "default_data_dir",
    "folder_layer",
    "frame_records",
    "load_dataset",
    "load_layer",
    "localized",
    "parse_csv",
    "report_lines",
    "seeds_dir_for",
    "stored",
    "validate_data_dir",
    "with_addition",
]


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
        warnings: Sequence[Problem] = (),
    ):
        # a shallow copy: with pandas' copy-on-write, a change to the caller's frame never reaches this one
        self._frames = MappingProxyType({name: frame.copy(deep=False) for name, frame in frames.items()})
        # table -> the line of each row in the file it was read from (what an addition's problems cite)
        self._lines = MappingProxyType({name: tuple(numbers) for name, numbers in (lines or {}).items()})
        self._base: CuratedBase | None = None  # what an addition is checked against, made once (see _base_of)
        self._seeds = seeds if isinstance(seeds, SeedTexts) else MappingProxyType(dict(seeds))  # read-only either way
        # what valid rows a curator should still know (validation.dataset_warnings): a page lists them
        self.warnings: tuple[Problem, ...] = tuple(warnings)
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
            (
                dict(self._frames),
                dict(self._seeds),
                self.data_dir,
                dict(self.contributed),
                self.key,
                dict(self._lines),
                self.warnings,
            ),
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
    caveats = property(lambda self: self.table("caveats"))

    def is_contributed(self, table: str, ids: pd.Series) -> pd.Series:
        """Boolean mask: which of `ids` (of `table`) a reader added on top of the curated data."""
        return ids.isin(self.contributed.get(table, frozenset()))

    def focus_region_ids(self) -> list[str]:
        regions = self._frames["regions"]
        return regions.loc[regions["is_focus"], "region_id"].tolist()


def _rebuild(frames, seeds, data_dir, contributed, key, lines=None, warnings=()) -> Dataset:
    return Dataset(frames, seeds, data_dir, contributed=contributed, key=key, lines=lines, warnings=warnings)


def _to_frame(table: str, rows: list[Row]) -> pd.DataFrame:
    """The table's rows as a frame in the registry's dtypes (schema.columns); a list cell as its ';'-joined ids.
    Built column by column: every field of every record read in one pass (attrgetter), then each column made in
    its dtype at once (a text column through a pyarrow array, which pandas' str dtype holds)."""
    dtypes = stored_dtypes(table)
    columns = list(dtypes)
    values = operator.attrgetter(*columns)  # every field of a record in one call: no model_dump per row
    records = [values(row.record) for row in rows]
    if len(columns) == 1:  # attrgetter of one name gives the value itself, not a 1-tuple
        records = [(value,) for value in records]
    cells = list(zip(*records, strict=True)) if records else [()] * len(columns)
    return pd.DataFrame(
        {
            column: pd.Series(_column(column_cells, dtype), copy=False)
            for column, dtype, column_cells in zip(columns, dtypes.values(), cells, strict=True)
        },
        columns=columns,
    )


def _column(cells: Sequence, dtype: str):
    """One column's values as an array of `dtype` ("list": tuples of ids, held as their ';'-joined text)."""
    if dtype == "list":
        cells = [";".join(ids) for ids in cells]
    if dtype in ("str", "list"):
        return pd.array(pyarrow.array(cells, type=pyarrow.large_string()), dtype="str")
    return pd.array(cells, dtype=dtype)


def _build(layers: Sequence[Layer], data_dir: Path, base: Dataset | None = None) -> Dataset:
    """The dataset of `layers`; with `base` (the loaded curated data), layers[0] stands for it: its frames are
    reused as they are, and only the later layers are read and checked."""
    below = _base_of(base) if base is not None else None
    rows, seeds, problems = validate_layers(layers, below)
    if problems:
        raise DatasetError(problems)
    warnings = dataset_warnings(rows, below)
    with collector_paused():
        frames = {table: _to_frame(table, table_rows) for table, table_rows in rows.items()}
    lines = {table: [row.line for row in table_rows] for table, table_rows in rows.items()}
    if base is not None:
        origin = stored(base)
        frames = {
            table: pd.concat([origin._frames[table], frame], ignore_index=True) if len(frame) else origin._frames[table]
            for table, frame in frames.items()
        }
        lines = {table: [*origin._lines.get(table, ()), *numbers] for table, numbers in lines.items()}
        seeds = {source_id: (text, None) for source_id, text in origin._seeds.items()} | seeds
        warnings = [*origin.warnings, *warnings]
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
    return Dataset(frames, texts, data_dir, contributed=contributed, key=key, lines=lines, warnings=warnings)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate the data folder and load it; raise DatasetError listing every problem, loading nothing."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    if not data_dir.is_dir():
        raise DatasetError([no_folder(data_dir)])
    return load_layer(folder_layer(data_dir), data_dir)


def load_layer(layer: Layer, data_dir: Path) -> Dataset:
    """Validate a data folder already read as bytes (folder_layer(data_dir)) and load it, as load_dataset does;
    raise DatasetError listing every problem. What the validated-table cache runs on the very bytes it hashed."""
    return _build([layer], data_dir)


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


def frame_records(table: str, frame: pd.DataFrame) -> list[dict]:
    """The rows of a Dataset table as their validated records dump them (model_dump): a missing value is None, a
    list a tuple. The inverse of the frame a Dataset holds, with no validation."""
    columns = table_columns(table)
    values = frame[columns].astype(object)
    records = values.where(frame[columns].notna(), None).to_dict("records")
    for column in (name for name, dtype in stored_dtypes(table).items() if dtype == "list"):
        for record in records:
            record[column] = tuple(record[column].split(";")) if record[column] else ()
    return records


def stored(dataset: Dataset) -> Dataset:
    """The dataset as stored: a language view's origin (localized), or the dataset itself."""
    return dataset if dataset._origin is None else dataset._origin


def _base_of(dataset: Dataset) -> CuratedBase:
    """What an addition on top of `dataset` (the curated data, loaded) is checked against; made once per dataset."""
    origin = stored(dataset)
    if any(origin.contributed.values()):
        raise ValueError("an addition goes on top of the curated data alone, not of a dataset with an addition")
    if origin._base is not None:
        return origin._base
    names = folder_names(origin.data_dir)
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
        for table in BASE_TABLES
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
    origin._base = CuratedBase(
        layer, MappingProxyType(first), MappingProxyType(rows), MappingProxyType(fx), seed_files, origin._seeds
    )
    return origin._base


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
    origin = stored(dataset)
    view = origin._views.get(language)
    if view is None:
        frames = {name: _localized_frame(name, frame, language) for name, frame in origin._frames.items()}
        view = Dataset(
            frames,
            origin._seeds,
            origin.data_dir,
            contributed=origin.contributed,
            key=origin.key,
            warnings=origin.warnings,
        )
        view.language, view._origin = language, origin
        origin._views[language] = view
    return view
