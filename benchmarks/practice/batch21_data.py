"""Data for the batch-21 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 21 is regression and forecasting as practitioners write it: a generated hourly series
with daily and weekly seasons (multi-step windows), Friedman #1 inputs with noise whose spread
depends on a feature (quantiles), generated counts from a log-linear rate (Poisson), a 1-D
heteroscedastic curve (mean and variance), `make_regression` with gross outliers (Huber),
skewed house prices (a log target), sklearn's `load_diabetes` and `make_friedman2` (raw
features for a Normalization layer), and three targets on the same Friedman #1 inputs
(multi-output). Each function returns the data as the script receives it:
the scaling the script does itself (a target scaler, a Normalization layer) is left to it.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_diabetes, make_friedman1, make_friedman2, make_regression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED


def _split(x: np.ndarray, *ys: np.ndarray) -> list[np.ndarray]:
    """80/20 (shuffled, data seed 0): x_train, x_val, then each y's train and val parts."""
    return train_test_split(x, *ys, test_size=0.2, random_state=DATA_SEED)


@cache
def seasonal_series(hours: int = 3000) -> np.ndarray:
    """An hourly load-like series: level 50, a daily cycle (amplitude 10, with a second
    harmonic), a weekly cycle (amplitude 6), a slow drift, AR(1) noise (phi 0.7, std 1.5);
    float32, in its own units (not scaled)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(hours, dtype="float64")
    noise = np.zeros(hours)
    for i in range(1, hours):
        noise[i] = 0.7 * noise[i - 1] + rng.normal(0.0, 1.5)
    level = (50.0 + 10.0 * np.sin(2 * np.pi * t / 24) + 3.0 * np.sin(4 * np.pi * t / 24 + 1.0)
             + 6.0 * np.sin(2 * np.pi * t / 168) + 0.002 * t)  # fmt: skip
    return (level + noise).astype("float32")


@cache
def friedman_hetero_noise(rows: int = 2500) -> list[np.ndarray]:
    """make_friedman1 (10 features in [0, 1], 5 informative) without its own noise; noise
    N(0, 0.5 + 3 x_5) added (x_5 is one of Friedman's unused features: the spread depends on a
    feature the mean ignores); target standardised with the training part's mean / std;
    x_train, x_val, y_train, y_val ((n, 1))."""
    x, y = make_friedman1(n_samples=rows, n_features=10, noise=0.0, random_state=DATA_SEED)
    rng = np.random.default_rng(DATA_SEED + 1)
    y = y + rng.normal(0.0, 1.0, rows) * (0.5 + 3.0 * x[:, 5])
    xt, xv, yt, yv = _split(x.astype("float32"), y.astype("float32")[:, None])
    mean, std = yt.mean(), yt.std()
    return [xt, xv, (yt - mean) / std, (yv - mean) / std]


@cache
def rental_counts(rows: int = 3000) -> list[np.ndarray]:
    """Hourly bike-rental-like counts: 8 standardised features (weather, hour encodings,
    holiday flags), log rate 0.6 + a linear part + an interaction and a sine, counts
    ~ Poisson(rate) (mean ~2.6, ~20 % zeros); x_train, x_val, y_train, y_val ((n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 2)
    x = rng.normal(0.0, 1.0, (rows, 8)).astype("float32")
    log_rate = (0.6 + 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3]
                + 0.4 * np.sin(2 * x[:, 4]) + 0.2 * x[:, 5])  # fmt: skip
    counts = rng.poisson(np.exp(log_rate)).astype("float32")[:, None]
    return _split(x, counts)


@cache
def hetero_curve(rows: int = 2000) -> list[np.ndarray]:
    """A 1-D heteroscedastic regression (Bishop-style): x ~ U(-3, 3), y = sin(1.5 x) + 0.3 x
    plus noise of std 0.05 + 0.25 |x|; two input columns (x and a distractor N(0, 1));
    x_train, x_val, y_train, y_val ((n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 3)
    x1 = rng.uniform(-3.0, 3.0, rows)
    y = np.sin(1.5 * x1) + 0.3 * x1 + rng.normal(0.0, 1.0, rows) * (0.05 + 0.25 * np.abs(x1))
    x = np.stack([x1 / 1.73, rng.normal(0.0, 1.0, rows)], axis=1).astype("float32")
    return _split(x, y.astype("float32")[:, None])


@cache
def regression_with_outliers(rows: int = 2500) -> list[np.ndarray]:
    """make_regression (12 features, 8 informative, noise 10) plus a nonlinear term; 6 % of
    the targets replaced by gross errors (+-(4 to 8) target standard deviations, data-entry
    mistakes), in the training and the validation part alike; features standardised with the
    training part's scaler; targets left in their own units (std ~300 with the errors);
    x_train, x_val, y_train, y_val ((n, 1))."""
    x, y = make_regression(n_samples=rows, n_features=12, n_informative=8, noise=10.0,
                           random_state=DATA_SEED + 4)  # fmt: skip
    y = y + 40.0 * np.sin(2.0 * x[:, 0]) * x[:, 1]
    rng = np.random.default_rng(DATA_SEED + 4)
    bad = rng.random(rows) < 0.06
    y[bad] += rng.choice([-1.0, 1.0], bad.sum()) * rng.uniform(4.0, 8.0, bad.sum()) * y.std()
    xt, xv, yt, yv = _split(x.astype("float32"), y.astype("float32")[:, None])
    scaler = StandardScaler().fit(xt)
    return [scaler.transform(xt).astype("float32"), scaler.transform(xv).astype("float32"),
            yt, yv]  # fmt: skip


@cache
def skewed_prices(rows: int = 2500) -> list[np.ndarray]:
    """House-price-like rows: 9 standardised features (area, rooms, age, distance, quality,
    ...); log price = 12.2 + a linear part + two nonlinear terms + N(0, 0.15); prices in
    dollars (lognormal, log std ~0.5, right-skewed, median ~2e5); x_train, x_val, price_train,
    price_val ((n, 1), raw dollars)."""
    rng = np.random.default_rng(DATA_SEED + 5)
    x = rng.normal(0.0, 1.0, (rows, 9)).astype("float32")
    log_price = (12.2 + 0.3 * x[:, 0] + 0.15 * x[:, 1] - 0.1 * x[:, 2] - 0.12 * x[:, 3]
                 + 0.2 * x[:, 4] + 0.1 * np.tanh(2 * x[:, 5]) * x[:, 0]
                 + 0.08 * x[:, 6] ** 2 + rng.normal(0.0, 0.15, rows))  # fmt: skip
    return _split(x, np.exp(log_price).astype("float32")[:, None])


@cache
def diabetes_raw() -> list[np.ndarray]:
    """sklearn's load_diabetes as bundled (10 features already centred and scaled to unit
    norm, std ~0.048; target: disease progression 25-346); x_train, x_val, target_train,
    target_val ((n, 1), raw units)."""
    d = load_diabetes()
    return _split(d.data.astype("float32"), d.target.astype("float32")[:, None])


@cache
def friedman2_raw(rows: int = 2000) -> list[np.ndarray]:
    """sklearn's make_friedman2 (noise 30) as generated: 4 features in their own ranges
    (x0 in [0, 100], x1 in [40 pi, 560 pi], x2 in [0, 1], x3 in [1, 11]), target (an
    impedance, ~0-1700, std ~380); x_train, x_val, target_train, target_val ((n, 1), raw)."""
    x, y = make_friedman2(n_samples=rows, noise=30.0, random_state=DATA_SEED + 7)
    return _split(x.astype("float32"), y.astype("float32")[:, None])


@cache
def friedman_three_targets(rows: int = 2500) -> list[np.ndarray]:
    """Three targets on the same make_friedman1 inputs (10 features in [0, 1]): Friedman #1
    itself (noise 1), 10 x0 x1 + 5 (x2 - 0.5)^2 + noise, and sin(2 pi x3) + x4 + noise; each
    target standardised with the training part's mean / std; x_train, x_val, y_train, y_val
    (y (n, 3))."""
    x, y1 = make_friedman1(n_samples=rows, n_features=10, noise=1.0, random_state=DATA_SEED + 6)
    rng = np.random.default_rng(DATA_SEED + 6)
    y2 = 10 * x[:, 0] * x[:, 1] + 5 * (x[:, 2] - 0.5) ** 2 + rng.normal(0.0, 0.3, rows)
    y3 = np.sin(2 * np.pi * x[:, 3]) + x[:, 4] + rng.normal(0.0, 0.15, rows)
    y = np.stack([y1, y2, y3], axis=1).astype("float32")
    xt, xv, yt, yv = _split(x.astype("float32"), y)
    mean, std = yt.mean(axis=0), yt.std(axis=0)
    return [xt, xv, (yt - mean) / std, (yv - mean) / std]
