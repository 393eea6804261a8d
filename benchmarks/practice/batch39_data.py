"""Data for the batch-39 cases: a generated four-class table, sklearn's bundled 8 x 8 digits
as uint8 pixels, a generated house-price table with prices in the 1e5..2e6 range and a
generated sensor series with input-dependent noise (data seed 0 (+90, +91, +92, +93), no
downloads).

Batch 39 is numerics and dtypes as practitioners meet them in Keras 3: mixed precision,
hand-written losses and softmaxes, epsilons, float64 / uint8 inputs, large targets and a
learned variance. Rows are in random order; the first 80 % train, the rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _split(*arrays: np.ndarray) -> list[np.ndarray]:
    cut = int(len(arrays[0]) * 0.8)
    out: list[np.ndarray] = []
    for a in arrays:
        out += [a[:cut], a[cut:]]
    return out


@cache
def class_table(n: int = 5000) -> list[np.ndarray]:
    """`sklearn.datasets.make_classification`: 5000 rows, 12 features (8 informative, 2
    redundant), four classes of two clusters each, class_sep 2.0, 1 % of the labels flipped;
    standardised on the training rows. Returns x, xval (float32), y, yval (integer 0..3)."""
    from sklearn.datasets import make_classification

    x, y = make_classification(n_samples=n, n_features=12, n_informative=8, n_redundant=2,
                               n_classes=4, n_clusters_per_class=2, class_sep=2.0,
                               flip_y=0.01, shuffle=True, random_state=DATA_SEED + 90)  # fmt: skip
    x, xval, y, yval = _split(x.astype("float32"), y.astype(np.int64))
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(x - mean) / sd, (xval - mean) / sd, y, yval]


@cache
def digit_pixels() -> list[np.ndarray]:
    """sklearn's bundled 8 x 8 digits (1797 images) in a seeded random order as uint8 pixels
    on 0..255 (the 0..16 values x 255 / 16, rounded), shape (n, 8, 8, 1), as an image loader
    gives them. Returns x, xval (uint8), y, yval (integer 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    order = np.random.default_rng(DATA_SEED + 91).permutation(len(digits.target))
    x = np.round(digits.images[order] * 255 / 16).astype(np.uint8)[..., None]
    return _split(x, digits.target[order].astype(np.int64))


@cache
def house_prices(n: int = 4000) -> list[np.ndarray]:
    """Generated houses: 8 standardised features (area, rooms, age, distance, ...); the price
    is 6e5 x exp(0.35 area + 0.15 rooms - 0.1 age - 0.2 distance + 0.1 sin(2 x5) + 0.05 x6 x7)
    x lognormal noise (sd 0.08): prices about 1.5e5..2.5e6, mean about 6.5e5. Returns x, xval
    (float32), y, yval (float32 prices, shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 92)
    x = rng.normal(size=(n, 8))
    log_price = (0.35 * x[:, 0] + 0.15 * x[:, 1] - 0.1 * x[:, 2] - 0.2 * x[:, 3]
                 + 0.1 * np.sin(2 * x[:, 4]) + 0.05 * x[:, 5] * x[:, 6])  # fmt: skip
    price = 6e5 * np.exp(log_price + rng.normal(0, 0.08, n))
    return _split(x.astype("float32"), price.astype("float32")[:, None])


@cache
def sensor_series(n: int = 4000) -> list[np.ndarray]:
    """A generated sensor: 4 features in [-2, 2]; the reading is sin(1.5 x0) + 0.5 x1 - 0.3 x2
    x3 plus Gaussian noise whose sd grows with |x0| from 0.05 to 1.0 (heteroscedastic).
    Returns x, xval (float32), y, yval (float32, shape (n, 1))."""
    rng = np.random.default_rng(DATA_SEED + 93)
    x = rng.uniform(-2, 2, (n, 4))
    sd = 0.05 + 0.475 * np.abs(x[:, 0])
    y = np.sin(1.5 * x[:, 0]) + 0.5 * x[:, 1] - 0.3 * x[:, 2] * x[:, 3] + rng.normal(0, 1, n) * sd
    return _split(x.astype("float32"), y.astype("float32")[:, None])
