"""`nonlinear`: ReLU between stacked Dense layers that had no activation between them.

A Dense layer without activation that feeds another Dense layer (Sequential order, through
Dropout or BatchNormalization) gets `relu` and the matching `he_uniform` initializer. Other
layers and the output block are left alone. Sequential models only (the pre-flight rule that
calls for it reads Sequential order too).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

PASS_THROUGH = frozenset({"Dropout", "BatchNormalization"})


def linear_feeders(model: dict[str, object]) -> list[mc.Layer]:
    """Dense layers with no activation whose next layer (through PASS_THROUGH) is a Dense."""
    found: list[mc.Layer] = []
    pending: mc.Layer | None = None
    for layer in mc.layers(model):
        kind = layer["class_name"]
        if kind == "Dense":
            if pending is not None:
                found.append(pending)
            pending = layer if layer["config"].get("activation") in (None, "linear") else None
        elif kind not in PASS_THROUGH:
            pending = None
    return found


def _nonlinear(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    if mc.model_kind(model) != mc.SEQUENTIAL:
        raise ModelSpecError("nonlinear: only Sequential models are handled")
    targets = linear_feeders(model)
    if not targets:
        raise ModelSpecError("nonlinear: no Dense layer without activation feeds another Dense")
    for layer in targets:
        layer["config"]["activation"] = "relu"
        layer["config"]["kernel_initializer"] = {
            "module": "keras.initializers", "class_name": "HeUniform",
            "config": {"seed": None}, "registered_name": None}  # fmt: skip
    return spec.evolve(model=model), {"layers": [mc.layer_name(t) for t in targets]}


OPERATORS = (
    RepairOperator(
        id="nonlinear",
        family="activation",
        max_tries=1,
        transform=_nonlinear,
        sentence=lambda p: f"Added ReLU to Dense layer(s) {names(p['layers'])} (they had none).",
    ),
)
