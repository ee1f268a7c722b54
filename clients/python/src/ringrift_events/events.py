"""Events as plain data checked against their Avro schema: the header, config keys, validation.

An event is its type name and its Avro data (a dict, header included). :func:`conform` checks a
dict against the event's schema, field by field, and brings it into the form Avro writes: defaults
filled in, a config given as ``"square8_2p"`` turned into its record, times as UTC datetimes. A bad
value is an :class:`InvalidEventError` naming the field, before anything is sent.

Headers as the Java publisher makes them: a root event names its trace after itself; a reaction
keeps its cause's trace and names the cause. Times are cut to the milliseconds the field holds:

>>> import datetime as dt
>>> clock = lambda: dt.datetime(2025, 6, 1, 12, 0, 0, 123456, tzinfo=dt.timezone.utc)
>>> root = new_header("trainer@gpu-node-3", clock)
>>> root.trace_id == root.event_id, root.occurred_at.isoformat()
(True, '2025-06-01T12:00:00.123000+00:00')
>>> reaction = new_header("evaluator@gpu-node-5", clock, Lineage.reacting_to(root))
>>> reaction.trace_id == reaction.causation_id == reaction.correlation_id == root.event_id
True
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

import avro.schema

__all__ = ["Event", "Header", "InvalidEventError", "Lineage", "conform", "format_config_key"]

CONFIG_KEY_SCHEMA = "ai.ringrift.events.ConfigKey"
HEADER_SCHEMA = "ai.ringrift.events.EventHeader"

# ConfigKeys (modules/events): RingRift games have 2 to 4 players
MIN_PLAYERS = 2
MAX_PLAYERS = 4

_INT_RANGE = (-(2**31), 2**31 - 1)
_LONG_RANGE = (-(2**63), 2**63 - 1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


class InvalidEventError(ValueError):
    """An event that does not fit its schema; ``field`` is the dotted path of the bad field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True)
class Header:
    """The envelope every event carries (``schemas/common/EventHeader.avsc``)."""

    event_id: str
    source: str
    occurred_at: dt.datetime
    trace_id: str
    correlation_id: Optional[str] = None
    causation_id: Optional[str] = None
    iteration: Optional[int] = None

    @classmethod
    def from_avro(cls, data: Mapping[str, Any]) -> Header:
        """The header of a decoded event."""
        return cls(**data)

    def to_avro(self) -> dict[str, Any]:
        """The header as Avro data."""
        return {
            "event_id": self.event_id,
            "source": self.source,
            "occurred_at": self.occurred_at,
            "trace_id": self.trace_id,
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
            "iteration": self.iteration,
        }


@dataclass(frozen=True)
class Lineage:
    """Where an event comes from: its trace and the event it reacts to (as the Java ``Lineage``).

    Reacting to a cause keeps the cause's trace id and iteration, names the cause as
    ``causation_id`` and the chain's first event as ``correlation_id``. A root event (no lineage)
    names its trace after itself.
    """

    trace_id: str
    correlation_id: Optional[str] = None
    causation_id: Optional[str] = None
    iteration: Optional[int] = None

    @classmethod
    def fresh(cls) -> Lineage:
        """A new trace that no event is named after (a training run's)."""
        return cls(str(uuid.uuid4()))

    @classmethod
    def reacting_to(cls, cause: Header) -> Lineage:
        """The lineage of an event that reacts to the event with header ``cause``."""
        return cls(
            trace_id=cause.trace_id,
            correlation_id=cause.correlation_id or cause.event_id,
            causation_id=cause.event_id,
            iteration=cause.iteration,
        )

    def header(self, source: str, now: dt.datetime) -> Header:
        """A new header of this lineage at ``now``."""
        return Header(
            str(uuid.uuid4()),
            source,
            to_millis(now),
            self.trace_id,
            self.correlation_id,
            self.causation_id,
            self.iteration,
        )


def epoch_millis(time: dt.datetime) -> int:
    """Milliseconds since the epoch, exactly (no floating point)."""
    return (time - _EPOCH) // dt.timedelta(milliseconds=1)


def new_header(
    source: str, clock: Callable[[], dt.datetime], lineage: Optional[Lineage] = None
) -> Header:
    """A header for a new event: a UUID, ``source``, the clock's time in milliseconds."""
    now = to_millis(clock())
    if lineage is not None:
        return lineage.header(source, now)
    event_id = str(uuid.uuid4())
    return Header(event_id, source, now, trace_id=event_id)


@dataclass(frozen=True)
class Event:
    """One event: its type (e.g. ``ModelPromoted``), its Avro data and its record key.

    Fields read as attributes (``event.model_path``); ``event.header`` is the :class:`Header`.
    Make events with ``Publisher.event`` or ``Contract.event``, which check them.
    """

    type: str
    data: Mapping[str, Any] = field(repr=False)
    key: str

    @property
    def header(self) -> Optional[Header]:
        """The header, or None for a state record (``CircuitState``, ``ModelRegistryEntry``)."""
        data = self.data.get("header")
        return Header.from_avro(data) if data is not None else None

    @property
    def event_id(self) -> Optional[str]:
        """The header's event id."""
        header = self.data.get("header")
        return header["event_id"] if header else None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "data":
            raise AttributeError(name)
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(f"{self.type} has no field {name!r}") from None

    def __repr__(self) -> str:
        return f"Event(type={self.type!r}, key={self.key!r}, event_id={self.event_id!r})"


def format_config_key(config: Mapping[str, Any]) -> str:
    """``square8_2p`` for ``{"board": "SQUARE8", "players": 2}``."""
    return f"{config['board'].lower()}_{config['players']}p"


def conform(schema: avro.schema.RecordSchema, data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` checked against ``schema`` and completed: raises :class:`InvalidEventError`."""
    return _record(schema, data, schema.name)


def _record(schema: avro.schema.RecordSchema, data: Any, path: str) -> dict[str, Any]:
    if schema.fullname == CONFIG_KEY_SCHEMA and isinstance(data, str):
        data = _parse_config_key(schema, data, path)
    if isinstance(data, Header):
        data = data.to_avro()
    if not isinstance(data, Mapping):
        raise InvalidEventError(path, f"expected {_describe(schema)}, got {_given(data)}")
    names = [f.name for f in schema.fields]
    for name in data:
        if name not in names:
            raise InvalidEventError(
                f"{path}.{name}", f"not a field of {schema.name} (it has {', '.join(names)})"
            )
    record: dict[str, Any] = {}
    for f in schema.fields:
        at = f"{path}.{f.name}"
        if f.name in data:
            record[f.name] = _value(f.type, data[f.name], at)
        elif f.has_default:
            record[f.name] = _value(f.type, copy.deepcopy(f.default), at)
        else:
            raise InvalidEventError(at, f"missing, and it has no default ({_describe(f.type)})")
    if schema.fullname == CONFIG_KEY_SCHEMA:
        players = record["players"]
        if not MIN_PLAYERS <= players <= MAX_PLAYERS:
            raise InvalidEventError(
                f"{path}.players", f"must be {MIN_PLAYERS} to {MAX_PLAYERS}, was {players}"
            )
    return record


def _value(schema: avro.schema.Schema, value: Any, path: str) -> Any:
    kind = schema.type
    if kind == "record":
        return _record(schema, value, path)
    if kind == "union":
        return _union(schema, value, path)
    if kind == "enum":
        return _enum(schema, value, path)
    if kind == "array":
        if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
            raise InvalidEventError(path, f"expected an array, got {_given(value)}")
        return [_value(schema.items, item, f"{path}[{i}]") for i, item in enumerate(value)]
    if kind == "map":
        if not isinstance(value, Mapping):
            raise InvalidEventError(path, f"expected a map, got {_given(value)}")
        return {k: _value(schema.values, v, f"{path}.{k}") for k, v in value.items()}
    if schema.props.get("logicalType") == "timestamp-millis":
        return _timestamp(value, path)
    return _primitive(kind, value, path)


def _union(schema: avro.schema.UnionSchema, value: Any, path: str) -> Any:
    branches = schema.schemas
    if value is None:
        if any(b.type == "null" for b in branches):
            return None
        raise InvalidEventError(path, f"may not be null ({_describe(schema)})")
    first: Optional[InvalidEventError] = None
    for branch in branches:
        if branch.type == "null":
            continue
        try:
            return _value(branch, value, path)
        except InvalidEventError as e:
            first = first or e
    assert first is not None
    raise first


def _enum(schema: avro.schema.EnumSchema, value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise InvalidEventError(path, f"expected a string, got {_given(value)}")
    for symbol in schema.symbols:
        if symbol.lower() == value.lower():
            return symbol
    raise InvalidEventError(path, f"{value!r} is not one of {', '.join(schema.symbols)}")


def _primitive(kind: str, value: Any, path: str) -> Any:
    if kind == "string":
        if not isinstance(value, str):
            raise InvalidEventError(path, f"expected a string, got {_given(value)}")
        return value
    if kind in ("int", "long"):
        low, high = _INT_RANGE if kind == "int" else _LONG_RANGE
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidEventError(path, f"expected an {kind}, got {_given(value)}")
        if not low <= value <= high:
            raise InvalidEventError(path, f"expected an {kind}, got {value}, out of range")
        return value
    if kind in ("double", "float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidEventError(path, f"expected a number, got {_given(value)}")
        return float(value)
    if kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidEventError(path, f"expected true or false, got {_given(value)}")
        return value
    if kind == "null":
        if value is not None:
            raise InvalidEventError(path, f"expected null, got {_given(value)}")
        return None
    if kind == "bytes":
        if not isinstance(value, (bytes, bytearray)):
            raise InvalidEventError(path, f"expected bytes, got {_given(value)}")
        return bytes(value)
    raise InvalidEventError(path, f"has Avro type {kind}, which this client cannot set")


def _timestamp(value: Any, path: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidEventError(
                path, f"a time needs a time zone, e.g. datetime.now(timezone.utc); got {value}"
            )
        return to_millis(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _EPOCH + dt.timedelta(milliseconds=value)
    raise InvalidEventError(
        path, f"expected a datetime with a time zone or epoch milliseconds, got {_given(value)}"
    )


def to_millis(time: dt.datetime) -> dt.datetime:
    """``time`` in UTC, cut to milliseconds: what the field holds, so what is read back."""
    return time.astimezone(dt.timezone.utc).replace(microsecond=time.microsecond // 1000 * 1000)


_CONFIG_KEY = re.compile(r"([a-z0-9]+)_(\d+)p")


def _parse_config_key(schema: avro.schema.RecordSchema, text: str, path: str) -> dict[str, Any]:
    boards = schema.fields_dict["board"].type.symbols
    match = _CONFIG_KEY.fullmatch(text)
    board = match.group(1).upper() if match else None
    players = int(match.group(2)) if match else 0
    if board not in boards or not MIN_PLAYERS <= players <= MAX_PLAYERS:
        raise InvalidEventError(
            path,
            f"{text!r} is not a config key: expected <board>_<players>p with board one of"
            f" {', '.join(b.lower() for b in boards)} and {MIN_PLAYERS} to {MAX_PLAYERS}"
            f" players, e.g. square8_2p",
        )
    return {"board": board, "players": players}


def _describe(schema: avro.schema.Schema) -> str:
    if schema.type == "union":
        return " or ".join(_describe(b) for b in schema.schemas)
    if schema.type in ("record", "enum"):
        return schema.name
    if schema.type == "array":
        return f"array of {_describe(schema.items)}"
    if schema.props.get("logicalType") == "timestamp-millis":
        return "a time"
    return schema.type


def _given(value: Any) -> str:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({type(value).__name__})"
