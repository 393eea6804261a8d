"""Data for the batch-20 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 20 writes whole training workflows rather than one `fit`: a backbone pretrained on
another task then reused in two phases (frozen, then fine-tuned), a semi-supervised
pseudo-labelling round, a K-fold loop that picks the epoch count for a final refit, a custom
`train_step` with a distribution-style loss average, Keras 3's gradient accumulation, a
two-output model, a tf.data pipeline of sample weights from two label sources, a custom
warm-up + cosine `LearningRateSchedule`, `steps_per_execution` with `jit_compile`. The data:
digits (as 8 x 8 images split 0-4 / 5-9, and as rows with few labels), a 5-class table, a
customer table with a churn label and a spend target, a 3-class table labelled partly by
experts and partly by a crowd that confuses two classes, and generated waveforms.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def digits_source_target(target_rows: int = 300) -> tuple[np.ndarray, ...]:
    """Digits as (8, 8, 1) images in [0, 1]. Source task: every digit 0-4 (~900 rows, labels
    0..4). Target task: digits 5-9 as labels 0..4, a small labelled training set of
    `target_rows` rows (stratified) and the rest of a 50/50 split as validation (~450).
    Returns x_src, y_src, x, y, x_val, y_val."""
    d = load_digits()
    images = (d.images / 16.0).astype("float32")[..., None]
    labels = d.target.astype("int64")
    low = labels < 5
    x_src, y_src = images[low], labels[low]
    x_t, y_t = images[~low], labels[~low] - 5
    x, xv, y, yv = train_test_split(x_t, y_t, test_size=0.5, random_state=DATA_SEED,
                                    stratify=y_t)  # fmt: skip
    x, _, y, _ = train_test_split(x, y, train_size=target_rows, random_state=DATA_SEED,
                                  stratify=y)  # fmt: skip
    return x_src, y_src, x, y, xv, yv


@cache
def digits_few_labels(labelled: int = 150) -> tuple[np.ndarray, ...]:
    """Digits rows (64 pixels in [0, 1]): 20 % validation (stratified), the rest split into
    `labelled` labelled rows (stratified) and the unlabelled others (~1280, their labels
    kept only for checks). Returns x_lab, y_lab, x_unlab, x_val, y_val."""
    d = load_digits()
    x, y, xv, yv = split((d.data / 16.0).astype("float32"), d.target.astype("int64"))
    x_lab, x_un, y_lab, _ = train_test_split(x, y, train_size=labelled, random_state=DATA_SEED,
                                             stratify=y)  # fmt: skip
    return x_lab, y_lab, x_un, xv, yv


@cache
def five_class_table(rows: int = 2500) -> Split:
    """make_classification: 20 features (10 informative), 5 classes, 2 clusters a class,
    standardised with the training part's scaler; 80/20."""
    x, y = make_classification(n_samples=rows, n_features=20, n_informative=10, n_redundant=4,
                               n_classes=5, n_clusters_per_class=2, class_sep=1.5,
                               random_state=DATA_SEED + 20)  # fmt: skip
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def churn_and_spend(rows: int = 2500) -> tuple[np.ndarray, ...]:
    """A customer table of 12 standardised features; two targets per row: churn (0/1, ~40 %
    positives, from a logistic model of 5 features) and next year's spend, standardised (a
    nonlinear function of 6 features, 3 shared with churn, plus noise). Returns x, churn,
    spend, x_val, churn_val, spend_val (targets (n, 1)); 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0.0, 1.0, (rows, 12)).astype("float32")
    logit = 1.4 * x[:, 0] - 1.1 * x[:, 1] + 0.9 * x[:, 2] * x[:, 3] + 0.8 * x[:, 4] - 0.4
    churn = (rng.random(rows) < 1 / (1 + np.exp(-2.0 * logit))).astype("float32")
    spend = (np.sin(2 * x[:, 0]) + 0.8 * x[:, 5] ** 2 + 0.6 * x[:, 6] - 0.7 * x[:, 2]
             + 0.5 * x[:, 7] * x[:, 1] + rng.normal(0.0, 0.3, rows))  # fmt: skip
    spend = ((spend - spend.mean()) / spend.std()).astype("float32")
    cut = int(0.8 * rows)
    return (x[:cut], churn[:cut, None], spend[:cut, None], x[cut:], churn[cut:, None],
            spend[cut:, None])  # fmt: skip


@cache
def two_source_labels(rows: int = 3000) -> tuple[np.ndarray, ...]:
    """A 3-class table (12 standardised features). Training labels from two sources: 30 % of
    the rows by experts (correct), 70 % by a crowd that labels class 2 as class 1 four times
    in five and class 1 as class 2 one time in four; the source as strings ("expert",
    "crowd"). Validation labels are the true classes. Returns x, y, source, x_val, y_val;
    80/20 (stratified)."""
    x, y = make_classification(n_samples=rows, n_features=12, n_informative=8, n_redundant=2,
                               n_classes=3, n_clusters_per_class=1, class_sep=1.3,
                               random_state=DATA_SEED + 7)  # fmt: skip
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("int64"))
    scaler = StandardScaler().fit(xt)
    xt, xv = scaler.transform(xt).astype("float32"), scaler.transform(xv).astype("float32")
    rng = np.random.default_rng(DATA_SEED)
    crowd = rng.random(len(yt)) < 0.7
    noisy = yt.copy()
    flip = rng.random(len(yt))
    noisy[crowd & (yt == 2) & (flip < 0.8)] = 1
    noisy[crowd & (yt == 1) & (flip < 0.25)] = 2
    source = np.where(crowd, "crowd", "expert")
    return xt, noisy, source, xv, yv


@cache
def waveforms(rows: int = 1200, length: int = 64) -> Split:
    """Generated waveforms of `length` steps, 3 classes (sine, square, sawtooth), random
    frequency (1.5-4 cycles), phase and amplitude (0.5-1.5), plus N(0, 0.4) noise; (n, 64, 1);
    80/20."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.linspace(0.0, 1.0, length)
    y = rng.integers(0, 3, rows)
    freq = rng.uniform(1.5, 4.0, rows)[:, None]
    phase = rng.uniform(0.0, 1.0, rows)[:, None]
    amp = rng.uniform(0.5, 1.5, rows)[:, None]
    cycle = (freq * t[None, :] + phase) % 1.0
    sine = np.sin(2 * np.pi * cycle)
    square = np.where(cycle < 0.5, 1.0, -1.0)
    saw = 2.0 * cycle - 1.0
    wave = np.choose(y[:, None], [sine, square, saw]) * amp
    x = (wave + rng.normal(0.0, 0.4, wave.shape)).astype("float32")[..., None]
    return split(x, y.astype("int64"))
