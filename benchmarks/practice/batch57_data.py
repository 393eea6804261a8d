"""Data for the batch-57 cases: self-supervised pretraining then a supervised stage, on
sklearn's bundled 8 x 8 digits and a generated table (data seed 0 (+170 .. +172), no
downloads).

Batch 57 is the few-labels regime that self-supervised pretraining is for: a large unlabeled
pool for the pretext task (contrastive views, rotations, masked or noised features) and a
small labeled set for the linear probe or the fine-tuning, validated on held-out rows. The
seed of a run changes the model's initialisation, augmentation and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_ssl(per_class: int = 10, n_val: int = 500) -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (170), pixels / 16, shape
    (n, 8, 8, 1): `n_val` images validate (500), the other 1297 are the unlabeled pretext
    pool, and `per_class` images of each digit from the pool (100 by default) are the labeled
    set. Returns pool, x, xval (float32), y, yval (integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 170).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")[..., None]
    target = digits.target[order].astype(np.int64)
    pool, pool_y = images[n_val:], target[n_val:]
    labeled = np.sort(np.concatenate([np.flatnonzero(pool_y == d)[:per_class]
                                      for d in range(10)]))  # fmt: skip
    return [pool, pool[labeled], images[:n_val], pool_y[labeled], target[:n_val]]


@cache
def table_ssl(n_pool: int = 3000, n_labeled: int = 240, n_val: int = 1000) -> list[np.ndarray]:
    """A generated 4-class table (sklearn make_classification, seed 171: 24 features, 12
    informative, 4 redundant, 2 clusters a class, class_sep 1.2, 2 % flipped labels) put in
    raw units (each column times 10 ** U(-1, 3) plus an offset, seed 172, as a database
    export: some columns in the thousands, some in tenths): `n_pool` unlabeled rows (3000),
    `n_labeled` labeled rows (240), `n_val` validation rows (1000). Returns pool, x, xval
    (float32, raw), y, yval (integer 0..3)."""
    from sklearn.datasets import make_classification

    total = n_pool + n_labeled + n_val
    features, target = make_classification(
        n_samples=total, n_features=24, n_informative=12, n_redundant=4, n_classes=4,
        n_clusters_per_class=2, class_sep=1.2, flip_y=0.02,
        random_state=DATA_SEED + 171)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED + 172)
    scale = 10.0 ** rng.uniform(-1, 3, size=24)
    offset = rng.uniform(-2, 2, size=24) * scale
    raw = (features * scale + offset).astype("float32")
    target = target.astype(np.int64)
    a, b = n_pool, n_pool + n_labeled
    return [raw[:a], raw[a:b], raw[b:], target[a:b], target[b:]]
