"""The command protocol helpers print what the stages' own CommandAction reads, and need no Kafka."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ringrift_events import protocol
from support import PYTHON_SRC, TESTS, docs_example, java

EXPORT = """
from ringrift_events.protocol import ExportResult, result
print("exported 120 samples")
result(ExportResult(npz_path="/data/npz/square8_2p/run-1.npz", total_samples=120, games_used=12))
"""
EVALUATION = """
from ringrift_events.protocol import BaselineResult, EvaluationResult, HeadToHeadResult, result
result(EvaluationResult(
    elo=1612.5, games_played=300, win_rate=0.61,
    baselines=[BaselineResult("RANDOM", 400.0, 50, 48, 2, 0.96),
               BaselineResult("HEURISTIC", 1000.0, 50, 30, 18, 0.62, draws=2)],
    head_to_head=HeadToHeadResult("model-41", 1580.0, 200, 110, 84, 0.565, draws=6)))
"""
FAILING = """
from ringrift_events.protocol import fail
print("loading the shard")
fail("RuntimeError: CUDA out of memory", exit_code=3)
"""


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Runs the programs through Java's CommandAction in one JVM: the docs' training action on a
    real NPZ, an export, an evaluation, and a failure."""
    work = tmp_path_factory.mktemp("protocol")
    rng = np.random.default_rng(3)
    np.savez(
        work / "shard.npz",
        features=rng.normal(size=(64, 2, 4)),
        policy=rng.random((64, 8)),
        values=rng.uniform(-1, 1, 64),
    )
    action = docs_example("train_action.py", work)
    programs = {}
    for name, source in (("export", EXPORT), ("evaluation", EVALUATION), ("failing", FAILING)):
        programs[name] = work / f"{name}.py"
        programs[name].write_text(source)
    python = sys.executable
    runs = [
        {
            "stage": "training",
            "template": f"{python} {action} --data {work}/shard.npz --out {work}/model.npz --epochs 3",
        },
        {
            "stage": "training",
            "template": f"{python} {action} --data {work}/missing.npz --out {work}/model.npz",
        },
        {"stage": "export", "template": f"{python} {programs['export']}"},
        {"stage": "evaluation", "template": f"{python} {programs['evaluation']}"},
        {"stage": "training", "template": f"{python} {programs['failing']}"},
    ]
    (work / "checks.json").write_text(json.dumps(runs))
    env = {**os.environ, "PYTHONPATH": str(PYTHON_SRC)}  # the action programs inherit it
    done = java(
        str(TESTS / "java" / "CommandProtocolCheck.java"),
        str(work / "checks.json"),
        str(work / "logs"),
        env=env,
    )
    results = [
        json.loads(line[len("@@protocol ") :])
        for line in done.stdout.splitlines()
        if line.startswith("@@protocol ")
    ]
    assert len(results) == len(runs), done.stdout[-3000:] + done.stderr[-3000:]
    return results


def test_the_stage_reads_the_training_result_and_every_progress_line(
    checks: list[dict[str, Any]], tmp_path: Path
) -> None:
    training = checks[0]
    assert training["succeeded"], training["reason"]
    read = training["read"]
    assert read["epochs"] == 3 and read["samples_trained"] == 64 * 3 and read["model_id"] is None
    assert read["model_path"].endswith("model.npz") and read["final_loss"] > 0
    assert [p["epoch"] for p in training["progress"]] == [1, 2, 3]
    assert all(
        p["total_epochs"] == 3 and p["loss"] > 0 and p["val_loss"] is None
        for p in training["progress"]
    )
    losses = [p["loss"] for p in training["progress"]]
    assert losses == sorted(losses, reverse=True)  # gradient descent: the loss goes down


def test_a_failure_exits_non_zero_with_the_reason_as_the_last_line(
    checks: list[dict[str, Any]]
) -> None:
    missing, failing = checks[1], checks[4]
    assert missing["failure"] == "NON_ZERO_EXIT"
    assert "exit code 2" in missing["reason"] and "cannot read the shard" in missing["reason"]
    assert failing["failure"] == "NON_ZERO_EXIT"
    assert "exit code 3; last output: RuntimeError: CUDA out of memory" in failing["reason"]


def test_the_stage_reads_the_export_and_evaluation_results(checks: list[dict[str, Any]]) -> None:
    export, evaluation = checks[2], checks[3]
    assert export["succeeded"], export["reason"]
    assert export["read"] == {
        "npz_path": "/data/npz/square8_2p/run-1.npz",
        "total_samples": 120,
        "games_used": 12,
    }
    assert evaluation["succeeded"], evaluation["reason"]
    read = evaluation["read"]
    assert (read["elo"], read["games_played"], read["win_rate"]) == (1612.5, 300, 0.61)
    assert read["baselines"][1] == {
        "baseline": "HEURISTIC",
        "baseline_elo": 1000.0,
        "games": 50,
        "wins": 30,
        "losses": 18,
        "draws": 2,
        "win_rate": 0.62,
    }
    assert (
        read["head_to_head"]["champion_model_id"] == "model-41"
        and read["head_to_head"]["draws"] == 6
    )


def test_the_protocol_imports_neither_kafka_nor_avro() -> None:
    code = (
        "import sys; from ringrift_events.protocol import result; import ringrift_events;"
        " from ringrift_events import progress;"
        " loaded = [m for m in ('confluent_kafka', 'avro', 'yaml') if m in sys.modules]; print(loaded)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(PYTHON_SRC)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: protocol.progress(1, 20, float("inf")),
            "progress.loss must be a finite number, was inf",
        ),
        (lambda: protocol.progress(-1, 20, 0.5), "progress.epoch must be at least 0, was -1"),
        (
            lambda: protocol.result(protocol.TrainingResult("m.pth", 20.0, 0.4, 100)),
            "TrainingResult.epochs must be an integer, was 20.0",
        ),
        (
            lambda: protocol.result(protocol.ExportResult(7, 1, 1)),
            "ExportResult.npz_path must be a string, was 7",
        ),
        (
            lambda: protocol.result(
                protocol.EvaluationResult(1500.0, 10, 0.5, baselines=[{"baseline": "RANDOM"}])
            ),
            r"EvaluationResult.baselines\[0\] must be a BaselineResult",
        ),
    ],
)
def test_a_value_the_stage_cannot_read_is_refused_before_it_is_printed(
    call: Any, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValueError, match=message):
        call()
    assert capsys.readouterr().out == ""
