"""Two-class labels coded outside 0/1 (1/2, -1/+1) under a binary cross-entropy."""

from __future__ import annotations

import math

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import BINARY_LOSSES, setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def binary_label_range(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a binary cross-entropy is given targets below 0 or above 1 (training or
    validation) that are not three or more classes (`binary_loss_multiclass` names those):
    the loss -y log p - (1 - y) log(1 - p) is then unbounded below, so training drives the
    output to 0 or 1 for every sample and the loss runs to minus infinity."""
    m, d = facts.model, facts.data
    if m.loss not in BINARY_LOSSES or (d.label_kind == "integer" and d.n_classes >= 3):
        return None
    low = min(d.y_min, d.y_val_min) if not math.isnan(d.y_val_min) else d.y_min
    high = max(d.y_max, d.y_val_max) if not math.isnan(d.y_val_max) else d.y_max
    if low >= 0.0 and high <= 1.0:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the labels run from {low:g} to {high:g} but {m.loss} takes targets in [0, 1]: "
        "outside that range the loss has no minimum and falls without end; code the two "
        "classes as 0 and 1",
        {"label_min": float(low), "label_max": float(high)},
        layer=m.output_layer,
    )
