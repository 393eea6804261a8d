"""Data for the batch-73 cases (few-shot episodes and meta-learning): sklearn's bundled 8 x 8
digits split into base classes (0-4) and novel classes (5-9), N-way K-shot episodes sampled
from them into arrays, triplets, and generated class clusters (80 classes, 60 base and 20
novel) for episodes drawn by a generator. Data seed 0 (+ 730 .. + 736), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

BASE = (0, 1, 2, 3, 4)
NOVEL = (5, 6, 7, 8, 9)


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (730), flattened to 64 raw
    pixel values 0..16 (float32; the scripts scale them): the base-class images (digits 0-4,
    901) and the novel-class images (digits 5-9, 896). Returns xb, yb, xn, yn (labels 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 730).permutation(len(digits.target))
    x = digits.data[order].astype("float32")
    y = digits.target[order].astype(np.int64)
    base = np.isin(y, BASE)
    return [x[base], y[base], x[~base], y[~base]]


def _episodes(x: np.ndarray, y: np.ndarray, classes: np.ndarray, n: int, ways: int,
              shots: int, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """`n` episodes: `ways` classes drawn from `classes` in a random order, `shots` support
    rows of each (way-major: way 0's shots first) and one query row of a random way, not in
    the support. Returns support (n, ways * shots, d), query (n, d), label (n,) in 0..ways-1."""
    by_class = {int(c): np.flatnonzero(y == c) for c in classes}
    support = np.empty((n, ways * shots, x.shape[1]), dtype="float32")
    query = np.empty((n, x.shape[1]), dtype="float32")
    label = np.empty(n, dtype=np.int64)
    for i in range(n):
        picked = rng.choice(classes, size=ways, replace=False)
        target = int(rng.integers(ways))
        for w, c in enumerate(picked):
            rows = rng.choice(by_class[int(c)], size=shots + (w == target), replace=False)
            support[i, w * shots:(w + 1) * shots] = x[rows[:shots]]
            if w == target:
                query[i] = x[rows[shots]]
        label[i] = target
    return support, query, label


@cache
def digit_episodes(ways: int = 5, shots: int = 5, n_train: int = 3000,
                   n_val: int = 600) -> list[np.ndarray]:
    """N-way K-shot episodes of the raw digits (seed 731) over all ten digits: the images split
    1200 / 597 (seeded order), training episodes drawn from the first 1200, validation
    episodes from the other 597 (support and query images never seen in training). Returns
    support, query, label, support_val, query_val, label_val."""
    xb, yb, xn, yn = digits_split()
    x, y = np.concatenate([xb, xn]), np.concatenate([yb, yn])
    order = np.random.default_rng(DATA_SEED + 736).permutation(len(y))
    x, y = x[order], y[order]
    rng = np.random.default_rng(DATA_SEED + 731)
    classes = np.arange(10)
    train = _episodes(x[:1200], y[:1200], classes, n_train, ways, shots, rng)
    val = _episodes(x[1200:], y[1200:], classes, n_val, ways, shots, rng)
    return [*train, *val]


def _triplets(x: np.ndarray, y: np.ndarray, n: int, rng: np.random.Generator
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    classes = np.unique(y)
    by_class = {int(c): np.flatnonzero(y == c) for c in classes}
    anchor, positive, negative = [], [], []
    for _ in range(n):
        a, b = rng.choice(classes, size=2, replace=False)
        i, j = rng.choice(by_class[int(a)], size=2, replace=False)
        anchor.append(i)
        positive.append(j)
        negative.append(rng.choice(by_class[int(b)]))
    return x[np.array(anchor)], x[np.array(positive)], x[np.array(negative)]


@cache
def digit_triplets(n_train: int = 6000, n_val: int = 1000) -> list[np.ndarray]:
    """(anchor, positive, negative) triplets of the raw digits (seed 732): training triplets
    from the base classes 0-4, validation triplets from the novel classes 5-9. Returns a, p,
    n, a_val, p_val, n_val."""
    xb, yb, xn, yn = digits_split()
    rng = np.random.default_rng(DATA_SEED + 732)
    return [*_triplets(xb, yb, n_train, rng), *_triplets(xn, yn, n_val, rng)]


@cache
def class_clusters(n_classes: int = 80, per_class: int = 30, latent: int = 12,
                   features: int = 40) -> list[np.ndarray]:
    """Generated class clusters (seed 733): `n_classes` centres drawn N(0, 1) in a
    `latent`-dimensional space, `per_class` points around each (noise sd 1.0), mapped to
    `features` observed features by a fixed random tanh layer plus noise (sd 0.1), then
    standardised. Classes 0-59 are the base classes, 60-79 the novel ones. Returns x (float32),
    y (0..n_classes-1)."""
    rng = np.random.default_rng(DATA_SEED + 733)
    centres = rng.normal(size=(n_classes, latent))
    z = np.repeat(centres, per_class, axis=0) + 1.0 * rng.normal(size=(n_classes * per_class,
                                                                         latent))
    mix = rng.normal(size=(latent, features)) / np.sqrt(latent)
    x = np.tanh(1.5 * z @ mix) + 0.1 * rng.normal(size=(len(z), features))
    x = (x - x.mean(0)) / x.std(0)
    y = np.repeat(np.arange(n_classes), per_class).astype(np.int64)
    return [x.astype("float32"), y]


@cache
def cluster_episodes(ways: int = 5, shots: int = 3, n_train: int = 3000,
                     n_val: int = 600) -> list[np.ndarray]:
    """N-way K-shot episodes of the generated clusters (seed 734): training episodes from the
    base classes 0-59, validation episodes from the novel classes 60-79. Returns support,
    query, label, support_val, query_val, label_val."""
    x, y = class_clusters()
    rng = np.random.default_rng(DATA_SEED + 734)
    train = _episodes(x, y, np.arange(60), n_train, ways, shots, rng)
    val = _episodes(x, y, np.arange(60, 80), n_val, ways, shots, rng)
    return [*train, *val]


def sample_episodes(n: int, ways: int, shots: int, rng: np.random.Generator
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """`n` fresh training episodes of the clusters' base classes (for an episode generator)."""
    x, y = class_clusters()
    return _episodes(x, y, np.arange(60), n, ways, shots, rng)


@cache
def novel_few_shot(shots: int = 5) -> list[np.ndarray]:
    """The raw novel-class digits (5-9) split for a fine-tune-the-head baseline (seed 735):
    `shots` labelled images of each novel digit to train on, the other novel images (896 -
    5 * shots) to validate on; labels 0..4 (digit - 5). Returns x, y, xval, yval."""
    _, _, xn, yn = digits_split()
    rng = np.random.default_rng(DATA_SEED + 735)
    picked = np.concatenate([rng.choice(np.flatnonzero(yn == c), size=shots, replace=False)
                             for c in NOVEL])  # fmt: skip
    picked = rng.permutation(picked)
    rest = np.setdiff1d(np.arange(len(yn)), picked)
    return [xn[picked], yn[picked] - 5, xn[rest], yn[rest] - 5]
