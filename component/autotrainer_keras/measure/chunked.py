"""Reductions of large tensors in bounded pieces, so their temporaries stay small.

An element-wise reduction such as `reduce_sum(cast(equal(g, 0), float64))` materialises
full-size temporaries first (here a bool and a float64 copy of `g`: 9 bytes per entry, 45 MB
for a 5M-entry kernel), and a traced graph may run several variables' reductions at once. A
tensor with more than `CHUNK_ENTRIES` entries is reduced here one slice of its flat view at a
time, each slice waiting for the previous slice's sums (a control dependency): at most one
slice's temporaries are alive per reduction, whatever the tensor's size.

Graph code (call it inside a `tf.function`); the tensors' sizes must be known when tracing
(a variable's or a dense gradient's are), else the tensor is reduced whole.

    squares, zeros = chunked_sums(
        lambda g: (tf.reduce_sum(tf.square(g)), tf.reduce_sum(tf.cast(g == 0, tf.float32))),
        [gradient],
    )
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import tensorflow as tf

CHUNK_ENTRIES = 1 << 18
"""Entries of one slice (1 MB of float32): bounds the temporaries of one reduction (a float64
copy: 2 MB). Smaller slices mean more ops: 40 slices for 10^7 parameters."""

Reduce = Callable[..., Sequence[tf.Tensor]]


def chunked_sums(
    reduce: Reduce, tensors: Sequence[tf.Tensor], chunk: int = CHUNK_ENTRIES
) -> list[tf.Tensor]:
    """`reduce(*tensors)` for reductions that add up over slices (sums, counts).

    Args:
        reduce: Takes one slice of each tensor (same positions; flat when sliced) and returns
            scalars that add up over slices.
        tensors: Tensors of the same number of entries.
        chunk: Most entries per slice.

    Returns:
        The sums over all slices of each scalar `reduce` returns.
    """
    entries = tensors[0].shape.num_elements()
    if entries is None or entries <= chunk:
        return list(reduce(*tensors))
    flat = [tf.reshape(t, [-1]) for t in tensors]
    totals: list[tf.Tensor] = []
    for start in range(0, entries, chunk):
        with tf.control_dependencies(totals):  # this slice starts when the previous is summed
            parts = reduce(*(f[start : start + chunk] for f in flat))
        totals = list(parts) if not totals else [a + b for a, b in zip(totals, parts, strict=True)]
    return totals


def squared_norm(tensor: tf.Tensor, chunk: int = CHUNK_ENTRIES) -> tf.Tensor:
    """Sum of squares of `tensor` in float64 (its temporaries bounded by `chunk` entries)."""
    return chunked_sums(lambda t: [tf.reduce_sum(tf.square(tf.cast(t, tf.float64)))],
                        [tensor], chunk)[0]  # fmt: skip
