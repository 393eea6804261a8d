"""Initializer family: `initial` draws new kernel and bias initializers for hidden layers.

As in the paper's code, the output layer and recurrent layers (their orthogonal recurrent
kernels) keep their initializers; bias initializers change only where a bias exists.
A repair rebuilds the model with fresh weights, so a new initializer takes effect, unless
the caller warm-starts from old weights (`keras_spec.transfer_weights`).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

INITIALIZERS: tuple[str, ...] = (
    "he_uniform",
    "he_normal",
    "lecun_uniform",
    "lecun_normal",
    "glorot_uniform",
    "glorot_normal",
)


def initializer_name(value: Any) -> str | None:
    """Snake-case name of a serialised initializer (`{"class_name": "HeUniform"}` -> he_uniform)."""
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, dict) and isinstance(value.get("class_name"), str):
        return re.sub(r"(?<!^)(?=[A-Z])", "_", value["class_name"]).lower()
    return None


def initializer_config(name: str) -> dict[str, Any]:
    """The Keras serialisation of a built-in initializer given by snake-case name."""
    class_name = "".join(part.capitalize() for part in name.split("_"))
    config: dict[str, Any] = {} if name in ("zeros", "ones") else {"seed": None}
    return {
        "module": "keras.initializers",
        "class_name": class_name,
        "config": config,
        "registered_name": None,
    }


def set_initializers(model: dict[str, Any], kernel: str, bias: str | None) -> list[str]:
    """Give every hidden, non-recurrent kernel layer these initializers (bias: only where the
    layer has a bias; None leaves biases alone). Returns the names of the layers changed.
    """
    changed: list[str] = []
    for layer in mc.hidden_kernel_layers(model, recurrent=False):
        for config in mc.inner_configs(layer):
            edits = [("kernel_initializer", kernel)]
            if bias is not None and config.get("use_bias") and "bias_initializer" in config:
                edits.append(("bias_initializer", bias))
            for key, name in edits:
                if key in config and initializer_name(config[key]) != name:
                    config[key] = initializer_config(name)
                    changed.append(mc.layer_name(layer))
    return list(dict.fromkeys(changed))


def _initial(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    kernel = str(rng.choice(INITIALIZERS))
    bias = str(rng.choice(INITIALIZERS))
    model = spec.model_copy()
    if not mc.hidden_kernel_layers(model, recurrent=False):
        raise ModelSpecError("initial: the model has no hidden Dense/Conv layer")
    changed = set_initializers(model, kernel, bias)
    params = {"kernel_initializer": kernel, "bias_initializer": bias, "layers": changed}
    return spec.evolve(model=model), params


OPERATORS = (
    RepairOperator(
        id="initial",
        family="initializer",
        max_tries=3,
        transform=_initial,
        sentence=lambda p: (
            f"Re-initialised hidden layers {names(p['layers'])} with {p['kernel_initializer']} "
            f"kernels and {p['bias_initializer']} biases."
        ),
    ),
)
