"""A binary cross-entropy on three or more exclusive classes."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import BINARY_LOSSES, setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def binary_loss_multiclass(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for a binary loss on integer labels with 3+ classes, or on one-hot labels of 3+
    classes with a softmax output (each class is scored as its own yes/no question, and
    the accuracy Keras reports is inflated)."""
    m, d = facts.model, facts.data
    if m.loss not in BINARY_LOSSES or d.n_classes < 3:
        return None
    one_hot_softmax = d.label_kind == "onehot" and m.output_activation == "softmax"
    if d.label_kind != "integer" and not one_hot_softmax:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the loss is {m.loss}, made for two classes, but the labels hold {d.n_classes} "
        "exclusive classes: a softmax with categorical cross-entropy fits",
        {"classes": float(d.n_classes), "output_units": float(m.output_units)},
        layer=m.output_layer,
    )
