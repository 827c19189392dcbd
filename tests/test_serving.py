"""`python -m ui` serves this computer only, calls nobody at start, cannot be framed and keeps its metrics to itself."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from .conftest import ROOT, free_port
from .loadtest import wait_healthy

LOCAL = re.compile(r'sin_addr=inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|sa_family=AF_UNIX|sa_family=AF_NETLINK')


@pytest.mark.slow
def test_the_app_listens_locally_and_calls_nobody_at_start(tmp_path):
    port = free_port()
    env = {**os.environ, "KANSENWIJZER_PORT": str(port), "KANSENWIJZER_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "ui"]
    trace = tmp_path / "connect.log"
    if shutil.which("strace"):  # every connect() the app and its children make, local or not
        command = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *command]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        wait_healthy(port, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
        with pytest.raises(urllib.error.HTTPError) as closed:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=10)
        assert closed.value.code == 404
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout if shutil.which("ss") else ""
        assert not listening or all(line.split()[3].startswith("127.0.0.1:") for line in listening.splitlines())
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = proc.communicate(timeout=30)[0]
    assert f"URL: http://127.0.0.1:{port}" in output and "External URL" not in output and "Network URL" not in output
    if trace.exists():
        outgoing = [line for line in trace.read_text().splitlines() if "connect(" in line and not LOCAL.search(line)]
        assert not outgoing, outgoing
    else:
        pytest.skip("strace is not installed: the listening address and headers were checked, outgoing connections not")
