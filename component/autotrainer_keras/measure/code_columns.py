"""Tabular columns of category codes that a model reads as magnitudes.

A city, a product or a zip code stored as an integer id (`LabelEncoder`, a StringLookup's
index, the five-digit code itself) and fed to a Dense layer as a number asks the network to
carve each category out of a line: neighbouring ids are no more alike than any two (practice
batch 49: 50 city ids as a number 0.71 against 0.93 one-hot; 1000 five-digit skus 0.49
against 0.92; batch 47's zip codes and neighbourhood indices through a Normalization).

What tells codes from counts and measurements is not their values but how the target
follows them. Per integer-valued column of the sampled rows with `MIN_LEVELS` or more
distinct values (those of `MIN_LEVEL_ROWS` sampled rows or more), with the levels in the
order of their values:

- `signal`: the share of the target's variance the levels explain beyond chance (the
  between-level variance less what sampling noise alone gives: an adjusted correlation
  ratio, summed over the target's columns or its classes' indicators);
- `roughness`: how unlike neighbouring levels are against any two levels: the mean squared
  difference of adjacent levels' target means, less its noise, over twice the variance of
  the level means, less its noise. About 1 when the order of the codes says nothing (ids);
  near 0 when the target follows the value smoothly (an age, a count, an hour of the day).

Both are de-noised in expectation, so many levels with few rows each do not read as rough.
Columns whose signal is at least `MEASURED_SIGNAL` are kept, roughest first. Not read: the
columns of a grid of one quantity (`grid_columns`: a flattened image's raw pixels, a
histogram's counts), whose values are intensities however a class follows one of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_LEVELS = 10
"""Distinct values a column must take (fewer: a flag or a small set of codes, which a
network separates from a line easily)."""
MIN_LEVEL_ROWS = 5
"""Sampled rows a level needs to be read (rarer values, a count's long tail, estimate
little but noise and are left out)."""
MAX_CLASSES = 20
"""Class indicators read at most (the commonest classes)."""
MEASURED_SIGNAL = 0.01
"""Columns that explain less of the target's variance than this are not kept."""
KEPT = 8
"""Most columns kept in the facts (the roughest)."""
GRID_COLUMNS = 16
"""Integer columns on one shared range that read as a grid of one quantity (practice batch
71: 8x8 digits left at 0..16, one pixel's 11 levels read as codes)."""


@dataclass(frozen=True)
class CodeColumn:
    """One integer-valued column: its index, distinct levels, `signal` and `roughness` (module
    docstring)."""

    column: int
    levels: int
    signal: float
    roughness: float


def code_columns(x: np.ndarray, targets: np.ndarray) -> tuple[CodeColumn, ...]:
    """The integer-valued columns of tabular rows `x` (rows, features) that explain some of
    `targets` (rows, columns: continuous values or class indicators), roughest first; () for
    other shapes or none."""
    if x.ndim != 2 or targets.ndim != 2 or len(x) != len(targets) or len(x) < 2 * MIN_LEVELS:
        return ()
    t = targets.astype(np.float64)
    t = t[:, np.var(t, axis=0) > 0]
    if not t.size:
        return ()
    grid = grid_columns(x)
    found = [c for j in range(x.shape[1])
             if j not in grid and (c := _column(j, x[:, j], t)) is not None]  # fmt: skip
    return tuple(sorted(found, key=lambda c: -c.roughness)[:KEPT])


def grid_columns(x: np.ndarray) -> frozenset[int]:
    """The integer columns within the commonest range of integer columns, when at least
    `GRID_COLUMNS` columns span exactly that range: the pixels of a flattened image or the
    bins of a histogram (label-encoded categories each have their own number of levels)."""
    ranges = {j: (float(v.min()), float(v.max())) for j in range(x.shape[1])
              if len(x) and (v := integer_values(x[:, j])) is not None}  # fmt: skip
    if len(ranges) < GRID_COLUMNS:
        return frozenset()
    values, counts = np.unique(np.array(list(ranges.values())), axis=0, return_counts=True)
    if counts.max() < GRID_COLUMNS:
        return frozenset()
    low, high = values[int(np.argmax(counts))]
    return frozenset(j for j, (a, b) in ranges.items() if low <= a and b <= high)


def integer_values(values: np.ndarray) -> np.ndarray | None:
    """A column as float64 when every value is a finite integer (ids, codes, counts); None
    otherwise."""
    v = values.astype(np.float64)
    if not np.isfinite(v).all() or np.any(v != np.round(v)):
        return None
    return v


def _column(index: int, values: np.ndarray, t: np.ndarray) -> CodeColumn | None:
    v = integer_values(values)
    if v is None:
        return None
    levels, inverse, counts = np.unique(v, return_inverse=True, return_counts=True)
    if len(levels) < MIN_LEVELS:
        return None
    kept = counts[inverse] >= MIN_LEVEL_ROWS
    levels, inverse, counts = np.unique(v[kept], return_inverse=True, return_counts=True)
    t = t[kept]
    k, n = len(levels), len(t)
    if k < MIN_LEVELS or n <= k:
        return None
    means, within = level_means(inverse, counts, t)
    signal = level_signal(inverse, counts, t, means, within)
    if signal < MEASURED_SIGNAL:
        return None
    noise = within / t.shape[1]  # per target column
    spread = float(np.sum(np.var(means, axis=0, ddof=1))) - t.shape[1] * noise * float(
        np.mean(1.0 / counts)
    )
    pair_noise = noise * (1.0 / counts[1:] + 1.0 / counts[:-1])
    steps = float(np.sum(np.mean(np.diff(means, axis=0) ** 2, axis=0)))
    jumps = steps - t.shape[1] * float(np.mean(pair_noise))
    roughness = jumps / (2 * spread) if spread > 0 else 0.0
    return CodeColumn(index, k, float(signal), float(roughness))


def level_means(
    inverse: np.ndarray, counts: np.ndarray, t: np.ndarray
) -> tuple[np.ndarray, float]:
    """Each level's mean target row (levels, target columns) and the pooled within-level
    variance summed over the target columns, of rows `t` whose levels are `inverse` (indices
    into `counts`, rows per level; more rows than levels)."""
    k, n = len(counts), len(t)
    sums = np.zeros((k, t.shape[1]))
    np.add.at(sums, inverse, t)
    means = sums / counts[:, None]
    return means, float(np.sum((t - means[inverse]) ** 2)) / (n - k)


def level_signal(
    inverse: np.ndarray,
    counts: np.ndarray,
    t: np.ndarray,
    means: np.ndarray | None = None,
    within: float | None = None,
) -> float:
    """The share of the variance of targets `t` (rows, columns) that levels `inverse`
    (indices into `counts`) explain beyond chance: the between-level variance less what
    sampling noise alone gives, an adjusted correlation ratio (module docstring); 0 for
    constant targets (pure)."""
    k, n = len(counts), len(t)
    if means is None or within is None:
        means, within = level_means(inverse, counts, t)
    total = float(np.sum(np.var(t, axis=0)))
    if total <= 0:
        return 0.0
    between = float(np.sum(counts[:, None] * (means - t.mean(axis=0)) ** 2)) / n
    return (between - (k - 1) * within / n) / total


def target_matrix(
    y: np.ndarray, kind: str, classes: np.ndarray | None = None
) -> np.ndarray | None:
    """The targets as columns to average over levels: continuous targets as they are (one
    row each), class labels as indicators of `classes` (default `kept_classes(y)`: another
    split's targets take the same columns); None for targets per step or per pixel."""
    if kind == "continuous":
        flat = y.reshape(len(y), -1)
        return flat if flat.shape[1] <= MAX_CLASSES else None
    if kind == "onehot" or kind == "multilabel":
        return y.reshape(len(y), -1)[:, :MAX_CLASSES] if y.ndim == 2 else None
    if y.ndim > 2 or (y.ndim == 2 and y.shape[1] != 1):
        return None
    labels = y.reshape(-1)
    kept = kept_classes(labels) if classes is None else classes
    return (labels[:, None] == kept[None, :]).astype(np.float64)


def kept_classes(labels: np.ndarray) -> np.ndarray:
    """The commonest `MAX_CLASSES` classes of one label per row, commonest first."""
    classes, counts = np.unique(labels.reshape(-1), return_counts=True)
    return classes[np.argsort(-counts, kind="stable")[:MAX_CLASSES]]
