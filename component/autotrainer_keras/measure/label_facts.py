"""What kind of labels a target array holds: classes (binary, integer, one-hot, multi-label)
or continuous targets, read per row or, for a sequence head, per step (integer classes, or
one-hot rows: their columns are then the head's units)."""

from __future__ import annotations

import numpy as np

MAX_CLASSES = 50  # integer labels with more distinct values than this are regression targets
OutputShape = tuple[int | None, ...]


def _integer(values: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(values)) and np.all(values == np.rint(values)))


def step_classes(y: np.ndarray, output_shape: OutputShape | None) -> bool:
    """True when `y` holds integer classes per step of a sequence head: its rows have the
    head's shape without the class axis (`(n, steps)` or `(n, steps, 1)` for an output
    `(n, steps, K)`), and every value is an integer in [0, K), K > 1: the per-row rule
    (integer-valued classes) with the head's units as its range."""
    if output_shape is None or len(output_shape) < 3 or not y.size:
        return False
    units, steps = output_shape[-1], tuple(output_shape[1:-1])
    rows = tuple(y.shape[1:])
    if units is None or units < 2 or not any(_fits(rows, w) for w in (steps, (*steps, 1))):
        return False
    return _integer(y) and float(y.min()) >= 0 and float(y.max()) < units


def step_onehot(y: np.ndarray, output_shape: OutputShape | None) -> bool:
    """True when `y` holds a one-hot row per step (or pixel) of a sequence head: its rows have
    the head's shape `(steps..., K)`, K > 1, every value is 0 or 1 and each step's K values
    sum to 1 (tags of a sequence tagger, one-hot masks of a segmenter). Read per row, such
    labels would look multi-label (several ones per row)."""
    if output_shape is None or len(output_shape) < 3 or not y.size:
        return False
    units = output_shape[-1]
    if units is None or units < 2 or not _fits(tuple(y.shape[1:]), tuple(output_shape[1:])):
        return False
    return bool(np.isin(y, (0.0, 1.0)).all() and np.all(y.sum(axis=-1) == 1.0))


def _fits(rows: tuple[int, ...], wanted: tuple[int | None, ...]) -> bool:
    """`rows` has the shape `wanted` (None: any length)."""
    return len(rows) == len(wanted) and all(
        w is None or w == r for w, r in zip(wanted, rows, strict=True)
    )


def label_facts(
    y: np.ndarray, output_shape: OutputShape | None = None
) -> tuple[str, int, np.ndarray]:
    """(kind, columns, class index per row or step, or an empty array for continuous labels).
    `output_shape`: the head's (batch axis first), which tells integer classes per step of a
    sequence head from continuous targets; None: read per row only."""
    y = np.asarray(y, dtype=np.float64)
    columns = int(np.prod(y.shape[1:], dtype=int)) if y.ndim > 1 else 1
    flat = y.reshape(len(y), columns)
    if columns > 1 and step_classes(y, output_shape):
        return "integer", columns, flat.reshape(-1).astype(np.int64)
    if columns > 1 and step_onehot(y, output_shape):
        return "onehot", int(y.shape[-1]), np.argmax(y, axis=-1).reshape(-1).astype(np.int64)
    is_01 = bool(np.isin(flat, (0.0, 1.0)).all())
    if columns > 1:
        if not is_01:
            return "continuous", columns, np.empty(0, dtype=np.int64)
        one_hot = bool(np.all(flat.sum(axis=1) == 1.0))
        return ("onehot" if one_hot else "multilabel"), columns, np.argmax(flat, axis=1)
    values = flat[:, 0]
    integer = _integer(values)
    if integer and is_01:
        return "binary", 1, values.astype(np.int64)
    if integer and len(np.unique(values)) <= MAX_CLASSES:
        return "integer", 1, values.astype(np.int64)
    return "continuous", 1, np.empty(0, dtype=np.int64)
