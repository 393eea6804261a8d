"""Data for the batch-26 cases: generated sets, point clouds and graphs (data seed 0).

Batch 26 is permutation-invariant inputs as practitioners meet them: 3-D scans of four
shapes (sphere, cube surface, cylinder surface, torus) in millimetres, placed about 2 m from
the scanner; sets of 2-D points of varying size, zero-padded, whose target is how many lie in
the unit disc; sets whose label is the quadrant of the element with the largest "value"
feature (the element an attention pooling has to find); and small community graphs
(stochastic block models) whose node features carry a weak, noisy hint of the node's
community, so a model that averages over neighbours does much better than one per node.
Each function returns the data as a script receives it; centring, scaling, normalising the
adjacency and masking are the script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def first_rows_train(n: int, *arrays: np.ndarray) -> list[np.ndarray]:
    """The first 80 % trains, the rest validates (rows are already in random order)."""
    cut = int(n * 0.8)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


def _shape_points(kind: int, m: int, rng: np.random.Generator) -> np.ndarray:
    """m points on the unit-size surface of one shape (0 sphere, 1 cube, 2 cylinder, 3 torus)."""
    if kind == 0:
        p = rng.normal(size=(m, 3))
        return p / np.linalg.norm(p, axis=1, keepdims=True)
    if kind == 1:
        p = rng.uniform(-0.8, 0.8, size=(m, 3))
        face = rng.integers(0, 3, size=m)
        p[np.arange(m), face] = rng.choice([-0.8, 0.8], size=m)
        return p
    if kind == 2:
        t = rng.uniform(0, 2 * np.pi, m)
        return np.stack([np.cos(t), np.sin(t), rng.uniform(-1, 1, m)], axis=1)
    t, u = rng.uniform(0, 2 * np.pi, m), rng.uniform(0, 2 * np.pi, m)
    r = 0.8 + 0.3 * np.cos(u)
    return np.stack([r * np.cos(t), r * np.sin(t), 0.3 * np.sin(u)], axis=1)


@cache
def point_clouds(n: int = 2000, points: int = 128) -> tuple[np.ndarray, ...]:
    """Scans of four shapes in millimetres: radius 90-180 mm, a random rotation about the
    vertical axis, 3 mm of sensor noise, the object placed 1.7-2.3 m in front of the scanner
    (x), +-0.4 m sideways and 0.6-1.0 m up. Returns x, xval (n, points, 3) float32 in mm and
    y, yval (the shape, 0..3)."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, size=n)
    clouds = np.empty((n, points, 3), dtype=np.float32)
    for i, kind in enumerate(y):
        p = _shape_points(int(kind), points, rng)
        a = rng.uniform(0, 2 * np.pi)
        rot = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
        p = p @ rot.T * rng.uniform(90, 180) + rng.normal(0, 3, size=(points, 3))
        where = [rng.uniform(1700, 2300), rng.uniform(-400, 400), rng.uniform(600, 1000)]
        clouds[i] = p + np.array(where)
    return tuple(first_rows_train(n, clouds, y.astype("int32")))


@cache
def disc_count_sets(n: int = 3000, largest: int = 40) -> tuple[np.ndarray, ...]:
    """Sets of 8..40 points drawn uniformly from [-2, 2]^2, zero-padded at the end to
    `largest`; the target is how many points lie inside the unit disc (mean 4.8).
    Returns x, xval (n, largest, 2), mask, maskval (n, largest) float32 (1 = a real point),
    y, yval float32."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros((n, largest, 2), dtype=np.float32)
    mask = np.zeros((n, largest), dtype=np.float32)
    y = np.zeros(n, dtype=np.float32)
    for i in range(n):
        size = int(rng.integers(8, largest + 1))
        p = rng.uniform(-2, 2, size=(size, 2))
        x[i, :size], mask[i, :size] = p, 1.0
        y[i] = float((np.linalg.norm(p, axis=1) < 1).sum())
    return tuple(first_rows_train(n, x, mask, y))


@cache
def marked_sets(n: int = 3000, size: int = 20) -> tuple[np.ndarray, ...]:
    """Sets of `size` elements with 4 features (value, x, y, noise), all standard normal;
    the label is the quadrant (0..3) of (x, y) of the element with the largest value.
    Returns x, xval (n, size, 4) float32, y, yval."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(n, size, 4)).astype(np.float32)
    top = x[np.arange(n), x[:, :, 0].argmax(axis=1)]
    y = ((top[:, 1] < 0).astype(int) * 2 + (top[:, 2] < 0).astype(int)).astype("int32")
    return tuple(first_rows_train(n, x, y))


@cache
def community_graphs(n: int = 600, nodes: int = 40, features: int = 8) -> tuple[np.ndarray, ...]:
    """Small graphs from a stochastic block model: 40 nodes in 3 communities of random sizes
    (each at least 6), edge probability 0.3 inside a community and 0.02 across. Node
    features: 8 standard-normal values, plus 0.6 on the feature of the node's community
    (a weak hint). Returns x, xval (n, nodes, features) float32, a, aval (n, nodes, nodes)
    float32 0/1 symmetric adjacency without self-loops, y, yval (n, nodes) int32."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(n, nodes, features)).astype(np.float32)
    a = np.zeros((n, nodes, nodes), dtype=np.float32)
    y = np.zeros((n, nodes), dtype=np.int32)
    for g in range(n):
        cuts = np.sort(rng.choice(np.arange(6, nodes - 5), size=2, replace=False))
        while cuts[1] - cuts[0] < 6:
            cuts = np.sort(rng.choice(np.arange(6, nodes - 5), size=2, replace=False))
        labels = np.zeros(nodes, dtype=np.int32)
        labels[cuts[0]:cuts[1]], labels[cuts[1]:] = 1, 2
        labels = labels[rng.permutation(nodes)]
        same = labels[:, None] == labels[None, :]
        edges = rng.uniform(size=(nodes, nodes)) < np.where(same, 0.3, 0.02)
        edges = np.triu(edges, 1)
        a[g] = edges | edges.T
        y[g] = labels
        x[g, np.arange(nodes), labels] += 0.6
    return tuple(first_rows_train(n, x, a, y))
