"""Tabular data for the batch-14 cases (generated, data seed 0): rows with a low-rank
"normal" structure plus anomalies, item pairs with a preference label, additive per-feature
effects, multi-task labels with missing (NaN) entries, a continuous target to bin, and raw
mixed-unit columns. The seed of a run changes initialisation, dropout and shuffling, never
the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def normal_and_anomalous() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """12 sensor columns driven by 3 latent factors (normal rows) or, for 6 % of the rows,
    with 4 columns off the normal relation (anomalies, label 1). Standardised on the training
    part. Returns x_train (all rows), y_train (0 normal / 1 anomaly), x_val (normal rows
    only); 6000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n = 6000
    latent = rng.normal(size=(n, 3))
    mixing = rng.normal(size=(3, 12))
    x = np.tanh(latent @ mixing / 2) * 2 + rng.normal(0, 0.1, (n, 12))
    y = (rng.uniform(size=n) < 0.06).astype("int64")
    cols = rng.integers(0, 12, (n, 4))
    for i in np.flatnonzero(y):
        x[i, cols[i]] = rng.normal(0, 2.0, 4)
    cut = 4800
    scaler = StandardScaler().fit(x[:cut][y[:cut] == 0])
    xt, xv = scaler.transform(x[:cut]), scaler.transform(x[cut:][y[cut:] == 0])
    return xt.astype("float32"), y[:cut], xv.astype("float32")


@cache
def preference_pairs() -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray], np.ndarray]:
    """Items with 10 standardised features and a hidden non-linear utility; pairs (a, b) with
    label 1 when a's utility (plus noise 0.3) is higher. Training pairs from 800 items,
    validation pairs from 200 others. Returns [a, b], y, [a_v, b_v], y_v (6000 / 1500)."""
    rng = np.random.default_rng(DATA_SEED)
    items = rng.normal(size=(1000, 10)).astype("float32")
    utility = items[:, 0] + np.sin(2 * items[:, 1]) + 0.5 * items[:, 2] * items[:, 3] \
        - 0.4 * items[:, 4] ** 2

    def pairs(lo: int, hi: int, count: int) -> tuple[list[np.ndarray], np.ndarray]:
        a, b = rng.integers(lo, hi, count), rng.integers(lo, hi, count)
        label = (utility[a] - utility[b] + rng.normal(0, 0.3, count) > 0).astype("float32")
        return [items[a], items[b]], label

    (xa, ya), (xv, yv) = pairs(0, 800, 6000), pairs(800, 1000, 1500)
    return xa, ya, xv, yv


@cache
def additive_effects() -> Split:
    """12 standardised features, a standardised target that is a sum of per-feature
    non-linear effects (sin, |x|, steps, squares) plus noise 0.2; 5000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(5000, 12))
    y = np.sin(2 * x[:, 0]) + np.abs(x[:, 1]) + (x[:, 2] > 0.5) + 0.5 * x[:, 3] ** 2 \
        - np.tanh(3 * x[:, 4]) + 0.7 * x[:, 5] + rng.normal(0, 0.2, 5000)
    y = (y - y.mean()) / y.std()
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("float32")[:, None], stratify=False)
    return xt, yt, xv, yv


@cache
def partly_labelled_tasks() -> Split:
    """16 standardised features, 3 binary tasks (each a different linear-plus-interaction
    rule); 30 % of the labels missing (NaN), independently per task. 5000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(5000, 16)).astype("float32")
    scores = np.stack([x[:, 0] + x[:, 1] - x[:, 2], x[:, 3] * x[:, 4] + 0.5 * x[:, 5],
                       np.sin(x[:, 6]) + x[:, 7] - 0.5 * x[:, 0]], 1)  # fmt: skip
    y = (scores + rng.normal(0, 0.3, scores.shape) > 0).astype("float32")
    y[rng.uniform(size=y.shape) < 0.3] = np.nan
    return split(x, y, stratify=False)


@cache
def continuous_target() -> Split:
    """10 standardised features, a continuous target (non-linear, noise 0.3) to be binned;
    4000 rows, 80/20; targets (n,) float32."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(4000, 10))
    y = 2 * x[:, 0] + np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] + rng.normal(0, 0.3, 4000)
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def raw_mixed_units() -> Split:
    """5 classes of customers from 8 columns in raw units (age 18..90, income 1e4..2e5,
    visits 0..60, basket 5..500, tenure days 0..3000, 3 ratios 0..1), never scaled;
    4000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    z = rng.normal(size=(4000, 8))
    scale = np.array([15, 4e4, 10, 80, 700, 0.2, 0.2, 0.2])
    centre = np.array([50, 7e4, 20, 120, 1200, 0.5, 0.5, 0.5])
    x = z * scale + centre
    score = np.stack([z[:, 0] + z[:, 5], z[:, 1] - z[:, 2], z[:, 3] * z[:, 4], z[:, 6] - z[:, 0],
                      z[:, 7] + 0.5 * z[:, 2]], 1) + rng.normal(0, 0.5, (4000, 5))  # fmt: skip
    return split(x.astype("float32"), score.argmax(1).astype("int64"))
