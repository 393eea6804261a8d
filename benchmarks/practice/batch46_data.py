"""Data for the batch-46 cases: sklearn's bundled 8 x 8 digits and two generated tables
(`make_friedman1` regression, `make_classification`; data seed 0 (+461 .. +463), no
downloads).

Batch 46 is learning-rate schedules and training callbacks as practitioners use them; the
data are plain and already in range (the scripts' schedules and callbacks are the knobs).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (461), pixels / 16, shape
    (n, 8, 8, 1): 1297 train, 500 validate. Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 461).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")[..., None]
    target = digits.target[order].astype(np.int64)
    return [images[:1297], images[1297:], target[:1297], target[1297:]]


@cache
def friedman_split() -> list[np.ndarray]:
    """`make_friedman1` (2400 rows, 10 uniform [0, 1] features of which 5 matter, noise sd
    1.0, seed 462): 1800 train, 600 validate; the features centred on the training rows'
    mean and sd, the target (~0..30) standardised on the training rows. Returns x, xval, y,
    yval (float32)."""
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=2400, n_features=10, noise=1.0,
                          random_state=DATA_SEED + 462)  # fmt: skip
    x, y = x.astype("float32"), y.astype("float32")
    mean, sd = x[:1800].mean(axis=0), x[:1800].std(axis=0)
    ymean, ysd = y[:1800].mean(), y[:1800].std()
    x, y = (x - mean) / sd, (y - ymean) / ysd
    return [x[:1800], x[1800:], y[:1800], y[1800:]]


@cache
def tabular_split() -> list[np.ndarray]:
    """`make_classification` (3000 rows, 20 features, 8 informative, 2 classes, class_sep
    0.8, 3 % labels flipped, seed 463): 2400 train, 600 validate, standardised on the
    training rows. Returns x, xval, y, yval (y integer 0/1)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=3000, n_features=20, n_informative=8,
                               n_redundant=4, class_sep=0.8, flip_y=0.03,
                               random_state=DATA_SEED + 463)  # fmt: skip
    x = x.astype("float32")
    mean, sd = x[:2400].mean(axis=0), x[:2400].std(axis=0)
    x = (x - mean) / sd
    return [x[:2400], x[2400:], y[:2400].astype(np.int64), y[2400:].astype(np.int64)]
