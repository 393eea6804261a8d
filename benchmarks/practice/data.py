"""Data for the practice cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

The seed of a run changes the model's initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_diabetes,
    load_digits,
    load_wine,
    make_classification,
    make_moons,
)
from sklearn.model_selection import train_test_split

DATA_SEED = 0
Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@cache
def digits_uint8() -> Split:
    """sklearn digits as 8x8x1 uint8 images (0-255, as images come off disk), 80/20 split."""
    d = load_digits()
    x = np.round(d.images * (255 / 16)).astype("uint8")[..., None]
    y = d.target.astype("int64")
    xt, xv, yt, yv = train_test_split(x, y, test_size=0.2, random_state=DATA_SEED, stratify=y)
    return xt, yt, xv, yv


@cache
def breast_cancer() -> Split:
    """Breast cancer features (raw scales, 0.001 to 4000), binary labels, 80/20 split."""
    d = load_breast_cancer()
    xt, xv, yt, yv = train_test_split(
        d.data.astype("float32"), d.target.astype("float32"),
        test_size=0.2, random_state=DATA_SEED, stratify=d.target,
    )  # fmt: skip
    return xt, yt, xv, yv


@cache
def wine() -> Split:
    d = load_wine()
    xt, xv, yt, yv = train_test_split(
        d.data.astype("float32"), d.target.astype("int64"),
        test_size=0.25, random_state=DATA_SEED, stratify=d.target,
    )  # fmt: skip
    return xt, yt, xv, yv


@cache
def diabetes() -> Split:
    """Diabetes regression: raw features (already centred), targets standardised."""
    d = load_diabetes()
    y = ((d.target - d.target.mean()) / d.target.std()).astype("float32")
    xt, xv, yt, yv = train_test_split(
        d.data.astype("float32"), y, test_size=0.2, random_state=DATA_SEED
    )
    return xt, yt, xv, yv


@cache
def moons() -> Split:
    x, y = make_moons(1200, noise=0.2, random_state=DATA_SEED)
    xt, xv, yt, yv = train_test_split(
        x.astype("float32"), y.astype("float32"), test_size=0.25, random_state=DATA_SEED
    )
    return xt, yt, xv, yv


@cache
def imbalanced() -> Split:
    """Binary, 92/8 %, 20 features."""
    x, y = make_classification(
        3000, n_features=20, n_informative=6, weights=[0.92], flip_y=0.01,
        class_sep=1.0, random_state=DATA_SEED,
    )  # fmt: skip
    xt, xv, yt, yv = train_test_split(
        x.astype("float32"), y.astype("int64"), test_size=0.25,
        random_state=DATA_SEED, stratify=y,
    )  # fmt: skip
    return xt, yt, xv, yv


@cache
def tabular_two_parts() -> tuple[Split, Split]:
    """3 classes, 16 features given as two inputs (8 'numeric', 8 'profile' columns)."""
    x, y = make_classification(
        2000, n_features=16, n_informative=8, n_classes=3, random_state=DATA_SEED
    )
    xt, xv, yt, yv = train_test_split(
        x.astype("float32"), y.astype("int64"), test_size=0.2, random_state=DATA_SEED
    )
    return (xt[:, :8], yt, xv[:, :8], yv), (xt[:, 8:], yt, xv[:, 8:], yv)


VOCAB = 400
POSITIVE = range(2, 42)
NEGATIVE = range(42, 82)


@cache
def tokens(n: int = 2400, length: int = 40) -> Split:
    """Token ids (0 pads the end): label 1 when 'positive' words outnumber 'negative' ones."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros((n, length), dtype="int64")
    y = np.zeros(n, dtype="int64")
    for i in range(n):
        size = int(rng.integers(length // 2, length + 1))
        words = rng.integers(82, VOCAB, size=size)
        k_pos, k_neg = rng.integers(0, 6, size=2)
        if k_pos == k_neg:
            k_pos += 1
        slots = rng.choice(size, size=k_pos + k_neg, replace=False)
        words[slots[:k_pos]] = rng.choice(POSITIVE, size=k_pos)
        words[slots[k_pos:]] = rng.choice(NEGATIVE, size=k_neg)
        x[i, :size] = words
        y[i] = int(k_pos > k_neg)
    cut = int(0.8 * n)
    return x[:cut], y[:cut], x[cut:], y[cut:]


@cache
def signals(n: int = 1500, length: int = 64) -> Split:
    """Noisy 1-D signals (length 64, 1 channel): sine, square or sawtooth wave (3 classes)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(length)
    y = rng.integers(0, 3, size=n)
    freq = rng.uniform(1.5, 4.0, size=n)[:, None] / length
    phase = rng.uniform(0, 1, size=n)[:, None]
    cycle = (t[None, :] * freq + phase) % 1.0
    waves = np.stack([np.sin(2 * np.pi * cycle), np.sign(np.sin(2 * np.pi * cycle)),
                      2 * cycle - 1])  # fmt: skip
    x = waves[y, np.arange(n)] + rng.normal(0, 0.6, size=(n, length))
    x = x.astype("float32")[..., None]
    cut = int(0.8 * n)
    return x[:cut], y[:cut].astype("int64"), x[cut:], y[cut:].astype("int64")
