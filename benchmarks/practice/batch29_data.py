"""Data for the batch-29 cases: generated images with dense and structured targets (data seed 0).

Batch 29 is dense and structured outputs in computer vision as practitioners write them:
scenes of shapes (disc, square, triangle) on a textured background with a per-pixel class
mask (drawn at 64 x 64 and resized to 32 x 32, the images by 2 x 2 averaging as a bilinear
resize does, the masks by nearest neighbour, or, for the fault, by the same averaging);
images of one shape with its class and its bounding box; triangles with their three corners
as landmarks (and Gaussian heatmaps of them); images of small blobs with a density map whose
sum is the count; the scenes' images at half resolution for 2x super-resolution. Images come
as a loader returns them (uint8 0..255, or float where a script's own pipeline made them);
scaling is the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch26_data import first_rows_train

SIZE = 32


def _background(rng: np.random.Generator, size: int) -> np.ndarray:
    """A faint low-frequency texture plus pixel noise, about 0.05..0.45."""
    coarse = rng.uniform(0.1, 0.35, size=(size // 8 + 1, size // 8 + 1))
    smooth = np.kron(coarse, np.ones((8, 8)))[:size, :size]
    return smooth + rng.normal(0, 0.04, size=(size, size))


def _shape_mask(kind: int, cy: float, cx: float, r: float, size: int) -> np.ndarray:
    """Boolean mask of a shape: 0 disc, 1 square, 2 triangle (apex up)."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    dy, dx = yy - cy, xx - cx
    if kind == 0:
        return dy**2 + dx**2 <= r**2
    if kind == 1:
        return (np.abs(dy) <= r * 0.8) & (np.abs(dx) <= r * 0.8)
    return (dy <= r * 0.7) & (dy >= -r) & (np.abs(dx) <= (dy + r) * 0.6)


@cache
def shape_scenes(n: int = 1500, resize: str = "nearest") -> tuple[np.ndarray, ...]:
    """n scenes of 1-3 shapes (disc, square, triangle; radius 6-14 px at 64 x 64, brightness
    0.5-1.0, later shapes drawn over earlier ones) on a textured background, with a
    per-pixel class mask (0 background, 1 disc, 2 square, 3 triangle; about 70 % background),
    both resized 64 -> 32: the images by 2 x 2 averaging (a bilinear resize at half size);
    the masks by nearest neighbour, or with `resize="bilinear"` by the same averaging
    (fractional class ids at the edges, as `tf.image.resize(mask, ...)` gives). Returns x,
    xval (uint8 (n, 32, 32, 1)), m, mval (float32 (n, 32, 32, 1) class ids)."""
    rng = np.random.default_rng(DATA_SEED)
    big = 2 * SIZE
    imgs = np.zeros((n, big, big), dtype=np.float32)
    masks = np.zeros((n, big, big), dtype=np.float32)
    for i in range(n):
        img = _background(rng, big)
        mask = np.zeros((big, big), dtype=np.float32)
        for _ in range(rng.integers(1, 4)):
            kind = int(rng.integers(0, 3))
            r = rng.uniform(6, 14)
            cy, cx = rng.uniform(r, big - r, size=2)
            inside = _shape_mask(kind, cy, cx, r, big)
            img[inside] = rng.uniform(0.5, 1.0) + rng.normal(0, 0.04, size=inside.sum())
            mask[inside] = kind + 1
        imgs[i], masks[i] = img, mask
    x = imgs.reshape(n, SIZE, 2, SIZE, 2).mean(axis=(2, 4))
    if resize == "bilinear":
        m = masks.reshape(n, SIZE, 2, SIZE, 2).mean(axis=(2, 4))
    else:
        m = masks[:, ::2, ::2]
    x = np.round(np.clip(x, 0, 1) * 255).astype(np.uint8)[..., None]
    return tuple(first_rows_train(n, x, m.astype(np.float32)[..., None]))


@cache
def boxed_shapes(n: int = 3000) -> tuple[np.ndarray, ...]:
    """n 32 x 32 images of one shape (0 disc, 1 square, 2 triangle; radius 3-10 px, random
    place, brightness 0.5-1.0) on a textured background, its class, and its bounding box in
    pixels as (x1, y1, x2, y2) (the annotation file's format; x2, y2 exclusive). Returns x,
    xval (uint8 (n, 32, 32, 1)), c, cval (int32), box, boxval (float32 (n, 4))."""
    rng = np.random.default_rng(DATA_SEED + 1)
    x = np.zeros((n, SIZE, SIZE), dtype=np.float32)
    c = rng.integers(0, 3, size=n).astype(np.int32)
    box = np.zeros((n, 4), dtype=np.float32)
    for i in range(n):
        img = _background(rng, SIZE)
        r = rng.uniform(3, 10)
        cy, cx = rng.uniform(r, SIZE - r, size=2)
        inside = _shape_mask(int(c[i]), cy, cx, r, SIZE)
        img[inside] = rng.uniform(0.5, 1.0) + rng.normal(0, 0.04, size=inside.sum())
        ys, xs = np.nonzero(inside)
        box[i] = xs.min(), ys.min(), xs.max() + 1, ys.max() + 1
        x[i] = img
    x = np.round(np.clip(x, 0, 1) * 255).astype(np.uint8)[..., None]
    return tuple(first_rows_train(n, x, c, box))


def _triangle(corners: np.ndarray, size: int) -> np.ndarray:
    """Boolean mask of the triangle with these (x, y) corners."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5
    signs = []
    for k in range(3):
        (x0, y0), (x1, y1) = corners[k], corners[(k + 1) % 3]
        signs.append((x1 - x0) * (yy - y0) - (y1 - y0) * (xx - x0))
    s = np.stack(signs)
    return np.all(s >= 0, axis=0) | np.all(s <= 0, axis=0)


@cache
def triangle_landmarks(n: int = 3000) -> tuple[np.ndarray, ...]:
    """n 32 x 32 images of one filled triangle (apex up, turned -25..25 degrees, 5-12 px from
    its centre to the apex, brightness 0.5-1.0, the apex marked brighter) on a textured
    background, and its three corners as landmarks in pixels: (apex x, apex y, left x, left y,
    right x, right y), left and right as seen in the image. Returns x, xval (uint8 (n, 32,
    32, 1)), k, kval (float32 (n, 6))."""
    rng = np.random.default_rng(DATA_SEED + 2)
    x = np.zeros((n, SIZE, SIZE), dtype=np.float32)
    k = np.zeros((n, 6), dtype=np.float32)
    base = np.array([[0.0, -1.0], [-0.85, 0.6], [0.85, 0.6]], dtype=np.float32)
    for i in range(n):
        s = rng.uniform(5, 12)
        a = np.deg2rad(rng.uniform(-25, 25))
        rot = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]], dtype=np.float32)
        centre = rng.uniform(s + 1, SIZE - s - 1, size=2)
        corners = base @ rot.T * s + centre
        img = _background(rng, SIZE)
        bright = rng.uniform(0.5, 0.8)
        img[_triangle(corners, SIZE)] = bright
        ay, ax = int(np.clip(corners[0, 1], 0, SIZE - 1)), int(np.clip(corners[0, 0], 0, SIZE - 1))
        img[max(ay - 1, 0):ay + 2, max(ax - 1, 0):ax + 2] = 1.0
        x[i] = img
        k[i] = corners.reshape(-1)
    x = np.round(np.clip(x, 0, 1) * 255).astype(np.uint8)[..., None]
    return tuple(first_rows_train(n, x, k))


def heatmaps(k: np.ndarray, sigma: float = 1.5) -> np.ndarray:
    """Gaussian heatmaps (peak 1) of the landmarks k (n, 6) in pixels: (n, 32, 32, 3)."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32) + 0.5
    pts = k.reshape(-1, 1, 1, 3, 2)
    d2 = (xx[None, :, :, None] - pts[..., 0]) ** 2 + (yy[None, :, :, None] - pts[..., 1]) ** 2
    return np.exp(-d2 / (2 * sigma**2)).astype(np.float32)


@cache
def blob_counts(n: int = 1500) -> tuple[np.ndarray, ...]:
    """n 32 x 32 images of 0-25 small bright blobs (Gaussian spots, sd 0.8-1.2 px,
    brightness 0.4-0.9) on a textured background, the density map (one Gaussian of sd 1.5 px
    and sum 1 at each blob, so the map sums to the count) and the count. Returns x, xval
    (uint8 (n, 32, 32, 1)), d, dval (float32 (n, 32, 32, 1)), count, countval (float32)."""
    rng = np.random.default_rng(DATA_SEED + 3)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32) + 0.5
    x = np.zeros((n, SIZE, SIZE), dtype=np.float32)
    d = np.zeros((n, SIZE, SIZE), dtype=np.float32)
    count = rng.integers(0, 26, size=n).astype(np.float32)
    for i in range(n):
        img = _background(rng, SIZE)
        for _ in range(int(count[i])):
            py, px = rng.uniform(1, SIZE - 1, size=2)
            d2 = (yy - py) ** 2 + (xx - px) ** 2
            sd = rng.uniform(0.8, 1.2)
            img += rng.uniform(0.4, 0.9) * np.exp(-d2 / (2 * sd**2))
            g = np.exp(-d2 / (2 * 1.5**2))
            d[i] += g / g.sum()
        x[i] = img
    x = np.round(np.clip(x, 0, 1) * 255).astype(np.uint8)[..., None]
    return tuple(first_rows_train(n, x, d[..., None], count))


@cache
def low_res_pairs(n: int = 1500) -> tuple[np.ndarray, ...]:
    """The shape scenes' 32 x 32 images as 2x super-resolution targets and their 16 x 16
    versions (2 x 2 averages) as inputs, both uint8 0..255. Returns lo, loval (n, 16, 16,
    1), hi, hival (n, 32, 32, 1)."""
    x, xval, *_ = shape_scenes(n)
    hi = np.concatenate([x, xval]).astype(np.float32)
    lo = hi.reshape(n, SIZE // 2, 2, SIZE // 2, 2, 1).mean(axis=(2, 4))
    lo = np.round(lo).astype(np.uint8)
    return tuple(first_rows_train(n, lo, hi.astype(np.uint8)))
