"""Starts the embedded registry the way an operator does, `scripts/ringrift up --no-loop`, on
free ports and a fresh data directory, for Confluent's own Python client to talk to."""

import os
import pathlib
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[5]
START_TIMEOUT_S = 600  # the first run may build the CLI
STOP_TIMEOUT_S = 120
REGISTRY_UP = re.compile(r"schema registry up at (http://\S+?),")


@pytest.fixture(scope="session")
def registry_url():
    data = tempfile.mkdtemp(prefix="ringrift-registry-pytest-")
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "ringrift"), "up", "--no-loop", "--fresh",
         "--data-dir", data, "--port", "0", "--controller-port", "0", "--registry-port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True)
    lines = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    seen = []
    try:
        url = _await_ready(process, lines, seen)
        yield url
    finally:
        _stop(process)
        shutil.rmtree(data, ignore_errors=True)


def _pump(stream, lines):
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)


def _await_ready(process, lines, seen):
    url = None
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        match = REGISTRY_UP.search(line)
        if match:
            url = match.group(1)
        if line.startswith("ready:") and url:
            return url
    _stop(process)
    raise RuntimeError("ringrift up did not get ready; its output:\n" + "\n".join(seen[-40:]))


def _stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
