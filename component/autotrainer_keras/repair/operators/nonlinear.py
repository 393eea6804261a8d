"""`nonlinear`: ReLU on hidden layers that had no activation where one belongs, or that had a
softmax there.

A Dense or convolution layer without activation whose output forms one linear map with the
kernel layer that reads it (`measure.linear_paths.collapses`: a Dense reader through
dropout, BatchNormalization, flattening or pooling; a convolution reader through pooling)
gets `relu`, and the matching `he_uniform` initializer where it has a `kernel_initializer`;
a Dense layer with a softmax that feeds a Dense layer (through dropout or BatchNormalization)
gets `relu` and `he_uniform` too, and an Activation layer with a softmax that feeds one
becomes `relu` (pre-flight `hidden_softmax`). Other layers and the output block are left
alone; a nested model is one opaque layer (the pre-flight rules that call for it read the
same layers).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.linear_paths import (
    KERNEL_LAYERS,
    PASS_THROUGH,
    RESHAPING,
    collapses,
    is_between,
    is_bottleneck,
    is_linear_kernel,
    is_projection,
)
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

SOFTMAX = ("softmax", "log_softmax")


def _feeder(model: dict[str, object], name: str) -> tuple[mc.Layer | None, list[str]]:
    """The layer whose output `name` reads, through the layers `is_between` walks past, and
    the classes of the layers between; None for several inputs or an input layer."""
    between: list[str] = []
    while True:
        parents = mc.inbound_layer_names(model, name)
        if len(parents) != 1:
            return None, between
        layer = mc.find_layer(model, parents[0])
        if not is_between(layer["class_name"], layer["config"].get("activation")):
            return layer, between
        between.append(layer["class_name"])
        name = parents[0]


def _hidden_softmax(layer: mc.Layer) -> bool:
    """A Dense or Activation layer with a softmax."""
    return (layer["class_name"] in ("Dense", "Activation")
            and layer["config"].get("activation") in SOFTMAX)  # fmt: skip


def _widths(model: dict[str, object], feeder: mc.Layer, reader: mc.Layer
            ) -> tuple[int | None, int | None, int | None]:  # fmt: skip
    """(the width `feeder` reads, its units, `reader`'s units) from the config: the input
    width from a single Dense or input layer before it, else None."""
    parents = mc.inbound_layer_names(model, mc.layer_name(feeder))
    width_in = None
    if len(parents) == 1:
        parent = mc.find_layer(model, parents[0])
        shape = parent["config"].get("batch_shape") or parent["config"].get("batch_input_shape")
        width_in = parent["config"].get("units") if parent["class_name"] == "Dense" else (
            shape[-1] if parent["class_name"] == "InputLayer" and shape else None)
    return width_in, feeder["config"].get("units"), reader["config"].get("units")


def linear_feeders(model: dict[str, object]) -> list[mc.Layer]:
    """Dense and convolution layers with no activation that form one linear map with the
    kernel layer they feed, and Dense or Activation layers with a softmax that feed a Dense
    layer through PASS_THROUGH, in Sequential order or the functional graph."""
    found: dict[str, mc.Layer] = {}
    for layer in mc.layers(model):
        reader = layer["class_name"]
        if reader not in KERNEL_LAYERS:
            continue
        feeder, between = _feeder(model, mc.layer_name(layer))
        if feeder is None:
            continue
        linear = (is_linear_kernel(feeder["class_name"], feeder["config"].get("activation"))
                  and collapses(reader, between)
                  and not is_bottleneck(feeder["class_name"], reader,
                                        _widths(model, feeder, layer))
                  and not is_projection(reader, layer["config"].get("activation"),
                                        layer["config"].get("use_bias"),
                                        _consumers(model, mc.layer_name(layer))))  # fmt: skip
        softmax = (_hidden_softmax(feeder) and reader == "Dense"
                   and all(name in PASS_THROUGH for name in between))  # fmt: skip
        if linear or softmax:
            found.setdefault(mc.layer_name(feeder), feeder)
    return list(found.values())


def _consumers(model: dict[str, object], name: str) -> list[str]:
    """Class names of the layers that read `name`'s output, through `RESHAPING` layers."""
    found: list[str] = []
    current = [name]
    while current:
        readers = [reader for one in current for reader in mc.consumer_names(model, one)]
        classes = [mc.find_layer(model, reader)["class_name"] for reader in readers]
        found += classes
        current = [reader for reader, kind in zip(readers, classes, strict=True)
                   if kind in RESHAPING and reader not in current]  # fmt: skip
    return found


def _nonlinear(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = linear_feeders(model)
    if not targets:
        raise ModelSpecError(
            "nonlinear: no Dense or convolution layer without activation (or layer with a "
            "softmax) forms one linear map with the layer it feeds"
        )
    for layer in targets:
        layer["config"]["activation"] = "relu"
        if "kernel_initializer" in layer["config"]:
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
