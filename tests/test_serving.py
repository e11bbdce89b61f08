"""The HAProxy configuration `make serve` writes, and where it looks for HAProxy and the cookie secret."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ecodash.serving.cluster import SECRET_ENV, configured_secret
from ecodash.serving.haproxy import HaproxyMissing, find_haproxy, render_config

BACKENDS = [("s1", 9101), ("s2", 9102)]


def test_the_config_makes_readers_stick_checks_health_and_keeps_websockets_open():
    config = render_config(address="127.0.0.1", port=9100, backends=BACKENDS)
    lines = [line.strip() for line in config.splitlines()]
    assert 'cookie SRV insert indirect nocache httponly attr "SameSite=Lax"' in lines
    assert "option httpchk GET /_stcore/health" in lines
    assert "timeout tunnel 1h" in lines
    assert "bind 127.0.0.1:9100" in lines
    servers = [line for line in lines if line.startswith("server ")]
    assert servers == ["server s1 127.0.0.1:9101 cookie s1", "server s2 127.0.0.1:9102 cookie s2"]


@pytest.mark.parametrize("backends", [[], [("s-1", 9101)], [("s1;x", 9101)]])
def test_no_process_or_a_name_that_is_no_cookie_value_is_refused(backends):
    with pytest.raises(ValueError):
        render_config(address="127.0.0.1", port=9100, backends=backends)


@pytest.mark.skipif(not Path("/usr/sbin/haproxy").exists() and not shutil.which("haproxy"), reason="no HAProxy")
def test_haproxy_accepts_the_config(tmp_path):
    config = tmp_path / "haproxy.cfg"
    config.write_text(render_config(address="127.0.0.1", port=9100, backends=BACKENDS), encoding="utf-8")
    checked = subprocess.run(
        [str(find_haproxy()), "-c", "-f", str(config)], check=False, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_missing_haproxy_names_the_apt_command(tmp_path):
    with pytest.raises(HaproxyMissing, match="apt-get install -y haproxy"):
        find_haproxy({"HAPROXY": str(tmp_path / "none"), "PATH": str(tmp_path)})


def test_the_operators_secret_comes_first_from_the_environment_then_a_config_file(tmp_path):
    assert configured_secret(tmp_path, {SECRET_ENV: "from-env"}) == "from-env"
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text('[server]\ncookieSecret = "from-file"\n', encoding="utf-8")
    assert configured_secret(tmp_path, {}) == "from-file"
