"""How the training rows fall into classes, and class weights read against them (pure).

The facts behind `balanced_weights`, the repair of weights that push a model to one class
(`detect.preflight.overweighted_class`): Keras' `class_weight` gives each row its class's
weight, so a class's share of the loss is its share of the rows times its weight.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.measure.baselines import class_indices

ClassRows = tuple[tuple[int, float], ...]
"""(class, share of the training rows) per class present, by class."""

CLASS_KINDS = ("binary", "integer", "onehot")
"""`label_facts` kinds that give one class label per row (per step or pixel: not)."""


def class_rows(kind: str, y: np.ndarray) -> ClassRows:
    """Each class's share of the rows, for one class label per row; () otherwise."""
    if kind not in CLASS_KINDS or y.ndim > 2 or (y.ndim == 2 and kind != "onehot"
                                                  and y.shape[1] != 1):  # fmt: skip
        return ()
    labels = class_indices(y)
    if not len(labels):
        return ()
    classes, counts = np.unique(labels, return_counts=True)
    return tuple((int(c), float(n / len(labels))) for c, n in zip(classes, counts, strict=True))


def heaviest_under(
    rows: ClassRows, class_weight: dict[int, float]
) -> tuple[int, float, float] | tuple[()]:
    """(class, share of the rows, share of the loss's total weight) of the class these class
    weights weigh most (a class missing from them: 1.0, as Keras); () without classes or when
    the weights sum to 0."""
    weights = [share * float(class_weight.get(c, 1.0)) for c, share in rows]
    total = sum(weights)
    if not rows or not np.isfinite(total) or total <= 0:
        return ()
    top = int(np.argmax(weights))
    return rows[top][0], rows[top][1], weights[top] / total


def balanced_weights(rows: ClassRows) -> dict[int, float]:
    """n / (classes x count) per class (scikit-learn's "balanced"): every class carries the
    same share of the loss, and the weights average 1 over the rows."""
    return {c: 1.0 / (len(rows) * share) for c, share in rows}
