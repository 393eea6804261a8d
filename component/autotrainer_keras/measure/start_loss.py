"""Where the loss cannot be computed at the initial weights: rows of finite data whose loss is
NaN or Inf before the first step.

A loss is defined on a domain: a log-likelihood's rate or variance must be positive, a log
needs its argument above 0. An output that can leave that domain (a ReLU rate that is exactly
0 on some rows, a linear head read as a variance) makes those rows' loss NaN or Inf from the
first batch on; every batch holding one has a NaN loss, and the steps that follow carry it
into the weights (practice batch 21: a hand-written Poisson NLL on a ReLU head, a Gaussian
NLL's variance form on a linear log-variance head; both read as exploding gradients at
step 0 before this). No step size or initialisation moves the domain: the output's
activation or the loss must change.

Measured, not read off the loss's code: the compiled loss, row by row, on the first training
rows, with the model in inference mode.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

OVERFLOW = 1e15
"""Predictions this large are a scale problem (a squared error overflows float32 near 1.8e19),
not the loss's domain: their rows are not counted."""


@dataclass(frozen=True)
class StartLoss:
    """The loss at the initial weights on the first training rows.

    Attributes:
        rows: Rows read (finite inputs, targets and predictions within `OVERFLOW`).
        nonfinite: Of those, rows whose loss is NaN or Inf.
        output_min, output_max: The predictions' range on the rows read.
        mean: The mean finite row loss (NaN when none is finite): where the model starts,
            over many rows rather than one minibatch (a model trained before this fit starts
            far below the constant predictor's loss). A mean, as the step losses it is
            compared with are: with outputs saturated at one value, or a trained model on
            shifted rows, most rows' losses are near 0 and the rest far above, so a median
            reads a start far lower than the training does (practice batch 66's bags of raw
            pixels: a median of 0.0004 where the first minibatch's mean was 4.5; batch 67's
            fine-tuning on a rotated domain: 0.076 against 1.49).
    """

    rows: int
    nonfinite: int
    output_min: float
    output_max: float
    mean: float = math.nan


def row_losses(loss: Any, y: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Each row's loss, unreduced, as (rows, values) (a name or a plain function is wrapped
    as `compile` wraps it, so targets and predictions meet at the same rank; a loss that
    returns one number for the batch gives every row that number)."""
    import keras

    if isinstance(loss, str):
        loss = keras.losses.get(loss)
    if isinstance(loss, keras.losses.Loss):
        values = loss.call(y, predictions)  # a Keras wrapper aligns the ranks itself
    else:
        values = loss(*_same_rank(y, predictions))
    values = np.asarray(keras.ops.convert_to_numpy(values), np.float64)
    return values.reshape(len(y), -1) if values.ndim else np.full((len(y), 1), values)


def nonfinite_loss_rows(loss: Any, y: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Whether each row's loss (`row_losses`) is NaN or Inf."""
    return np.asarray(~np.isfinite(row_losses(loss, y, predictions)).all(axis=1))


def start_loss(
    loss: Any, x: np.ndarray | None, y: np.ndarray, predictions: np.ndarray
) -> StartLoss | None:
    """The rows of finite `x` (None: not read), `y` and `predictions` whose `loss` is not
    finite (a loss that reduces the batch to one number marks them all alike); None for
    targets that are not numbers, a loss that cannot take these rows, or no finite row."""
    if not isinstance(y, np.ndarray) or y.dtype.kind not in "fiub" or len(y) == 0:
        return None
    predictions = np.asarray(predictions)
    if predictions.dtype.kind != "f" or len(predictions) != len(y):
        return None
    keep = _finite_rows(y) & _finite_rows(predictions)
    keep &= np.abs(predictions.reshape(len(y), -1)).max(axis=1) <= OVERFLOW
    if x is not None and isinstance(x, np.ndarray) and x.dtype.kind == "f" and len(x) == len(y):
        keep &= _finite_rows(x)
    if not keep.any():
        return None
    y, predictions = y[keep].astype("float32"), predictions[keep].astype("float32")
    try:
        values = row_losses(loss, y, predictions)
    except Exception:  # noqa: BLE001 - a loss that cannot take these rows says nothing here
        return None
    if len(values) != len(y):
        return None
    finite = np.isfinite(values).all(axis=1)
    return StartLoss(
        rows=len(y),
        nonfinite=int((~finite).sum()),
        output_min=float(predictions.min()),
        output_max=float(predictions.max()),
        mean=float(values[finite].mean()) if finite.any() else math.nan,
    )


def _same_rank(y: np.ndarray, predictions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Targets brought to the predictions' rank over a last axis of 1, as `compile`'s loss
    wrapper does: (n,) against (n, 1) becomes (n, 1), and the other way round."""
    if y.ndim + 1 == predictions.ndim and predictions.shape[-1] == 1:
        return y[..., None], predictions
    if y.ndim == predictions.ndim + 1 and y.shape[-1] == 1:
        return y[..., 0], predictions
    return y, predictions


def _finite_rows(array: np.ndarray) -> np.ndarray:
    values = np.asarray(array)
    if values.dtype.kind not in "fiub":
        return np.ones(len(values), bool)
    return np.asarray(np.isfinite(values.reshape(len(values), -1).astype(np.float64)).all(axis=1))
