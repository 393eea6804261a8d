"""Data for the batch-60 cases: sklearn's bundled 8 x 8 digits, a generated sensor table on
its own units and Friedman #1 (data seed 0 (+600 .. +603), no downloads).

Batch 60 is robustness training and in-model ensembles: adversarial training, input noise,
label smoothing against noisy labels, weight averaging, multi-head ensembles, Monte-Carlo
dropout and max-norm constraints. The tables are returned raw (the scripts scale them, or
forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_flat() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits flattened to 64 pixels (0..16, unscaled float32) in a seeded
    order (600): 1437 train, 360 validate. Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 600).permutation(len(digits.target))
    x = digits.data[order].astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1437], x[1437:], y[:1437], y[1437:]]


@cache
def noisy_digit_labels(rate: float = 0.2) -> np.ndarray:
    """The training labels of `digits_flat` with `rate` of them replaced by a uniformly drawn
    other digit (seed 601): the noisy-label set label smoothing is meant for."""
    y = digits_flat()[2].copy()
    rng = np.random.default_rng(DATA_SEED + 601)
    flip = rng.random(len(y)) < rate
    y[flip] = (y[flip] + rng.integers(1, 10, flip.sum())) % 10
    return y


@cache
def sensor_table() -> list[np.ndarray]:
    """A generated 4-class sensor table (seed 602): make_classification, 4000 rows, 20
    columns (10 informative, 4 redundant), class_sep 1.2, then each column put on its own
    unit (scales 10**U(-1, 3), offsets up to 5x the scale: pressures in the thousands next to
    ratios near 0.1); 3000 train, 1000 validate. Returns x, xval (float32, raw), y, yval."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=4000, n_features=20, n_informative=10,
                               n_redundant=4, n_classes=4, n_clusters_per_class=2,
                               class_sep=1.2, random_state=DATA_SEED + 602)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED + 602)
    scale = 10.0 ** rng.uniform(-1, 3, x.shape[1])
    offset = rng.uniform(0, 5, x.shape[1]) * scale
    x = (x * scale + offset).astype("float32")
    y = y.astype(np.int64)
    return [x[:3000], x[3000:], y[:3000], y[3000:]]


@cache
def friedman_split() -> list[np.ndarray]:
    """Friedman #1 regression (seed 603): 3000 rows, 10 uniform [0, 1) columns (5 used),
    y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1); 2400 train, 600
    validate. Returns x, xval, y, yval (float32; y in raw units, ~0..30)."""
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=3000, n_features=10, noise=1.0,
                          random_state=DATA_SEED + 603)  # fmt: skip
    x, y = x.astype("float32"), y.astype("float32")
    return [x[:2400], x[2400:], y[:2400], y[2400:]]
