"""Data for the batch-49 cases: a generated shop table of categorical, string and numeric
columns (data seed 0 + 490, no downloads).

Batch 49 is categorical and string features as practitioners feed them to Keras 3
preprocessing layers: a 50-level `city` string, a 4-level `plan` and a 4-level `region`, a
1000-level integer `sku` (sparse five-digit ids), a short free-text `tags` string of 2-4
words out of 30, and two numeric columns on their own units (`age` 18..80, `income` ~1.5e4 ..
3e5). Four binary targets, each carried by the columns a script uses: `churn` (city, plan,
age, income), `returned` (the sku), `flagged` (the tags) and `upgrade` (the plan x region
interaction only: zero marginal effects, an XOR pattern a linear model without a cross can't
fit). The columns are returned raw: the scripts encode and scale them (or forget to).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

N_TRAIN, N_VAL = 10_000, 2_500
CITIES = [f"city_{i:02d}" for i in range(50)]
PLANS = ["basic", "plus", "pro", "team"]
REGIONS = ["north", "south", "east", "west"]
WORDS = [
    "red", "blue", "green", "black", "white", "cheap", "premium", "fast", "slow", "new",
    "used", "refurbished", "small", "large", "bulk", "gift", "promo", "clearance", "organic",
    "imported", "local", "fragile", "heavy", "light", "digital", "vintage", "handmade",
    "seasonal", "limited", "bundle",
]


@cache
def shop_table() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The shop table, 10 000 training rows and 2 500 validation rows (seed 490). Returns two
    dicts of columns: city / plan / region / tags (numpy object arrays of str), sku (int64,
    1000 distinct five-digit ids), age / income (float32, raw units) and the targets churn /
    returned / flagged / upgrade (int64 0/1). Cities are drawn Zipf-like (city_00 the most
    frequent), skus uniformly."""
    rng = np.random.default_rng(DATA_SEED + 490)
    n = N_TRAIN + N_VAL
    city_p = 1.0 / np.arange(1, 51) ** 0.6
    city = rng.choice(50, n, p=city_p / city_p.sum())
    plan, region = rng.integers(0, 4, n), rng.integers(0, 4, n)
    skus = np.sort(rng.choice(np.arange(10_000, 100_000), 1000, replace=False))
    sku = rng.integers(0, 1000, n)
    age = rng.uniform(18, 80, n)
    income = np.exp(rng.normal(np.log(55_000), 0.6, n)).clip(15_000, 300_000)
    n_tags = rng.integers(2, 5, n)
    tag_idx = [rng.choice(30, k, replace=False) for k in n_tags]

    city_effect = rng.normal(0, 1.6, 50)
    plan_effect = np.array([-0.8, 0.0, 0.4, 0.9])
    age_z, log_inc = (age - 49) / 18, (np.log(income) - np.log(55_000)) / 0.6
    churn = 1.6 * city_effect[city] + plan_effect[plan] + 1.0 * age_z - 1.0 * log_inc
    sku_effect = rng.normal(0, 2.0, 1000)
    returned = 1.3 * sku_effect[sku]
    word_effect = rng.normal(0, 1.5, 30)
    flagged = np.array([word_effect[t].sum() for t in tag_idx])
    signs = np.array([1, -1, 1, -1])
    upgrade = 2.0 * signs[plan] * signs[[0, 0, 1, 1]][region]
    noise = rng.normal(0, 0.6, (4, n))

    def binary(logit: np.ndarray, k: int, centre: bool = True) -> np.ndarray:
        shift = np.median(logit) if centre else 0.0
        return (logit - shift + noise[k] > 0).astype(np.int64)

    columns = {
        "city": np.array(CITIES, dtype=object)[city],
        "plan": np.array(PLANS, dtype=object)[plan],
        "region": np.array(REGIONS, dtype=object)[region],
        "tags": np.array([" ".join(WORDS[i] for i in t) for t in tag_idx], dtype=object),
        "sku": skus[sku].astype(np.int64),
        "age": age.astype("float32"),
        "income": income.astype("float32"),
        "churn": binary(churn, 0),
        "returned": binary(returned, 1),
        "flagged": binary(flagged, 2),
        "upgrade": binary(upgrade, 3, centre=False),
    }
    train = {k: v[:N_TRAIN] for k, v in columns.items()}
    val = {k: v[N_TRAIN:] for k, v in columns.items()}
    return train, val
