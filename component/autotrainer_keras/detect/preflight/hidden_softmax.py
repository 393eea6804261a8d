"""A softmax on a hidden layer: the layer's units squashed onto a simplex (they sum to 1),
so the next layer reads a handful of tiny numbers whose gradients shrink with their count."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def hidden_softmax(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a Dense or Activation layer with a softmax feeds a Dense layer (through
    Dropout or BatchNormalization): a softmax copied from the output line onto hidden layers.
    A softmax that makes attention weights or gates feeds a Multiply or a Dot: not this."""
    stacks = facts.model.softmax_stacks
    if not stacks:
        return None
    first, second = stacks[0]
    more = f" ({len(stacks)} such layers)" if len(stacks) > 1 else ""
    return setup_finding(
        SetupProblem.HIDDEN_SOFTMAX,
        f"layer '{first}' has a softmax activation and feeds Dense layer "
        f"'{second}'{more}: its units are squashed to sum to 1, so the next layer reads "
        "small, coupled values whose gradients shrink with the layer's width (a softmax "
        "copied from the output line, or one head's probabilities as another head's only "
        "input?); hidden layers usually take relu, and a head reads the shared features",
        {"softmax_layers": float(len(stacks))},
        layer=first,
    )
