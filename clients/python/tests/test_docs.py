"""The package's docstring examples and the trainer of docs/python.md run against the platform
(the selfplay worker and the action program run in test_selfplay_worker and test_protocol)."""

from __future__ import annotations

import doctest
import importlib
import re
import uuid
from pathlib import Path

import numpy as np
import pytest

from ringrift_events import Contract, Event, Settings, Subscriber
from support import Output, Platform, docs_example, python

MODULES = [
    "ringrift_events",
    "contract",
    "events",
    "protocol",
    "publisher",
    "registry",
    "settings",
    "subscriber",
]


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_run(platform: Platform, name: str) -> None:
    module = importlib.import_module(
        name if name == "ringrift_events" else f"ringrift_events.{name}"
    )
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.failed == 0
    assert result.attempted > 0, f"{module.__name__} has no examples"


@pytest.mark.parametrize("shard", [False, True], ids=["generated data", "an NPZ shard"])
def test_the_trainer_reports_its_run(
    platform: Platform, settings: Settings, contract: Contract, tmp_path: Path, shard: bool
) -> None:
    trainer = docs_example("trainer.py", tmp_path)
    job = f"job-{uuid.uuid4().hex[:8]}"
    args = [
        str(trainer),
        "--config",
        "square19_2p",
        "--job-id",
        job,
        "--epochs",
        "4",
        "--out",
        str(tmp_path / "candidate.npz"),
    ]
    if shard:  # the arrays the export stage writes
        rng = np.random.default_rng(5)
        np.savez(
            tmp_path / "shard.npz",
            features=rng.normal(size=(200, 3, 3)),
            policy=rng.random((200, 9)),
            values=rng.uniform(-1, 1, 200),
        )
        args += ["--data", str(tmp_path / "shard.npz")]
    run = Output(python(*args, env=platform.env()))
    assert run.process.wait(120) == 0, "\n".join(run.lines)
    completed_id = run.expect(r"^published TrainingCompleted (\S+) \(trace (\S+)\)$").group(1)

    events: dict[str, list[Event]] = {}
    reader = Subscriber(
        f"ringrift.test.trainer-{job}",
        configs=["square19_2p"],
        settings=settings,
        contract=contract,
    )

    def keep(event: Event) -> None:
        if event.job_id == job:
            events.setdefault(event.type, []).append(event)
            if sum(map(len, events.values())) == 1 + 4 + 1:  # three topics: any order
                reader.stop()

    for type_name in ("TrainingStarted", "TrainingProgress", "TrainingCompleted"):
        reader.on(type_name, keep)
    with reader:
        reader.run(timeout_s=60)
    (started,) = events["TrainingStarted"]
    (completed,) = events["TrainingCompleted"]
    assert completed.event_id == completed_id
    assert [p.epoch for p in events["TrainingProgress"]] == [1, 2, 3, 4]
    assert started.data_path == (str(tmp_path / "shard.npz") if shard else "generated")
    assert completed.samples_trained == (180 if shard else 1843) * 4
    for event in events["TrainingProgress"] + [completed]:
        assert event.header.causation_id == started.event_id
        assert event.header.trace_id == started.header.trace_id
    assert Path(completed.model_path).is_file()
    assert re.match(r"trainer@", started.header.source)
