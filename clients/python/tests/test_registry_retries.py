"""The registry client tries again where the Java client does (5xx, no answer), and only there."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import avro.schema
import pytest

from ringrift_events.registry import RegistryError, SchemaRegistry

SCHEMA = avro.schema.parse(
    json.dumps({"type": "record", "name": "Probe", "fields": [{"name": "n", "type": "int"}]})
)


class _Registry(http.server.BaseHTTPRequestHandler):
    """A registry that fails the first ``failures`` requests with ``status``, then knows id 7."""

    failures = 0
    status = 503
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).seen.append(self.path)
        if len(type(self).seen) <= type(self).failures:
            self._answer(type(self).status, {"error_code": type(self).status * 100, "message": "no"})
        else:
            self._answer(200, {"schema": str(SCHEMA)})

    def _answer(self, status: int, body: dict[str, object]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/vnd.schemaregistry.v1+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def registry_failing() -> Iterator[type[_Registry]]:
    handler = type("Handler", (_Registry,), {"seen": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def test_a_5xx_is_tried_again_and_the_answer_after_it_is_used(
    registry_failing: type[_Registry],
) -> None:
    registry_failing.failures = 2
    client = SchemaRegistry(registry_failing.url, max_retries=3, backoff_s=0.01)  # type: ignore[attr-defined]

    assert client.schema(7) == SCHEMA
    assert registry_failing.seen == ["/schemas/ids/7"] * 3


def test_retries_end_with_the_registrys_answer_and_how_often_it_was_tried(
    registry_failing: type[_Registry],
) -> None:
    registry_failing.failures = 10
    client = SchemaRegistry(registry_failing.url, max_retries=2, backoff_s=0.01)  # type: ignore[attr-defined]

    with pytest.raises(RegistryError, match=r"answered GET /schemas/ids/7 with 503 .*\(tried 3 times\)"):
        client.schema(7)
    assert len(registry_failing.seen) == 3


def test_a_4xx_is_final(registry_failing: type[_Registry]) -> None:
    registry_failing.failures = 10
    registry_failing.status = 404
    client = SchemaRegistry(registry_failing.url, max_retries=3, backoff_s=0.01)  # type: ignore[attr-defined]

    with pytest.raises(RegistryError, match=r"with 404"):
        client.schema(7)
    assert len(registry_failing.seen) == 1


def test_no_answer_is_tried_again_then_named(unused_url: str) -> None:
    client = SchemaRegistry(unused_url, max_retries=1, backoff_s=0.01)

    with pytest.raises(
        RegistryError, match=r"cannot reach the schema registry at .*\(tried 2 times\)"
    ):
        client.schema(7)


@pytest.fixture()
def unused_url() -> str:
    from support import free_port

    return f"http://127.0.0.1:{free_port()}"
