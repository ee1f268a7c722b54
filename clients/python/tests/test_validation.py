"""A bad event is refused in Python with a message naming the field, before anything is sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from confluent_kafka import Consumer, TopicPartition

from ringrift_events import Contract, InvalidEventError, Publisher, Settings
from samples import sample

STARTED = {
    "config": "square8_2p",
    "job_id": "job-1",
    "data_path": "d.npz",
    "model_path": "m.pth",
    "epochs": 20,
}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {k: v for k, v in STARTED.items() if k != "model_path"},
            "TrainingStarted.model_path",
            "missing, and it has no default (string)",
        ),
        (
            {**STARTED, "epochs": "twenty"},
            "TrainingStarted.epochs",
            "expected an int, got 'twenty' (str)",
        ),
        ({**STARTED, "epochs": 2**31}, "TrainingStarted.epochs", "out of range"),
        ({**STARTED, "epochs": True}, "TrainingStarted.epochs", "expected an int, got True (bool)"),
        (
            {**STARTED, "config": "square9_2p"},
            "TrainingStarted.config",
            "'square9_2p' is not a config key: expected <board>_<players>p",
        ),
        ({**STARTED, "config": "square8_5p"}, "TrainingStarted.config", "and 2 to 4 players"),
        (
            {**STARTED, "config": {"board": "SQUARE8", "players": 7}},
            "TrainingStarted.config.players",
            "must be 2 to 4, was 7",
        ),
        (
            {**STARTED, "config": {"board": "OCTAGON", "players": 2}},
            "TrainingStarted.config.board",
            "'OCTAGON' is not one of SQUARE8, SQUARE19, HEX8, HEXAGONAL",
        ),
        (
            {**STARTED, "epochz": 3},
            "TrainingStarted.epochz",
            "not a field of TrainingStarted (it has header, config, job_id",
        ),
        ({**STARTED, "node": 3}, "TrainingStarted.node", "expected a string, got 3 (int)"),
    ],
)
def test_a_bad_training_started_names_the_field(
    offline: Settings, contract: Contract, fields: dict[str, Any], field: str, message: str
) -> None:
    publisher = Publisher("validation-test", settings=offline, contract=contract)
    with pytest.raises(InvalidEventError) as refused:
        publisher.event("TrainingStarted", **fields)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert message in str(refused.value)


def test_nested_fields_are_named_by_their_path(offline: Settings, contract: Contract) -> None:
    fields = sample(contract.schema("EvaluationCompleted"), 1, "t")
    fields["baselines"][1]["wins"] = 2.5
    with pytest.raises(
        InvalidEventError,
        match=r"^EvaluationCompleted\.baselines\[1\]\.wins: expected an int, got 2.5 \(float\)$",
    ):
        Publisher("validation-test", settings=offline, contract=contract).event(
            "EvaluationCompleted", **fields
        )


def test_times_need_a_time_zone(offline: Settings, contract: Contract) -> None:
    fields = sample(contract.schema("BandwidthGranted"), 1, "t")
    fields["expires_at"] = dt.datetime(2025, 6, 1, 12, 0)
    with pytest.raises(
        InvalidEventError, match=r"^BandwidthGranted\.expires_at: a time needs a time zone"
    ):
        Publisher("validation-test", settings=offline, contract=contract).event(
            "BandwidthGranted", **fields
        )


def test_a_record_key_of_the_wrong_form_is_refused(offline: Settings, contract: Contract) -> None:
    publisher = Publisher("validation-test", settings=offline, contract=contract)
    node = sample(contract.schema("BandwidthRequested"), 1, "t")
    with pytest.raises(
        InvalidEventError,
        match=r"^BandwidthRequested\.node: 'gpu node 3' is not a record key: expected a host name",
    ):
        publisher.event("BandwidthRequested", **{**node, "node": "gpu node 3"})
    role = sample(contract.schema("RoleChanged"), 1, "t")
    with pytest.raises(
        InvalidEventError,
        match=r"^RoleChanged\.role: 'leader' is not a record key: expected a role name",
    ):
        publisher.event("RoleChanged", **{**role, "role": "leader"})


def test_defaults_fill_what_is_left_out_and_the_header_is_filled(
    offline: Settings, contract: Contract
) -> None:
    clock = lambda: dt.datetime(2025, 6, 1, 12, 0, 0, 123456, tzinfo=dt.timezone.utc)  # noqa: E731
    event = Publisher("trainer@gpu-node-3", settings=offline, contract=contract, clock=clock).event(
        "TrainingStarted", **STARTED
    )
    assert (event.batch_size, event.node, event.key) == (512, None, "square8_2p")
    assert event.config == {"board": "SQUARE8", "players": 2}
    header = event.header
    assert header.source == "trainer@gpu-node-3"
    assert header.trace_id == header.event_id  # a root event names its trace after itself
    assert header.occurred_at == dt.datetime(
        2025, 6, 1, 12, 0, 0, 123000, tzinfo=dt.timezone.utc
    )  # milliseconds, as sent


def test_a_reaction_keeps_the_trace_and_names_its_cause(
    offline: Settings, contract: Contract
) -> None:
    publisher = Publisher("evaluator", settings=offline, contract=contract)
    cause = publisher.event("TrainingStarted", **STARTED)
    reaction = publisher.event(
        "TrainingFailed",
        cause=cause,
        config="square8_2p",
        job_id="job-1",
        error="CUDA out of memory",
    )
    assert reaction.header.trace_id == cause.header.trace_id
    assert reaction.header.causation_id == cause.event_id
    assert reaction.header.correlation_id == cause.event_id
    assert reaction.event_id != cause.event_id


def test_an_unknown_type_names_the_known_ones(offline: Settings, contract: Contract) -> None:
    with pytest.raises(
        Exception, match="unknown event type 'TrainingStartd'; the types are .*TrainingStarted"
    ):
        Publisher("validation-test", settings=offline, contract=contract).event("TrainingStartd")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({k: v for k, v in STARTED.items() if k != "job_id"}, "TrainingStarted.job_id"),
        ({**STARTED, "epochs": 2.5}, "TrainingStarted.epochs"),
        ({**STARTED, "config": "octagon_2p"}, "TrainingStarted.config"),
    ],
)
def test_nothing_reaches_the_broker_when_an_event_is_refused(
    settings: Settings, contract: Contract, fields: dict[str, Any], field: str
) -> None:
    topic = contract.topic_for("TrainingStarted").name
    before = _end_offsets(settings, topic)
    with Publisher("validation-test", settings=settings, contract=contract) as publisher:
        with pytest.raises(InvalidEventError) as refused:
            publisher.publish("TrainingStarted", **fields)
        assert refused.value.field == field
    assert _end_offsets(settings, topic) == before


def _end_offsets(settings: Settings, topic: str) -> list[int]:
    consumer = Consumer(settings.client_config(group_id="validation-test-offsets"))
    try:
        partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
        return [
            consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1]
            for p in sorted(partitions)
        ]
    finally:
        consumer.close()
