"""Activation family: `selu`, `relu`, `tanh` (swap hidden activations) and `leaky` (put an
advanced activation layer after each activated hidden layer).

A hidden activation is either a layer's `activation` field (Dense, Conv*, SimpleRNN/LSTM/GRU,
also inside Bidirectional/TimeDistributed, and Activation layers) holding an element-wise
non-linearity, or a ReLU/LeakyReLU/ELU/PReLU layer. Linear and softmax activations are left
alone, and so is the output block (`model_config.output_block`).

Following the paper's code:
- `selu` and `relu` set recurrent layers to tanh (their cells are built for a saturating
  activation); the gates' `recurrent_activation` is never touched.
- Initializers are set on every hidden non-recurrent kernel layer, matching the activation:
  selu -> lecun_uniform, relu -> he_uniform, tanh -> he_uniform (the paper's choice); biases
  -> zeros. Embedding, BatchNormalization and bias-free layers keep what they do not have.
- `leaky` try j uses LeakyReLU(0.3), ELU(1.0), then ThresholdedReLU(theta=1). Keras 3 has no
  ThresholdedReLU: `ReLU(threshold=1.0)` computes the same function (x if x >= 1 else 0).
  The activated layer becomes linear and the new layer follows it; separate activation
  layers are replaced in place (same name); recurrent layers are skipped.

The `paper` profile's `selu`/`relu`/`tanh` (`operators.paper`) use `swap` with the original
code's options: separate activation layers left alone, selu biases lecun_uniform.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import (
    FRESH_LAYERS,
    Params,
    RepairOperator,
    Result,
    Transform,
    names,
)
from autotrainer_keras.repair.operators.initializer import set_initializers
from autotrainer_keras.repair.spec import TrainingSpec

ACTIVATION_LAYERS = frozenset({"ReLU", "LeakyReLU", "ELU", "PReLU"})
NOT_ELEMENTWISE = frozenset({"linear", "softmax", "log_softmax"})
KERNEL_INITIALIZER = {"selu": "lecun_uniform", "relu": "he_uniform", "tanh": "he_uniform"}
LEAKY_TRIES: tuple[tuple[str, dict[str, float]], ...] = (
    ("LeakyReLU", {"negative_slope": 0.3}),
    ("ELU", {"alpha": 1.0}),
    ("ReLU", {"threshold": 1.0}),  # = Keras 2 ThresholdedReLU(theta=1.0)
)


def activation_name(value: Any) -> str | None:
    """Name of a serialised activation: a string, a serialised function or a layer."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        config = value.get("config")
        if value.get("class_name") == "function" and isinstance(config, str):
            return config
        return str(value.get("class_name", "")).lower() or None
    return None


def activated_configs(layer: mc.Layer) -> list[dict[str, Any]]:
    """The layer's configs whose `activation` is an element-wise non-linearity."""
    return [
        config
        for config in mc.inner_configs(layer)
        if activation_name(config.get("activation")) not in (None, *NOT_ELEMENTWISE)
    ]


def _is_plain_relu(layer: mc.Layer) -> bool:
    config = layer["config"]
    return layer["class_name"] == "ReLU" and not any(
        config.get(key) for key in ("max_value", "negative_slope", "threshold")
    )


def swap(target: str, *, bias: str = "zeros", separate_layers: bool = True) -> Transform:
    """The transform setting hidden activations to `target` (recurrent layers: tanh for
    selu/relu), kernel initializers to `KERNEL_INITIALIZER[target]`, biases to `bias`.

    `separate_layers=False` leaves Activation/ReLU/... layers alone (the paper's code changes
    only the `activation` field of layers). Recurrent layers whose activation changes are
    listed in the params under `FRESH_LAYERS`: they restart from fresh weights.
    """

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        model = spec.model_copy()
        changed: list[str] = []
        recurrent: list[str] = []
        fresh: list[str] = []
        sites = 0
        for layer in mc.hidden_layers(model):
            name = mc.layer_name(layer)
            separate = layer["class_name"] in (*ACTIVATION_LAYERS, "Activation")
            if separate and not separate_layers:
                continue
            if layer["class_name"] in ACTIVATION_LAYERS:
                sites += 1
                if not (target == "relu" and _is_plain_relu(layer)):
                    new = mc.new_layer("Activation", name, like=layer, activation=target)
                    mc.replace_layer(model, name, new)
                    changed.append(name)
                continue
            wanted = target
            if mc.is_recurrent(layer) and target in ("selu", "relu"):
                wanted = "tanh"
                recurrent.append(name)
            for config in activated_configs(layer):
                sites += 1
                if activation_name(config["activation"]) != wanted:
                    config["activation"] = wanted
                    changed.append(name)
                    if mc.is_recurrent(layer):
                        fresh.append(name)
        if not sites:
            raise ModelSpecError(f"{target}: the model has no hidden activation to change")
        kernel = KERNEL_INITIALIZER[target]
        changed += set_initializers(model, kernel, bias)
        params: Params = {
            "activation": target,
            "kernel_initializer": kernel,
            "bias_initializer": bias,
            "layers": [n for n in map(mc.layer_name, mc.layers(model)) if n in changed],
        }
        if recurrent:
            params["recurrent_tanh"] = recurrent
        if fresh:
            params[FRESH_LAYERS] = list(dict.fromkeys(fresh))
        return spec.evolve(model=model), params

    return transform


def _leaky(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    class_name, settings = LEAKY_TRIES[try_index]
    model = spec.model_copy()
    changed: list[str] = []
    for layer in mc.hidden_layers(model):
        name = mc.layer_name(layer)
        if mc.is_recurrent(layer):
            continue
        if layer["class_name"] in ACTIVATION_LAYERS or (
            layer["class_name"] == "Activation" and activated_configs(layer)
        ):
            new = mc.new_layer(class_name, name, like=layer, **settings)
            if (new["class_name"], new["config"]) != (layer["class_name"], layer["config"]):
                mc.replace_layer(model, name, new)
                changed.append(name)
        elif activated_configs(layer):
            for config in activated_configs(layer):
                config["activation"] = "linear"
            after = mc.unique_name(model, f"{name}_{class_name.lower()}")
            mc.insert_after(model, name, mc.new_layer(class_name, after, like=layer, **settings))
            changed.append(name)
    if not changed:
        raise ModelSpecError(f"leaky: the model has no hidden activation to turn into {class_name}")
    params = {"layer": class_name, **settings, "layers": changed}
    return spec.evolve(model=model), params


def swap_sentence(params: Params) -> str:
    recurrent = params.get("recurrent_tanh")
    note = f" (recurrent {names(recurrent)}: tanh)" if recurrent else ""
    return (
        f"Set hidden activations to {params['activation']}{note} with "
        f"{params['kernel_initializer']} kernels and {params['bias_initializer']} biases in "
        f"{names(params['layers'])}."
    )


def _leaky_sentence(params: Params) -> str:
    settings = ", ".join(f"{k}={v}" for k, v in params.items() if k not in ("layer", "layers"))
    return f"Used {params['layer']}({settings}) as the activation of {names(params['layers'])}."


OPERATORS = (
    *(
        RepairOperator(target, "activation", 1, swap(target), swap_sentence)
        for target in ("selu", "relu", "tanh")
    ),
    RepairOperator("leaky", "activation", len(LEAKY_TRIES), _leaky, _leaky_sentence),
)
