"""Helpers of the tests: the platform's address, the Java side, subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


def java(*program: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
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
    results = [json.loads(line[len("@@ringrift ") :]) for line in done.stdout.splitlines() if line.startswith("@@ringrift ")]
    assert len(results) == len(commands), f"the batch ran {len(results)} of {len(commands)}:\n{done.stderr[-4000:]}"
    return results


def python(*args: str, env: dict[str, str], **kwargs: Any) -> subprocess.Popen:
    """Starts ``/usr/bin/python3 args`` (this interpreter) with output to a pipe."""
    return subprocess.Popen([sys.executable, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
