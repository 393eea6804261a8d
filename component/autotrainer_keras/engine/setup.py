"""Resolving how a model is trained (loss, metrics, task) and checking the data fits it."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from autotrainer_keras.engine.compiled import (
    ACCURACY_ALIASES,
    check_metric,
    compiled_metrics,
    loss_name,
    metric_name,
    serialised_loss,
)
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task

LOSS_TASKS: dict[str, Task] = {
    "binary_crossentropy": Task.BINARY,
    "binary_focal_crossentropy": Task.BINARY,
    "categorical_crossentropy": Task.MULTICLASS,
    "sparse_categorical_crossentropy": Task.MULTICLASS,
    "categorical_focal_crossentropy": Task.MULTICLASS,
    "mse": Task.REGRESSION,
    "mean_squared_error": Task.REGRESSION,
    "mae": Task.REGRESSION,
    "mean_absolute_error": Task.REGRESSION,
    "huber": Task.REGRESSION,
    "log_cosh": Task.REGRESSION,
    "mean_squared_logarithmic_error": Task.REGRESSION,
}


BINARY_LOSSES = frozenset(loss for loss, task in LOSS_TASKS.items() if task is Task.BINARY)


def _compiled_loss_name(model: keras.Model) -> str | None:
    loss = serialised_loss(model)
    return None if loss is None else loss_name(loss)


def _is_binary(y: np.ndarray) -> bool:
    return bool(np.isin(np.unique(y), (0, 1)).all())


def _check_single_io(model: keras.Model) -> None:
    """autotrainer trains models with one input array and one output (Sequential-like)."""
    inputs, outputs = len(model.inputs or ()), len(model.outputs or ())
    if inputs > 1 or outputs > 1:
        raise InputError(
            f"model '{model.name}' has {inputs} inputs and {outputs} outputs; autotrainer "
            "trains models with one input and one output"
        )


def resolve_loss(
    model: keras.Model, configured: str | dict[str, Any] | None, y: np.ndarray
) -> str:
    """The loss name from the config, else the compiled model, else inferred from output and
    labels (also for a custom loss object, whose task the name then stands for).

    Raises:
        InputError: The model has several inputs or outputs, or the loss is not supported.
    """
    _check_single_io(model)
    loss = (loss_name(configured) if configured else None) or _compiled_loss_name(model)
    if loss is not None:
        if loss not in LOSS_TASKS:
            raise InputError(
                f"loss '{loss}' is not supported; allowed: {', '.join(sorted(LOSS_TASKS))}"
            )
        return loss
    units = int(model.output_shape[-1] or 1)
    if units == 1:
        return "binary_crossentropy" if _is_binary(y) else "mse"
    if y.ndim == 1 or (y.ndim == 2 and y.shape[1] == 1):
        return "sparse_categorical_crossentropy" if np.allclose(y, np.rint(y)) else "mse"
    if y.shape[-1] == units and np.allclose(y.sum(axis=-1), 1.0) and _is_binary(y):
        return "categorical_crossentropy"
    return "mse"


def resolve_metrics(
    model: keras.Model, configured: list[str | dict[str, Any]] | None, task: Task
) -> list[str | dict[str, Any]]:
    """Metrics from the config, else accuracy for classifiers and mae for regressors followed by
    the compiled model's own metrics (objects with all their arguments), each name once.
    Accuracy keeps the name it was compiled under (`metrics=["acc"]` logs `val_acc`, so a user
    callback monitoring it finds it; the detectors read it as `val_accuracy`).

    Raises:
        InputError: A metric that is not a Keras metric or cannot be rebuilt from its config.
    """
    if configured is not None:
        for metric in configured:
            check_metric(metric, "config training.metrics")
        return list(configured)
    compiled = compiled_metrics(model)
    alias = next((m for m in compiled if isinstance(m, str) and m in ACCURACY_ALIASES), None)
    first = (alias or "accuracy") if task.has_accuracy else "mae"
    resolved: list[str | dict[str, Any]] = [first]
    names = {metric_name(resolved[0])}
    for metric in compiled:
        name = metric_name(metric)
        if name in names or (name in ACCURACY_ALIASES and names & ACCURACY_ALIASES):
            continue
        check_metric(metric, "the compiled metrics")
        resolved.append(metric)
        names.add(name)
    return resolved


def check_data_fits(model: keras.Model, data: Dataset, loss: str) -> None:
    """Raise InputError naming the mismatch when the data cannot train this model."""
    expected = tuple(model.input_shape[1:]) if not isinstance(model.input_shape, list) else None
    if expected is not None:
        got = data.x_train.shape[1:]
        fits = len(got) == len(expected) and all(
            e is None or e == g for e, g in zip(expected, got, strict=True)
        )
        if not fits:
            raise InputError(
                f"data: x rows have shape {got} but the model expects {expected} (None = any size)"
            )
    task = LOSS_TASKS[loss]
    units = int(model.output_shape[-1] or 1)
    for name, y in (("y_train", data.y_train), ("y_val", data.y_val)):
        if task is Task.BINARY and not _is_binary(y):
            raise InputError(f"data: {name} must hold only 0 and 1 for loss {loss}")
        sparse = loss == "sparse_categorical_crossentropy"
        if sparse and y.ndim == 2 and y.shape[1] > 1:
            raise InputError(
                f"data: {name} is one-hot ({y.shape[1]} columns) but loss {loss} expects "
                "integer classes; use categorical_crossentropy (or pass the class indices)"
            )
        if sparse and (not np.allclose(y, np.rint(y)) or y.min() < 0 or y.max() >= units):
            raise InputError(
                f"data: {name} must hold integer classes in [0, {units - 1}] for loss "
                f"{loss} with {units} output units"
            )
        if loss in ("categorical_crossentropy", "categorical_focal_crossentropy") and (
            y.ndim != 2 or y.shape[1] != units
        ):
            raise InputError(f"data: {name} must be one-hot with {units} columns for loss {loss}")
        elementwise = task is Task.REGRESSION or loss in BINARY_LOSSES  # y row = output row
        if elementwise and np.prod(y.shape[1:], dtype=int) != np.prod(
            [d or 1 for d in model.output_shape[1:]], dtype=int
        ):
            raise InputError(
                f"data: {name} rows have shape {y.shape[1:]} but the model outputs "
                f"{tuple(model.output_shape[1:])} for loss {loss}"
            )
