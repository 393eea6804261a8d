"""A stratified probe batch: a few rows that represent every class (or the target's range)."""

from __future__ import annotations

import numpy as np

from autotrainer_keras.measure.baselines import class_indices


def stratified_rows(y: np.ndarray, size: int, classify: bool, seed: int = 0) -> np.ndarray:
    """Row indices of at most `size` rows of `y`, sorted.

    Classification: rows of each class in proportion to its frequency, at least one of each
    class (while `size` allows); labels that give no single class per row (a mask of a class
    per pixel) get seeded random rows. Regression: rows at evenly spaced quantiles of the
    first target column. Seeded; all rows when `size` >= len(y).
    """
    n = len(y)
    if size >= n:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    if not classify:
        first = np.asarray(y).reshape(n, -1)[:, 0].astype(np.float64)  # not a whole copy
        order = np.argsort(first, kind="stable")
        return np.sort(order[np.linspace(0, n - 1, size).round().astype(np.int64)])
    if np.ndim(y) >= 3 and int(np.prod(np.shape(y)[1:-1])) > 1:
        # a class per pixel or per step (segmentation masks): seeded rows
        return np.sort(rng.choice(n, size, replace=False))
    labels = class_indices(y)
    classes, counts = np.unique(labels, return_counts=True)
    quota = np.maximum(1, np.floor(counts / n * size)).astype(np.int64)
    while quota.sum() > size:  # more classes than rows: drop from the largest quotas
        quota[np.argmax(quota)] -= 1
    spare = size - int(quota.sum())
    for index in np.argsort(-counts, kind="stable")[:spare]:  # fill up, largest classes first
        quota[index] += 1
    chosen = [
        rng.choice(np.flatnonzero(labels == label), min(int(q), int(c)), replace=False)
        for label, q, c in zip(classes, quota, counts, strict=True)
    ]
    return np.sort(np.concatenate(chosen))


def gradient_first(y: np.ndarray, size: int, classify: bool, seed: int = 0) -> np.ndarray:
    """An order of the rows of `y` with a stratified sample of `size` of them first
    (`stratified_rows`), then the others; each part in row order (all rows in order when
    `size` >= len(y))."""
    chosen = stratified_rows(y, size, classify, seed)
    return np.concatenate([chosen, np.setdiff1d(np.arange(len(y)), chosen)]).astype(np.int64)
