"""A label smoothing of 1 or more: the loss trains every row towards the same target."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.text import num
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SMOOTHED_LOSSES = frozenset({"categorical_crossentropy", "binary_crossentropy",
                             "categorical_focal_crossentropy", "binary_focal_crossentropy"})
"""The Keras cross-entropies that take `label_smoothing`."""


def uniform_targets(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when a cross-entropy's `label_smoothing` is 1 or more. Keras hands the loss
    `y * (1 - s) + s / K` (binary: `s / 2`): at s = 1 every target is the uniform 1/K, whatever
    the label, and above 1 the true class gets less than the others; `label_smoothing=True`
    is read as 1.0 (practice batch 42: a 200-way softmax at ln 200 for good, plain val acc
    0.004 against 0.85). Smoothing below 1 keeps the true class the largest target (0.9 was
    harmless there). A definition, not a tuned threshold."""
    m = facts.model
    if m.loss not in SMOOTHED_LOSSES or m.label_smoothing < 1.0:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the loss {m.loss} has label_smoothing={num(m.label_smoothing)}: the targets it "
        "trains towards are y * (1 - s) + s / classes, the same for every row at s = 1 (and "
        "the true class the smallest above it), so the labels teach nothing; "
        "label_smoothing=True means 1.0, smoothing is usually 0.1",
        {"label_smoothing": m.label_smoothing},
        layer=m.output_layer,
    )
