"""N Streamlit processes of the app on loopback ports behind one HAProxy, started and stopped together.

Every process gets the same settings: the same cookie secret (in its environment, never on its command line, which
any local user can read; Streamlit refuses it as a flag anyway), the hosts a reader may use (`server.allowedHosts`),
CORS and XSRF protection on (the balancer serves the page and its websocket from one origin, so neither needs
relaxing). Each process runs in its own process group, so stopping it stops what it started (kaleido's Chromium);
each also gets SIGTERM from the kernel if the launcher dies without stopping it (Linux's parent-death signal), so
no process outlives the launcher.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

from ecodash.serving.haproxy import find_haproxy, render_config

log = logging.getLogger("ecodash.serving")

SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
_PR_SET_PDEATHSIG = 1


class ServingError(RuntimeError):
    """The balanced server could not start or lost a part it cannot replace."""


def free_port(address: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((address, 0))
        return sock.getsockname()[1]


def healthy(base: str) -> bool:
    """Whether `base` answers Streamlit's health check with ok (through the balancer: some process does)."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def configured_secret(app_dir: Path, environ: dict[str, str]) -> str | None:
    """The cookie secret the operator gave, if any: the environment's, else one in a Streamlit config file."""
    if environ.get(SECRET_ENV):
        return environ[SECRET_ENV]
    for config in (app_dir / ".streamlit" / "config.toml", Path.home() / ".streamlit" / "config.toml"):
        with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
            secret = tomllib.loads(config.read_text(encoding="utf-8")).get("server", {}).get("cookieSecret")
            if secret:
                return str(secret)
    return None


def _libc_prctl() -> Callable[..., int] | None:
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: no parent-death signal, stop() still stops every process
        return None


_PRCTL = _libc_prctl()
"""Looked up once in the launcher, so the child only calls it between fork and exec (no import, no lookup)."""


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the launcher's thread exits, however it exits (Linux only)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _stop(process: subprocess.Popen, *, group: bool) -> None:
    """SIGTERM (to its whole group when it leads one), then SIGKILL after STOP_TIMEOUT_S."""

    def send(sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig) if group else process.send_signal(sig)

    if process.poll() is None:
        send(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            send(signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT_S)
    if group:
        send(signal.SIGKILL)  # anything the process started and left behind in its group


@dataclass
class Backend:
    """One Streamlit process: its name (the SRV cookie of its readers), loopback port and process."""

    name: str
    port: int
    log_path: Path
    process: subprocess.Popen | None = None
    started: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """`with Cluster(app, processes=2) as cluster:` serves `app` at cluster.url until the block ends.

    address/port: where HAProxy listens (port 0: a free one). hosts: the host names readers may use
    (server.allowedHosts; the address and localhost are always allowed). secret: the shared cookie secret (default:
    the one configured, else a new random one). env: added to every process's environment (ECODASH_DATA_DIR…).
    """

    app: Path
    processes: int = 2
    address: str = "127.0.0.1"
    port: int = 0
    hosts: Sequence[str] = ()
    secret: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    run_dir: Path | None = None
    backends: list[Backend] = field(default_factory=list, init=False)
    haproxy: subprocess.Popen | None = field(default=None, init=False)
    _env: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _own_run_dir: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self.app = Path(self.app).resolve()
        if not self.app.is_file():
            raise ServingError(f"no app script at {self.app}: run from a checkout of ecodash (app.py)")
        if not 1 <= self.processes <= 64:
            raise ServingError(f"processes must be between 1 and 64, not {self.processes}")

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.address in ("0.0.0.0", "") else self.address
        return f"http://{host}:{self.port}"

    def allowed_hosts(self) -> list[str]:
        hosts = [*self.hosts, "localhost", "127.0.0.1", self.address]
        return [host for host in dict.fromkeys(hosts) if host not in ("0.0.0.0", "")]

    def __enter__(self) -> Self:
        haproxy = find_haproxy()
        self._own_run_dir = self.run_dir is None
        self.run_dir = Path(self.run_dir or tempfile.mkdtemp(prefix="ecodash-serve-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        base_env = {**os.environ, **self.env}
        self.secret = self.secret or configured_secret(self.app.parent, base_env) or secrets.token_hex(32)
        self._env = {**base_env, SECRET_ENV: self.secret}
        self.port = self.port or free_port(self.address or "0.0.0.0")
        try:
            for index in range(1, self.processes + 1):
                backend = Backend(f"s{index}", free_port(), self.run_dir / f"streamlit-s{index}.log")
                self.backends.append(backend)
                self.start(backend)
            self._wait(lambda: all(self._ready(b) for b in self.backends), "the Streamlit processes")
            config = self.run_dir / "haproxy.cfg"
            config.write_text(
                render_config(address=self.address, port=self.port, backends=[(b.name, b.port) for b in self.backends]),
                encoding="utf-8",
            )
            with open(self.run_dir / "haproxy.log", "ab") as haproxy_log:  # the child keeps its own copy
                self.haproxy = subprocess.Popen(
                    [str(haproxy), "-db", "-f", str(config)],
                    stdin=subprocess.DEVNULL,
                    stdout=haproxy_log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # a terminal's Ctrl-C reaches the launcher only, which stops it last
                    preexec_fn=_die_with_parent,  # noqa: PLW1509 (it calls one C function, no Python lock)
                )
            self._wait(lambda: self._haproxy_alive() and healthy(self.url), "HAProxy")
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def command(self, backend: Backend) -> list[str]:
        hosts = [arg for host in self.allowed_hosts() for arg in ("--server.allowedHosts", host)]
        return [
            sys.executable, "-m", "streamlit", "run", str(self.app),
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(backend.port),
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
            "--server.enableCORS", "true", "--server.enableXsrfProtection", "true", *hosts,
            # The address Streamlit prints in its log: the balancer's, where readers go.
            "--browser.serverAddress", self.url.split("//")[1].rsplit(":", 1)[0], "--browser.serverPort", str(self.port),
        ]  # fmt: skip

    def start(self, backend: Backend) -> None:
        """Start (or restart) one process on its port."""
        with open(backend.log_path, "ab") as backend_log:  # the child keeps its own copy
            backend.process = subprocess.Popen(
                self.command(backend),
                cwd=self.app.parent,
                env=self._env,
                stdin=subprocess.DEVNULL,
                stdout=backend_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_die_with_parent,  # noqa: PLW1509 (it calls one C function, no Python lock)
            )
        backend.started = time.monotonic()

    def _ready(self, backend: Backend) -> bool:
        if backend.process is None or backend.process.poll() is not None:
            tail = backend.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise ServingError(f"Streamlit process {backend.name} exited while starting; its log ends:\n{tail}")
        return healthy(backend.base)

    def _haproxy_alive(self) -> bool:
        if self.haproxy is None or self.haproxy.poll() is not None:
            tail = (self.run_dir / "haproxy.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            raise ServingError(f"HAProxy exited while starting; its output ends:\n{tail}")
        return True

    def _wait(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not ready():
            if time.monotonic() > deadline:
                raise ServingError(f"{what} did not answer /_stcore/health within {START_TIMEOUT_S} s")
            time.sleep(0.2)

    def backend(self, name: str) -> Backend:
        """The process whose readers carry the cookie SRV=name."""
        (found,) = [b for b in self.backends if b.name == name]
        return found

    def supervise(self, *, poll_s: float = 1.0) -> None:
        """Until interrupted: restart a Streamlit process that exits (HAProxy sends its readers elsewhere until it
        answers its health checks again); raise ServingError when HAProxy exits or a process keeps dying at start."""
        while True:
            if self.haproxy is None or self.haproxy.poll() is not None:
                raise ServingError(f"HAProxy exited (code {self.haproxy and self.haproxy.returncode})")
            for backend in self.backends:
                if backend.process is not None and backend.process.poll() is not None:
                    lived = time.monotonic() - backend.started
                    if lived < 30:
                        tail = backend.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                        raise ServingError(
                            f"Streamlit process {backend.name} exited {lived:.0f} s after its start "
                            f"(code {backend.process.returncode}); its log ends:\n{tail}"
                        )
                    log.warning(
                        "Streamlit process %s exited (code %s); HAProxy sends its readers to the others; restarting it",
                        backend.name,
                        backend.process.returncode,
                    )
                    self.start(backend)
            time.sleep(poll_s)

    def stop(self) -> None:
        """HAProxy first (no new requests), then every Streamlit process and its group; idempotent. A run folder
        the cluster made itself (config and logs) goes too; one it was given stays."""
        if self.haproxy is not None:
            _stop(self.haproxy, group=True)
        for backend in self.backends:
            if backend.process is not None:
                _stop(backend.process, group=True)
        if self._own_run_dir and self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
