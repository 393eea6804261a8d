"""The backend `Watch` needs, checked where it is constructed."""

from __future__ import annotations

import keras


def require_tensorflow_backend() -> None:
    """Raise ValueError naming the backend when Keras does not run on TensorFlow.

    Probe gradients use `tf.GradientTape`, and the probes read variables as TensorFlow
    tensors; on JAX, PyTorch or NumPy they would fail mid-training instead of here.
    """
    backend = keras.backend.backend()
    if backend != "tensorflow":
        raise ValueError(
            f"autotrainer_keras.keras.Watch needs Keras' TensorFlow backend (probe gradients use "
            f"tf.GradientTape); this process runs the {backend!r} backend: set "
            f"KERAS_BACKEND=tensorflow before importing keras"
        )
