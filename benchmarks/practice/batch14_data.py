"""Data for the batch-14 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-13: tiny video-like volumes (frames x height x width), words as
padded character arrays, padded 2-D point sets with a boolean mask, per-step regression
targets with per-step weights, and ragged token lists (for `padded_batch`) stored grouped by
label; the tabular sets are in `batch14_table_data.py`. The seed of a run changes
initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

LETTERS = np.array(list("abcdefghijklmnopqrst"))


@cache
def motion_volumes() -> Split:
    """(n, 6 frames, 10, 10, 1): a 3x3 bright square moving 1 pixel a frame right, left, down
    or up (labels 0..3) from a random start, over noise of std 0.3. 1600 clips, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, frames, size = 1600, 6, 10
    y = rng.integers(0, 4, n)
    steps = np.array([(0, 1), (0, -1), (1, 0), (-1, 0)])
    x = rng.normal(0, 0.3, (n, frames, size, size, 1)).astype("float32")
    for i in range(n):
        dr, dc = steps[y[i]]
        r0 = rng.integers(0, 5) if dr <= 0 else rng.integers(0, 2)
        c0 = rng.integers(0, 5) if dc <= 0 else rng.integers(0, 2)
        r0, c0 = (r0 + 5, c0) if dr < 0 else (r0, c0 + 5) if dc < 0 else (r0, c0)
        for f in range(frames):
            r, c = r0 + dr * f, c0 + dc * f
            x[i, f, r:r + 3, c:c + 3, 0] += 1.0
    return split(x, y.astype("int64"))


@cache
def digits_flat() -> Split:
    """Digits as 64 standardised columns, labels 0..9, 80/20."""
    d = load_digits()
    xt, yt, xv, yv = split(d.data.astype("float32"), d.target.astype("int64"))
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def digits_unit() -> tuple[np.ndarray, np.ndarray]:
    """Digits as 64 pixels in [0, 1] (training, validation), 80/20."""
    d = load_digits()
    xt, _, xv, _ = split((d.data / 16.0).astype("float32"), d.target.astype("int64"))
    return xt, xv


@cache
def pseudo_words() -> Split:
    """Words of 3 made-up languages, each a Markov chain over 20 letters with its own
    transition table; length 4..12, as (n, 12) arrays of single letters padded with "".
    3000 words, labels 0..2, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    tables = [rng.dirichlet(np.full(20, 0.3), size=20) for _ in range(3)]
    starts = [rng.dirichlet(np.full(20, 0.5)) for _ in range(3)]
    n, width = 3000, 12
    y = rng.integers(0, 3, n)
    x = np.full((n, width), "", dtype="<U1")
    for i in range(n):
        letter = rng.choice(20, p=starts[y[i]])
        for j in range(rng.integers(4, width + 1)):
            x[i, j] = LETTERS[letter]
            letter = rng.choice(20, p=tables[y[i]][letter])
    return split(x, y.astype("int64"))


@cache
def point_sets() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                          np.ndarray]:  # fmt: skip
    """Sets of 6..24 2-D points, padded to 24 with zeros: 0 = on a circle, 1 = inside a disc,
    2 = on a line segment (random centre, scale, angle; noise 0.05). Returns x, mask, y,
    xv, mask_v, yv; mask (n, 24) bool is True on real points. 2400 sets, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, width = 2400, 24
    y = rng.integers(0, 3, n)
    x = np.zeros((n, width, 2), "float32")
    mask = np.zeros((n, width), bool)
    for i in range(n):
        k = rng.integers(6, width + 1)
        angle = rng.uniform(0, 2 * np.pi, k)
        radius = {0: np.ones(k), 1: np.sqrt(rng.uniform(0, 1, k)), 2: rng.uniform(-1, 1, k)}
        if y[i] == 2:
            turn = rng.uniform(0, np.pi)
            pts = radius[2][:, None] * np.array([np.cos(turn), np.sin(turn)])[None]
        else:
            pts = radius[int(y[i])][:, None] * np.stack([np.cos(angle), np.sin(angle)], 1)
        pts = pts * rng.uniform(0.5, 1.5) + rng.normal(0, 0.3, 2) + rng.normal(0, 0.05, (k, 2))
        x[i, :k], mask[i, :k] = pts, True
    cut = 1920
    return x[:cut], mask[:cut], y[:cut], x[cut:], mask[cut:], y[cut:]


@cache
def running_mean_sequences() -> tuple[np.ndarray, ...]:
    """Sequences of 20..50 steps (2 channels, std 1) post-padded with 0 to 50; per-step target
    the running mean of channel 0 times 3 (0 on padding), (n, 50, 1); weights (n, 50) 1 on real
    steps, 0 on padding. Returns x, y, w, xv, yv, wv; 2000 sequences, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, width = 2000, 50
    x = np.zeros((n, width, 2), "float32")
    y = np.zeros((n, width, 1), "float32")
    w = np.zeros((n, width), "float32")
    for i in range(n):
        k = rng.integers(20, width + 1)
        x[i, :k] = rng.normal(0, 1, (k, 2))
        y[i, :k, 0] = 3 * np.cumsum(x[i, :k, 0]) / np.arange(1, k + 1)
        w[i, :k] = 1.0
    cut = 1600
    return x[:cut], y[:cut], w[:cut], x[cut:], y[cut:], w[cut:]


@cache
def ragged_reviews() -> tuple[list[list[int]], np.ndarray, list[list[int]], np.ndarray]:
    """Token lists of 5..40 ids in 1..59: ids 1..20 'positive', 21..40 'negative', 41..59
    neutral; label 1 when positives outnumber negatives (ties dropped). Training rows stored
    grouped by label (all 0s, then all 1s), as exported. Returns x, y, xv, yv; 3000 rows."""
    rng = np.random.default_rng(DATA_SEED)
    rows, labels = [], []
    while len(rows) < 3000:
        k = rng.integers(5, 41)
        ids = rng.integers(1, 60, k)
        pos, neg = int(((ids >= 1) & (ids <= 20)).sum()), int(((ids >= 21) & (ids <= 40)).sum())
        if pos != neg:
            rows.append([int(t) for t in ids])
            labels.append(int(pos > neg))
    y = np.array(labels, "int64")
    cut = 2400
    order = np.argsort(y[:cut], kind="stable")
    return [rows[i] for i in order], y[:cut][order], rows[cut:], y[cut:]
