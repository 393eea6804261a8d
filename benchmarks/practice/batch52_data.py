"""Data for the batch-52 cases: count, ordinal and bounded-range targets (generated tables and
sklearn's bundled diabetes; no downloads; data seed 0 (+520 .. +524)).

Batch 52 is the target-type regime: Poisson counts (heavy-tailed, optionally zero-inflated),
five ordered levels given as strings ("poor" .. "excellent"), proportions k / n in [0, 1],
california-like house prices (log-normal) and the diabetes score (25..346). The features
come in their own units (the scripts scale them, or forget to); the targets come raw (the
scripts transform them, or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

LEVELS = ("poor", "fair", "good", "very good", "excellent")
N_TRAIN, N_VAL = 4000, 1000


@cache
def counts_split(zero_inflated: bool = False) -> list[np.ndarray]:
    """Claims-per-policy-style counts (seed 520): 8 features in their own units (sd 1 .. 2000,
    offsets up to 5000), log mean 1 + a linear term + an interaction (mean count ~4, the top
    1 % above ~30); `zero_inflated`: a feature-driven gate (~45 % of rows) sets the count to
    0. 4000 train, 1000 validate. Returns x, xval (float32, raw units), y, yval (float32)."""
    rng = np.random.default_rng(DATA_SEED + 520)
    n = N_TRAIN + N_VAL
    z = rng.normal(size=(n, 8))
    log_mu = (1.0 + z @ np.array([0.6, -0.4, 0.3, 0.2, 0.0, 0.0, 0.1, -0.2])
              + 0.3 * z[:, 0] * z[:, 1])  # fmt: skip
    y = rng.poisson(np.exp(log_mu)).astype("float32")
    if zero_inflated:
        gate = rng.random(n) < 1.0 / (1.0 + np.exp(0.2 - 1.5 * z[:, 2]))
        y = np.where(gate, 0.0, y).astype("float32")
    scale = np.array([1.0, 10.0, 100.0, 2000.0, 1.0, 5.0, 50.0, 300.0])
    offset = np.array([0.0, 40.0, 500.0, 5000.0, 3.0, 20.0, 100.0, 1000.0])
    x = (z * scale + offset).astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], y[:N_TRAIN], y[N_TRAIN:]]


@cache
def ordinal_split() -> list[np.ndarray]:
    """Review-rating-style ordinal levels (seed 521): 6 standardised features, a latent score
    (linear + noise sd 0.5) cut at its 10 / 35 / 65 / 90 % quantiles into the five LEVELS.
    4000 train, 1000 validate. Returns x, xval (float32), y, yval (numpy str arrays)."""
    rng = np.random.default_rng(DATA_SEED + 521)
    n = N_TRAIN + N_VAL
    x = rng.normal(size=(n, 6)).astype("float32")
    latent = x @ np.array([0.8, -0.6, 0.5, 0.3, 0.0, 0.2]) + 0.5 * rng.normal(size=n)
    cuts = np.quantile(latent, [0.1, 0.35, 0.65, 0.9])
    names = np.array(LEVELS)[np.searchsorted(cuts, latent)]
    return [x[:N_TRAIN], x[N_TRAIN:], names[:N_TRAIN], names[N_TRAIN:]]


@cache
def rates_split() -> list[np.ndarray]:
    """Conversion-rate-style proportions (seed 522): 6 standardised features, a probability
    sigmoid(-1.2 + linear + 0.4 sin), trials n ~ U(20, 200), k ~ Binomial(n, p). 4000 train,
    1000 validate. Returns x, xval, k, kval, n, nval (float32)."""
    rng = np.random.default_rng(DATA_SEED + 522)
    size = N_TRAIN + N_VAL
    x = rng.normal(size=(size, 6)).astype("float32")
    logit = -1.2 + x @ np.array([0.9, -0.7, 0.5, 0.0, 0.3, 0.0]) + 0.4 * np.sin(2 * x[:, 5])
    trials = rng.integers(20, 201, size)
    k = rng.binomial(trials, 1.0 / (1.0 + np.exp(-logit))).astype("float32")
    t = trials.astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], k[:N_TRAIN], k[N_TRAIN:], t[:N_TRAIN], t[N_TRAIN:]]


@cache
def prices_split() -> list[np.ndarray]:
    """California-like house prices (seed 523): median income (~0.5..15), house age (1..52),
    average rooms (~2..9), population (log-normal, ~100..30 000), latitude (32.5..42),
    longitude (-124..-114); log price = 11.6 + 0.7 log income + age, rooms and coast terms
    + noise sd 0.25 (median ~160 000 dollars, 1 % below ~55 000, 1 % above ~490 000). 4000
    train, 1000 validate.
    Returns x, xval (float32, raw units), y, yval (float32 dollars)."""
    rng = np.random.default_rng(DATA_SEED + 523)
    n = N_TRAIN + N_VAL
    income = np.clip(rng.lognormal(np.log(3.5), 0.5, n), 0.5, 15.0)
    age = rng.integers(1, 53, n).astype(float)
    rooms = np.clip(rng.normal(5.2, 1.2, n), 2.0, 9.0)
    population = np.clip(rng.lognormal(np.log(1200), 0.8, n), 100, 30000)
    latitude = rng.uniform(32.5, 42.0, n)
    longitude = -124.0 + (42.0 - latitude) * 0.8 + rng.uniform(0, 3.0, n)
    coast = np.abs(longitude + 124.0 - (42.0 - latitude) * 0.8)  # 0 at the coast
    log_price = (11.6 + 0.7 * np.log(income) + 0.004 * age + 0.05 * (rooms - 5)
                 - 0.25 * coast - 0.03 * np.log(population)
                 + 0.25 * rng.normal(size=n))  # fmt: skip
    x = np.stack([income, age, rooms, population, latitude, longitude], 1).astype("float32")
    y = np.exp(log_price).astype("float32")
    return [x[:N_TRAIN], x[N_TRAIN:], y[:N_TRAIN], y[N_TRAIN:]]


@cache
def diabetes_split() -> list[np.ndarray]:
    """sklearn's diabetes: 442 rows, 10 features (already centred and scaled by sklearn),
    target a disease-progression score 25..346; a seeded split (524): 342 train, 100
    validate. Returns x, xval, y, yval (float32, y raw)."""
    from sklearn.datasets import load_diabetes

    data = load_diabetes()
    order = np.random.default_rng(DATA_SEED + 524).permutation(len(data.target))
    x, y = data.data[order].astype("float32"), data.target[order].astype("float32")
    return [x[:342], x[342:], y[:342], y[342:]]
