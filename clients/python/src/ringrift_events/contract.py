"""The event contract read at run time: every schema of ``schemas/`` and its topic of
``config/topics.yaml``, the same files the Java services are built from.

>>> contract = Contract.load()
>>> contract.topic_for("ModelPromoted").name
'ringrift.model.promoted'
>>> event = contract.event("TrainingProgress", {"config": "square8_2p", "job_id": "job-42",
...                        "epoch": 1, "total_epochs": 20, "loss": 0.93})
Traceback (most recent call last):
...
ringrift_events.events.InvalidEventError: TrainingProgress.header: missing, and it has no default (EventHeader)

``Publisher.event`` fills the header; the rest of the check is the schema's.
"""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

import avro.errors
import avro.io
import avro.schema
import yaml

from .events import Event, InvalidEventError, conform, format_config_key

__all__ = ["Contract", "ContractError", "Topic", "config_dir", "schema_dir"]

_PACKAGE = Path(__file__).resolve().parent
# the checkout's root when the package runs from clients/python/src
_CHECKOUT = _PACKAGE.parents[3]
# the copy a built package carries (setup.py), for installs away from the checkout
_PACKAGED = _PACKAGE / "_contract"

# KeyKind (modules/events): the kinds of record key, and the form of those taken from a text field
_KEY_KINDS = ("CONFIG", "CONFIG_STAGE", "NODE", "ROLE")
_KEY_FORMS = {
    "NODE": re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,252}"),
    "ROLE": re.compile(r"[A-Z][A-Z0-9_]{0,63}"),
}
_KEY_EXAMPLES = {"NODE": "a host name like gpu-node-3", "ROLE": "a role name like PROMOTION_LEADER"}


class ContractError(Exception):
    """The schemas or the topic catalog cannot be read; the message names the file and key."""


@dataclass(frozen=True)
class Topic:
    """One topic of ``config/topics.yaml``: its value type, its key kind and its DLQ."""

    name: str
    value_type: Optional[str]
    key: str
    dlq: Optional[str]


def config_dir(explicit: Optional[os.PathLike[str]] = None) -> Path:
    """The config directory, found as the Java services find it.

    ``explicit``, else ``$RINGRIFT_CONFIG_DIR``, else ``./config`` when it holds ``topics.yaml``,
    else the checkout's ``config/`` (when the package runs from it), else the copy in the package.
    """
    env = os.environ.get("RINGRIFT_CONFIG_DIR")
    for candidate, must_exist in ((explicit, True), (env, True), ("config", False)):
        if candidate:
            path = Path(candidate)
            if (path / "topics.yaml").is_file():
                return path
            if must_exist:
                raise ContractError(f"config directory {path} has no topics.yaml")
    return _first("config", "topics.yaml")


def schema_dir(explicit: Optional[os.PathLike[str]] = None) -> Path:
    """The schema directory: ``explicit``, else the checkout's ``schemas/``, else the package's copy."""
    if explicit:
        path = Path(explicit)
        if not (path / "common").is_dir():
            raise ContractError(f"schema directory {path} has no common/ folder")
        return path
    return _first("schemas", "common")


def _first(name: str, marker: str) -> Path:
    for root in (_CHECKOUT, _PACKAGED):
        if (root / name / marker).exists():
            return root / name
    raise ContractError(
        f"no {name}/ found next to {_PACKAGE} nor packaged with it: install the package from the"
        f" checkout (pip install clients/python) or pass the directory"
    )


class Contract:
    """Event types, their schemas and topics; builds, encodes and decodes events."""

    def __init__(self, schemas: Mapping[str, avro.schema.RecordSchema], topics: Iterable[Topic]):
        self._schemas = dict(schemas)
        self._topics = {t.name: t for t in topics}
        self._by_type = {t.value_type: t for t in self._topics.values() if t.value_type}

    @classmethod
    def load(
        cls,
        schemas: Optional[os.PathLike[str]] = None,
        config: Optional[os.PathLike[str]] = None,
    ) -> Contract:
        """Reads the schemas and ``topics.yaml`` (directories as :func:`schema_dir`, :func:`config_dir`)."""
        loaded = _load_schemas(schema_dir(schemas))
        return cls(loaded, _load_topics(config_dir(config) / "topics.yaml", loaded))

    @property
    def types(self) -> list[str]:
        """Every type that has a topic, in catalog order."""
        return list(self._by_type)

    def schema(self, type_name: str) -> avro.schema.RecordSchema:
        """The schema of ``type_name``."""
        try:
            return self._schemas[type_name]
        except KeyError:
            raise ContractError(
                f"unknown event type {type_name!r}; the types are {', '.join(sorted(self._by_type))}"
            ) from None

    def topic_for(self, type_name: str) -> Topic:
        """The topic events of ``type_name`` go to."""
        self.schema(type_name)
        try:
            return self._by_type[type_name]
        except KeyError:
            raise ContractError(f"{type_name} has no topic in topics.yaml") from None

    def topic(self, name: str) -> Topic:
        """The catalog topic ``name``."""
        try:
            return self._topics[name]
        except KeyError:
            raise ContractError(f"unknown topic {name!r}; topics.yaml lists the catalog") from None

    def event(self, type_name: str, data: Mapping[str, Any]) -> Event:
        """The checked event of ``type_name``; raises :class:`InvalidEventError` naming the field."""
        record = conform(self.schema(type_name), data)
        return Event(type_name, record, self._key(type_name, record))

    def encode(self, event: Event) -> bytes:
        """The Avro binary datum of ``event`` (no framing)."""
        out = io.BytesIO()
        avro.io.DatumWriter(self.schema(event.type)).write(event.data, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(
        self, type_name: str, payload: bytes, writer: avro.schema.Schema, key: Optional[str] = None
    ) -> Event:
        """Reads ``payload`` written with ``writer`` as this contract's ``type_name``."""
        reader = avro.io.DatumReader(writer, self.schema(type_name))
        data = reader.read(avro.io.BinaryDecoder(io.BytesIO(payload)))
        return Event(type_name, data, key if key is not None else self._key(type_name, data))

    def config_key(self, config: Any) -> str:
        """The canonical form (``square8_2p``) of a config key given as text or as its record."""
        for schema in self._schemas.values():
            field = schema.fields_dict.get("config")
            if field is not None and field.type.type == "record":
                return format_config_key(conform(field.type, config))
        raise ContractError(
            "no schema has a config field: schemas/common/ConfigKey.avsc is not used"
        )

    def _key(self, type_name: str, data: Mapping[str, Any]) -> str:
        kind = self.topic_for(type_name).key
        if kind == "CONFIG":
            return format_config_key(data["config"])
        if kind == "CONFIG_STAGE":
            return f"{format_config_key(data['config'])}/{data['stage'].lower()}"
        field = kind.lower()
        value = data[field]
        if not _KEY_FORMS[kind].fullmatch(value):
            raise InvalidEventError(
                f"{type_name}.{field}",
                f"{value!r} is not a record key: expected {_KEY_EXAMPLES[kind]}",
            )
        return value


def _load_schemas(root: Path) -> dict[str, avro.schema.RecordSchema]:
    names = avro.schema.Names()
    pending = sorted((root / "common").glob("*.avsc"))
    # shared types refer to each other (ConfigKey to Board): parse until nothing is left
    while pending:
        failed = []
        for path in pending:
            try:
                _parse(path, names)
            except avro.errors.SchemaParseException as e:
                failed.append((path, e))
        if len(failed) == len(pending):
            path, error = failed[0]
            raise ContractError(f"{path}: {error}")
        pending = [path for path, _ in failed]
    schemas = {}
    for path in sorted(root.glob("*.avsc")):
        try:
            schema = _parse(path, names)
        except avro.errors.SchemaParseException as e:
            raise ContractError(f"{path}: {e}") from e
        if schema.name != path.stem:
            raise ContractError(f"{path}: defines {schema.name}, expected {path.stem}")
        schemas[schema.name] = schema
    return schemas


def _parse(path: Path, names: avro.schema.Names) -> avro.schema.Schema:
    try:
        text = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ContractError(f"{path}: {e}") from e
    return avro.schema.make_avsc_object(text, names)


def _load_topics(path: Path, schemas: Mapping[str, Any]) -> list[Topic]:
    try:
        catalog = yaml.safe_load(path.read_text(encoding="utf-8"))
        dlq_default = bool(catalog["defaults"].get("dlq", False))
        suffix = catalog["dlq"]["suffix"]
        entries = catalog["topics"]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise ContractError(f"{path}: cannot read the catalog ({e!r})") from e
    topics = []
    for i, entry in enumerate(entries):
        where = f"{path}: topics[{i}] ({entry.get('name')})"
        value_type = entry.get("schema")
        if value_type is not None and value_type not in schemas:
            raise ContractError(f"{where}.schema: no schemas/{value_type}.avsc")
        if entry.get("key") not in _KEY_KINDS:
            raise ContractError(f"{where}.key: must be one of {', '.join(_KEY_KINDS)}")
        # as TopicCatalogReader: a consumed event topic has a DLQ; state and internal ones do not
        state = entry.get("cleanupPolicy", "delete") == "compact"
        has_dlq = entry.get("dlq", dlq_default) and not state and not entry.get("internal", False)
        topics.append(
            Topic(
                entry["name"], value_type, entry["key"], entry["name"] + suffix if has_dlq else None
            )
        )
    return topics
