"""Data for the batch-62 cases: generative and density models on sklearn's 8 x 8 digits and
generated toy sets (data seed 0 (+620 .. +624), no downloads).

Batch 62 is generative / density modelling with a plain `fit`: VAEs, a conditional VAE,
a mixture density network, a masked autoregressive model, a causal Conv1D forecaster, a
coupling-layer flow and a denoising noise-regression model. The seed of a run changes the
model's initialisation, dropout, sampling and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def digits_binary(n_val: int = 397) -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797 images) in a seeded order (620), binarised (pixel / 16 >
    0.5, as "binarized MNIST" is), flattened to 64: the first 1400 train, the last 397
    validate. Returns x, xval (float32 0 / 1), y, yval (integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 620).permutation(len(digits.target))
    x = (digits.data[order] / 16.0 > 0.5).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:-n_val], x[-n_val:], y[:-n_val], y[-n_val:]]


@cache
def digits_unit(n_val: int = 397) -> list[np.ndarray]:
    """The same split of the digits (seed 620) as grey levels: pixel / 16 in [0, 1], flattened
    to 64. Returns x, xval (float32), y, yval."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 620).permutation(len(digits.target))
    x = (digits.data[order] / 16.0).astype("float32")
    y = digits.target[order].astype(np.int64)
    return [x[:-n_val], x[-n_val:], y[:-n_val], y[-n_val:]]


@cache
def inverse_sine(n: int = 2500, n_val: int = 500) -> list[np.ndarray]:
    """Bishop's inverse problem for mixture density networks (seed 621): t ~ U(0, 1),
    x = t + 0.3 sin(2 pi t) + U(-0.1, 0.1); the task is t given x, which has up to three
    branches for x in ~0.3 .. 0.7. x and t are returned in these units (both ~0..1). Returns
    x, xval (n, 1), t, tval (n, 1)."""
    rng = np.random.default_rng(DATA_SEED + 621)
    t = rng.uniform(0.0, 1.0, n)
    x = t + 0.3 * np.sin(2 * np.pi * t) + rng.uniform(-0.1, 0.1, n)
    x, t = x.astype("float32")[:, None], t.astype("float32")[:, None]
    return [x[:-n_val], x[-n_val:], t[:-n_val], t[-n_val:]]


@cache
def ar_series(n_series: int = 600, length: int = 48, n_val: int = 150) -> list[np.ndarray]:
    """Generated univariate series (seed 622): each a sum of two sines of random period (6 ..
    20 steps), phase and amplitude (0.5 .. 2), plus an AR(1) noise (phi 0.6, sd 0.1), in
    "sensor units": offset 500, multiplied by 40 (values ~ 300 .. 700). Returns train, val
    (n, length) float32, raw units."""
    rng = np.random.default_rng(DATA_SEED + 622)
    steps = np.arange(length)
    rows = []
    for _ in range(n_series):
        row = np.zeros(length)
        for _ in range(2):
            period, phase, amp = rng.uniform(6, 20), rng.uniform(0, 2 * np.pi), rng.uniform(0.5, 2)
            row += amp * np.sin(2 * np.pi * steps / period + phase)
        noise = np.zeros(length)
        for i in range(1, length):
            noise[i] = 0.6 * noise[i - 1] + rng.normal(0, 0.1)
        rows.append(500.0 + 40.0 * (row + noise))
    data = np.asarray(rows, dtype="float32")
    return [data[:-n_val], data[-n_val:]]


@cache
def moons(n: int = 3000, n_val: int = 1000) -> list[np.ndarray]:
    """sklearn's make_moons (noise 0.05, seed 623), 2-D, standardised on the training rows.
    Returns x, xval (float32)."""
    from sklearn.datasets import make_moons

    x, _ = make_moons(n_samples=n, noise=0.05, random_state=DATA_SEED + 623)
    x = x.astype("float32")
    train, val = x[:-n_val], x[-n_val:]
    mean, sd = train.mean(axis=0), train.std(axis=0)
    return [(train - mean) / sd, (val - mean) / sd]
