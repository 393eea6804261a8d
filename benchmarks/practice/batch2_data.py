"""Data for the batch-2 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

The seed of a run changes the model's initialisation, dropout and shuffling, never the data.
Features are returned raw: the scripts scale them (or, in a fault, do not).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_digits,
    load_iris,
    make_circles,
    make_classification,
    make_friedman1,
    make_multilabel_classification,
    make_regression,
)
from sklearn.model_selection import train_test_split
from sklearn.utils import shuffle

DATA_SEED = 0
Split = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def split(x: np.ndarray, y: np.ndarray, test_size: float = 0.2, stratify: bool = True) -> Split:
    xt, xv, yt, yv = train_test_split(x, y, test_size=test_size, random_state=DATA_SEED,
                                      stratify=y if stratify else None)  # fmt: skip
    return xt, yt, xv, yv


@cache
def iris_shuffled() -> tuple[np.ndarray, np.ndarray]:
    """Iris, all 150 rows, shuffled once (the file is sorted by class), for validation_split."""
    d = load_iris()
    x, y = shuffle(d.data.astype("float32"), d.target.astype("int64"), random_state=DATA_SEED)
    return x, y


@cache
def iris() -> Split:
    d = load_iris()
    return split(d.data.astype("float32"), d.target.astype("int64"))


@cache
def digits_flat() -> Split:
    """sklearn digits as 64 integer features 0..16 (int64, as loaded), 80/20 split."""
    d = load_digits()
    return split(d.data.astype("int64"), d.target.astype("int64"))


@cache
def cancer_imbalanced() -> Split:
    """Breast cancer with most malignant rows dropped: 357 benign (1), 40 malignant (0)."""
    d = load_breast_cancer()
    rng = np.random.default_rng(DATA_SEED)
    malignant = np.flatnonzero(d.target == 0)
    keep = np.concatenate([np.flatnonzero(d.target == 1), rng.choice(malignant, 40, False)])
    return split(d.data[keep].astype("float32"), d.target[keep].astype("int64"), 0.25)


@cache
def circles() -> Split:
    x, y = make_circles(1000, noise=0.08, factor=0.5, random_state=DATA_SEED)
    return split(x.astype("float32"), y.astype("int64"))


@cache
def noisy_classes() -> Split:
    """Binary, 10 features, 15 % of the labels flipped: a noisy task (best accuracy ~0.85)."""
    x, y = make_classification(900, n_features=10, n_informative=5, flip_y=0.15,
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"), 0.25)


@cache
def four_classes() -> Split:
    x, y = make_classification(3000, n_features=20, n_informative=10, n_classes=4,
                               n_clusters_per_class=2, random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"))


@cache
def multilabel() -> Split:
    """20 count features, 5 labels (a row has 0-4 of them), multi-hot targets."""
    x, y = make_multilabel_classification(2000, n_features=20, n_classes=5, n_labels=2,
                                          random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def waves_1d() -> Split:
    """One input x in [-3, 3], three outputs: sin x, cos 2x, x^2/4 - 1 (plus noise 0.05)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.uniform(-3, 3, size=(1000, 1))
    y = np.concatenate([np.sin(x), np.cos(2 * x), x**2 / 4 - 1], axis=1)
    y = y + rng.normal(0, 0.05, size=y.shape)
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def sine_windows(n: int = 1500, window: int = 24) -> Split:
    """Next value of a noisy sine of random frequency from the previous `window` values."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(window + 1)
    freq = rng.uniform(0.05, 0.25, size=(n, 1))
    phase = rng.uniform(0, 2 * np.pi, size=(n, 1))
    series = np.sin(freq * t[None, :] * 2 * np.pi / 2 + phase)
    series = series + rng.normal(0, 0.05, size=series.shape)
    x, y = series[:, :window, None], series[:, window]
    cut = int(0.8 * n)
    return (x[:cut].astype("float32"), y[:cut].astype("float32"),
            x[cut:].astype("float32"), y[cut:].astype("float32"))  # fmt: skip


@cache
def outlier_regression() -> Split:
    """make_regression (8 features), 5 % of the targets replaced by gross outliers; targets
    in their raw units (std ~100)."""
    x, y = make_regression(1200, n_features=8, n_informative=6, noise=10.0,
                           random_state=DATA_SEED)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED)
    bad = rng.choice(len(y), size=len(y) // 20, replace=False)
    y[bad] += rng.choice([-1, 1], size=len(bad)) * rng.uniform(400, 800, size=len(bad))
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def friedman() -> Split:
    """Friedman #1 (10 features, 5 used), features stretched to different units
    (x1000, x0.01, ...), targets raw (about 0 to 30)."""
    x, y = make_friedman1(1500, n_features=10, noise=1.0, random_state=DATA_SEED)
    x = x * np.array([1000, 0.01, 50, 1, 3, 200, 1, 0.1, 10, 5])
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def wide_deep_data() -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray],
                              np.ndarray]:  # fmt: skip
    """A click-through-like binary task: three categorical columns (5, 8, 4 levels, as ints)
    and six numeric ones (standard normal); the label depends on a cross of two categories
    (memorisation, the wide part) and on the numeric columns (the deep part)."""
    rng = np.random.default_rng(DATA_SEED)
    n = 3000
    cats = np.stack([rng.integers(0, 5, n), rng.integers(0, 8, n), rng.integers(0, 4, n)], 1)
    num = rng.normal(size=(n, 6))
    cross = rng.normal(0, 1.5, size=(5, 8))[cats[:, 0], cats[:, 1]]
    score = cross + 0.8 * np.tanh(num[:, 0] * num[:, 1]) + 0.6 * num[:, 2] - 0.4 * cats[:, 2]
    y = (score + rng.logistic(0, 0.5, n) > np.median(score)).astype("float32")
    onehot = np.concatenate([np.eye(k)[cats[:, i]] for i, k in enumerate((5, 8, 4))], 1)
    crossed = np.eye(40)[cats[:, 0] * 8 + cats[:, 1]]
    wide = np.concatenate([onehot, crossed], 1).astype("float32")
    cut = int(0.8 * n)
    xs = {"wide": wide, "deep": num.astype("float32")}
    train = {k: v[:cut] for k, v in xs.items()}
    val = {k: v[cut:] for k, v in xs.items()}
    return train, y[:cut], val, y[cut:]


@cache
def customers() -> Split:
    """Churn-like binary task on columns of mixed units: age (18-80), tenure in months,
    monthly charge (20-120), account balance (lognormal, about 1e3-1e5), annual revenue of
    the customer's company (1e6-5e7, the 'millions' column), a 0/1 flag."""
    rng = np.random.default_rng(DATA_SEED)
    n = 2000
    age = rng.uniform(18, 80, n)
    tenure = rng.integers(0, 72, n).astype(float)
    charge = rng.uniform(20, 120, n)
    balance = rng.lognormal(9, 1.0, n)
    revenue = rng.uniform(1e6, 5e7, n)
    flag = rng.integers(0, 2, n).astype(float)
    score = (-0.04 * tenure + 0.03 * charge - 0.5 * (np.log(balance) - 9)
             + 0.8 * (revenue / 5e7 - 0.5) + 0.7 * flag - 0.02 * (age - 50))  # fmt: skip
    y = (score + rng.logistic(0, 0.6, n) > np.median(score)).astype("int64")
    x = np.stack([age, tenure, charge, balance, revenue, flag], 1).astype("float64")
    return split(x, y)
