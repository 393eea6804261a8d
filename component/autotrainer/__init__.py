"""autotrainer: train a Keras model under watch, detect training problems, repair them.

`autotrainer.fit(model, x, y, ...)` is the Python API (see autotrainer.api) and
`autotrainer.keras.Watch` the callback for your own `model.fit`; both are imported on first
use, so `import autotrainer` stays cheap (no TensorFlow).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from autotrainer.version import __version__

__all__ = ["FitResult", "__version__", "fit"]

if TYPE_CHECKING:
    from autotrainer.api import FitResult, fit


def __getattr__(name: str) -> Any:
    if name in ("fit", "FitResult"):
        from autotrainer import api

        return getattr(api, name)
    if name == "keras":  # `autotrainer.keras.Watch` after a plain `import autotrainer`
        import importlib

        return importlib.import_module("autotrainer.keras")
    raise AttributeError(f"module 'autotrainer' has no attribute {name!r}")
