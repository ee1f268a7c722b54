"""A real broker and schema registry for the whole session: ``scripts/ringrift up --no-loop`` on
free ports (the embedded KRaft broker with the topic catalog applied and every schema registered),
and the Java side of the tests run through the real ``ringrift`` CLI in one JVM.

Set RINGRIFT_NO_BUILD=1 when the Java build is done (CI runs the tests after ``mvn -B verify``);
otherwise ``scripts/ringrift`` builds what changed first.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

from ringrift_events import Contract, Settings
from support import REPO, Platform, free_port

STARTUP_TIMEOUT_S = 600  # a first run builds the Java tool (minutes on a busy machine)


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data = tmp_path_factory.mktemp("ringrift-up")
    log = data / "up.log"
    ports = ["--port", "0", "--controller-port", "0", "--registry-port", "0", "--http-port", "0"]
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                str(REPO / "scripts" / "ringrift"),
                "up",
                "--no-loop",
                "--fresh",
                "--data-dir",
                str(data / "var"),
                *ports,
            ],
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        bootstrap, registry = _wait_ready(process, log)
        platform = Platform(bootstrap, registry, data)
        saved = {
            k: os.environ.get(k)
            for k in ("RINGRIFT_BOOTSTRAP_SERVERS", "RINGRIFT_SCHEMA_REGISTRY_URL")
        }
        # the package's docstring examples read the environment, as a trainer does
        os.environ.update(
            RINGRIFT_BOOTSTRAP_SERVERS=bootstrap, RINGRIFT_SCHEMA_REGISTRY_URL=registry
        )
        yield platform
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    finally:
        _stop(process)


def _wait_ready(process: subprocess.Popen, log: Path) -> tuple[str, str]:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        ready = re.search(r"^ready: bootstrap servers (\S+)", text, re.M)
        registry = re.search(r"schema registry up at (\S+),", text)
        if ready and registry:
            return ready.group(1), registry.group(1)
        if process.poll() is not None:
            pytest.fail(f"scripts/ringrift up exited with {process.returncode}:\n{text[-4000:]}")
        time.sleep(0.2)
    pytest.fail(
        f"scripts/ringrift up was not ready within {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-4000:]}"
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    # SIGTERM, not SIGINT, which a shell without job control makes background children ignore;
    # either runs the shutdown hook that stops the broker cleanly
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@pytest.fixture(scope="session")
def contract() -> Contract:
    return Contract.load()


@pytest.fixture(scope="session")
def settings(platform: Platform) -> Settings:
    return Settings(
        bootstrap_servers=platform.bootstrap_servers, schema_registry_url=platform.registry_url
    )


@pytest.fixture(scope="session")
def offline() -> Settings:
    """Settings of a cluster that does not exist: for what must not touch the network."""
    return Settings(
        bootstrap_servers=f"127.0.0.1:{free_port()}",
        schema_registry_url=f"http://127.0.0.1:{free_port()}",
    )
