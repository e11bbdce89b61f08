"""Where the data folder is, and its tables and seeds read as bytes (a Layer), within size limits."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import stat
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ecodash.i18n import t
from ecodash.ingest.messages import problem, said
from ecodash.schema.fields import MAX_ARTICLE_BYTES
from ecodash.schema.models import TABLE_MODELS
from ecodash.schema.problems import Problem, Said

DATA_DIR_ENV = "ECODASH_DATA_DIR"
PROJECT_NAME = "ecodash"
"""The name in the [project] table of ecodash's pyproject.toml: what tells its source checkout from another."""
CHECKOUT_DIR = Path(__file__).resolve().parents[3]
"""The repository root when ecodash runs from a source checkout (src/ecodash/); elsewhere once installed."""
PACKAGED_DATA_DIR = Path(__file__).resolve().parents[1] / "_curated" / "data"
"""The curated data/ (and seeds/ beside it) a built wheel carries (pyproject.toml, hatch force-include)."""
MAX_TABLE_BYTES = 256 * 2**20
"""Largest table file read (100 000 facts take about 85 MB); a larger one is rejected before it is read."""
MAX_SEED_BYTES = MAX_ARTICLE_BYTES


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
    unreadable: Mapping[str, Said] = dataclasses.field(default_factory=lambda: MappingProxyType({}))

    def name(self, key: str) -> str:
        """How a problem names a table ("facts") or a seed ("seeds/000.txt")."""
        return self.names.get(key, key if key.startswith("seeds/") else f"{key}.csv")


def folder_layer(data_dir: Path | str) -> Layer:
    """The tables of a data folder and the seeds beside it (seeds_dir_for), read as bytes."""
    data_dir = Path(data_dir)
    seeds_dir = seeds_dir_for(data_dir)
    unreadable: dict[str, Said] = {}
    table_paths = {table: data_dir / f"{table}.csv" for table in TABLE_MODELS}
    files = {
        table: _read_file(path, MAX_TABLE_BYTES, table, unreadable)
        for table, path in table_paths.items()
        if path.exists() or path.is_symlink()  # a link to nowhere is said as such, not as a missing file
    }
    seed_paths = _seed_paths(seeds_dir) if seeds_dir.is_dir() else []
    if not seeds_dir.is_dir():
        unreadable["seeds/"] = said("problems.seeds.no_folder")
    seeds = {path.name: _read_file(path, MAX_SEED_BYTES, f"seeds/{path.name}", unreadable) for path in seed_paths}
    files = {key: data for key, data in files.items() if data is not None}
    seeds = {key: data for key, data in seeds.items() if data is not None}
    return Layer(
        MappingProxyType(files),
        MappingProxyType(seeds),
        MappingProxyType(folder_names(data_dir, seed_paths)),
        complete=True,
        unreadable=MappingProxyType(unreadable),
    )


def _seed_paths(seeds_dir: Path) -> list[Path]:
    """The seed folder's *.txt entries, as Path.glob("*.txt") lists them (any kind of entry, hidden ones too), in
    the order of their names."""
    with os.scandir(seeds_dir) as entries:
        names = sorted(entry.name for entry in entries if fnmatch.fnmatchcase(entry.name, "*.txt"))
    return [seeds_dir / name for name in names]


def folder_names(data_dir: Path, seed_paths: Sequence[Path] = ()) -> dict[str, str]:
    """How problems name the tables of a data folder and its seeds ("data/facts.csv", "seeds/000.txt")."""
    cwd = Path.cwd().resolve()
    folders: dict[Path, Path] = {}  # each folder resolved once (a thousand seeds share one)
    names = {table: _display_path(data_dir / f"{table}.csv", cwd, folders) for table in TABLE_MODELS}
    seeds_dir = seeds_dir_for(data_dir)
    names["seeds/"] = _display_path(seeds_dir, cwd, folders)
    shown = _seed_shown(seeds_dir, cwd)
    for path in seed_paths:
        link = path.parent != seeds_dir or path.name in ("", ".", "..") or os.path.islink(path)
        names[f"seeds/{path.name}"] = _display_path(path, cwd, folders) if link else shown(path)
    return names


def _seed_shown(seeds_dir: Path, cwd: Path):
    """How _display_path shows a file of `seeds_dir` that is not a link (its resolved folder joined with its name,
    relative to `cwd` when inside it, else the path as given), as a string join: a thousand seeds share the folder."""
    try:
        inside = str(seeds_dir.resolve().relative_to(cwd))
    except ValueError:
        return str
    prefix = "" if inside == "." else inside + os.sep
    return lambda path: prefix + path.name


def _read_file(path: Path, limit: int, key: str, unreadable: dict[str, Said]) -> bytes | None:
    """The bytes of `path`, or None with the reason in `unreadable[key]`: a symbolic link that leads out of its
    folder (never followed: the dataset is the folder's files), not a regular file (a FIFO or a device would block
    or never end: never opened), too large (checked before reading) or not readable (permissions, a folder in its
    place...)."""
    try:
        if path.is_symlink():
            folder, target = path.parent.resolve(), path.resolve()
            if not target.is_relative_to(folder):
                unreadable[key] = said("problems.file.link_outside", target=str(target), folder=str(folder))
                return None
            path = target  # read what was checked, not the link again
        status = path.stat()
        kind = _special_kind(status.st_mode)
        if kind is not None:
            unreadable[key] = said("problems.file.special", kind=kind)
            return None
        size = status.st_size
        if size > limit:
            which = "seed" if key.startswith("seeds/") else "data"
            unreadable[key] = said(f"problems.file.too_large_{which}", size=size, limit=limit)
            return None
        return path.read_bytes()
    except OSError as error:
        unreadable[key] = said("problems.file.unreadable", error=error.strerror or str(error))
        return None


def _special_kind(mode: int) -> Said | None:
    """What a file that is neither a regular file nor a folder is ("a named pipe (FIFO)"), else None."""
    for test, kind in (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "character_device"),
        (stat.S_ISBLK, "block_device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return said(f"problems.file.{kind}")
    return None


def addition_layer(files: Mapping[str, bytes], seeds: Mapping[str, bytes], *, label: str) -> Layer:
    """Tables and seeds a reader adds on top of the curated data; problems name them '<label>: facts.csv' (in the
    current language, as the label is)."""
    names = {table: t("problems.file.in", label=label, file=f"{table}.csv") for table in TABLE_MODELS}
    names |= {f"seeds/{name}": t("problems.file.in", label=label, file=f"seeds/{name}") for name in seeds}
    names["seeds/"] = t("problems.file.in", label=label, file="seeds/")
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


def seed_text(data: bytes) -> str:
    """A seed file's text: its bytes read as UTF-8, without a byte-order mark (raises UnicodeDecodeError)."""
    return data.decode("utf-8").removeprefix("\ufeff")


class SeedTexts(Mapping[str, str]):
    """source_id -> its seed's text (seed_text), each decoded when first asked for: a load from the validated-table
    cache need not decode every article (53 MB at 100 000 facts) when a page shows one. Only for seed bytes known
    to decode (validated: their sha256 is the checked one)."""

    def __init__(self, files: Mapping[str, bytes]):
        self._files = dict(files)
        self._texts: dict[str, str] = {}

    def __getitem__(self, source_id: str) -> str:
        text = self._texts.get(source_id)
        if text is None:
            text = self._texts[source_id] = seed_text(self._files[source_id])
        return text

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def seeds_dir_for(data_dir: Path) -> Path:
    return data_dir.parent / "seeds"


def _display_path(path: Path, cwd: Path | None = None, folders: dict[Path, Path] | None = None) -> str:
    """`path` resolved, relative to the working folder when it is inside it. `folders` memoises resolved parent
    folders: a path that is not itself a link resolves to its resolved folder joined with its name."""
    resolved = None
    if folders is not None and not path.is_symlink():
        parent = folders.get(path.parent)
        if parent is None:
            parent = folders[path.parent] = path.parent.resolve()
        resolved = parent / path.name if path.name not in ("", ".", "..") else path.resolve()
    try:
        return str((resolved or path.resolve()).relative_to(cwd or Path.cwd().resolve()))
    except ValueError:
        return str(path)


def format_problem(data: bytes, shown: str) -> Problem | None:
    """A curated table's bytes are UTF-8 with LF line endings and no byte-order mark, as the repository holds them
    (its diffs stay byte-identical); say how to fix a file an editor saved otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        return problem(shown, 0, "(file)", "problems.file.bom")
    if (at := data.find(b"\r")) >= 0:
        line = data.count(b"\n", 0, at) + 1
        what = said("problems.file.crlf" if data[at + 1 : at + 2] == b"\n" else "problems.file.cr")
        return problem(shown, line, "(file)", "problems.file.line_endings", what=what)
    return None


def no_folder(data_dir: Path) -> Problem:
    return problem(_display_path(data_dir), 0, "(folder)", "problems.folder.missing")
