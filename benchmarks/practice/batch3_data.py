"""Data for the batch-3 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

The seed of a run changes the model's initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_digits,
    load_iris,
    load_wine,
    make_classification,
    make_friedman1,
    make_moons,
    make_multilabel_classification,
)
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def digit_images() -> Split:
    """Digits as (8, 8, 1) float32 in [0, 1] (pixels / 16), labels 0..9, 80/20 split."""
    d = load_digits()
    return split((d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_raw_flat() -> Split:
    """Digits as 64 raw pixel values 0..16 (float32), labels 0..9."""
    d = load_digits()
    return split(d.data.astype("float32"), d.target.astype("int64"))


@cache
def digits_two_parts() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray],
                                dict[str, np.ndarray], dict[str, np.ndarray]]:  # fmt: skip
    """Two inputs (the image and 6 hand-made stroke features) and two targets (the class and
    the total ink, a regression target in raw pixel units: sum of 64 pixels 0..16)."""
    d = load_digits()
    img = (d.images / 16.0).astype("float32")
    feats = np.stack([img.mean((1, 2)), img[:, :4].mean((1, 2)), img[:, 4:].mean((1, 2)),
                      img[:, :, :4].mean((1, 2)), img[:, :, 4:].mean((1, 2)),
                      (img > 0.5).mean((1, 2))], 1)  # fmt: skip
    feats = (feats - feats.mean(0)) / feats.std(0)
    ink = d.data.sum(1).astype("float32")
    idx = np.arange(len(img))
    tr, va = train_test_split(idx, test_size=0.2, random_state=DATA_SEED, stratify=d.target)
    def part(i):  # noqa: E306
        return ({"image": img[i, ..., None], "strokes": feats[i].astype("float32")},
                {"digit": d.target[i].astype("int64"), "ink": ink[i]})  # fmt: skip
    (x, y), (xv, yv) = part(tr), part(va)
    return x, y, xv, yv


@cache
def cancer() -> Split:
    d = load_breast_cancer()
    return split(d.data.astype("float32"), d.target.astype("int64"))


@cache
def moons_noisy() -> Split:
    x, y = make_moons(1200, noise=0.25, random_state=DATA_SEED)
    return split(x.astype("float32"), y.astype("int64"))


@cache
def rare_positive() -> Split:
    """Binary, 12 features, 8 % positives: the focal-loss use case."""
    x, y = make_classification(2500, n_features=12, n_informative=6, weights=[0.92],
                               class_sep=1.2, random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("float32"), 0.25)


@cache
def seasonal_windows(n_series: int = 1200, past: int = 30, ahead: int = 5) -> Split:
    """Daily-sales-like series (trend + weekly + monthly season + noise), standardised scale
    (level 0, std about 1): the 30 past values -> the next 5. Split by series."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(past + ahead)[None, :]
    start = rng.uniform(0, 60, size=(n_series, 1))
    slope = rng.normal(0, 0.01, size=(n_series, 1))
    s = (np.sin(2 * np.pi * (t + start) / 7) + 0.6 * np.sin(2 * np.pi * (t + start) / 30)
         + slope * t + rng.normal(0, 0.2, size=(n_series, past + ahead)))  # fmt: skip
    x, y = s[:, :past, None], s[:, past:]
    cut = int(0.8 * n_series)
    return (x[:cut].astype("float32"), y[:cut].astype("float32"),
            x[cut:].astype("float32"), y[cut:].astype("float32"))  # fmt: skip


@cache
def reverse_sequences(n: int = 4000, length: int = 6) -> Split:
    """Sequences of 6 digits 0..9 -> the same sequence reversed (integer targets per step)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.integers(0, 10, size=(n, length))
    y = x[:, ::-1].copy()
    cut = int(0.8 * n)
    return x[:cut].astype("int64"), y[:cut].astype("int64"), x[cut:].astype("int64"), \
        y[cut:].astype("int64")  # fmt: skip


@cache
def digit_pairs(n_train: int = 3000, n_val: int = 600) -> tuple[dict[str, np.ndarray],
        np.ndarray, dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Pairs of digits (64 features / 16 each): label 1 when both show the same digit (half
    the pairs). Train pairs from the training digits, validation pairs from the held-out."""
    d = load_digits()
    x, y = (d.data / 16.0).astype("float32"), d.target
    tr, va = train_test_split(np.arange(len(x)), test_size=0.2, random_state=DATA_SEED,
                              stratify=y)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED)

    def pairs(idx: np.ndarray, n: int):  # type: ignore[no-untyped-def]
        a = rng.choice(idx, n)
        same = rng.random(n) < 0.5
        b = np.empty(n, dtype=int)
        for k in range(n):
            pool = idx[(y[idx] == y[a[k]]) == same[k]]
            b[k] = rng.choice(pool)
        return {"left": x[a], "right": x[b]}, same.astype("float32")

    xt, yt = pairs(tr, n_train)
    xv, yv = pairs(va, n_val)
    return xt, yt, xv, yv


@cache
def graded_friedman() -> Split:
    """Friedman #1 turned into 5 ordinal grades 0..4 (quintiles of the target), as floats."""
    x, y = make_friedman1(1500, n_features=8, noise=0.5, random_state=DATA_SEED)
    grades = np.digitize(y, np.quantile(y, [0.2, 0.4, 0.6, 0.8])).astype("float32")
    return split(x.astype("float32"), grades, stratify=False)


@cache
def drifting_binary() -> Split:
    """Binary, 10 features, rows in time order (later rows matter more to the business)."""
    x, y = make_classification(2000, n_features=10, n_informative=6, flip_y=0.05,
                               random_state=DATA_SEED)  # fmt: skip
    cut = 1600
    return x[:cut].astype("float32"), y[:cut].astype("int64"), x[cut:].astype("float32"), \
        y[cut:].astype("int64")  # fmt: skip


@cache
def wine_split() -> Split:
    d = load_wine()
    return split(d.data.astype("float32"), d.target.astype("int64"), 0.25)


@cache
def iris_small() -> Split:
    """Iris, 150 rows: 120 to train, 30 to validate."""
    d = load_iris()
    return split(d.data.astype("float32"), d.target.astype("int64"))


@cache
def multilabel6() -> Split:
    x, y = make_multilabel_classification(2000, n_features=24, n_classes=6, n_labels=2,
                                          random_state=DATA_SEED)  # fmt: skip
    return split(np.log1p(x).astype("float32"), y.astype("float32"), stratify=False)
