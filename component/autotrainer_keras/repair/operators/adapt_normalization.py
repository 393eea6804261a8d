"""`adapt_normalization`: the model's own Normalization layers, restated with the statistics
of what they receive from the training data.

A Normalization that was never adapted keeps mean 0 and variance 1, so raw values pass it
(practice batch 47's square feet, spread in the hundreds); one adapted on other data (the
price column, the targets) squashes its input to a near-constant. `normalize` cannot reach
either when the layer sits after a named input or deeper in the graph, and would put a
second layer in front of it. This operator gives each such layer, wherever it sits, the
mean and variance of its own input on rows spread over the training data, measured through
the model as given (`DataFacts.misscaled`), in its config: the saved model keeps them and
serves with them. Layers read well are left as they are.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _restated(entry: mc.Layer, mean: tuple[float, ...], variance: tuple[float, ...]) -> None:
    """Give the Normalization entry these statistics in its config (in place), computed in
    float32 under a mixed policy (a variance above 65504 is infinite in float16)."""
    config = entry["config"]
    config["mean"], config["variance"] = list(mean), list(variance)
    config["invert"] = False
    if mc.policy_name(entry):
        mc.compute_in_float32(entry)


def adapt_normalization_operator(facts: DataFacts) -> RepairOperator:
    """The `adapt_normalization` operator for the Normalization readings in `facts`."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if not facts.misscaled:
            raise ModelSpecError("adapt_normalization: every Normalization scales its input")
        model = spec.model_copy()
        names, spreads = [], []
        for reading in facts.misscaled:
            try:
                entry = mc.find_layer(model, reading.layer)
            except ModelSpecError:
                continue  # a layer an earlier repair replaced
            if entry["class_name"] != "Normalization":
                continue
            _restated(entry, reading.mean, reading.variance)
            names.append(reading.layer)
            spreads.append(reading.share)
        if not names:
            raise ModelSpecError("adapt_normalization: the model has none of the layers read")
        params = {"layers": names, "spreads": [round(s, 4) for s in spreads]}
        return spec.evolve(model=model), params

    return RepairOperator(
        id="adapt_normalization",
        family="input",
        max_tries=1,
        transform=transform,
        sentence=_sentence,
    )


def _sentence(p: dict[str, object]) -> str:
    layers = list(p.get("layers") or [])  # type: ignore[call-overload]
    spreads = list(p.get("spreads") or [])  # type: ignore[call-overload]
    named = ", ".join(f"'{name}' (spread {spread:.3g})"
                      for name, spread in zip(layers, spreads, strict=True))  # fmt: skip
    return (
        f"Gave the Normalization layer(s) {named} the mean and variance of what they receive "
        "from the training data (an adapted layer leaves a spread of about 1): the saved "
        "model keeps these statistics."
    )
