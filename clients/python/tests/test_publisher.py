"""Failures are clear errors within their bounds, and a retry is a copy of the event, never a new one."""

from __future__ import annotations

import dataclasses
import time
import uuid

import pytest

from ringrift_events import (
    ClientBounds,
    Contract,
    Event,
    PublishError,
    Publisher,
    Settings,
    SubscribeError,
    Subscriber,
)
from support import free_port

BOUNDS = ClientBounds.load()
# a short wait keeps the test short; the bound itself is what is shown
SHORT = dataclasses.replace(BOUNDS.publisher, max_block_ms=2000)
# a liveness bound, not a speed claim: an error that never comes would hang the suite
GRACE_S = 30


def test_an_unreachable_broker_is_a_clear_error_within_the_bound_and_the_retry_keeps_the_event_id(
    settings: Settings, contract: Contract
) -> None:
    dead = dataclasses.replace(settings, bootstrap_servers=f"127.0.0.1:{free_port()}")
    started = time.monotonic()
    with pytest.raises(PublishError) as failed:
        Publisher("trainer@gpu-node-3", settings=dead, contract=contract, bounds=SHORT).publish(
            "TrainingProgress",
            config="hex8_4p",
            job_id="job-retry",
            epoch=1,
            total_epochs=2,
            loss=0.5,
        )
    assert time.monotonic() - started < SHORT.max_block_ms / 1000 + GRACE_S
    message = str(failed.value)
    assert (
        f"cannot publish TrainingProgress {failed.value.event.event_id} to ringrift.training.progress"
        in message
    )
    assert f"cannot reach Kafka at {dead.bootstrap_servers} within 2 s" in message
    assert "start it with `scripts/ringrift up` or set RINGRIFT_BOOTSTRAP_SERVERS" in message
    assert failed.value.retriable

    retried = Publisher("trainer@gpu-node-3", settings=settings, contract=contract).publish(
        failed.value.event
    )
    assert retried.event.event_id == failed.value.event.event_id
    read = _read_one(settings, contract, "TrainingProgress", lambda e: e.job_id == "job-retry")
    assert read.event_id == failed.value.event.event_id
    assert read.header == failed.value.event.header


def test_an_unreachable_registry_is_a_clear_error(settings: Settings, contract: Contract) -> None:
    dead = dataclasses.replace(settings, schema_registry_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(
        PublishError,
        match=rf"cannot reach the schema registry at {dead.schema_registry_url} .*RINGRIFT_SCHEMA_REGISTRY_URL",
    ):
        Publisher("trainer", settings=dead, contract=contract).publish(
            "TrainingProgress",
            config="hex8_4p",
            job_id="job-registry",
            epoch=1,
            total_epochs=2,
            loss=0.5,
        )


def test_a_subscriber_that_cannot_reach_the_broker_says_so_within_the_bound(
    settings: Settings, contract: Contract
) -> None:
    dead = dataclasses.replace(settings, bootstrap_servers=f"127.0.0.1:{free_port()}")
    bounds = dataclasses.replace(BOUNDS, publisher=SHORT)
    worker = Subscriber(
        "ringrift.selfplay.unreachable", settings=dead, contract=contract, bounds=bounds
    ).on_model_promoted(print)
    started = time.monotonic()
    with pytest.raises(
        SubscribeError, match=rf"cannot reach Kafka at {dead.bootstrap_servers} within 2 s"
    ):
        worker.run(timeout_s=600)
    assert time.monotonic() - started < SHORT.max_block_ms / 1000 + GRACE_S


def test_a_training_run_that_raises_publishes_training_failed_caused_by_its_start(
    settings: Settings, contract: Contract
) -> None:
    job = f"job-{uuid.uuid4().hex[:8]}"
    with Publisher("trainer@gpu-node-3", settings=settings, contract=contract) as publisher:
        with pytest.raises(RuntimeError, match="CUDA out of memory"):
            with publisher.training_run("hexagonal_4p", job) as run:
                started = run.started("data.npz", "model.pth", 20)
                raise RuntimeError("CUDA out of memory")
    failed = _read_one(settings, contract, "TrainingFailed", lambda e: e.job_id == job)
    assert failed.error == "RuntimeError: CUDA out of memory"
    assert failed.header.causation_id == started.event.event_id
    assert failed.header.trace_id == started.event.header.trace_id != started.event.event_id


def _read_one(settings: Settings, contract: Contract, type_name: str, wanted) -> Event:
    found: list[Event] = []
    subscriber = Subscriber(
        f"ringrift.test.read-{uuid.uuid4().hex[:8]}", settings=settings, contract=contract
    )

    def keep(event: Event) -> None:
        if wanted(event):
            found.append(event)
            subscriber.stop()

    with subscriber.on(type_name, keep):
        subscriber.run(timeout_s=60)
    assert found, f"no {type_name} as wanted within 60 s"
    return found[0]
