"""Data for the batch-18 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 18 writes Keras 3 preprocessing and input idioms (TextVectorization in TF-IDF mode, a
ConvLSTM2D on frames, a hand-written RNN cell, label-encoded event sequences, a repeated
tf.data pipeline, a Normalization given its statistics) and some model families the earlier
batches did not use (a mixture density network, triplet embeddings, spectral normalisation,
a 40-class top-k task) next to real-world bug patterns. The data: generated topic sentences,
moving-blob frames, running-sum sequences, named event logs, a mixed-unit loan table, digits
rows, triplets of digits rows, Bishop's inverse problem, a 4 % positive table, noisy moons
and a 40-class table.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification, make_moons
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

TOPICS = (
    ("goal", "match", "league", "coach", "striker", "season", "penalty", "stadium", "keeper",
     "referee"),
    ("stock", "market", "shares", "profit", "investor", "bank", "dividend", "trading", "bond",
     "inflation"),
    ("vaccine", "patient", "clinic", "doctor", "dose", "symptom", "virus", "nurse", "therapy",
     "hospital"),
    ("planet", "orbit", "telescope", "galaxy", "rocket", "comet", "asteroid", "astronaut",
     "nebula", "crater"),
)  # fmt: skip
FILLER = ("the", "a", "of", "and", "to", "in", "on", "for", "with", "new", "report", "said",
          "today", "after", "week", "first", "many", "during", "about", "this", "some",
          "again", "more", "local", "big", "early", "late", "second", "team", "group")  # fmt: skip


@cache
def topic_texts(n: int = 2400) -> tuple[list[str], np.ndarray, list[str], np.ndarray]:
    """News-like sentences of 12 words: 2-3 keywords of their topic (4 topics), one keyword
    of another topic, the rest filler words; label = the topic; 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    texts, labels = [], []
    for _ in range(n):
        topic = int(rng.integers(0, 4))
        words = list(rng.choice(FILLER, 12))
        spots = rng.choice(12, 4, replace=False)
        own = int(rng.integers(2, 4))
        for p in spots[:own]:
            words[p] = str(rng.choice(TOPICS[topic]))
        other = (topic + int(rng.integers(1, 4))) % 4
        words[spots[own]] = str(rng.choice(TOPICS[other]))
        texts.append(" ".join(words))
        labels.append(topic)
    y = np.array(labels, dtype="int64")
    cut = int(0.8 * n)
    return texts[:cut], y[:cut], texts[cut:], y[cut:]


@cache
def blob_frames(n: int = 1600, frames: int = 6) -> tuple[np.ndarray, ...]:
    """`frames` 8x8 frames of a 2x2 blob moving one pixel per frame (wrapping around) right,
    left, down or up (the label, 0..3) from a random place, plus a static 2x2 distractor and
    N(0, 0.3) noise. Returned stacked channels-last, (n, 8, 8, frames), as a frame grabber
    writes them; the scripts move the time axis to the front. 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, n)
    steps = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}
    x = rng.normal(0.0, 0.3, (n, 8, 8, frames)).astype("float32")
    for i in range(n):
        r, c = rng.integers(0, 8, 2)
        sr, sc = rng.integers(0, 7, 2)
        dr, dc = steps[int(y[i])]
        for t in range(frames):
            rows = (np.arange(r, r + 2) + dr * t) % 8
            cols = (np.arange(c, c + 2) + dc * t) % 8
            x[i][np.ix_(rows, cols, [t])] += 1.0
            x[i, sr : sr + 2, sc : sc + 2, t] += 0.6
    return split(x, y.astype("int64"))


@cache
def running_sum_sequences(length: int = 20, rows: int = 3000) -> Split:
    """`rows` sequences of `length` steps x 2 channels of N(0, 1) noise; the class is 1 when
    channel 0 sums to more than 0 over the whole sequence (every step counts)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0.0, 1.0, (rows, length, 2)).astype("float32")
    y = (x[:, :, 0].sum(axis=1) > 0).astype("int64")
    return split(x, y)


EVENTS = ("alarm", "boot", "click", "download", "edit", "fetch", "idle", "login", "logout",
          "print", "save", "search", "sync", "upload")  # fmt: skip


@cache
def event_logs(rows: int = 3000, max_len: int = 20) -> tuple[list[list[str]], np.ndarray]:
    """Named event logs of 6..20 events drawn from 13 ordinary events; in half of them one
    event (at a random place) is an "alarm" instead: the label (1 = the log holds an alarm),
    3 % of labels flipped. Returned as lists of names (the scripts encode them)."""
    rng = np.random.default_rng(DATA_SEED)
    logs, labels = [], []
    for _ in range(rows):
        length = int(rng.integers(6, max_len + 1))
        log = [str(e) for e in rng.choice(EVENTS[1:], length)]
        label = int(rng.integers(0, 2))
        if label:
            log[int(rng.integers(0, length))] = "alarm"
        if rng.random() < 0.03:
            label = 1 - label
        logs.append(log)
        labels.append(label)
    return logs, np.array(labels, dtype="int64")


@cache
def classes_5_table(rows: int = 4000) -> Split:
    """make_classification: 4000 rows, 20 features (10 informative), 5 classes, standardised
    with the training part's scaler; 80/20."""
    x, y = make_classification(n_samples=rows, n_features=20, n_informative=10, n_redundant=4,
                               n_classes=5, n_clusters_per_class=2, class_sep=1.2,
                               random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def loan_table(rows: int = 4000) -> Split:
    """A mixed-unit loan table, raw: income (~6e4 +- 2.5e4), property value (~3e5 +- 1.2e5),
    account balance (~1e4 +- 8e3), age (~42 +- 12), debt ratio (~0.3 +- 0.1), open credit
    lines (~5 +- 2), months employed (~60 +- 30). Default (1) from a logistic model of the
    standardised columns (every column matters), ~35 % positives; 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    means = np.array([6e4, 3e5, 1e4, 42.0, 0.3, 5.0, 60.0])
    stds = np.array([2.5e4, 1.2e5, 8e3, 12.0, 0.1, 2.0, 30.0])
    z = rng.normal(0.0, 1.0, (rows, 7))
    logit = (-1.0 * z[:, 0] - 0.6 * z[:, 1] - 0.8 * z[:, 2] + 0.5 * z[:, 3] ** 2 - 0.5
             + 1.4 * z[:, 4] + 0.7 * z[:, 5] * z[:, 4] - 0.6 * z[:, 6])  # fmt: skip
    y = (rng.random(rows) < 1 / (1 + np.exp(-2.0 * logit))).astype("int64")
    x = (means + stds * z).astype("float32")
    return split(x, y)


@cache
def digits_rows() -> Split:
    """Digits as 64 pixels in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.data / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digit_triplets(train: int = 4000, val: int = 800) -> tuple[np.ndarray, ...]:
    """(anchor, positive, negative) triplets of digits rows: a positive of the anchor's class,
    a negative of another class; training triplets from the training rows, validation ones
    from the validation rows. Returns a, p, n, a_val, p_val, n_val (each (rows, 64))."""
    x, y, xv, yv = digits_rows()
    rng = np.random.default_rng(DATA_SEED)

    def make(xs: np.ndarray, ys: np.ndarray, count: int) -> list[np.ndarray]:
        by_class = [np.flatnonzero(ys == c) for c in range(10)]
        anchors = rng.integers(0, len(xs), count)
        pos = np.array([rng.choice(by_class[ys[a]]) for a in anchors])
        neg_class = (ys[anchors] + rng.integers(1, 10, count)) % 10
        neg = np.array([rng.choice(by_class[c]) for c in neg_class])
        return [xs[anchors], xs[pos], xs[neg]]

    return (*make(x, y, train), *make(xv, yv, val))


@cache
def inverse_problem(rows: int = 2500) -> Split:
    """Bishop's inverse problem: x uniform in [0, 1], t = x + 0.3 sin(2 pi x) + U(-0.1, 0.1);
    the task predicts x from t (one to three branches for one t); t is the input (n, 1), x
    the target (n, 1); 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.random(rows)
    t = x + 0.3 * np.sin(2 * np.pi * x) + rng.uniform(-0.1, 0.1, rows)
    return split(t[:, None].astype("float32"), x[:, None].astype("float32"), stratify=False)


@cache
def rare_positive_table(rows: int = 8000) -> Split:
    """make_classification: 16 features, ~4 % positives, standardised with the training
    part's scaler; 80/20 stratified."""
    x, y = make_classification(n_samples=rows, n_features=16, n_informative=8, n_redundant=2,
                               weights=[0.96, 0.04], class_sep=1.0, flip_y=0.01,
                               random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def noisy_moons(rows: int = 2000) -> Split:
    """Two moons with noise 0.25, 80/20."""
    x, y = make_moons(n_samples=rows, noise=0.25, random_state=DATA_SEED)
    return split(x.astype("float32"), y.astype("int64"))


@cache
def classes_40_table(rows: int = 8000) -> Split:
    """make_classification: 40 classes, 40 features (30 informative), one cluster each,
    standardised with the training part's scaler; 80/20."""
    x, y = make_classification(n_samples=rows, n_features=40, n_informative=30, n_redundant=0,
                               n_classes=40, n_clusters_per_class=1, class_sep=1.5,
                               flip_y=0.02, random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip
