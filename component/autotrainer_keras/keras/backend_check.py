"""The backends `Watch` supports, checked where it is constructed."""

from __future__ import annotations

import keras

from autotrainer_keras.measure.backend_probes import GRADIENT_BACKENDS


def require_gradient_backend() -> str:
    """The Keras backend in use; ValueError naming it when probe gradients cannot run there.

    TensorFlow, JAX and PyTorch are measured (`measure.probes`, `measure.backend_probes`);
    Keras' NumPy (or OpenVINO) backend cannot train, so it would fail mid-fit instead of here.
    """
    backend = keras.backend.backend()
    if backend not in GRADIENT_BACKENDS:
        raise ValueError(
            f"autotrainer_keras.keras.Watch needs Keras' tensorflow, jax or torch backend "
            f"(probe gradients); this process runs the {backend!r} backend: set "
            f"KERAS_BACKEND to one of them before importing keras"
        )
    return backend
