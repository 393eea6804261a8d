"""A regression head whose final activation cannot reach the targets (sigmoid, ReLU, tanh)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import REGRESSION_LOSSES, setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

TARGETS = frozenset({"continuous", "integer"})
RANGES: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0),
    "hard_sigmoid": (0.0, 1.0),
    "softmax": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "softsign": (-1.0, 1.0),
    "relu": (0.0, float("inf")),
    "softplus": (0.0, float("inf")),
    "relu6": (0.0, 6.0),
}


def bounded_regression_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a regression loss is trained on continuous or integer targets (counts,
    ordinal grades) that lie outside the range of the output activation."""
    m, d = facts.model, facts.data
    bounds = RANGES.get(m.output_activation)
    if m.loss not in REGRESSION_LOSSES or d.label_kind not in TARGETS or bounds is None:
        return None
    if d.label_kind == "integer" and m.output_units != max(1, d.label_columns):
        return None  # integer labels on a unit per class: a classifier, not a regression
    low, high = bounds
    if low <= d.y_min and d.y_max <= high:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the regression head '{m.output_layer}' ends in {m.output_activation}, which only "
        f"outputs values in [{num(low)}, {num(high)}], but the targets range from "
        f"{num(d.y_min)} to {num(d.y_max)}",
        {"y_min": d.y_min, "y_max": d.y_max, "output_min": low, "output_max": high},
        layer=m.output_layer,
    )
