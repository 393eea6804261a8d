"""Data for the batch-41 cases: sklearn's bundled 8 x 8 digits, breast cancer and diabetes
tables (data seed 0 (+110 .. +113), no downloads).

Batch 41 is resumed, repeated and staged training: the scripts fit the same model several
times, save and reload it, recompile it between stages, change its rate by hand, and train
a curriculum (easy rows first). The data are plain; the stages are the scripts'.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (110), pixels / 16, shape
    (n, 8, 8, 1): 1200 train, 597 validate. Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 110).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")[..., None]
    target = digits.target[order].astype(np.int64)
    return [images[:1200], images[1200:], target[:1200], target[1200:]]


@cache
def digits_difficulty() -> np.ndarray:
    """How hard each of the 1200 training digits is: one minus the probability a quick
    logistic regression (fitted on the training rows, C=0.05) gives its true class. The
    curriculum scripts take the easiest rows first."""
    from sklearn.linear_model import LogisticRegression

    x, _, y, _ = digits_split()
    flat = x.reshape(len(x), -1)
    teacher = LogisticRegression(C=0.05, max_iter=500).fit(flat, y)
    return 1.0 - teacher.predict_proba(flat)[np.arange(len(y)), y]


@cache
def cancer_split() -> list[np.ndarray]:
    """sklearn's breast cancer (569 rows, 30 features; label 1 = malignant), a stratified
    split (seed 111): 400 train, 169 validate; standardised on the training rows. Returns x,
    xval, y, yval."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer()
    y_all = (data.target == 0).astype(np.int64)
    x, xval, y, yval = train_test_split(data.data.astype("float32"), y_all, test_size=169,
                                        stratify=y_all, random_state=DATA_SEED + 111)  # fmt: skip
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(x - mean) / sd, (xval - mean) / sd, y, yval]


@cache
def diabetes_split() -> list[np.ndarray]:
    """sklearn's diabetes regression (442 rows, 10 features already centred and scaled), a
    seeded split (112): 332 train, 110 validate; the target standardised with the training
    rows' mean / sd. Returns x, xval, y, yval (float32)."""
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    order = np.random.default_rng(DATA_SEED + 112).permutation(len(data.target))
    x, y = data.data[order].astype("float32"), data.target[order].astype("float32")
    mean, sd = y[:332].mean(), y[:332].std()
    y = (y - mean) / sd
    return [x[:332], x[332:], y[:332], y[332:]]
