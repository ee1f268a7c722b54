"""Settings come from the Java services' variables; the bounds from config/client.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from ringrift_events import ClientBounds, ContractError, Settings, SettingsError
from ringrift_events.publisher import create_producer
from support import REPO


def test_defaults_are_the_embedded_platforms() -> None:
    settings = Settings.from_env({})
    assert (settings.bootstrap_servers, settings.schema_registry_url) == (
        "localhost:9092",
        "http://localhost:8081",
    )
    assert settings.kafka == {} and settings.registry == {}


def test_a_role_logs_in_with_scram_and_the_same_credentials_for_the_registry() -> None:
    settings = Settings.from_env(
        {
            "RINGRIFT_KAFKA_USERNAME": "trainer",
            "RINGRIFT_CLUSTER_AUTH_TOKEN": 'pa"ss',
            "RINGRIFT_SCHEMA_REGISTRY_URL": "https://registry:8081",
        }
    )
    assert settings.client_config() == {
        "bootstrap.servers": "localhost:9092",
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.username": "trainer",
        "sasl.password": 'pa"ss',
    }
    assert settings.registry == {"basic.auth.user.info": 'trainer:pa"ss'}
    assert 'pa"ss' not in repr(settings) and "[hidden]" in repr(settings)


def test_explicit_settings_win_over_the_login_defaults() -> None:
    settings = Settings.from_env(
        {
            "RINGRIFT_KAFKA_USERNAME": "selfplay",
            "RINGRIFT_CLUSTER_AUTH_TOKEN": "secret",
            "RINGRIFT_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "RINGRIFT_KAFKA_SASL_MECHANISM": "PLAIN",
            "RINGRIFT_KAFKA_BASIC_AUTH_USER_INFO": "registry-user:other",
        }
    )
    assert settings.kafka["security.protocol"] == "SASL_SSL"
    assert settings.kafka["sasl.mechanism"] == "PLAIN"
    assert settings.registry == {"basic.auth.user.info": "registry-user:other"}


def test_a_java_jaas_line_becomes_librdkafkas_user_and_password() -> None:
    jaas = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="a\\"b";'
    settings = Settings.from_env(
        {
            "RINGRIFT_KAFKA_SASL_JAAS_CONFIG": jaas,
            "RINGRIFT_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        }
    )
    assert settings.kafka == {
        "sasl.username": "admin",
        "sasl.password": 'a"b',
        "security.protocol": "SASL_PLAINTEXT",
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"RINGRIFT_KAFKA_USERNAME": "trainer"},
            "RINGRIFT_KAFKA_USERNAME and RINGRIFT_CLUSTER_AUTH_TOKEN go together",
        ),
        ({"RINGRIFT_CLUSTER_AUTH_TOKEN": "x"}, "go together"),
        (
            {"RINGRIFT_SCHEMA_REGISTRY_URL": "localhost:8081"},
            r"RINGRIFT_SCHEMA_REGISTRY_URL must be an http\(s\) URL",
        ),
        (
            {
                "RINGRIFT_KAFKA_USERNAME": "t",
                "RINGRIFT_CLUSTER_AUTH_TOKEN": "x",
                "RINGRIFT_KAFKA_SASL_MECHANISM": "GSSAPI",
            },
            "sasl.mechanism GSSAPI",
        ),
    ],
)
def test_settings_that_cannot_work_are_refused_naming_the_variable(
    env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_a_setting_librdkafka_does_not_know_is_refused_when_the_client_starts() -> None:
    settings = Settings.from_env({"RINGRIFT_KAFKA_SSL_TRUSTSTORE_LOCATION": "/etc/truststore.jks"})
    with pytest.raises(
        SettingsError,
        match="the Kafka client refused its settings: Java TrustStores are not supported",
    ):
        create_producer(settings, ClientBounds.load().publisher, "test")


def test_the_bounds_are_those_of_client_yaml() -> None:
    bounds = ClientBounds.load(REPO / "config")
    assert bounds.publisher.max_block_ms == 10000
    assert bounds.publisher.delivery_timeout_ms == 30000
    assert bounds.subscriber.retry.max_attempts == 5
    assert [bounds.subscriber.retry.backoff_s(n) for n in (1, 2, 3)] == [0.2, 0.4, 0.8]


def test_a_bad_bound_names_the_file_and_key(tmp_path: Path) -> None:
    text = (
        (REPO / "config" / "client.yaml").read_text().replace("maxBlockMs: 10000", "maxBlockMs: 0")
    )
    (tmp_path / "client.yaml").write_text(text)
    (tmp_path / "topics.yaml").write_text((REPO / "config" / "topics.yaml").read_text())
    with pytest.raises(
        ContractError,
        match=r"client\.yaml: publisher\.maxBlockMs: must be an integer of at least 1, was 0",
    ):
        ClientBounds.load(tmp_path)
