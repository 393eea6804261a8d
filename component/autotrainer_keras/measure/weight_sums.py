"""The weights' squared norms and their change since the previous check, memory bounded.

What a check needs of the weights is three numbers per variable: its squared norm now, at
the previous check, and the squared norm of the change in between. The first two are exact
(reduced on the device, `measure.chunked`: no full-size temporaries; the previous one is the
previous check's "now", kept on the host). The change needs the previous weights: a variable
of at most `SAMPLE_ENTRIES` entries is kept whole (exact), a larger one as a fixed systematic
sample of at most `SAMPLE_ENTRIES` entries, and its change is the sample's scaled to the
variable's size (an estimate: the sample spans every row and column, see `sample_stride`).
So the memory kept between checks is at most `SAMPLE_ENTRIES` floats per variable, not a
second copy of the model; a check moves 3 floats plus the samples per variable to the host.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.chunked import squared_norm
from autotrainer_keras.measure.reductions import WeightSquares
from autotrainer_keras.measure.traced import traced

SAMPLE_ENTRIES = 1 << 16
"""Most entries of a variable kept for the change since the previous check (256 KB)."""

EAGER_READS = 16
"""Reads run eagerly before the reduction is traced: tracing it costs 35-145 ms per model
(second zoo: MLP to ResNet), an eager read 2-9 ms and a traced one 1-2 ms, so a training
with a few checks (a screened repair candidate) never pays the trace."""


def _is_prime(n: int) -> bool:
    return n >= 2 and all(n % d for d in range(2, math.isqrt(n) + 1))


def sample_stride(shape: Sequence[int], entries: int = SAMPLE_ENTRIES) -> int:
    """The stride of a variable's flat view that keeps at most `entries` of its entries.

    1 for a variable that fits. Otherwise the smallest prime >= size / entries that divides
    none of the dimensions: coprime with the last one, so consecutive samples walk through
    every column (output unit or channel) instead of repeating a few.
    """
    size = math.prod(int(d) for d in shape)
    if size <= entries:
        return 1
    stride = math.ceil(size / entries)
    while not _is_prime(stride) or any(int(d) % stride == 0 for d in shape):
        stride += 1
    return stride


class DeviceWeightSquares:
    """`WeightSquares` of `variables` since the previous call (the first: since construction,
    or since `forget`).

    Args:
        variables: The model's trainable variables (Keras or TensorFlow variables).
    """

    def __init__(self, variables: Sequence) -> None:
        self._variables = list(variables)
        shapes = [[int(d) for d in v.shape] for v in self._variables]
        self._sizes = np.array([math.prod(s) for s in shapes], np.float64)
        self._strides = [sample_stride(s) for s in shapes]
        kept = [math.ceil(n / s) for n, s in zip(self._sizes, self._strides, strict=True)]
        self._scale = self._sizes / np.maximum(np.array(kept, np.float64), 1.0)
        self._reduce = traced(self._squares)
        self._reads = 0
        now, samples = self._read()
        self._previous_sq, self._samples = now, samples
        self._fresh = False

    def _squares(self) -> tuple[tf.Tensor, list[tf.Tensor]]:
        squares, samples = [], []
        for variable, stride in zip(self._variables, self._strides, strict=True):
            value = _tensor(variable)
            squares.append(squared_norm(value))
            samples.append(tf.cast(tf.reshape(value, [-1])[::stride], tf.float32))
        return (tf.stack(squares) if squares else tf.zeros([0], tf.float64)), samples

    def _read(self) -> tuple[np.ndarray, list[np.ndarray]]:
        self._reads += 1
        squares, samples = self._reduce() if self._reads > EAGER_READS else self._squares()
        return np.asarray(squares, np.float64), [np.asarray(s, np.float64) for s in samples]

    def forget(self) -> None:
        """The next call reports no previous check (squares 0: no update ratio)."""
        self._fresh = True

    def measure(self) -> WeightSquares:
        """The squares now, at the previous call and of the change; then remember the weights."""
        now, samples = self._read()
        change = np.array([np.sum(np.square(new - old)) for new, old in
                           zip(samples, self._samples, strict=True)]) * self._scale  # fmt: skip
        previous = self._previous_sq
        if self._fresh:  # as a first check: the change from nothing is the weights themselves
            previous, change, self._fresh = np.zeros_like(now), now.copy(), False
        self._previous_sq, self._samples = now, samples
        return WeightSquares(
            now=now,
            previous=previous,
            change=change.astype(np.float64),
            sizes=self._sizes,
            nonfinite=not np.isfinite(now).all(),  # a NaN/Inf weight makes its square so
        )


def _tensor(variable: object) -> tf.Tensor:
    """The value of a Keras or a TensorFlow variable."""
    return tf.convert_to_tensor(variable)
