"""A training input column that gives the class, which the validation rows do not share.

A column filled only where the outcome is known (a discharge code, a "churned on" date, a
fraud flag from the investigation) is the label itself in the training export and 0 or a
placeholder in the validation or serving export. The model learns it in the first epoch
(training accuracy 1.0) and its validation score stays at the base rate. Read on columns of
codes (few distinct values): each value's commonest class, the share of rows that gives
beyond the commonest class's own share (0: no better than always guessing it; 1: every row),
on the training rows and, with the training mapping, on the validation rows. A column that
gives the class in both splits is left alone: the model uses it everywhere it is given.
Pure NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.baselines import class_indices
from autotrainer_keras.measure.sample_rows import evenly_spaced

MAX_CODES = 20
"""A column with at most this many distinct values on the training rows read is a code."""

ROWS_PER_CODE = 10
"""Training rows read per distinct value, at least: with fewer, any column of codes can give
the class of the few rows each value holds."""

MIN_VAL_ROWS = 20
"""Validation rows needed to read the mapping there."""


@dataclass(frozen=True)
class LabelColumn:
    """`column`: the input column (last axis of a table) whose training values give the class
    furthest beyond its validation values (-1: none measured); `train_gain` and `val_gain`:
    the share of the way from the commonest class's share to every row its values' commonest
    classes take the training rows and, mapped as in training, the validation rows."""

    column: int = -1
    train_gain: float = 0.0
    val_gain: float = 0.0


def label_column(
    x: np.ndarray, x_val: object, y: np.ndarray, y_val: object, sample_rows: int
) -> LabelColumn:
    """The `LabelColumn` of a table `x` (rows, columns) with one class label per row in `y`
    (sparse or one-hot), read on at most `sample_rows` evenly spaced rows of each split;
    nothing measured for other shapes, or validation data of another shape."""
    if not _table_pair(x, x_val, y, y_val):
        return LabelColumn()
    assert isinstance(x_val, np.ndarray) and isinstance(y_val, np.ndarray)
    table, classes = evenly_spaced(x, sample_rows), class_indices(evenly_spaced(y, sample_rows))
    val_table = evenly_spaced(x_val, sample_rows)
    val_classes = class_indices(evenly_spaced(y_val, sample_rows))
    if len(classes) != len(table) or len(val_classes) != len(val_table):
        return LabelColumn()
    if len(val_table) < MIN_VAL_ROWS:
        return LabelColumn()
    best = LabelColumn()
    for column in range(table.shape[1]):
        read = _column_gains(table[:, column], classes, val_table[:, column], val_classes)
        if read is None:
            continue
        train_gain, val_gain = read
        if train_gain - val_gain > best.train_gain - best.val_gain:
            best = LabelColumn(column, train_gain, val_gain)
    return best


def _table_pair(x: np.ndarray, x_val: object, y: np.ndarray, y_val: object) -> bool:
    return (isinstance(x_val, np.ndarray) and isinstance(y_val, np.ndarray)
            and x.ndim == 2 and x_val.ndim == 2 and x.shape[1] == x_val.shape[1]
            and x.dtype.kind in "biuf" and x_val.dtype.kind in "biuf"
            and len(x) == len(y) and len(x_val) == len(y_val))  # fmt: skip


def _column_gains(
    values: np.ndarray, classes: np.ndarray, val_values: np.ndarray, val_classes: np.ndarray
) -> tuple[float, float] | None:
    """(training gain, validation gain) of one column of codes; None for a column of more
    than `MAX_CODES` values, fewer than 2, or too few rows per value."""
    codes, code_of_row = np.unique(values, return_inverse=True)
    if not 2 <= len(codes) <= MAX_CODES or len(values) < ROWS_PER_CODE * len(codes):
        return None
    labels, label_of_row = np.unique(classes, return_inverse=True)
    counts = np.zeros((len(codes), len(labels)))
    np.add.at(counts, (code_of_row, label_of_row), 1.0)
    commonest = labels[np.argmax(counts.sum(axis=0))]
    code_class = labels[np.argmax(counts, axis=1)]
    train_gain = _gain(float(counts.max(axis=1).sum()) / len(values), classes)
    at = np.clip(np.searchsorted(codes, val_values), 0, len(codes) - 1)
    seen = codes[at] == val_values
    predicted = np.where(seen, code_class[at], commonest)
    return train_gain, _gain(float(np.mean(predicted == val_classes)), val_classes)


def _gain(agreement: float, classes: np.ndarray) -> float:
    """How far `agreement` goes from the commonest class's share of `classes` to 1 (below
    0: worse than always guessing it; 0 when one class holds every row)."""
    _, counts = np.unique(classes, return_counts=True)
    base = float(counts.max()) / len(classes)
    return (agreement - base) / (1.0 - base) if base < 1.0 else 0.0
