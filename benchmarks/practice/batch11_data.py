"""Data for the batch-11 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-10: user-item interactions from latent factors (a recommender's
clicks), a heteroscedastic regression (for a quantile), three targets of one set of
features, a three-channel series forecast six steps ahead, topic texts whose class lives in
three-token phrases, per-token tags padded with -1, ordinal grades as cumulative targets,
and digits split into two tasks (0-4 to pretrain a backbone, 5-9 to fine-tune it).
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

USERS, ITEMS = 200, 150


def _scaled(x: np.ndarray, y: np.ndarray, stratify: bool = True) -> Split:
    xt, yt, xv, yv = split(x.astype("float32"), y, stratify=stratify)
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def interactions() -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Clicks of 200 users on 150 items: 4 latent factors each, P(click) = sigmoid(u.v - 0.3);
    30 000 sampled (user, item) pairs, 80/20; inputs {"user": ids, "item": ids} of shape
    (n, 1), y 0/1."""
    rng = np.random.default_rng(DATA_SEED)
    users, items = rng.normal(size=(USERS, 4)), rng.normal(size=(ITEMS, 4))
    u, i = rng.integers(0, USERS, 30000), rng.integers(0, ITEMS, 30000)
    logit = np.sum(users[u] * items[i], axis=1) - 0.3
    y = (rng.random(30000) < 1 / (1 + np.exp(-logit))).astype("float32")
    cut = 24000
    x = {"user": u[:, None].astype("int64"), "item": i[:, None].astype("int64")}
    return ({k: v[:cut] for k, v in x.items()}, y[:cut],
            {k: v[cut:] for k, v in x.items()}, y[cut:])  # fmt: skip


@cache
def heteroscedastic() -> Split:
    """6 standardised features; y = 2 sin(x0) + x1 + noise whose spread grows with |x2|
    (0.2 + 0.8 |x2|): the 90th percentile is not the mean plus a constant. 4000 rows."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(4000, 6))
    y = 2 * np.sin(x[:, 0]) + x[:, 1] + rng.normal(size=4000) * (0.2 + 0.8 * np.abs(x[:, 2]))
    return _scaled(x, y.astype("float32"), stratify=False)


@cache
def three_targets() -> Split:
    """10 standardised features, 3 targets (each a different non-linear mix, plus noise),
    each standardised with the training rows' statistics. 4000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(4000, 10))
    y = np.stack([x[:, 0] * x[:, 1] + np.sin(x[:, 2]),
                  np.tanh(x[:, 3] + x[:, 4]) - 0.5 * x[:, 5] ** 2,
                  x[:, 6] + 0.5 * np.abs(x[:, 7]) + 0.3 * x[:, 8] * x[:, 9]], axis=1)
    y = y + rng.normal(0, 0.1, y.shape)
    xt, yt, xv, yv = _scaled(x, y.astype("float32"), stratify=False)
    mean, std = yt.mean(axis=0), yt.std(axis=0)
    return xt, ((yt - mean) / std).astype("float32"), xv, ((yv - mean) / std).astype("float32")


def three_targets_raw_third() -> Split:
    """`three_targets` with the third target back in its export's units (kg, ~3000 +- 800)."""
    xt, yt, xv, yv = three_targets()
    yt, yv = yt.copy(), yv.copy()
    yt[:, 2], yv[:, 2] = 3000 + 800 * yt[:, 2], 3000 + 800 * yv[:, 2]
    return xt, yt, xv, yv


@cache
def sensor_series() -> np.ndarray:
    """A 3-channel hourly series, 5000 steps (float32, raw units): load (daily and weekly
    cycles, driven by temperature), temperature (daily cycle + AR noise), humidity."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(5000)
    temp = 15 + 8 * np.sin(2 * np.pi * t / 24 - 1.0) + np.cumsum(rng.normal(0, 0.3, 5000)) * 0.2
    hum = 60 - 1.5 * (temp - 15) + rng.normal(0, 3, 5000)
    load = (300 + 60 * np.sin(2 * np.pi * t / 24) + 30 * np.sin(2 * np.pi * t / 168)
            + 4 * (temp - 15) + rng.normal(0, 10, 5000))  # fmt: skip
    return np.stack([load, temp, hum], axis=1).astype("float32")


@cache
def topic_texts() -> Split:
    """4 topics of 60-token texts over 1500 ids (0 = padding, unused here): Zipf background
    words, and per text 3 phrases of 3 tokens from its topic's 12 phrases (their single
    tokens are shared between topics, only the order tells). 4000 texts, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    vocab, n, length = 1500, 4000, 60
    shared = rng.choice(np.arange(50, 250), size=(12, 3))
    orders = [(0, 1, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)]
    words = np.stack([shared[:, list(order)] for order in orders])
    y = rng.integers(0, 4, n)
    ranks = np.arange(1, vocab)
    p = 1 / ranks
    x = rng.choice(ranks, size=(n, length), p=p / p.sum())
    for row in range(n):
        for phrase in rng.choice(12, 3, replace=False):
            at = rng.integers(0, length - 3)
            x[row, at:at + 3] = words[y[row], phrase]
    return split(x.astype("int64"), y.astype("int64"))


@cache
def tagged_tokens() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sequences of 10..30 ids (1..199) post-padded with 0 to 30; 4 tags per token (the tag of
    a token depends on its id band and on the previous token's band); padded positions have
    tag -1 (a Hugging Face habit: -100 / -1 = "ignore"); 5 % of tags redrawn at random
    (annotation noise). 3000 sequences, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, length = 3000, 30
    x = np.zeros((n, length), "int64")
    y = np.full((n, length), -1, "int64")
    for row in range(n):
        k = rng.integers(10, length + 1)
        ids = rng.integers(1, 200, k)
        band = ids // 50
        prev = np.concatenate([[0], band[:-1]])
        tags = (band + (prev >= 2)) % 4
        noisy = rng.random(k) < 0.05  # annotation noise
        tags[noisy] = rng.integers(0, 4, noisy.sum())
        x[row, :k], y[row, :k] = ids, tags
    cut = 2400
    return x[:cut], y[:cut], x[cut:], y[cut:]


@cache
def graded() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Ordinal grades 0..4 from a latent score of 10 standardised features (cut at its
    quantiles); returns (x, grade) for train and validation, 3000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(3000, 10))
    score = x[:, 0] + 0.8 * x[:, 1] - 0.6 * x[:, 2] + 0.5 * x[:, 3] * x[:, 4] \
        + rng.normal(0, 0.5, 3000)
    grade = np.digitize(score, np.quantile(score, [0.2, 0.4, 0.6, 0.8]))
    return _scaled(x, grade.astype("int64"))


def cumulative(grade: np.ndarray, levels: int = 5) -> np.ndarray:
    """Grade g as K-1 binary targets [g > 0, g > 1, ..., g > K-2] (float32)."""
    return (grade[:, None] > np.arange(levels - 1)[None, :]).astype("float32")


@cache
def tabular_classes(classes: int = 5, rows: int = 6000, features: int = 30) -> Split:
    """make_classification: `classes` classes, `features` features (10 informative, 6
    redundant), 2 clusters per class; standardised."""
    x, y = make_classification(n_samples=rows, n_features=features, n_informative=10,
                               n_redundant=6, n_classes=classes, n_clusters_per_class=2,
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("int64"))


@cache
def imbalanced_three() -> Split:
    """3 classes at 75 / 17 / 8 %, 12 features; standardised; labels one-hot (float32)."""
    x, y = make_classification(n_samples=4000, n_features=12, n_informative=6,
                               n_redundant=2, n_classes=3, weights=[0.75, 0.17, 0.08],
                               class_sep=1.2, random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = _scaled(x, y.astype("int64"))
    eye = np.eye(3, dtype="float32")
    return xt, eye[yt], xv, eye[yv]


@cache
def digit_tasks() -> tuple[Split, Split]:
    """Digits (8, 8, 1) in [0, 1]: task A = digits 0-4 (labels 0..4), task B = digits 5-9
    (labels 0..4 for 5..9), each split 80/20."""
    d = load_digits()
    x, y = (d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64")
    a, b = y < 5, y >= 5
    return split(x[a], y[a]), split(x[b], y[b] - 5)


@cache
def digits_flat01() -> Split:
    """Digits as 64 features in [0, 1] (pixels / 16), labels 0..9, 80/20."""
    d = load_digits()
    return split((d.data / 16.0).astype("float32"), d.target.astype("int64"))
