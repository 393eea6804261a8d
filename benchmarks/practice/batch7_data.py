"""Data for the batch-7 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-6: 16x16 images of squares and discs with per-pixel masks (a
segmentation task), documents with several tags at once, a heteroscedastic regression for a
quantile model, a two-season hourly series for a forecaster, insurance claim costs (skewed,
with zero claims), a parcel-delivery table in mixed units, and a teacher's soft targets on
the digits (sklearn logistic regression). The seed of a run changes initialisation, dropout
and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification
from sklearn.linear_model import LogisticRegression

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def shapes_masks(n: int = 1200, size: int = 16) -> Split:
    """Noisy 16x16 grey images with one to three shapes each (filled squares and discs of
    random size and place) and their masks: 0 background, 1 square, 2 disc (int64)."""
    rng = np.random.default_rng(DATA_SEED)
    yy, xx = np.mgrid[0:size, 0:size]
    images = np.zeros((n, size, size), "float32")
    masks = np.zeros((n, size, size), "int64")
    for i in range(n):
        for _ in range(rng.integers(1, 4)):
            r = rng.integers(2, 5)
            cy, cx = rng.integers(r, size - r, 2)
            if rng.random() < 0.5:
                inside = (np.abs(yy - cy) <= r - 1) & (np.abs(xx - cx) <= r - 1)
                masks[i][inside] = 1
            else:
                inside = (yy - cy) ** 2 + (xx - cx) ** 2 <= r * r
                masks[i][inside] = 2
            images[i][inside] = rng.uniform(0.6, 1.0)
    images += rng.normal(0, 0.15, images.shape).astype("float32")
    cut = int(0.8 * n)
    x = images[..., None]
    return x[:cut], masks[:cut], x[cut:], masks[cut:]


@cache
def tagged_documents(n: int = 3000, features: int = 40, tags: int = 6) -> Split:
    """Documents as 40 standardised features and 6 tags (multi-hot, 1 to 3 tags each): each
    tag is a noisy linear rule on a few features; the tags co-occur."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, features))
    w = rng.normal(0, 1, (features, tags)) * (rng.random((features, tags)) < 0.2)
    score = x @ w + rng.normal(0, 0.8, (n, tags))
    y = (score > np.quantile(score, 0.7, axis=0)).astype("float32")
    empty = y.sum(1) == 0
    y[empty, np.argmax(score[empty], 1)] = 1.0
    return split(x.astype("float32"), y, stratify=False)


@cache
def heteroscedastic_demand(n: int = 4000) -> Split:
    """Daily demand (standardised) from 5 features, noise growing with feature 0: the 90th
    percentile differs from the mean by a feature-dependent margin. y has shape (n,)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 5))
    mean = 1.2 * x[:, 0] - 0.8 * x[:, 1] + 0.5 * np.sin(2 * x[:, 2]) + 0.3 * x[:, 3] * x[:, 4]
    noise = (0.3 + 0.6 * (x[:, 0] + 2.5).clip(0)) * rng.standard_normal(n)
    y = mean + noise
    y = (y - y.mean()) / y.std()
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def hourly_load(hours: int = 6000) -> np.ndarray:
    """An hourly electricity load (standardised): a daily and a weekly season, a slow random
    walk and noise."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(hours)
    load = (np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 24 * 2 + 1)
            + 0.6 * np.sin(2 * np.pi * t / 168) + np.cumsum(rng.normal(0, 0.05, hours))
            + rng.normal(0, 0.25, hours))  # fmt: skip
    return ((load - load.mean()) / load.std()).astype("float32")


@cache
def claim_costs(n: int = 4000) -> Split:
    """Insurance claims: 6 standardised features and the yearly claim cost (0 for about 15 %
    of the policies, more likely with feature 3; otherwise log-normal, 50 .. 200 000): a
    skewed target."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 6))
    log_cost = 7.0 + 0.9 * x[:, 0] + 0.5 * x[:, 1] - 0.4 * x[:, 2] + rng.normal(0, 0.6, n)
    cost = np.exp(log_cost)
    zero = rng.random(n) < 1.0 / (1.0 + np.exp(2.5 - 1.6 * x[:, 3] + 0.8 * x[:, 4]))
    cost[zero] = 0.0
    return split(x.astype("float32"), cost.astype("float32"), stratify=False)


@cache
def parcels(n: int = 4000) -> Split:
    """Late parcel deliveries (1 = late): weight in grams, distance in km, items, hour of
    pick-up, carrier load in %, raw units as in the CSV; labels depend on all columns."""
    rng = np.random.default_rng(DATA_SEED)
    grams = rng.gamma(2.0, 1500.0, n)
    km = rng.uniform(1, 600, n)
    items = rng.integers(1, 12, n).astype("float64")
    hour = rng.integers(6, 22, n).astype("float64")
    load = rng.uniform(20, 100, n)
    score = (0.0003 * (grams - 3000) + 0.006 * (km - 300) + 0.1 * (items - 6)
             + 0.15 * (hour - 14) + 0.05 * (load - 60) + rng.normal(0, 1.0, n))
    late = (score > 0).astype("float32")
    x = np.column_stack([grams, km, items, hour, load]).astype("float32")
    return split(x, late)


@cache
def digits_teacher(temperature: float = 2.0) -> tuple[np.ndarray, ...]:
    """Digits / 16 (64 features), labels, and a teacher's soft targets on the training part:
    sklearn LogisticRegression probabilities softened by a temperature, and the same as
    log-probabilities (what `predict_log_proba` gives). Returns x, y, soft, log_soft, xv, yv."""
    d = load_digits()
    x, y, xv, yv = split((d.data / 16.0).astype("float32"), d.target.astype("int64"))
    teacher = LogisticRegression(C=0.5, max_iter=2000).fit(x, y)
    logits = teacher.decision_function(x) / temperature
    logits -= logits.max(1, keepdims=True)
    soft = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    return (x, y, soft.astype("float32"), np.log(soft).astype("float32"), xv, yv)


@cache
def five_class_table(n: int = 5000) -> Split:
    """make_classification: 5 classes, 20 features (8 informative), 2 clusters per class,
    standardised here (the scripts use them as they are)."""
    x, y = make_classification(n_samples=n, n_features=20, n_informative=8, n_redundant=4,
                               n_classes=5, n_clusters_per_class=2, class_sep=1.2,
                               random_state=DATA_SEED)  # fmt: skip
    x = (x - x.mean(0)) / x.std(0)
    return split(x.astype("float32"), y.astype("int64"))
