"""The weights' squared norms and their change since the previous check, on the device.

The previous check's weights are kept in non-trainable tf.Variables next to the model's (the
same memory a host copy would take, without copying the weights to the host at each check);
one traced graph reduces every variable to three numbers and takes the new snapshot, so a
check moves 3 x variables floats to the host, whatever the model's size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import tensorflow as tf

from autotrainer_keras.measure.reductions import WeightSquares


class DeviceWeightSquares:
    """`WeightSquares` of `variables` since the previous call (the first: since construction).

    Args:
        variables: The model's trainable variables (Keras or TensorFlow variables).
    """

    def __init__(self, variables: Sequence) -> None:
        self._variables = list(variables)
        self._previous = [
            tf.Variable(_tensor(v), trainable=False, name="previous_weights")
            for v in self._variables
        ]
        self._sizes = np.array([int(np.prod(v.shape)) for v in self._variables], np.float64)
        self._reduce = tf.function(self._squares)

    def _squares(self) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        now, before, change = [], [], []
        for variable, previous in zip(self._variables, self._previous, strict=True):
            value = tf.cast(_tensor(variable), tf.float32)
            old = tf.cast(previous.value(), tf.float32)
            now.append(tf.reduce_sum(tf.square(value)))
            before.append(tf.reduce_sum(tf.square(old)))
            change.append(tf.reduce_sum(tf.square(value - old)))
            previous.assign(_tensor(variable))
        if not now:
            empty = tf.zeros([0])
            return empty, empty, empty
        return tf.stack(now), tf.stack(before), tf.stack(change)

    def measure(self) -> WeightSquares:
        """The squares now, at the previous call and of the change; then remember the weights."""
        now_sq, before, change = (np.asarray(t, np.float64) for t in self._reduce())
        return WeightSquares(
            now=now_sq,
            previous=before,
            change=change,
            sizes=self._sizes,
            nonfinite=not np.isfinite(now_sq).all(),  # a NaN/Inf weight makes its square so
        )


def _tensor(variable: object) -> tf.Tensor:
    """The value of a Keras or a TensorFlow variable."""
    return tf.convert_to_tensor(variable)
