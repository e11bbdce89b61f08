"""Faults around the data: a missing folder, an unreadable file, a missing table. Each gets a clear error page
(and a clear `ecodash validate` line); no traceback and no exception element reaches any page."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from ecodash.cli import main
from ecodash.i18n import t
from ecodash.ui.navigation import PAGE_SPECS
from support import SEEDS_DIR, open_app, page_text, record_calls, use_data_dir


def _unreadable(monkeypatch, target: Path) -> None:
    """Reading `target` fails as a file without read permission does (tests may run as root, who reads anything)."""
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.resolve() == target.resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)


FAULTS = {
    "missing data folder": (
        lambda d, mp: shutil.rmtree(d),
        "data:0: (folder): no such data folder",
    ),
    "data folder is a file": (
        lambda d, mp: (shutil.rmtree(d), d.write_text("not a folder", encoding="utf-8")),
        "data:0: (folder): no such data folder",
    ),
    "unreadable table": (
        lambda d, mp: _unreadable(mp, d / "facts.csv"),
        "data/facts.csv:0: (file): cannot be read: Permission denied",
    ),
    "unreadable seed": (
        lambda d, mp: _unreadable(mp, d.parent / "seeds" / min(SEEDS_DIR.glob("*.txt")).name),
        f"seeds/{min(SEEDS_DIR.glob('*.txt')).name}:0: (file): cannot be read: Permission denied",
    ),
    "a folder where a table should be": (
        lambda d, mp: ((d / "events.csv").unlink(), (d / "events.csv").mkdir()),
        "data/events.csv:0: (file): cannot be read: Is a directory",
    ),
    "missing fx_rates.csv": (
        lambda d, mp: (d / "fx_rates.csv").unlink(),
        "data/fx_rates.csv:0: (file): missing: every dataset needs fx_rates.csv",
    ),
    "missing seeds folder": (
        lambda d, mp: shutil.rmtree(d.parent / "seeds"),
        "seeds:0: (file): no such folder: the articles sources.csv lists sit in seeds/ beside the data folder",
    ),
}


def everything_shown(at) -> str:
    """Every text of the run, error boxes and code blocks included."""
    parts = [page_text(at), *(str(e.value) for e in at.error), *(str(e.value) for e in at.code)]
    return "\n".join(parts)


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_fault_is_one_clear_line_in_validate_and_on_the_error_page(fault, data_copy, monkeypatch, capsys):
    monkeypatch.chdir(data_copy.parent)
    make, expected = FAULTS[fault]
    make(data_copy, monkeypatch)
    assert main(["validate", "--data-dir", "data"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [expected, "1 problem(s): the dataset is not valid."], captured.err
    use_data_dir(monkeypatch, data_copy)
    at = open_app("overview")
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [t("error.dataset_title")]
    assert [block.value for block in at.code] == [expected]
    assert "Traceback" not in everything_shown(at)


@pytest.mark.parametrize("page", list(PAGE_SPECS))
def test_no_page_shows_a_traceback_when_the_data_folder_is_gone(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    use_data_dir(monkeypatch, tmp_path / "data")
    at = open_app(page)
    assert not at.exception, [e.value for e in at.exception]
    shown = everything_shown(at)
    assert "Traceback" not in shown and 'File "' not in shown
    assert [e.value for e in at.error] == [t("error.dataset_title")], "every page shows the error page"
    assert [block.value for block in at.code] == ["data:0: (folder): no such data folder"]


def test_the_commands_that_load_say_the_same_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for command in (["audit"], ["export", "facts"]):
        assert main([*command, "--data-dir", "data"]) == 1
        err = capsys.readouterr().err
        assert err.splitlines()[0] == "data:0: (folder): no such data folder", err
        assert "Traceback" not in err


@pytest.fixture
def broken_loads(data_copy, monkeypatch) -> list[str]:
    """The app on a copy of data/ without fx_rates.csv (kept aside as fx_rates.csv.bak); the folders it loads."""
    from ecodash.ui import state

    monkeypatch.chdir(data_copy.parent)
    (data_copy / "fx_rates.csv").rename(data_copy.parent / "fx_rates.csv.bak")
    use_data_dir(monkeypatch, data_copy)
    return record_calls(monkeypatch, state, "cached_dataset", keep=lambda args, kwargs: args[0])


def test_a_failed_load_is_kept_like_a_loaded_one_and_the_error_page_comes_from_it(data_copy, broken_loads):
    first = open_app("overview")
    first.run()  # a rerun of the same session
    second = open_app("compare")  # another session, another page
    for at in (first, second):
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == [t("error.dataset_title")]
        assert [block.value for block in at.code] == [
            "data/fx_rates.csv:0: (file): missing: every dataset needs fx_rates.csv"
        ]
    assert broken_loads == [str(data_copy)], "the broken folder is validated once per process"


def test_a_kept_failure_is_dropped_once_the_folder_is_fixed_and_the_page_reloaded(data_copy, broken_loads):
    broken = open_app("overview")
    assert [e.value for e in broken.error] == [t("error.dataset_title")]
    (data_copy.parent / "fx_rates.csv.bak").rename(data_copy / "fx_rates.csv")  # the fix the error page asks for
    fixed = open_app("overview")  # the reload
    assert not fixed.exception and not fixed.error, [e.value for e in fixed.error]
    assert fixed.title[0].value == t("overview.title")
    fixed.run()
    assert broken_loads == [str(data_copy)] * 2, "validated again once, after the fix; then kept"


@pytest.mark.parametrize("target", ["table", "seed"])
def test_a_fifo_named_like_a_data_file_is_refused_not_waited_on(target, data_copy, monkeypatch, capsys):
    monkeypatch.chdir(data_copy.parent)
    seed = min(SEEDS_DIR.glob("*.txt")).name
    path, shown = {
        "table": (data_copy / "facts.csv", "data/facts.csv"),
        "seed": (data_copy.parent / "seeds" / seed, f"seeds/{seed}"),
    }[target]
    path.unlink()
    os.mkfifo(path)  # opened for reading, it waits for a writer that never comes
    result = {}
    thread = threading.Thread(target=lambda: result.update(code=main(["validate", "--data-dir", "data"])), daemon=True)
    thread.start()
    thread.join(60)
    if thread.is_alive():  # release the blocked reader (a writer that closes at once), then fail
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        thread.join()
        pytest.fail(f"validation opened the FIFO {path.name} and waited on it")
    expected = f"{shown}:0: (file): is a named pipe (FIFO), not a regular file; nothing was read from it"
    assert result["code"] == 1
    assert capsys.readouterr().err.splitlines() == [expected, "1 problem(s): the dataset is not valid."]
    use_data_dir(monkeypatch, data_copy)
    at = open_app("overview")
    assert not at.exception, [e.value for e in at.exception]
    assert [block.value for block in at.code] == [expected]
