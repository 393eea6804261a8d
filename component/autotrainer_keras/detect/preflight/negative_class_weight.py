"""A focal loss that weighs some class below 0 (`alpha` outside [0, 1]): that class's loss
enters with a negative sign, and the loss is minimised by predicting its rows wrong without
bound; it falls below 0, then turns NaN (practice batch 22: `BinaryFocalCrossentropy(True,
2.0, 0.25)`, alpha and gamma in each other's place, read as exploding gradients at epoch 3).
Read off the loss's config (`measure.loss_weights`); no repair: the loss's arguments must
change.
"""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def negative_class_weight(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a focal loss's class weights (`ModelFacts.loss_class_weights`) hold one
    below 0."""
    weights = facts.model.loss_class_weights
    if not weights or min(weights) >= 0:
        return None
    if len(weights) == 2:
        alpha = weights[1]
        which = "class 0 by 1 - alpha" if weights[0] < 0 else "class 1 by alpha"
    else:
        alpha, which = weights[0], "every class by alpha"
    return setup_finding(
        SetupProblem.UNBOUNDED_LOSS,
        f"the {facts.model.loss} loss weighs {which} = {min(weights):g} (alpha {alpha:g}): "
        "Keras takes alpha in [0, 1]; with a weight below 0 that class's loss counts "
        "negatively, so training drives its predictions wrong without bound until the loss "
        "is NaN. Give alpha in [0, 1] (the positional order is apply_class_balancing, alpha, "
        "gamma: were alpha and gamma swapped?)",
        {"alpha": alpha, "lowest_class_weight": min(weights)},
    )
