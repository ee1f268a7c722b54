"""The command protocol: what a program run as a stage's ``COMMAND`` action prints.

A stage (export, training, evaluation) starts your program with its inputs as the placeholders of
the template in ``config/stages.yaml`` and reads its standard output (docs/trainer-authors.md "For trainer
authors: the command protocol"; the Java side is ``CommandAction`` and ``ProgressParser`` in
``modules/stages``):

- one result line ``{"result": {...}}``; the last one wins, exit 0 without one is ``NO_RESULT``;
- optional progress lines ``{"progress": {...}}`` (training);
- on failure a non-zero exit, whose last output line becomes the reason.

This module needs neither Kafka nor Avro, so an action program imports only it:

>>> from ringrift_events.protocol import TrainingResult, progress, result
>>> progress(3, 20, 0.53, val_loss=0.61)
{"progress": {"epoch": 3, "total_epochs": 20, "loss": 0.53, "val_loss": 0.61}}
>>> result(TrainingResult(model_path="/models/cand.pth", epochs=20, final_loss=0.41,
...                       samples_trained=85000))
{"result": {"model_path": "/models/cand.pth", "epochs": 20, "final_loss": 0.41, "samples_trained": 85000}}

A value of the wrong type is refused before anything is printed, naming the field:

>>> progress(3, 20, float("nan"))
Traceback (most recent call last):
...
ValueError: progress.loss must be a finite number, was nan
"""

from __future__ import annotations

import collections.abc
import dataclasses
import json
import math
import sys
import typing
from dataclasses import dataclass, field
from typing import IO, Any, Mapping, NoReturn, Optional, Sequence, Union

__all__ = [
    "BaselineResult",
    "EvaluationResult",
    "ExportResult",
    "HeadToHeadResult",
    "TrainingResult",
    "fail",
    "progress",
    "result",
]


@dataclass(frozen=True)
class ExportResult:
    """What the export stage reads: where the shard is, its samples and the games it used."""

    npz_path: str
    total_samples: int
    games_used: int


@dataclass(frozen=True)
class TrainingResult:
    """What the training stage reads; ``model_id`` defaults to the stage's run id when left out."""

    model_path: str
    epochs: int
    final_loss: float
    samples_trained: int
    model_id: Optional[str] = None


@dataclass(frozen=True)
class BaselineResult:
    """The candidate's games against one baseline opponent, e.g. ``RANDOM``."""

    baseline: str
    baseline_elo: float
    games: int
    wins: int
    losses: int
    win_rate: float
    draws: int = 0


@dataclass(frozen=True)
class HeadToHeadResult:
    """The candidate's games against the current champion."""

    champion_model_id: str
    champion_elo: float
    games: int
    wins: int
    losses: int
    win_rate: float
    draws: int = 0


@dataclass(frozen=True)
class EvaluationResult:
    """What the evaluation stage reads: the rating and every baseline's games."""

    elo: float
    games_played: int
    win_rate: float
    baselines: Sequence[BaselineResult] = field(default_factory=tuple)
    head_to_head: Optional[HeadToHeadResult] = None


StageResult = Union[ExportResult, TrainingResult, EvaluationResult]


def progress(
    epoch: int,
    total_epochs: int,
    loss: float,
    val_loss: Optional[float] = None,
    *,
    file: Optional[IO[str]] = None,
) -> None:
    """Prints one progress line of a training run (``val_loss`` is left out when None)."""
    values: dict[str, Any] = {
        "epoch": _integer("progress.epoch", epoch, minimum=0),
        "total_epochs": _integer("progress.total_epochs", total_epochs, minimum=0),
        "loss": _number("progress.loss", loss),
    }
    if val_loss is not None:
        values["val_loss"] = _number("progress.val_loss", val_loss)
    _print({"progress": values}, file)


def result(value: Union[StageResult, Mapping[str, Any]], *, file: Optional[IO[str]] = None) -> None:
    """Prints the result line: a stage's result dataclass, or a mapping of JSON values.

    Print it once, at the end: the stage reads the last result line and treats the run as done.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        values = _checked(type(value).__name__, value)
    elif isinstance(value, Mapping):
        values = dict(value)
    else:
        raise TypeError(
            f"result takes ExportResult, TrainingResult, EvaluationResult or a mapping,"
            f" not {type(value).__name__}"
        )
    _print({"result": values}, file)


def fail(reason: str, exit_code: int = 1) -> NoReturn:
    """Ends the program with ``exit_code`` after printing ``reason`` as its last output line.

    The stage reports the run as failed with ``exit code N; last output: <reason>``.
    """
    if exit_code == 0:
        raise ValueError("fail needs a non-zero exit code: exit 0 means success")
    print(reason, file=sys.stderr, flush=True)
    raise SystemExit(exit_code)


def _checked(name: str, value: Any) -> dict[str, Any]:
    """The dataclass as JSON values, each checked the way the Java side reads it."""
    hints = typing.get_type_hints(type(value))
    values: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        given = getattr(value, f.name)
        if given is None and f.default is None:
            continue  # an optional field left out
        values[f.name] = _field(f"{name}.{f.name}", hints[f.name], given)
    return values


def _field(path: str, declared: Any, given: Any) -> Any:
    origin = typing.get_origin(declared)
    if origin is Union:  # Optional[X]: None was handled by the caller
        (declared,) = [arg for arg in typing.get_args(declared) if arg is not type(None)]
        origin = typing.get_origin(declared)
    if origin is collections.abc.Sequence:
        (item,) = typing.get_args(declared)
        if isinstance(given, (str, bytes)) or not isinstance(given, collections.abc.Sequence):
            raise ValueError(f"{path} must be a list of {item.__name__}, was {given!r}")
        return [_nested(f"{path}[{i}]", item, each) for i, each in enumerate(given)]
    if dataclasses.is_dataclass(declared):
        return _nested(path, declared, given)
    if declared is int:
        return _integer(path, given, minimum=0)
    if declared is float:
        return _number(path, given)
    if not isinstance(given, str):
        raise ValueError(f"{path} must be a string, was {given!r}")
    return given


def _nested(path: str, expected: type, given: Any) -> dict[str, Any]:
    if not isinstance(given, expected):
        raise ValueError(f"{path} must be a {expected.__name__}, was {given!r}")
    return _checked(path, given)


def _integer(path: str, value: Any, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{path} must be an integer, was {value!r}")
    if value < minimum:
        raise ValueError(f"{path} must be at least {minimum}, was {value}")
    return value


def _number(path: str, value: Any) -> float:
    # the Java side refuses NaN and infinities: no consumer of a result can use them
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{path} must be a finite number, was {value!r}")
    return value


def _print(line: Mapping[str, Any], file: Optional[IO[str]]) -> None:
    # one line, flushed at once: the stage reads the output as the program writes it
    text = json.dumps(line, allow_nan=False)
    print(text, file=file if file is not None else sys.stdout, flush=True)
