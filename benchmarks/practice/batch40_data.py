"""Data for the batch-40 cases: sklearn's bundled small tables (iris, wine, breast cancer,
diabetes) and a few-per-class subset of the 8 x 8 digits (data seed 0 (+100 .. +104), no
downloads).

Batch 40 is the small-data regime as practitioners meet it: 150-600 rows, few samples a
class, `validation_split` on small data, k-fold loops, augmentation, early stopping, small
batches, class imbalance in a tiny set. The tables are returned raw (the scripts scale them,
or forget to); iris and wine come in sklearn's own order, sorted by class.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def iris_rows() -> list[np.ndarray]:
    """sklearn's iris: 150 rows, 4 features (cm), three classes of 50, in sklearn's order
    (sorted by class: rows 0-49 setosa, 50-99 versicolor, 100-149 virginica). Returns x
    (float32, unscaled), y (integer 0..2)."""
    from sklearn.datasets import load_iris

    data = load_iris()
    return [data.data.astype("float32"), data.target.astype(np.int64)]


@cache
def wine_split() -> list[np.ndarray]:
    """sklearn's wine: 178 rows, 13 features on their own units (proline ~300..1700,
    magnesium ~70..160, hue ~0.5..1.7), three classes (59 / 71 / 48); a stratified split
    (seed 101): 124 train, 54 validate. Returns x, xval (unscaled float32), y, yval."""
    from sklearn.datasets import load_wine
    from sklearn.model_selection import train_test_split

    data = load_wine()
    x, xval, y, yval = train_test_split(data.data.astype("float32"),
                                        data.target.astype(np.int64), test_size=54,
                                        stratify=data.target,
                                        random_state=DATA_SEED + 101)  # fmt: skip
    return [x, xval, y, yval]


@cache
def cancer_split(n_train: int = 200, malignant: int = 20) -> list[np.ndarray]:
    """sklearn's breast cancer (569 rows, 30 features): a tiny imbalanced training set of
    `n_train` rows with `malignant` malignant ones (label 1 = malignant, the minority), and
    a validation set of the remaining rows at a 25 % malignant rate (seed 102). Standardised
    on the training rows. Returns x, xval, y, yval."""
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    y_all = (data.target == 0).astype(np.int64)  # sklearn: 0 = malignant
    rng = np.random.default_rng(DATA_SEED + 102)
    bad = rng.permutation(np.flatnonzero(y_all == 1))
    good = rng.permutation(np.flatnonzero(y_all == 0))
    train = rng.permutation(np.concatenate([bad[:malignant], good[:n_train - malignant]]))
    rest_good = good[n_train - malignant:]
    rest_bad = bad[malignant:malignant + len(rest_good) // 3]
    val = rng.permutation(np.concatenate([rest_bad, rest_good]))
    x, xval = data.data[train].astype("float32"), data.data[val].astype("float32")
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(x - mean) / sd, (xval - mean) / sd, y_all[train], y_all[val]]


@cache
def diabetes_split() -> list[np.ndarray]:
    """sklearn's diabetes regression: 442 rows, 10 features (already centred and scaled by
    sklearn), target a disease-progression score 25..346; a seeded split (103): 332 train,
    110 validate. Returns x, xval, y, yval (y float32, raw units)."""
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    order = np.random.default_rng(DATA_SEED + 103).permutation(len(data.target))
    x, y = data.data[order].astype("float32"), data.target[order].astype("float32")
    return [x[:332], x[332:], y[:332], y[332:]]


@cache
def digits_few(per_class: int = 20) -> list[np.ndarray]:
    """sklearn's 8 x 8 digits in a seeded order (104), pixels / 16, shape (n, 8, 8, 1):
    `per_class` images of each digit train (200 by default), 600 other images validate.
    Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 104).permutation(len(digits.target))
    images = (digits.images[order] / 16.0).astype("float32")[..., None]
    target = digits.target[order].astype(np.int64)
    train = np.sort(np.concatenate([np.flatnonzero(target == d)[:per_class]
                                    for d in range(10)]))  # fmt: skip
    rest = np.setdiff1d(np.arange(len(target)), train)[:600]
    return [images[train], images[rest], target[train], target[rest]]
