"""Data for the batch-59 cases: generated time series (data seed 0 (+190 .. +192), no
downloads).

Batch 59 is time-series forecasting as practitioners write it: an hourly load series with a
growing trend, daily and weekly seasonality and a temperature covariate; a mostly negative
"net flow" series (the same shapes around -6); six related random walks in the thousands,
the first one lagging the common factor by three steps. Every series is returned raw, in
time order; the scripts split it chronologically (the first 80 % train, the rest validate),
scale it and cut it into windows (or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _ar_noise(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """AR(1) noise x_t = phi x_{t-1} + e_t, e_t ~ N(0, sd)."""
    e = rng.normal(0.0, sd, n)
    out = np.empty(n)
    out[0] = e[0]
    for t in range(1, n):
        out[t] = phi * out[t - 1] + e[t]
    return out


@cache
def load_series(n: int = 3000) -> list[np.ndarray]:
    """Hourly electricity load (seed 190): 100 + 0.04 t + 2e-5 t^2 (a growing trend: about
    100 at the start, 300 at the end of the training part, 400 at the end) + 15 sin(2 pi t /
    24) + 6 sin(2 pi t / 168) + 1.2 (temperature - 15) + AR(1) noise (phi 0.7, sd 3).
    Temperature (the covariate, known at each step) is 15 + 7 sin(2 pi (t - 8) / 24) + a
    slow AR(1) weather term. Returns load, temperature (float32, shape (n,), time order)."""
    rng = np.random.default_rng(DATA_SEED + 190)
    t = np.arange(n, dtype=np.float64)
    temp = 15.0 + 7.0 * np.sin(2 * np.pi * (t - 8) / 24) + _ar_noise(rng, n, 0.98, 0.6)
    load = (100.0 + 0.04 * t + 2e-5 * t**2 + 15.0 * np.sin(2 * np.pi * t / 24)
            + 6.0 * np.sin(2 * np.pi * t / 168) + 1.2 * (temp - 15.0)
            + _ar_noise(rng, n, 0.7, 3.0))  # fmt: skip
    return [load.astype("float32"), temp.astype("float32")]


@cache
def flow_series(n: int = 3000) -> list[np.ndarray]:
    """Hourly net flow of a reservoir (outflow > inflow most hours; seed 191): -6 + 3 sin(2
    pi t / 24) + 1.5 sin(2 pi t / 168) - 0.15 (temperature - 15) + AR(1) noise (phi 0.6, sd
    0.8): about 97 % of the values below zero, no trend. Temperature as `load_series`.
    Returns flow, temperature (float32, shape (n,), time order)."""
    rng = np.random.default_rng(DATA_SEED + 191)
    t = np.arange(n, dtype=np.float64)
    temp = 15.0 + 7.0 * np.sin(2 * np.pi * (t - 8) / 24) + _ar_noise(rng, n, 0.98, 0.6)
    flow = (-6.0 + 3.0 * np.sin(2 * np.pi * t / 24) + 1.5 * np.sin(2 * np.pi * t / 168)
            - 0.15 * (temp - 15.0) + _ar_noise(rng, n, 0.6, 0.8))  # fmt: skip
    return [flow.astype("float32"), temp.astype("float32")]


@cache
def related_walks(n: int = 2500, series: int = 6) -> np.ndarray:
    """Six related random walks in the thousands (seed 192): a common factor f (a Gaussian
    random walk, step sd 4) and for each series k a level 1000 (k + 1) + b_k f + its own
    walk (step sd 1.5); series 0 (the one forecast) follows the factor three steps late
    (f_{t-3}), the others at once, so the other series tell the next three steps of series
    0. Returns shape (n, 6) float32, time order."""
    rng = np.random.default_rng(DATA_SEED + 192)
    f = np.cumsum(rng.normal(0.0, 4.0, n + 3))
    loadings = rng.uniform(0.8, 1.5, series)
    cols = []
    for k in range(series):
        factor = f[:n] if k == 0 else f[3:]
        cols.append(1000.0 * (k + 1) + loadings[k] * factor
                    + np.cumsum(rng.normal(0.0, 1.5, n)))  # fmt: skip
    return np.stack(cols, axis=1).astype("float32")
