"""Data for the batch-58 cases: a generated mixed numeric / categorical customer table, a
generated multi-class table (`make_classification`) and a generated regression with sharp,
periodic structure (data seed 0 (+580 .. +583), no downloads).

Batch 58 is modern deep tabular architectures as practitioners write them in Keras 3:
wide-and-deep, Deep & Cross, feature-tokenizer transformers, TabNet-like attentive masks,
soft decision trees, periodic / piecewise-linear numeric embeddings, residual MLPs. The
tables are returned raw (numeric columns on their own units); the scripts scale them, or
forget to.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

NUMERIC = ("age", "income", "balance", "tenure_months", "utilisation", "calls")
CATEGORIES = {"region": 6, "product": 8, "channel": 4}


@cache
def customer_table(n_train: int = 3000, n_val: int = 1000) -> dict[str, np.ndarray]:
    """A generated churn table (seed 580): six numeric columns on their own units (age
    18..80 years, income ~1.5e4..3e5 lognormal, balance -5e3..6e4, tenure 0..120 months,
    utilisation 0..1, calls 0..~12 Poisson) and three categorical codes (region 6, product 8,
    channel 4). The label (churn = 1, ~50 %) depends on a product x channel cross, an age x
    income interaction, a periodic utilisation effect and region, with label noise (a model
    that finds the structure reaches ~0.85). Returns `num` / `num_val` (float32, raw units),
    `cat` / `cat_val` (int64, (n, 3)), `y` / `y_val` (int64 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 580)
    n = n_train + n_val
    age = rng.uniform(18, 80, n)
    income = np.exp(rng.normal(10.8, 0.6, n))
    balance = rng.gamma(1.5, 8000.0, n) - 5000.0
    tenure = rng.integers(0, 121, n).astype(float)
    util = rng.uniform(0, 1, n)
    calls = rng.poisson(3.0, n).astype(float)
    region = rng.integers(0, 6, n)
    product = rng.integers(0, 8, n)
    channel = rng.integers(0, 4, n)
    z_age = (age - 49) / 18
    z_inc = (np.log(income) - 10.8) / 0.6
    cross = rng.normal(0, 1.6, (8, 4))[product, channel]
    region_effect = np.array([-0.8, 0.0, 0.6, -0.3, 0.9, -0.4])[region]
    logit = (cross + 1.5 * z_age * z_inc + 1.2 * np.sin(2 * np.pi * util) + region_effect
             - 0.02 * (tenure - 60) + 0.35 * (calls - 3) + 0.6 * (balance < 0) - 0.1)
    y = (logit + rng.logistic(0, 0.45, n) > 0).astype(np.int64)
    num = np.stack([age, income, balance, tenure, util, calls], axis=1).astype("float32")
    cat = np.stack([region, product, channel], axis=1).astype(np.int64)
    return {"num": num[:n_train], "num_val": num[n_train:], "cat": cat[:n_train],
            "cat_val": cat[n_train:], "y": y[:n_train], "y_val": y[n_train:]}  # fmt: skip


@cache
def multiclass_table() -> list[np.ndarray]:
    """sklearn's `make_classification` (seed 581): 3000 rows, 24 features (8 informative, 6
    redundant, 10 noise), 4 classes, 2 clusters a class, class_sep 1.2, 3 % flipped labels;
    2400 train, 600 validate. Features roughly standard already. Returns x, xval, y, yval."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=3000, n_features=24, n_informative=8,
                               n_redundant=6, n_classes=4, n_clusters_per_class=2,
                               class_sep=1.2, flip_y=0.03,
                               random_state=DATA_SEED + 581)  # fmt: skip
    x = x.astype("float32")
    return [x[:2400], x[2400:], y[:2400].astype(np.int64), y[2400:].astype(np.int64)]


@cache
def sharp_regression(n_train: int = 4000, n_val: int = 1000) -> list[np.ndarray]:
    """A generated regression (seed 582) whose target has sharp and periodic parts, where
    numeric embeddings help an MLP: 8 features, the first on a unit scale and the others on
    their own units (x1 in 0..1000 m, x2 in 0..50 degC, x3 in -3..3, x4 0..24 h, x5 0..1,
    x6 in 0..2e5, x7 and x8 noise); y = sin(2 pi x1 / 250) + 1.5 [x2 > 30] + |x3| +
    cos(2 pi x4 / 24) + 2 x5 x3 + log(x6 + 1) / 5 + N(0, 0.2). Returns x, xval (raw units),
    y, yval (y standardised on the training rows)."""
    rng = np.random.default_rng(DATA_SEED + 582)
    n = n_train + n_val
    x = np.stack([rng.uniform(0, 1000, n), rng.uniform(0, 50, n), rng.uniform(-3, 3, n),
                  rng.uniform(0, 24, n), rng.uniform(0, 1, n), rng.uniform(0, 2e5, n),
                  rng.normal(0, 1, n), rng.uniform(0, 100, n)], axis=1)  # fmt: skip
    y = (np.sin(2 * np.pi * x[:, 0] / 250) + 1.5 * (x[:, 1] > 30) + np.abs(x[:, 2])
         + np.cos(2 * np.pi * x[:, 3] / 24) + 2 * x[:, 4] * x[:, 2] + np.log(x[:, 5] + 1) / 5
         + rng.normal(0, 0.2, n))  # fmt: skip
    y = (y - y[:n_train].mean()) / y[:n_train].std()
    x = x.astype("float32")
    y = y.astype("float32")
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]
