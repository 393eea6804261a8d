"""Category columns encoded one way for training and another for validation.

A lookup adapted again on the validation split (its indices then follow the validation
frequencies), or built with another number of out-of-vocabulary slots (every index shifted
by one), leaves each validation id meaning another category than in training: the
frequencies of the ids barely move, yet the model reads the wrong category in every
validation row (practice batch 49: a shared-lookup pipeline re-adapted on the validation
rows, 0.71 against 0.91; shifted by one, 0.56).

What gives it away is how the targets follow the ids. Per integer column of a table with
`MIN_LEVELS` or more ids held by `MIN_LEVEL_ROWS` rows or more in both splits: the mean
target of each id in the training rows against the validation rows (`agreement`, a
correlation over ids and target columns, each id weighted by its rows), next to the same
between a part of the training rows and the rest (`reference`: what one encoding gives, sampling
noise included; the part as large as the validation split, at most half). An id that means
the same in both splits agrees about as well as the parts do; re-encoded ids agree far less
(as chance, when every id moved; a lookup adapted again on validation rows keeps the ids of
the commonest categories where their order is the same).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.code_columns import integer_values
from autotrainer_keras.measure.sample_rows import held_out_part

MIN_LEVELS = 5
"""Ids a column must share between the splits to be read (fewer: a correlation over a
handful of means is noise)."""
MIN_LEVEL_ROWS = 5
"""Rows an id needs in each split (and in each half of the training rows) to be read."""
MAX_LEVELS = 5000
"""More distinct values: a continuous column or a row key, not categories."""
MEASURED_REFERENCE = 0.5
"""Columns whose halves agree less than this are not kept (the ids say too little)."""


@dataclass(frozen=True)
class RecodedColumn:
    """One column: its index, the ids read, and their training-validation `agreement`
    against the two training halves' `reference` (module docstring)."""

    column: int
    levels: int
    agreement: float
    reference: float


def recoded_columns(
    x: np.ndarray, targets: np.ndarray, x_val: np.ndarray, val_targets: np.ndarray
) -> tuple[RecodedColumn, ...]:
    """The integer columns of tables `x` and `x_val` (rows, features) whose ids the targets
    follow in the training rows (halves agreeing by `MEASURED_REFERENCE` or more), least
    agreeing first; () for other shapes or none."""
    if (x.ndim != 2 or x_val.ndim != 2 or x.shape[1] != x_val.shape[1]
            or len(targets) != len(x) or len(val_targets) != len(x_val)
            or targets.shape[1:] != val_targets.shape[1:]):  # fmt: skip
        return ()
    half = held_out_part(len(x), min(len(x_val), len(x) // 2))
    found = []
    for j in range(x.shape[1]):
        column = _column(j, x[:, j], targets, x_val[:, j], val_targets, half)
        if column is not None:
            found.append(column)
    return tuple(sorted(found, key=lambda c: c.agreement - c.reference))


def _column(
    index: int,
    values: np.ndarray,
    t: np.ndarray,
    val_values: np.ndarray,
    t_val: np.ndarray,
    half: np.ndarray,
) -> RecodedColumn | None:
    ids, val_ids = integer_values(values), integer_values(val_values)
    if ids is None or val_ids is None or len(np.unique(ids)) > MAX_LEVELS:
        return None
    parts = ((ids[half], t[half]), (ids[~half], t[~half]), (val_ids, t_val))  # part, rest
    levels = _shared_levels([p[0] for p in parts])
    if len(levels) < MIN_LEVELS:
        return None
    first, second, val = (_means(i, y, levels) for i, y in parts)
    whole = _means(ids, t, levels)
    reference = _agreement(first, second)
    if reference < MEASURED_REFERENCE:
        return None
    return RecodedColumn(index, len(levels), _agreement(whole, val), reference)


def _shared_levels(splits: list[np.ndarray]) -> np.ndarray:
    """The ids held by `MIN_LEVEL_ROWS` rows or more in every split."""
    kept: set[float] | None = None
    for ids in splits:
        levels, counts = np.unique(ids, return_counts=True)
        common = set(levels[counts >= MIN_LEVEL_ROWS].tolist())
        kept = common if kept is None else kept & common
    return np.array(sorted(kept or ()))


def _means(ids: np.ndarray, t: np.ndarray, levels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean targets per level (levels, target columns), rows per level)."""
    position = np.searchsorted(levels, ids)
    inside = (position < len(levels)) & (levels[np.minimum(position, len(levels) - 1)] == ids)
    sums = np.zeros((len(levels), t.shape[1]))
    np.add.at(sums, position[inside], t[inside])
    counts = np.bincount(position[inside], minlength=len(levels)).astype(np.float64)
    return sums / counts[:, None], counts


def _agreement(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """Correlation of two splits' per-level means over levels and target columns, each
    target column centred by its own mean, each level weighted by its fewer rows."""
    (ma, na), (mb, nb) = a, b
    w = np.minimum(na, nb)[:, None] * np.ones_like(ma)
    ca = ma - np.average(ma, axis=0, weights=w[:, 0])
    cb = mb - np.average(mb, axis=0, weights=w[:, 0])
    cov = float(np.sum(w * ca * cb))
    scale = float(np.sqrt(np.sum(w * ca * ca) * np.sum(w * cb * cb)))
    return cov / scale if scale > 0 else 0.0
