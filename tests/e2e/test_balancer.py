"""Several processes behind HAProxy (ecodash.serving, `make serve`): readers are spread over the processes and stay on
theirs, so chart images, exports and uploads work through the balancer; a killed process's reader gets a fresh page
from another process on their next action; Ctrl-C on `make serve` leaves no process behind."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import time
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import expect

from ecodash.i18n import t
from ecodash.io import export
from ecodash.serving import Cluster
from ecodash.serving.cluster import free_port, healthy
from support import DATA_DIR, read_rows

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = ROOT / "test-artifacts"

SHOTS = ARTIFACTS_DIR / "balancer"


@pytest.fixture(scope="module")
def cluster(haproxy: Path, chromium_executable: Path) -> Iterator[Cluster]:
    """Two Streamlit processes behind HAProxy on a free port; their logs and haproxy.cfg in test-artifacts/balancer."""
    with Cluster(ROOT / "app.py", processes=2, run_dir=SHOTS) as running:
        yield running


@pytest.fixture(scope="module")
def app_url(cluster: Cluster) -> str:
    """conftest's `new_app` readers open the balanced address: each its own browser context, so its own SRV cookie."""
    return cluster.url


def _process_of(app) -> str:
    """The name of the process HAProxy pinned this reader to (its SRV cookie)."""
    (value,) = [c["value"] for c in app.page.context.cookies() if c["name"] == "SRV"]
    return value


def _download(app, label: str) -> tuple[str, bytes]:
    with app.page.expect_download() as download:
        app.page.get_by_role("button", name=label, exact=True).click()
    return download.value.suggested_filename, download.value.path().read_bytes()


def _go(app, page_title: str, *, chart: bool = False) -> None:
    """The app's own navigation: the same session, so what the reader uploaded is still there."""
    app.page.get_by_role("link", name=page_title, exact=True).first.click()
    expect(app.page.locator("[data-testid='stMain'] h1").first).to_have_text(page_title)
    app.wait_idle(chart=chart)


def _your_rows(fact_id: str) -> bytes:
    """One valid row of facts.csv under a new id: the curated annual-budget figure, copied."""
    header, rows = read_rows(DATA_DIR / "facts.csv")
    annual = next(row for row in rows if row["indicator_id"] == "funding_annual")
    return export.to_csv_bytes(pd.DataFrame([{**annual, "fact_id": fact_id}], columns=header))


def test_two_readers_on_two_processes_download_images_exports_and_upload_through_the_balancer(new_app, image_export):
    first, second = new_app(), new_app()
    first.goto("/compare?indicators=grant_cap_per_recipient", chart=True)
    second.goto("/compare?indicators=grant_cap_per_recipient", chart=True)
    # leastconn: the first reader's websocket is open on one process, so the second reader gets the other
    assert {_process_of(first), _process_of(second)} == {"s1", "s2"}

    for app in (first, second):
        pinned = _process_of(app)
        png_name, png = _download(app, t("images.png"))
        svg_name, svg = _download(app, t("images.svg"))
        assert png_name.endswith(".png") and svg_name == png_name.removesuffix(".png") + ".svg"
        Image.open(io.BytesIO(png)).verify()
        assert ET.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"

        _go(app, "Data & export")
        csv_name, csv_bytes = _download(app, "Download this view (CSV)")
        header = csv_bytes.decode("utf-8-sig").splitlines()[0]
        assert csv_name.endswith(".csv") and "fact_id" in header and "quote" in header
        assert len(csv_bytes.decode("utf-8-sig").splitlines()) > 10

        app.goto("/your-data")  # a new page load: a new session, on the same process (the cookie)
        fact_id = f"balanced_upload_{pinned}"
        app.page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
            files=[{"name": "my-facts.csv", "mimeType": "text/csv", "buffer": _your_rows(fact_id)}]
        )
        app.wait_idle()
        expect(app.page.get_by_test_id("stAlertContentSuccess")).to_contain_text(
            "Loaded from my-facts.csv: 1 row of facts.csv"
        )
        _, zipped = _download(app, "Download your rows (zip)")
        with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
            assert fact_id in archive.read("facts.csv").decode("utf-8")
        SHOTS.mkdir(parents=True, exist_ok=True)
        app.page.screenshot(path=SHOTS / f"upload-on-{pinned}.png")
        assert _process_of(app) == pinned  # every request of the reader stayed on one process
        app.no_error_shown()


def test_a_reader_whose_process_is_killed_gets_a_fresh_page_from_another(new_app, cluster):
    app = new_app()
    app.goto("/compare?indicators=grant_cap_per_recipient", chart=True)
    pinned = _process_of(app)
    victim = cluster.backend(pinned)
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        os.killpg(victim.process.pid, signal.SIGKILL)  # the process and its group, as a crash or OOM kill would
        victim.process.wait(timeout=10)
        # The page's websocket reconnects through HAProxy, which sends it to the other process (and re-pins the
        # reader there); that process draws the page again in a new session of its own.
        deadline = time.monotonic() + 30
        while _process_of(app) == pinned:
            assert time.monotonic() < deadline, "the reader was not moved to another process"
            time.sleep(0.2)
        app.wait_idle(chart=True)
        app.page.screenshot(path=SHOTS / "after-kill.png")

        # the reader's next action: a chart image, made on click by the session that drew the button
        png_name, png = _download(app, t("images.png"))
        assert png_name.endswith(".png")
        Image.open(io.BytesIO(png)).verify()
        _go(app, "Data & export")
        app.no_error_shown()
        assert _process_of(app) != pinned
    finally:
        cluster.start(victim)  # the later tests of the module get two processes again
        deadline = time.monotonic() + 120
        while not healthy(victim.base) and time.monotonic() < deadline:
            time.sleep(0.5)


def _descendants(pid: int) -> set[int]:
    """Every living process whose chain of parents leads to pid."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ctrl_c_on_make_serve_stops_haproxy_and_every_streamlit_process(haproxy):
    port = free_port()
    log = ARTIFACTS_DIR / "balancer-make-serve.log"
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    with log.open("wb") as output:
        # its own process group, as a terminal's foreground job: Ctrl-C sends SIGINT to that whole group
        make = subprocess.Popen(
            ["make", "serve", "PROCESSES=2", f"PORT={port}"],
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            process_group=0,
            env={k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")},
        )
    try:
        deadline = time.monotonic() + 180
        while not healthy(f"http://127.0.0.1:{port}"):
            assert make.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert re.fullmatch(r"SRV=s[12]; path=/; HttpOnly; SameSite=Lax", response.headers["Set-Cookie"])
        started = _descendants(make.pid)
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ") for pid in started]
        assert sum(b"streamlit run" in c for c in commands) == 2 and sum(b"haproxy" in c for c in commands) == 1
        assert not any(b"cookieSecret" in c or b"COOKIE_SECRET" in c for c in commands)  # never on a command line

        os.killpg(make.pid, signal.SIGINT)
        make.wait(timeout=60)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in started if _alive(pid)] == []
        assert "stopped" in log.read_text()
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
