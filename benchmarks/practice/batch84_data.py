"""Data for the batch-84 cases (image-to-image regression): generated 32 x 32 grey-level scenes
(a smooth background, two or three shapes, one of them striped) with Gaussian noise for
denoising; sklearn's bundled 8 x 8 digits upscaled to 32 x 32 for super-resolution; generated
32 x 32 colour scenes whose shapes carry a colour fixed by their kind, for colourisation.
Data seeds 8400, 8401, 8402, 8403; no downloads; every array float32 in 0..1.
"""

from __future__ import annotations

from functools import cache

import numpy as np

SIZE = 32


def _grid() -> tuple[np.ndarray, np.ndarray]:
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype("float32") + 0.5
    return yy, xx


def _shape_mask(rng: np.random.Generator, kind: int, yy: np.ndarray, xx: np.ndarray
                ) -> np.ndarray:  # fmt: skip
    """A filled rectangle (0), ellipse (1) or upward triangle (2) of 7..15 px somewhere in the
    image."""
    w, h = rng.uniform(7.0, 15.0, size=2)
    x0, y0 = rng.uniform(0.0, SIZE - w), rng.uniform(0.0, SIZE - h)
    u, v = (xx - x0) / w, (yy - y0) / h
    if kind == 0:
        return (u >= 0) & (u <= 1) & (v >= 0) & (v <= 1)
    if kind == 1:
        return (u - 0.5) ** 2 + (v - 0.5) ** 2 <= 0.25
    return (v <= 1) & (np.abs(u - 0.5) <= 0.5 * v)


@cache
def clean_scenes(n_train: int = 1200, n_val: int = 300) -> list[np.ndarray]:
    """Clean grey-level scenes (seed 8400): a linear background gradient (0.1..0.4 at its ends),
    two or three shapes of brightness 0.45..0.95, the first filled with stripes (period 3..6 px,
    contrast 0.2); values 0..1. Returns clean, cleanval (float32 (n, 32, 32, 1))."""
    rng = np.random.default_rng(8400)
    n = n_train + n_val
    yy, xx = _grid()
    images = np.empty((n, SIZE, SIZE), dtype="float32")
    for i in range(n):
        a, b = rng.uniform(0.1, 0.4, size=2)
        angle = rng.uniform(0.0, 2 * np.pi)
        t = ((xx - SIZE / 2) * np.cos(angle) + (yy - SIZE / 2) * np.sin(angle)) / SIZE + 0.5
        image = a + (b - a) * np.clip(t, 0.0, 1.0)
        for j in range(rng.integers(2, 4)):
            mask = _shape_mask(rng, int(rng.integers(3)), yy, xx)
            level = rng.uniform(0.45, 0.95)
            if j == 0:
                period, phase = rng.uniform(3.0, 6.0), rng.uniform(0.0, 2 * np.pi)
                level = level - 0.1 + 0.1 * np.sin(2 * np.pi * xx / period + phase)
            image = np.where(mask, level, image)
        images[i] = image
    images = np.clip(images, 0.0, 1.0)[..., None].astype("float32")
    return [images[:n_train], images[n_train:]]


@cache
def noisy_pairs(sigma: float = 0.15, n_train: int = 1200, n_val: int = 300,
                second_copy: bool = False) -> list[np.ndarray]:  # fmt: skip
    """The clean scenes with additive Gaussian noise N(0, sigma) (seed 8401), not clipped.
    Returns noisy, clean, noisyval, cleanval; with `second_copy` also a second independently
    noised copy of the training images (Noise2Noise targets) as a fifth array."""
    clean, cleanval = clean_scenes(n_train, n_val)
    rng = np.random.default_rng(8401)
    noisy = (clean + rng.normal(0.0, sigma, size=clean.shape)).astype("float32")
    noisyval = (cleanval + rng.normal(0.0, sigma, size=cleanval.shape)).astype("float32")
    out = [noisy, clean, noisyval, cleanval]
    if second_copy:
        out.append((clean + rng.normal(0.0, sigma, size=clean.shape)).astype("float32"))
    return out


@cache
def digit_pairs(factor: int = 2) -> list[np.ndarray]:
    """sklearn's 8 x 8 digits (1797, values 0..16) upscaled to 32 x 32 by cubic spline
    (scipy.ndimage.zoom, order 3), clipped to 0..1 after / 16: the high-resolution targets;
    the low-resolution inputs are their `factor` x `factor` block means. Split 1437 / 360 by
    a seeded permutation (seed 8402). Returns lr, hr, lrval, hrval (float32, (n, 32 / factor,
    32 / factor, 1) and (n, 32, 32, 1))."""
    from scipy.ndimage import zoom
    from sklearn.datasets import load_digits

    images = load_digits().images.astype("float32") / 16.0
    hr = np.clip(zoom(images, (1, SIZE / 8, SIZE / 8), order=3), 0.0, 1.0).astype("float32")
    low = SIZE // factor
    lr = hr.reshape(len(hr), low, factor, low, factor).mean(axis=(2, 4)).astype("float32")
    order = np.random.default_rng(8402).permutation(len(hr))
    hr, lr = hr[order][..., None], lr[order][..., None]
    cut = 1437
    return [lr[:cut], hr[:cut], lr[cut:], hr[cut:]]


# the colour of each shape kind (rectangle, ellipse, triangle), scaled by its brightness
KIND_COLOURS = np.array([[0.95, 0.25, 0.2], [0.2, 0.45, 0.95], [0.25, 0.9, 0.3]], "float32")
LUMA = np.array([0.299, 0.587, 0.114], "float32")


@cache
def colour_scenes(n_train: int = 1200, n_val: int = 300) -> list[np.ndarray]:
    """Colour scenes (seed 8403): a neutral grey background gradient (0.15..0.5), two or three
    shapes whose hue is fixed by their kind (rectangles red, ellipses blue, triangles green)
    at brightness 0.6..1; the grey input is the luma 0.299 R + 0.587 G + 0.114 B. Returns gray,
    rgb, grayval, rgbval (float32 (n, 32, 32, 1) and (n, 32, 32, 3), 0..1)."""
    rng = np.random.default_rng(8403)
    n = n_train + n_val
    yy, xx = _grid()
    rgb = np.empty((n, SIZE, SIZE, 3), dtype="float32")
    for i in range(n):
        a, b = rng.uniform(0.15, 0.5, size=2)
        t = np.clip(yy / SIZE if rng.random() < 0.5 else xx / SIZE, 0.0, 1.0)
        image = np.repeat((a + (b - a) * t)[..., None], 3, axis=-1)
        for _ in range(rng.integers(2, 4)):
            kind = int(rng.integers(3))
            mask = _shape_mask(rng, kind, yy, xx)
            image[mask] = KIND_COLOURS[kind] * rng.uniform(0.6, 1.0)
        rgb[i] = image
    rgb = np.clip(rgb, 0.0, 1.0)
    gray = (rgb @ LUMA)[..., None].astype("float32")
    return [gray[:n_train], rgb[:n_train], gray[n_train:], rgb[n_train:]]
