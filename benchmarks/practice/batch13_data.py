"""Data for the batch-13 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-12: digit images with a few tabular "metadata" columns (a
two-input model), multichannel sensor windows, variable-length multichannel sequences
padded to one length, a rare positive class (5 %), insurance-style claim counts with an
exposure, 1..5 ratings, rows whose input-label relation drifts over time (the validation
part is the latest period), a regression whose large targets matter more, and feature sets
where most columns are noise. The seed of a run changes initialisation, dropout and
shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


def _scaled(x: np.ndarray, y: np.ndarray, stratify: bool = True) -> Split:
    xt, yt, xv, yv = split(x.astype("float32"), y, stratify=stratify)
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def digits_images() -> Split:
    """Digits (8, 8, 1) in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_with_metadata() -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray], np.ndarray]:
    """Scanned digits (8, 8, 1) with scanner noise (std 0.35) plus 4 standardised metadata
    columns of the form they came from: a noisy "is even" score, a noisy "is >= 5" score, and
    two noise columns. Inputs `[images, metadata]`, labels 0..9, 80/20."""
    d = load_digits()
    rng = np.random.default_rng(DATA_SEED)
    y = d.target.astype("int64")
    n = len(y)
    meta = np.stack([(y % 2 == 0) + rng.normal(0, 0.2, n), (y >= 5) + rng.normal(0, 0.2, n),
                     rng.normal(0, 1, n), rng.lognormal(0, 0.5, n)], axis=1)  # fmt: skip
    images = (d.images[..., None] / 16.0 + rng.normal(0, 0.35, (n, 8, 8, 1))).astype("float32")
    index = np.arange(n)
    it, yt, iv, yv = split(index, y)
    scaler = StandardScaler().fit(meta[it])
    mt, mv = (scaler.transform(meta[i]).astype("float32") for i in (it, iv))
    return [images[it], mt], yt, [images[iv], mv], yv


@cache
def sensor_windows() -> Split:
    """4 activities as 64-step windows of 6 sensor channels (n, 64, 6), float32: each class
    a 24-step burst of its own frequency (0.08 / 0.16 / 0.24 / 0.32 cycles per step, random
    start and phase) on channels 0-2 with channel-specific gains, over noise of std 0.6.
    2400 windows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, steps = 2400, 64
    y = rng.integers(0, 4, n)
    t = np.arange(steps)[None, :]
    x = rng.normal(0, 0.6, (n, steps, 6))
    start = rng.integers(0, 40, n)[:, None]
    window = (t >= start) & (t < start + 24)
    freq = (0.08 + 0.08 * y)[:, None]
    burst = np.sin(2 * np.pi * freq * t + rng.uniform(0, 6.3, (n, 1))) * window
    for channel, gain in enumerate((0.8, 0.6, 0.4)):
        x[:, :, channel] += gain * burst
    return split(x.astype("float32"), y.astype("int64"))


@cache
def variable_sequences(pad_value: float = 0.0) -> Split:
    """Binary labels of variable-length sequences (10 to 40 steps, 3 channels, values
    around +-1, never exactly the padding value): class 1 when channel 0's total is
    positive. Padded at the end to 40 steps with `pad_value`. 2400 sequences, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, width = 2400, 40
    lengths = rng.integers(10, width + 1, n)
    x = np.full((n, width, 3), pad_value, "float32")
    y = np.zeros(n, "int64")
    for i, length in enumerate(lengths):
        seq = rng.normal(0, 1, (length, 3))
        seq[seq == 0.0] = 0.01
        x[i, :length] = seq
        y[i] = int(seq[:, 0].sum() > 0)
    return split(x, y)


@cache
def rare_positives() -> Split:
    """Binary, 20 features, 5 % positives (make_classification, class_sep 0.8, 3 % label
    noise); standardised. 8000 rows, stratified 80/20."""
    x, y = make_classification(n_samples=8000, n_features=20, n_informative=8, n_redundant=4,
                               weights=[0.95, 0.05], class_sep=0.8, flip_y=0.03,
                               random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("float32"))


@cache
def claim_counts() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                            np.ndarray]:  # fmt: skip
    """Insurance claims: 8 standardised features, an exposure in years (0.1 to 5), counts
    ~ Poisson(exposure x exp(rate score)). Returns x, exposure, y, xv, exposure_v, yv (6000
    rows, 80/20); exposure and counts as (n, 1) float32."""
    rng = np.random.default_rng(DATA_SEED)
    n = 6000
    x = rng.normal(size=(n, 8)).astype("float32")
    exposure = rng.uniform(0.1, 5.0, (n, 1)).astype("float32")
    score = 0.5 * x[:, 0] - 0.4 * x[:, 1] + 0.3 * x[:, 2] * x[:, 3] + 0.3 * np.tanh(x[:, 4])
    y = rng.poisson(exposure[:, 0] * np.exp(0.3 + score)).astype("float32")[:, None]
    cut = 4800
    return x[:cut], exposure[:cut], y[:cut], x[cut:], exposure[cut:], y[cut:]


@cache
def ratings() -> Split:
    """Ratings 1..5 (about equally frequent) from a non-linear score of 10 standardised
    features plus noise; float32 targets. 5000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(5000, 10))
    score = x[:, 0] + 0.7 * x[:, 1] * x[:, 2] + 0.6 * np.sin(2 * x[:, 3]) + 0.5 * x[:, 4] \
        + rng.normal(0, 0.15, 5000)
    y = 1 + np.searchsorted(np.quantile(score, [0.2, 0.4, 0.6, 0.8]), score)
    return _scaled(x, y.astype("float32"), stratify=False)


@cache
def drifting_rows() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """10 features, label = sign of x . w(t) with w turning by 150 degrees in features 0/1
    over time t in [0, 0.7], then fixed (the current regime); rows sorted by time, the last
    20 % (t > 0.8) the validation period.
    Returns x, y, t (training), xv, yv; 8000 rows."""
    rng = np.random.default_rng(DATA_SEED)
    n = 8000
    t = np.sort(rng.uniform(0, 1, n))
    x = rng.normal(size=(n, 10)).astype("float32")
    angle = np.minimum(t, 0.7) / 0.7 * np.deg2rad(150)
    score = np.cos(angle) * x[:, 0] + np.sin(angle) * x[:, 1] + 0.3 * x[:, 2]
    y = (score + rng.normal(0, 0.2, n) > 0).astype("float32")
    cut = 6400
    return x[:cut], y[:cut], t[:cut].astype("float32"), x[cut:], y[cut:]


@cache
def heavy_targets() -> Split:
    """12 standardised features, a standardised target from a non-linear function (skewed:
    a few large values); 5000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(5000, 12))
    y = np.exp(0.5 * x[:, 0] + 0.3 * x[:, 1]) + 0.5 * x[:, 2] * x[:, 3] + 0.3 * x[:, 4] \
        + rng.normal(0, 0.2, 5000)
    y = (y - y.mean()) / y.std()
    return _scaled(x, y.astype("float32")[:, None], stratify=False)


@cache
def tabular_classes(classes: int, rows: int, features: int, informative: int) -> Split:
    """make_classification (2 clusters per class, class_sep 1.0); standardised."""
    x, y = make_classification(n_samples=rows, n_features=features, n_informative=informative,
                               n_redundant=2, n_classes=classes, n_clusters_per_class=2,
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("int64"))
