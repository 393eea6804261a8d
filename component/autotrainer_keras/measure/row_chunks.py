"""The probe batch through a model a few rows at a time, so its layer outputs stay small.

A probe that keeps several layers' outputs for the whole probe batch (256 rows) holds 256 x
their sizes at once: tens to hundreds of MB on a large CNN. Here the rows go through in
chunks of at most `PROBE_ENTRIES` kept entries (one chunk after the other: a `tf.while_loop`
with `parallel_iterations=1`), and what is measured is folded over the chunks (a sum, a
minimum, an "any", a concatenation). Exact for every statistic that folds so, in inference
mode; a model probed in training mode (batch statistics of BatchNormalization) must see its
whole batch at once, so its callers do not chunk it.

Graph code (inside a `tf.function`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import tensorflow as tf

PROBE_ENTRIES = 1 << 21
"""Most layer-output entries a probe keeps at once (8 MB of float32)."""


def rows_per_chunk(entries_per_row: int | None, rows: int, entries: int = PROBE_ENTRIES) -> int:
    """Rows of one chunk: all when a row's size is unknown or they fit, at least one."""
    if not entries_per_row or entries_per_row * rows <= entries:
        return max(1, rows)
    return max(1, entries // entries_per_row)


def entries_per_row(tensors: list[Any]) -> int | None:
    """Entries one row adds to `tensors` (symbolic Keras tensors); None if a size is unknown."""
    total = 0
    for tensor in tensors:
        dims = list(tensor.shape)[1:]
        if any(d is None for d in dims):
            return None
        total += math.prod(int(d) for d in dims)
    return total


def _rows(x: Any, start: Any, count: int) -> Any:
    return tf.nest.map_structure(lambda t: t[start : start + count], x)


def _relaxed(tensor: tf.Tensor) -> tf.TensorShape:
    """The tensor's shape with its first dimension free (a concatenation grows it)."""
    shape = tensor.shape
    return shape if shape.rank in (None, 0) else tf.TensorShape([None, *shape[1:]])


def fold_rows(
    measure: Callable[[Any], Any],
    combine: Callable[[Any, Any], Any],
    x: Any,
    rows: int,
    chunk: int,
    initial: Callable[[], Any] | None = None,
) -> Any:
    """`measure` of the first `chunk` rows of `x`, folded with `combine` over the next chunks.

    Args:
        measure: Rows of `x` (the same structure) -> a structure of tensors.
        combine: (folded so far, the next chunk's measure) -> the folded structure.
        x: The probe batch (a tensor, or a structure of tensors with the same rows).
        rows: Rows of `x`.
        chunk: Rows per chunk (`rows_per_chunk`).
        initial: The fold's identity (`combine(initial(), m) == m`; it may give None), or
            None. With it the loop starts at the first chunk and `measure` (the model) is
            traced once, in the loop's body; without it, also once for the first chunk
            before the loop (a zoo ResNet's activation probe: first call 0.93 -> 0.72 s).
    """
    count = math.ceil(rows / chunk)
    start, first = 0, (initial() if count > 1 and initial is not None else None)
    if first is None:
        start, first = 1, measure(_rows(x, 0, chunk))
    if count <= 1:
        return first

    def body(i: tf.Tensor, folded: Any) -> tuple[tf.Tensor, Any]:
        return i + 1, combine(folded, measure(_rows(x, i * chunk, chunk)))

    _, folded = tf.while_loop(
        lambda i, _: i < count,
        body,
        (tf.constant(start), first),
        shape_invariants=(tf.TensorShape([]), tf.nest.map_structure(_relaxed, first)),
        parallel_iterations=1,
    )
    return folded
