"""Data for the batch-68 cases (quantisation-aware and low-precision training): sklearn's
bundled 8 x 8 digits and a generated sensor table in raw units in the thousands (data seed
0 (+680 .. +681), no downloads).

The digits come as flat rows (64 pixels / 16, for the binarised MLPs) and as images (8, 8, 1,
for the fake-quantised CNN); the table is returned raw, the scripts scale it (or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (680), pixels / 16 in [0, 1]:
    1297 train, 500 validate. Returns x, xval (float32, shape (n, 8, 8, 1)), y, yval (integer
    0..9); the MLP scripts flatten the images to 64 columns."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 680).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")[..., None]
    target = digits.target[order].astype(np.int64)
    return [images[:1297], images[1297:], target[:1297], target[1297:]]


@cache
def sensor_table() -> list[np.ndarray]:
    """A generated 4-class sensor table (sklearn's make_classification, 5000 rows, 16
    features, 10 informative, 2 clusters a class, seed 681), each column then put on its own
    raw units: offsets 500..5000, spreads 50..800 (readings in the thousands). 4000 train,
    1000 validate. Returns x, xval (float32, raw units), y, yval (integer 0..3)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=5000, n_features=16, n_informative=10,
                               n_redundant=2, n_classes=4, n_clusters_per_class=2,
                               class_sep=1.0, flip_y=0.02,
                               random_state=DATA_SEED + 681)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED + 681)
    offset = rng.uniform(500.0, 5000.0, size=16)
    spread = rng.uniform(50.0, 800.0, size=16)
    x = (x * spread + offset).astype("float32")
    y = y.astype(np.int64)
    return [x[:4000], x[4000:], y[:4000], y[4000:]]
