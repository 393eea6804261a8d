"""Data for the batch-19 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 19 writes Keras 3 features and idioms the earlier batches did not use (optimizer EMA
weights swapped in for validation, the Circle metric-learning loss, RMSNormalization, the
Lamb optimizer, `keras.utils.FeatureSpace`, Discretization / CategoryEncoding / Hashing on
clinic and payment tables, a target Normalization with an R2Score metric, a `keras.ops.scan`
layer, a Bidirectional GRU with `merge_mode="sum"`) next to real-world bug patterns. The
data: digits rows, a 5-class table, a customer churn table, a clinic table, card payments
by merchant, Friedman #1 prices, noise sequences and "up" / "down" token logs.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import make_friedman1

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

CITIES = ("Austin", "Boston", "Chicago", "Denver", "Fresno", "Houston", "Miami", "Omaha",
          "Portland", "Seattle")  # fmt: skip


@cache
def customer_table(rows: int = 3000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                                dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """A churn table as named columns, raw: income (~6e4 +- 2.5e4 dollars), balance (~1e4 +-
    8e3), tenure in months (1..72), age (18..80), city (10 names), plan (0..3). Churn (1)
    from a logistic model: income and balance weigh most, then tenure, an age U-shape, a city
    effect and a plan effect; ~40 % positives; 80/20 (first rows / last rows, the rows are
    drawn independently)."""
    rng = np.random.default_rng(DATA_SEED)
    income = rng.normal(6e4, 2.5e4, rows).clip(8e3, None)
    balance = rng.normal(1e4, 8e3, rows).clip(0, None)
    tenure = rng.integers(1, 73, rows).astype("float64")
    age = rng.uniform(18, 80, rows)
    city = rng.integers(0, len(CITIES), rows)
    plan = rng.integers(0, 4, rows)
    city_effect = np.linspace(-1.0, 1.0, len(CITIES))[rng.permutation(len(CITIES))]
    logit = (-1.6 * (income - 6e4) / 2.5e4 + 1.3 * (balance - 1e4) / 8e3
             - 0.8 * (tenure - 36) / 21 + 0.9 * ((age - 49) / 18) ** 2 - 0.9
             + city_effect[city] + np.array([0.6, 0.0, -0.4, -0.8])[plan])  # fmt: skip
    y = (rng.random(rows) < 1 / (1 + np.exp(-1.5 * logit))).astype("int64")
    columns = {"income": income.astype("float32"), "balance": balance.astype("float32"),
               "tenure": tenure.astype("float32"), "age": age.astype("float32"),
               "city": np.array([CITIES[c] for c in city]),
               "plan": plan.astype("int64")}  # fmt: skip
    cut = int(0.8 * rows)
    return ({k: v[:cut] for k, v in columns.items()}, y[:cut],
            {k: v[cut:] for k, v in columns.items()}, y[cut:])  # fmt: skip


@cache
def clinic_table(rows: int = 4000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                              dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Readmission (1) from age in years (18..90; risk high under 30 and over 60), a
    diagnosis code 0..39 (each code its own risk, the strongest signal) and four raw lab
    values (glucose ~100 +- 20, systolic pressure ~120 +- 15, BMI ~27 +- 5, cholesterol ~200
    +- 40); columns `age` (n, 1), `code` (n, 1) int, `labs` (n, 4); 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    age = rng.uniform(18, 90, rows)
    code = rng.integers(0, 40, rows)
    means, stds = np.array([100.0, 120.0, 27.0, 200.0]), np.array([20.0, 15.0, 5.0, 40.0])
    z = rng.normal(0.0, 1.0, (rows, 4))
    band = np.digitize(age, [30, 45, 60])
    code_risk = rng.normal(0.0, 1.6, 40)
    logit = (np.array([1.4, -0.9, -0.6, 1.6])[band] + code_risk[code] + 0.7 * z[:, 0]
             + 0.5 * z[:, 2] - 0.3)  # fmt: skip
    y = (rng.random(rows) < 1 / (1 + np.exp(-2.0 * logit))).astype("int64")
    labs = (means + stds * z).astype("float32")
    cut = int(0.8 * rows)
    columns = {"age": age[:, None].astype("float32"), "code": code[:, None].astype("int64"),
               "labs": labs}  # fmt: skip
    return ({k: v[:cut] for k, v in columns.items()}, y[:cut],
            {k: v[cut:] for k, v in columns.items()}, y[cut:])  # fmt: skip


@cache
def merchant_payments(rows: int = 5000, merchants: int = 120) -> tuple[np.ndarray, ...]:
    """Card payments: merchant id strings ("MRC-0001".."MRC-0120"; each merchant its own
    fraud risk, the main signal), log amount and hour of day standardised; fraud (1), ~35 %;
    returns ids (n, 1) str, numbers (n, 2), labels, 80/20 as ids, num, y, ids_val, num_val,
    y_val."""
    rng = np.random.default_rng(DATA_SEED)
    merchant = rng.integers(0, merchants, rows)
    risk = rng.normal(0.0, 1.8, merchants)
    log_amount = rng.normal(0.0, 1.0, rows)
    hour = rng.normal(0.0, 1.0, rows)
    logit = risk[merchant] + 0.7 * log_amount - 0.4 * hour - 0.7
    y = (rng.random(rows) < 1 / (1 + np.exp(-2.0 * logit))).astype("int64")
    ids = np.array([f"MRC-{m + 1:04d}" for m in merchant])[:, None]
    num = np.stack([log_amount, hour], axis=1).astype("float32")
    cut = int(0.8 * rows)
    return ids[:cut], num[:cut], y[:cut], ids[cut:], num[cut:], y[cut:]


@cache
def friedman_prices(rows: int = 3000) -> Split:
    """Friedman #1 (10 features in [0, 1], noise 1) as house prices in thousands: price = 150
    + 12 y (mean ~330, spread ~60); features standardised; target (n, 1); 80/20."""
    x, y = make_friedman1(n_samples=rows, n_features=10, noise=1.0, random_state=DATA_SEED)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    price = (150.0 + 12.0 * y)[:, None]
    return split(x.astype("float32"), price.astype("float32"), stratify=False)


@cache
def recent_mean_sequences(length: int = 40, rows: int = 3000) -> Split:
    """`rows` sequences of `length` steps x 2 channels of N(0, 1) noise; the class is 1 when
    channel 0's mean over the last 8 steps is above 0 (older steps do not count)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0.0, 1.0, (rows, length, 2)).astype("float32")
    y = (x[:, -8:, 0].mean(axis=1) > 0).astype("int64")
    return split(x, y)


WORDS = ("price", "stock", "market", "today", "shares", "the", "index", "bank", "trading",
         "week", "report", "said", "fund", "rate")  # fmt: skip


@cache
def up_down_logs(rows: int = 3000, max_len: int = 20) -> tuple[np.ndarray, np.ndarray]:
    """Token logs of 6..20 words from 14 ordinary words with 1..5 "up" / "down" words in
    them, padded with "" to 20; label 1 when "up" outnumbers "down" (ties: the last of them
    decides). Returned as a (rows, 20) string array and the labels."""
    rng = np.random.default_rng(DATA_SEED)
    logs, labels = [], []
    for _ in range(rows):
        length = int(rng.integers(6, max_len + 1))
        words = [str(w) for w in rng.choice(WORDS, length)]
        moves = int(rng.integers(1, 6))
        spots = sorted(rng.choice(length, min(moves, length), replace=False))
        kinds = [str(k) for k in rng.choice(("up", "down"), len(spots))]
        for p, k in zip(spots, kinds, strict=True):
            words[p] = k
        ups, downs = kinds.count("up"), kinds.count("down")
        labels.append(int(ups > downs or (ups == downs and kinds[-1] == "up")))
        logs.append(words + [""] * (max_len - length))
    return np.array(logs), np.array(labels, dtype="int64")
