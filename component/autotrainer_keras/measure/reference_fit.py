"""How far an off-the-shelf model gets on the same rows: the data's own ceiling.

Slow convergence says a network "learned next to nothing" when its loss stays less than a
tenth of the way below the constant predictor's. Some tasks hold no more than that: a churn
hazard of 6 % a month (AUC 0.74), a click model at a 0.67 base rate, a low-R^2 regression.
Two off-the-shelf models fitted on the training rows and scored on held-out rows, logistic
(or ridge) regression on standardised columns and gradient-boosted trees (scikit-learn's
`HistGradientBoosting*`, no scaling, no tuning), the better of the two, say how far below
the constant predictor these inputs carry a model: a network about as far along is at the
data's ceiling, not slow. Read on tables (one 2-D
numeric array, or named ones side by side) under the losses it can score alike: cross-
entropy against class labels, squared error against one target column. Pure NumPy and
scikit-learn; bounded (`REFERENCE_ROWS` rows, `REFERENCE_COLUMNS` columns, one thread).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autotrainer_keras.measure.baselines import class_indices
from autotrainer_keras.measure.class_balance import CLASS_KINDS
from autotrainer_keras.measure.label_facts import label_facts
from autotrainer_keras.measure.sample_rows import evenly_spaced

REFERENCE_ROWS = 4000
"""Training rows the reference is fitted on (evenly spaced), and held-out rows it is scored
on, at most."""

REFERENCE_COLUMNS = 200
"""Widest table read (a wider one: not measured; the fit's cost grows with the columns)."""

MIN_ROWS = 500
"""Fewest training and held-out rows a reference is fitted and scored on: fewer read too
noisy a share (labels shuffled from their inputs read -0.03 to 0.013 on 3000 held-out rows
of a 7 % event)."""

CLASS_LOSSES = frozenset({"binary_crossentropy", "categorical_crossentropy",
                          "sparse_categorical_crossentropy"})  # fmt: skip
SQUARED_LOSSES = frozenset({"mse", "mean_squared_error"})

PROBABILITY_FLOOR = 1e-7
"""Predicted probabilities are clipped here before the log (as Keras' cross-entropy)."""


def table(x: object, rows: int | None = None) -> np.ndarray | None:
    """The rows as one 2-D float table: a 2-D numeric array, or named 2-D numeric arrays side
    by side (in key order); at most `rows` of them, evenly spaced (`sample_rows.
    evenly_spaced`, as for targets of the same length: the same rows), read before the copy
    (None: all); None for anything else (images, sequences, text)."""
    given = [x[k] for k in sorted(x)] if isinstance(x, Mapping) else [x]
    parts = [p for p in given if isinstance(p, np.ndarray) and p.ndim == 2
             and p.dtype.kind in "biuf"]  # fmt: skip
    if not parts or len(parts) != len(given):
        return None
    if len({len(p) for p in parts}) != 1:
        return None
    read = [p if rows is None else evenly_spaced(p, rows) for p in parts]
    return np.concatenate([np.asarray(p, np.float64) for p in read], axis=1)


def _length(x: object) -> int:
    """Rows of an array, or of the first of named arrays (`table` checked they agree)."""
    first = next(iter(x.values()), None) if isinstance(x, Mapping) else x
    return len(first) if isinstance(first, np.ndarray) else -1


def reference_progress(
    loss: str | None, x_fit: object, y_fit: object, x_eval: object, y_eval: object
) -> float | None:
    """How far below the constant predictor's loss (fitted on the fitting rows' targets) the
    reference's loss on the held-out rows is, as a share of it: 0 learns nothing, 1 every
    row; None when not measured (another loss, not a table, too few rows or too wide)."""
    kind = "class" if loss in CLASS_LOSSES else "squared" if loss in SQUARED_LOSSES else None
    if kind is None or not isinstance(y_fit, np.ndarray) or not isinstance(y_eval, np.ndarray):
        return None
    if _length(x_fit) != len(y_fit) or _length(x_eval) != len(y_eval):
        return None
    fit_x, eval_x = table(x_fit, REFERENCE_ROWS), table(x_eval, REFERENCE_ROWS)
    if fit_x is None or eval_x is None:
        return None
    if fit_x.shape[1] > REFERENCE_COLUMNS or fit_x.shape[1] != eval_x.shape[1]:
        return None
    fit_y, eval_y = evenly_spaced(y_fit, REFERENCE_ROWS), evenly_spaced(y_eval, REFERENCE_ROWS)
    if min(len(fit_x), len(eval_x)) < MIN_ROWS:
        return None
    if not (np.isfinite(fit_x).all() and np.isfinite(eval_x).all()):
        return None
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # beside the training, not against it
        if kind == "class":
            return _class_progress(fit_x, fit_y, eval_x, eval_y)
        return _squared_progress(fit_x, fit_y, eval_x, eval_y)


def _class_progress(fit_x: np.ndarray, fit_y: np.ndarray, eval_x: np.ndarray,
                    eval_y: np.ndarray) -> float | None:  # fmt: skip
    from sklearn.ensemble import HistGradientBoostingClassifier

    if not all(label_facts(y)[0] in CLASS_KINDS for y in (fit_y, eval_y)):
        return None  # soft targets, several labels per row, a label per step: no one class
    labels, eval_labels = class_indices(fit_y), class_indices(eval_y)
    classes = np.unique(labels)
    if len(classes) < 2:
        return None
    prior = np.array([np.mean(labels == c) for c in classes])
    column = {int(c): i for i, c in enumerate(classes)}
    at = np.array([column.get(int(c), -1) for c in eval_labels])
    rows = np.arange(len(at))

    def chosen(probabilities: np.ndarray) -> float:
        """Mean log loss of the held-out rows' own classes (a class unseen in fitting: 0)."""
        return _mean_log_loss(np.where(at >= 0, probabilities[rows, np.maximum(at, 0)], 0.0))

    constant = chosen(np.broadcast_to(prior, (len(at), len(prior))))
    losses = [chosen(model.fit(fit_x, labels).predict_proba(eval_x))
              for model in (_linear_classifier(), _trees(HistGradientBoostingClassifier))]
    return _share(constant, min(losses))


def _squared_progress(fit_x: np.ndarray, fit_y: np.ndarray, eval_x: np.ndarray,
                      eval_y: np.ndarray) -> float | None:  # fmt: skip
    from sklearn.ensemble import HistGradientBoostingRegressor

    target, eval_target = fit_y.reshape(len(fit_y), -1), eval_y.reshape(len(eval_y), -1)
    if target.shape[1] != 1 or eval_target.shape[1] != 1:
        return None
    target, eval_target = target[:, 0].astype(np.float64), eval_target[:, 0].astype(np.float64)
    if not (np.isfinite(target).all() and np.isfinite(eval_target).all()):
        return None
    from sklearn.linear_model import RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    constant = float(np.mean(np.square(float(np.mean(target)) - eval_target)))
    models = (make_pipeline(StandardScaler(), RidgeCV()), _trees(HistGradientBoostingRegressor))
    losses = [float(np.mean(np.square(model.fit(fit_x, target).predict(eval_x) - eval_target)))
              for model in models]
    return _share(constant, min(losses))


def _linear_classifier() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))


def _trees(kind: type) -> Any:
    """Gradient-boosted trees regularised for small, noisy tables (rare events overfit the
    defaults' log loss: 2000 churn rows read 0.011 below the constant predictor with them,
    0.033 with these, against 0.109 for logistic regression)."""
    return kind(max_iter=100, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40,
                l2_regularization=1.0, random_state=0)  # fmt: skip


def _mean_log_loss(probabilities: np.ndarray) -> float:
    return float(np.mean(-np.log(np.clip(probabilities, PROBABILITY_FLOOR, 1.0))))


def _share(constant: float, reference: float) -> float | None:
    if not (math.isfinite(constant) and math.isfinite(reference)) or constant <= 0:
        return None
    return (constant - reference) / constant


@dataclass
class LazyReference:
    """`reference_progress` of one training's rows, measured on first use and kept: a
    monitor asks only when a slow-convergence finding would need it (`detect.ceiling`),
    so a training without one pays nothing. Fitting and held-out rows: the job's training
    and validation rows; `Watch`'s probe rows, halved (`halves`)."""

    loss: str | None
    x_fit: object
    y_fit: object
    x_eval: object
    y_eval: object
    measured: list[float | None] = field(default_factory=list)

    def __call__(self) -> float | None:
        if not self.measured:
            try:
                self.measured.append(reference_progress(
                    self.loss, self.x_fit, self.y_fit, self.x_eval, self.y_eval))
            except (ValueError, TypeError, MemoryError):  # a reading, never a failure
                self.measured.append(None)
        return self.measured[0]

    @classmethod
    def halves(cls, loss: str | None, x: object, y: object) -> LazyReference:
        """Fitted on the even rows of `x`, `y`, scored on the odd ones (rows in any order:
        class-sorted rows fall in both halves alike)."""
        even, odd = slice(0, None, 2), slice(1, None, 2)
        return cls(loss, _rows(x, even), _rows(y, even), _rows(x, odd), _rows(y, odd))


def _rows(x: object, part: slice) -> object:
    if isinstance(x, Mapping):
        return {k: _rows(v, part) for k, v in x.items()}
    return x[part] if isinstance(x, np.ndarray) else None
