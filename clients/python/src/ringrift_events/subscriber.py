"""Reacting to events as one consumer group: what a selfplay worker uses to learn of promotions.

>>> from ringrift_events import Publisher
>>> promoted = []
>>> worker = Subscriber("ringrift.selfplay.doctest-worker", configs=["hex8_2p"])
>>> worker = worker.on_model_promoted(promoted.append)
>>> publisher = Publisher(source="promotion-controller@doctest")
>>> sent = publisher.publish("ModelPromoted", config="hex8_2p", model_id="model-7",
...                          model_path="/models/hex8_2p/model-7.pth", evaluation_event_id="ev-1",
...                          elo_before=1500.0, elo_after=1540.0)
>>> worker.run(max_events=1, timeout_s=60)
1
>>> promoted[0].model_path, promoted[0].event_id == sent.event.event_id
('/models/hex8_2p/model-7.pth', True)
>>> worker.close()
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from typing import Any, Callable, Iterable, Optional

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer

from .contract import Contract
from .events import Event
from .publisher import create_producer, registry_client
from .registry import RegistryError, unframe
from .settings import ClientBounds, Settings, SettingsError

__all__ = ["DeadLetterHeaders", "SubscribeError", "Subscriber"]

LOGGER = logging.getLogger(__name__)
_GROUP = re.compile(r"[A-Za-z0-9._-]{1,249}")

Callback = Callable[[Event], Any]


class SubscribeError(Exception):
    """The subscriber cannot go on: Kafka unreachable, or a record it could not park in a DLQ."""


class DeadLetterHeaders:
    """The headers a subscriber adds to a record it sends to a DLQ (the Java ``DeadLetterHeaders``)."""

    ORIGINAL_TOPIC = "ringrift.dlq.original-topic"
    ORIGINAL_PARTITION = "ringrift.dlq.original-partition"
    ORIGINAL_OFFSET = "ringrift.dlq.original-offset"
    ORIGINAL_TIMESTAMP = "ringrift.dlq.original-timestamp"
    EXCEPTION_CLASS = "ringrift.dlq.exception-class"
    EXCEPTION_MESSAGE = "ringrift.dlq.exception-message"
    ATTEMPTS = "ringrift.dlq.attempts"
    FIRST_FAILURE = "ringrift.dlq.first-failure"
    LAST_FAILURE = "ringrift.dlq.last-failure"
    REASON = "ringrift.dlq.reason"
    SUBSCRIBER = "ringrift.dlq.subscriber"


class Subscriber:
    """Calls back for the events of the types it is given, as the consumer group ``group``.

    - **Committed after the callback**: a record's offset is committed once its callback
      returned, so a restarted subscriber resumes where it left off; a new group starts at the
      topic's beginning. After a crash between a callback and its commit the event comes again:
      make callbacks idempotent by ``event.event_id``.
    - **In order**: one record at a time, so one config's events arrive in order.
    - **Failures**: a callback that raises is retried (``subscriber.retry`` of
      ``config/client.yaml``), then the record goes to its topic's DLQ with the
      ``ringrift.dlq.*`` headers; a record that cannot be decoded goes there at once.
    - **Groups**: the selfplay role may use groups ``ringrift.selfplay.<name>``, the trainer role
      ``ringrift.trainer.<name>`` (``config/security.yaml``).
    """

    def __init__(
        self,
        group: str,
        *,
        configs: Iterable[str] = (),
        settings: Optional[Settings] = None,
        contract: Optional[Contract] = None,
        bounds: Optional[ClientBounds] = None,
    ) -> None:
        if not _GROUP.fullmatch(group or ""):
            raise ValueError(
                f"a Subscriber needs a group of letters, digits, '.', '_' or '-', e.g."
                f" ringrift.selfplay.gpu-node-3; was {group!r}"
            )
        self.group = group
        self.settings = settings or Settings.from_env()
        self.contract = contract or Contract.load()
        self.bounds = bounds or ClientBounds.load()
        self.configs = frozenset(self.contract.config_key(c) for c in configs)
        self._callbacks: dict[str, Callback] = {}
        self._registry = registry_client(self.settings, self.bounds.publisher.request_timeout_ms)
        self._consumer: Optional[Consumer] = None
        self._dead_letters: Optional[Producer] = None
        self._stopping = threading.Event()

    def on(self, type_name: str, callback: Callback) -> Subscriber:
        """Calls ``callback(event)`` for every event of ``type_name``; returns self."""
        self.contract.topic_for(type_name)  # an unknown type fails here, naming the known ones
        if type_name in self._callbacks:
            raise ValueError(f"{type_name} already has a callback in subscriber {self.group}")
        if self._consumer is not None:
            raise ValueError("add callbacks before run()")
        self._callbacks[type_name] = callback
        return self

    def on_model_promoted(self, callback: Callback) -> Subscriber:
        """Calls ``callback(event)`` for every ``ModelPromoted`` (``event.model_path``, ...)."""
        return self.on("ModelPromoted", callback)

    def run(self, *, max_events: Optional[int] = None, timeout_s: Optional[float] = None) -> int:
        """Handles events until :meth:`stop`, ``max_events`` callbacks or ``timeout_s``; returns
        how many callbacks ran. Raises :class:`SubscribeError` when Kafka cannot be reached
        within ``publisher.maxBlockMs``."""
        consumer = self._start()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        poll_s = self.bounds.subscriber.poll_timeout_ms / 1000
        handled = 0
        while not self._stopping.is_set():
            if max_events is not None and handled >= max_events:
                break
            if deadline is not None and time.monotonic() >= deadline:
                break
            message = consumer.poll(poll_s)
            if message is None:
                continue
            error = message.error()
            if error is not None:
                if error.fatal():
                    raise SubscribeError(f"subscriber {self.group}: {error.str()}")
                LOGGER.warning("subscriber=%s consumer error: %s", self.group, error.str())
                continue
            handled += self._handle(consumer, message)
        return handled

    def stop(self) -> None:
        """Asks :meth:`run` to return after the current callback (safe from a signal handler)."""
        self._stopping.set()

    def close(self) -> None:
        """Leaves the group (what was handled is committed already)."""
        self._stopping.set()
        if self._consumer is not None:
            self._consumer.close()
            self._consumer = None
        if self._dead_letters is not None:
            self._dead_letters.flush(self.bounds.publisher.delivery_timeout_ms / 1000)

    def __enter__(self) -> Subscriber:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> Consumer:
        if self._consumer is not None:
            return self._consumer
        if not self._callbacks:
            raise ValueError(f"subscriber {self.group} has no callback: add one with on(...)")
        config = self.settings.client_config()
        config.update(
            {
                "group.id": self.group,
                "client.id": f"ringrift-subscriber-{self.group}",
                "enable.auto.commit": False,
                "auto.offset.reset": "earliest",
                "isolation.level": "read_committed",
                "max.poll.interval.ms": self.bounds.subscriber.max_poll_interval_ms,
                "logger": logging.getLogger("ringrift_events.kafka"),
            }
        )
        try:
            consumer = Consumer(config)
        except KafkaException as e:
            raise SettingsError(
                f"the Kafka client refused its settings: {e.args[0].str()}; check the RINGRIFT_KAFKA_* variables"
            ) from e
        topics = [self.contract.topic_for(t).name for t in self._callbacks]
        wait_s = self.bounds.publisher.max_block_ms / 1000
        try:
            metadata = consumer.list_topics(timeout=wait_s)
        except KafkaException as e:
            consumer.close()
            raise SubscribeError(
                f"subscriber {self.group} cannot reach Kafka at {self.settings.bootstrap_servers} within"
                f" {wait_s:g} s ({e.args[0].str()}); start it with `scripts/ringrift up` or set"
                f" RINGRIFT_BOOTSTRAP_SERVERS (a SASL cluster also needs RINGRIFT_KAFKA_USERNAME and"
                f" RINGRIFT_CLUSTER_AUTH_TOKEN)"
            ) from e
        missing = [
            t for t in topics if t not in metadata.topics or metadata.topics[t].error is not None
        ]
        if missing:
            consumer.close()
            raise SubscribeError(
                f"subscriber {self.group}: topic {', '.join(missing)} missing on"
                f" {self.settings.bootstrap_servers}; `ringrift topics apply` creates the catalog's topics"
            )
        consumer.subscribe(topics)
        self._consumer = consumer
        LOGGER.info("subscriber=%s started topics=%s", self.group, topics)
        return consumer

    def _handle(self, consumer: Consumer, message: Message) -> int:
        topic = self.contract.topic(message.topic())
        try:
            event = self._decode(topic.value_type, message)
        except RegistryError:
            raise  # the registry is down: nothing is committed, a restart reads the record again
        except Exception as e:  # noqa: BLE001 - anything else about these bytes is poison
            LOGGER.warning(
                "subscriber=%s poison record topic=%s offset=%s: %s",
                self.group,
                message.topic(),
                message.offset(),
                e,
            )
            self._dead_letter(message, e, 1, "POISON", _now())
            self._commit(consumer, message)
            return 0
        if self.configs and event.key not in self.configs:
            self._commit(consumer, message)
            return 0
        if not self._call(message, event):
            return 0  # stopped while waiting to retry: the record comes again
        self._commit(consumer, message)
        return 1

    def _decode(self, type_name: Optional[str], message: Message) -> Event:
        if type_name is None:
            raise ValueError(f"{message.topic()} carries no event")
        schema_id, payload = unframe(message.value())
        key = message.key()
        return self.contract.decode(
            type_name,
            payload,
            self._registry.schema(schema_id),
            key.decode("utf-8") if key is not None else None,
        )

    def _call(self, message: Message, event: Event) -> bool:
        callback = self._callbacks[event.type]
        retry = self.bounds.subscriber.retry
        first: Optional[dt.datetime] = None
        for attempt in range(1, retry.max_attempts + 1):
            try:
                callback(event)
                return True
            except Exception as e:  # noqa: BLE001 - the callback's failure decides a retry
                first = first or _now()
                LOGGER.warning(
                    "subscriber=%s callback failed type=%s event_id=%s attempt=%d: %r",
                    self.group,
                    event.type,
                    event.event_id,
                    attempt,
                    e,
                )
                if attempt == retry.max_attempts:
                    self._dead_letter(message, e, attempt, "RETRIES_EXHAUSTED", first)
                    return True
                if self._stopping.wait(retry.backoff_s(attempt)):
                    return False
        return True

    def _commit(self, consumer: Consumer, message: Message) -> None:
        try:
            consumer.commit(message=message, asynchronous=False)
        except KafkaException as e:
            # a rebalance took the partition: its new owner reads the record again
            LOGGER.warning(
                "subscriber=%s commit failed offset=%s: %s", self.group, message.offset(), e
            )

    def _dead_letter(
        self, message: Message, error: Exception, attempts: int, reason: str, first: dt.datetime
    ) -> None:
        dlq = self.contract.topic(message.topic()).dlq
        if dlq is None:
            LOGGER.error(
                "subscriber=%s skipped a record of %s, which has no DLQ: %s",
                self.group,
                message.topic(),
                error,
            )
            return
        _, timestamp = message.timestamp()
        headers = list(message.headers() or []) + [
            (DeadLetterHeaders.ORIGINAL_TOPIC, message.topic()),
            (DeadLetterHeaders.ORIGINAL_PARTITION, str(message.partition())),
            (DeadLetterHeaders.ORIGINAL_OFFSET, str(message.offset())),
            (DeadLetterHeaders.ORIGINAL_TIMESTAMP, str(timestamp)),
            (
                DeadLetterHeaders.EXCEPTION_CLASS,
                f"{type(error).__module__}.{type(error).__qualname__}",
            ),
            (DeadLetterHeaders.EXCEPTION_MESSAGE, str(error)[:4000]),
            (DeadLetterHeaders.ATTEMPTS, str(attempts)),
            (DeadLetterHeaders.FIRST_FAILURE, _instant(first)),
            (DeadLetterHeaders.LAST_FAILURE, _instant(_now())),
            (DeadLetterHeaders.REASON, reason),
            (DeadLetterHeaders.SUBSCRIBER, self.group),
        ]
        if self._dead_letters is None:
            self._dead_letters = create_producer(
                self.settings, self.bounds.publisher, f"ringrift-dlq-{self.group}"
            )
        outcome: list[Optional[KafkaError]] = []
        self._dead_letters.produce(
            dlq,
            value=message.value(),
            key=message.key(),
            headers=headers,
            on_delivery=lambda err, _msg: outcome.append(err),
        )
        self._dead_letters.flush(self.bounds.publisher.delivery_timeout_ms / 1000)
        if not outcome or outcome[0] is not None:
            reason = (
                outcome[0].str() if outcome and outcome[0] is not None else "no acknowledgement"
            )
            raise SubscribeError(
                f"subscriber {self.group} could not park offset {message.offset()} of"
                f" {message.topic()} in {dlq}: {reason}; it is not committed"
            )
        LOGGER.warning(
            "subscriber=%s sent offset=%s of %s to %s reason=%s",
            self.group,
            message.offset(),
            message.topic(),
            dlq,
            reason,
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _instant(time_: dt.datetime) -> str:
    # as Java's Instant.toString: 2025-06-01T12:00:00.123Z
    return time_.isoformat(timespec="milliseconds").replace("+00:00", "Z")
