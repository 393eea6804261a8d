"""Targets one axis short of the output, which a loss of the user's own broadcasts: `y_true`
of shape (batch,) against `y_pred` of (batch, 1) makes `y_pred - y_true` a (batch, batch)
matrix, so every prediction is compared with every target and the model learns to predict
their mean (practice batch 17's hand-written RMSE on a 1-D regression target: validation
loss 1.04 against 0.18 with the target reshaped to (n, 1)). Keras's own losses bring both to
the same rank first, so they read the same either way.

Measured, not inferred from the loss's code: the loss on a few rows with the targets as given
against the same rows with the targets reshaped like the output.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

ROWS = 64
"""Rows the two losses are computed on (at least 2: one row broadcasts to itself)."""


def _mean_loss(loss: Any, y: np.ndarray, predictions: np.ndarray) -> float:
    from keras import ops

    value = loss(y, predictions)
    return float(ops.convert_to_numpy(ops.mean(ops.cast(value, "float32"))))


def broadcast_gap(loss: Any, y: np.ndarray, predictions: np.ndarray) -> float:
    """The relative difference between `loss` on targets one axis short of `predictions`
    (shape (n,) against (n, 1)) and on the same targets reshaped like them; 0 when the
    shapes are not so, the loss is not a `keras.losses.Loss`, or either value is not finite.

    `compile` wraps a loss given as a name or a plain function (Keras's `poisson`, a user's
    `def my_loss(y_true, y_pred)`) in a wrapper that brings targets and predictions to the
    same rank before calling it, so only a `Loss` object's own `call` meets them as given
    (the raw `poisson` function broadcasts; compiled, it does not: a healthy Poisson
    regression on (n,) counts read 0.27 before this)."""
    import keras

    if not isinstance(loss, keras.losses.Loss):
        return 0.0
    if not isinstance(y, np.ndarray) or y.dtype.kind not in "fiub":
        return 0.0
    rows = min(ROWS, len(y), len(predictions))
    if rows < 2 or y.ndim + 1 != predictions.ndim or predictions.shape[-1] != 1:
        return 0.0
    if y.shape[1:] != predictions.shape[1:-1]:
        return 0.0
    y, predictions = y[:rows].astype("float32"), predictions[:rows].astype("float32")
    try:
        given = _mean_loss(loss, y, predictions)
        shaped = _mean_loss(loss, y.reshape(predictions.shape), predictions)
    except Exception:  # noqa: BLE001 - a loss that cannot take these shapes says nothing here
        return 0.0
    if not (math.isfinite(given) and math.isfinite(shaped)):
        return 0.0
    return abs(given - shaped) / max(abs(shaped), 1e-12)
