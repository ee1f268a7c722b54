"""The selfplay worker of docs/python.md receives promotions and, after a restart, goes on with the
first one it had not handled: none missed, none repeated."""

from __future__ import annotations

import json
import signal
import uuid
from pathlib import Path

from ringrift_events import Contract, Event, Publisher, Settings, Subscriber
from support import Output, Platform, docs_example, python, ringrift_batch

CONFIG = "square19_3p"  # promoted by this test only, so a new group sees nothing else of it


def promotion(model_id: str) -> dict[str, object]:
    return {
        "config": CONFIG,
        "model_id": model_id,
        "model_path": f"/models/{CONFIG}/{model_id}.pth",
        "evaluation_event_id": f"evaluation-of-{model_id}",
        "elo_before": 1500.0,
        "elo_after": 1540.0,
    }


def test_a_worker_receives_a_promotion_and_resumes_after_a_restart_without_missing_or_repeating_one(
    platform: Platform, settings: Settings, contract: Contract, tmp_path: Path
) -> None:
    worker = docs_example("selfplay_worker.py", tmp_path)
    node = f"gpu-{uuid.uuid4().hex[:8]}"
    args = [
        str(worker),
        "--configs",
        CONFIG,
        "--node",
        node,
        "--games-dir",
        str(tmp_path / "games"),
        "--batch-seconds",
        "3600",
    ]
    publisher = Publisher("promotion-controller@test", settings=settings, contract=contract)

    first = Output(python(*args, env=platform.env()))
    a = publisher.publish("ModelPromoted", **promotion("model-a"))
    first.expect(rf"^serving model-a for {CONFIG} \(/models/{CONFIG}/model-a\.pth\)$")
    _stop(first)

    # while it is down: one promotion from Python, one from the Java CLI
    b = publisher.publish("ModelPromoted", **promotion("model-b"))
    (tmp_path / "c.json").write_text(json.dumps(promotion("model-c")))
    published = ringrift_batch(
        [
            [
                "events",
                "publish",
                "ModelPromoted",
                "--json",
                str(tmp_path / "c.json"),
                *platform.connection(),
            ]
        ],
        tmp_path,
    )
    assert published[0]["exit"] == 0, published[0]["err"]

    second = Output(python(*args, env=platform.env()))
    second.expect(r"^serving model-c ")
    _stop(second)
    assert first.matching("^serving ") == [
        f"serving model-a for {CONFIG} (/models/{CONFIG}/model-a.pth)"
    ]
    assert [line.split()[1] for line in second.matching("^serving ")] == ["model-b", "model-c"]
    assert a.event.event_id != b.event.event_id


def test_the_worker_reports_its_batches_as_reactions_to_the_promotion_it_plays(
    platform: Platform, settings: Settings, contract: Contract, tmp_path: Path
) -> None:
    config = "hexagonal_4p"
    worker = docs_example("selfplay_worker.py", tmp_path)
    node = f"gpu-{uuid.uuid4().hex[:8]}"
    args = [
        str(worker),
        "--configs",
        config,
        "--node",
        node,
        "--games-dir",
        str(tmp_path / "games"),
        "--batch-seconds",
        "1",
        "--games-per-batch",
        "7",
    ]
    running = Output(python(*args, env=platform.env()))
    promoted = Publisher("promotion-controller@test", settings=settings, contract=contract).publish(
        "ModelPromoted", **{**promotion("model-h"), "config": config, "model_path": "/models/h.pth"}
    )
    batch_id = running.expect(rf"^published batch (\S+) of {config}$").group(1)
    _stop(running)

    found: list[Event] = []
    reader = Subscriber(
        f"ringrift.test.batches-{node}", configs=[config], settings=settings, contract=contract
    )

    def batch(event: Event) -> None:
        if event.event_id == batch_id:
            found.append(event)
            reader.stop()

    with reader.on("SelfplayBatchCompleted", batch):
        reader.run(timeout_s=60)
    assert found, f"no SelfplayBatchCompleted {batch_id}"
    event = found[0]
    assert (event.node, event.games_completed, event.model_id) == (node, 7, "model-h")
    assert event.header.source == f"selfplay@{node}"
    assert event.header.causation_id == promoted.event.event_id
    assert event.header.trace_id == promoted.event.header.trace_id
    games = list(Path(event.games_path).glob(f"{config}-*.games.jsonl"))
    assert games and len(games[0].read_text().splitlines()) == 7


def _stop(output: Output) -> None:
    output.process.send_signal(signal.SIGTERM)
    assert output.process.wait(60) == 0, "\n".join(output.lines[-30:])
    output.expect("^stopped$", timeout=10)
