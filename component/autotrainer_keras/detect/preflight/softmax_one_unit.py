"""A softmax over one unit: it normalises a single number, so it always outputs 1 (the output
layer's, `softmax_one_unit`; any other layer's, `constant_softmax`)."""

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


def constant_softmax(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a layer other than a one-unit output (`softmax_one_unit`'s) applies a
    softmax over an axis of one unit: a `Dense(1, activation="softmax")` scoring each
    candidate, flattened into the output (practice batch 75's pointer head: 0.117 against
    0.835, the loss stuck at ln 8). Its outputs are 1 whatever the inputs: what follows
    reads a constant and nothing before it gets a gradient through it."""
    m = facts.model
    names = [name for name in m.one_unit_softmaxes
             if not (name == m.output_layer and m.output_units == 1)]  # fmt: skip
    if not names:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"layer '{names[0]}' applies a softmax over a single unit: it outputs 1 for every "
        "input, so what follows reads a constant and nothing before it learns through it; "
        "give that layer no activation and apply the softmax over the axis that holds the "
        "alternatives (after the Flatten or Reshape), or use a sigmoid for one probability",
        {"layers": float(len(names))},
        layer=names[0],
    )
