"""Validation columns that hold other training columns' values: the columns in another order.

An export that writes the validation table's columns in another order (reversed, sorted by
name) leaves each column standardised and within its training range, so distances in
training standard deviations (`validation_distance`) do not show it when the columns share
a scale. Their distributions do: a moved column's values are distributed like another
training column's, not like its own. On tabular rows (at most `MAX_COLUMNS` columns, each
with at least `MIN_VALUES` distinct training values), the Kolmogorov-Smirnov distance
between every validation column and every training column; the assignment of validation to
training columns with the least total distance (`scipy.optimize.linear_sum_assignment`)
names the columns it moves, and how much closer they lie to their new partners than to their
own. Drift over time (a later validation period) moves a column away from its own training
values, but not onto another column's (every distance grows alike); columns that share one
distribution match any of them by chance, their own one as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.measure.sample_rows import evenly_spaced, rows_within

MAX_COLUMNS = 64
"""Wider rows (flattened images, one-hot blocks) are not read: columns there are not fields."""
MIN_VALUES = 10
"""Columns with fewer distinct training values (flags, one-hot codes) are left out: a shift
in category shares can make one flag's share another's."""
VAL_ROWS = 1024
"""Validation rows read (evenly spaced): a distance's chance level falls with the rows."""
QUANTILES = 128
"""Training quantiles added to the validation values as the grid a distance is read on."""
MEAN_KS = 0.87
"""The mean Kolmogorov-Smirnov distance between two samples of n and m rows drawn from one
distribution is about 0.87 x sqrt(1/n + 1/m) (the limit law's mean, sqrt(pi/2) ln 2)."""


@dataclass(frozen=True)
class ColumnOrder:
    """`moved`: (validation column, the training column it is assigned to) for every column
    the least-distance assignment moves; `own`: their mean distance to their own training
    column; `matched`: to the assigned one; `chance`: the mean distance two samples of these
    sizes from one distribution show."""

    moved: tuple[tuple[int, int], ...] = ()
    own: float = 0.0
    matched: float = 0.0
    chance: float = 0.0


def ks_distance(train: np.ndarray, val: np.ndarray, grid: np.ndarray) -> float:
    """The two-sample Kolmogorov-Smirnov statistic: the largest gap between the two sorted
    samples' empirical distributions on `grid` (both samples' values)."""
    gap = (np.searchsorted(train, grid, "right") / len(train)
           - np.searchsorted(val, grid, "right") / len(val))  # fmt: skip
    return float(np.max(np.abs(gap)))


def _columns(features: np.ndarray) -> np.ndarray:
    """The columns read: those with at least `MIN_VALUES` distinct finite training values."""
    keep = [c for c in range(features.shape[1])
            if len(np.unique(features[np.isfinite(features[:, c]), c])) >= MIN_VALUES]  # fmt: skip
    return np.asarray(keep, int)


def column_order(
    features: np.ndarray,
    x_val: object,
    sample_rows: int,
    sample_entries: int | None = None,
    least_shift: float = 0.0,
) -> ColumnOrder:
    """How the validation inputs' columns (`x_val`: at most `VAL_ROWS` rows, evenly spaced,
    fewer when they hold more than `sample_entries` values) match the
    training rows' `features` (rows x columns); empty when not measurable (no 2-D numeric
    validation array with the same columns, fewer than 2 or more than `MAX_COLUMNS` columns
    read, values that are not finite) or when no column is moved. `least_shift`: the other
    columns are read only when some column lies at least this many times the chance
    distance from its own (the moved columns' mean cannot reach it otherwise)."""
    if (not isinstance(x_val, np.ndarray) or x_val.ndim != 2 or x_val.dtype.kind not in "biuf"
            or x_val.shape[1] != features.shape[1] or len(x_val) < 2 or len(features) < 2
            or features.shape[1] > MAX_COLUMNS):  # fmt: skip
        return ColumnOrder()
    columns = _columns(np.asarray(features, np.float64))
    if len(columns) < 2:
        return ColumnOrder()
    rows = rows_within(x_val, min(sample_rows, VAL_ROWS), sample_entries)
    val = np.sort(np.asarray(evenly_spaced(x_val, rows), np.float64)[:, columns], axis=0)
    train = np.sort(np.asarray(features, np.float64)[:, columns], axis=0)
    if not (np.isfinite(val).all() and np.isfinite(train).all()):
        return ColumnOrder()
    levels = np.linspace(0, len(train) - 1, min(QUANTILES, len(train))).astype(int)

    def distance(k: int, j: int) -> float:  # training column k, validation column j
        return ks_distance(train[:, k], val[:, j], np.concatenate([train[levels, k], val[:, j]]))

    chance = MEAN_KS * math.sqrt(1.0 / len(train) + 1.0 / len(val))
    if max(distance(j, j) for j in range(len(columns))) < least_shift * chance:
        return ColumnOrder(chance=chance)
    distances = np.array([[distance(k, j) for k in range(len(columns))]
                          for j in range(len(columns))])  # fmt: skip
    from scipy.optimize import linear_sum_assignment  # scikit-learn's dependency

    order, assigned = linear_sum_assignment(distances)
    moved = [(int(j), int(k)) for j, k in zip(order, assigned, strict=True) if j != k]
    if not moved:
        return ColumnOrder(chance=chance)
    return ColumnOrder(
        moved=tuple((int(columns[j]), int(columns[k])) for j, k in moved),
        own=float(np.mean([distances[j, j] for j, _ in moved])),
        matched=float(np.mean([distances[j, k] for j, k in moved])),
        chance=chance,
    )
