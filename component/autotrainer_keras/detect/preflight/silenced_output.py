"""An output whose loss is weighted 0 in `compile(loss_weights=...)`: nothing it predicts
moves the total loss, so its own layers are never trained and its predictions stay where
their initialisation put them (practice batch 16's `loss_weights_main_zero`: the digit
output at chance, 0.106, while the total loss, the other output's alone, kept falling)."""

from __future__ import annotations

from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.problems import Finding, SetupProblem


def silenced_outputs(losses: dict[str, object], weights: dict[str, float] | None) -> Finding | None:
    """Fires when an output given a loss has a loss weight of 0 (pure: the output names'
    losses, and their weights or None for 1 each)."""
    silenced = sorted(name for name, loss in losses.items()
                      if loss is not None and weights and weights.get(name, 1.0) == 0.0)
    if not silenced:
        return None
    named = ", ".join(f"'{name}'" for name in silenced)
    return setup_finding(
        SetupProblem.NO_GRADIENT,
        f"the loss of output {named} is weighted 0 in loss_weights: nothing it predicts moves "
        "the total loss, so no gradient trains its own layers and its predictions stay as "
        "initialised; give it a weight above 0, or compile it without a loss if it is not "
        "meant to be trained",
        {"silenced_outputs": float(len(silenced))},
        layer=silenced[0],
    )
