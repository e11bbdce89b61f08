"""A cache of validated datasets on disk, so a new process (a restart, a second server) does not validate again.

An entry is the Dataset that `load_dataset` built from a data folder, stored as Parquet (one file per table), with
a manifest (JSON: the warnings, each row's line, each source's seed file, the sha256 of every Parquet file); the
seed texts are read from the seed files themselves, whose bytes the key holds. It is
found by a key: the sha256 of every input file (each table and seed file, its name and bytes), the names problems
give them, the folder's path, the package's version and a digest of its code, pandas' and pyarrow's versions and
the cache's format version. Any change of any byte gives another key: a miss, and a full validation.

A hit loads the tables without validating them. An entry that cannot be read as written (truncated, corrupt, a
foreign file, another format) is ignored with a log line and the folder is validated; an unwritable cache folder
only costs the next process a validation. Entries are written to a temporary folder and renamed into place, so
several processes can share the cache folder: each reads either a whole entry or none.

Where: `$ECODASH_CACHE_DIR`, else `$XDG_CACHE_HOME/ecodash`, else `~/.cache/ecodash`; `ECODASH_CACHE=off`
turns it off. `ecodash validate` never reads it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

import pandas as pd

from ecodash.ingest.dataset import Dataset, default_data_dir, load_dataset, load_layer
from ecodash.ingest.files import SeedTexts, folder_layer
from ecodash.schema.columns import stored_dtypes
from ecodash.schema.problems import OneOf, Params, Problem, Said

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "ECODASH_CACHE_DIR"
"""The cache folder (default: $XDG_CACHE_HOME/ecodash, else ~/.cache/ecodash)."""
CACHE_SWITCH_ENV = "ECODASH_CACHE"
"""Set to off (or 0, false, no) to load without the cache: every load validates, nothing is written."""
OFF = frozenset({"0", "off", "false", "no"})
FORMAT = "ecodash-validated-dataset"
FORMAT_VERSION = 3
"""Bumped whenever what an entry holds, or how, changes: an entry of another version is never read."""
MANIFEST = "manifest.json"
KEEP_ENTRIES = 4
"""Entries kept in the folder (the most recently used); older ones are removed after a write."""
STALE_TEMP_S = 3600
"""A temporary folder older than this was left by a process that died while writing: removed."""
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(CACHE_SWITCH_ENV, "").strip().lower() in OFF:
        return None
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "ecodash"
    return Path.home() / ".cache" / "ecodash"


def package_version() -> str:
    """ecodash's version, and a digest of its code: a source checkout whose code was edited misses too."""
    try:
        version = metadata.version("ecodash")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{version}+{_code_digest()}"


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".toml") and p.is_file()):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _libraries() -> str:
    import pyarrow

    return f"pandas {pd.__version__}, pyarrow {pyarrow.__version__}"


def entry_key(layer, data_dir: Path) -> str:
    """The key of a data folder read as bytes (folder_layer): every byte that goes into its Dataset. Each file's
    sha256 is found apart (in threads: hashlib lets go of the interpreter lock on large inputs, so the files are
    hashed on every core), then the key is the sha256 of those digests, the files' names and sizes and the rest."""
    digest = hashlib.sha256()

    def part(text: str | bytes) -> None:
        data = text.encode() if isinstance(text, str) else text
        digest.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: no two inputs run together

    for text in (FORMAT, str(FORMAT_VERSION), package_version(), _libraries(), str(data_dir)):
        part(text)
    contents = {"table": layer.files, "seed": layer.seeds}
    every = [(kind, name, files[name]) for kind, files in contents.items() for name in sorted(files)]
    digests = iter(_sha256_all([data for _, _, data in every]))
    for kind, files in contents.items():
        part(f"{kind}s {len(files)}")
        for _, name, data in (item for item in every if item[0] == kind):
            part(name)
            part(f"{len(data)} {next(digests)}")
    part(f"names {len(layer.names)}")
    for name in sorted(layer.names):
        part(name)
        part(layer.names[name])
    return digest.hexdigest()


def _sha256_all(contents: Sequence[bytes]) -> list[str]:
    """The sha256 of each, hashed in as many threads as cores, each thread given about as many bytes (hashlib lets
    go of the interpreter lock on large inputs)."""
    workers = _workers()
    shares: list[list[int]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for index in sorted(range(len(contents)), key=lambda index: -len(contents[index])):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += len(contents[index])
    digests: list[str] = [""] * len(contents)

    def hash_share(share: list[int]) -> None:
        for index in share:
            digests[index] = hashlib.sha256(contents[index]).hexdigest()

    with _threads() as pool:
        list(pool.map(hash_share, shares))
    return digests


def _workers() -> int:
    """Threads for work that lets go of the interpreter lock (hashing, reading Parquet): one per core."""
    return max(1, min(8, os.cpu_count() or 1))


def _threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=_workers())


def cached_dataset(data_dir: Path | str | None = None) -> Dataset:
    """The folder's Dataset as `load_dataset` makes it: from the cache when an entry holds these very files, else
    validated in full (raising DatasetError listing every problem) and stored for the next process."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    folder = cache_dir()
    if folder is None or not data_dir.is_dir():
        return load_dataset(data_dir)
    layer = folder_layer(data_dir)
    if layer.unreadable:  # a file could not be read: validation says which, and why
        return load_layer(layer, data_dir)
    try:
        key = entry_key(layer, data_dir)
    except ImportError as error:  # pyarrow comes with Streamlit; without it, no cache
        log.warning("validated-table cache off: %s", error)
        return load_layer(layer, data_dir)
    entry = folder / key
    if entry.exists() or entry.is_symlink():
        try:
            dataset = read_entry(entry, key, data_dir, layer.seeds)
        except Exception as error:  # noqa: BLE001 (whatever is wrong with an entry, it is not trusted)
            log.warning(
                "ignored the cached dataset %s (%s: %s); validating %s", entry, type(error).__name__, error, data_dir
            )
            _discard(entry)  # replaced by the entry written below
        else:
            log.info("loaded %s from the validated-table cache %s", data_dir, entry)
            _touch(entry)
            return dataset
    dataset = load_layer(layer, data_dir)
    write_entry(folder, key, dataset)
    return dataset


# --- writing ---------------------------------------------------------------------------------------------------


def write_entry(folder: Path, key: str, dataset: Dataset) -> Path | None:
    """Store `dataset` under `key` in `folder`, atomically (a temporary folder renamed into place); None, with a log
    line, when it cannot be stored (an unwritable folder, a full disk, a value the format cannot hold)."""
    temp: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".tmp-{key[:12]}-", dir=folder))
        tables = {}
        for name in Dataset.TABLES:
            tables[name] = _write_parquet(temp / f"{name}.parquet", dataset._frames[name])
        sources = dataset._frames["sources"]
        seed_files = dict(zip(sources["source_id"].tolist(), sources["seed_file"].tolist(), strict=True))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "key": key,
            "tables": {name: {**tables[name], "lines": _runs(dataset._lines.get(name, ()))} for name in tables},
            "seeds": {source_id: seed_files[source_id] for source_id in dataset.seeds},
            "warnings": [_problem_json(warning) for warning in dataset.warnings],
        }
        (temp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        entry = folder / key
        try:
            temp.rename(entry)
        except OSError:
            if not entry.is_dir():
                raise
            log.info("the validated-table cache entry %s was written by another process", entry)
            return entry  # another process stored the same key first: its entry holds the same dataset
        temp = None
        log.info("stored %s in the validated-table cache %s", dataset.data_dir, entry)
        _prune(folder, keep=entry)
        return entry
    except Exception as error:  # noqa: BLE001 (a cache that cannot be written is only a slower next start)
        log.warning("could not store the validated dataset in %s (%s: %s)", folder, type(error).__name__, error)
        return None
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def _runs(lines: Sequence[int]) -> list[list[int]]:
    """Each row's line as runs [first line, rows] of rows on consecutive lines (a file without a cell over several
    lines is one run)."""
    runs: list[list[int]] = []
    for line in lines:
        if runs and runs[-1][0] + runs[-1][1] == line:
            runs[-1][1] += 1
        else:
            runs.append([line, 1])
    return runs


def _write_parquet(path: Path, frame: pd.DataFrame) -> dict:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", compression="lz4", index=False)
    data = buffer.getvalue()
    path.write_bytes(data)
    return {"file": path.name, "sha256": hashlib.sha256(data).hexdigest(), "rows": len(frame)}


def _problem_json(problem: Problem) -> dict:
    return {
        "file": problem.file,
        "row": problem.row,
        "field": problem.field,
        "reason": problem.reason,
        "key": problem.key,
        "params": _params_json(problem.params),
    }


def _params_json(params: Params) -> dict:
    return {name: _value_json(value) for name, value in params.items()}


def _value_json(value: object) -> object:
    """A problem's param as tagged JSON: a Said, a OneOf, a tuple and a list come back as what they were."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, Said):
        return {"said": value.key, "params": _params_json(value.params)}
    if isinstance(value, OneOf):
        return {"one_of": [_value_json(item) for item in value]}
    if type(value) in (tuple, list):
        return {type(value).__name__: [_value_json(item) for item in value]}
    raise TypeError(f"a warning's param the cache cannot hold: {type(value).__name__}")


def _discard(entry: Path) -> None:
    """Remove an entry that could not be read: renamed aside first, so no reader sees it half removed."""
    try:
        if entry.is_symlink() or not entry.is_dir():
            entry.unlink()
            return
        aside = Path(tempfile.mkdtemp(prefix=f".tmp-{entry.name[:12]}-bad-", dir=entry.parent))
        entry.rename(aside / entry.name)
        shutil.rmtree(aside, ignore_errors=True)
    except OSError as error:
        log.warning("could not remove the unreadable cache entry %s (%s)", entry, error)


def _touch(entry: Path) -> None:
    try:
        os.utime(entry / MANIFEST)  # most recently used: kept by _prune
    except OSError:
        pass


def _prune(folder: Path, keep: Path) -> None:
    """Remove entries beyond the KEEP_ENTRIES most recently used, and temporary folders a dead writer left."""
    entries = []
    now = time.time()
    for path in folder.iterdir():
        try:
            if path.name.startswith(".tmp-") and now - path.stat().st_mtime > STALE_TEMP_S:
                shutil.rmtree(path, ignore_errors=True)
            elif len(path.name) == 64 and (path / MANIFEST).is_file() and path != keep:
                entries.append(((path / MANIFEST).stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP_ENTRIES - 1 :]:
        shutil.rmtree(path, ignore_errors=True)


# --- reading ---------------------------------------------------------------------------------------------------


class CacheEntryError(ValueError):
    """A cache entry that is not what this version of ecodash writes: ignored."""


def read_entry(entry: Path, key: str, data_dir: Path, seed_files: Mapping[str, bytes]) -> Dataset:
    """The Dataset stored in `entry`; raises (CacheEntryError, OSError, a Parquet or JSON error) on anything but a
    whole entry written by this format version for `key`, each Parquet file matching its sha256. `seed_files`: the
    seed files' bytes the key was found from (folder_layer); the entry names each source's, and its text is read
    from them as validation reads it (the key holds their sha256: they are the bytes that were validated)."""
    manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CacheEntryError("not an ecodash cache entry")
    if manifest.get("format_version") != FORMAT_VERSION or manifest.get("key") != key:
        raise CacheEntryError("an entry of another format version or key")
    tables = manifest["tables"]
    if set(tables) != set(Dataset.TABLES):
        raise CacheEntryError("not every table is there")
    frames, lines = {}, {}
    with _threads() as pool:  # pyarrow lets go of the interpreter lock while it reads
        read = dict(zip(Dataset.TABLES, pool.map(lambda name: _read_parquet(entry, tables[name]), Dataset.TABLES)))
    for name in Dataset.TABLES:
        described = tables[name]
        frame = read[name]
        if {column: str(dtype) for column, dtype in frame.dtypes.items()} != _dtypes(name):
            raise CacheEntryError(f"{name}: not the table's columns and dtypes")
        frames[name] = frame
        lines[name] = _lines_of(described["lines"])
        if len(lines[name]) != len(frame):
            raise CacheEntryError(f"{name}: a line for every row")
    seeds = manifest["seeds"]
    if not isinstance(seeds, dict) or not all(isinstance(name, str) for name in seeds.values()):
        raise CacheEntryError("not a seed file for each source")
    texts = SeedTexts({source_id: seed_files[name] for source_id, name in seeds.items()})
    warnings = [_problem_of(item) for item in manifest["warnings"]]
    return Dataset(frames, texts, data_dir, lines=lines, warnings=warnings)


def _lines_of(runs: object) -> list[int]:
    """The lines _runs wrote, or CacheEntryError."""
    if not isinstance(runs, list) or not all(
        isinstance(run, list) and len(run) == 2 and all(type(number) is int and number > 0 for number in run)
        for run in runs
    ):
        raise CacheEntryError("lines that are not runs of rows")
    return list(itertools.chain.from_iterable(range(first, first + rows) for first, rows in runs))


@functools.cache
def _dtypes(table: str) -> dict[str, str]:
    """Column -> the dtype a Dataset's frame has (dataset._to_frame: a list as its ';'-joined text)."""
    return {column: "str" if dtype == "list" else dtype for column, dtype in stored_dtypes(table).items()}


def _read_parquet(entry: Path, described: Mapping) -> pd.DataFrame:
    name = described["file"]
    if Path(name).name != name:
        raise CacheEntryError(f"a file outside its entry: {name!r}")
    data = (entry / name).read_bytes()
    if hashlib.sha256(data).hexdigest() != described["sha256"]:
        raise CacheEntryError(f"{name} is not the file that was written (sha256)")
    import pyarrow
    from pyarrow import parquet

    frame = parquet.read_table(pyarrow.BufferReader(data)).to_pandas()
    if len(frame) != described["rows"]:
        raise CacheEntryError(f"{name}: not the rows that were written")
    return frame


def _problem_of(item: Mapping) -> Problem:
    row = item["row"]
    texts = (item["file"], item["field"], item["reason"], item["key"])
    if not all(isinstance(text, str) for text in texts) or type(row) is not int:
        raise CacheEntryError("a warning that is not a problem")
    return Problem(item["file"], row, item["field"], item["reason"], item["key"], _params_of(item["params"]))


def _params_of(params: Mapping) -> Params:
    if not isinstance(params, dict):
        raise CacheEntryError("a warning's params that are not a mapping")
    return Params({name: _value_of(value) for name, value in params.items()})


def _value_of(value: object) -> object:
    if value is None or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, dict) and len(value) == 2 and "said" in value:
        return Said(value["said"], _params_of(value["params"]))
    if isinstance(value, dict) and len(value) == 1:
        ((tag, items),) = value.items()
        kinds = {"one_of": OneOf, "tuple": tuple, "list": list}
        if tag in kinds and isinstance(items, list):
            return kinds[tag](_value_of(item) for item in items)
    raise CacheEntryError(f"a warning's param the cache does not write: {value!r}")
