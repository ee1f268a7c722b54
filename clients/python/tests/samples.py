"""Fully populated sample events of any type, made from its schema (like the Java testkit's
``SampleEvents``): every optional field set, every string unique to the sample."""

from __future__ import annotations

import datetime as dt
from typing import Any

import avro.schema

# fields whose values are record keys, which have a form of their own (KeyKind)
_KEYS = {"node": "gpu-node-3", "role": "PROMOTION_LEADER"}
_CONFIGS = ["square8_2p", "hex8_3p", "square19_4p", "hexagonal_2p"]


def sample(schema: avro.schema.RecordSchema, seed: int, token: str) -> dict[str, Any]:
    """A sample of ``schema`` without its header; ``seed`` varies numbers and enums."""
    data = _record(schema, seed, token, schema.name)
    data.pop("header", None)
    return data


def _record(schema: avro.schema.RecordSchema, seed: int, token: str, path: str) -> Any:
    if schema.fullname == "ai.ringrift.events.ConfigKey":
        return _CONFIGS[seed % len(_CONFIGS)]
    return {
        f.name: _value(f.name, f.type, seed + i, token, f"{path}.{f.name}")
        for i, f in enumerate(schema.fields)
    }


def _value(name: str, schema: avro.schema.Schema, seed: int, token: str, path: str) -> Any:
    kind = schema.type
    if kind == "record":
        return _record(schema, seed, token, path)
    if kind == "union":  # the non-null branch, so nested types are exercised
        return _value(name, next(b for b in schema.schemas if b.type != "null"), seed, token, path)
    if kind == "enum":
        return schema.symbols[seed % len(schema.symbols)]
    if kind == "array":
        return [_value(name, schema.items, seed + i, token, f"{path}[{i}]") for i in range(2)]
    if schema.props.get("logicalType") == "timestamp-millis":
        return dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.timezone.utc) + dt.timedelta(
            seconds=seed, milliseconds=123
        )
    if kind == "string":
        return _KEYS.get(name, f"{path}-{token}")
    if kind == "int":
        return 3 + seed
    if kind == "long":
        return 5_000_000_000 + seed
    if kind in ("double", "float"):
        return 0.25 + seed
    if kind == "boolean":
        return seed % 2 == 0
    raise AssertionError(f"{path}: no sample for Avro type {kind}")
