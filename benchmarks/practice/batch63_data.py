"""Data for the batch-63 cases: one-class, anomaly and novelty detection (data seed 0
(+630 .. +634), no downloads).

Batch 63 is anomaly detection as practitioners write it: sklearn's 8 x 8 digits with one
digit as the normal class (the other digits are the novelties), a generated plant-sensor
table in its own units (pressures and flows in the thousands, temperatures in the hundreds)
with injected anomalies (a few sensors swapped in from other rows, or drifted), and
make_blobs clusters with scattered outliers at a few percent. Each function returns the data
as a script receives it; scaling is the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

SENSORS = 12
FACTORS = 3


@cache
def digits_one_class(normal: int = 3, n_train: int = 110) -> list[np.ndarray]:
    """sklearn's 8 x 8 digits, pixels / 16, flattened to 64 columns, in a seeded order
    (630). `n_train` images of the digit `normal` train (the normal class only); the check
    set is the remaining images of that digit (label 0) and three times as many images of the
    other nine digits (label 1, drawn evenly). Returns x, x_check, y_check."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(DATA_SEED + 630)
    order = rng.permutation(len(digits.target))
    images = (digits.data[order] / 16.0).astype("float32")
    target = digits.target[order]
    normal_rows = np.flatnonzero(target == normal)
    rest = normal_rows[n_train:]
    others = rng.permutation(np.flatnonzero(target != normal))[:3 * len(rest)]
    check = rng.permutation(np.concatenate([rest, others]))
    y_check = (target[check] != normal).astype(np.int64)
    return [images[normal_rows[:n_train]], images[check], y_check]


def _plant(rng: np.random.Generator, n: int, mix: tuple[np.ndarray, ...]) -> np.ndarray:
    w, v, offset, scale = mix
    z = rng.normal(size=(n, FACTORS))
    clean = np.tanh(z @ w) + 0.4 * (z**2 - 1) @ v
    return (clean + rng.normal(0, 0.05, size=clean.shape)) * scale + offset


def inject_anomalies(rng: np.random.Generator, x: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """Anomalies from normal rows: half get 3 sensors swapped in from other rows (plausible
    values, broken joint structure), half get 2 sensors drifted by 2.5-4 of their sd."""
    out = x.copy()
    sd = pool.std(axis=0)
    for i in range(len(out)):
        cols = rng.choice(SENSORS, size=3, replace=False)
        if i % 2 == 0:
            out[i, cols] = pool[rng.integers(0, len(pool), size=3), cols]
        else:
            sign = rng.choice([-1.0, 1.0], size=2)
            out[i, cols[:2]] += sign * rng.uniform(2.5, 4.0, size=2) * sd[cols[:2]]
    return out


@cache
def plant_sensors(n_train: int = 3000, n_check: int = 1000) -> list[np.ndarray]:
    """A generated plant: 12 sensors driven by 3 standard-normal hidden factors (tanh of a
    mix plus squares, noise sd 0.05), each in its own units (offsets 200-4000, scales 5-400:
    pressures and flows in the thousands). `n_train` normal rows train; the check set holds
    `n_check` rows, half normal and half injected anomalies (label 1), seeded (631).
    Returns x (raw float32), x_check (raw float32), y_check."""
    rng = np.random.default_rng(DATA_SEED + 631)
    mix = (rng.normal(size=(FACTORS, SENSORS)), rng.normal(size=(FACTORS, SENSORS)),
           rng.uniform(200, 4000, size=SENSORS),
           np.exp(rng.uniform(np.log(5), np.log(400), size=SENSORS)))  # fmt: skip
    x = _plant(rng, n_train, mix)
    normal = _plant(rng, n_check // 2, mix)
    bad = inject_anomalies(rng, _plant(rng, n_check - n_check // 2, mix), x)
    order = rng.permutation(n_check)
    x_check = np.concatenate([normal, bad])[order]
    y_check = np.concatenate([np.zeros(len(normal)), np.ones(len(bad))])[order]
    return [x.astype("float32"), x_check.astype("float32"), y_check.astype(np.int64)]


def synthetic_anomalies(x: np.ndarray, seed: int) -> np.ndarray:
    """Outlier exposure's synthetic anomalies: each normal row with 3 random sensors redrawn
    uniformly within the training rows' [min, max] of those sensors."""
    rng = np.random.default_rng(DATA_SEED + seed)
    low, high = x.min(axis=0), x.max(axis=0)
    out = x.copy()
    for i in range(len(out)):
        cols = rng.choice(x.shape[1], size=3, replace=False)
        out[i, cols] = rng.uniform(low[cols], high[cols])
    return out.astype("float32")


@cache
def blobs_outliers(n_train: int = 2000, rate: float = 0.05, n_val: int = 800,
                   val_rate: float = 0.25) -> list[np.ndarray]:  # fmt: skip
    """make_blobs: 4 clusters in 8 features (centres in +-10, sd 1.5) are the normal rows;
    outliers are drawn uniformly in the box of the normal rows widened by 20 % and kept only
    if farther than 7 from every centre (a normal row lies about 4.2 from its own). A
    training set at `rate` outliers and a validation set at `val_rate`, seeded (632).
    Returns x, xval (raw float32), y, yval (1 = outlier)."""
    from sklearn.datasets import make_blobs

    rng = np.random.default_rng(DATA_SEED + 632)
    n_normal = int(n_train * (1 - rate)) + int(n_val * (1 - val_rate))
    normal, _, centres = make_blobs(n_samples=n_normal, centers=4, n_features=8,
                                    cluster_std=1.5, center_box=(-10, 10),
                                    random_state=DATA_SEED + 632,
                                    return_centers=True)  # fmt: skip
    low, high = normal.min(axis=0), normal.max(axis=0)
    span = high - low
    outliers: list[np.ndarray] = []
    n_out = n_train - int(n_train * (1 - rate)) + n_val - int(n_val * (1 - val_rate))
    while len(outliers) < n_out:
        row = rng.uniform(low - 0.1 * span, high + 0.1 * span)
        if np.min(np.linalg.norm(centres - row, axis=1)) > 7.0:
            outliers.append(row)
    bad = np.array(outliers)
    n0, n1 = int(n_train * (1 - rate)), n_train - int(n_train * (1 - rate))
    x = np.concatenate([normal[:n0], bad[:n1]])
    y = np.concatenate([np.zeros(n0), np.ones(n1)])
    xval = np.concatenate([normal[n0:], bad[n1:]])
    yval = np.concatenate([np.zeros(len(normal) - n0), np.ones(len(bad) - n1)])
    tr, va = rng.permutation(len(y)), rng.permutation(len(yval))
    return [x[tr].astype("float32"), xval[va].astype("float32"), y[tr].astype(np.int64),
            yval[va].astype(np.int64)]  # fmt: skip
