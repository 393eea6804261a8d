"""What "learned nothing" scores on given data: the best constant predictor's loss/accuracy.

Detectors compare against these instead of a user-picked target accuracy.
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.io.arrays import Arrays, output_weights
from autotrainer_keras.measure.history import Task
from autotrainer_keras.measure.label_facts import row_blocks

_EPS = 1e-7


SPARSE_LOSSES = ("sparse_categorical_crossentropy",)
"""Losses whose targets are class ids at any shape (Keras: the predictions' shape without the
class axis): a segmentation mask (rows, height, width), a tagger's (rows, steps)."""


def sparse_ids(loss: str | None, y: np.ndarray) -> bool:
    """Whether targets `y` are class ids at any shape: a sparse loss (`SPARSE_LOSSES`) on
    anything but one-hot rows (one-hot labels given to a sparse loss, a set-up fault the
    pre-flight names, keep their one-hot reading)."""
    if loss not in SPARSE_LOSSES:
        return False
    y = np.asarray(y)
    if y.ndim < 2 or y.shape[-1] < 2 or not np.isin(y, (0, 1)).all():
        return True
    return not bool(np.all(y.sum(axis=-1) == 1))


def class_indices(y: np.ndarray, sparse: bool = False) -> np.ndarray:
    """Integer class labels from sparse labels or one-hot rows (`sparse`: `y` holds class ids
    whatever its last axis, as under a sparse loss)."""
    y = np.asarray(y)
    if not sparse and y.ndim >= 2 and y.shape[-1] > 1:
        return np.argmax(y, axis=-1).reshape(-1)
    if y.dtype.kind in "biu":  # no float copy of a segmentation set's masks
        return y.reshape(-1).astype(np.int64)
    return np.rint(y.reshape(-1)).astype(np.int64)


def class_row_weights(y: np.ndarray, class_weight: dict[int, float]) -> np.ndarray | None:
    """Each row's weight under Keras' `class_weight` (a class missing from it: 1.0), as Keras
    turns it into sample weights; None when `y` does not give one class per row."""
    classes = class_indices(y)
    if len(classes) != len(y):
        return None
    return np.asarray([class_weight.get(int(c), 1.0) for c in classes], np.float64)


def is_multi_label(y: np.ndarray) -> bool:
    """Rows of several 0/1 columns that are not all one-hot (multi-hot targets)."""
    y = np.asarray(y)
    if y.ndim != 2 or y.shape[-1] < 2 or not np.isin(np.unique(y), (0, 1)).all():
        return False
    return not np.all(y.sum(axis=-1) == 1)


def class_count(task: Task, *labels: np.ndarray, width: int | None = None,
                sparse: bool = False) -> int | None:  # fmt: skip
    """How many classes a single-output classifier tells apart: 2 for a binary task; for a
    multi-class one the largest of the one-hot width, the highest sparse label + 1 over all
    `labels` given, and the output's `width`. None for other tasks and multi-hot targets.
    `sparse`: the labels are class ids at any shape (`SPARSE_LOSSES`)."""
    if task is Task.BINARY:
        return None if any(is_multi_label(y) for y in labels) else 2
    if task is not Task.MULTICLASS or (not sparse and any(is_multi_label(y) for y in labels)):
        return None
    counts = [int(width)] if width else []
    for y in labels:
        y = np.asarray(y)
        if y.size == 0:
            continue
        wide = not sparse and y.ndim > 1 and y.shape[-1] > 1
        counts.append(int(y.shape[-1]) if wide else int(class_indices(y, sparse).max()) + 1)
    return max(counts) if counts and max(counts) >= 2 else None


def chance_accuracy(y_train: np.ndarray, y_val: np.ndarray, sparse: bool = False) -> float:
    """Validation accuracy of always predicting the training set's majority class (over every
    position of class ids per pixel or step); for multi-hot targets, of predicting each
    label's majority value (binary accuracy). `sparse`: class ids at any shape."""
    if not sparse and is_multi_label(y_train):
        majority = np.asarray(y_train, np.float64).mean(axis=0) >= 0.5
        return float(np.mean(np.asarray(y_val) == majority))
    train, val = class_indices(y_train, sparse), class_indices(y_val, sparse)
    if train.size == 0:
        return math.nan
    if train.min() >= 0:
        majority = np.bincount(train).argmax()
    else:  # negative codes (a -1 padding, or targets a binary loss cannot train on)
        values, counts = np.unique(train, return_counts=True)
        majority = values[counts.argmax()]
    return float(np.mean(val == majority))


def row_weights(weights: np.ndarray) -> np.ndarray:
    """Sample weights as one per row: a row's mean over its steps when the weights are per
    step (a sequence tagger's), float64."""
    w = np.asarray(weights, np.float64)
    return w.reshape(len(w), -1).mean(axis=1) if w.ndim > 1 else w.reshape(-1)


def baseline_loss(
    task: Task,
    loss: str,
    y_train: np.ndarray,
    y_val: np.ndarray,
    w_train: np.ndarray | None = None,
    w_val: np.ndarray | None = None,
) -> float | None:
    """Validation loss of the best constant prediction fitted on the training targets.

    With sample weights (`w_train`, `w_val`: one per row, or None) the loss is weighted as
    Keras weighs it (the mean of weight x row loss): the constant is fitted on the weighted
    training targets (class-balancing weights make the balanced prior the best constant) and
    the rows' losses are averaged with the validation weights.

    Returns None for losses it does not know.
    """
    rows = _constant_row_losses(task, loss, y_train, y_val, w_train)
    if rows is None:
        return None
    if w_val is None:
        return float(np.mean(rows))
    return float(np.mean(row_weights(w_val) * rows))


def _step_means(y: np.ndarray, classes: int) -> np.ndarray:
    """Each row's label mass per class, averaged over its steps (pixels): (rows, classes),
    read a block of rows at a time in float64 (no float64 copy of a whole mask set)."""
    rows = np.asarray(y).reshape(len(y), -1, classes)
    parts = [block.mean(axis=1, dtype=np.float64) for block in row_blocks(rows)]
    return np.concatenate(parts) if parts else np.zeros((0, classes))


def _constant_row_losses(
    task: Task, loss: str, y_train: np.ndarray, y_val: np.ndarray, w_train: np.ndarray | None
) -> np.ndarray | None:
    """Each validation row's loss under the best constant prediction, or None."""
    weights = None if w_train is None else row_weights(w_train)
    if weights is not None and not (np.isfinite(weights).all() and weights.sum() > 0):
        weights = None  # all zero (or not finite): nothing to weigh the constant by
    if task is Task.REGRESSION and loss != "binary_crossentropy":
        train = np.asarray(y_train, np.float64)
        val = np.asarray(y_val, np.float64)
        per_row = val.reshape(len(val), -1)
        if loss in ("mse", "mean_squared_error"):
            mean = np.average(train, axis=0, weights=weights)
            return np.mean((per_row - np.reshape(mean, (1, -1))) ** 2, axis=1)
        if loss in ("mae", "mean_absolute_error"):  # the median (unweighted: an estimate)
            return np.mean(np.abs(per_row - np.reshape(np.median(train, axis=0), (1, -1))), axis=1)
        return None
    if task is Task.BINARY or loss == "binary_crossentropy":  # per column; soft targets too
        train = np.asarray(y_train, np.float64)
        val = np.asarray(y_val, np.float64)
        p = np.clip(np.average(train, axis=0, weights=weights), _EPS, 1 - _EPS)
        rows = -(val * np.log(p) + (1 - val) * np.log(1 - p))
        return rows.reshape(len(val), -1).mean(axis=1)
    if task is not Task.MULTICLASS:
        return None
    sparse = sparse_ids(loss, y_train)
    if not sparse and np.asarray(y_train).ndim >= 2 and np.asarray(y_train).shape[-1] > 1:
        # one-hot, soft or multi-hot rows: the best constant softmax is the labels' mean mass
        # (argmax of multi-hot rows would drop all labels but one and understate the loss)
        classes = np.shape(y_train)[-1]
        mass = np.average(_step_means(y_train, classes), axis=0, weights=weights)
        p = np.clip(mass / max(mass.sum(), _EPS), _EPS, 1 - _EPS)
        return -_step_means(y_val, classes) @ np.log(p)  # each row's mean over its steps
    train, val = class_indices(y_train, sparse), class_indices(y_val, sparse)
    if sparse and min(train.min(initial=0), val.min(initial=0)) < 0:
        return _ignoring_negative(train, val, len(np.asarray(y_val)))
    n_classes = int(max(train.max(), val.max()) + 1)
    if weights is not None and len(weights) != len(train):
        weights = None  # a per-step weight of a sequence: the prior unweighted
    priors = np.bincount(train, weights=weights, minlength=n_classes)
    priors = np.clip(priors / max(priors.sum(), _EPS), _EPS, 1 - _EPS)
    rows = -np.log(priors[val])
    return rows.reshape(len(np.asarray(y_val)), -1).mean(axis=1)


def _ignoring_negative(train: np.ndarray, val: np.ndarray, rows: int) -> np.ndarray | None:
    """Each validation row's loss under the class prior, over its positions whose id is not
    negative (a -1 padding that Keras' `ignore_class` leaves out of the loss; a row of
    padding only counts 0); None when no training id is a class."""
    known = train[train >= 0]
    if not known.size:
        return None
    n_classes = int(max(known.max(), val.max(initial=0)) + 1)
    priors = np.clip(np.bincount(known, minlength=n_classes) / known.size, _EPS, 1 - _EPS)
    losses = np.where(val >= 0, -np.log(priors[np.maximum(val, 0)]), 0.0).reshape(rows, -1)
    counted = (val >= 0).reshape(rows, -1).sum(axis=1)
    return losses.sum(axis=1) / np.maximum(counted, 1)


def smoothed_labels(loss: str, y: np.ndarray, smoothing: float) -> np.ndarray:
    """The targets as a Keras cross-entropy with `label_smoothing` hands them to the loss:
    y (1 - s) + s / classes over one-hot (soft) rows, y (1 - s) + s / 2 per binary column
    (float32, as Keras computes them); `y` itself for no smoothing or another loss (a sparse
    loss takes none)."""
    if not smoothing > 0 or loss not in ("categorical_crossentropy", "binary_crossentropy"):
        return y
    targets = np.asarray(y, np.float32)
    spread = smoothing / max(targets.shape[-1], 1) if loss == "categorical_crossentropy" else (
        0.5 * smoothing)  # fmt: skip
    return targets * np.float32(1.0 - smoothing) + np.float32(spread)


HARD_FLOOR = 1e-5
"""A floor below this is hard labels' (their clipped entropy is about 1e-7 per row)."""


def loss_floor(loss: str, y: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The lowest mean loss any prediction gets on targets `y` (after `smoothed_labels`):
    under cross-entropy their entropy, the prediction being the targets themselves (one-hot
    rows or binary columns of probabilities; weighted as `baseline_loss` weighs rows); 0 for
    hard labels, a sparse loss, targets outside [0, 1] and every other loss. Read a block of
    rows at a time in float64 (no float64 copy of a whole mask set)."""
    targets = np.asarray(y)
    if (loss not in ("categorical_crossentropy", "binary_crossentropy") or targets.size == 0
            or targets.dtype.kind not in "f"):  # fmt: skip
        return 0.0
    per_class = loss == "categorical_crossentropy" and targets.ndim >= 2 and targets.shape[-1] > 1
    parts = []
    for block in row_blocks(targets):
        values = np.asarray(block, np.float64)
        if not np.isfinite(values).all() or values.min() < 0 or values.max() > 1:
            return 0.0
        p = np.clip(values, _EPS, 1 - _EPS)
        if per_class:
            entropy = -(values * np.log(p)).sum(axis=-1)
        else:
            entropy = -(values * np.log(p) + (1 - values) * np.log(1 - p))
        parts.append(entropy.reshape(len(values), -1).mean(axis=1))
    rows = np.concatenate(parts)
    floor = float(np.mean(rows) if weights is None else np.mean(row_weights(weights) * rows))
    return floor if floor > HARD_FLOOR else 0.0


def combined_baseline_loss(
    tasks: dict[str, Task | None],
    losses: dict[str, str],
    weights: dict[str, float] | None,
    y_train: dict[str, np.ndarray],
    y_val: dict[str, np.ndarray],
    w_train: Arrays | None = None,
    w_val: Arrays | None = None,
) -> float | None:
    """A multi-output model's total loss under the best constant prediction per output:
    `sum(weight * baseline)` over the outputs, as Keras adds up the total loss; each output's
    rows weighed by its sample weights (`w_train`, `w_val`: one array for all outputs or
    one per output name, or None), as `baseline_loss` weighs them.

    Returns None when one output's loss has no baseline here (Huber, a custom loss): the
    loss-curve rules then measure progress against the first loss of the training instead.
    """
    total = 0.0
    for name, task in tasks.items():
        if task is None:
            return None
        value = baseline_loss(task, losses[name], y_train[name], y_val[name],
                              output_weights(w_train, name), output_weights(w_val, name))
        if value is None:
            return None
        total += (1.0 if weights is None else weights.get(name, 1.0)) * value
    return total


def output_chance(
    tasks: dict[str, Task | None],
    y_train: dict[str, np.ndarray],
    y_val: dict[str, np.ndarray],
    losses: dict[str, str] | None = None,
) -> dict[str, float]:
    """The chance accuracy of each classification output (its task has an accuracy), by
    output name; outputs of other tasks or without targets are left out. `losses`: each
    output's loss name, read for class ids at any shape (`sparse_ids`: a segmentation head's
    masks)."""
    losses = losses or {}
    return {
        name: chance_accuracy(y_train[name], y_val[name],
                              sparse_ids(losses.get(name), y_train[name]))  # fmt: skip
        for name, task in tasks.items()
        if task is not None and task.has_accuracy and name in y_train and name in y_val
    }
