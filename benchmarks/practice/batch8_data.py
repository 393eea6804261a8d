"""Data for the batch-8 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-7: machine-state sequences of varying length with a label per
time step (padding labelled -1), three digit images per sample (count the even digits), pairs
of digits for a similarity model, a regression with input-dependent noise (mean and variance),
noisy digit images for a denoiser, a three-channel plant series for a multi-step forecaster,
signals with bursts and a per-step burst mask, orders with integer-coded categorical columns,
customer labels stored as "yes"/"no" strings, and unit direction vectors. The seed of a run
changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification, make_gaussian_quantiles

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def machine_states(n: int = 1500, length: int = 40) -> Split:
    """Two sensor channels per time step and the machine's state per step (0 idle, 1 running,
    2 overheating: segments of 4..12 steps); sequences of 20..40 steps, post-padded with 0 in
    x and -1 in the labels. y has shape (n, 40), int64."""
    rng = np.random.default_rng(DATA_SEED)
    x = np.zeros((n, length, 2), "float32")
    y = np.full((n, length), -1, "int64")
    means = np.array([[-1.0, -0.5], [0.5, 0.0], [1.2, 1.5]])
    for i in range(n):
        size = int(rng.integers(20, length + 1))
        t, state = 0, int(rng.integers(0, 3))
        while t < size:
            run = int(rng.integers(4, 13))
            y[i, t:t + run] = state
            state = int(rng.choice([s for s in range(3) if s != state]))
            t += run
        y[i, size:] = -1
        level = means[y[i, :size]]
        noise = rng.normal(0, 0.6, (size, 2))
        x[i, :size] = level + noise
    cut = int(0.8 * n)
    return x[:cut], y[:cut], x[cut:], y[cut:]


@cache
def digit_frames(n: int = 3000, frames: int = 3) -> Split:
    """Three digit images (8x8x1, / 16) per sample; the label is how many of them show an
    even digit (0..3). Validation frames come from digit images the training part never
    uses."""
    d = load_digits()
    images = (d.images / 16.0).astype("float32")[..., None]
    rng = np.random.default_rng(DATA_SEED)
    order = rng.permutation(len(images))
    train_pool, val_pool = order[:1400], order[1400:]

    def draw(pool: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        pick = rng.choice(pool, (count, frames))
        return images[pick], (d.target[pick] % 2 == 0).sum(1).astype("int64")

    x, y = draw(train_pool, n)
    xv, yv = draw(val_pool, n // 4)
    return x, y, xv, yv


@cache
def digit_pairs_flat(n: int = 4000) -> tuple[np.ndarray, ...]:
    """Pairs of digits as 64 pixels / 16, half of them the same digit (label 1), half two
    different digits (label 0); validation pairs from held-out images.
    Returns a, b, same, av, bv, same_v."""
    d = load_digits()
    x = (d.data / 16.0).astype("float32")
    rng = np.random.default_rng(DATA_SEED)
    order = rng.permutation(len(x))
    pools = order[:1400], order[1400:]

    def pairs(pool: np.ndarray, count: int) -> tuple[np.ndarray, ...]:
        by_class = {c: pool[d.target[pool] == c] for c in range(10)}
        a, b, same = [], [], []
        for k in range(count):
            c = int(rng.integers(0, 10))
            other = c if k % 2 == 0 else int(rng.choice([o for o in range(10) if o != c]))
            a.append(rng.choice(by_class[c]))
            b.append(rng.choice(by_class[other]))
            same.append(float(k % 2 == 0))
        return x[a], x[b], np.array(same, "float32")

    return pairs(pools[0], n) + pairs(pools[1], n // 4)


@cache
def noisy_variance(n: int = 4000) -> Split:
    """A standardised target from 4 features whose noise level depends on feature 0 (std
    0.1 .. 1.5): a model of the mean and the variance fits better than the mean alone."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 4))
    mean = np.sin(x[:, 1]) + 0.5 * x[:, 2] - 0.3 * x[:, 3] ** 2
    std = 0.1 + 1.4 / (1.0 + np.exp(-2.0 * x[:, 0]))
    y = mean + std * rng.standard_normal(n)
    return split(x.astype("float32"), ((y - y.mean()) / y.std()).astype("float32"),
                 stratify=False)  # fmt: skip


@cache
def noisy_digits() -> tuple[np.ndarray, ...]:
    """Digit images (8x8x1) in [0, 1] and a copy with Gaussian noise (std 0.25), clipped to
    [0, 1]. Returns noisy, clean, noisy_v, clean_v."""
    d = load_digits()
    clean = (d.images / 16.0).astype("float32")[..., None]
    rng = np.random.default_rng(DATA_SEED)
    noisy = np.clip(clean + rng.normal(0, 0.25, clean.shape), 0, 1).astype("float32")
    cut = int(0.8 * len(clean))
    return noisy[:cut], clean[:cut], noisy[cut:], clean[cut:]


@cache
def plant_series(hours: int = 5000) -> np.ndarray:
    """A plant's hourly temperature, humidity and power load, (hours, 3), standardised per
    channel: the load follows the temperature with a lag, plus a daily season and noise."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(hours)
    temp = 3 * np.sin(2 * np.pi * t / 24 - 1) + np.cumsum(rng.normal(0, 0.08, hours))
    humid = -0.6 * temp + rng.normal(0, 1.0, hours)
    lagged = np.roll(temp, 3)
    load = 0.8 * lagged + 1.5 * np.sin(2 * np.pi * t / 24) + 0.3 * humid + rng.normal(0, 0.4, hours)
    series = np.column_stack([temp, humid, load])
    return ((series - series.mean(0)) / series.std(0)).astype("float32")


@cache
def burst_signals(n: int = 1500, length: int = 64) -> Split:
    """Noisy 1-D signals with one or two bursts (a higher-frequency, larger oscillation over
    6..16 steps) and the per-step burst mask (float32 0/1, shape (n, 64, 1))."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(length)
    x = rng.normal(0, 0.4, (n, length)) + 0.5 * np.sin(2 * np.pi * t / 32)[None, :]
    m = np.zeros((n, length), "float32")
    for i in range(n):
        for _ in range(int(rng.integers(1, 3))):
            width = int(rng.integers(6, 17))
            start = int(rng.integers(0, length - width))
            x[i, start:start + width] += 1.5 * np.sin(np.arange(width) * 2.2)
            m[i, start:start + width] = 1.0
    x = x.astype("float32")[..., None]
    cut = int(0.8 * n)
    return x[:cut], m[:cut, :, None], x[cut:], m[cut:, :, None]


@cache
def coded_orders(n: int = 4000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                          dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Orders as a CSV gives them: a region code (integers 101..160), a product category code
    (100, 200, .. 1200), the basket value and the number of items; label 1 = the customer
    orders again. Region and category act through their own effects, not their code values."""
    rng = np.random.default_rng(DATA_SEED)
    region = rng.integers(101, 161, n)
    category = rng.integers(1, 13, n) * 100
    value = rng.gamma(2.0, 30.0, n)
    items = rng.integers(1, 10, n)
    region_effect = rng.normal(0, 1.2, 200)[region - 101]
    category_effect = rng.normal(0, 1.0, 13)[category // 100]
    score = region_effect + category_effect + 0.01 * (value - 60) + 0.1 * (items - 5)
    label = (score + rng.normal(0, 0.7, n) > 0).astype("float32")
    cols = {"region": region.astype("int64"), "category": category.astype("int64"),
            "value": value.astype("float32"), "items": items.astype("float32")}  # fmt: skip
    cut = int(0.8 * n)
    return ({k: v[:cut] for k, v in cols.items()}, label[:cut],
            {k: v[cut:] for k, v in cols.items()}, label[cut:])  # fmt: skip


@cache
def customers_yes_no(n: int = 3000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """12 standardised features and a churn label stored as the strings "yes" / "no" (30 %
    yes). The training part's first row is a "yes", the validation part's first a "no"."""
    x, y = make_classification(n_samples=n, n_features=12, n_informative=6, weights=[0.7, 0.3],
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    xt, yt, xv, yv = split(x, y)
    first_yes, first_no = int(np.argmax(yt == 1)), int(np.argmax(yv == 0))
    xt[[0, first_yes]], yt[[0, first_yes]] = xt[[first_yes, 0]], yt[[first_yes, 0]]
    xv[[0, first_no]], yv[[0, first_no]] = xv[[first_no, 0]], yv[[first_no, 0]]
    words = np.array(["no", "yes"])
    return xt, words[yt], xv, words[yv]


@cache
def quantile_classes(n: int = 4000) -> Split:
    """make_gaussian_quantiles: 3 classes as nested shells in 8 dimensions (a non-linear
    boundary), standardised."""
    x, y = make_gaussian_quantiles(n_samples=n, n_features=8, n_classes=3,
                                   random_state=DATA_SEED)  # fmt: skip
    return split(((x - x.mean(0)) / x.std(0)).astype("float32"), y.astype("int64"))


@cache
def svm_table(n: int = 3000) -> Split:
    """A binary table (16 standardised features) with labels -1 / +1, as for an SVM."""
    x, y = make_classification(n_samples=n, n_features=16, n_informative=8, class_sep=0.9,
                               flip_y=0.03, random_state=DATA_SEED)  # fmt: skip
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return split(x, (2 * y - 1).astype("float32"))


@cache
def four_class_table(n: int = 4000) -> Split:
    """make_classification: 4 classes, 12 standardised features, 3 clusters per class."""
    x, y = make_classification(n_samples=n, n_features=12, n_informative=7, n_classes=4,
                               n_clusters_per_class=3, class_sep=1.3,
                               random_state=DATA_SEED + 1)  # fmt: skip
    return split(((x - x.mean(0)) / x.std(0)).astype("float32"), y.astype("int64"))


@cache
def wind_directions(n: int = 4000) -> Split:
    """Six standardised sensor features and the wind direction as a 3-D unit vector (a
    non-linear function of the features plus noise)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 6))
    w = rng.normal(0, 1, (6, 3))
    v = np.tanh(x @ w) + 0.3 * np.sin(x[:, :3] * 2) + rng.normal(0, 0.15, (n, 3))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return split(x.astype("float32"), v.astype("float32"), stratify=False)
