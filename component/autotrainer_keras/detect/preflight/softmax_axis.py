"""A Softmax layer at the output that normalises over another axis than the classes' (the
last): `Softmax(axis=1)` on a (batch, steps, classes) tagger spreads one unit of probability
over the time steps of each class, so a step's class scores are not probabilities and its
argmax can pick the wrong class. Keras may still train it well (its cross-entropy reads the
logits cached on the output), which hides the fault until the predictions are used (practice
batch 10's `tagger_softmax_time_axis`: 0.956 against 1.0)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import head_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding


def softmax_axis(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when the output ends in a Softmax layer over an axis other than the last."""
    off = facts.model.softmax_axis
    if off is None:
        return None
    axis, rank = off
    return head_finding(
        facts,
        f"the output's Softmax layer normalises over axis {axis} of the {rank}-axis output, "
        "not over the classes on the last axis: the scores of each class sum to 1 across "
        f"axis {axis}, so a row's class scores are not probabilities and their argmax can "
        "name the wrong class; use Softmax(axis=-1)",
    )
