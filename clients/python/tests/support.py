"""Helpers of the tests: the platform's address, the Java side, subprocesses."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
TESTS = Path(__file__).resolve().parent
PYTHON_SRC = REPO / "clients" / "python" / "src"


@dataclass(frozen=True)
class Platform:
    """The running broker and registry."""

    bootstrap_servers: str
    registry_url: str
    data_dir: Path

    def env(self, **extra: str) -> dict[str, str]:
        """This process's environment pointed at the platform, for subprocesses."""
        env = dict(os.environ)
        env.update(
            RINGRIFT_BOOTSTRAP_SERVERS=self.bootstrap_servers,
            RINGRIFT_SCHEMA_REGISTRY_URL=self.registry_url,
            PYTHONPATH=str(PYTHON_SRC),
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def connection(self) -> list[str]:
        """The CLI's options for this platform."""
        return ["--bootstrap-server", self.bootstrap_servers, "--registry-url", self.registry_url]


def java(
    *program: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Runs ``java <program>`` with the checkout's classpath (scripts/lib/classpath.sh)."""
    script = 'source scripts/lib/classpath.sh; exec java -cp "$ringrift_classpath" "$@"'
    return subprocess.run(
        ["bash", "-c", script, "java", *program],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def ringrift_batch(commands: list[list[str]], workdir: Path) -> list[dict[str, Any]]:
    """Runs ``ringrift`` command lines in one JVM; each result has ``exit``, ``out`` and ``err``."""
    file = workdir / "commands.jsonl"
    file.write_text("".join(json.dumps(c) + "\n" for c in commands))
    done = java(str(TESTS / "java" / "RingriftBatch.java"), str(file))
    results = [
        json.loads(line[len("@@ringrift ") :])
        for line in done.stdout.splitlines()
        if line.startswith("@@ringrift ")
    ]
    assert len(results) == len(
        commands
    ), f"the batch ran {len(results)} of {len(commands)}:\n{done.stderr[-4000:]}"
    return results


def python(*args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen:
    """Starts ``/usr/bin/python3 args`` (this interpreter) with output to a pipe."""
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def docs_example(title: str, directory: Path) -> Path:
    """The program ``title`` of docs/python.md (a ```python title="..." block), written to ``directory``."""
    text = (REPO / "docs" / "python.md").read_text()
    match = re.search(r'```python title="' + re.escape(title) + r'"\n(.*?)\n```', text, re.S)
    assert match, f'docs/python.md has no ```python title="{title}" block'
    path = directory / title
    path.write_text(match.group(1) + "\n")
    return path


class Output:
    """The lines a subprocess prints, read on a thread so that a test can wait for one."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.lines: list[str] = []
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def expect(self, pattern: str, timeout: float = 120) -> re.Match:
        """Waits for a line matching ``pattern`` (a regular expression) and returns its match."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self._changed:
            while True:
                for line in self.lines[seen:]:
                    found = re.search(pattern, line)
                    if found:
                        return found
                seen = len(self.lines)
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and seen == len(self.lines)):
                    tail = "\n".join(self.lines[-30:])
                    raise AssertionError(
                        f"no line matching {pattern!r} within {timeout} s; output:\n{tail}"
                    )
                self._changed.wait(min(left, 0.5))

    def matching(self, pattern: str) -> list[str]:
        """The lines so far that match ``pattern``."""
        with self._changed:
            return [line for line in self.lines if re.search(pattern, line)]


def free_port() -> int:
    """A port nothing listens on (bound and released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
