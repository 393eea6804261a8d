"""How the training rows fall into classes, and class weights read against them (pure).

The facts behind `balanced_weights`, the repair of weights that push a model to one class
(`detect.preflight.overweighted_class`): Keras' `class_weight` gives each row its class's
weight, so a class's share of the loss is its share of the rows times its weight.
"""

from __future__ import annotations

import math
from typing import Any

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


ENTRY_SAMPLE = 1_000_000
"""At most about this many label entries are read for their shares (evenly spaced rows)."""


def entry_shares(y: Any) -> dict[int, float]:
    """Each integer label's share of the label entries of `y` (several a row: pointer pairs,
    tags per step, masks), read on evenly spaced rows holding about ENTRY_SAMPLE entries."""
    y = np.asarray(y)
    per_row = max(1, int(np.prod(y.shape[1:], dtype=np.int64)))
    step = max(1, math.ceil(len(y) * per_row / ENTRY_SAMPLE))
    sample = y[::step].reshape(-1)
    labels = sample.astype(np.int64) if sample.dtype.kind in "biu" else np.rint(
        sample.astype(np.float64)).astype(np.int64)  # fmt: skip
    if not len(labels):
        return {}
    classes, counts = np.unique(labels, return_counts=True)
    return {int(c): float(n / len(labels)) for c, n in zip(classes, counts, strict=True)}


WeightShare = tuple[int, float, float]
"""(class, share of the rows, share of the loss's total weight)."""


def weight_shares(rows: ClassRows, class_weight: dict[int, float]) -> tuple[WeightShare, ...]:
    """Each class's `WeightShare` under these class weights (a class missing from them: 1.0,
    as Keras); () without classes or when the weights sum to 0."""
    weights = [share * float(class_weight.get(c, 1.0)) for c, share in rows]
    total = sum(weights)
    if not rows or not np.isfinite(total) or total <= 0:
        return ()
    return tuple((c, share, w / total) for (c, share), w in zip(rows, weights, strict=True))


def heaviest(shares: tuple[WeightShare, ...]) -> WeightShare | tuple[()]:
    """The class the weights weigh most; () without classes."""
    return max(shares, key=lambda s: s[2]) if shares else ()


def lightest(shares: tuple[WeightShare, ...]) -> WeightShare | tuple[()]:
    """The class whose share of the weight falls furthest below its share of the rows;
    () without classes."""
    present = [s for s in shares if s[1] > 0]
    return min(present, key=lambda s: s[2] / s[1]) if present else ()


def balanced_weights(rows: ClassRows) -> dict[int, float]:
    """n / (classes x count) per class (scikit-learn's "balanced"): every class carries the
    same share of the loss, and the weights average 1 over the rows."""
    return {c: 1.0 / (len(rows) * share) for c, share in rows}
