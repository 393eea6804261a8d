"""Data for the batch-36 cases: a generated four-class table and sklearn's bundled 8 x 8
digits (data seed 0 (+60, +61), no downloads).

Batch 36 is regularisation and optimiser set-up as practitioners write it: AdamW / weight
decay, L2 kernel regularisers, dropout and noise layers, label smoothing, mixup in NumPy,
gradient clipping, an EMA of the weights, learning-rate schedules, Nesterov momentum,
large batches and gradient accumulation. Rows are in random order; the first 80 % train, the
rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _split(*arrays: np.ndarray) -> list[np.ndarray]:
    cut = int(len(arrays[0]) * 0.8)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


@cache
def four_class_table(n: int = 6000) -> list[np.ndarray]:
    """`sklearn.datasets.make_classification`: 6000 rows, 20 features (10 informative, 4
    redundant), four classes of two clusters each, class_sep 1.0, 3 % of the labels flipped;
    standardised on the training rows. Returns x, xval, y, yval (y integer 0..3)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=n, n_features=20, n_informative=10, n_redundant=4,
                               n_classes=4, n_clusters_per_class=2, class_sep=1.0,
                               flip_y=0.03, shuffle=True, random_state=DATA_SEED + 60)  # fmt: skip
    x, xval, y, yval = _split(x.astype("float32"), y.astype(np.int64))
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(x - mean) / sd, (xval - mean) / sd, y, yval]


@cache
def digit_images() -> list[np.ndarray]:
    """sklearn's bundled 8 x 8 digits (1797 images, pixel values 0..16) in a seeded random
    order, scaled to [0, 1], shape (n, 8, 8, 1). Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 61).permutation(len(digits.target))
    x = (digits.images[order] / 16.0).astype("float32")[..., None]
    return _split(x, digits.target[order].astype(np.int64))
