"""Data for the batch-66 cases: multiple-instance learning with bag-level labels (data seed
0 (+660 .. +663), no downloads).

Two kinds of bags: bags of sklearn's 8 x 8 digits (a fixed bag size; a bag is positive when
it holds the key digit 7, once, among other digits) and bags of generated 16-feature
"measurement" vectors of variable size (4-40 instances, zero-padded to 40 in raw units, with
a 0 / 1 mask), positive when it holds one or two key instances from a cluster of their own.
Training and validation bags draw their instances from disjoint pools (digits) or fresh
draws (generated).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

KEY_DIGIT = 7
MAX_BAG = 40
FEATURES = 16


def _digit_bags(images: np.ndarray, target: np.ndarray, n_bags: int, bag_size: int,
                rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    keys = np.flatnonzero(target == KEY_DIGIT)
    others = np.flatnonzero(target != KEY_DIGIT)
    y = (rng.random(n_bags) < 0.5).astype(np.int64)
    rows = rng.choice(others, size=(n_bags, bag_size))
    slot = rng.integers(0, bag_size, n_bags)
    positive = np.flatnonzero(y == 1)
    rows[positive, slot[positive]] = rng.choice(keys, size=len(positive))
    return images[rows], y, (target[rows] == KEY_DIGIT).astype(np.int64)


@cache
def digit_bags(bag_size: int = 24, n_train: int = 1000, n_val: int = 400) -> list[np.ndarray]:
    """Bags of `bag_size` sklearn digits (raw pixels 0..16, flattened to 64), a bag positive
    (label 1, about half of them) when one of its instances is a 7 (exactly one; the others
    are any other digit). The 1797 images are split once (seed 660): 1200 feed the training
    bags, 597 the validation bags. Returns x (n, bag, 64) float32, xval, y (n,) int, yval,
    and the instance labels of the training bags (n, bag) (1 = the 7)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 660).permutation(len(digits.target))
    images = digits.data[order].astype("float32")
    target = digits.target[order]
    rng = np.random.default_rng(DATA_SEED + 661)
    x, y, inst = _digit_bags(images[:1200], target[:1200], n_train, bag_size, rng)
    xval, yval, _ = _digit_bags(images[1200:], target[1200:], n_val, bag_size, rng)
    return [x, xval, y, yval, inst]


def _feature_bags(n_bags: int, rng: np.random.Generator, centres: np.ndarray,
                  key: np.ndarray, scale: np.ndarray, offset: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    x = np.zeros((n_bags, MAX_BAG, FEATURES), "float32")
    mask = np.zeros((n_bags, MAX_BAG), "float32")
    y = (rng.random(n_bags) < 0.5).astype(np.int64)
    for b in range(n_bags):
        size = int(rng.integers(4, MAX_BAG + 1))
        inst = centres[rng.integers(0, len(centres), size)] + rng.normal(size=(size, FEATURES))
        if y[b]:
            k = int(rng.integers(1, 3))
            inst[:k] = key + rng.normal(size=(k, FEATURES))
            inst = inst[rng.permutation(size)]
        x[b, :size] = inst * scale + offset
        mask[b, :size] = 1.0
    return x, mask, y


@cache
def feature_bags(n_train: int = 1200, n_val: int = 400) -> list[np.ndarray]:
    """Generated bags of 4-40 instances (16 features in raw "sensor" units: column scales
    0.1..1000, offsets up to 5000), zero-padded to 40 in raw units, with a 0 / 1 mask of the
    real instances. Ordinary instances come from 6 clusters (centres N(0, 2^2)), key
    instances from a seventh one; a bag is positive (about half) when it holds one or two key
    instances. Seed 662 (shape of the world) and 663 (the bags). Returns x, mask, xval,
    maskval, y, yval."""
    world = np.random.default_rng(DATA_SEED + 662)
    centres = world.normal(scale=2.0, size=(6, FEATURES))
    key = world.normal(scale=2.0, size=FEATURES)
    scale = (10.0 ** world.uniform(-1, 3, FEATURES)).astype("float32")
    offset = (world.uniform(0, 5, FEATURES) * scale).astype("float32")
    rng = np.random.default_rng(DATA_SEED + 663)
    x, mask, y = _feature_bags(n_train, rng, centres, key, scale, offset)
    xval, maskval, yval = _feature_bags(n_val, rng, centres, key, scale, offset)
    return [x, mask, xval, maskval, y, yval]
