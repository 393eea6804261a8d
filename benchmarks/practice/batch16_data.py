"""Data for the batch-16 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

Batch 16 writes training set-ups the way the official Keras guides use them (custom
`train_step`, mixed precision, tf.data pipelines, preprocessing layers, multi-output, skip
connections, schedules), on small data: digits as [0, 1] rows and as raw 0..16 images,
generated arrow images whose label is up / down / a bar (a horizontal flip keeps the label),
a mixed-unit table with a region id (dict inputs), digits with an ink-amount side target,
generated multi-class tables, an imbalanced table, diabetes and moons.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_diabetes, load_digits, make_classification, make_moons
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


def _scaled(xt: np.ndarray, xv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scaler = StandardScaler().fit(xt)
    return scaler.transform(xt).astype("float32"), scaler.transform(xv).astype("float32")


@cache
def digits_unit() -> Split:
    """Digits as 64 pixels in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.data / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_images() -> Split:
    """Digits as (8, 8, 1) images of raw pixel values 0..16 (float32), labels 0..9, 80/20."""
    d = load_digits()
    return split(d.images[..., None].astype("float32"), d.target.astype("int64"))


@cache
def digits_standardised() -> Split:
    """Digits as 64 standardised columns (train statistics), labels 0..9, 80/20."""
    xt, yt, xv, yv = digits_unit()
    xt, xv = _scaled(xt, xv)
    return xt, yt, xv, yv


@cache
def digits_with_ink() -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray,
                               dict[str, np.ndarray]]:  # fmt: skip
    """Standardised digits; targets {"digit": 0..9, "ink": standardised count of pixels > 0.5}."""
    xt, yt, xv, yv = digits_standardised()
    raw_t, _, raw_v, _ = digits_unit()
    ink_t, ink_v = (raw_t > 0.5).sum(1).astype("float32"), (raw_v > 0.5).sum(1).astype("float32")
    mean, std = ink_t.mean(), ink_t.std()
    return (xt, {"digit": yt, "ink": (ink_t - mean) / std}, xv,
            {"digit": yv, "ink": (ink_v - mean) / std})  # fmt: skip


@cache
def arrows(n: int = 2000) -> Split:
    """12x12 grey images: an upward triangle (0), a downward triangle (1) or a horizontal bar
    (2) at a random place and width, plus noise 0.3; float32 in about [0, 1]. A horizontal
    flip keeps every label; a vertical one swaps 0 and 1."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0.0, 0.3, (n, 12, 12)).astype("float32")
    y = rng.integers(0, 3, n)
    for i in range(n):
        half, top = int(rng.integers(2, 4)), int(rng.integers(0, 12 - 5))
        centre = int(rng.integers(half, 12 - half))
        for row in range(4):
            width = row if y[i] == 0 else 3 - row if y[i] == 1 else half
            x[i, top + row, max(0, centre - width):centre + width + 1] += 1.0
    return split(x[..., None], y.astype("int64"))


@cache
def shop_table() -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """4000 rows: 6 numeric columns in mixed units (x 1, 1000, 0.01, 50, 1e5, 3) and a region
    id 0..11 that shifts the odds; binary label float32. Dicts {"numbers", "region"}."""
    x, y = make_classification(n_samples=4000, n_features=6, n_informative=4, n_redundant=0,
                               class_sep=0.8, random_state=DATA_SEED)  # fmt: skip
    rng = np.random.default_rng(DATA_SEED)
    region = rng.integers(0, 12, len(y))
    flip = (region % 3 == 0) & (rng.random(len(y)) < 0.5)
    y = np.where(flip, 1 - y, y)
    units = np.array([1.0, 1000.0, 0.01, 50.0, 1e5, 3.0])
    numbers = (x * units + units * 2).astype("float32")
    xt, yt, xv, yv = split(np.c_[numbers, region], y.astype("float32"))
    def as_dict(a: np.ndarray) -> dict[str, np.ndarray]:
        return {"numbers": a[:, :6].astype("float32"), "region": a[:, 6].astype("int64")}
    return as_dict(xt), yt, as_dict(xv), yv


@cache
def five_classes() -> Split:
    """3000 rows, 20 standardised columns, 5 classes (make_classification, class_sep 1.0)."""
    x, y = make_classification(n_samples=3000, n_features=20, n_informative=10,
                               n_classes=5, class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x, y.astype("int64"))
    xt, xv = _scaled(xt, xv)
    return xt, yt, xv, yv


@cache
def rare_positives() -> Split:
    """5000 rows, 12 standardised columns, 6 % positives, 2 % label noise; labels float32."""
    x, y = make_classification(n_samples=5000, n_features=12, n_informative=6,
                               weights=[0.94], flip_y=0.02, class_sep=0.9,
                               random_state=DATA_SEED)  # fmt: skip
    xt, yt, xv, yv = split(x, y.astype("float32"))
    xt, xv = _scaled(xt, xv)
    return xt, yt, xv, yv


@cache
def diabetes_standardised() -> Split:
    """Diabetes (10 columns, 442 rows), features and target standardised on the train part."""
    d = load_diabetes()
    xt, yt, xv, yv = split(d.data, d.target, stratify=False)
    xt, xv = _scaled(xt, xv)
    mean, std = yt.mean(), yt.std()
    return xt, ((yt - mean) / std).astype("float32"), xv, ((yv - mean) / std).astype("float32")


@cache
def moons() -> Split:
    """2000 moons (noise 0.25), labels float32 0/1, 80/20."""
    x, y = make_moons(n_samples=2000, noise=0.25, random_state=DATA_SEED)
    return split(x.astype("float32"), y.astype("float32"))
