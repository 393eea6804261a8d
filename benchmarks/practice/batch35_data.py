"""Data for the batch-35 cases: generated tables and series, and scikit-learn's bundled
digits, for input pipelines (data seed 0 (+50..52 per table), no downloads).

Batch 35 is data input pipelines as practitioners write them: `tf.data` datasets built with
`from_tensor_slices` and map / shuffle / batch / cache / prefetch, `.repeat()` with
`steps_per_epoch`, Python generators and `keras.utils.PyDataset` subclasses, and
`keras.utils.timeseries_dataset_from_array`. Features are returned in their units; every
transform is the script's own. The training rows of the classification tables are grouped
by class (as read from one file per class); the validation rows are in random order.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


@cache
def sorted_shop_table(n: int = 8000, classes: int = 4) -> list[np.ndarray]:
    """A four-class table (8000 rows): ten independent normal features through a fixed
    random tanh layer (32 units) to four logits, the label their argmax with Gumbel noise
    (scale 0.3); the features then put in uneven units (scales 0.05-40, offsets up to
    +-200). The first 80 % train, sorted by label (a stable sort: class 0's rows first);
    the rest validate, in random order. Returns x, xval, y, yval (y int64 0..3)."""
    rng = np.random.default_rng(DATA_SEED + 50)
    z = rng.normal(size=(n, 10))
    w1 = rng.normal(size=(10, 32)) / np.sqrt(10)
    w2 = rng.normal(size=(32, classes)) * 1.5
    logits = np.tanh(z @ w1 * 1.5) @ w2
    y = np.argmax(logits + rng.gumbel(0, 0.3, size=logits.shape), axis=1).astype(np.int64)
    scale = np.exp(rng.uniform(np.log(0.05), np.log(40), 10))
    offset = rng.uniform(-200, 200, 10)
    x = (z * scale + offset).astype(np.float32)
    cut = int(n * 0.8)
    order = np.argsort(y[:cut], kind="stable")
    return [x[:cut][order], x[cut:], y[:cut][order], y[cut:]]


@cache
def sorted_digits() -> list[np.ndarray]:
    """scikit-learn's bundled 8 x 8 digits (1797 images, pixel values 0..16, as float32 of
    64 columns): rows shuffled once with the data seed, the first 80 % train, sorted by
    label (as read from one folder per digit), the rest validate in random order. Returns
    x, xval, y, yval (y int64 0..9)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(DATA_SEED + 51)
    order = rng.permutation(len(digits.target))
    x = digits.data[order].astype(np.float32)
    y = digits.target[order].astype(np.int64)
    cut = int(len(y) * 0.8)
    by_label = np.argsort(y[:cut], kind="stable")
    return [x[:cut][by_label], x[cut:], y[:cut][by_label], y[cut:]]


@cache
def plant_sensors(n: int = 6000) -> np.ndarray:
    """An hourly plant log (6000 steps, 4 columns in their units): a daily and a weekly
    cycle, a slow AR(1) drift, a load column 200-900 kW; column 0 the outlet temperature
    (the forecast target, ~40-80), 1 the load, 2 an ambient temperature, 3 a valve position
    0-100 that leads the outlet temperature by about 6 hours. Returns the (n, 4) float32
    array in time order (the first 80 % of the steps train, the rest validate)."""
    rng = np.random.default_rng(DATA_SEED + 52)
    t = np.arange(n, dtype=float)
    drift = np.zeros(n)
    for i in range(1, n):
        drift[i] = 0.995 * drift[i - 1] + rng.normal(0, 0.3)
    ambient = 15 + 8 * np.sin(2 * np.pi * t / 24) + 0.5 * drift + rng.normal(0, 0.5, n)
    valve = 50 + 30 * np.sin(2 * np.pi * t / 24 / 7) + 15 * np.sin(2 * np.pi * t / 17)
    valve = np.clip(valve + rng.normal(0, 3, n), 0, 100)
    load = 550 + 250 * np.sin(2 * np.pi * (t - 4) / 24) + 20 * drift + rng.normal(0, 20, n)
    lagged = np.concatenate([np.full(6, valve[0]), valve[:-6]])
    outlet = 30 + 0.3 * lagged + 0.02 * load + 0.3 * ambient + rng.normal(0, 0.6, n)
    return np.stack([outlet, load, ambient, valve], axis=1).astype(np.float32)
