"""Data for the batch-47 cases: tabular regression tables for Keras preprocessing layers
(data seed 0 (+470 .. +473); sklearn-bundled or generated, no downloads).

Batch 47 is tabular regression as practitioners write it in Keras 3: `Normalization` with
`adapt`, `Discretization`, `CategoryEncoding`, `IntegerLookup` / `StringLookup`,
`HashedCrossing`, wide-and-deep models, log-transformed targets, named inputs as a dict. The
tables are returned raw (the scripts scale them, or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

NEIGHBOURHOODS = ("Ashford", "Bayview", "Cedar Hill", "Downtown", "Elm Park", "Fairmont",
                  "Glenwood", "Harbour", "Ironside", "Juniper", "Kingsway", "Lakeside")
HOUSE_TYPES = ("detached", "townhouse", "condo")


@cache
def houses(n: int = 3000, n_val: int = 600) -> list[dict[str, np.ndarray]]:
    """A generated house-price table (seed 470): `sqft` (400..6000), `lot` (square feet,
    lognormal around 8000), `age` (0..100 years), `bedrooms` (1..6), `neighbourhood` (12
    names), `house_type` (3 names) and `zipcode` (40 five-digit ids, 98001..98040), each
    zipcode and neighbourhood with its own price premium, a neighbourhood x house-type
    interaction and a strong age discount; `price` in dollars (log price = 12 + ...,
    mean about $107k, $19k..$585k). Returns the training and validation columns as two dicts (the
    target under "price")."""
    rng = np.random.default_rng(DATA_SEED + 470)
    sqft = np.clip(rng.lognormal(np.log(1800), 0.35, n), 400, 6000)
    bedrooms = np.clip(np.round(sqft / 650 + rng.normal(0, 0.7, n)), 1, 6).astype(np.int64)
    age = rng.uniform(0, 100, n)
    lot = rng.lognormal(np.log(8000), 0.5, n)
    hood = rng.integers(0, len(NEIGHBOURHOODS), n)
    kind = rng.choice(len(HOUSE_TYPES), n, p=[0.55, 0.25, 0.2])
    zip_index = rng.integers(0, 40, n)
    hood_premium = rng.normal(0, 0.25, len(NEIGHBOURHOODS))
    zip_premium = rng.normal(0, 0.2, 40)
    cross = rng.normal(0, 0.15, (len(NEIGHBOURHOODS), len(HOUSE_TYPES)))
    log_price = (12.0 + 0.9 * np.log(sqft / 1800) + 0.08 * np.log(lot / 8000)
                 + 0.04 * (bedrooms - 3) + hood_premium[hood] + zip_premium[zip_index]
                 + np.array([0.0, -0.15, -0.3])[kind] + cross[hood, kind]
                 - 0.007 * age + 0.25 * (age > 85) + rng.normal(0, 0.08, n))  # fmt: skip
    columns = {
        "sqft": sqft.astype("float32"),
        "lot": lot.astype("float32"),
        "age": age.astype("float32"),
        "bedrooms": bedrooms,
        "neighbourhood": np.array(NEIGHBOURHOODS, dtype=object)[hood].astype(str),
        "house_type": np.array(HOUSE_TYPES, dtype=object)[kind].astype(str),
        "zipcode": (98001 + zip_index).astype(np.int64),
        "price": np.exp(log_price).astype("float32"),
    }
    train = {k: v[:n - n_val] for k, v in columns.items()}
    val = {k: v[n - n_val:] for k, v in columns.items()}
    return [train, val]


@cache
def diabetes_raw() -> list[np.ndarray]:
    """sklearn's diabetes on its own units (`load_diabetes(scaled=False)`: age in years, sex
    1 / 2, BMI, blood pressure, six serum measurements ~1..300), target a progression score
    25..346; a seeded split (471): 342 train, 100 validate. Returns x, xval, y, yval
    (float32)."""
    from sklearn.datasets import load_diabetes

    data = load_diabetes(scaled=False)
    order = np.random.default_rng(DATA_SEED + 471).permutation(len(data.target))
    x, y = data.data[order].astype("float32"), data.target[order].astype("float32")
    return [x[:342], x[342:], y[:342], y[342:]]


@cache
def friedman_outliers(rate: float = 0.05, factor: float = 10.0) -> list[np.ndarray]:
    """sklearn's Friedman #1 regression (10 features uniform on [0, 1], target ~0..30, noise
    1.0; seed 472): 2000 train, 500 validate. A share `rate` of the training targets is
    recorded in the wrong unit (multiplied by `factor`: the data-entry outliers); the
    validation targets are clean. Returns x, xval, y, yval (float32)."""
    from sklearn.datasets import make_friedman1

    x, y = make_friedman1(2500, n_features=10, noise=1.0, random_state=DATA_SEED + 472)
    x, y = x.astype("float32"), y.astype("float32")
    y_train = y[:2000].copy()
    if rate:
        rows = np.random.default_rng(DATA_SEED + 473).choice(2000, int(rate * 2000),
                                                             replace=False)  # fmt: skip
        y_train[rows] *= factor
    return [x[:2000], x[2000:], y_train, y[2000:]]


@cache
def net_load(n: int = 4000, n_val: int = 800) -> list[dict[str, np.ndarray]]:
    """A generated hourly net-load table (seed 474): `hour` (0..23), `weekday` (0..6),
    `temperature` (deg C), `cloud` (0..1); target `net_load` in GW = demand - rooftop solar,
    negative on sunny middays (about 21 % of the rows), range about -3.5..+5.9. Returns the
    training and validation columns as two dicts (the target under "net_load")."""
    rng = np.random.default_rng(DATA_SEED + 474)
    hour = rng.integers(0, 24, n)
    weekday = rng.integers(0, 7, n)
    temperature = rng.normal(18, 8, n)
    cloud = rng.uniform(0, 1, n)
    demand = (2.0 + 1.0 * np.cos(2 * np.pi * (hour - 19) / 24)
              + 0.004 * (temperature - 18) ** 2 - 0.6 * (weekday >= 5))  # fmt: skip
    solar = 4.5 * np.clip(np.sin(np.pi * (hour - 6) / 12), 0, None) * (1 - 0.8 * cloud)
    target = demand - solar + rng.normal(0, 0.2, n)
    columns = {
        "hour": hour.astype(np.int64),
        "weekday": weekday.astype(np.int64),
        "temperature": temperature.astype("float32"),
        "cloud": cloud.astype("float32"),
        "net_load": target.astype("float32"),
    }
    train = {k: v[:n - n_val] for k, v in columns.items()}
    val = {k: v[n - n_val:] for k, v in columns.items()}
    return [train, val]
