"""A softmax over one output unit: it normalises a single number, so it always outputs 1."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def softmax_one_unit(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the output layer has 1 unit and a softmax activation."""
    m = facts.model
    if m.output_units != 1 or m.output_activation != "softmax":
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the output layer '{m.output_layer}' has 1 unit with softmax: it always outputs 1, "
        "whatever the input, so nothing can be learned",
        {"output_units": 1.0},
        layer=m.output_layer,
    )
