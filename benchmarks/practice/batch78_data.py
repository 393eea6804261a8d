"""Data for the batch-78 cases (heavy-tailed targets, outliers and robust losses): generated
daily-return-like rows with Student-t noise, generated insurance claim severities (lognormal
body and a Pareto tail, in dollars), a generated heteroscedastic demand with Student-t noise
for prediction intervals, and generated sensor readings with glitch values in the inputs and
gross errors in the training labels. Data seed 0 (+ 780 .. + 783), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def daily_returns(n_train: int = 4000, n_val: int = 1000) -> list[np.ndarray]:
    """Next-day return (in percent) of a generated asset from 8 columns in their delivered
    units (seed 780): five lagged returns (percent, t(4)-tailed), a realised volatility
    (percent, positive), the traded volume (shares, ~1e6, lognormal) and the close price
    (dollars, 20..400, irrelevant). The return is a nonlinear function of the lags, the
    volatility and the log volume plus Student-t (3 degrees of freedom) noise whose scale
    grows with the volatility. Rows in time order; the first `n_train` train, the last
    `n_val` validate. Returns x, y, xval, yval (float32; y (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 780)
    n = n_train + n_val
    lags = rng.standard_t(4, size=(n, 5)) * 1.2
    vol = np.exp(rng.normal(0.3, 0.35, size=n))
    log_volume = rng.normal(13.8, 0.6, size=n)
    price = np.exp(rng.uniform(np.log(20.0), np.log(400.0), size=n))
    signal = (1.2 * np.tanh(lags[:, 0]) - 0.5 * np.tanh(lags[:, 1]) * np.tanh(lags[:, 2])
              + 0.4 * np.abs(np.tanh(lags[:, 3])) - 0.6 * (vol - 1.4)
              + 0.5 * np.tanh(log_volume - 13.8) + 0.3 * np.sin(lags[:, 4]))  # fmt: skip
    noise = rng.standard_t(3, size=n) * 0.25 * vol
    y = signal + noise
    x = np.column_stack([lags, vol, np.exp(log_volume), price]).astype("float32")
    y = y[:, None].astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def claim_severity(n_train: int = 5000, n_val: int = 1500) -> list[np.ndarray]:
    """Insurance claim amounts in dollars (seed 781) from 5 numeric columns in their units
    (driver age 18..85, vehicle value $, vehicle age years, bonus-malus 50..150, annual km)
    and a region code 0..9. log(claim) = a linear-plus-curved rating structure + N(0, 0.5);
    4 % of claims are large losses (times a Pareto(1.5) factor, up to ~1e6 dollars). Rows
    shuffled. Returns num, region, y, numval, regionval, yval (num float32 (n, 5), region
    int32 (n,), y float32 (n, 1) dollars)."""
    rng = np.random.default_rng(DATA_SEED + 781)
    n = n_train + n_val
    age = rng.uniform(18, 85, size=n)
    value = np.exp(rng.normal(np.log(22000.0), 0.5, size=n))
    vage = rng.integers(0, 21, size=n).astype(float)
    bonus = np.clip(rng.normal(95, 20, size=n), 50, 150)
    km = np.exp(rng.normal(np.log(12000.0), 0.5, size=n))
    region = rng.integers(0, 10, size=n)
    region_effect = rng.normal(0.0, 0.35, size=10)
    log_claim = (7.6 + 0.6 * np.log(value / 22000.0) - 0.03 * vage + 0.012 * (bonus - 95)
                 + 0.5 * ((age - 45) / 20) ** 2 + 0.3 * np.log(km / 12000.0)
                 + region_effect[region] + rng.normal(0.0, 0.5, size=n))  # fmt: skip
    large = rng.random(n) < 0.04
    claim = np.exp(log_claim) * np.where(large, 1.0 + rng.pareto(1.5, size=n) * 5.0, 1.0)
    num = np.column_stack([age, value, vage, bonus, km]).astype("float32")
    region, y = region.astype("int32"), claim[:, None].astype("float32")
    return [num[:n_train], region[:n_train], y[:n_train], num[n_train:], region[n_train:],
            y[n_train:]]  # fmt: skip


@cache
def interval_demand(n_train: int = 4000, n_val: int = 1000) -> list[np.ndarray]:
    """A heteroscedastic demand (seed 782): 6 features ~ N(0, 1) (already standardised);
    y = 10 + 3 tanh(x0) + 2 x1 x2 / (1 + |x1 x2|) + 1.5 sin(x3) + (0.5 + 0.8 |x4|) * t(3)
    noise, so the interval width depends on x4 and the tails are heavy. Rows shuffled.
    Returns x, y, xval, yval (float32; y (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 782)
    n = n_train + n_val
    x = rng.normal(size=(n, 6))
    prod = x[:, 1] * x[:, 2]
    y = (10.0 + 3.0 * np.tanh(x[:, 0]) + 2.0 * prod / (1.0 + np.abs(prod))
         + 1.5 * np.sin(x[:, 3]) + (0.5 + 0.8 * np.abs(x[:, 4])) * rng.standard_t(3, size=n))
    x, y = x.astype("float32"), y[:, None].astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def glitchy_sensors(n_train: int = 4000, n_val: int = 1000) -> list[np.ndarray]:
    """Process sensor readings (seed 783): 8 channels in their units (temperatures ~20..80 C,
    pressures ~1000 hPa, flows ~0..50, a vibration ~0..1); 1 % of the readings are logger
    glitches (9999 or -9999). The target (a yield, ~0..100) is a smooth function of the true
    readings + N(0, 1); 8 % of the training labels are gross entry errors (x 10 or replaced
    by 0); the validation labels are clean. Returns x, y, xval, yval (float32; y (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 783)
    n = n_train + n_val
    z = rng.normal(size=(n, 8))
    centre = np.array([20.0, 50.0, 80.0, 1000.0, 1013.0, 25.0, 10.0, 0.5])
    scale = np.array([5.0, 8.0, 6.0, 15.0, 5.0, 8.0, 3.0, 0.15])
    x = centre + scale * z
    y = (50.0 + 8.0 * np.tanh(z[:, 0]) + 6.0 * z[:, 1] - 3.0 * z[:, 2] ** 2 / 2
         + 5.0 * np.sin(z[:, 3]) + 4.0 * z[:, 4] * z[:, 5] / 2 - 6.0 * np.abs(z[:, 6])
         + 4.0 * np.tanh(3 * z[:, 7]) + rng.normal(0.0, 1.0, size=n))  # fmt: skip
    glitch = rng.random(x.shape) < 0.01
    x = np.where(glitch, rng.choice([9999.0, -9999.0], size=x.shape), x)
    bad = (rng.random(n) < 0.08) & (np.arange(n) < n_train)
    y = np.where(bad, np.where(rng.random(n) < 0.5, y * 10.0, 0.0), y)
    x, y = x.astype("float32"), y[:, None].astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]
