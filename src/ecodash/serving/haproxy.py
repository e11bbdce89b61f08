"""HAProxy for `make serve`: where its program is, and its configuration, rendered from haproxy.cfg.template."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).with_name("haproxy.cfg.template")
DEBIAN_HAPROXY = Path("/usr/sbin/haproxy")
"""Where Debian's package puts it: /usr/sbin is not on a normal user's PATH."""
INSTALL = "sudo apt-get install -y haproxy"
"""How to get it, the way the browser tests get Chromium (apt-get install -y chromium)."""


class HaproxyMissing(RuntimeError):
    """No HAProxy program where ecodash looks for one."""


def find_haproxy(environ: dict[str, str] | None = None) -> Path:
    """$HAPROXY if set, else `haproxy` on the PATH, else Debian's /usr/sbin/haproxy; raises HaproxyMissing."""
    environ = os.environ if environ is None else environ
    given = environ.get("HAPROXY")
    candidates = [Path(given)] if given else []
    on_path = shutil.which("haproxy", path=environ.get("PATH"))
    candidates += [Path(on_path)] if on_path else []
    candidates.append(DEBIAN_HAPROXY)
    for candidate in candidates if not given else candidates[:1]:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    looked = f"$HAPROXY={given}" if given else f"haproxy on the PATH and {DEBIAN_HAPROXY}"
    raise HaproxyMissing(f"make serve needs HAProxy, and there is none ({looked}). Install Debian's package: {INSTALL}")


def render_config(*, address: str, port: int, backends: Sequence[tuple[str, int]]) -> str:
    """The configuration of one run: HAProxy listens on address:port and balances over the (name, port) processes
    on loopback; a process's name is also the value of its readers' SRV cookie."""
    if not backends:
        raise ValueError("at least one Streamlit process is needed")
    for name, _ in backends:
        if not name.isalnum():
            raise ValueError(f"a process name is a cookie value, letters and digits only: {name!r}")
    servers = "\n".join(f"    server {name} 127.0.0.1:{backend_port} cookie {name}" for name, backend_port in backends)
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        processes=len(backends), address=address, port=port, servers=servers
    )
