"""Targets with missing values (NaN) that the user's own loss leaves out: a multi-task
toxicity table whose unmeasured labels stay NaN under a loss that masks them (practice batch
82's `tox_nan_labels_masked`: healthy, 0.825, refused before this check). A Keras loss has no
mask: NaN targets train to a NaN loss from the first step, and are refused."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.engine.missing_inputs import finite_with_gradients
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.rate_profile import evaluation_errors
from autotrainer_keras.measure.seed_state import quiet_call

PROBED_ROWS = 64
"""Rows with missing targets the loss is computed on."""


def _nan_rows(y: np.ndarray) -> tuple[int, np.ndarray]:
    """The NaN count of `y` and the indices of its rows holding one."""
    if y.dtype.kind != "f" or y.ndim == 0:
        return 0, np.array([], int)
    nan = np.isnan(y.reshape(len(y), -1))
    return int(nan.sum()), np.flatnonzero(nan.any(axis=1))


def _loss_stays_finite(model: keras.Model, x: object, y: np.ndarray) -> bool:
    """The compiled loss on these rows (the model's predictions in inference mode), and on
    TensorFlow its gradients for the trainable weights, are finite (`finite_with_gradients`:
    the seed state kept, a stateful model not called)."""
    loss = getattr(model, "loss", None)
    if not callable(loss):
        return False
    if keras.backend.backend() != "tensorflow":
        predictions = quiet_call(model, x)
        if predictions is None:
            return False
        value = loss(keras.ops.convert_to_tensor(y), predictions)
        return bool(np.isfinite(keras.ops.convert_to_numpy(value)).all())
    import tensorflow as tf

    return finite_with_gradients(model, lambda: tf.reduce_sum(
        tf.cast(loss(tf.constant(y), model(x, training=False)), "float32")))  # fmt: skip


def check_missing_targets(model: keras.Model, data: Dataset, own_loss: bool) -> None:
    """Raise InputError when the training or validation targets hold NaN and the loss does
    not leave them out: a loss of Keras' own (`own_loss` False) never does; a loss of the
    user's own must stay finite, with its gradients, on (up to `PROBED_ROWS` of) those rows
    (`_loss_stays_finite`). Quiet when no target holds NaN.

    Targets per output (a dict) holding NaN are refused: a model of several outputs trains
    none with missing values.

    Raises:
        InputError: Naming the targets, the NaN count and the two ways out.
    """
    for name, x, y in (("y_train", data.x_train, data.y_train), ("y_val", data.x_val, data.y_val)):
        for key, array in (y.items() if isinstance(y, dict) else ()):
            count = _nan_rows(np.asarray(array))[0]
            if count:
                raise InputError(
                    f"data: '{name}' ['{key}'] contains {count} NaN values; clean them first "
                    "(a model of several outputs trains no target with missing values)"
                )
        if not isinstance(y, np.ndarray):
            continue
        count, rows = _nan_rows(y)
        if not count:
            continue
        finite = False
        if own_loss:
            picked = rows[:PROBED_ROWS]
            rows_x = ({k: v[picked] for k, v in x.items()} if isinstance(x, dict)
                      else np.asarray(x)[picked])  # fmt: skip
            try:
                finite = _loss_stays_finite(model, rows_x, y[picked])
            except evaluation_errors():
                finite = False
        if not finite:
            raise InputError(
                f"data: '{name}' contains {count} NaN values that the loss does not leave out "
                "(its value or gradients on those rows are not finite); clean them first, or "
                "train with a loss that masks the missing labels"
            )
