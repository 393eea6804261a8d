"""What kind of labels a target array holds: classes (binary, integer, one-hot, multi-label)
or continuous targets, read per row or, for a sequence head, per step (integer classes, or
one-hot rows: their columns are then the head's units)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

MAX_CLASSES = 50
"""Integer labels with more distinct values than this are regression targets, unless they are
ids of a wider head's units (`_ids_of_units`)."""
OutputShape = tuple[int | None, ...]


CHUNK_ENTRIES = 1 << 20
"""Label entries read at once: a segmentation set's masks (tens of millions of pixels) are
tested a block of rows at a time, in their own dtype, never copied whole."""


def row_blocks(y: np.ndarray, entries: int = CHUNK_ENTRIES) -> Iterator[np.ndarray]:
    """`y` a block of rows at a time (views), each block at most `entries` entries (at least
    one row)."""
    per_row = max(1, int(np.prod(y.shape[1:], dtype=np.int64))) if y.ndim > 1 else 1
    rows = max(1, entries // per_row)
    for start in range(0, len(y), rows):
        yield y[start : start + rows]


def _every_block(y: np.ndarray, test: Callable[[np.ndarray], bool]) -> bool:
    return all(test(block) for block in row_blocks(y))


def _integer(values: np.ndarray) -> bool:
    if values.dtype.kind in "biu":
        return True
    return _every_block(
        values, lambda b: bool(np.all(np.isfinite(b)) and np.all(b == np.rint(b)))
    )


def _zero_one(values: np.ndarray) -> bool:
    return _every_block(values, lambda b: bool(((b == 0) | (b == 1)).all()))


def _one_per_step(values: np.ndarray) -> bool:
    """Every step's (last axis) values sum to 1."""
    return _every_block(values, lambda b: bool(np.all(b.sum(axis=-1, dtype=np.float64) == 1.0)))


def _distinct(blocks: Iterator[np.ndarray]) -> np.ndarray:
    """The sorted distinct integer values of the blocks (class indices)."""
    seen: set[int] = set()
    for block in blocks:
        seen.update(np.unique(block).astype(np.int64).tolist())
    return np.asarray(sorted(seen), dtype=np.int64)


def minus_one_coded(y: np.ndarray) -> bool:
    """The labels are exactly -1, 0 and 1: under a binary loss, -1 is the usual code of a
    missing label (or three classes coded around 0)."""
    return y.size > 0 and set(np.unique(y).tolist()) == {-1.0, 0.0, 1.0}


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
    return _zero_one(y) and _one_per_step(y)


def _fits(rows: tuple[int, ...], wanted: tuple[int | None, ...]) -> bool:
    """`rows` has the shape `wanted` (None: any length)."""
    return len(rows) == len(wanted) and all(
        w is None or w == r for w, r in zip(wanted, rows, strict=True)
    )


def label_facts(
    y: np.ndarray, output_shape: OutputShape | None = None
) -> tuple[str, int, np.ndarray]:
    """(kind, columns, the distinct class indices of the rows or steps (sorted), or an empty
    array for continuous labels). `output_shape`: the head's (batch axis first), which tells
    integer classes per step of a sequence head from continuous targets; None: read per row
    only. Read in `y`'s own dtype a block of rows at a time (bounded memory)."""
    y = np.asarray(y)
    if y.dtype == bool:
        y = y.view(np.uint8)
    elif y.dtype.kind not in "iuf":  # objects, strings: as numbers (ValueError if not)
        y = np.asarray(y, dtype=np.float64)
    columns = int(np.prod(y.shape[1:], dtype=int)) if y.ndim > 1 else 1
    flat = y.reshape(len(y), columns)
    if columns > 1 and step_classes(y, output_shape):
        return "integer", columns, _distinct(row_blocks(flat))
    if columns > 1 and step_onehot(y, output_shape):
        steps = (np.argmax(block, axis=-1) for block in row_blocks(y))
        return "onehot", int(y.shape[-1]), _distinct(steps)
    is_01 = _zero_one(flat)
    if columns > 1:
        if not is_01:
            return "continuous", columns, np.empty(0, dtype=np.int64)
        one_hot = _one_per_step(flat)
        kind = "onehot" if one_hot else "multilabel"
        return kind, columns, _distinct(row_blocks(np.argmax(flat, axis=1)))
    values = flat[:, 0]
    integer = _integer(values)
    if integer and is_01:
        return "binary", 1, _distinct(row_blocks(values))
    if integer:
        classes = _distinct(row_blocks(values))
        if len(classes) <= MAX_CLASSES or _ids_of_units(classes, output_shape):
            return "integer", 1, classes
    return "continuous", 1, np.empty(0, dtype=np.int64)


def _ids_of_units(classes: np.ndarray, output_shape: OutputShape | None) -> bool:
    """One integer column whose values are all ids of the head's units (0 to units - 1) over
    a head of more than MAX_CLASSES units: class ids of a many-class softmax (practice batch
    42: 200 classes were read as a regression target and `output_pair` made the head linear),
    not a count or a price, which a one-unit head predicts."""
    units = output_shape[-1] if output_shape else None
    return (units is not None and units > MAX_CLASSES and len(classes) > 0
            and int(classes.min()) >= 0 and int(classes.max()) < units)  # fmt: skip
