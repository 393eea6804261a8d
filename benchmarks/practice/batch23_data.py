"""Data for the batch-23 cases: images drawn in NumPy (data seed 0) and sklearn's bundled
digits, no downloads.

Batch 23 is computer-vision training as practitioners write it: grey shapes in 0..255 (as
images come off disk), stripes whose class is their orientation, colour shapes stored
channels-first (as a PyTorch-style loader hands them over), colour blobs with multi-label
tags, shapes for a denoiser, and sklearn's digits upsampled to 16x16. Each function returns
the data as the script receives it (raw 0..255 values, channels-first arrays): scaling and
layout are the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch2_data import DATA_SEED

SHAPES = ("circle", "square", "triangle", "cross")


def _split(*arrays: np.ndarray, stratify: np.ndarray | None = None) -> list[np.ndarray]:
    """80/20 (shuffled, data seed 0): each array's train part, then its val part."""
    return train_test_split(*arrays, test_size=0.2, random_state=DATA_SEED, stratify=stratify)


def _mask(kind: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """A filled shape (bool, size x size) at a random centre and radius."""
    r = rng.uniform(size * 0.18, size * 0.32)
    cy, cx = rng.uniform(r + 1, size - r - 1, 2)
    yy, xx = np.mgrid[0:size, 0:size].astype("float64")
    dy, dx = yy - cy, xx - cx
    if kind == 0:  # circle
        return dy**2 + dx**2 <= r**2
    if kind == 1:  # square
        return (np.abs(dy) <= r * 0.85) & (np.abs(dx) <= r * 0.85)
    if kind == 2:  # triangle, apex up
        return (dy <= r * 0.8) & (dy >= -r) & (np.abs(dx) <= (dy + r) * 0.6)
    w = max(1.0, r * 0.3)  # cross (plus)
    return ((np.abs(dy) <= w) & (np.abs(dx) <= r)) | ((np.abs(dx) <= w) & (np.abs(dy) <= r))


@cache
def grey_shapes(rows: int = 1200, size: int = 20) -> list[np.ndarray]:
    """Four shape classes, one per image, grey 0..255 float32 (n, size, size, 1): the shape
    at 140-255 on a noisy background 0-60; x_train, x_val, y_train, y_val (int64)."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, rows)
    x = rng.uniform(0, 60, (rows, size, size))
    for i, k in enumerate(y):
        x[i][_mask(int(k), size, rng)] = rng.uniform(140, 255)
    x = np.clip(x + rng.normal(0, 8, x.shape), 0, 255).round()
    return _split(x.astype("float32")[..., None], y.astype("int64"), stratify=y)


@cache
def stripes(rows: int = 1200, size: int = 16) -> list[np.ndarray]:
    """Stripe images whose class is the orientation: 0 horizontal, 1 vertical, 2 diagonal
    '/', 3 diagonal '\\'; random period (4-8 px) and phase, noise; float32 in [0, 1],
    (n, size, size, 1); x_train, x_val, y_train, y_val."""
    rng = np.random.default_rng(DATA_SEED + 1)
    y = rng.integers(0, 4, rows)
    yy, xx = np.mgrid[0:size, 0:size].astype("float64")
    directions = [(1.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, -1.0)]  # (row, col) weights
    x = np.empty((rows, size, size))
    for i, k in enumerate(y):
        a, b = directions[int(k)]
        period = rng.uniform(4, 8)
        x[i] = 0.5 + 0.4 * np.sin(2 * np.pi * (a * yy + b * xx) / period + rng.uniform(0, 6.3))
    x = np.clip(x + rng.normal(0, 0.15, x.shape), 0, 1)
    return _split(x.astype("float32")[..., None], y.astype("int64"), stratify=y)


@cache
def colour_shapes_chw(rows: int = 1200, size: int = 16) -> list[np.ndarray]:
    """Four shape classes in a random colour, channels-first (n, 3, size, size) float32 in
    [0, 1] (as a PyTorch-style loader stores them); the class is the shape, not the colour;
    x_train, x_val, y_train, y_val."""
    rng = np.random.default_rng(DATA_SEED + 2)
    y = rng.integers(0, 4, rows)
    x = rng.uniform(0, 0.25, (rows, 3, size, size))
    for i, k in enumerate(y):
        m = _mask(int(k), size, rng)
        colour = rng.uniform(0.1, 1.0, 3)
        colour[rng.integers(0, 3)] = 1.0
        for c in range(3):
            x[i, c][m] = colour[c]
    x = np.clip(x + rng.normal(0, 0.05, x.shape), 0, 1)
    return _split(x.astype("float32"), y.astype("int64"), stratify=y)


@cache
def tagged_blobs(rows: int = 1200, size: int = 16) -> list[np.ndarray]:
    """Multi-label tags: each image holds a red, a green and a blue blob, each present with
    probability 0.5, and horizontal stripes with probability 0.4 (independent); tags
    (n, 4) float32 multi-hot (red, green, blue, stripes); channels-last (n, size, size, 3)
    in [0, 1]; x_train, x_val, y_train, y_val."""
    rng = np.random.default_rng(DATA_SEED + 3)
    tags = (rng.random((rows, 4)) < np.array([0.5, 0.5, 0.5, 0.4])).astype("float32")
    yy, xx = np.mgrid[0:size, 0:size].astype("float64")
    x = rng.uniform(0, 0.2, (rows, size, size, 3))
    for i in range(rows):
        if tags[i, 3]:
            x[i] += 0.25 * (np.sin(2 * np.pi * yy / rng.uniform(3, 5)) > 0)[..., None]
        for c in range(3):
            if tags[i, c]:
                cy, cx = rng.uniform(3, size - 3, 2)
                r = rng.uniform(2, 3.5)
                x[i, :, :, c][(yy - cy) ** 2 + (xx - cx) ** 2 <= r**2] = rng.uniform(0.7, 1.0)
    x = np.clip(x + rng.normal(0, 0.04, x.shape), 0, 1)
    return _split(x.astype("float32"), tags)


@cache
def noisy_shapes(rows: int = 1000, size: int = 16) -> list[np.ndarray]:
    """Denoising: clean shapes (any of the four, 160-255 on a 0 background) in 0..255 and
    the same images with Gaussian noise (std 60) clipped to 0..255; float32 (n, size, size,
    1); noisy_train, noisy_val, clean_train, clean_val (both still 0..255)."""
    rng = np.random.default_rng(DATA_SEED + 4)
    clean = np.zeros((rows, size, size))
    for i in range(rows):
        clean[i][_mask(int(rng.integers(0, 4)), size, rng)] = rng.uniform(160, 255)
    noisy = np.clip(clean + rng.normal(0, 60, clean.shape), 0, 255)
    return _split(noisy.astype("float32")[..., None], clean.astype("float32")[..., None])


@cache
def digits_16() -> list[np.ndarray]:
    """sklearn digits upsampled to 16x16 (each pixel repeated 2x2), 0..16 scaled to [0, 1],
    (n, 16, 16, 1) float32; x_train, x_val, y_train, y_val (int64), stratified."""
    d = load_digits()
    x = np.kron(d.images, np.ones((2, 2))) / 16.0
    y = d.target.astype("int64")
    return _split(x.astype("float32")[..., None], y, stratify=y)
