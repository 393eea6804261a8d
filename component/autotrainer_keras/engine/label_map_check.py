"""The validation labels read against the original's own predictions, once training showed a
problem on the validation curves (`repair.plans.READ_ON_VALIDATION`): labels encoded apart
from the training labels are named (`detect.label_map`), and the job then tries no candidate
(`repair.plans.data_to_fix`: every one would be judged on the same mislabelled rows;
practice batch 48's class names sorted for the validation set alone: two candidates tried in
vain for twice a plain training)."""

from __future__ import annotations

import keras
import numpy as np

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.label_map import encoded_apart
from autotrainer_keras.engine.output_setup import is_multi_output
from autotrainer_keras.io.arrays import n_rows, take
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.label_map import label_map
from autotrainer_keras.problems import Finding, SetupProblem
from autotrainer_keras.repair.plans import READ_ON_VALIDATION

ROWS = 2000
"""Validation rows predicted (at most)."""


def label_map_finding(
    model: keras.Model, data: Dataset, findings: list[Finding], t: DefaultThresholds
) -> Finding | None:
    """The label mismatch the original's predictions show on the validation rows, when one
    of `findings` was read on the validation curves and the model has one classifier
    output; None otherwise (or when the rows cannot be read as classes, or a label mismatch
    is already named: `detect.validation_unlike`)."""
    if any(f.problem is SetupProblem.LABEL_MISMATCH for f in findings):
        return None
    read = next((f for f in findings if f.problem in READ_ON_VALIDATION), None)
    if read is None or is_multi_output(model) or not isinstance(data.y_val, np.ndarray):
        return None
    rows = slice(0, min(ROWS, n_rows(data.y_val)))
    labels = _label_classes(data.y_val[rows])
    if labels is None:
        return None
    try:
        outputs = model.predict(take(data.x_val, rows), batch_size=256, verbose=0)
    except (ValueError, TypeError):  # rows this model cannot take: nothing to read
        return None
    predicted = _output_classes(np.asarray(outputs), labels)
    found = label_map(labels, predicted) if predicted is not None else None
    return None if found is None else encoded_apart(found, t, read.epoch, read.step)


def _label_classes(y: np.ndarray) -> np.ndarray | None:
    """Integer class labels of `y`: ids (n,) or (n, 1), or one-hot rows (n, K); None for
    soft or multi-hot rows and for anything else."""
    if y.ndim == 2 and y.shape[1] > 1:
        if not np.allclose(y.sum(axis=1), 1.0) or not np.isin(y, (0.0, 1.0)).all():
            return None
        return np.argmax(y, axis=1)
    flat = y.reshape(len(y), -1)
    if flat.shape[1] != 1 or not np.all(np.equal(np.mod(flat, 1), 0)):
        return None
    return flat[:, 0].astype(np.int64)


def _output_classes(outputs: np.ndarray, labels: np.ndarray) -> np.ndarray | None:
    """The predicted class of each row: the argmax of a K-unit output, or a one-unit output
    above 0.5 (a probability) or 0 (a logit)."""
    if outputs.ndim != 2 or len(outputs) != len(labels):
        return None
    if outputs.shape[1] > 1:
        return np.argmax(outputs, axis=1)
    probability = bool(np.all((outputs >= 0) & (outputs <= 1)))
    return (outputs[:, 0] > (0.5 if probability else 0.0)).astype(np.int64)
