"""Data for the batch-28 cases: generated tables, images and sequences (data seed 0).

Batch 28 is autoencoders, reconstruction and multi-task models as practitioners write them:
sensor-like tables whose 20 columns are noisy nonlinear functions of 3 hidden factors (so a
narrow code can reconstruct them), in their own units (offsets and scales from 0.1 to 500);
rows of the same kind with their columns' joint structure broken (each column drawn from its
own marginal), the "anomalies" an autoencoder trained on normal rows should reconstruct
badly; small grayscale images (24 x 24, uint8 0..255 as an image loader returns them) of four
shapes at random places and sizes; and multichannel sensor sequences (sums of sines with
random phases). Each function returns the data as a script receives it; scaling and noise are
the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch26_data import first_rows_train

FEATURES = 20
LATENT = 3


def _mixing(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    w = rng.normal(size=(LATENT, FEATURES))
    v = rng.normal(size=(LATENT, FEATURES)) * 0.5
    offset = rng.uniform(-50, 500, size=FEATURES)
    scale = np.exp(rng.uniform(np.log(0.1), np.log(200), size=FEATURES))
    return w, v, offset, scale


def _rows(z: np.ndarray, mix: tuple[np.ndarray, ...], rng: np.random.Generator) -> np.ndarray:
    w, v, offset, scale = mix
    clean = np.tanh(z @ w) + (z**2 - 1) @ v * 0.5
    noisy = clean + rng.normal(0, 0.08, size=clean.shape)
    return (noisy * scale + offset).astype(np.float32)


@cache
def sensor_table(n: int = 4000) -> tuple[np.ndarray, ...]:
    """n rows of 20 sensor columns in their own units, driven by 3 standard-normal hidden
    factors z; a class (0..2: which of z0, z1, z2 is largest) and a continuous target
    (z0 * z1 + sin(2 z2), mean about 0, sd about 1.2). Returns x, xval (float32), c, cval
    (int32), t, tval (float32)."""
    rng = np.random.default_rng(DATA_SEED)
    mix = _mixing(rng)
    z = rng.normal(size=(n, LATENT))
    x = _rows(z, mix, rng)
    c = z.argmax(axis=1).astype(np.int32)
    t = (z[:, 0] * z[:, 1] + np.sin(2 * z[:, 2])).astype(np.float32)
    return tuple(first_rows_train(n, x, c, t))


@cache
def anomaly_table(n_normal: int = 3000, n_check: int = 800) -> tuple[np.ndarray, ...]:
    """Rows from the same sensors as `sensor_table` (another draw): x (n_normal normal rows
    to train on), and a check set of n_check rows, half normal and half anomalies (each
    a normal row with 4 of its 20 columns replaced by other rows' values: plausible values,
    broken joint structure), in random order, with y_check 1 for an anomaly. Returns x, x_check,
    y_check."""
    rng = np.random.default_rng(DATA_SEED + 1)
    mix = _mixing(np.random.default_rng(DATA_SEED))
    x = _rows(rng.normal(size=(n_normal, LATENT)), mix, rng)
    half = n_check // 2
    normal = _rows(rng.normal(size=(half, LATENT)), mix, rng)
    pool = _rows(rng.normal(size=(half * 4, LATENT)), mix, rng)
    odd = _rows(rng.normal(size=(half, LATENT)), mix, rng)
    for row in odd:
        cols = rng.choice(FEATURES, size=4, replace=False)
        row[cols] = pool[rng.integers(0, len(pool), size=4), cols]
    x_check = np.concatenate([normal, odd]).astype(np.float32)
    y_check = np.concatenate([np.zeros(half), np.ones(half)]).astype(np.int32)
    order = rng.permutation(len(x_check))
    return x, x_check[order], y_check[order]


def _draw(kind: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """One 24 x 24 image (0..1) of a shape: 0 disc, 1 square, 2 triangle, 3 cross."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    r = rng.uniform(4, 8)
    cy, cx = rng.uniform(r + 1, size - r - 1, size=2)
    dy, dx = yy - cy, xx - cx
    if kind == 0:
        img = (dy**2 + dx**2 <= r**2).astype(np.float32)
    elif kind == 1:
        img = ((np.abs(dy) <= r * 0.8) & (np.abs(dx) <= r * 0.8)).astype(np.float32)
    elif kind == 2:
        img = ((dy <= r * 0.7) & (dy >= -r) & (np.abs(dx) <= (dy + r) * 0.6)).astype(np.float32)
    else:
        arm = r * 0.3
        img = (((np.abs(dy) <= arm) & (np.abs(dx) <= r)) | ((np.abs(dx) <= arm)
               & (np.abs(dy) <= r))).astype(np.float32)  # fmt: skip
    return img * rng.uniform(0.6, 1.0)


@cache
def shape_images(n: int = 3000, size: int = 24) -> tuple[np.ndarray, ...]:
    """n grayscale images of four shapes (disc, square, triangle, cross; radius 4-8 px,
    random place, brightness 0.6-1.0, a faint background texture) as uint8 0..255 of shape
    (n, 24, 24, 1), and the shape (0..3). Returns x, xval (uint8), y, yval (int32)."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, size=n).astype(np.int32)
    imgs = np.stack([_draw(int(k), size, rng) for k in y])
    imgs = np.clip(imgs + rng.uniform(0, 0.1, size=imgs.shape), 0, 1)
    x = np.round(imgs * 255).astype(np.uint8)[..., None]
    return tuple(first_rows_train(n, x, y))


@cache
def sensor_sequences(n: int = 2000, steps: int = 30, channels: int = 3) -> tuple[np.ndarray, ...]:
    """n sequences of `steps` readings on `channels` channels: each channel a sine (period
    6-20 steps, random phase, amplitude 0.5-1.5) plus noise (sd 0.05); centred (values
    about -1.5..1.5). Returns x, xval float32 (n, steps, channels)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(steps, dtype=np.float32)[None, :, None]
    out = np.zeros((n, steps, channels), dtype=np.float32)
    for _ in range(1):
        period = rng.uniform(6, 20, size=(n, 1, channels))
        phase = rng.uniform(0, 2 * np.pi, size=(n, 1, channels))
        amp = rng.uniform(0.5, 1.5, size=(n, 1, channels))
        out += (amp * np.sin(2 * np.pi * t / period + phase)).astype(np.float32)
    out += rng.normal(0, 0.05, size=out.shape).astype(np.float32)
    return tuple(first_rows_train(n, out))
