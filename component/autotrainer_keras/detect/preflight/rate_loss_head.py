"""A Poisson loss on an output that can go negative (linear, tanh, ...)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

RATE_LOSSES = frozenset({"poisson"})
POSITIVE_HEADS = frozenset(
    {"exponential", "softplus", "relu", "relu6", "sigmoid", "hard_sigmoid", "softmax"}
)
"""Outputs that are never negative (ReLU's zero stays finite under the loss's epsilon)."""


def rate_loss_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the Poisson loss is trained on an output whose stated activation can be
    negative: Keras computes `y_pred - y_true * log(y_pred + eps)`, NaN once a prediction
    falls below 0."""
    m = facts.model
    if m.loss not in RATE_LOSSES or not m.output_activation_known:
        return None
    if m.output_activation in POSITIVE_HEADS:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but the "
        f"{m.loss} loss takes the log of the predicted rate, which {m.output_activation} "
        "lets fall below 0 (the loss is then NaN): use a softplus or exponential output",
        {"output_units": float(m.output_units)},
        layer=m.output_layer,
    )
