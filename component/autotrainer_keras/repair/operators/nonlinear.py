"""`nonlinear`: ReLU between stacked Dense layers that had no activation between them, or
that had a softmax there.

A Dense layer without activation that feeds another Dense layer (Sequential order or the
functional graph, through Dropout or BatchNormalization) gets `relu` and the matching
`he_uniform` initializer; a Dense layer with a softmax that feeds one gets `relu` and
`he_uniform` too, and an Activation layer with a softmax that feeds one becomes `relu`
(pre-flight `hidden_softmax`). Other layers and the output block are left alone; a nested
model is one opaque layer (the pre-flight rules that call for it read the same layers).
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


SOFTMAX = ("softmax", "log_softmax")


def _linear_or_softmax(layer: mc.Layer) -> bool:
    """A Dense layer with no activation or a softmax, or an Activation layer with a softmax."""
    activation = layer["config"].get("activation")
    if layer["class_name"] == "Dense":
        return activation in (None, "linear", *SOFTMAX)
    return layer["class_name"] == "Activation" and activation in SOFTMAX


def linear_feeders(model: dict[str, object]) -> list[mc.Layer]:
    """Dense layers with no activation or a softmax, and Activation layers with a softmax,
    that feed a Dense layer (through PASS_THROUGH), in Sequential order or the functional
    graph."""
    found: dict[str, mc.Layer] = {}
    for layer in mc.layers(model):
        if layer["class_name"] != "Dense":
            continue
        feeder = _feeder(model, mc.layer_name(layer))
        if feeder is not None and _linear_or_softmax(feeder):
            found.setdefault(mc.layer_name(feeder), feeder)
    return list(found.values())


def _nonlinear(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = linear_feeders(model)
    if not targets:
        raise ModelSpecError(
            "nonlinear: no Dense layer without activation (or with a softmax) feeds another Dense"
        )
    for layer in targets:
        layer["config"]["activation"] = "relu"
        if layer["class_name"] == "Dense":
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
        sentence=lambda p: (
            f"Set ReLU on hidden layer(s) {names(p['layers'])} (they had no activation, or a "
            "softmax)."
        ),
    ),
)
