"""`init_default`: give hidden layers with a non-standard initialisation the standard one.

A kernel drawn at a fixed scale (`RandomNormal(stddev=3)`, `RandomUniform`, `TruncatedNormal`)
ignores the layer's fan-in, so activations and gradients grow or shrink layer after layer;
constant kernels (`zeros`, `ones`, `Constant`) make every unit of a layer the same; a
constant non-zero bias (`Constant(-3)`) starts ReLUs dead. The standard initialisers scale
with the fan-in: He (`he_uniform`) for ReLU-family activations, Glorot (`glorot_uniform`)
otherwise (the Keras default), biases zero. Only layers whose initialiser is one of those
non-standard ones change (they restart from fresh weights: `repair.warm_start` sees the new
initialiser; every other layer keeps its given weights); recurrent kernels and nested
sub-models (a pretrained backbone) are left alone. Does not apply when no hidden layer has
such an initialiser (costs nothing), so the plans can try it first.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.activation import activation_name
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.operators.initializer import initializer_config, initializer_name
from autotrainer_keras.repair.spec import TrainingSpec

NON_STANDARD = frozenset(
    {"zeros", "ones", "constant", "random_normal", "random_uniform", "truncated_normal"}
)
"""Kernel initialisers whose scale does not follow the layer's fan-in."""

HE_ACTIVATIONS = frozenset({"relu", "relu6", "leaky_relu", "elu", "gelu", "silu", "swish", "mish"})
"""Activations whose layers get He kernels (the ReLU family and its smooth variants)."""


def _bias_is_off(config: dict[str, Any]) -> bool:
    """A bias initialiser other than zeros (a constant, ones, a random draw)."""
    name = initializer_name(config.get("bias_initializer"))
    if name is None or name == "zeros":
        return False
    if name == "constant":
        value = (config["bias_initializer"].get("config") or {}).get("value", 0.0)
        return isinstance(value, int | float) and value != 0
    return name in NON_STANDARD


def _init_default(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed: list[str] = []
    for layer in mc.hidden_kernel_layers(model, recurrent=False):
        for config in mc.inner_configs(layer):
            touched = False
            if initializer_name(config.get("kernel_initializer")) in NON_STANDARD:
                relu = (activation_name(config.get("activation")) or "linear") in HE_ACTIVATIONS
                config["kernel_initializer"] = initializer_config(
                    "he_uniform" if relu else "glorot_uniform"
                )
                touched = True
            if config.get("use_bias", True) and _bias_is_off(config):
                config["bias_initializer"] = initializer_config("zeros")
                touched = True
            if touched:
                changed.append(mc.layer_name(layer))
    if not changed:
        raise ModelSpecError("init_default: every hidden layer has a standard initialisation")
    return spec.evolve(model=model), {"layers": list(dict.fromkeys(changed))}


OPERATORS = (
    RepairOperator(
        id="init_default",
        family="initializer",
        max_tries=1,
        transform=_init_default,
        sentence=lambda p: (
            f"Re-initialised {names(p['layers'])} with the standard initialisation (He or "
            "Glorot kernels scaled to the fan-in, zero biases) instead of a fixed-scale or "
            "constant one."
        ),
    ),
)
