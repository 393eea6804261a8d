"""`scale_target` on a multi-output model: each regression output learns standardised targets.

The one-output operator (`scale_target`) appends a fixed Rescaling after the output, so the
layers before it learn z = (y - mean) / std. With several outputs that is not enough: the
total loss is a weighted sum, and an output whose targets are in the thousands still adds
std^2 times its MSE on z to it, so its gradients swamp the other outputs' in the shared
layers (practice batch 28's multi-task model: a load head in kW beside a regime classifier
fell to near chance). Here each regression output (a loss of `LOSS_POWER`'s, computed by one
linear Dense) gets the Rescaling under the output's own name (the losses, metrics and
targets keyed by it still apply; the Dense is renamed and restarts fresh), and its loss
weight is divided by std^power (its columns' largest std): its term of the total is then
what it would be on standardised targets, under any optimizer, so no learning rate changes.

Its logged loss stays in the targets' units (Keras logs each output's loss unweighted), so
`output_scores` compares it with the original's; the total loss, whose weights changed, is
judged against the original's read under the new weights (`acceptance.target_in_units_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import FRESH_LAYERS, Params, RepairOperator, Result
from autotrainer_keras.repair.operators.scale_target import (
    LOSS_POWER,
    reset_bias,
    rounded,
    scale_target_of,
)
from autotrainer_keras.repair.spec import TrainingSpec

CLASS_POWER: dict[str, int] = {
    "MeanSquaredError": 2,
    "MeanAbsoluteError": 1,
    "Huber": 1,
    "LogCosh": 1,
}
"""The serialised Keras losses of `LOSS_POWER`, by class name."""


def loss_power(loss: str | dict[str, Any]) -> int | None:
    """The power of the targets' scale in an output loss's gradients (None: not rescaled)."""
    if isinstance(loss, dict):
        return CLASS_POWER.get(str(loss.get("class_name")))
    return LOSS_POWER.get(loss)


def _linear_dense(model: dict[str, Any], name: str) -> mc.Layer | None:
    layer = mc.find_layer(model, name)
    if layer["class_name"] != "Dense":
        return None
    return layer if layer["config"].get("activation", "linear") in ("linear", None) else None


def _rescale_output(
    model: dict[str, Any], name: str, facts: DataFacts
) -> tuple[float, dict[str, Any]] | None:
    """Append the Rescaling after output `name`; (largest std, what was done) or None when
    the output is not one linear Dense with its targets' statistics."""
    dense = _linear_dense(model, name)
    if dense is None or not facts.y_mean:
        return None
    units = int(dense["config"]["units"])
    if len(facts.y_mean) not in (1, units):
        return None
    mean = list(facts.y_mean)
    std = [s if s > 0 else 1.0 for s in facts.y_std]
    reset_bias(dense)
    layer = mc.new_layer("Rescaling", name, like=dense, scale=std, offset=mean)
    layer["config"]["trainable"] = False
    renamed = mc.append_after_output(model, name, layer, units)
    return max(std), {"mean": rounded(mean), "std": rounded(std), "dense": renamed}


def scale_outputs_operator(output_facts: Mapping[str, DataFacts]) -> RepairOperator:
    """The `scale_target` operator of a multi-output model whose targets have these
    statistics (per output name)."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if spec.output_losses is None:
            raise ModelSpecError("scale_target: the model has one output")
        model = spec.model_copy()
        weights = {name: float((spec.loss_weights or {}).get(name, 1.0))
                   for name in spec.output_losses}  # fmt: skip
        scaled: dict[str, Any] = {}
        for name, loss in spec.output_losses.items():
            power, facts = loss_power(loss), output_facts.get(name)
            if power is None or facts is None or name not in mc.output_layer_names(model):
                continue
            done = _rescale_output(model, name, facts)
            if done is None:
                continue
            largest, scaled[name] = done
            new_weight = weights[name] / largest**power
            scaled[name].update(loss_weight=[weights[name], float(f"{new_weight:.6g}")])
            weights[name] = new_weight
        if not scaled:
            raise ModelSpecError("scale_target: no output is a linear Dense trained by a "
                                 "regression loss")  # fmt: skip
        params: Params = {
            "outputs": scaled,
            FRESH_LAYERS: [entry["dense"] for entry in scaled.values()],
        }
        return spec.evolve(model=model, loss_weights=weights), params

    return scale_target_of(transform, _sentence)


def _sentence(p: Params) -> str:
    parts = [
        f"'{name}' (y = mean + std z, std {', '.join(f'{s:.4g}' for s in entry['std'])}; "
        f"loss weight {entry['loss_weight'][0]:.4g} -> {entry['loss_weight'][1]:.4g})"
        for name, entry in p["outputs"].items()
    ]
    return (
        f"Appended a fixed Rescaling layer after the output {'; '.join(parts)}: each learns "
        "standardised targets and still predicts in their units, and its term of the total "
        "loss is what it would be on standardised targets."
    )
