"""Optional dependencies: which extra of the `autotrainer-keras` distribution brings what.

TensorFlow and the Kubeflow/Docker clients are extras (pyproject.toml), so a user's own
TensorFlow variant is not doubled and a user without Kubeflow does not install it. A command
that needs a missing one stops with one line naming the extra (exit 2), before any work.
"""

from __future__ import annotations

import importlib.util

from autotrainer_keras.errors import InputError

TENSORFLOW_EXTRAS = "'autotrainer-keras[tensorflow]' (or [tensorflow-cpu], [tensorflow-and-cuda])"
"""How to install TensorFlow with the package (or bring your own tensorflow / tensorflow-cpu)."""

KFP_EXTRA = "'autotrainer-keras[kfp]'"
"""kfp, kfp-kubernetes and docker: `autotrainer-keras submit` and `local`, the pipelines."""

KFP_MODULES = {"kfp": "kfp", "kfp-kubernetes": "kfp.kubernetes", "docker": "docker"}
"""Distribution -> the module it provides, for the [kfp] extra."""


class MissingExtraError(InputError):
    """A command needs an optional dependency that is not installed (exit 2)."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent package missing or half-installed
        return False


def require_kfp(command: str, distributions: tuple[str, ...] = tuple(KFP_MODULES)) -> None:
    """Raise MissingExtraError when one of `distributions` (of the [kfp] extra) is missing."""
    missing = [name for name in distributions if not _installed(KFP_MODULES[name])]
    if missing:
        raise MissingExtraError(
            f"{command} needs {', '.join(missing)} (not installed): pip install {KFP_EXTRA}"
        )


def require_tensorflow(command: str) -> None:
    """Raise MissingExtraError when TensorFlow is not installed (checked without importing it)."""
    if not _installed("tensorflow"):
        raise MissingExtraError(
            f"{command} needs TensorFlow (not installed): pip install {TENSORFLOW_EXTRAS}, "
            "or install your own tensorflow or tensorflow-cpu"
        )


def require_tensorflow_backend(command: str) -> None:
    """Raise InputError unless Keras runs on TensorFlow (imports keras)."""
    import keras

    backend = keras.backend.backend()
    if backend != "tensorflow":
        raise InputError(
            f"{command} needs Keras' TensorFlow backend (its train step uses tf.GradientTape); "
            f"this process runs {backend!r}: set KERAS_BACKEND=tensorflow, or use "
            "autotrainer_keras.keras.Watch, which detects on jax and torch too"
        )
