"""`pip install .` then `ecodash validate` outside the checkout: the wheel carries the curated data and its seeds.

The wheel is built and installed into a fresh virtual environment with the project's uv (.tools/bin/uv, which
`make` bootstraps), at the versions uv.lock pins, from uv's cache (a first run on a new machine downloads them).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import DATA_DIR, ROOT, SEEDS_DIR, edit_row

UV = ROOT / ".tools" / "bin" / "uv"


def _uv(*args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "ECODASH_DATA_DIR")}
    result = subprocess.run(
        [str(UV), *args],
        cwd=cwd,
        env=env | {"UV_PYTHON_DOWNLOADS": "never"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtual environment with the built wheel installed; returns its bin/ folder."""
    assert UV.is_file(), f"{UV} is missing: run `make test`, which bootstraps it"
    work = tmp_path_factory.mktemp("installed")
    _uv("build", "--wheel", "--out-dir", str(work / "dist"), str(ROOT), cwd=work)
    (wheel,) = (work / "dist").glob("ecodash-*.whl")
    _uv(
        "export",
        "--project",
        str(ROOT),
        "--locked",
        "--no-dev",
        "--no-emit-project",
        "--no-hashes",
        "--format",
        "requirements-txt",
        "--quiet",
        "--output-file",
        str(work / "requirements.txt"),
        cwd=work,
    )
    _uv("venv", "--quiet", str(work / "venv"), cwd=work)
    python = work / "venv" / "bin" / "python"
    requirements = str(work / "requirements.txt")
    _uv("pip", "install", "--quiet", "--python", str(python), "-r", requirements, str(wheel), cwd=work)
    return python.parent


def run(bin_dir: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "ECODASH_DATA_DIR", "PYTHONPATH")}
    return subprocess.run(
        [str(bin_dir / args[0]), *args[1:]],
        cwd=cwd,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_installed_ecodash_validates_its_packaged_data_outside_the_checkout(installed, tmp_path):
    result = run(installed, "ecodash", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    facts = len((DATA_DIR / "facts.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert result.stdout.startswith("ok: ") and f" {facts} facts," in result.stdout
    where = run(installed, "python", "-c", "import ecodash; print(ecodash.default_data_dir())", cwd=tmp_path)
    data = Path(where.stdout.strip())
    assert data.parts[-3:] == ("ecodash", "_curated", "data") and ROOT not in data.parents, "the packaged copy"
    for folder, packaged in ((DATA_DIR, data), (SEEDS_DIR, data.parent / "seeds")):
        digest = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}
        assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in packaged.iterdir()} == digest


def test_installed_ecodash_reads_another_folder_when_told(installed, tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "mine" / "data")
    shutil.copytree(SEEDS_DIR, tmp_path / "mine" / "seeds")
    edit_row(tmp_path / "mine" / "data", "facts", 0, region_id="atlantis")
    expected = "mine/data/facts.csv:2: region_id: unknown region 'atlantis'"
    by_flag = run(installed, "ecodash", "validate", "--data-dir", "mine/data", cwd=tmp_path)
    by_env = run(installed, "ecodash", "validate", cwd=tmp_path, ECODASH_DATA_DIR=str(tmp_path / "mine" / "data"))
    for result in (by_flag, by_env):
        assert result.returncode == 1 and expected in result.stderr.splitlines(), result.stderr
        assert "Traceback" not in result.stderr
