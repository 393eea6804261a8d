"""Data for the batch-33 cases: generated tables for probabilistic outputs and custom losses
(data seed 0 (+1..5 per table), no downloads).

Batch 33 is probabilistic outputs and custom losses as practitioners write them: claim
counts for a Poisson model, a heteroscedastic demand for prediction intervals, ordinal
grades, a churn log for a discrete-time hazard model with censored customers, a noisy
sensor for a Gaussian mean / variance head and a rare-event table. Features are returned
in their units; every transform is the script's own. Rows are in random order; the first
80 % train, the rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _split(*arrays: np.ndarray) -> list[np.ndarray]:
    cut = int(len(arrays[0]) * 0.8)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


@cache
def claim_counts(n: int = 6000) -> list[np.ndarray]:
    """Insurance-style claim counts: six features in their units (age 18-80, vehicle value in
    k$ 2-120, annual km 1e3-6e4, region 0-4 as a number, a risk score 0-1, years licensed
    0-60); log rate = 0.5 + 1.6 risk + 0.9 log(km / 1e4) - 0.02 (age - 45) + 0.3 region / 4
    + 0.4 sin(value / 20), counts Poisson (0 to ~100, mean 6.3, 17 % zeros). Returns x, xval,
    y, yval (y as float counts)."""
    rng = np.random.default_rng(DATA_SEED + 1)
    age = rng.uniform(18, 80, n)
    value = rng.uniform(2, 120, n)
    km = np.exp(rng.uniform(np.log(1e3), np.log(6e4), n))
    region = rng.integers(0, 5, n).astype(float)
    risk = rng.uniform(0, 1, n)
    licensed = np.clip(age - 18 - rng.uniform(0, 10, n), 0, 60)
    log_rate = (0.5 + 1.6 * risk + 0.9 * np.log(km / 1e4) - 0.02 * (age - 45)
                + 0.3 * region / 4 + 0.4 * np.sin(value / 20))  # fmt: skip
    y = rng.poisson(np.exp(log_rate)).astype(float)
    x = np.stack([age, value, km, region, risk, licensed], axis=1)
    return _split(x, y)


@cache
def demand_intervals(n: int = 6000) -> list[np.ndarray]:
    """A heteroscedastic demand: four features (price 1-20, temperature -5..35, a promo flag,
    day of week 0..6 as a number); demand = 50 + 30 sin(temp / 8) - 1.5 price + 15 promo +
    skewed noise whose scale grows with temperature and promo (a gamma draw, so the 10 / 50 /
    90 % quantiles are not symmetric). Returns x, xval, y, yval (y shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 2)
    price = rng.uniform(1, 20, n)
    temp = rng.uniform(-5, 35, n)
    promo = (rng.random(n) < 0.3).astype(float)
    dow = rng.integers(0, 7, n).astype(float)
    scale = 2 + 0.4 * np.abs(temp) + 6 * promo
    noise = rng.gamma(2.0, scale) - 2.0 * scale
    y = 50 + 30 * np.sin(temp / 8) - 1.5 * price + 15 * promo + 3 * (dow >= 5) + noise
    x = np.stack([price, temp, promo, dow], axis=1)
    return _split(x, y[:, None])


@cache
def ordinal_grades(n: int = 6000, classes: int = 5) -> list[np.ndarray]:
    """Ordinal grades 0..4 (a product rating): eight standardised-ish features, a latent
    score = a nonlinear function of them + logistic noise, cut at fixed thresholds (grades
    ~ 12 / 22 / 30 / 22 / 14 %). Returns x, xval, y, yval (y integer grades)."""
    rng = np.random.default_rng(DATA_SEED + 3)
    x = rng.normal(size=(n, 8))
    w = rng.normal(size=8)
    latent = x @ w + 0.8 * np.tanh(x[:, 0] * x[:, 1]) + rng.logistic(0, 0.6, n)
    cuts = np.quantile(latent, [0.12, 0.34, 0.64, 0.86])
    y = np.searchsorted(cuts, latent).astype(np.int64)
    assert y.max() == classes - 1
    return _split(x, y)


@cache
def churn_person_months(customers: int = 3000, horizon: int = 24) -> dict[str, np.ndarray]:
    """A subscription log for a discrete-time hazard model: five customer features (tenure
    at start in months, monthly fee, support tickets, a usage score, a contract flag) and a
    monthly churn hazard sigmoid(-3.2 + features . w + 0.04 month); customers observed until
    they churn or are censored (the data pull date: follow-up uniform 1..24 months, ~55 % of
    the customers censored). Person-month rows: features, month, event (1 in the churn
    month, else 0), censored_last (1 on a censored customer's last observed month) and the
    customer id. Customers split 80 / 20; returns the arrays, validation under "val_<name>"."""
    rng = np.random.default_rng(DATA_SEED + 4)
    feats = np.stack([rng.uniform(0, 60, customers), rng.uniform(10, 120, customers),
                      rng.poisson(1.5, customers).astype(float), rng.normal(size=customers),
                      (rng.random(customers) < 0.4).astype(float)], axis=1)  # fmt: skip
    lin = (-3.2 - 0.02 * (feats[:, 0] - 30) + 0.012 * (feats[:, 1] - 60) + 0.35 * feats[:, 2]
           - 0.6 * feats[:, 3] - 0.9 * feats[:, 4])  # fmt: skip
    follow = rng.integers(1, horizon + 1, customers)
    rows: dict[str, list[np.ndarray]] = {k: [] for k in ("x", "month", "event", "censored_last",
                                                          "customer")}  # fmt: skip
    for c in range(customers):
        for m in range(1, follow[c] + 1):
            hazard = 1 / (1 + np.exp(-(lin[c] + 0.04 * m)))
            event = rng.random() < hazard
            last = event or m == follow[c]
            rows["x"].append(feats[c])
            rows["month"].append(float(m))
            rows["event"].append(float(event))
            rows["censored_last"].append(float(last and not event))
            rows["customer"].append(c)
            if last:
                break
    arrays = {k: np.asarray(v) for k, v in rows.items()}
    train = arrays["customer"] < int(customers * 0.8)
    return {**{k: v[train] for k, v in arrays.items()},
            **{f"val_{k}": v[~train] for k, v in arrays.items()}}  # fmt: skip


@cache
def noisy_sensor(n: int = 5000) -> list[np.ndarray]:
    """A sensor calibration with input-dependent noise: three features (temperature 0..50,
    humidity 10..90 %, a supply voltage 4.5..5.5 V); reading = 2 sin(temp / 10) + 0.03
    humidity + 4 (voltage - 5) + Gaussian noise of sd 0.1 + 0.04 temp (0.1 to 2.1).
    Returns x, xval, y, yval (y shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 5)
    temp = rng.uniform(0, 50, n)
    hum = rng.uniform(10, 90, n)
    volt = rng.uniform(4.5, 5.5, n)
    sd = 0.1 + 0.04 * temp
    y = 2 * np.sin(temp / 10) + 0.03 * hum + 4 * (volt - 5) + rng.normal(0, 1, n) * sd
    x = np.stack([temp, hum, volt], axis=1)
    return _split(x, y[:, None])


@cache
def rare_events(n: int = 12000) -> list[np.ndarray]:
    """A rare-event table (equipment failures, ~3 % positives): ten Gaussian features, the
    log-odds a nonlinear function of four of them (an interaction and a threshold) shifted
    so that about 3 % of the rows are events. Returns x, xval, y, yval (y 0 / 1 floats)."""
    rng = np.random.default_rng(DATA_SEED + 6)
    x = rng.normal(size=(n, 10))
    logit = 1.5 * x[:, 0] + 1.2 * x[:, 1] * x[:, 2] + 2.0 * (x[:, 3] > 1.0) - 0.8 * x[:, 4]
    logit = logit - np.quantile(logit, 0.97) - 1.0
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return _split(x, y)
