"""Data for the batch-50 cases: generated video clips and volumes (no downloads; data seed 0
(+500, +501)).

Clips: 8 frames of 16 x 16 grey pixels (uint8 0..255, as a video decoder returns them) of
a bright square (side 3-4, intensity 150-255) moving one pixel a frame in one of
four directions (right, left, down, up: the label) over a noisy dark background (mean 30,
sd 12), with a static distractor square of another brightness. Which way the square moves
is only seen by comparing frames: the mean of the frames is a streak, the same for right
and left (and for down and up).

Volumes: 12 x 12 x 12 scans in CT-like Hounsfield units (air -1000, tissue noise sd 60, the
object +100..+400) of one of three shapes at a random place and size: a ball, a cube or a
rod along a random axis (the label). Scripts window them to [0, 1] (HU -1000..400), or
forget to.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

FRAMES = 8
SIZE = 16
DIRECTIONS = ("right", "left", "down", "up")
SHAPES = ("ball", "cube", "rod")
VOXELS = 12


def _clip(rng: np.random.Generator, label: int) -> np.ndarray:
    frames = rng.normal(30.0, 12.0, (FRAMES, SIZE, SIZE))
    side = int(rng.integers(3, 5))
    speed = 1
    travel = speed * (FRAMES - 1)
    dy, dx = {0: (0, 1), 1: (0, -1), 2: (1, 0), 3: (-1, 0)}[label]
    lo_x = travel if dx < 0 else 0
    hi_x = SIZE - side - (travel if dx > 0 else 0)
    lo_y = travel if dy < 0 else 0
    hi_y = SIZE - side - (travel if dy > 0 else 0)
    x0 = int(rng.integers(lo_x, hi_x + 1))
    y0 = int(rng.integers(lo_y, hi_y + 1))
    bright = rng.uniform(150, 255)
    sy, sx = rng.integers(0, SIZE - 3, 2)
    frames[:, sy:sy + 3, sx:sx + 3] = rng.uniform(70, 140)  # a static distractor
    for t in range(FRAMES):
        y, x = y0 + dy * speed * t, x0 + dx * speed * t
        frames[t, y:y + side, x:x + side] = bright
    return np.clip(frames, 0, 255).astype(np.uint8)


@cache
def clips(n_train: int = 1000, n_val: int = 400) -> list[np.ndarray]:
    """Balanced moving-square clips (seed +500): x (n_train, 8, 16, 16, 1), xval (n_val, 8,
    16, 16, 1), uint8 0..255 (frames, height, width, channels: the channels-last layout
    Keras expects), y, yval (integer 0..3: right, left, down, up)."""
    rng = np.random.default_rng(DATA_SEED + 500)
    n = n_train + n_val
    y = rng.permutation(np.arange(n) % len(DIRECTIONS)).astype(np.int64)
    x = np.stack([_clip(rng, int(label)) for label in y])[..., None]
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


def _volume(rng: np.random.Generator, label: int) -> np.ndarray:
    grid = np.stack(np.meshgrid(*[np.arange(VOXELS)] * 3, indexing="ij"), axis=-1)
    centre = rng.uniform(4.0, VOXELS - 5.0, 3)
    offset = np.abs(grid - centre)
    if label == 0:
        inside = np.sqrt((offset ** 2).sum(axis=-1)) <= rng.uniform(2.5, 4.0)
    elif label == 1:
        inside = offset.max(axis=-1) <= rng.uniform(1.5, 3.0)
    else:
        axis = int(rng.integers(0, 3))
        across = np.delete(offset, axis, axis=-1).max(axis=-1)
        inside = (across <= 1.0) & (offset[..., axis] <= rng.uniform(3.5, 5.5))
    scan = rng.normal(-1000.0, 60.0, (VOXELS,) * 3)
    scan[inside] = rng.uniform(100.0, 400.0) + rng.normal(0.0, 60.0, int(inside.sum()))
    return scan.astype("float32")


@cache
def volumes(n_train: int = 900, n_val: int = 300) -> list[np.ndarray]:
    """Balanced ball / cube / rod scans (seed +501) in Hounsfield units: x (n_train, 12, 12,
    12, 1), xval (n_val, 12, 12, 12, 1) float32 (about -1200..+600), y, yval (integer
    0..2)."""
    rng = np.random.default_rng(DATA_SEED + 501)
    n = n_train + n_val
    y = rng.permutation(np.arange(n) % len(SHAPES)).astype(np.int64)
    x = np.stack([_volume(rng, int(label)) for label in y])[..., None]
    return [x[:n_train], x[n_train:], y[:n_train], y[n_train:]]


def window_hu(x: np.ndarray, low: float = -1000.0, high: float = 400.0) -> np.ndarray:
    """The CT window practitioners apply: clip to [low, high] HU, scale to [0, 1]."""
    return ((np.clip(x, low, high) - low) / (high - low)).astype("float32")
