"""Softmax on a multi-label task: the outputs compete, so several true labels cannot all be 1."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.detect.preflight.label_encoding import CATEGORICAL
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem


def softmax_multilabel(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires when label rows hold several ones and the output activation is softmax, or the
    loss is a categorical cross-entropy over sigmoid outputs: Keras divides the outputs by
    their sum, so they compete as a softmax's do, and the loss pushes the outputs of every
    label up without bound (practice batch 42: a 50-tag sigmoid head under categorical
    cross-entropy, validation loss ~6e4, exact tag sets 0.000 against 0.75)."""
    m, d = facts.model, facts.data
    if d.label_kind != "multilabel":
        return None
    if m.output_activation != "softmax" and m.loss in CATEGORICAL:
        return setup_finding(
            SetupProblem.OUTPUT_LOSS_MISMATCH,
            f"the labels are multi-label ({d.label_columns} columns, rows with several ones) "
            f"but the loss is {m.loss}, which scores one class per row: Keras scales "
            f"the outputs of '{m.output_layer}' to sum to 1 and several labels cannot all be "
            "predicted; binary cross-entropy scores each label on its own",
            {"label_columns": float(d.label_columns)},
            layer=m.output_layer,
        )
    if m.output_activation != "softmax":
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the labels are multi-label ({d.label_columns} columns, rows with several ones) but "
        f"the output '{m.output_layer}' is a softmax, whose outputs sum to 1: several labels "
        "cannot all be predicted; one sigmoid per label with binary cross-entropy fits",
        {"label_columns": float(d.label_columns)},
        layer=m.output_layer,
    )
