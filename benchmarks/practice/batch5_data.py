"""Data for the batch-5 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-4: a store-demand table with a store id column (for an
Embedding) next to numeric columns and binary flags, three imbalanced classes, event counts
with many zeros, post-padded short reviews (token ids), house prices in thousands, a
trending monthly series, a table with columns on very different scales, and the digits
sorted by label (as a folder-per-class export reads them).
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

N_STORES = 20


@cache
def store_demand(n: int = 3000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                         dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Demand level (0 low, 1 normal, 2 high) of a product in one of 20 stores: 8 numeric
    columns (price, promotion depth, weather, ...: standard normal here, the script scales
    them anyway), a store id 0..19 with a store effect, 6 binary flags (holiday, ...)."""
    rng = np.random.default_rng(DATA_SEED)
    numeric = rng.normal(size=(n, 8)) * [1, 2, 0.5, 3, 1, 1, 4, 0.2] + [0, 5, 1, 20, 0, 0, 50, 1]
    store = rng.integers(0, N_STORES, n)
    flags = (rng.random((n, 6)) < [0.1, 0.3, 0.5, 0.2, 0.05, 0.4]).astype("float32")
    store_effect = rng.normal(0, 1.0, N_STORES)
    z = (numeric - numeric.mean(0)) / numeric.std(0)
    score = (0.9 * z[:, 0] - 0.7 * z[:, 1] + 0.5 * z[:, 2] * z[:, 3] + store_effect[store]
             + 0.8 * flags[:, 0] - 0.6 * flags[:, 3] + 0.4 * flags[:, 5] + rng.normal(0, 0.6, n))
    level = np.digitize(score, np.quantile(score, [0.33, 0.67])).astype("int64")
    table = {"numeric": numeric.astype("float32"), "store": store.astype("int64")[:, None],
             "flags": flags}  # fmt: skip
    cut = int(0.8 * n)
    return ({k: v[:cut] for k, v in table.items()}, level[:cut],
            {k: v[cut:] for k, v in table.items()}, level[cut:])  # fmt: skip


@cache
def three_imbalanced() -> Split:
    """3000 rows, 12 features, 3 classes at 75 / 18 / 7 %."""
    x, y = make_classification(3000, n_features=12, n_informative=7, n_classes=3,
                               n_clusters_per_class=1, weights=[0.75, 0.18, 0.07],
                               class_sep=1.1, random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"))


@cache
def rare_binary() -> Split:
    """5000 rows, 16 features, 15 % positives."""
    x, y = make_classification(5000, n_features=16, n_informative=8, weights=[0.85],
                               class_sep=0.9, flip_y=0.01, random_state=DATA_SEED + 4)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"))


@cache
def event_counts(n: int = 3000) -> Split:
    """12 count features (Poisson, most of them often 0: page views, clicks, ...), 4 usage
    profiles. Raw counts 0 .. ~300."""
    rng = np.random.default_rng(DATA_SEED)
    label = rng.integers(0, 4, n)
    base = rng.gamma(0.6, 1.0, (4, 12)) * rng.choice([0.3, 3.0, 30.0], (1, 12))
    rate = base[label] * rng.lognormal(0, 0.5, (n, 12))
    x = rng.poisson(rate).astype("float32")
    return split(x, label.astype("int64"))


VOCAB = 300
POSITIVE, NEGATIVE = range(2, 31), range(31, 61)


@cache
def padded_reviews(n: int = 3000, maxlen: int = 60) -> Split:
    """Short reviews of 5-20 token ids, post-padded with 0 to 60 (as pad_sequences(...,
    padding="post") writes them): label 1 when positive words outnumber negative ones."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros((n, maxlen), dtype="int64")
    y = np.zeros(n, dtype="int64")
    for i in range(n):
        size = int(rng.integers(5, 21))
        words = rng.integers(61, VOCAB, size=size)
        k_pos, k_neg = rng.integers(0, 4, size=2)
        if k_pos == k_neg:
            k_pos += 1
        k_pos, k_neg = min(k_pos, size), min(k_neg, size - min(k_pos, size))
        slots = rng.choice(size, size=k_pos + k_neg, replace=False)
        words[slots[:k_pos]] = rng.choice(POSITIVE, size=k_pos)
        words[slots[k_pos:]] = rng.choice(NEGATIVE, size=k_neg)
        x[i, :size] = words
        y[i] = int(k_pos > k_neg)
    return split(x, y)


@cache
def prices_thousands(n: int = 3000) -> Split:
    """House prices in thousands of dollars (about 60 to 900): surface, rooms, age, distance,
    a quality grade, and 3 noise columns."""
    rng = np.random.default_rng(DATA_SEED)
    sqm = rng.uniform(30, 300, n)
    rooms = np.clip((sqm / 35 + rng.normal(0, 0.8, n)).round(), 1, 9)
    age = rng.uniform(0, 80, n)
    dist = rng.gamma(2.0, 5.0, n)
    grade = rng.integers(1, 6, n)
    noise = rng.normal(size=(n, 3))
    price = (40 + 2.2 * sqm + 12 * rooms - 1.1 * age - 25 * np.sqrt(dist) + 30 * grade) \
        * rng.lognormal(0, 0.1, n)
    x = np.column_stack([sqm, rooms, age, dist, grade, noise]).astype("float32")
    return split(x, np.maximum(price, 20).astype("float32"), stratify=False)


@cache
def trend_series(n: int = 1400, window: int = 24) -> Split:
    """Monthly-like sales with a steady upward trend, a 12-step season and noise, min-max
    scaled on the training part (first 80 %, as the tutorials do); windows of 24 -> the next
    value. The validation part lies above the training range (scaled values up to ~1.3)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(n)
    s = 100 + 0.5 * t + 25 * np.sin(2 * np.pi * t / 12) + rng.normal(0, 6, n)
    cut = int(0.8 * n)
    lo, hi = s[:cut].min(), s[:cut].max()
    s = ((s - lo) / (hi - lo)).astype("float32")
    windows = np.lib.stride_tricks.sliding_window_view(s[:-1], window)[:, :, None]
    target = s[window:]
    last = cut - window  # training windows end inside the training part
    return (windows[:last].copy(), target[:last].copy(), windows[last:].copy(),
            target[last:].copy())  # fmt: skip


@cache
def mixed_scale_binary() -> Split:
    """4000 rows, 10 features as read from a file: each on its own scale and offset (0.01 to
    5000), binary label."""
    x, y = make_classification(4000, n_features=10, n_informative=6, class_sep=1.0,
                               random_state=DATA_SEED + 5)  # fmt: skip
    scale = np.array([0.01, 1, 50, 3, 5000, 0.2, 700, 10, 1, 120])
    offset = np.array([0.5, 0, 400, -2, 20000, 1, 3000, 100, 0, 60])
    return split((x * scale + offset).astype("float32"), y.astype("int64"))


@cache
def digits_sorted() -> Split:
    """Digits as 64 features in [0, 1]; the training rows ordered by label (as a
    folder-per-class export reads them), the validation rows in random order."""
    d = load_digits()
    x, y, xv, yv = split((d.data / 16.0).astype("float32"), d.target.astype("int64"))
    order = np.argsort(y, kind="stable")
    return x[order], y[order], xv, yv
