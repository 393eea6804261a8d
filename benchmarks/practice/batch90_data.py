"""Data for the batch-90 cases (sketch and pen-stroke sequences): generated QuickDraw-like
drawings of six classes (circle, square, triangle, star, spiral, plus sign) as sequences of
pen points (x, y on a 0..255 canvas, rounded to whole pixels as QuickDraw's simplified
drawings are; a pen-lift flag on the last point of each stroke), of 14..48 points in one or
two strokes, placed, scaled, stretched and rotated at random, with hand jitter; padded with
zero rows to 48 points. Their 28 x 28 rasterisations (0..255 grey levels, as a saved bitmap)
for the CNN alternative. Data seed 9000; no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

STEPS = 48
CANVAS = 255.0
CLASSES = ("circle", "square", "triangle", "star", "spiral", "plus")


def _polygon(k: int, step: int = 1) -> np.ndarray:
    angles = np.pi / 2 + 2 * np.pi * step * np.arange(k + 1) / k
    return np.stack([np.cos(angles), np.sin(angles)], axis=1)


def _resample(path: np.ndarray, n: int) -> np.ndarray:
    """`n` points evenly spaced along the polyline `path`."""
    seg = np.sqrt((np.diff(path, axis=0) ** 2).sum(axis=1))
    arc = np.concatenate([[0.0], np.cumsum(seg)])
    t = np.linspace(0.0, arc[-1], n)
    return np.stack([np.interp(t, arc, path[:, 0]), np.interp(t, arc, path[:, 1])], axis=1)


def _strokes(rng: np.random.Generator, label: int, n: int) -> list[np.ndarray]:
    """The class's strokes in unit coordinates (about -1..1), `n` points in all."""
    if label == 0:  # circle (an ellipse drawn from a random start, either way round)
        start, turn = rng.uniform(0, 2 * np.pi), rng.choice([-1.0, 1.0])
        a = start + turn * np.linspace(0.0, 2 * np.pi * rng.uniform(0.95, 1.1), n)
        return [np.stack([np.cos(a), np.sin(a)], axis=1)]
    if label in (1, 2, 3):  # square, triangle, five-point star: closed polylines
        path = {1: _polygon(4), 2: _polygon(3), 3: _polygon(5, 2)}[label]
        if label == 1:
            path = path @ np.array([[np.cos(np.pi / 4), -np.sin(np.pi / 4)],
                                    [np.sin(np.pi / 4), np.cos(np.pi / 4)]])  # fmt: skip
            path = path / np.abs(path).max()
        path = np.roll(path[:-1], rng.integers(len(path) - 1), axis=0)
        path = np.concatenate([path, path[:1]])
        if rng.random() < 0.5:
            path = path[::-1]
        return [_resample(path, n)]
    if label == 4:  # spiral outwards, 2..3 turns
        turns, turn = rng.uniform(2.0, 3.0), rng.choice([-1.0, 1.0])
        t = np.linspace(0.0, 1.0, n)
        a = rng.uniform(0, 2 * np.pi) + turn * 2 * np.pi * turns * t
        r = 0.1 + 0.9 * t
        return [np.stack([r * np.cos(a), r * np.sin(a)], axis=1)]
    # plus sign: a horizontal and a vertical bar, in either order
    first = n // 2
    h = np.stack([np.linspace(-1, 1, first), np.zeros(first)], axis=1)
    v = np.stack([np.zeros(n - first), np.linspace(1, -1, n - first)], axis=1)
    return [h, v] if rng.random() < 0.5 else [v, h]


@cache
def sketches(n_train: int = 2000, n_val: int = 500) -> list[np.ndarray]:
    """The drawings (seed 9000): points (float32 (n, 48, 3): x, y on the 0..255 canvas, whole
    pixels, and the pen-lift flag 1 on the last point of each stroke; rows past the drawing's
    length are zeros), lengths (int (n,)), labels (int (n,), 0..5, balanced). Returns points,
    lengths, labels, pointsval, lengthsval, labelsval."""
    rng = np.random.default_rng(9000)
    n = n_train + n_val
    points = np.zeros((n, STEPS, 3), dtype="float32")
    lengths = rng.integers(14, STEPS + 1, size=n)
    labels = rng.permutation(np.arange(n) % len(CLASSES))
    for i in range(n):
        strokes = _strokes(rng, int(labels[i]), int(lengths[i]))
        angle = rng.uniform(-0.5, 0.5)
        rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
        stretch = np.array([1.0, rng.uniform(0.7, 1.3)])
        size = rng.uniform(45.0, 95.0)
        centre = rng.uniform(size * 1.3, CANVAS - size * 1.3, size=2)
        wobble = rng.normal(0.0, 0.05, size=(2, 2))
        rows = []
        for stroke in strokes:
            p = stroke * stretch @ rot.T
            p = p + (p @ wobble) * np.sin(np.linspace(0, np.pi, len(p)))[:, None]
            p = p + rng.normal(0.0, 0.012, size=p.shape)
            xy = np.clip(np.round(centre + size * p * np.array([1.0, -1.0])), 0.0, CANVAS)
            pen = np.zeros((len(p), 1))
            pen[-1] = 1.0
            rows.append(np.concatenate([xy, pen], axis=1))
        drawing = np.concatenate(rows)
        points[i, : len(drawing)] = drawing
    return [points[:n_train], lengths[:n_train], labels[:n_train],
            points[n_train:], lengths[n_train:], labels[n_train:]]  # fmt: skip


def rasterise(points: np.ndarray, lengths: np.ndarray, size: int = 28) -> np.ndarray:
    """Each drawing fitted into a `size` x `size` bitmap (its own bounding box, aspect kept, a
    2-pixel margin), its strokes drawn as 1-pixel lines: uint8-like 0..255 grey levels,
    float32 (n, size, size, 1)."""
    out = np.zeros((len(points), size, size), dtype="float32")
    for i, (p, k) in enumerate(zip(points, lengths, strict=True)):
        xy, pen = p[:k, :2], p[:k, 2]
        lo = xy.min(axis=0)
        extent = max(float((xy.max(axis=0) - lo).max()), 1.0)
        xy = 2.0 + (xy - lo) / extent * (size - 5)
        for j in range(k - 1):
            if pen[j] > 0:
                continue
            t = np.linspace(0.0, 1.0, 12)[:, None]
            seg = xy[j] * (1 - t) + xy[j + 1] * t
            cols, rows = np.round(seg[:, 0]).astype(int), np.round(seg[:, 1]).astype(int)
            out[i, rows, cols] = 255.0
    return out[..., None]


@cache
def bitmaps(n_train: int = 2000, n_val: int = 500) -> list[np.ndarray]:
    """The drawings rasterised to 28 x 28 (0..255). Returns images, labels, imagesval,
    labelsval."""
    points, lengths, labels, pointsval, lengthsval, labelsval = sketches(n_train, n_val)
    return [rasterise(points, lengths), labels, rasterise(pointsval, lengthsval), labelsval]
