"""Inputs with missing values (NaN) that the model itself maps away: an imputation layer of
the user's own (NaN -> a fill value, plus was-missing indicator columns) takes the raw table
with its gaps, as scikit-learn's `SimpleImputer` would before it (practice batch 77's house
prices: 2,471 NaN, healthy, refused before this check). Rows whose NaN reach the outputs
train to a NaN loss from the first step, and are refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from autotrainer_keras.errors import InputError
from autotrainer_keras.io.arrays import Arrays, items, take
from autotrainer_keras.measure.rate_profile import evaluation_errors
from autotrainer_keras.measure.seed_state import (
    is_stateful,
    kept_seed_state,
    quiet_call,
    seed_states,
)

PROBED_ROWS = 64
"""Rows with missing values the model is run on."""


def _missing(x: Arrays) -> tuple[str, int, np.ndarray]:
    """The first input holding NaN (its name, "" for a single array), its NaN count, and the
    indices of rows with a NaN in any input; ("", 0, empty) when none does."""
    first, count, rows = "", 0, None
    for name, array in items(x):
        if array.dtype.kind != "f" or array.ndim == 0:
            continue
        nan = np.isnan(array.reshape(len(array), -1))
        if not nan.any():
            continue
        if not count:
            first, count = name, int(nan.sum())
        hit = nan.any(axis=1)
        rows = hit if rows is None else rows | hit
    return first, count, np.flatnonzero(rows) if rows is not None else np.array([], int)


def _stays_finite(model: keras.Model, rows: Arrays) -> bool:
    """The model's outputs on `rows`, and (on TensorFlow) the gradients of their sum for its
    trainable weights, are all finite: a ReLU may turn a NaN into 0 (`max(NaN, 0)` is 0 on
    some CPUs' vector units), but the kernel that multiplied it still gets a NaN gradient.
    Called as `quiet_call` calls (the seed state kept); a stateful model, which a call would
    move, is not called: False, as before this check."""
    if keras.backend.backend() != "tensorflow" or not model.trainable_weights:
        outputs = quiet_call(model, rows)
        return outputs is not None and all(
            bool(np.isfinite(keras.ops.convert_to_numpy(o)).all())
            for o in keras.tree.flatten(outputs))  # fmt: skip
    def outputs_sum() -> Any:
        import tensorflow as tf

        outputs = keras.tree.flatten(model(rows, training=False))
        return tf.add_n([tf.reduce_sum(tf.cast(o, tf.float32)) for o in outputs])

    return finite_with_gradients(model, outputs_sum)


def finite_with_gradients(model: keras.Model, total: Callable[[], Any]) -> bool:
    """`total()` (a scalar the model's call computes) and, on TensorFlow, its gradients for
    the model's trainable weights are all finite; computed with the seed state kept. A
    stateful model, which a call would move, is not called: False."""
    if is_stateful(model):
        return False
    import tensorflow as tf

    with tf.GradientTape() as tape, kept_seed_state(seed_states(model)):
        value = total()
    gradients = tape.gradient(value, model.trainable_weights)
    values = [value, *(tf.convert_to_tensor(g) for g in gradients if g is not None)]
    return all(bool(np.isfinite(np.asarray(v)).all()) for v in values)


def check_missing_inputs(model: keras.Model, x: Arrays, origin: str = "data") -> None:
    """Raise InputError when input rows hold NaN and the model's outputs on (up to
    `PROBED_ROWS` of) them, or their gradients, are not all finite (`_stays_finite`), or the
    model cannot be run on them; quiet when no input holds NaN or the model maps them away
    before its weights.

    Raises:
        InputError: Naming the input, the NaN count and the two ways out.
    """
    name, count, rows = _missing(x)
    if not count:
        return
    try:
        finite = _stays_finite(model, take(x, rows[:PROBED_ROWS]))
    except evaluation_errors():
        finite = False
    if finite:
        return
    what = f"x['{name}']" if name else "'x'"
    raise InputError(
        f"{origin}: {what} contains {count} NaN values that reach the model's weights (its "
        "outputs or their gradients on those rows are not finite); fill them first (an "
        "imputer, with a was-missing column), or map them inside the model before any weights"
    )
