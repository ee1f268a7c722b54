"""What Python states about the contract agrees with schemas/, config/ and docs/trainer-authors.md: a change on
one side fails here until the other follows."""

from __future__ import annotations

import dataclasses
import inspect
import re

import pytest
import yaml

from ringrift_events import Contract, Header, TrainingRun, protocol
from support import REPO

# the command protocol is documented for trainer authors in docs/trainer-authors.md
PROTOCOL_DOC = (REPO / "docs" / "trainer-authors.md").read_text()


def test_the_header_class_has_exactly_the_fields_of_the_event_header_schema(
    contract: Contract,
) -> None:
    schema = contract.schema("TrainingStarted").fields_dict["header"].type
    assert [f.name for f in dataclasses.fields(Header)] == [f.name for f in schema.fields]
    required = [f.name for f in schema.fields if not f.has_default]
    assert [
        f.name for f in dataclasses.fields(Header) if f.default is dataclasses.MISSING
    ] == required


def test_every_type_of_the_catalog_is_read_from_schemas_with_its_topic(contract: Contract) -> None:
    catalog = yaml.safe_load((REPO / "config" / "topics.yaml").read_text())["topics"]
    typed = {t["schema"]: t["name"] for t in catalog if "schema" in t}
    assert {t: contract.topic_for(t).name for t in contract.types} == typed
    assert sorted(typed) == sorted(p.stem for p in (REPO / "schemas").glob("*.avsc"))


def test_every_topic_key_is_made_of_fields_its_schema_has(contract: Contract) -> None:
    needs = {
        "CONFIG": ["config"],
        "CONFIG_STAGE": ["config", "stage"],
        "NODE": ["node"],
        "ROLE": ["role"],
    }
    for type_name in contract.types:
        fields = contract.schema(type_name).fields_dict
        for name in needs[contract.topic_for(type_name).key]:
            assert name in fields, f"{type_name} lacks {name}, which its topic's key is made of"


def test_dead_letter_topics_are_those_of_the_catalog(contract: Contract) -> None:
    assert contract.topic_for("ModelPromoted").dlq == "ringrift.model.promoted.dlq"
    assert contract.topic_for("DaemonHeartbeat").dlq is None  # dlq: false
    assert contract.topic_for("ModelRegistryEntry").dlq is None  # state topics have none


@pytest.mark.parametrize(
    ("method", "type_name"),
    [
        ("started", "TrainingStarted"),
        ("progress", "TrainingProgress"),
        ("completed", "TrainingCompleted"),
        ("failed", "TrainingFailed"),
    ],
)
def test_training_run_takes_every_field_of_its_events(
    contract: Contract, method: str, type_name: str
) -> None:
    taken = set(inspect.signature(getattr(TrainingRun, method)).parameters) - {"self"}
    fields = {f.name for f in contract.schema(type_name).fields} - {"header", "config", "job_id"}
    assert taken == fields


@pytest.mark.parametrize(
    ("stage", "result"),
    [
        ("export", protocol.ExportResult),
        ("training", protocol.TrainingResult),
        ("evaluation", protocol.EvaluationResult),
    ],
)
def test_the_result_classes_have_the_fields_the_protocol_documents(stage: str, result: type) -> None:
    section = PROTOCOL_DOC[PROTOCOL_DOC.index("### For trainer authors: the command protocol") :]
    line = re.search(rf"^  - {stage} \(`.*?`\):(.*?)(?=^  - |^- )", section, re.S | re.M).group(1)
    nested = dict(re.findall(r'"(\w+)": \[?\{(.*?)\}', line))  # baselines and head_to_head
    top = set(re.findall(r'"(\w+)"', re.sub(r": \[?\{.*?\}\]?", "", line)))
    optional = {"model_id"}  # the training stage reads it when present (TrainingJob)
    assert {f.name for f in dataclasses.fields(result)} - optional == top
    for name, kind in (
        ("baselines", protocol.BaselineResult),
        ("head_to_head", protocol.HeadToHeadResult),
    ):
        if name in nested:
            assert {f.name for f in dataclasses.fields(kind)} == set(
                re.findall(r'"(\w+)"', nested[name])
            )


def test_the_progress_line_has_the_documented_form(capsys: pytest.CaptureFixture[str]) -> None:
    documented = re.search(r"lines `(\{\"progress\": .*?\})`", PROTOCOL_DOC.replace("\n  ", " ")).group(1)
    protocol.progress(3, 20, 0.53, val_loss=0.61)
    assert capsys.readouterr().out.strip() == documented
