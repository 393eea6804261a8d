"""A categorical cross-entropy over one output unit: Keras normalises the single output to 1
before the log, so the loss is 0 for every label and nothing is learned."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.preflight.label_encoding import CATEGORICAL
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def categorical_one_unit(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a categorical cross-entropy is computed over an output of 1 unit."""
    m = facts.model
    if m.output_units != 1 or m.loss not in CATEGORICAL:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the loss {m.loss} over the 1 unit of output layer '{m.output_layer}' is 0 for "
        "every label (the single output is normalised to 1), so nothing is learned: "
        "binary_crossentropy with a sigmoid unit fits two classes",
        {"output_units": 1.0},
        layer=m.output_layer,
    )
