"""Batch-norm family: `bn` puts a BatchNormalization after every hidden Dense/Conv/RNN layer.

As in the paper's code the new layer follows the whole layer (after its activation); a layer
already followed only by BatchNormalization is skipped; the output block is left alone.
The default `axis=-1` assumes channels-last convolutions (the Keras default).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec


def _bn(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = mc.hidden_kernel_layers(model)
    if not targets:
        raise ModelSpecError("bn: the model has no hidden Dense/Conv/RNN layer")
    added = mc.follow_each(model, targets, "BatchNormalization", "bn")
    return spec.evolve(model=model), {"after": list(added), "layers": list(added.values())}


OPERATORS = (
    RepairOperator(
        id="bn",
        family="batch_norm",
        max_tries=1,
        transform=_bn,
        sentence=lambda p: f"Inserted BatchNormalization after {names(p['after'])}.",
    ),
)
