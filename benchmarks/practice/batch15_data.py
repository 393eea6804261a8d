"""Data for the batch-15 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 15 ports Keras-2-era Stack Overflow / GitHub scripts to Keras 3, so the data come as
those scripts load them: whole arrays for `validation_split` (shuffled once, as a CSV read
would be), a Pima-like diabetes table, wine, breast cancer, blobs, a regression table, moons,
digits as images and as rows of pixels, a "passengers"-unit seasonal series and an AR(2)
series for look-back windows, and generated token sequences (sentiment words, topic words).
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_digits,
    load_wine,
    make_blobs,
    make_classification,
    make_moons,
    make_regression,
)
from sklearn.preprocessing import StandardScaler
from sklearn.utils import shuffle

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


def _standardised(x: np.ndarray, train_rows: int) -> np.ndarray:
    """Standardised with the statistics of the first `train_rows` rows (the part
    `validation_split` trains on)."""
    scaler = StandardScaler().fit(x[:train_rows])
    return scaler.transform(x).astype("float32")


@cache
def pima_like() -> tuple[np.ndarray, np.ndarray]:
    """768 rows, 8 standardised columns, 35 % positives, 5 % label noise (a Pima-diabetes-like
    table from make_classification); labels float32 0/1."""
    x, y = make_classification(n_samples=768, n_features=8, n_informative=5, n_redundant=1,
                               weights=[0.65], class_sep=0.9, flip_y=0.05,
                               random_state=DATA_SEED)  # fmt: skip
    return _standardised(x, 512), y.astype("float32")


@cache
def wine_shuffled() -> tuple[np.ndarray, np.ndarray]:
    """Wine (178 rows, 13 columns) shuffled once, standardised on the first 80 %; labels 0..2."""
    d = load_wine()
    x, y = shuffle(d.data, d.target, random_state=DATA_SEED)
    return _standardised(x, 142), y.astype("int64")


@cache
def blobs() -> Split:
    """5 overlapping Gaussian blobs in 10 dimensions (cluster_std 4.0), 3000 rows,
    standardised, labels 0..4, 80/20."""
    x, y = make_blobs(n_samples=3000, n_features=10, centers=5, cluster_std=4.0,
                      random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x, y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def regression_table() -> tuple[np.ndarray, np.ndarray]:
    """1000 rows, 13 standardised columns (a Boston-housing-sized table): make_regression
    (8 informative, noise 15) plus a squared term, target standardised (mean 0, std 1)."""
    x, y = make_regression(n_samples=1000, n_features=13, n_informative=8, noise=15.0,
                           random_state=DATA_SEED)  # fmt: skip
    y = y + 0.004 * y**2
    y = (y - y[:800].mean()) / y[:800].std()
    return _standardised(x, 800), y.astype("float32")


@cache
def cancer() -> Split:
    """Breast cancer, standardised on the training part, labels 0/1, stratified 80/20."""
    d = load_breast_cancer()
    xt, yt, xv, yv = split(d.data, d.target.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def moons() -> tuple[np.ndarray, np.ndarray]:
    """make_moons, 1500 rows, noise 0.25; labels float32 0/1."""
    x, y = make_moons(n_samples=1500, noise=0.25, random_state=DATA_SEED)
    return x.astype("float32"), y.astype("float32")


@cache
def three_classes() -> Split:
    """make_classification: 3000 rows, 20 columns (8 informative), 3 classes, standardised."""
    x, y = make_classification(n_samples=3000, n_features=20, n_informative=8, n_redundant=2,
                               n_classes=3, class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x, y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def digits_images() -> Split:
    """Digits (8, 8, 1) in [0, 1], labels 0..9, stratified 80/20."""
    d = load_digits()
    return split((d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def passengers_series() -> np.ndarray:
    """A monthly-style seasonal series in "passengers" units: 1500 points, level 300 with a
    slow trend of +150, seasons of 50 and 13 steps (amplitudes 80, 25), noise std 8."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(1500)
    return (300 + 0.1 * t + 80 * np.sin(2 * np.pi * t / 50) + 25 * np.sin(2 * np.pi * t / 13)
            + rng.normal(0, 8, 1500)).astype("float32")  # fmt: skip


@cache
def ar2_series() -> np.ndarray:
    """An AR(2) series x_t = 1.3 x_{t-1} - 0.6 x_{t-2} + e_t (e ~ N(0, 1)), 3000 points,
    standardised."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros(3000)
    noise = rng.normal(0, 1, 3000)
    for t in range(2, 3000):
        x[t] = 1.3 * x[t - 1] - 0.6 * x[t - 2] + noise[t]
    return ((x - x.mean()) / x.std()).astype("float32")


def windows(series: np.ndarray, look_back: int) -> tuple[np.ndarray, np.ndarray]:
    """The tutorials' `create_dataset`: X[i] = series[i : i + look_back], Y[i] =
    series[i + look_back]."""
    idx = np.arange(len(series) - look_back)[:, None] + np.arange(look_back)[None, :]
    return series[idx], series[look_back:]


@cache
def sentiment_tokens() -> tuple[list[list[int]], np.ndarray]:
    """4000 "reviews" of 10..80 token ids from a 500-word vocabulary (0 is reserved for
    padding): positive words 2..41, negative words 42..81, the rest neutral. Label 1 when the
    review has more positive than negative words (ties broken by the last sentiment word)."""
    rng = np.random.default_rng(DATA_SEED)
    docs, labels = [], []
    for _ in range(4000):
        length = int(rng.integers(10, 81))
        doc = rng.integers(82, 500, length)
        k = int(rng.integers(1, 6))
        lean = rng.uniform(0.2, 0.8)
        picks = rng.random(k) < lean
        words = np.where(picks, rng.integers(2, 42, k), rng.integers(42, 82, k))
        doc[rng.choice(length, k, replace=False)] = words
        pos, neg = int(picks.sum()), int(k - picks.sum())
        docs.append([int(v) for v in doc])
        labels.append(int(pos > neg) if pos != neg else int(picks[-1]))
    return docs, np.asarray(labels, "float32")


@cache
def topic_tokens() -> tuple[list[list[int]], np.ndarray]:
    """3200 "documents" of 15..40 token ids from a 1000-word vocabulary: each of 4 topics
    owns 50 words (topic k: ids 2 + 50k ..), a document draws 25 % of its words from its
    topic and the rest from the shared words 202..999. Labels 0..3."""
    rng = np.random.default_rng(DATA_SEED)
    docs, labels = [], rng.integers(0, 4, 3200)
    for topic in labels:
        length = int(rng.integers(15, 41))
        own = rng.random(length) < 0.25
        doc = np.where(own, 2 + 50 * topic + rng.integers(0, 50, length),
                       rng.integers(202, 1000, length))  # fmt: skip
        docs.append([int(v) for v in doc])
    return docs, labels.astype("int64")
