"""A record the subscriber cannot handle goes to its topic's DLQ with the Java subscriber's headers,
and the partition moves on."""

from __future__ import annotations

import dataclasses
import time
import uuid
from typing import Optional

from confluent_kafka import OFFSET_BEGINNING, Consumer, Message, Producer, TopicPartition

from ringrift_events import ClientBounds, Contract, Event, Publisher, Settings, Subscriber

PROMOTION = {
    "model_path": "/models/m.pth",
    "evaluation_event_id": "ev",
    "elo_before": 1500.0,
    "elo_after": 1530.0,
}


def test_an_undecodable_record_goes_to_the_dlq_as_poison_and_the_next_event_is_handled(
    settings: Settings, contract: Contract
) -> None:
    group = f"ringrift.selfplay.poison-{uuid.uuid4().hex[:8]}"
    garbage = b"not avro " + uuid.uuid4().bytes
    # the partition Java's producers and the Publisher pick for the key: before the good event
    producer = Producer(settings.client_config(partitioner="murmur2_random"))
    delivered: list[Message] = []
    producer.produce(
        "ringrift.model.promoted",
        value=garbage,
        key=b"square19_2p",
        headers=[("origin", b"test")],
        on_delivery=lambda error, message: delivered.append(message),
    )
    producer.flush(30)
    good = Publisher("promotion@test", settings=settings, contract=contract).publish(
        "ModelPromoted", config="square19_2p", model_id="after-poison", **PROMOTION
    )
    assert delivered[0].partition() == good.partition  # so the worker meets the poison first
    handled: list[Event] = []
    worker = Subscriber(group, configs=["square19_2p"], settings=settings, contract=contract)

    def promoted(event: Event) -> None:
        handled.append(event)
        if event.event_id == good.event.event_id:
            worker.stop()

    with worker.on_model_promoted(promoted):
        worker.run(timeout_s=60)
    assert handled and handled[-1].event_id == good.event.event_id
    parked = _dead_letter(settings, "ringrift.model.promoted.dlq", garbage)
    assert parked["ringrift.dlq.reason"] == "POISON"
    assert parked["ringrift.dlq.exception-class"] == "ringrift_events.registry.WireFormatError"
    assert parked["ringrift.dlq.exception-message"].startswith(
        "not Confluent-framed Avro: magic byte 0x6e"
    )
    assert parked["ringrift.dlq.attempts"] == "1"
    assert parked["ringrift.dlq.subscriber"] == group
    assert parked["ringrift.dlq.original-topic"] == "ringrift.model.promoted"
    assert parked["origin"] == "test"  # the record's own headers stay
    assert parked["key"] == "square19_2p"


def test_a_callback_that_keeps_failing_is_retried_then_parked_and_committed(
    settings: Settings, contract: Contract
) -> None:
    group = f"ringrift.selfplay.failing-{uuid.uuid4().hex[:8]}"
    bounds = ClientBounds.load()
    bounds = dataclasses.replace(
        bounds,
        subscriber=dataclasses.replace(
            bounds.subscriber,
            retry=dataclasses.replace(
                bounds.subscriber.retry, max_attempts=3, initial_backoff_ms=10
            ),
        ),
    )
    sent = Publisher("promotion@test", settings=settings, contract=contract).publish(
        "ModelPromoted", config="hexagonal_3p", model_id=f"unloadable-{group}", **PROMOTION
    )
    calls: list[str] = []
    worker = Subscriber(
        group, configs=["hexagonal_3p"], settings=settings, contract=contract, bounds=bounds
    )

    def promoted(event: Event) -> None:
        calls.append(event.event_id)
        if len(calls) == 3:
            worker.stop()  # after this attempt: the last one
        raise OSError(f"cannot load {event.model_path}")

    with worker.on_model_promoted(promoted):
        worker.run(timeout_s=60)
    assert calls == [sent.event.event_id] * 3
    parked = _dead_letter(
        settings, "ringrift.model.promoted.dlq", None, event_id=sent.event.event_id
    )
    assert parked["ringrift.dlq.reason"] == "RETRIES_EXHAUSTED"
    assert parked["ringrift.dlq.attempts"] == "3"
    assert parked["ringrift.dlq.exception-class"] == "builtins.OSError"
    assert parked["ringrift.dlq.exception-message"] == "cannot load /models/m.pth"
    # committed: the same group does not see it again
    again: list[Event] = []
    with Subscriber(
        group, configs=["hexagonal_3p"], settings=settings, contract=contract
    ).on_model_promoted(again.append) as worker:
        worker.run(timeout_s=5)
    assert sent.event.event_id not in [e.event_id for e in again]


def _dead_letter(
    settings: Settings, topic: str, value: Optional[bytes], event_id: Optional[str] = None
) -> dict[str, str]:
    """The headers (and key) of the DLQ record holding ``value``, or the event ``event_id``."""
    consumer = Consumer(
        settings.client_config(
            group_id=f"dlq-reader-{uuid.uuid4().hex[:8]}", enable_auto_commit=False
        )
    )
    consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            if (value is not None and message.value() == value) or (
                event_id is not None and event_id.encode() in message.value()
            ):
                headers = {k: v.decode() for k, v in message.headers() or []}
                return {**headers, "key": message.key().decode()}
    finally:
        consumer.close()
    raise AssertionError(f"nothing parked in {topic} within 60 s")
