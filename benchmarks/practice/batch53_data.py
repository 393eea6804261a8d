"""Data for the batch-53 cases: generated tables (`make_classification`) and sklearn's
bundled 8 x 8 digits (data seed 0 (+530 .. +536), no downloads).

Batch 53 is noisy, weak and semi-supervised labels as practitioners handle them: label
noise injected into clean generated labels (symmetric or class-dependent), a crowd of
annotators whose votes become soft targets, a teacher's predictions as a student's targets
(distillation, pseudo-labels). The validation labels are always the clean ones (a small
curated set, as noisy-label tutorials keep).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def noisy_table() -> list[np.ndarray]:
    """`make_classification` (4000 rows, 20 features, 10 informative, 4 classes, 2 clusters
    a class, class_sep 1.5, seed 530): 3000 train, 1000 validate, standardised on the
    training rows. Returns x, xval (float32), y, yval (clean integer labels 0..3)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=4000, n_features=20, n_informative=10,
                               n_redundant=4, n_classes=4, n_clusters_per_class=2,
                               class_sep=1.5, flip_y=0.0,
                               random_state=DATA_SEED + 530)  # fmt: skip
    x = x.astype("float32")
    mean, sd = x[:3000].mean(axis=0), x[:3000].std(axis=0)
    x = (x - mean) / sd
    return [x[:3000], x[3000:], y[:3000].astype(np.int64), y[3000:].astype(np.int64)]


def flip_labels(y: np.ndarray, rate: float, kind: str = "symmetric", classes: int = 4,
                source: int = 0, target: int = 1) -> np.ndarray:  # fmt: skip
    """Corrupt integer labels with a fixed seed (531). `kind` "symmetric": a `rate` share of
    the rows gets another class drawn uniformly; "pair": a `rate` share of the `source`
    class's rows is relabelled `target` (class-dependent noise, the usual confusion of two
    look-alike classes)."""
    rng = np.random.default_rng(DATA_SEED + 531)
    noisy = y.copy()
    if kind == "symmetric":
        hit = rng.random(len(y)) < rate
        shift = rng.integers(1, classes, size=len(y))
        noisy[hit] = (y[hit] + shift[hit]) % classes
    else:
        rows = np.flatnonzero(y == source)
        hit = rows[rng.random(len(rows)) < rate]
        noisy[hit] = target
    return noisy


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (532), flattened to 64 pixels
    / 16: 1200 train, 597 validate. Returns x, xval (float32), y, yval (integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 532).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1200], x[1200:], y[:1200], y[1200:]]


@cache
def crowd_table(annotators: int = 5) -> list[np.ndarray]:
    """`make_classification` (4000 rows, 16 features, 8 informative, 3 classes, seed 533;
    3000 train, 1000 validate, standardised on the training rows) with `annotators` crowd
    workers' votes on each training row (seed 534): each worker gets classes 0 and 1 right
    85 % of the time and the hard class 2 only 60 % (mistaken for class 1 otherwise); a
    wrong vote on class 0 or 1 goes to one of the other two classes at random. Returns x,
    xval, votes (n, 3) float32 vote counts, yval (clean integer labels)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=4000, n_features=16, n_informative=8,
                               n_redundant=2, n_classes=3, n_clusters_per_class=2,
                               class_sep=1.4, flip_y=0.0,
                               random_state=DATA_SEED + 533)  # fmt: skip
    x = x.astype("float32")
    mean, sd = x[:3000].mean(axis=0), x[:3000].std(axis=0)
    x = (x - mean) / sd
    rng = np.random.default_rng(DATA_SEED + 534)
    truth = y[:3000]
    votes = np.zeros((3000, 3), dtype="float32")
    for _ in range(annotators):
        right = rng.random(3000) < np.where(truth == 2, 0.60, 0.85)
        other = (truth + rng.integers(1, 3, size=3000)) % 3
        vote = np.where(right, truth, np.where(truth == 2, 1, other))
        votes[np.arange(3000), vote] += 1
    return [x[:3000], x[3000:], votes, y[3000:].astype(np.int64)]
