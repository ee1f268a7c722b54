"""RingRift's events for Python trainers and selfplay workers.

- :class:`Publisher` publishes any event type of ``schemas/`` by name, the header filled, to its
  topic of ``config/topics.yaml``, keyed by config, Confluent-framed through the schema registry,
  ``acks=all`` and idempotent; :meth:`Publisher.training_run` reports a training job.
- :class:`Subscriber` calls back for events as a consumer group, committing after each callback;
  ``on_model_promoted`` is what a selfplay worker needs.
- :mod:`ringrift_events.protocol` (``progress``, ``result``) is the command protocol of a stage's
  action program; it imports neither Kafka nor Avro.

Connection settings come from the Java services' variables (:class:`Settings`). Events are
checked against the schemas, read at run time (:class:`Contract`), before anything is sent:

>>> from ringrift_events import Contract, InvalidEventError
>>> contract = Contract.load()
>>> try:
...     contract.event("NpzExportCompleted", {"header": None, "config": "hex8_3p", "output_path": 7})
... except InvalidEventError as e:
...     print(e.field)
NpzExportCompleted.header

The guide with a complete trainer and selfplay worker: ``docs/python.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .protocol import fail, progress, result

if TYPE_CHECKING:  # what the lazy attributes below are, for type checkers
    from .contract import Contract, ContractError, Topic
    from .events import Event, Header, InvalidEventError
    from .publisher import PublishError, Published, Publisher, TrainingRun
    from .registry import RegistryError, WireFormatError
    from .settings import ClientBounds, Settings, SettingsError
    from .subscriber import SubscribeError, Subscriber

__all__ = [
    "ClientBounds",
    "Contract",
    "ContractError",
    "Event",
    "Header",
    "InvalidEventError",
    "PublishError",
    "Published",
    "Publisher",
    "RegistryError",
    "Settings",
    "SettingsError",
    "SubscribeError",
    "Subscriber",
    "Topic",
    "TrainingRun",
    "WireFormatError",
    "fail",
    "progress",
    "result",
]

# imported on first use, so that `ringrift_events.protocol` loads without Kafka or Avro
_LAZY = {
    "Contract": "contract",
    "ContractError": "contract",
    "Topic": "contract",
    "Event": "events",
    "Header": "events",
    "InvalidEventError": "events",
    "PublishError": "publisher",
    "Published": "publisher",
    "Publisher": "publisher",
    "TrainingRun": "publisher",
    "RegistryError": "registry",
    "WireFormatError": "registry",
    "ClientBounds": "settings",
    "Settings": "settings",
    "SettingsError": "settings",
    "SubscribeError": "subscriber",
    "Subscriber": "subscriber",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
