"""Confluent's wire format and the few schema registry calls a client needs.

Every event value crosses Kafka as byte 0, the schema id as 4 big-endian bytes, then the Avro
binary datum (docs/schema-registry.md "Schema Registry"). Subjects follow TopicNameStrategy:
``<topic>-value``.

>>> frame(7, b"payload")
b'\\x00\\x00\\x00\\x00\\x07payload'
>>> unframe(frame(7, b"payload"))
(7, b'payload')
>>> unframe(b"{not framed}")
Traceback (most recent call last):
...
ringrift_events.registry.WireFormatError: not Confluent-framed Avro: magic byte 0x7b, expected 0x00
"""

from __future__ import annotations

import base64
import json
import struct
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Optional

import avro.schema

__all__ = ["RegistryError", "SchemaRegistry", "WireFormatError", "frame", "unframe"]

_MAGIC = 0
_HEADER = struct.Struct(">bI")
_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json"


class WireFormatError(ValueError):
    """Bytes that are not Confluent-framed Avro."""


class RegistryError(Exception):
    """The registry could not be reached or refused a request; the message says what to do."""


def frame(schema_id: int, payload: bytes) -> bytes:
    """``payload`` in Confluent's wire format under ``schema_id``."""
    return _HEADER.pack(_MAGIC, schema_id) + payload


def unframe(data: Optional[bytes]) -> tuple[int, bytes]:
    """The schema id and the Avro datum of a framed value."""
    if data is None or len(data) < _HEADER.size:
        raise WireFormatError(
            f"not Confluent-framed Avro: {len(data or b'')} bytes, need at least 5"
        )
    magic, schema_id = _HEADER.unpack_from(data)
    if magic != _MAGIC:
        raise WireFormatError(
            f"not Confluent-framed Avro: magic byte 0x{magic & 0xFF:02x}, expected 0x00"
        )
    return schema_id, data[_HEADER.size :]


def canonical(schema: avro.schema.Schema) -> str:
    """Avro's Parsing Canonical Form: what decides the bytes, without docs and properties.

    Python's Avro writes a primitive that had properties (the Java generator's
    ``{"type": "string", "avro.java.string": "String"}``) as ``{"type": "string"}``; parsing the
    form once more collapses it to ``"string"``, as the specification has it.
    """
    return avro.schema.parse(schema.canonical_form).canonical_form


class SchemaRegistry:
    """A client of a Confluent-compatible registry (REST API v1) that caches ids and schemas.

    ``id_for`` finds the id under which the subject holds this schema (equal in canonical form,
    so the Java services' registrations are reused) and registers it when none does and
    ``auto_register`` is on, as Confluent's serializers do.
    """

    def __init__(
        self,
        url: str,
        *,
        user_info: Optional[str] = None,
        bearer_token: Optional[str] = None,
        timeout_s: float = 10.0,
        auto_register: bool = True,
        max_retries: int = 3,
        backoff_s: float = 0.1,
    ) -> None:
        if max_retries < 0:
            raise ValueError(f"schema.registry.max.retries must be at least 0, was {max_retries}")
        self.url = url.rstrip("/")
        self._timeout = timeout_s
        self._max_retries = max_retries
        self._backoff_s = backoff_s
        self._auto_register = auto_register
        self._auth = None
        if user_info:
            self._auth = "Basic " + base64.b64encode(user_info.encode()).decode()
        elif bearer_token:
            self._auth = "Bearer " + bearer_token
        self._ids: dict[tuple[str, str], int] = {}
        self._schemas: dict[int, avro.schema.Schema] = {}
        self._lock = threading.Lock()

    def id_for(self, subject: str, schema: avro.schema.Schema) -> int:
        """The id of ``schema`` under ``subject``, registering it when allowed and needed."""
        form = canonical(schema)
        with self._lock:
            known = self._ids.get((subject, form))
        if known is not None:
            return known
        schema_id = self._find(subject, form)
        if schema_id is None:
            if not self._auto_register:
                raise RegistryError(
                    f"subject {subject} at {self.url} has no version of this client's schema and"
                    f" auto.register.schemas is off: register it (`ringrift schemas register`)"
                )
            body = {"schema": json.dumps(schema.to_json())}
            schema_id = self._call("POST", f"/subjects/{_quote(subject)}/versions", body)["id"]
        with self._lock:
            self._ids[(subject, form)] = schema_id
        return schema_id

    def schema(self, schema_id: int) -> avro.schema.Schema:
        """The schema registered under ``schema_id`` (a writer's schema, for reading)."""
        with self._lock:
            known = self._schemas.get(schema_id)
        if known is not None:
            return known
        parsed = avro.schema.parse(self._call("GET", f"/schemas/ids/{schema_id}")["schema"])
        with self._lock:
            self._schemas[schema_id] = parsed
        return parsed

    def _find(self, subject: str, form: str) -> Optional[int]:
        try:
            versions = self._call("GET", f"/subjects/{_quote(subject)}/versions")
        except _NotFound:
            return None
        for version in sorted(versions, reverse=True):  # the newest is the likeliest
            found = self._call("GET", f"/subjects/{_quote(subject)}/versions/{version}")
            if canonical(avro.schema.parse(found["schema"])) == form:
                return found["id"]
        return None

    def _call(self, method: str, path: str, body: Optional[dict[str, Any]] = None) -> Any:
        """One request, tried again (as the Java client does: ``max_retries`` times, the wait
        doubling from ``backoff_s``) when the registry answers 5xx or cannot be reached; any
        other answer is final."""
        attempt = 0
        while True:
            try:
                return self._call_once(method, path, body)
            except _Retriable as e:
                attempt += 1
                if attempt > self._max_retries:
                    raise RegistryError(
                        f"{e} (tried {attempt} times)"
                    ) from e.__cause__
                time.sleep(self._backoff_s * 2 ** min(attempt - 1, 10))

    def _call_once(self, method: str, path: str, body: Optional[dict[str, Any]]) -> Any:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode() if body is not None else None,
            method=method,
            headers={"Accept": _CONTENT_TYPE, "Content-Type": _CONTENT_TYPE},
        )
        if self._auth:
            request.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            refused = _refused(self.url, method, path, e)
            if e.code >= 500:
                raise _Retriable(str(refused)) from e
            raise refused from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise _Retriable(
                f"cannot reach the schema registry at {self.url} ({reason}); start it with"
                f" `scripts/ringrift up` or set RINGRIFT_SCHEMA_REGISTRY_URL"
            ) from e


class _Retriable(Exception):
    pass


class _NotFound(RegistryError):
    pass


def _refused(url: str, method: str, path: str, error: urllib.error.HTTPError) -> RegistryError:
    try:
        detail = json.loads(error.read() or b"{}")
    except ValueError:
        detail = {}
    code = detail.get("error_code", error.code)
    message = detail.get("message", error.reason)
    text = f"the schema registry at {url} answered {method} {path} with {error.code} ({code}: {message})"
    if error.code == 404:
        return _NotFound(text)
    if error.code in (401, 403):
        return RegistryError(
            text + ": set RINGRIFT_KAFKA_BASIC_AUTH_USER_INFO=user:password or the role's"
            " RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN"
        )
    return RegistryError(text)


def _quote(subject: str) -> str:
    return urllib.parse.quote(subject, safe="")
