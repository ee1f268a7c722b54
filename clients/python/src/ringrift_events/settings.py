"""Where the cluster is and how long to wait for it: the Java services' variables and bounds.

From the environment, as ``KafkaSettings`` reads it (docs/cluster.md "Running a cluster"):
``RINGRIFT_BOOTSTRAP_SERVERS`` (default ``localhost:9092``), ``RINGRIFT_SCHEMA_REGISTRY_URL``
(default ``http://localhost:8081``), ``RINGRIFT_KAFKA_<SETTING>`` for any client setting (``_``
read as ``.``), and ``RINGRIFT_KAFKA_USERNAME`` with ``RINGRIFT_CLUSTER_AUTH_TOKEN`` for SASL
SCRAM-SHA-512 and the registry's basic auth. The bounds come from ``config/client.yaml``.

>>> settings = Settings.from_env({"RINGRIFT_BOOTSTRAP_SERVERS": "kafka-1:19092",
...                               "RINGRIFT_KAFKA_USERNAME": "selfplay",
...                               "RINGRIFT_CLUSTER_AUTH_TOKEN": "s3cret"})
>>> settings.kafka["security.protocol"], settings.kafka["sasl.mechanism"]
('SASL_PLAINTEXT', 'SCRAM-SHA-512')
>>> settings
Settings(bootstrap_servers='kafka-1:19092', schema_registry_url='http://localhost:8081', kafka={'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.password': '[hidden]', 'sasl.username': 'selfplay', 'security.protocol': 'SASL_PLAINTEXT'}, registry={'basic.auth.user.info': '[hidden]'})
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml

from .contract import ContractError, config_dir

__all__ = [
    "ClientBounds",
    "PublisherBounds",
    "RetryBounds",
    "Settings",
    "SettingsError",
    "SubscriberBounds",
]

ENV_BOOTSTRAP_SERVERS = "RINGRIFT_BOOTSTRAP_SERVERS"
ENV_SCHEMA_REGISTRY_URL = "RINGRIFT_SCHEMA_REGISTRY_URL"
ENV_CLIENT_PREFIX = "RINGRIFT_KAFKA_"
ENV_USERNAME = "RINGRIFT_KAFKA_USERNAME"
ENV_AUTH_TOKEN = "RINGRIFT_CLUSTER_AUTH_TOKEN"
DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092"
DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081"

# the serde settings, by Confluent's names; every other RINGRIFT_KAFKA_* goes to the Kafka client
REGISTRY_SETTINGS = frozenset(
    {
        "auto.register.schemas",
        "basic.auth.user.info",
        "basic.auth.credentials.source",
        "bearer.auth.token",
        "schema.registry.request.timeout.ms",
        "schema.registry.max.retries",
    }
)
_JAAS_USER = re.compile(r'username="((?:[^"\\]|\\.)*)"')
_JAAS_PASSWORD = re.compile(r'password="((?:[^"\\]|\\.)*)"')


class SettingsError(ValueError):
    """A setting that cannot work; the message names the variable or the file and key."""


def _secret(name: str) -> bool:
    # SaslJaas.isSecret
    n = name.lower()
    return (
        n == "sasl.jaas.config"
        or "password" in n
        or n.endswith("user.info")
        or n.endswith("auth.token")
    )


def _shown(values: Mapping[str, str]) -> dict[str, str]:
    return {k: "[hidden]" if _secret(k) else v for k, v in sorted(values.items())}


@dataclass(frozen=True)
class Settings:
    """How to reach Kafka (``kafka``: librdkafka settings) and the registry (``registry``: serde
    settings by Confluent's names). ``repr`` never shows a secret."""

    bootstrap_servers: str = DEFAULT_BOOTSTRAP_SERVERS
    schema_registry_url: str = DEFAULT_SCHEMA_REGISTRY_URL
    kafka: Mapping[str, str] = field(default_factory=dict)
    registry: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.bootstrap_servers.strip():
            raise SettingsError(f"{ENV_BOOTSTRAP_SERVERS} (bootstrap servers) must not be blank")
        if not re.match(r"https?://", self.schema_registry_url):
            raise SettingsError(
                f"{ENV_SCHEMA_REGISTRY_URL} must be an http(s) URL, was {self.schema_registry_url!r}"
            )

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> Settings:
        """Settings from ``env`` (default: this process's environment)."""
        env = os.environ if env is None else env
        kafka: dict[str, str] = {}
        registry: dict[str, str] = {}
        for name, value in env.items():
            if (
                name.startswith(ENV_CLIENT_PREFIX)
                and name != ENV_USERNAME
                and len(name) > len(ENV_CLIENT_PREFIX)
            ):
                setting = name[len(ENV_CLIENT_PREFIX) :].lower().replace("_", ".")
                (registry if setting in REGISTRY_SETTINGS else kafka)[setting] = value
        jaas = kafka.pop("sasl.jaas.config", None)
        if jaas is not None:  # the Java clients' form of a login; librdkafka takes the parts
            kafka.update(_jaas_login(jaas))
        settings = cls(
            env.get(ENV_BOOTSTRAP_SERVERS) or DEFAULT_BOOTSTRAP_SERVERS,
            env.get(ENV_SCHEMA_REGISTRY_URL) or DEFAULT_SCHEMA_REGISTRY_URL,
            kafka,
            registry,
        )
        user = (env.get(ENV_USERNAME) or "").strip()
        token = env.get(ENV_AUTH_TOKEN) or ""
        if bool(user) != bool(token):
            raise SettingsError(
                f"{ENV_USERNAME} and {ENV_AUTH_TOKEN} go together: set both (the role's user name"
                f" and its password) or neither"
            )
        return settings.with_sasl(user, token) if user else settings

    def with_sasl(self, username: str, password: str) -> Settings:
        """A copy that logs in as ``username``: SASL_PLAINTEXT and SCRAM-SHA-512 unless set, and
        the same credentials for the registry unless it has its own."""
        if not username or '"' in username:
            raise SettingsError(f"{ENV_USERNAME} must be a user name, was {username!r}")
        if not password:
            raise SettingsError(f"{ENV_AUTH_TOKEN} must not be empty")
        kafka = dict(self.kafka)
        kafka.setdefault("security.protocol", "SASL_PLAINTEXT")
        mechanism = kafka.setdefault(
            "sasl.mechanism", kafka.pop("sasl.mechanisms", "SCRAM-SHA-512")
        )
        if mechanism.upper() not in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"):
            raise SettingsError(
                f"sasl.mechanism {mechanism} has no user/password login here; use PLAIN,"
                f" SCRAM-SHA-256 or SCRAM-SHA-512"
            )
        kafka["sasl.username"] = username
        kafka["sasl.password"] = password
        registry = dict(self.registry)
        registry.setdefault("basic.auth.user.info", f"{username}:{password}")
        return dataclasses.replace(self, kafka=kafka, registry=registry)

    def client_config(self, **overrides: Any) -> dict[str, Any]:
        """A librdkafka configuration: these settings, then ``overrides`` (dots as ``_``)."""
        config: dict[str, Any] = {"bootstrap.servers": self.bootstrap_servers, **self.kafka}
        config.update({k.replace("_", "."): v for k, v in overrides.items()})
        return config

    def __repr__(self) -> str:
        return (
            f"Settings(bootstrap_servers={self.bootstrap_servers!r},"
            f" schema_registry_url={self.schema_registry_url!r},"
            f" kafka={_shown(self.kafka)!r}, registry={_shown(self.registry)!r})"
        )


def _jaas_login(jaas: str) -> dict[str, str]:
    user, password = _JAAS_USER.search(jaas), _JAAS_PASSWORD.search(jaas)
    if not user or not password:
        raise SettingsError(
            f'{ENV_CLIENT_PREFIX}SASL_JAAS_CONFIG has no username="..." password="...";'
            f" set {ENV_USERNAME} and {ENV_AUTH_TOKEN} instead"
        )
    unescape = lambda m: re.sub(r"\\(.)", r"\1", m.group(1))  # noqa: E731
    return {"sasl.username": unescape(user), "sasl.password": unescape(password)}


@dataclass(frozen=True)
class PublisherBounds:
    """``publisher`` of ``config/client.yaml``."""

    max_block_ms: int
    delivery_timeout_ms: int
    request_timeout_ms: int
    linger_ms: int


@dataclass(frozen=True)
class RetryBounds:
    """``subscriber.retry``: attempts per event, then its topic's DLQ."""

    max_attempts: int
    initial_backoff_ms: int
    multiplier: float
    max_backoff_ms: int

    def backoff_s(self, failed_attempts: int) -> float:
        """The wait after ``failed_attempts`` failures: initial · multiplier^(n−1), capped."""
        millis = self.initial_backoff_ms * self.multiplier ** max(0, failed_attempts - 1)
        return min(millis, self.max_backoff_ms) / 1000.0


@dataclass(frozen=True)
class SubscriberBounds:
    """``subscriber`` of ``config/client.yaml`` (the parts a Python subscriber uses)."""

    poll_timeout_ms: int
    max_poll_interval_ms: int
    retry: RetryBounds


@dataclass(frozen=True)
class ClientBounds:
    """The client library's bounds: one source of truth for the Java and the Python clients."""

    publisher: PublisherBounds
    subscriber: SubscriberBounds

    @classmethod
    def load(cls, directory: Optional[os.PathLike[str]] = None) -> ClientBounds:
        """Reads ``client.yaml`` of the config directory (found as ``contract.config_dir``)."""
        path = Path(config_dir(directory)) / "client.yaml"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as e:
            raise ContractError(f"{path}: {e}") from e
        read = _Reader(path, data)
        publisher = PublisherBounds(
            read.integer("publisher.maxBlockMs", 1),
            read.integer("publisher.deliveryTimeoutMs", 1),
            read.integer("publisher.requestTimeoutMs", 1),
            read.integer("publisher.lingerMs", 0),
        )
        if publisher.delivery_timeout_ms < publisher.linger_ms + publisher.request_timeout_ms:
            raise ContractError(
                f"{path}: publisher.deliveryTimeoutMs: must be at least lingerMs + requestTimeoutMs"
                f" ({publisher.linger_ms + publisher.request_timeout_ms}), was {publisher.delivery_timeout_ms}"
            )
        retry = RetryBounds(
            read.integer("subscriber.retry.maxAttempts", 1),
            read.integer("subscriber.retry.initialBackoffMs", 0),
            read.number("subscriber.retry.multiplier", 1.0),
            read.integer("subscriber.retry.maxBackoffMs", 0),
        )
        subscriber = SubscriberBounds(
            read.integer("subscriber.pollTimeoutMs", 1),
            read.integer("subscriber.maxPollIntervalMs", 1),
            retry,
        )
        return cls(publisher, subscriber)


@dataclass(frozen=True)
class _Reader:
    path: Path
    data: Mapping[str, Any]

    def _get(self, key: str) -> Any:
        value: Any = self.data
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                raise ContractError(f"{self.path}: {key}: missing")
            value = value[part]
        return value

    def integer(self, key: str, minimum: int) -> int:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise ContractError(
                f"{self.path}: {key}: must be an integer of at least {minimum}, was {value!r}"
            )
        return value

    def number(self, key: str, minimum: float) -> float:
        value = self._get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
            raise ContractError(
                f"{self.path}: {key}: must be a number of at least {minimum}, was {value!r}"
            )
        return float(value)
