"""Resolving how a model is trained (loss, metrics, task) and checking the data fits it."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer.errors import InputError
from autotrainer.io.data import Dataset
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


def _compiled_loss_name(model: keras.Model) -> str | None:
    loss = getattr(model, "loss", None)
    if loss is None:
        return None
    if isinstance(loss, str):
        return loss
    return getattr(loss, "name", None) or getattr(loss, "__name__", None)


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


def resolve_loss(model: keras.Model, configured: str | None, y: np.ndarray) -> str:
    """The loss from the config, else the compiled model, else inferred from output and labels.

    Raises:
        InputError: The model has several inputs or outputs, or the loss is not supported.
    """
    _check_single_io(model)
    loss = configured or _compiled_loss_name(model)
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
