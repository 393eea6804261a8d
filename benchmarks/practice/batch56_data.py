"""Data for the batch-56 cases: sklearn's bundled 8 x 8 digits and two generated tables
(data seed 0 (+160 .. +162), no downloads).

Batch 56 is modern optimisers and large-batch training as practitioners use them in Keras 3:
AdamW, Lion, Adafactor, Lamb, Nadam, Adamax, RMSprop with momentum, SGD with Nesterov,
weight decay, gradient clipping, EMA weights, gradient accumulation, batch sizes 8 to 4096
with the linear-scaling rule and warm-up. The data are small and clean so that the
optimiser is what varies.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_flat() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (160), pixels / 16 flattened to
    64 features: 1437 train, 360 validate. Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 160).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1437], x[1437:], y[:1437], y[1437:]]


@cache
def table_5000() -> list[np.ndarray]:
    """A generated 5-class table (make_classification, seed 161): 6000 rows, 20 features (12
    informative, 4 redundant), 2 clusters a class, class_sep 1.0; 5000 train, 1000 validate,
    standardised with the training rows' mean / sd. Returns x, xval, y, yval."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=6000, n_features=20, n_informative=12,
                               n_redundant=4, n_classes=5, n_clusters_per_class=2,
                               class_sep=1.0, random_state=DATA_SEED + 161)  # fmt: skip
    x = x.astype("float32")
    mean, sd = x[:5000].mean(axis=0), x[:5000].std(axis=0)
    x = (x - mean) / sd
    return [x[:5000], x[5000:], y[:5000].astype(np.int64), y[5000:].astype(np.int64)]


@cache
def friedman_split() -> list[np.ndarray]:
    """Friedman #1 regression (make_friedman1, seed 162): 5000 rows, 10 uniform features in
    [0, 1] (5 used), noise sd 1.0; 4000 train, 1000 validate; the target standardised with
    the training rows' mean / sd. Returns x, xval, y, yval (float32)."""
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(n_samples=5000, n_features=10, noise=1.0,
                          random_state=DATA_SEED + 162)  # fmt: skip
    x, y = x.astype("float32"), y.astype("float32")
    mean, sd = y[:4000].mean(), y[:4000].std()
    y = (y - mean) / sd
    return [x[:4000], x[4000:], y[:4000], y[4000:]]
