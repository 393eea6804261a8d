"""Resolving how a model is trained (loss, metrics, task) and checking the data fits it."""

from __future__ import annotations

import json
import re
from typing import Any

import keras
import numpy as np

from autotrainer.errors import InputError
from autotrainer.io.data import Dataset
from autotrainer.io.model_classes import foreign_parts
from autotrainer.measure.history import Task

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


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def loss_name(serialised: str | dict[str, Any]) -> str | None:
    """The Keras loss name of a loss as `keras.losses.serialize` writes it (a Keras class
    `CategoricalCrossentropy` -> `categorical_crossentropy`, a built-in function by its
    name); None for a loss from outside Keras (a custom class or function)."""
    if isinstance(serialised, str):
        return serialised
    module, name = str(serialised.get("module") or ""), serialised.get("class_name")
    if module == "builtins" and name == "function" and isinstance(serialised.get("config"), str):
        return str(serialised["config"])
    if (module == "keras" or module.startswith("keras.")) and isinstance(name, str):
        return _snake(name)
    return None


def _serialised_loss(model: keras.Model) -> str | dict[str, Any] | None:
    loss = getattr(model, "loss", None)
    if loss is None or isinstance(loss, str):
        return loss
    return json.loads(json.dumps(keras.losses.serialize(loss)))


def resolve_loss_config(
    model: keras.Model, configured: str | dict[str, Any] | None
) -> dict[str, Any] | None:
    """The loss object to compile with all its arguments (from_logits, label_smoothing,
    delta, reduction, a custom loss), from the config or else the compiled model; None when a
    name says it all.

    Raises:
        InputError: A loss given in the config as an object that is not one of Keras' own.
    """
    loss = configured if configured is not None else _serialised_loss(model)
    if not isinstance(loss, dict):
        return None
    if configured is not None and (foreign_parts(loss) or loss_name(loss) is None):
        raise InputError(
            f"config training.loss: {loss.get('class_name')!r} is not a Keras loss; a "
            "config names Keras' own losses (a name or keras.losses.serialize output)"
        )
    try:
        keras.losses.deserialize(json.loads(json.dumps(loss)))
    except (ValueError, TypeError, KeyError) as error:
        origin = "config training.loss" if configured is not None else "the compiled loss"
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(
            f"{origin} {loss.get('class_name')!r} cannot be rebuilt from its config ({first}); "
            "a custom loss must be registered with keras.saving.register_keras_serializable"
        ) from None
    if loss.get("module") == "builtins":
        return None  # a built-in function by name: the name is the whole set-up
    return loss


def _compiled_loss_name(model: keras.Model) -> str | None:
    loss = _serialised_loss(model)
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


def resolve_metrics(model: keras.Model, configured: list[str] | None, task: Task) -> list[str]:
    """Metrics from the config, else accuracy for classifiers and mae for regressors."""
    if configured is not None:
        for name in configured:
            _check_metric(name)
        return list(configured)
    return ["accuracy"] if task.has_accuracy else ["mae"]


COMPILE_METRIC_ALIASES = frozenset({"accuracy", "acc", "crossentropy", "ce"})
"""Names `model.compile` resolves itself from the loss (keras.metrics.get does not)."""


def _check_metric(name: str) -> None:
    if name in COMPILE_METRIC_ALIASES:
        return
    try:
        keras.metrics.get(name)
    except ValueError:
        raise InputError(
            f"training.metrics: '{name}' is not a Keras metric name (e.g. accuracy, auc, mae)"
        ) from None


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
