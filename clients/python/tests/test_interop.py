"""Every event type crosses between Python and Java both ways, on a real broker and registry:
published from Python and decoded by the Java CLI (`ringrift events recent -o json`), published
by the Java CLI (`ringrift events publish`) and decoded by the Python subscriber."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import avro.schema
import pytest

from ringrift_events import Contract, Event, Publisher, Settings, Subscriber
from samples import sample
from support import Platform, ringrift_batch

TOKEN = uuid.uuid4().hex[:8]
CONFIGS = [
    f"{board}_{players}p"
    for board in ("square8", "square19", "hex8", "hexagonal")
    for players in (2, 3, 4)
]


@pytest.fixture(scope="module")
def exchange(
    platform: Platform,
    contract: Contract,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Any]:
    """Python publishes a sample of every type; then one JVM publishes a sample of every type
    through `events publish` and reads every type back with `events recent`."""
    work = tmp_path_factory.mktemp("interop")
    with Publisher("interop-test@python", settings=settings, contract=contract) as publisher:
        from_python = {
            t: publisher.publish(t, **sample(contract.schema(t), i, f"py{TOKEN}"))
            for i, t in enumerate(contract.types)
        }
    from_java: dict[str, dict[str, Any]] = {}
    commands = []
    for i, type_name in enumerate(contract.types):
        document = sample(contract.schema(type_name), 100 + i, f"java{TOKEN}")
        if "header" in contract.schema(type_name).fields_dict:
            document["header"] = {"event_id": str(uuid.uuid4())}  # the CLI fills in the rest
        from_java[type_name] = document
        (work / f"{type_name}.json").write_text(json.dumps(document, default=_iso))
        commands.append(
            [
                "events",
                "publish",
                type_name,
                "--json",
                str(work / f"{type_name}.json"),
                *platform.connection(),
            ]
        )
    commands += [
        ["events", "recent", t, "-n", "500", "-o", "json", *platform.connection()]
        for t in contract.types
    ]
    # one event of every config from each side, to compare the partitions they land on
    every_config = [
        {**sample(contract.schema("TrainingProgress"), 0, TOKEN), "config": c} for c in CONFIGS
    ]
    (work / "configs.json").write_text(json.dumps(every_config))
    commands.append(
        [
            "events",
            "publish",
            "TrainingProgress",
            "--json",
            str(work / "configs.json"),
            "-o",
            "json",
            *platform.connection(),
        ]
    )
    with Publisher("interop-test@python", settings=settings, contract=contract) as publisher:
        partitions = {
            e["config"]: publisher.publish("TrainingProgress", **e).partition for e in every_config
        }
    results = ringrift_batch(commands, work)
    count = len(contract.types)
    return {
        "python": from_python,
        "java": from_java,
        "published": results[:count],
        "recent": results[count : 2 * count],
        "partitions": (partitions, results[-1]),
    }


def test_java_decodes_every_event_type_published_from_python(
    exchange: dict[str, Any], contract: Contract
) -> None:
    for type_name, recent in zip(contract.types, exchange["recent"]):
        assert recent["exit"] == 0, f"events recent {type_name}: {recent['err']}"
        sent = exchange["python"][type_name]
        schema = contract.schema(type_name)
        decoded = [
            _from_java_json(schema, e["event"])
            for e in json.loads(recent["out"])
            if e["key"] == sent.event.key
        ]
        assert (
            dict(sent.event.data) in decoded
        ), f"Java did not read back the {type_name} Python published"
        assert sent.topic == contract.topic_for(type_name).name


def test_a_configs_events_land_on_the_partition_the_java_publisher_picks(
    exchange: dict[str, Any]
) -> None:
    python, java = exchange["partitions"]
    assert java["exit"] == 0, java["err"]
    assert {p["key"]: p["partition"] for p in json.loads(java["out"])} == python
    assert len(set(python.values())) > 1  # the keys spread: the comparison means something


def test_python_decodes_every_event_type_the_java_cli_publishes(
    exchange: dict[str, Any], contract: Contract, settings: Settings
) -> None:
    for type_name, published in zip(contract.types, exchange["published"]):
        assert published["exit"] == 0, f"events publish {type_name}: {published['err']}"
    expected = {
        t: contract.event(t, _with_header(contract, t, doc)) for t, doc in exchange["java"].items()
    }
    missing = set(expected)
    subscriber = Subscriber(f"ringrift.test.interop-{TOKEN}", settings=settings, contract=contract)

    def received(event: Event) -> None:
        want = expected[event.type]
        if _same(event, want):
            missing.discard(event.type)
            if not missing:
                subscriber.stop()

    for type_name in contract.types:
        subscriber.on(type_name, received)
    with subscriber:
        subscriber.run(timeout_s=120)
    assert not missing, f"Python did not read back what Java published of: {sorted(missing)}"


def _with_header(contract: Contract, type_name: str, document: dict[str, Any]) -> dict[str, Any]:
    """The Java sample with a stand-in header (compared by event id only)."""
    if "header" not in document:
        return document
    header = {
        "event_id": document["header"]["event_id"],
        "source": "-",
        "occurred_at": 0,
        "trace_id": "-",
    }
    return {**document, "header": header}


def _same(event: Event, want: Event) -> bool:
    if want.header is None:
        return dict(event.data) == dict(want.data)
    header = event.header
    body = {k: v for k, v in event.data.items() if k != "header"}
    want_body = {k: v for k, v in want.data.items() if k != "header"}
    return (
        header.event_id == want.event_id
        and header.source.startswith("ringrift-cli@")  # the CLI filled in what was left out
        and body == want_body
    )


def _from_java_json(schema: avro.schema.Schema, value: Any) -> Any:
    """What `events recent -o json` prints, in the form Python's Avro reads (times as datetimes)."""
    kind = schema.type
    if value is None:
        return None
    if kind == "record":
        return {f.name: _from_java_json(f.type, value.get(f.name)) for f in schema.fields}
    if kind == "union":
        return _from_java_json(next(b for b in schema.schemas if b.type != "null"), value)
    if kind == "array":
        return [_from_java_json(schema.items, v) for v in value]
    if schema.props.get("logicalType") == "timestamp-millis":
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat().replace("+00:00", "Z")
    raise TypeError(f"{value!r} is not JSON")
