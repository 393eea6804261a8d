"""Data for the batch-80 cases (object localisation and keypoints): generated 32 x 32
grey-level images holding one shape (a rectangle, an ellipse or a triangle) with its class and
bounding box, and generated 32 x 32 "faces" (a head ellipse, two eyes and a mouth, rotated and
scaled) with three landmarks. Data seed 0 (+ 800, + 801), no downloads.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

SIZE = 32


def _grid() -> tuple[np.ndarray, np.ndarray]:
    """Pixel-centre coordinates (row, column) of a SIZE x SIZE image."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype("float32") + 0.5
    return yy, xx


@cache
def shape_boxes(n_train: int = 2000, n_val: int = 500) -> list[np.ndarray]:
    """One shape per 32 x 32 image (seed 800): class 0 a filled rectangle, 1 a filled ellipse,
    2 a filled upward triangle, each filling its box; the box's width and height uniform in
    8..22 pixels, its corner uniform inside the image; shape brightness 0.5..1 on a background
    0..0.3, plus N(0, 0.08) noise, clipped to 0..1. Boxes are (x_min, y_min, x_max, y_max)
    normalised by the image size (0..1). Returns x, box, cls, xval, boxval, clsval (x float32
    (n, 32, 32, 1), box float32 (n, 4), cls int64 (n,))."""
    rng = np.random.default_rng(DATA_SEED + 800)
    n = n_train + n_val
    yy, xx = _grid()
    images = np.empty((n, SIZE, SIZE), dtype="float32")
    boxes = np.empty((n, 4), dtype="float32")
    cls = rng.integers(3, size=n)
    for i in range(n):
        w, h = rng.uniform(8.0, 22.0, size=2)
        x0, y0 = rng.uniform(0.0, SIZE - w), rng.uniform(0.0, SIZE - h)
        inside_x, inside_y = (xx - x0) / w, (yy - y0) / h  # 0..1 inside the box
        if cls[i] == 0:
            mask = (inside_x >= 0) & (inside_x <= 1) & (inside_y >= 0) & (inside_y <= 1)
        elif cls[i] == 1:
            mask = (inside_x - 0.5) ** 2 + (inside_y - 0.5) ** 2 <= 0.25
        else:  # apex at the top centre, base along the bottom edge
            mask = (inside_y <= 1) & (np.abs(inside_x - 0.5) <= 0.5 * inside_y)
        background = rng.uniform(0.0, 0.3)
        image = np.where(mask, rng.uniform(0.5, 1.0), background)
        images[i] = image + rng.normal(0.0, 0.08, size=image.shape)
        boxes[i] = np.array([x0, y0, x0 + w, y0 + h]) / SIZE
    images = np.clip(images, 0.0, 1.0)[..., None].astype("float32")
    cls = cls.astype(np.int64)
    return [images[:n_train], boxes[:n_train], cls[:n_train], images[n_train:],
            boxes[n_train:], cls[n_train:]]  # fmt: skip


@cache
def face_landmarks(n_train: int = 2000, n_val: int = 500) -> list[np.ndarray]:
    """Generated 32 x 32 faces (seed 801): a head ellipse (radius 7..12, brightness 0.4..0.7)
    centred anywhere it fits, rotated by -30..30 degrees, with two dark eyes and a dark mouth
    bar; background 0..0.2 and N(0, 0.05) noise. Three landmarks in a fixed order: the eye on
    the image's left, the eye on its right, the mouth centre; (x, y) normalised by the image
    size. Returns x, points, xval, pointsval (x float32 (n, 32, 32, 1), points float32 (n, 6)
    as x1, y1, x2, y2, x3, y3)."""
    rng = np.random.default_rng(DATA_SEED + 801)
    n = n_train + n_val
    yy, xx = _grid()
    images = np.empty((n, SIZE, SIZE), dtype="float32")
    points = np.empty((n, 6), dtype="float32")
    for i in range(n):
        r = rng.uniform(7.0, 12.0)
        cx, cy = rng.uniform(r + 1, SIZE - r - 1, size=2)
        angle = np.radians(rng.uniform(-30.0, 30.0))
        cos, sin = np.cos(angle), np.sin(angle)
        # the face's own frame: u to the right, v downwards
        u = (xx - cx) * cos + (yy - cy) * sin
        v = -(xx - cx) * sin + (yy - cy) * cos
        head = (u / r) ** 2 + (v / (1.15 * r)) ** 2 <= 1.0
        eye_u, eye_v, eye_r = 0.4 * r, -0.3 * r, max(1.2, 0.16 * r)
        left = (u + eye_u) ** 2 + (v - eye_v) ** 2 <= eye_r**2
        right = (u - eye_u) ** 2 + (v - eye_v) ** 2 <= eye_r**2
        mouth_v = 0.5 * r
        mouth = (np.abs(u) <= 0.35 * r) & (np.abs(v - mouth_v) <= max(0.8, 0.08 * r))
        image = np.full((SIZE, SIZE), rng.uniform(0.0, 0.2))
        image[head] = rng.uniform(0.4, 0.7)
        image[left | right | mouth] = 0.05
        images[i] = image + rng.normal(0.0, 0.05, size=image.shape)
        # the landmarks back in the image frame: x = cx + u cos - v sin, y = cy + u sin + v cos
        pu, pv = np.array([-eye_u, eye_u, 0.0]), np.array([eye_v, eye_v, mouth_v])
        marks = np.stack([cx + pu * cos - pv * sin, cy + pu * sin + pv * cos], axis=1)
        points[i] = marks.reshape(-1) / SIZE
    images = np.clip(images, 0.0, 1.0)[..., None].astype("float32")
    return [images[:n_train], points[:n_train], images[n_train:], points[n_train:]]
