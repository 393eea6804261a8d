"""Batch-norm family: `bn` puts a BatchNormalization after every hidden Dense/Conv/RNN layer.

As in the paper's code the new layer follows the whole layer (after its activation); a layer
already followed only by BatchNormalization is skipped; the output block is left alone.
The default `axis=-1` assumes channels-last convolutions (the Keras default).
"""

from __future__ import annotations

import numpy as np

from autotrainer.errors import ModelSpecError
from autotrainer.repair import model_config as mc
from autotrainer.repair.operators.base import RepairOperator, Result, names
from autotrainer.repair.spec import TrainingSpec


def _followed_by_bn(model: dict, name: str) -> bool:
    consumers = mc.consumer_names(model, name)
    return bool(consumers) and all(
        mc.find_layer(model, c)["class_name"] == "BatchNormalization" for c in consumers
    )


def _bn(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = mc.hidden_kernel_layers(model)
    if not targets:
        raise ModelSpecError("bn: the model has no hidden Dense/Conv/RNN layer")
    after: list[str] = []
    added: list[str] = []
    for layer in targets:
        name = mc.layer_name(layer)
        if _followed_by_bn(model, name):
            continue
        new_name = mc.unique_name(model, f"{name}_bn")
        mc.insert_after(model, name, mc.new_layer("BatchNormalization", new_name, like=layer))
        after.append(name)
        added.append(new_name)
    return spec.evolve(model=model), {"after": after, "layers": added}


OPERATORS = (
    RepairOperator(
        id="bn",
        family="batch_norm",
        max_tries=1,
        transform=_bn,
        sentence=lambda p: f"Inserted BatchNormalization after {names(p['after'])}.",
    ),
)
