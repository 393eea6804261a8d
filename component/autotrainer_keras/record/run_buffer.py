"""One MLflow run's pending records, and cutting them into `log_batch`-sized pieces."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from mlflow.entities import Metric, Param, RunTag

from autotrainer_keras.record import mlflow_keys as keys


@dataclass
class RunBuffer:
    """A run (the job, or one attempt) and what it has not sent yet.

    Attributes:
        label: "job" or the attempt name.
        run_id: The MLflow run id; None when the run could not be created.
        params: Every param given to this run so far (MLflow params are immutable).
        metrics: Metrics waiting for the next flush.
        tags: Tags waiting for the next flush.
        problems: Problem ids detected in this run, in order.
        last_epoch: The highest epoch step logged, None before the first epoch.
        epoch_values: The last (step, value) of each per-epoch metric.
        artifacts: Artifact paths written to this run.
        ended: The run has been terminated.
    """

    label: str
    run_id: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    metrics: list[Metric] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    last_epoch: int | None = None
    epoch_values: dict[str, tuple[int, float]] = field(default_factory=dict)
    artifacts: set[str] = field(default_factory=set)
    ended: bool = False

    @property
    def pending(self) -> bool:
        return bool(self.metrics or self.tags)


def param_value(value: Any) -> str:
    """A param value as MLflow stores it: a string of at most 6000 characters."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, (list, tuple, dict)):
        text = json.dumps(value, default=str, sort_keys=isinstance(value, dict))
    else:
        text = str(getattr(value, "value", value))
    limit = keys.MAX_PARAM_VALUE_LENGTH
    return text if len(text) <= limit else text[: limit - 3] + "..."


def tag_value(value: Any) -> str:
    """A tag value of at most 8000 characters."""
    text = str(value)
    limit = keys.MAX_TAG_VALUE_LENGTH
    return text if len(text) <= limit else text[: limit - 3] + "..."


def flatten(params: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """`{"a": {"b": 1}}` -> `{"a.b": 1}` (lists stay values)."""
    flat: dict[str, Any] = {}
    for key, value in params.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def batches(
    metrics: list[Metric], params: dict[str, str], tags: dict[str, str]
) -> Iterator[tuple[list[Metric], list[Param], list[RunTag]]]:
    """Cut records into pieces within MLflow's limits (1000 entities, 100 params/tags)."""
    param_list = [Param(k, v) for k, v in params.items()]
    tag_list = [RunTag(k, v) for k, v in tags.items()]
    rest = list(metrics)
    while rest or param_list or tag_list:
        some_params = param_list[: keys.MAX_PARAMS_TAGS_PER_BATCH]
        param_list = param_list[keys.MAX_PARAMS_TAGS_PER_BATCH :]
        some_tags = tag_list[: keys.MAX_PARAMS_TAGS_PER_BATCH]
        tag_list = tag_list[keys.MAX_PARAMS_TAGS_PER_BATCH :]
        room = min(
            keys.MAX_METRICS_PER_BATCH,
            keys.MAX_ENTITIES_PER_BATCH - len(some_params) - len(some_tags),
        )
        some_metrics, rest = rest[:room], rest[room:]
        yield some_metrics, some_params, some_tags
