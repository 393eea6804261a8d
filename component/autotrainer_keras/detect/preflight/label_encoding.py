"""Class labels encoded for another cross-entropy: one-hot rows under the sparse loss, or
class indices under the categorical one. Keras cannot train either (a shape error)."""

from __future__ import annotations

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.detect.preflight.base import setup_finding
from autotrainer_keras.measure.setup_facts import SetupFacts
from autotrainer_keras.problems import Finding, SetupProblem

SPARSE = "sparse_categorical_crossentropy"
CATEGORICAL = frozenset({"categorical_crossentropy", "categorical_focal_crossentropy"})


def label_encoding(facts: SetupFacts, t: PreflightThresholds) -> Finding | None:
    """Fires for the sparse cross-entropy on one-hot labels, or a categorical cross-entropy
    on integer class labels, with a softmax over several units."""
    m, d = facts.model, facts.data
    if m.output_units < 2:
        return None
    if m.loss == SPARSE and d.label_kind == "onehot":
        wrong, fits = f"one-hot ({d.label_columns} columns)", "categorical_crossentropy"
        wants = "class indices"
    elif m.loss in CATEGORICAL and d.label_kind == "integer":
        wrong, fits = f"class indices 0..{int(d.y_max)}", SPARSE
        wants = "one-hot rows"
    else:
        return None
    return setup_finding(
        SetupProblem.OUTPUT_LOSS_MISMATCH,
        f"the labels are {wrong} but the loss {m.loss} takes {wants}: Keras cannot train "
        f"this pair; {fits} fits the labels as they are",
        {"label_columns": float(d.label_columns), "output_units": float(m.output_units)},
        layer=m.output_layer,
    )
