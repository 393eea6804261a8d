"""Softmax on a multi-label task: the outputs compete, so several true labels cannot all be 1."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def softmax_multilabel(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when label rows hold several ones and the output activation is softmax."""
    m, d = facts.model, facts.data
    if d.label_kind != "multilabel" or m.output_activation != "softmax":
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the labels are multi-label ({d.label_columns} columns, rows with several ones) but "
        f"the output '{m.output_layer}' is a softmax, whose outputs sum to 1: several labels "
        "cannot all be predicted; one sigmoid per label with binary cross-entropy fits",
        {"label_columns": float(d.label_columns)},
        layer=m.output_layer,
    )
