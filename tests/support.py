"""Helpers shared by the tests (importable as `support`; conftest.py holds only fixtures)."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
SEEDS_DIR = ROOT / "seeds"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_row(data_dir: Path, table: str, index: int, **changes: str) -> dict[str, str]:
    """Change cells of record `index` (0-based; it sits on line index + 2) and return the edited row."""
    path = data_dir / f"{table}.csv"
    header, rows = read_rows(path)
    rows[index].update(changes)
    write_rows(path, header, rows)
    return rows[index]


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: bytes
    stderr: bytes


def run_cli(*args: str) -> CliResult:
    """`ecodash ARGS` in this process (`cli.main`), with its exit code and the bytes it wrote to stdout and stderr."""
    from ecodash import cli

    streams = {name: io.BytesIO() for name in ("stdout", "stderr")}
    text = {name: io.TextIOWrapper(raw, encoding="utf-8", write_through=True) for name, raw in streams.items()}
    with redirect_stdout(text["stdout"]), redirect_stderr(text["stderr"]):
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    for wrapper in text.values():
        wrapper.flush()
    return CliResult(code, streams["stdout"].getvalue(), streams["stderr"].getvalue())


def _navigation_app(default: str) -> None:
    from ecodash.ui.navigation import run

    run(default=default)


def open_app(page: str = "overview", **query: str) -> AppTest:
    """The whole app (its navigation, as app.py runs it) on `page`, with `query` as the link's parameters."""
    at = AppTest.from_function(_navigation_app, args=(page,), default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def use_data_dir(monkeypatch, data_dir: Path) -> None:
    """Point the app at another data folder (ECODASH_DATA_DIR) and drop every cached table of the last one."""
    import streamlit as st

    monkeypatch.setenv("ECODASH_DATA_DIR", str(data_dir))
    st.cache_data.clear()
    st.cache_resource.clear()  # the loaded dataset and the built views are shared resources


STYLE_ONLY = re.compile(r"<style>[^<]*</style>")
"""An st.html element holding only a style sheet of ours (the page's chrome, a card's region colour)."""


def html_content(at: AppTest) -> list:
    """The st.html elements that hold content (not only a style sheet)."""
    return [element for element in at.get("html") if not STYLE_ONLY.fullmatch(element.proto.body)]


def page_text(at: AppTest) -> str:
    """Every text the run drew (markdown, captions, headings, alerts, tables' cells), one string to search."""
    parts = [
        str(e.value)
        for kind in ("markdown", "caption", "title", "header", "subheader", "info", "warning", "text", "metric")
        for e in getattr(at, kind)
    ]
    parts += [frame.value.to_string() for frame in [*at.dataframe, *at.table]]
    return "\n".join(parts)


def chart_text(at: AppTest) -> str:
    """The plotly charts' specs (JSON) as one string, to find a name or a unit drawn only in a chart."""
    return "\n".join(element.proto.spec for element in at.get("plotly_chart"))


def assert_clean(at: AppTest) -> None:
    """The run raised nothing and drew no error box."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def assert_link_followed(at: AppTest) -> None:
    """assert_clean, and every value the link asked for was used: no 'not available, showing … instead' notice."""
    assert_clean(at)
    fallbacks = [w.value for w in at.warning if w.proto.icon == ":material/link_off:"]
    assert not fallbacks, fallbacks


# --- what a test says must (not) happen ---------------------------------------------------------------------------


def forbid(monkeypatch, targets, reason: str) -> None:
    """Make each (module, name) of `targets` raise AssertionError(reason) when called."""

    def refuse(*args, **kwargs):
        raise AssertionError(reason)

    for module, name in targets:
        monkeypatch.setattr(module, name, refuse)


def curated_readers() -> list[tuple[object, str]]:
    """Where the curated folder is read: every file read, and folder_layer where each caller looks it up."""
    from ecodash.ingest import dataset, validation
    from ecodash.ingest import files as datafiles

    return [(datafiles, "_read_file"), (dataset, "folder_layer"), (validation, "folder_layer")]


def record_calls(monkeypatch, module, name: str, keep=lambda args, kwargs: (args, kwargs)) -> list:
    """Wrap module.name so each call is recorded (as keep(args, kwargs)) before it runs; returns the live record."""
    calls = []
    real = getattr(module, name)

    def recorded(*args, **kwargs):
        calls.append(keep(args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return calls


# --- a reader's addition: the Testville article and its one figure ------------------------------------------------

TESTVILLE_SEED = (
    "Au Guangdong, le canton de Testville a reçu jusqu’à 30 millions de yuans pour son centre de calcul d’IA.\n"
).encode()


def table_csv(table: str, rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    """A CSV of `table` (the curated file's header unless given) holding `rows`, as a reader's file would."""
    header = header or read_rows(DATA_DIR / f"{table}.csv")[0]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    writer.writerows([{column: row.get(column, "") for column in header} for row in rows])
    return out.getvalue().encode("utf-8")


def curated_fact(index: int = 0, **changes: str) -> dict[str, str]:
    """Row `index` of data/facts.csv, with `changes`."""
    return {**read_rows(DATA_DIR / "facts.csv")[1][index], **changes}


def added_source(**changes: str) -> dict[str, str]:
    return {
        "source_id": "testville_article",
        "seed_file": "testville.txt",
        "title": "Testville",
        "title_en": "Testville",
        "language": "fr",
        "region_ids": "guangdong",
        "sha256": hashlib.sha256(TESTVILLE_SEED).hexdigest(),
        **changes,
    }


def added_fact(**changes: str) -> dict[str, str]:
    """A new figure quoted from the Testville article (the first curated fact's other fields)."""
    return curated_fact(
        **{
            "fact_id": "testville_compute_cap",
            "source_id": "testville_article",
            "quote": "jusqu’à 30 millions de yuans",
            "quote_en": "up to 30 million yuan",
            "value": "30000000",
            "stated_usd": "",
            "instrument_id": "",
            "note": "",
            "note_fr": "",
            **changes,
        }
    )


CITY_FACT = "gj_startups_incubated_5y"
"""The curated articles state no figure about Hangzhou itself; tests of the city-to-province roll-up make this one a
Hangzhou figure in a copy of the data (its article, the Gwangju one, names Hangzhou)."""


def with_a_hangzhou_figure(data_dir: Path, **changes: str):
    """Make CITY_FACT a Hangzhou figure in the data folder `data_dir` (a copy) and return the loaded dataset."""
    import ecodash

    _, rows = read_rows(data_dir / "facts.csv")
    index = next(i for i, row in enumerate(rows) if row["fact_id"] == CITY_FACT)
    edit_row(data_dir, "facts", index, region_id="hangzhou", **changes)
    return ecodash.load_dataset(data_dir)
