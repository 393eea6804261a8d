"""Regulariser family: `GN` puts GaussianNoise(0.1) before the first Dense/Conv/RNN layer.

"First" is in topological (config) order; an Embedding is no such layer, so in
`Embedding -> LSTM` the noise goes between them. It does not apply when that layer is already
fed by GaussianNoise. (The `paper` profile's version, `operators.paper`, skips Sequential
models whose first layer is Dense, as the original code does.)
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

STDDEV = 0.1


def _gn(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    first = next((layer for layer in mc.layers(model) if mc.has_kernel(layer)), None)
    if first is None:
        raise ModelSpecError("GN: the model has no Dense/Conv/RNN layer")
    target = mc.layer_name(first)
    parents = mc.inbound_layer_names(model, target)
    if any(mc.find_layer(model, p)["class_name"] == "GaussianNoise" for p in parents):
        raise ModelSpecError(f"GN: {target!r} is already fed by GaussianNoise")
    name = mc.unique_name(model, "gaussian_noise")
    mc.insert_before(
        model, target, mc.new_layer("GaussianNoise", name, like=first, stddev=STDDEV, seed=None)
    )
    return spec.evolve(model=model), {"stddev": STDDEV, "before": target, "layer": name}


OPERATORS = (
    RepairOperator(
        id="GN",
        family="regulariser",
        max_tries=1,
        transform=_gn,
        sentence=lambda p: f"Inserted GaussianNoise({p['stddev']}) before {p['before']}.",
    ),
)
