"""`scale_target`: the model learns standardised targets and still predicts in their units.

A fixed Rescaling layer is appended after the (linear) output, a Dense head or the convolution
ending an image-to-image model (`OUTPUT_KERNELS`): `y = mean + std * z`, with the
training targets' mean and standard deviation per column (the last axis; a column of constant
targets gets std 1). The layers before it learn z, of unit scale, from weights and biases
that start at unit scale; the saved model maps z back itself, so its predictions, the loss
and the validation scores stay in the targets' own units (serving code does not change, and
the candidate is judged against the original on the same numbers). The output Dense keeps
its initializers, except a bias initializer other than zeros (set in the targets' units),
which becomes zeros (z has mean 0); it restarts fresh where a start takes trained weights.
An output computed by a weight-free layer (a `Dot` score of the Q-values with a mask of the
taken action, practice batch 31; a residual `Add`, maybe through an `Activation("linear")`)
takes the Rescaling after it the same way, no layer restarting.

The loss stays in the targets' units, so every gradient is the loss's scale larger than it
would be on z: std^2 for the mean squared error, std for the absolute error, Huber and
log-cosh (linear in large errors). Adam and the other adaptive optimizers divide the scale
out; SGD does not: its rate is divided by that factor (max over columns), which makes its
steps on z those of the same rate on standardised targets (`benchmarks/target_scale.py`:
SGD(0.01) with the layer and the divided rate scores on targets of scale 3000 what it scores
at scale 1, and diverges without the division). A schedule under SGD is not rescaled: the
operator does not apply then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import (
    FRESH_LAYERS,
    Params,
    RepairOperator,
    Result,
    Transform,
)
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.spec import TrainingSpec

LOSS_POWER: dict[str, int] = {
    "mse": 2,
    "mean_squared_error": 2,
    "mae": 1,
    "mean_absolute_error": 1,
    "huber": 1,
    "log_cosh": 1,
}
"""Regression losses the repair applies to, and the power of the targets' scale by which
their gradients grow (MSLE reads the log of the targets: not here)."""
ZEROS: dict[str, Any] = {"module": "keras.initializers", "class_name": "Zeros", "config": {},
         "registered_name": None}  # fmt: skip


OUTPUT_KERNELS: dict[str, str] = {
    "Dense": "units",
    **{f"Conv{d}D{kind}": "filters" for d in (1, 2, 3) for kind in ("", "Transpose")},
}
"""Layers that may compute the output, and the config key of their output units: a Dense
head, or a convolution ending an image-to-image model (maybe through a weight-free layer
that moves its values: an ESPCN's `depth_to_space`, practice batch 84)."""


def _output_dense(model: dict[str, Any]) -> mc.Layer:
    """The output's Dense or convolution layer (`OUTPUT_KERNELS`), which must be linear (its
    block: the layer, then weight-free layers such as an Activation)."""
    block = mc.output_block(model)
    kernel = [mc.find_layer(model, name) for name in block
              if mc.has_kernel(mc.find_layer(model, name))]  # fmt: skip
    if len(kernel) != 1 or kernel[0]["class_name"] not in OUTPUT_KERNELS:
        raise ModelSpecError("scale_target: the output is not computed by one Dense or "
                             "convolution layer")  # fmt: skip
    for name in block:
        config = mc.find_layer(model, name)["config"]
        if config.get("activation", "linear") not in ("linear", None):
            raise ModelSpecError(f"scale_target: the output layer {name!r} is not linear")
    return kernel[0]


JOINS = frozenset({"Add", "Subtract", "Average"})
"""Weight-free layers joining tensors of one shape, whose output keeps it."""


def _output_join(model: dict[str, Any]) -> tuple[mc.Layer, int, list[int | None]] | None:
    """(layer, units, output shape) of a single output computed by a weight-free layer: a
    `Dot` score of two row vectors, or a `JOINS` layer of same-shape tensors; None when the
    output is computed by another layer."""
    names = mc.output_layer_names(model)
    entry = mc.find_layer(model, names[0]) if len(names) == 1 else None
    while entry is not None and _identity(entry):  # wide-and-deep's Activation("linear")
        inbound = mc.inbound_layer_names(model, mc.layer_name(entry))
        entry = mc.find_layer(model, inbound[0]) if len(inbound) == 1 else None
    if entry is None or entry["class_name"] not in {"Dot", *JOINS}:
        return None
    tensors = [t for node in entry.get("inbound_nodes", []) for t in mc.inbound_tensors(node)]
    shapes = [list(t["shape"]) for t in tensors]
    if entry["class_name"] == "Dot" and len(shapes) == 2 and all(len(s) == 2 for s in shapes):
        return entry, 1, [None, 1]
    if entry["class_name"] in JOINS and shapes and all(s == shapes[0] for s in shapes):
        return entry, int(shapes[0][-1] or 1), shapes[0]
    raise ModelSpecError(f"scale_target: the output {entry['class_name']} joins tensors of "
                         "other shapes")  # fmt: skip


def _identity(entry: mc.Layer) -> bool:
    """A weight-free layer that passes its one input on unchanged: an `Activation("linear")`
    (practice batch 47's wide-and-deep sum, its activation a knob set to linear)."""
    config = entry["config"]
    return entry["class_name"] == "Activation" and config.get("activation") in ("linear", None)


def reset_bias(dense: mc.Layer) -> bool:
    """Set a bias initializer other than zeros (set in the targets' units) to zeros; True
    when it was reset."""
    config = dense["config"]
    if not config.get("use_bias", True) or _is_zeros(config.get("bias_initializer", "zeros")):
        return False
    config["bias_initializer"] = dict(ZEROS)
    return True


def _is_zeros(initializer: object) -> bool:
    if isinstance(initializer, str):
        return initializer.lower() == "zeros"
    return isinstance(initializer, dict) and initializer.get("class_name") == "Zeros"


def _sgd_rate(spec: TrainingSpec) -> float | None:
    """SGD's fixed learning rate (its default when unset); None for another optimizer."""
    name = optimizer_name(spec.optimizer)
    if name != "sgd":
        return None
    if isinstance(spec.optimizer.get("learning_rate"), dict):
        raise ModelSpecError("scale_target: SGD with a learning-rate schedule is not rescaled")
    return spec.learning_rate or default_learning_rate(name)


def rounded(values: tuple[float, ...] | list[float]) -> list[float]:
    return [float(f"{v:.6g}") for v in values]


def scale_target_operator(facts: DataFacts) -> RepairOperator:
    """The `scale_target` operator for these targets' statistics."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        power = LOSS_POWER.get(spec.loss)
        if power is None or spec.output_losses is not None:
            raise ModelSpecError(f"scale_target: {spec.loss} is not a one-output regression loss")
        if not facts.y_mean:
            raise ModelSpecError("scale_target: no target statistics")
        model = spec.model_copy()
        outputs = mc.output_layer_names(model)
        if len(outputs) == 1 and mc.find_layer(model, outputs[0])["class_name"] == "Rescaling":
            raise ModelSpecError("scale_target: the model already rescales its outputs")
        joined = _output_join(model)
        dense = None if joined is not None else _output_dense(model)
        if dense is not None:
            units = int(dense["config"][OUTPUT_KERNELS[dense["class_name"]]])
            end, shape = dense, None
        else:
            assert joined is not None
            end, units, shape = joined
        if len(facts.y_mean) not in (1, units):
            raise ModelSpecError(f"scale_target: {len(facts.y_mean)} target columns, {units} "
                                 "output units")  # fmt: skip
        mean = list(facts.y_mean)
        std = [s if s > 0 else 1.0 for s in facts.y_std]
        bias_reset = dense is not None and reset_bias(dense)
        name = mc.unique_name(model, "target_scaling")
        layer = mc.new_layer("Rescaling", name, like=end, scale=std, offset=mean)
        layer["config"]["trainable"] = False
        mc.append_output(model, layer, units, shape=shape)
        params: Params = {
            "layer": name, "output": mc.layer_name(end), "columns": len(mean),
            "mean": rounded(mean), "std": rounded(std), "bias_reset": bias_reset,
            FRESH_LAYERS: [mc.layer_name(dense)] if dense is not None else [],
        }  # fmt: skip
        optimizer = dict(spec.optimizer)
        rate = _sgd_rate(spec)
        if rate is not None:
            optimizer["learning_rate"] = rate / max(std) ** power
            params.update(old_learning_rate=rate, learning_rate=optimizer["learning_rate"],
                          loss_power=power)  # fmt: skip
        return spec.evolve(model=model, optimizer=optimizer), params

    return scale_target_of(transform, _sentence)


def scale_target_of(transform: Transform, sentence: Callable[[Params], str]) -> RepairOperator:
    """The `scale_target` operator with this transform (one output, or several:
    `scale_outputs`)."""
    return RepairOperator(id="scale_target", family="output", max_tries=1,
                          transform=transform, sentence=sentence, changes_output=True)


def _sentence(p: Params) -> str:
    one = p["columns"] == 1
    mapping = (f"y = {p['mean'][0]:.4g} + {p['std'][0]:.4g} z" if one
               else f"y = mean + std z for each of {p['columns']} target columns")  # fmt: skip
    text = (
        f"Appended a fixed Rescaling layer '{p['layer']}' after the output '{p['output']}' "
        f"({mapping}): the model learns standardised targets and still predicts in their units"
    )
    if "learning_rate" in p:
        text += (
            f"; SGD's learning rate {p['old_learning_rate']:.3g} -> {p['learning_rate']:.3g} "
            f"(the loss in the targets' units has gradients std^{p['loss_power']} larger)"
        )
    return text + "."
