"""autotrainer: train a Keras model under watch, detect training problems, repair them.

`autotrainer_keras.fit(model, x, y, ...)` is the Python API (see autotrainer_keras.api) and
`autotrainer_keras.keras.Watch` the callback for your own `model.fit`; both are imported on first
use, so `import autotrainer_keras` stays cheap (no TensorFlow).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autotrainer_keras.version import __version__

__all__ = ["FitResult", "__version__", "fit"]

if TYPE_CHECKING:
    from autotrainer_keras.api import FitResult, fit


def __getattr__(name: str) -> Any:
    if name in ("fit", "FitResult"):
        from autotrainer_keras import api

        return getattr(api, name)
    if name == "keras":  # `autotrainer_keras.keras.Watch` after a plain `import autotrainer_keras`
        import importlib

        return importlib.import_module("autotrainer_keras.keras")
    raise AttributeError(f"module 'autotrainer_keras' has no attribute {name!r}")
