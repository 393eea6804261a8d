"""Data for the batch-85 cases (patch-based vision models): generated 32 x 32 grey images of
four shape classes (rectangle, ellipse, triangle, cross) on a textured background, and
sklearn's bundled 8 x 8 digits upscaled to 16 x 16. Data seeds 8500, 8501; no downloads;
images float32 in 0..1 unless a script rescales them, labels int32 class ids.
"""

from __future__ import annotations

from functools import cache

import numpy as np

SIZE = 32
SHAPE_NAMES = ("rectangle", "ellipse", "triangle", "cross")


def _mask(rng: np.random.Generator, kind: int, yy: np.ndarray, xx: np.ndarray) -> np.ndarray:
    """A filled rectangle (0), ellipse (1), upward triangle (2) or plus-shaped cross (3) of
    12..24 px somewhere in the image."""
    w, h = rng.uniform(12.0, 24.0, size=2)
    x0, y0 = rng.uniform(0.0, SIZE - w), rng.uniform(0.0, SIZE - h)
    u, v = (xx - x0) / w, (yy - y0) / h
    inside = (u >= 0) & (u <= 1) & (v >= 0) & (v <= 1)
    if kind == 0:
        return inside
    if kind == 1:
        return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.25
    if kind == 2:
        return (v <= 1) & (np.abs(u - 0.5) <= 0.5 * v)
    return inside & ((np.abs(u - 0.5) <= 0.17) | (np.abs(v - 0.5) <= 0.17))


@cache
def shapes(n_train: int = 1200, n_val: int = 300) -> list[np.ndarray]:
    """Shape classification (seed 8500): a background of random sinusoidal texture (level
    0.1..0.4, contrast 0.1, random period and angle), one shape of a balanced random class
    at brightness 0.55..0.95 with Gaussian pixel noise (sd 0.05), clipped to 0..1. Returns
    x, y, xval, yval (float32 (n, 32, 32, 1), int32 (n,))."""
    rng = np.random.default_rng(8500)
    n = n_train + n_val
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype("float32") + 0.5
    labels = rng.permutation(np.arange(n) % 4).astype("int32")
    images = np.empty((n, SIZE, SIZE), dtype="float32")
    for i in range(n):
        angle, period = rng.uniform(0.0, np.pi), rng.uniform(4.0, 10.0)
        wave = np.sin(2 * np.pi * (xx * np.cos(angle) + yy * np.sin(angle)) / period)
        image = rng.uniform(0.1, 0.4) + 0.1 * wave
        image = np.where(_mask(rng, int(labels[i]), yy, xx), rng.uniform(0.55, 0.95), image)
        images[i] = image + rng.normal(0.0, 0.05, size=image.shape)
    images = np.clip(images, 0.0, 1.0)[..., None].astype("float32")
    return [images[:n_train], labels[:n_train], images[n_train:], labels[n_train:]]


@cache
def digits16() -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797, values 0..16) upscaled to 16 x 16 by linear
    interpolation (scipy.ndimage.zoom, order 1) and divided by 16 (0..1); split 1437 / 360 by
    a seeded permutation (seed 8501). Returns x, y, xval, yval (float32 (n, 16, 16, 1),
    int32 (n,))."""
    from scipy.ndimage import zoom
    from sklearn.datasets import load_digits

    data = load_digits()
    images = np.clip(zoom(data.images.astype("float32"), (1, 2, 2), order=1), 0.0, 16.0) / 16.0
    order = np.random.default_rng(8501).permutation(len(images))
    x, y = images[order][..., None].astype("float32"), data.target[order].astype("int32")
    cut = 1437
    return [x[:cut], y[:cut], x[cut:], y[cut:]]
