"""Data for the batch-61 cases: sklearn's bundled 8 x 8 digits (flattened) and a generated
6-class table (data seed 0 (+610, +611), no downloads).

Batch 61 is knowledge distillation and model compression: a teacher trained first inside
the script, then a student (smaller, low-rank, pruned or weight-shared) trained on the
teacher's soft targets or fine-tuned from its weights. The data are returned ready to use
(pixels / 16; the table standardised on its training rows); the faults are in the scripts.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_flat() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits, flattened to 64 pixels / 16, in a seeded order (610): 1437
    train, 360 validate. Returns x, xval (float32), y, yval (integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 610).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1437], x[1437:], y[:1437], y[1437:]]


@cache
def table6() -> list[np.ndarray]:
    """A generated 6-class table (make_classification, seed 611): 5000 rows, 20 columns (12
    informative, 4 redundant), two clusters a class, class_sep 1.0, 2 % of the labels
    flipped; 4000 train, 1000 validate; standardised with the training rows' mean / sd.
    Returns x, xval (float32), y, yval (integer 0..5)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=5000, n_features=20, n_informative=12,
                               n_redundant=4, n_classes=6, n_clusters_per_class=2,
                               class_sep=1.0, flip_y=0.02,
                               random_state=DATA_SEED + 611)  # fmt: skip
    x = x.astype("float32")
    mean, sd = x[:4000].mean(axis=0), x[:4000].std(axis=0)
    x = (x - mean) / sd
    return [x[:4000], x[4000:], y[:4000].astype(np.int64), y[4000:].astype(np.int64)]
