"""Data for the batch-10 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-9: Gaussian quantile shells (a class is a distance band), parts
with a kind and a size (one classification and one regression target), a table whose rows
come grouped by class (as an export sorted by label), variable-length token sequences,
per-step tags that depend on the previous token, short review sentences as strings whose
opinion words come after a fixed opening, a noisy seasonal series, and a rare positive class.
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import make_classification, make_friedman1, make_gaussian_quantiles
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


def _scaled(x: np.ndarray, y: np.ndarray, stratify: bool = True) -> Split:
    xt, yt, xv, yv = split(x.astype("float32"), y, stratify=stratify)
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def shells() -> Split:
    """3 classes as nested distance bands around the origin in 4-D (make_gaussian_quantiles),
    plus 4 noise columns; standardised. No linear boundary separates them."""
    x, y = make_gaussian_quantiles(n_samples=3000, n_features=4, n_classes=3,
                                   random_state=DATA_SEED)  # fmt: skip
    noise = np.random.default_rng(DATA_SEED).normal(size=(3000, 4))
    return _scaled(np.hstack([x, noise]), y.astype("int64"))


@cache
def four_classes() -> Split:
    """make_classification, 4000 rows, 20 features (8 informative), 4 classes; standardised."""
    x, y = make_classification(n_samples=4000, n_features=20, n_informative=8, n_redundant=4,
                               n_classes=4, n_clusters_per_class=2, class_sep=1.0,
                               random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("int64"))


@cache
def parts() -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray]]:
    """Machined parts: 12 standardised measurements; targets "kind" (3 classes, integer) and
    "size" (a standardised continuous value, negative for half the rows)."""
    x, kind = make_classification(n_samples=3000, n_features=12, n_informative=6,
                                  n_redundant=2, n_classes=3, random_state=DATA_SEED)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED)
    size = (np.sin(x[:, 0]) + 0.5 * x[:, 1] * x[:, 2] + 0.3 * x[:, 3] + 0.4 * kind
            + rng.normal(0, 0.2, len(kind)))  # fmt: skip
    size = ((size - size.mean()) / size.std()).astype("float32")
    cut = 2400
    scaler = StandardScaler().fit(x[:cut])
    xs = scaler.transform(x).astype("float32")
    return (xs[:cut], {"kind": kind[:cut].astype("int64"), "size": size[:cut, None]},
            xs[cut:], {"kind": kind[cut:].astype("int64"), "size": size[cut:, None]})


@cache
def grouped_by_class() -> tuple[np.ndarray, np.ndarray]:
    """5 classes, 3000 rows, 16 features, standardised, rows sorted by class (an export
    grouped by label)."""
    x, y = make_classification(n_samples=3000, n_features=16, n_informative=8, n_classes=5,
                               n_clusters_per_class=1, class_sep=1.2,
                               random_state=DATA_SEED)  # fmt: skip
    order = np.argsort(y, kind="stable")
    x = StandardScaler().fit_transform(x).astype("float32")
    return x[order], y[order].astype("int64")


@cache
def friedman_rows() -> Split:
    """Friedman #1 (10 features, 5 used), 2500 rows; features standardised, target
    standardised with the training mean and std."""
    x, y = make_friedman1(n_samples=2500, n_features=10, noise=0.5, random_state=DATA_SEED)
    xt, yt, xv, yv = _scaled(x, y, stratify=False)
    mean, std = yt.mean(), yt.std()
    return xt, ((yt - mean) / std).astype("float32"), xv, ((yv - mean) / std).astype("float32")


VOCAB = 200
POSITIVE, NEGATIVE = range(10, 30), range(30, 50)


@cache
def token_sequences(n: int = 4000, max_len: int = 40) -> Split:
    """Variable-length (8..40) token ids from 1..199, post-padded with 0; label 1 when the
    sequence holds more "positive" ids (10..29) than "negative" ones (30..49)."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros((n, max_len), dtype="int64")
    y = np.zeros(n, dtype="int64")
    for i in range(n):
        length = rng.integers(8, max_len + 1)
        seq = rng.integers(50, VOCAB, length)
        label = rng.integers(0, 2)
        k = rng.integers(2, 6)
        pos = rng.choice(length, k, replace=False)
        keep, other = (POSITIVE, NEGATIVE) if label else (NEGATIVE, POSITIVE)
        seq[pos] = rng.choice(list(keep), k)
        free = np.setdiff1d(np.arange(length), pos)
        few = rng.choice(free, rng.integers(0, k - 1), replace=False)
        seq[few] = rng.choice(list(other), len(few))
        x[i, :length], y[i] = seq, label
    return split(x, y)


@cache
def tagged_steps(n: int = 3000, steps: int = 20) -> Split:
    """Token ids 1..59, one tag per step (4 tags): the tag of a token depends on its own band
    (1-19, 20-39, 40-59) and on whether the previous token was a "marker" (< 6)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.integers(1, 60, (n, steps)).astype("int64")
    band = (x - 1) // 20
    after_marker = np.concatenate([np.zeros((n, 1), bool), x[:, :-1] < 6], axis=1)
    tags = np.where(after_marker, 3, band).astype("int64")
    return split(x, tags, stratify=False)


OPENINGS = ["i bought this for my", "we ordered it for the", "got this one for our",
            "my sister picked it for her"]  # fmt: skip
FILLER = ["kitchen", "office", "garden", "trip", "kids", "car", "box", "colour", "size",
          "week", "price", "delivery", "again", "really", "it", "was", "and", "the"]  # fmt: skip
GOOD = ["great", "excellent", "love", "perfect", "sturdy", "recommend", "happy"]
BAD = ["broken", "awful", "refund", "flimsy", "disappointed", "useless", "returned"]


@cache
def review_sentences(n: int = 3000) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """Short reviews: one of 4 openings (4-5 words), then 7 words mixing filler words and
    2-3 opinion words; label 1 when the opinion words are good."""
    rng = np.random.default_rng(DATA_SEED)
    texts, labels = [], []
    for _ in range(n):
        label = int(rng.integers(0, 2))
        words = list(rng.choice(FILLER, 7))
        for p in rng.choice(7, rng.integers(2, 4), replace=False):
            words[p] = str(rng.choice(GOOD if label else BAD))
        texts.append(f"{OPENINGS[rng.integers(0, 4)]} {' '.join(words)}")
        labels.append(label)
    y = np.array(labels, dtype="int64")
    cut = int(0.8 * n)
    return texts[:cut], y[:cut], texts[cut:], y[cut:]


@cache
def seasonal_series(n: int = 4000) -> np.ndarray:
    """A daily-and-weekly seasonal series with a slow drift and noise (float32, length n)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(n)
    series = (np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 168)
              + 0.3 * np.sin(2 * np.pi * t / 1000) + rng.normal(0, 0.2, n))  # fmt: skip
    return series.astype("float32")


@cache
def rare_positive() -> Split:
    """make_classification with 7 % positives, 6000 rows, 15 features; standardised."""
    x, y = make_classification(n_samples=6000, n_features=15, n_informative=6,
                               weights=[0.93, 0.07], flip_y=0.01, class_sep=0.9,
                               random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("int64"))
