"""Data for the batch-42 cases: many-class and multi-label outputs (data seed 0 (+120 ..
+123), no downloads).

Batch 42 is the output side of classification with many classes: 200 generated clusters,
100 two-digit numbers built from sklearn's 8 x 8 digits (a coarse tens-digit label and a fine
number label), 50 tags of a multi-label set (multi-hot targets) and 500 product categories
from high-cardinality integer ids that the scripts hash. Labels are 0-based integers (or a
multi-hot matrix); the scripts one-hot them, shift them or mis-size their heads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def clusters(n_classes: int = 200, dim: int = 32, train: int = 30,
             val: int = 10) -> list[np.ndarray]:  # fmt: skip
    """`n_classes` Gaussian clusters in `dim` dimensions (seed 120): the class centres are
    N(0, 1), each row its centre plus N(0, 1.2^2) noise (neighbouring clusters overlap);
    `train` rows a class train, `val` other rows validate, both shuffled. Features are on a
    unit scale already. Returns x, xval (float32), y, yval (integer 0 .. n_classes - 1)."""
    rng = np.random.default_rng(DATA_SEED + 120)
    centres = rng.normal(size=(n_classes, dim))

    def draw(per_class: int) -> tuple[np.ndarray, np.ndarray]:
        y = np.repeat(np.arange(n_classes), per_class)
        x = centres[y] + rng.normal(scale=1.2, size=(len(y), dim))
        order = rng.permutation(len(y))
        return x[order].astype("float32"), y[order].astype(np.int64)

    x, y = draw(train)
    xval, yval = draw(val)
    return [x, xval, y, yval]


@cache
def digit_pairs(n_train: int = 5000, n_val: int = 2000) -> list[np.ndarray]:
    """Two-digit numbers 00..99 as 8 x 16 images: two sklearn digits side by side, pixels /
    16 (seed 121). The training pairs are drawn from 1300 of the 1797 digit images, the
    validation pairs from the other 497 (unseen handwriting). Returns x, xval (n, 8, 16, 1),
    y, yval (the number 0..99 = 10 * tens + units)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(DATA_SEED + 121)
    order = rng.permutation(len(digits.target))
    images = (digits.images / 16.0).astype("float32")
    target = digits.target.astype(np.int64)

    def draw(pool: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        left, right = rng.choice(pool, n), rng.choice(pool, n)
        x = np.concatenate([images[left], images[right]], axis=2)[..., None]
        return x, 10 * target[left] + target[right]

    x, y = draw(order[:1300], n_train)
    xval, yval = draw(order[1300:], n_val)
    return [x, xval, y, yval]


@cache
def tagged_rows(n_tags: int = 50, dim: int = 64, n_train: int = 6000,
                n_val: int = 1500) -> list[np.ndarray]:  # fmt: skip
    """A multi-label set (seed 122): each row carries 1-4 of `n_tags` tags (tag frequencies
    from a Zipf-like 1 / rank^0.7 law, so some tags are rare), and its `dim` features are the
    sum of its tags' random embeddings plus N(0, 0.9^2) noise, one mixing matrix for all.
    Returns x, xval (float32), y, yval (multi-hot float32, shape (n, n_tags))."""
    rng = np.random.default_rng(DATA_SEED + 122)
    embed = rng.normal(size=(n_tags, dim)) / np.sqrt(2.0)
    freq = 1.0 / np.arange(1, n_tags + 1) ** 0.7
    freq /= freq.sum()

    def draw(n: int) -> tuple[np.ndarray, np.ndarray]:
        y = np.zeros((n, n_tags), dtype="float32")
        for row, k in enumerate(rng.integers(1, 5, size=n)):
            y[row, rng.choice(n_tags, size=k, replace=False, p=freq)] = 1.0
        x = y @ embed + rng.normal(scale=0.9, size=(n, dim))
        return x.astype("float32"), y

    x, y = draw(n_train)
    xval, yval = draw(n_val)
    return [x, xval, y, yval]


@cache
def product_ids(n_classes: int = 500, tokens: int = 8, train: int = 20,
                val: int = 5) -> list[np.ndarray]:  # fmt: skip
    """Product categorisation from high-cardinality integer ids (seed 123): each of
    `n_classes` categories owns 10 characteristic ids (brand, seller, title-word ids) drawn
    from 1500 ids in 0 .. 10^7, so categories share ids; a row holds `tokens` ids: 4 from its
    category's 10 and the rest from a pool of 50 000 noise ids. `train` rows a category
    train, `val` validate (10 000 and 2500 by default). Returns x, xval (int64 raw ids,
    shape (n, tokens)), y, yval (integer 0 .. n_classes - 1)."""
    rng = np.random.default_rng(DATA_SEED + 123)
    shared = rng.choice(10**7, size=3 * n_classes, replace=False)
    owned = rng.choice(shared, size=(n_classes, 10))
    noise = rng.choice(10**7, size=50_000, replace=False)

    def draw(per_class: int) -> tuple[np.ndarray, np.ndarray]:
        y = rng.permutation(np.repeat(np.arange(n_classes), per_class))
        own = np.stack([rng.choice(owned[c], size=4, replace=False) for c in y])
        x = np.concatenate([own, rng.choice(noise, size=(len(y), tokens - 4))], axis=1)
        return rng.permuted(x, axis=1).astype(np.int64), y.astype(np.int64)

    x, y = draw(train)
    xval, yval = draw(val)
    return [x, xval, y, yval]
