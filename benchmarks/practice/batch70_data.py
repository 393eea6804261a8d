"""Data for the batch-70 cases: tables with a known monotone or convex structure (generated,
data seed 0 (+700 .. +704)) and sklearn's bundled breast cancer, diabetes and digits (no
downloads).

Batch 70 is shape-constrained and constrained-weight models: monotone networks, input-convex
networks, piecewise-linear calibrators, `keras.constraints` on kernels, bounded outputs,
orthogonality penalties. The tables come raw (the scripts scale them, or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

CREDIT_SIGNS = np.array([-1.0, 1.0, 1.0, -1.0, 0.0, 0.0, 0.0, 0.0], dtype="float32")
"""How the default risk moves with each credit column: -1 decreasing, +1 increasing, 0 free."""


@cache
def credit_table(n_train: int = 3000, n_val: int = 1000) -> list[np.ndarray]:
    """A generated credit-default table (seed 700): 8 columns in their own units, the first
    four monotone in the risk: income (dollars, ~10k..300k; risk decreasing), debt (dollars,
    ~1k..150k; increasing), late payments (count 0..8; increasing), credit age (months
    6..360; decreasing); four free columns (standard normal) acting through sin, a square
    and a product. Label 1 = default (~35 %), drawn with logistic noise. Returns x, xval
    (float32, raw units), y, yval (0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 700)
    n = n_train + n_val
    income = rng.lognormal(np.log(50_000), 0.5, n)
    debt = rng.lognormal(np.log(15_000), 0.8, n)
    late = rng.poisson(1.0, n).astype(float)
    age = rng.uniform(6, 360, n)
    free = rng.normal(size=(n, 4))
    logit = (2.0 * np.log(debt / income * 3.0) + 0.9 * late - 0.008 * (age - 120)
             + 1.5 * np.sin(2 * free[:, 0]) + 0.9 * (free[:, 1] ** 2 - 1)
             + 0.8 * free[:, 2] * free[:, 3] - 0.4)  # fmt: skip
    y = (logit + rng.logistic(size=n) * 0.6 > 0).astype(np.int64)
    x = np.column_stack([income, debt, late, age, free]).astype("float32")
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


@cache
def convex_table(n_train: int = 2400, n_val: int = 600, d: int = 6) -> list[np.ndarray]:
    """A generated regression with a convex target (seed 701): x uniform on [-2, 2]^d, y =
    a quadratic bowl off centre + a log-sum-exp of 4 affine maps + |x0 - 0.5| + noise (sd
    1.5); y about 0..75, sd ~9.8. Returns x, xval, y, yval (float32, raw units)."""
    rng = np.random.default_rng(DATA_SEED + 701)
    n = n_train + n_val
    x = rng.uniform(-2, 2, (n, d))
    a = rng.normal(size=(d, d)) / np.sqrt(d)
    b = rng.normal(size=(d, 4))
    centre = rng.uniform(-0.7, 0.7, d)
    bowl = np.sum(((x - centre) @ a) ** 2, axis=1)
    lse = np.log(np.sum(np.exp(x @ b), axis=1))
    y = bowl + lse + np.abs(x[:, 0] - 0.5) + rng.normal(scale=1.5, size=n)
    x, y = x.astype("float32"), y.astype("float32")
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


@cache
def cancer_split() -> list[np.ndarray]:
    """sklearn's breast cancer (569 rows, 30 features in their own units): a stratified
    split (seed 702), 400 train, 169 validate; label 1 = malignant. Returns x, xval (raw
    float32), y, yval."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    data = load_breast_cancer()
    y_all = (data.target == 0).astype(np.int64)
    x, xval, y, yval = train_test_split(data.data.astype("float32"), y_all, test_size=169,
                                        stratify=y_all, random_state=DATA_SEED + 702)  # fmt: skip
    return [x, xval, y, yval]


@cache
def diabetes_split() -> list[np.ndarray]:
    """sklearn's diabetes regression (442 rows, 10 features as sklearn ships them: centred,
    each column of norm 1, so sd ~0.048), target 25..346; a seeded split (703): 332 train,
    110 validate. Returns x, xval, y, yval (float32, raw)."""
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    order = np.random.default_rng(DATA_SEED + 703).permutation(len(data.target))
    x, y = data.data[order].astype("float32"), data.target[order].astype("float32")
    return [x[:332], x[332:], y[:332], y[332:]]


@cache
def digits_split() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits flattened to 64 pixels / 16, a seeded order (704): 1297
    train, 500 validate. Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 704).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:1297], x[1297:], y[:1297], y[1297:]]
