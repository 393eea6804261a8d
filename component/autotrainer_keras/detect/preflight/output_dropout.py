"""A dropout layer after the output layer: at every training step it zeroes (or scales) some
of the outputs the loss compares with the targets, so the model is trained on outputs it
never gives at inference (practice batch 11's `dropout_after_output`, Dropout(0.5) after a
regression head: validation MSE 0.344 against 0.055; batch 5's `dropout_after_softmax`)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import head_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding


def output_dropout(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a dropout layer with a rate above 0 follows the output layer."""
    found = facts.model.output_dropout
    if found is None:
        return None
    name, rate = found
    return head_finding(
        facts,
        f"the dropout layer '{name}' comes after the output layer '{facts.model.output_layer}': "
        f"at each training step it drops {num(rate)} of the outputs the loss compares with "
        "the targets, so the model learns outputs it never gives at inference; put dropout "
        "before the output layer",
    )
