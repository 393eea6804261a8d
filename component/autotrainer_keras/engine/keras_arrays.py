"""A job's arrays as Keras' `fit` and `evaluate` take them.

The job keeps text inputs (a model that starts with `StringLookup` or `TextVectorization`)
as object arrays of `str`/`bytes` (`io.data`), which the data checks and row selection read.
Keras' array adapter takes an object array only when it is one-dimensional and holds `str`;
the `(rows, 1)` columns of bytes a `tf.data` pipeline yields stopped `fit` with "Invalid
dtype: object". Given as string tensors, Keras takes text of any shape and encoding.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.io.arrays import Arrays


def _keras_ready(array: np.ndarray) -> Any:
    if array.dtype != object:
        return array
    import tensorflow as tf

    return tf.constant(array, dtype=tf.string)


def keras_ready(arrays: Arrays) -> Any:
    """`arrays` with each text (object) array a `tf.string` tensor; numbers unchanged."""
    if isinstance(arrays, dict):
        return {name: _keras_ready(array) for name, array in arrays.items()}
    return _keras_ready(arrays)
