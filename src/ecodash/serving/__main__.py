"""`python -m ecodash.serving` (what `make serve` runs): N Streamlit processes behind HAProxy until Ctrl-C."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from ecodash.serving.cluster import Cluster, ServingError
from ecodash.serving.haproxy import HaproxyMissing

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m ecodash.serving",
        description="Serve app.py with several Streamlit processes behind HAProxy, with sticky sessions.",
    )
    parser.add_argument("--processes", type=int, default=_cores(), help="Streamlit processes (default: the cores)")
    parser.add_argument("--address", default="127.0.0.1", help="where HAProxy listens (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port (default: 8501)")
    parser.add_argument(
        "--host",
        action="append",
        default=[],
        help="a host name readers use to reach it (server.allowedHosts; repeatable; localhost is always allowed)",
    )
    parser.add_argument("--app", type=Path, default=Path("app.py"), help="the app script (default: ./app.py)")
    return parser


def _stop_on(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # SIGTERM and SIGHUP stop as Ctrl-C does: the `with` block stops every process


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="ecodash serve: %(message)s", stream=sys.stderr)
    log = logging.getLogger("ecodash.serving")
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started with SIGINT ignored (`cmd &`)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop_on)
    hosts = [host for value in args.host for host in value.replace(",", " ").split()]
    try:
        with Cluster(args.app, processes=args.processes, address=args.address, port=args.port, hosts=hosts) as cluster:
            ports = ", ".join(str(backend.port) for backend in cluster.backends)
            log.info(
                "%d Streamlit processes (127.0.0.1 ports %s) behind HAProxy at %s; logs and haproxy.cfg in %s "
                "(removed at the end). Ctrl-C stops them all.",
                len(cluster.backends),
                ports,
                cluster.url,
                cluster.run_dir,
            )
            cluster.supervise()
    except KeyboardInterrupt:
        log.info("stopped")
        return EXIT_OK
    except HaproxyMissing as error:
        log.error("%s", error)
        return EXIT_USAGE
    except ServingError as error:
        log.error("%s", error)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
