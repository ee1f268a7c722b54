"""Confluent's own Python client (Debian's python3-confluent-kafka, its SchemaRegistryClient)
against the embedded registry: every method the client has, with the answers and error codes
Confluent's server gives."""

import json

import pytest
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError


def record(name, *fields):
    return json.dumps({"type": "record", "name": name, "namespace": "ai.ringrift.pytest",
                       "fields": [{"name": "id", "type": "string"}, *fields]},
                      separators=(",", ":"))


V1 = record("Thing")
V2 = record("Thing", {"name": "score", "type": "double", "default": 0.0})
BAD = record("Thing", {"name": "score", "type": "double"})
HEADER = record("Header")
EVENT = json.dumps({"type": "record", "name": "Event", "namespace": "ai.ringrift.pytest",
                    "fields": [{"name": "header", "type": "Header"},
                               {"name": "n", "type": "int"}]}, separators=(",", ":"))


@pytest.fixture
def client(registry_url):
    with SchemaRegistryClient({"url": registry_url}) as client:
        yield client


def fresh(registry_url):
    """A client with empty caches, so that every call reaches the registry."""
    return SchemaRegistryClient({"url": registry_url})


def error_of(call):
    with pytest.raises(SchemaRegistryError) as raised:
        call()
    return raised.value.http_status_code, raised.value.error_code


def test_register_schema_gives_one_id_to_one_schema_in_every_subject(client, registry_url):
    schema_id = client.register_schema("py-register-value", Schema(V1, "AVRO"))
    assert fresh(registry_url).register_schema("py-register-value", Schema(V1, "AVRO")) == schema_id
    assert client.register_schema("py-register-other-value", Schema(V1, "AVRO")) == schema_id
    assert client.register_schema("py-register-value", Schema(V2, "AVRO")) != schema_id


def test_get_schema_returns_the_schema_of_an_id(client, registry_url):
    schema_id = client.register_schema("py-get-value", Schema(V1, "AVRO"))
    schema = fresh(registry_url).get_schema(schema_id)
    assert json.loads(schema.schema_str) == json.loads(V1)
    assert schema.schema_type == "AVRO"
    assert schema.references == []


def test_lookup_schema_finds_the_version_that_has_it(client):
    schema_id = client.register_schema("py-lookup-value", Schema(V1, "AVRO"))
    client.register_schema("py-lookup-value", Schema(V2, "AVRO"))
    found = client.lookup_schema("py-lookup-value", Schema(V1, "AVRO"))
    assert (found.subject, found.version, found.schema_id) == ("py-lookup-value", 1, schema_id)
    assert json.loads(found.schema.schema_str) == json.loads(V1)


def test_get_subjects_lists_what_was_registered_and_what_up_registered(client):
    client.register_schema("py-subjects-value", Schema(V1, "AVRO"))
    subjects = client.get_subjects()
    assert "py-subjects-value" in subjects
    assert "ringrift.training.started-value" in subjects
    assert subjects == sorted(subjects)


def test_versions_latest_and_one_version(client):
    first = client.register_schema("py-versions-value", Schema(V1, "AVRO"))
    second = client.register_schema("py-versions-value", Schema(V2, "AVRO"))
    assert client.get_versions("py-versions-value") == [1, 2]
    latest = client.get_latest_version("py-versions-value")
    assert (latest.version, latest.schema_id, latest.subject) == (2, second, "py-versions-value")
    one = client.get_version("py-versions-value", 1)
    assert (one.version, one.schema_id) == (1, first)
    assert json.loads(one.schema.schema_str) == json.loads(V1)


def test_an_event_schema_that_up_registered_reads_back(client):
    latest = client.get_latest_version("ringrift.training.started-value")
    assert json.loads(latest.schema.schema_str)["name"] == "TrainingStarted"


def test_compatibility_levels_global_and_per_subject(client):
    client.register_schema("py-compat-value", Schema(V1, "AVRO"))
    assert client.get_compatibility() == "BACKWARD"
    assert client.set_compatibility("py-compat-value", "full") == {"compatibility": "FULL"}
    assert client.get_compatibility("py-compat-value") == "FULL"
    assert client.set_compatibility(level="BACKWARD") == {"compatibility": "BACKWARD"}
    assert client.get_compatibility() == "BACKWARD"


def test_test_compatibility_against_latest_and_one_version(client):
    client.register_schema("py-test-compat-value", Schema(V1, "AVRO"))
    assert client.test_compatibility("py-test-compat-value", Schema(V2, "AVRO")) is True
    assert client.test_compatibility("py-test-compat-value", Schema(BAD, "AVRO")) is False
    assert client.test_compatibility("py-test-compat-value", Schema(V2, "AVRO"), version=1) is True


def test_delete_version_then_subject_soft_and_permanent(client, registry_url):
    subject = "py-delete-value"
    first = client.register_schema(subject, Schema(V1, "AVRO"))
    client.register_schema(subject, Schema(V2, "AVRO"))
    assert client.delete_version(subject, 1) == 1
    assert client.get_versions(subject) == [2]
    assert fresh(registry_url).get_schema(first).schema_str  # soft: the id still serves readers
    assert client.delete_subject(subject) == [2]
    assert subject not in client.get_subjects()
    assert error_of(lambda: client.get_versions(subject)) == (404, 40401)

    other = "py-delete-permanent-value"
    kept = client.register_schema(other, Schema(record("Gone"), "AVRO"))
    assert client.delete_subject(other, permanent=True) == [1]
    assert error_of(lambda: fresh(registry_url).get_schema(kept)) == (404, 40403)
    assert error_of(lambda: client.delete_subject(other)) == (404, 40401)


def test_errors_carry_confluents_codes(client, registry_url):
    subject = "py-errors-value"
    client.register_schema(subject, Schema(V1, "AVRO"))
    assert error_of(lambda: client.get_latest_version("py-nobody-value")) == (404, 40401)
    assert error_of(lambda: client.get_version(subject, 9)) == (404, 40402)
    assert error_of(lambda: client.get_version(subject, 0)) == (422, 42202)
    assert error_of(lambda: fresh(registry_url).get_schema(987654)) == (404, 40403)
    assert error_of(lambda: client.lookup_schema(subject, Schema(V2, "AVRO"))) == (404, 40403)
    assert error_of(lambda: client.register_schema(subject, Schema(BAD, "AVRO"))) == (409, 40901)
    assert error_of(lambda: client.register_schema(subject, Schema('{"type":"nope"}', "AVRO"))) \
        == (422, 42201)
    assert error_of(lambda: client.register_schema(subject, Schema('syntax = "proto3";', "PROTOBUF"))) \
        == (422, 42201)
    assert error_of(lambda: client.set_compatibility(subject, "SIDEWAYS")) == (422, 42203)
    assert error_of(lambda: client.get_compatibility(subject)) == (404, 40408)
    assert error_of(lambda: client.delete_version(subject, 5)) == (404, 40402)


def test_references_register_read_and_look_up(client, registry_url):
    client.register_schema("py.Header", Schema(HEADER, "AVRO"))
    references = [SchemaReference("ai.ringrift.pytest.Header", "py.Header", 1)]
    event_id = client.register_schema("py-event-value", Schema(EVENT, "AVRO", references))
    schema = fresh(registry_url).get_schema(event_id)
    assert json.loads(schema.schema_str) == json.loads(EVENT)
    assert [(r.name, r.subject, r.version) for r in schema.references] == \
        [("ai.ringrift.pytest.Header", "py.Header", 1)]
    found = client.lookup_schema("py-event-value", Schema(EVENT, "AVRO", references))
    assert (found.version, found.schema_id) == (1, event_id)
    assert error_of(lambda: client.delete_subject("py.Header")) == (422, 42206)
