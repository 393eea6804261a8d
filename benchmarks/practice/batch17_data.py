"""Data for the batch-17 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 17 writes the bug patterns of public fault benchmarks and Stack Overflow questions
(DeepFD, defects4ML, the AUTOTRAINER programs) next to their fixed versions, on small data:
digits as [0, 1] images and rows, digits 0-4 / 5-9 for a pretrain-then-fine-tune script,
breast cancer raw (the scripts scale it), Friedman #1 regression, a table with 30 % missing
values in its informative columns, sequences whose class is set by a marker in the first
steps, and a noisy multi-sine series for windowed forecasting.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import (
    load_breast_cancer,
    load_digits,
    load_wine,
    make_classification,
    make_friedman1,
)

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def digits_images() -> Split:
    """Digits as (8, 8, 1) images in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_rows() -> Split:
    """Digits as 64 pixels in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.data / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_low_high() -> tuple[np.ndarray, np.ndarray, Split]:
    """Digits 0-4 (all rows, for pre-training) and digits 5-9 relabelled 0-4 (80/20)."""
    d = load_digits()
    x = (d.images[..., None] / 16.0).astype("float32")
    y = d.target.astype("int64")
    low = y < 5
    return x[low], y[low], split(x[~low], y[~low] - 5)


@cache
def cancer_raw() -> Split:
    """Breast cancer, 30 raw features (units 1e-3 .. 4e3), labels 0/1, 75/25."""
    d = load_breast_cancer()
    return split(d.data.astype("float32"), d.target.astype("int64"), 0.25)


@cache
def wine_raw() -> Split:
    """Wine, 13 raw features, 3 classes, 70/30."""
    d = load_wine()
    return split(d.data.astype("float32"), d.target.astype("int64"), 0.3)


@cache
def friedman() -> Split:
    """Friedman #1 (10 features in [0, 1], 5 used), 2500 rows, noise 0.5; the target
    standardised with the training part's mean / std (1-D, shape (n,)); 80/20."""
    x, y = make_friedman1(n_samples=2500, n_features=10, noise=0.5, random_state=DATA_SEED)
    xt, yt, xv, yv = split(x.astype("float32"), y.astype("float32"), stratify=False)
    mean, std = yt.mean(), yt.std()
    return xt, ((yt - mean) / std).astype("float32"), xv, ((yv - mean) / std).astype("float32")


@cache
def missing_table() -> Split:
    """3000 rows, 12 features (the first 6 informative, in units of ~1), 2 classes; 30 % of
    the values of the 6 informative columns missing (NaN), at random; 80/20."""
    x, y = make_classification(n_samples=3000, n_features=12, n_informative=6, n_redundant=0,
                               shuffle=False, class_sep=1.0, flip_y=0.02,
                               random_state=DATA_SEED)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED)
    x = x.astype("float32")
    x[:, :6][rng.random((3000, 6)) < 0.3] = np.nan
    return split(x, y.astype("int64"))


@cache
def marker_sequences(length: int = 60, rows: int = 2000) -> Split:
    """`rows` sequences of `length` steps x 2 channels of N(0, 1) noise; the class (0/1) is the
    sign of a marker added to channel 0 in the first 3 steps (+-2); nothing later says it."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 2, rows)
    x = rng.normal(0.0, 1.0, (rows, length, 2)).astype("float32")
    x[:, :3, 0] += np.where(y == 1, 2.0, -2.0)[:, None]
    return split(x, y.astype("int64"))


@cache
def sine_windows(window: int = 16) -> Split:
    """A 1300-step series (three sines, periods 37, 91, 13, plus N(0, 0.1) noise), windows of
    `window` steps -> the next value; the first 80 % of windows train, the rest validate."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(1300)
    s = (np.sin(2 * np.pi * t / 37) + 0.6 * np.sin(2 * np.pi * t / 91)
         + 0.3 * np.sin(2 * np.pi * t / 13) + rng.normal(0, 0.1, 1300))  # fmt: skip
    x = np.stack([s[i : i + window] for i in range(len(s) - window)])[..., None]
    y = s[window:]
    cut = int(0.8 * len(x))
    return (x[:cut].astype("float32"), y[:cut].astype("float32"),
            x[cut:].astype("float32"), y[cut:].astype("float32"))  # fmt: skip
