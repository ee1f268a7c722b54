"""Publishing events: the topic from the catalog, the header filled, Confluent framing, acks=all.

>>> import os
>>> publisher = Publisher(source="trainer@gpu-node-3")   # Kafka and registry from the environment
>>> published = publisher.publish("SelfplayBatchCompleted", config="square8_2p", node="gpu-node-3",
...                               games_completed=50, total_games=1050, games_path="/data/games")
>>> published.topic, published.event.key
('ringrift.selfplay.batch-completed', 'square8_2p')
>>> published.event.header.source
'trainer@gpu-node-3'

A bad event is refused before anything is sent, naming the field:

>>> publisher.publish("SelfplayBatchCompleted", config="square9_2p", node="gpu-node-3",
...                   games_completed=50, total_games=1050, games_path="/data/games")
Traceback (most recent call last):
...
ringrift_events.events.InvalidEventError: SelfplayBatchCompleted.config: 'square9_2p' is not a config key: expected <board>_<players>p with board one of square8, square19, hex8, hexagonal and 2 to 4 players, e.g. square8_2p

A training run's events share one trace; a failure inside ``with`` is published as
``TrainingFailed`` and raised again:

>>> with publisher.training_run("square8_2p", "job-42") as run:
...     started = run.started("data/square8_2p.npz", "models/candidate.pth", epochs=2)
...     progress = run.progress(1, 2, loss=0.93)
...     completed = run.completed("model-42", "models/candidate.pth", epochs=2, final_loss=0.41,
...                               samples_trained=85_000)
>>> completed.event.header.causation_id == started.event.event_id
True
>>> publisher.close()
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Callable, Mapping, Optional, Union

from confluent_kafka import KafkaError, KafkaException, Producer

from .contract import Contract
from .events import Event, Header, Lineage, epoch_millis, new_header
from .registry import RegistryError, SchemaRegistry, frame
from .settings import ClientBounds, PublisherBounds, Settings, SettingsError

__all__ = ["PublishError", "Published", "Publisher", "TrainingRun"]

LOGGER = logging.getLogger(__name__)
_SASL_HINT = "(a SASL cluster also needs RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN)"


class PublishError(Exception):
    """An event that was not acknowledged. ``event`` is the event as built (header included):
    publishing it again is a retry with the same ``event_id``, never a new event."""

    def __init__(self, message: str, event: Event, retriable: bool) -> None:
        super().__init__(message)
        self.event = event
        self.retriable = retriable


@dataclass(frozen=True)
class Published:
    """An event the broker acknowledged, and where it is stored."""

    event: Event
    topic: str
    partition: int
    offset: int


Cause = Union[Event, Header]


class Publisher:
    """Publishes events of any type of the contract by name. Thread-safe; one per process.

    ``acks=all`` and the idempotent producer are always on. ``publish`` waits for the broker's
    acknowledgement: at most ``maxBlockMs`` of ``config/client.yaml`` to reach the broker, then
    ``deliveryTimeoutMs`` for the acknowledgement.
    """

    def __init__(
        self,
        source: str,
        *,
        settings: Optional[Settings] = None,
        contract: Optional[Contract] = None,
        bounds: Optional[PublisherBounds] = None,
        clock: Optional[Callable[[], dt.datetime]] = None,
    ) -> None:
        if not source or not source.strip():
            raise ValueError("a Publisher needs a source, who publishes, e.g. trainer@gpu-node-3")
        self.source = source
        self.settings = settings or Settings.from_env()
        self.contract = contract or Contract.load()
        self.bounds = bounds or ClientBounds.load().publisher
        self._clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
        self._registry = registry_client(self.settings, self.bounds.request_timeout_ms)
        self._producer = create_producer(self.settings, self.bounds, f"ringrift-publisher-{source}")
        self._ready: set[str] = set()

    def event(
        self,
        type_name: str,
        /,
        *,
        cause: Optional[Cause] = None,
        header: Optional[Header] = None,
        **fields: Any,
    ) -> Event:
        """A checked event of ``type_name``, its header filled unless given.

        With ``cause`` the event reacts to another: the cause's trace, ``causation_id`` its id.
        Raises ``InvalidEventError`` naming the field that does not fit the schema.
        """
        schema = self.contract.schema(type_name)
        data = dict(fields)
        if "header" in schema.fields_dict:
            if header is not None and cause is not None:
                raise ValueError(f"{type_name}: pass a header or a cause, not both")
            if header is None:
                lineage = Lineage.reacting_to(_header_of(cause)) if cause is not None else None
                header = new_header(self.source, self._clock, lineage)
            data["header"] = header
        elif header is not None or cause is not None:
            raise ValueError(f"{type_name} is a state record: it has no header, so no cause")
        return self.contract.event(type_name, data)

    def publish(
        self, event: Union[str, Event], /, *, cause: Optional[Cause] = None, **fields: Any
    ) -> Published:
        """Publishes an event (a type name and its fields, or an :class:`Event`) and waits for
        the acknowledgement. Raises :class:`PublishError`, whose ``event`` a retry publishes."""
        if not isinstance(event, Event):
            event = self.event(event, cause=cause, **fields)
        elif cause is not None or fields:
            raise TypeError("publish(event) takes no fields: the event is complete")
        topic = self.contract.topic_for(event.type).name
        try:
            self._reach(topic, event)
            schema_id = self._registry.id_for(f"{topic}-value", self.contract.schema(event.type))
        except RegistryError as e:
            raise PublishError(f"cannot publish {_name(event)} to {topic}: {e}", event, True) from e
        return self._send(topic, event, frame(schema_id, self.contract.encode(event)))

    def training_run(
        self, config: Union[str, Mapping[str, Any]], job_id: str, *, cause: Optional[Cause] = None
    ) -> TrainingRun:
        """The events of one training job of ``config``; with ``cause``, as a reaction to it."""
        lineage = Lineage.reacting_to(_header_of(cause)) if cause is not None else Lineage.fresh()
        return TrainingRun(self, config, job_id, lineage)

    def flush(self) -> None:
        """Waits until everything sent was acknowledged (at most the delivery timeout)."""
        self._producer.flush(self.bounds.delivery_timeout_ms / 1000)

    def close(self) -> None:
        """Flushes; the producer goes with the object."""
        self.flush()

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _reach(self, topic: str, event: Event) -> None:
        """Fails within maxBlockMs when the broker does not answer or lacks the topic."""
        if topic in self._ready:
            return
        wait_s = self.bounds.max_block_ms / 1000
        try:
            metadata = self._producer.list_topics(topic, timeout=wait_s)
        except KafkaException as e:
            raise PublishError(
                f"cannot publish {_name(event)} to {topic}: cannot reach Kafka at"
                f" {self.settings.bootstrap_servers} within {wait_s:g} s ({e.args[0].str()}); start it"
                f" with `scripts/ringrift up` or set RINGRIFT_BOOTSTRAP_SERVERS {_SASL_HINT}",
                event,
                True,
            ) from e
        error = metadata.topics[topic].error if topic in metadata.topics else None
        if error is not None:
            hint = (
                "`ringrift topics apply` creates the catalog's topics"
                if error.code() == KafkaError.UNKNOWN_TOPIC_OR_PART
                else "check the role's ACLs (`ringrift acls list`)"
            )
            raise PublishError(
                f"cannot publish {_name(event)} to {topic} on {self.settings.bootstrap_servers}:"
                f" {error.str()}; {hint}",
                event,
                error.retriable(),
            )
        self._ready.add(topic)

    def _send(self, topic: str, event: Event, value: bytes) -> Published:
        outcome: list[Any] = []
        header = event.header
        self._producer.produce(
            topic,
            value=value,
            key=event.key.encode("utf-8"),
            # the record's time is the event's time, so replay from a timestamp matches occurred_at
            timestamp=epoch_millis(header.occurred_at) if header else 0,
            on_delivery=lambda error, message: outcome.append((error, message)),
        )
        # librdkafka reports every record by message.timeout.ms (the delivery timeout)
        deadline = (
            time.monotonic() + (self.bounds.delivery_timeout_ms + self.bounds.max_block_ms) / 1000
        )
        while not outcome and time.monotonic() < deadline:
            self._producer.poll(0.1)
        if not outcome:
            raise PublishError(
                f"{_name(event)} to {topic}: no acknowledgement in time", event, True
            )
        error, message = outcome[0]
        if error is not None:
            raise PublishError(
                f"cannot publish {_name(event)} to {topic} on {self.settings.bootstrap_servers}:"
                f" {error.str()} {_SASL_HINT}",
                event,
                error.retriable() or error.code() == KafkaError._MSG_TIMED_OUT,
            )
        LOGGER.debug(
            "published type=%s event_id=%s topic=%s key=%s",
            event.type,
            event.event_id,
            topic,
            event.key,
        )
        return Published(event, message.topic(), message.partition(), message.offset())


class TrainingRun:
    """The events of one training job: started, progress, completed or failed (as the Java
    ``TrainingRun``). They share one trace; the events after ``started`` name it as their cause.

    As a context manager it publishes ``TrainingFailed`` when the block raises, then re-raises.
    """

    def __init__(
        self,
        publisher: Publisher,
        config: Union[str, Mapping[str, Any]],
        job_id: str,
        lineage: Lineage,
    ) -> None:
        self._publisher = publisher
        self.config = config
        self.job_id = job_id
        self._lineage = lineage
        self._started_at: Optional[float] = None
        self._finished = False

    def started(
        self,
        data_path: str,
        model_path: str,
        epochs: int,
        *,
        batch_size: int = 512,
        node: Optional[str] = None,
    ) -> Published:
        """Training started."""
        published = self._publish(
            "TrainingStarted",
            data_path=data_path,
            model_path=model_path,
            epochs=epochs,
            batch_size=batch_size,
            node=node,
        )
        self._lineage = Lineage.reacting_to(_header_of(published.event))
        self._started_at = time.monotonic()
        return published

    def progress(
        self, epoch: int, total_epochs: int, loss: float, *, val_loss: Optional[float] = None
    ) -> Published:
        """One epoch done."""
        return self._publish(
            "TrainingProgress", epoch=epoch, total_epochs=total_epochs, loss=loss, val_loss=val_loss
        )

    def completed(
        self,
        model_id: str,
        model_path: str,
        epochs: int,
        final_loss: float,
        samples_trained: int,
        *,
        duration_seconds: Optional[float] = None,
    ) -> Published:
        """The job wrote a candidate model; the duration defaults to the time since ``started``."""
        self._finished = True
        return self._publish(
            "TrainingCompleted",
            model_id=model_id,
            model_path=model_path,
            epochs=epochs,
            final_loss=final_loss,
            samples_trained=samples_trained,
            duration_seconds=self._elapsed() if duration_seconds is None else duration_seconds,
        )

    def failed(self, error: str, *, attempt: int = 1) -> Published:
        """The job failed; ``attempt`` counts from 1."""
        self._finished = True
        return self._publish("TrainingFailed", error=error, attempt=attempt)

    def __enter__(self) -> TrainingRun:
        return self

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        if error is None or self._finished or not isinstance(error, Exception):
            return
        try:
            self.failed(f"{kind.__name__ if kind else 'error'}: {error}")
        except Exception:  # the job's own failure is the one to raise
            LOGGER.exception("could not publish TrainingFailed job_id=%s", self.job_id)

    def _publish(self, type_name: str, **fields: Any) -> Published:
        header = self._lineage.header(self._publisher.source, self._publisher._clock())
        return self._publisher.publish(
            self._publisher.event(
                type_name, header=header, config=self.config, job_id=self.job_id, **fields
            )
        )

    def _elapsed(self) -> float:
        return (
            round(time.monotonic() - self._started_at, 3) if self._started_at is not None else 0.0
        )


def registry_client(settings: Settings, timeout_ms: int) -> SchemaRegistry:
    """The registry client the settings describe."""
    options = settings.registry
    timeout = int(options.get("schema.registry.request.timeout.ms", timeout_ms))
    return SchemaRegistry(
        settings.schema_registry_url,
        user_info=options.get("basic.auth.user.info"),
        bearer_token=options.get("bearer.auth.token"),
        timeout_s=timeout / 1000,
        auto_register=options.get("auto.register.schemas", "true").lower() != "false",
        max_retries=int(options.get("schema.registry.max.retries", 3)),
    )


def create_producer(settings: Settings, bounds: PublisherBounds, client_id: str) -> Producer:
    """An idempotent, acks=all producer within the publisher's bounds."""
    config = settings.client_config()
    config.setdefault("message.timeout.ms", bounds.delivery_timeout_ms)
    config.setdefault("request.timeout.ms", bounds.request_timeout_ms)
    config.setdefault("linger.ms", bounds.linger_ms)
    config.setdefault("client.id", client_id)
    # durability is not negotiable, and the partition of a key must be the one Java's producers
    # pick (murmur2), or one config's events would land on two partitions, out of order: set
    # last, over anything passed through
    for key, value in (
        ("acks", "all"),
        ("enable.idempotence", "true"),
        ("partitioner", "murmur2_random"),
    ):
        given = config.get(key)
        if given is not None and str(given).lower() not in (
            value,
            "-1" if key == "acks" else value,
        ):
            LOGGER.warning(
                "ignoring %s=%s: the event client always uses %s=%s", key, given, key, value
            )
        config[key] = value
    config["logger"] = logging.getLogger("ringrift_events.kafka")
    try:
        return Producer(config)
    except KafkaException as e:
        raise SettingsError(
            f"the Kafka client refused its settings: {e.args[0].str()}; check the RINGRIFT_KAFKA_* variables"
        ) from e


def _header_of(cause: Cause) -> Header:
    header = cause.header if isinstance(cause, Event) else cause
    if header is None:
        raise ValueError(f"{cause!r} has no header to react to")
    return header


def _name(event: Event) -> str:
    return f"{event.type} {event.event_id}" if event.event_id else event.type
