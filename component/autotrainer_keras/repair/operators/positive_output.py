"""`positive_output`: an output kept inside its loss's domain.

When the loss is NaN or Inf at the initial weights on rows of finite data
(`detect.preflight.nonfinite_start_loss`), the output reaches 0 or below where the loss
takes its log or divides by it: a ReLU rate that is exactly 0 under a hand-written Poisson
NLL, a linear head read as a variance. The candidate gives the layer that computes the
output a softplus (above 0 everywhere, close to ReLU above 1) and keeps the loss, the units
and the weights; an Activation, Dropout or normalisation layer after it becomes linear, as
in `output_pair`. An output already positive (softplus, exponential, sigmoid, softmax), or
not computed by one layer with an activation (two heads concatenated), gets no candidate:
the loss must change there.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.output_pair import set_output
from autotrainer_keras.repair.spec import TrainingSpec

POSITIVE = frozenset({"softplus", "exponential", "sigmoid", "hard_sigmoid", "softmax"})
"""Output activations whose values are above 0 everywhere (a log of them is finite)."""


def _activations(model: dict[str, object]) -> list[str]:
    """The activations stated in the output block (the kernel layer's and any Activation
    layer's after it)."""
    found = []
    for name in mc.output_block(model):
        config = mc.find_layer(model, name).get("config", {})
        activation = config.get("activation") if isinstance(config, dict) else None
        if isinstance(activation, str):
            found.append(activation)
    return found


def _positive_output(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    stated = _activations(model)
    if any(activation in POSITIVE for activation in stated):
        raise ModelSpecError(f"positive_output: the output is already {'/'.join(stated)}")
    layer = set_output(model, None, "softplus")
    old = next((a for a in stated if a != "linear"), "linear")
    return spec.evolve(model=model), {"layer": layer, "from": old, "activation": "softplus"}


OPERATORS = (
    RepairOperator(
        id="positive_output",
        family="output",
        max_tries=1,
        transform=_positive_output,
        sentence=lambda p: (
            f"Output layer '{p['layer']}' set from {p['from']} to softplus, so the loss's "
            "log (or division) never meets 0 or a negative value; the loss is kept."
        ),
        changes_output=True,
    ),
)
