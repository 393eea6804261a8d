"""A cross-entropy loss on an output that does not give probabilities (ReLU, linear, tanh)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import BINARY_LOSSES, setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

PROBABILITY_LOSSES = BINARY_LOSSES | {
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "categorical_focal_crossentropy",
}
PROBABILITY_HEADS = frozenset({"sigmoid", "softmax", "hard_sigmoid"})


def probability_loss_head(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a cross-entropy loss without `from_logits=True` is trained on an output
    whose stated activation is not sigmoid or softmax: Keras reads the outputs as
    probabilities, clips what lies outside (0, 1) and learns little or nothing."""
    m = facts.model
    if m.loss not in PROBABILITY_LOSSES or m.from_logits is not False:
        return None
    if not m.output_activation_known or m.output_activation in PROBABILITY_HEADS:
        return None
    wanted = "sigmoid" if m.loss in BINARY_LOSSES else "softmax"
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the output layer '{m.output_layer}' ends in {m.output_activation}, but "
        f"{m.loss} (from_logits=False) reads its outputs as probabilities, which "
        f"{m.output_activation} does not give: use a {wanted} output, or keep the output "
        "and pass from_logits=True to the loss",
        {"output_units": float(m.output_units)},
        layer=m.output_layer,
    )
