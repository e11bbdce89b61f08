"""Load benchmark: 20 concurrent sessions against one ecodash server, for 60 s. Prints a table; never a test.

    .venv/bin/python bench/bench_sessions.py [--sessions 20] [--seconds 60] [--think 2 5] [--only realistic|stress]
        [--data-10k DIR] [--balanced N] [--no-record]

Starts `streamlit run app.py` on a free loopback port, opens --sessions sessions at once and has each, for
--seconds, switch pages (Overview, Compare, Funding, Pillars, Profile, Sources) and change selections (the
page's segmented controls and multiselects: scale, sort, FX basis, per million, regions, indicators…). Then it
stops the sessions and kills the server (bounded in count and time, loopback only).

Two runs per dataset, labelled apart. **Realistic**: a room of readers think between actions: each session waits
a uniform random time between --think LOW and HIGH seconds (default 2–5 s) after each settled page before its next
action (the wait is not part of any latency). **Stress**: no pause, one action right after another (20 sessions
then ask far more than 20 readers would). The recorded `load_p95_s` is the realistic run's; the stress run's
figures are recorded with the `_stress` suffix (`load_p95_s_stress`…).

The sessions speak Streamlit's own websocket protocol (`streamlit.proto` BackMsg / ForwardMsg over `websockets`),
as the browser's frontend does: a rerun request carries the page and the widget states, and the page has settled
when the server sends `script_finished`. Why not 20 Playwright contexts: 20 Chromium renderers saturate this
2-core machine by themselves (most actions did not settle within 60 s), so they would measure the browsers,
not the server. The browser's own drawing is measured by bench_browser.py.

Reported: errors (an exception or error box on the page, a compile error, a lost connection, an action not
settled within 60 s), p50 and p95 of the time from an action to its settled page, actions per second, and the
server's peak memory (VmHWM of its process). With --data-10k DIR (a synthetic dataset, e.g. from
bench/generate.py) the same run is repeated with ECODASH_DATA_DIR=DIR.

With --balanced N (and --data-10k), each run on that dataset (realistic, stress) is also made through HAProxy
(`ecodash.serving.Cluster`, what `make serve` runs) with 1 process and then with N, each process warmed up
directly first: `balanced_speedup_10k` is the realistic run's actions per second with N processes over those with
1, and `load_p95_s_10k_balanced` its p95 with N (peak memory: the sum over the processes); the stress run's are
`balanced_speedup_10k_stress`… The realistic rate has a ceiling, sessions ÷ (mean think time + latency), that the
server's capacity does not move: the stress run measures what N processes serve.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving
from ecodash.serving import Cluster
from record import record

ROOT = Path(__file__).resolve().parents[1]
PAGES = ("overview", "compare", "funding", "pillars", "profile", "sources")
"""The pages a session visits, by url path (the app's default page has the path "overview" too)."""
ACTION_TIMEOUT_S = 60
SETTLED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
SERVER_LOG = Path(tempfile.gettempdir()) / "ecodash-bench-sessions-server.log"
CHANGES_PER_PAGE = 2
"""Selections changed on a page before the session moves to the next one."""


@dataclass
class Widget:
    """A segmented control or multiselect as the frontend knows it: its options and current values (shown text)."""

    id: str
    kind: str
    label: str
    options: list[str]
    values: list[str]
    fragment_id: str


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


@contextlib.contextmanager
def serve(data_dir: Path | None) -> Iterator[tuple[int, subprocess.Popen]]:
    env = dict(os.environ)
    if data_dir is not None:
        env["ECODASH_DATA_DIR"] = str(data_dir)
    with open(SERVER_LOG, "wb") as log, serving.streamlit("app.py", cwd=ROOT, env=env, log=log) as (base, server, _):
        yield int(base.rsplit(":", 1)[1]), server


class Session:
    """One reader: a websocket session that asks for reruns and waits for each to settle."""

    def __init__(self, ws, stats: Stats, rng: random.Random):
        self.ws, self.stats, self.rng = ws, stats, rng
        self.pages: dict[str, str] = {}  # url path -> page_script_hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}

    async def rerun(self, *, page_hash: str = "", widgets: list[Widget] = (), fragment_id: str = "") -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        state.page_script_hash = page_hash
        state.fragment_id = fragment_id
        for widget in widgets:
            ws = state.widget_states.widgets.add()
            ws.id = widget.id
            ws.string_array_value.data[:] = widget.values
        state.context_info.locale = "en-GB"
        state.context_info.timezone = "UTC"
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        try:
            await asyncio.wait_for(self._until_settled(fragment=bool(fragment_id)), ACTION_TIMEOUT_S)
        except TimeoutError:
            self.stats.errors.append(f"not settled within {ACTION_TIMEOUT_S} s")
            self.stats.latencies.append(float(ACTION_TIMEOUT_S))  # at least this long: p50/p95 must not drop it
            return
        self.stats.latencies.append(time.perf_counter() - start)

    async def _until_settled(self, *, fragment: bool) -> None:
        if not fragment:
            self.widgets = {}
        while True:
            raw = await self.ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "delta":
                self._read_delta(msg)
            elif kind == "page_not_found":
                self.stats.errors.append("page not found")
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    self.stats.errors.append("compile error")
                if msg.script_finished in SETTLED:
                    return

    def _read_delta(self, msg: ForwardMsg) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.stats.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            self.stats.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "button_group" and not element.button_group.disabled:
            proto = element.button_group
            options = [o.content for o in proto.options]
            values = list(proto.raw_values) if proto.set_value else [options[i] for i in proto.default]
            self.widgets[proto.id] = Widget(proto.id, kind, proto.label, options, values, delta.fragment_id)
        elif kind == "multiselect" and not element.multiselect.disabled:
            proto = element.multiselect
            options = list(proto.options)
            values = list(proto.raw_values) if proto.set_value else [options[i] for i in proto.default]
            self.widgets[proto.id] = Widget(proto.id, kind, proto.label, options, values, delta.fragment_id)

    async def open(self, path: str) -> None:
        await self.rerun(page_hash=self.pages.get(path, ""))

    async def change_selection(self) -> None:
        """Pick one of the page's controls and another value for it, as a reader's click would."""
        choices = [w for w in self.widgets.values() if len(w.options) > 1 and w.label not in ("Language", "Theme")]
        if not choices:
            return
        widget = self.rng.choice(choices)
        if widget.kind == "multiselect":  # drop one chosen option or add one more
            if len(widget.values) > 1 and self.rng.random() < 0.5:
                values = [v for v in widget.values if v != self.rng.choice(widget.values)]
            else:
                values = widget.values + [
                    self.rng.choice([o for o in widget.options if o not in widget.values] or widget.options)
                ]
            values = list(dict.fromkeys(values))
        else:
            values = [self.rng.choice([o for o in widget.options if o not in widget.values] or widget.options)]
        widget.values = values
        await self.rerun(page_hash=self.page_hash, widgets=list(self.widgets.values()), fragment_id=widget.fragment_id)


async def one_session(url: str, stats: Stats, seed: int, deadline: float, think: tuple[float, float]) -> None:
    rng = random.Random(seed)

    async def pause() -> None:  # a reader reading the page before the next click (0 in the stress run)
        if think[1] > 0:
            await asyncio.sleep(min(rng.uniform(*think), max(0.0, deadline - time.monotonic())))

    try:
        async with websockets.connect(
            url, subprotocols=["streamlit"], max_size=None, open_timeout=60, ping_interval=None
        ) as ws:
            session = Session(ws, stats, rng)
            await session.rerun()  # the first page, as a browser's first visit
            pages = list(PAGES)
            rng.shuffle(pages)
            step = 0
            while time.monotonic() < deadline:
                await pause()
                if time.monotonic() >= deadline:
                    break
                await session.open(pages[step % len(pages)])
                for _ in range(CHANGES_PER_PAGE):
                    await pause()
                    if time.monotonic() >= deadline:
                        break
                    await session.change_selection()
                step += 1
    except (OSError, websockets.WebSocketException) as error:
        stats.errors.append(f"connection: {error!r}")


async def warm_up(url: str) -> float:
    """One first visit before the readers come (a team's server is started before the room opens the link):
    the process imports the app and loads the dataset once. Returns its seconds (reported, not in the p50/p95)."""
    stats = Stats()
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, ping_interval=None) as ws:
        await Session(ws, stats, random.Random(0)).rerun()
    if stats.errors or not stats.latencies:
        raise RuntimeError(f"the first page did not settle: {stats.errors}")
    return stats.latencies[0]


@contextlib.contextmanager
def serve_balanced(data_dir: Path, processes: int) -> Iterator[tuple[int, list[int], list[int]]]:
    """`processes` Streamlit processes behind HAProxy: (HAProxy's port, each process's port, each process's pid)."""
    env = {"ECODASH_DATA_DIR": str(data_dir)}
    with Cluster(ROOT / "app.py", processes=processes, env=env) as cluster:
        yield (cluster.port, [b.port for b in cluster.backends], [b.process.pid for b in cluster.backends])


async def drive(
    port: int, sessions: int, seconds: float, think: tuple[float, float], warm_ports: tuple[int, ...] = ()
) -> tuple[Stats, float, float]:
    """The sessions against `port`, after a first visit to it, or to each of `warm_ports` (the processes behind a
    balancer, each warmed up directly; the first visit reported is the slowest)."""
    stats = Stats()
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    firsts = [await warm_up(f"ws://127.0.0.1:{warm}/_stcore/stream") for warm in warm_ports or (port,)]
    first = max(firsts)
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(one_session(url, stats, seed, deadline, think) for seed in range(sessions)))
    return stats, time.monotonic() - start, first


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def measure(
    sessions: int, seconds: float, data_dir: Path | None, think: tuple[float, float], balanced: int = 0
) -> dict[str, float]:
    """One run; `balanced` > 0: through HAProxy with that many processes."""
    if balanced:
        with serve_balanced(data_dir, balanced) as (port, ports, pids):
            stats, elapsed, first = asyncio.run(drive(port, sessions, seconds, think, tuple(ports)))
            peak = sum(peak_memory_mb(pid) for pid in pids)
    else:
        with serve(data_dir) as (port, server):
            stats, elapsed, first = asyncio.run(drive(port, sessions, seconds, think))
            peak = peak_memory_mb(server.pid)
    for error in dict.fromkeys(stats.errors):
        print(f"  error ({stats.errors.count(error)}×): {error}")
    lat = stats.latencies or [float("nan")]
    return {
        "errors": len(stats.errors),
        "actions": len(stats.latencies),
        "p50": statistics.median(lat),
        "p95": percentile(lat, 95),
        "max": max(lat),
        "rate": len(stats.latencies) / elapsed,
        "peak_mb": peak,
        "elapsed": elapsed,
        "first": first,
    }


def _row(name: str, facts: int, mode: str, sessions: int, r: dict) -> str:
    """One run's line of the table."""
    return (
        f"| {name} | {facts} | {mode} | {r['first']:.1f} s | {sessions} | {r['actions']} | {r['rate']:.1f} | "
        f"{r['errors']} | {r['p50']:.2f} s | {r['p95']:.2f} s | {r['max']:.2f} s | {r['peak_mb']:.0f} MB |"
    )


def _facts(data_dir: Path | None) -> int:
    path = (data_dir or ROOT / "data") / "facts.csv"
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in handle) - 1  # the header (quotes hold no line breaks in these files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(2.0, 5.0),
        metavar=("LOW", "HIGH"),
        help="the realistic run's pause between a session's actions, uniform in [LOW, HIGH] seconds",
    )
    parser.add_argument("--only", choices=("realistic", "stress"), help="run one of the two modes only")
    parser.add_argument("--data-10k", type=Path, help="also run on this dataset (10 000 synthetic facts)")
    parser.add_argument(
        "--balanced",
        type=int,
        metavar="N",
        help="with --data-10k: its realistic run through HAProxy, 1 then N processes",
    )
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/results.json alone")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 50 or not 1 <= args.seconds <= 300:
        parser.error("at most 50 sessions and 300 s: this is a bounded load run on loopback")
    if not 0 <= args.think[0] <= args.think[1] <= 60:
        parser.error("--think LOW HIGH: 0 <= LOW <= HIGH <= 60 seconds")
    if args.balanced is not None and (not args.data_10k or not 2 <= args.balanced <= 8):
        parser.error("--balanced N: 2 <= N <= 8, with --data-10k DIR")
    datasets = [("curated", None, "")] + ([("synthetic", args.data_10k, "_10k")] if args.data_10k else [])
    low, high = args.think
    modes = [
        (f"realistic (think {low:g}–{high:g} s)", tuple(args.think), ""),
        ("stress (no pause)", (0.0, 0.0), "_stress"),
    ]
    modes = [m for m in modes if args.only is None or m[0].startswith(args.only)]
    lines = [
        (
            "| data | facts | run | first page (cold) | sessions | actions | actions/s | errors | p50 | p95 | max | "
            "server peak memory |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    keys: dict[str, object] = {}
    for (name, data_dir, data_suffix), (mode, think, mode_suffix) in ((d, m) for d in datasets for m in modes):
        suffix = mode_suffix + data_suffix
        print(f"{name}, {mode}: {args.sessions} sessions for {args.seconds:.0f} s…", flush=True)
        r = measure(args.sessions, args.seconds, data_dir, think)
        lines.append(_row(name, _facts(data_dir), mode, args.sessions, r))
        keys |= {
            f"load_first_page_s{suffix}": round(r["first"], 2),
            f"load_sessions{suffix}": args.sessions,
            f"load_errors{suffix}": r["errors"],
            f"load_p50_s{suffix}": round(r["p50"], 3),
            f"load_p95_s{suffix}": round(r["p95"], 3),
            f"load_peak_mem_mb{suffix}": round(r["peak_mb"], 1),
            f"load_actions_per_s{suffix}": round(r["rate"], 2),
        }
    for mode, think, mode_suffix in modes if args.balanced else ():
        runs = {}
        for processes in (1, args.balanced):
            print(f"synthetic, {mode}, through HAProxy, {processes} process(es)…", flush=True)
            runs[processes] = r = measure(args.sessions, args.seconds, args.data_10k, think, processes)
            lines.append(
                _row("synthetic", _facts(args.data_10k), f"{mode}, HAProxy, {processes} process(es)", args.sessions, r)
            )
        one, many = runs[1], runs[args.balanced]
        suffix = "_10k_balanced" + mode_suffix
        keys |= {
            f"load_processes{suffix}": args.balanced,
            f"load_errors{suffix}": many["errors"] + one["errors"],
            f"load_p95_s{suffix}": round(many["p95"], 3),
            f"load_p95_s{suffix}_1": round(one["p95"], 3),
            f"load_actions_per_s{suffix}": round(many["rate"], 2),
            f"load_actions_per_s{suffix}_1": round(one["rate"], 2),
            f"balanced_speedup_10k{mode_suffix}": round(many["rate"] / one["rate"], 2) if one["rate"] else float("nan"),
        }
    lines += [
        "",
        (
            f"{args.sessions} concurrent sessions over Streamlit's websocket protocol (no browsers), "
            f"{args.seconds:.0f} s each run; an action is a page switch or a changed selection, timed until the "
            "server sends `script_finished`. Realistic: each session pauses a uniform "
            f"{low:g}–{high:g} s between actions (a reader reading; not timed); stress: no pause. The first page "
            "(one visit before the sessions start: imports and the dataset's load) is shown apart. "
            "Target: 0 errors, p95 ≤ 3 s (the realistic run); through HAProxy (--balanced N): p95 ≤ 5 s with N "
            "processes and actions per second with N ≥ 1.6 × with 1."
        ),
    ]
    markdown = "\n".join(lines)
    print("\n" + markdown)
    if not args.no_record:
        command = "python bench/bench_sessions.py " + " ".join(sys.argv[1:])
        record("load", command=command.strip(), markdown=markdown, keys=keys, runs=1)


if __name__ == "__main__":
    main()
