"""`nonlinear`: ReLU between stacked Dense layers that had no activation between them.

A Dense layer without activation that feeds another Dense layer (Sequential order or the
functional graph, through Dropout or BatchNormalization) gets `relu` and the matching
`he_uniform` initializer. Other layers and the output block are left alone; a nested model is
one opaque layer (the pre-flight rule that calls for it reads the same layers).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

PASS_THROUGH = frozenset({"Dropout", "BatchNormalization"})


def _feeder(model: dict[str, object], name: str) -> mc.Layer | None:
    """The layer whose output `name` reads, through PASS_THROUGH layers; None for several
    inputs or an input layer."""
    while True:
        parents = mc.inbound_layer_names(model, name)
        if len(parents) != 1:
            return None
        layer = mc.find_layer(model, parents[0])
        if layer["class_name"] not in PASS_THROUGH:
            return layer
        name = parents[0]


def linear_feeders(model: dict[str, object]) -> list[mc.Layer]:
    """Dense layers with no activation that feed a Dense layer (through PASS_THROUGH), in
    Sequential order or the functional graph."""
    found: dict[str, mc.Layer] = {}
    for layer in mc.layers(model):
        if layer["class_name"] != "Dense":
            continue
        feeder = _feeder(model, mc.layer_name(layer))
        if (
            feeder is not None
            and feeder["class_name"] == "Dense"
            and feeder["config"].get("activation") in (None, "linear")
        ):
            found.setdefault(mc.layer_name(feeder), feeder)
    return list(found.values())


def _nonlinear(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
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
