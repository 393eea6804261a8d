"""Data for the batch-37 cases: a generated four-class table with several clusters a class,
sklearn's bundled 8 x 8 digits and generated noisy multichannel sequences (data seed 0 (+70,
+71, +72), no downloads).

Batch 37 is depth, normalisation, activations and initialisation in modern architectures as
practitioners write them: deep residual and plain MLPs, small residual CNNs, pre- / post-norm
encoder blocks, stacked LSTM / GRU layers. Rows are in random order; the first 80 % train,
the rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _split(*arrays: np.ndarray) -> list[np.ndarray]:
    cut = int(len(arrays[0]) * 0.8)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


@cache
def cluster_table(n: int = 6000) -> list[np.ndarray]:
    """`sklearn.datasets.make_classification`: 6000 rows, 16 features (10 informative, 2
    redundant), four classes of three clusters each (not linearly separable), class_sep 1.5,
    2 % of the labels flipped; standardised on the training rows. Returns x, xval, y, yval
    (y integer 0..3)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=n, n_features=16, n_informative=10, n_redundant=2,
                               n_classes=4, n_clusters_per_class=3, class_sep=1.5,
                               flip_y=0.02, shuffle=True, random_state=DATA_SEED + 70)  # fmt: skip
    x, xval, y, yval = _split(x.astype("float32"), y.astype(np.int64))
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(x - mean) / sd, (xval - mean) / sd, y, yval]


@cache
def digit_images() -> list[np.ndarray]:
    """sklearn's bundled 8 x 8 digits (1797 images, pixel values 0..16) in a seeded random
    order, scaled to [0, 1], shape (n, 8, 8, 1). Returns x, xval, y, yval (y integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 71).permutation(len(digits.target))
    x = (digits.images[order] / 16.0).astype("float32")[..., None]
    return _split(x, digits.target[order].astype(np.int64))


@cache
def wave_sequences(n: int = 3000, steps: int = 32) -> list[np.ndarray]:
    """Noisy three-channel sequences of 32 steps, four classes: a sine of a slow or a fast
    frequency (random phase and amplitude 0.6..1.4) on channel 0, and a rising or a falling
    ramp on channel 1, channel 2 noise only; Gaussian noise sd 0.5 on every channel. Returns
    x, xval (n, 32, 3) float32, y, yval (y integer 0..3: 2 x fast + rising)."""
    rng = np.random.default_rng(DATA_SEED + 72)
    y = rng.integers(0, 4, n)
    fast, rising = y // 2, y % 2
    t = np.arange(steps)[None, :]
    freq = np.where(fast, 0.55, 0.2)[:, None] * rng.uniform(0.85, 1.15, (n, 1))
    amp = rng.uniform(0.6, 1.4, (n, 1))
    wave = amp * np.sin(freq * t + rng.uniform(0, 2 * np.pi, (n, 1)))
    slope = np.where(rising, 1.0, -1.0)[:, None] * rng.uniform(0.3, 0.9, (n, 1))
    ramp = slope * (t / steps - 0.5) * 2 + rng.normal(0, 0.3, (n, 1))
    x = np.stack([wave, ramp, np.zeros_like(wave)], axis=-1)
    x = (x + rng.normal(0, 0.5, x.shape)).astype("float32")
    return _split(x, y.astype(np.int64))
