"""Data for the batch-9 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-8: house rows as named columns (numbers in their own units and a
district name), insurance policies with an age, an occupation string and a BMI, claim counts
(Poisson), annotator vote shares, exposure-weighted claim frequencies, images of a disc whose
radius is the target, images of shapes with a pixel mask, an hourly power load in kW,
three-axis motion windows, word sequences as strings, and positive daily demand. The seed of
a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import make_classification, make_friedman1

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

Columns = dict[str, np.ndarray]
Table = tuple[Columns, np.ndarray, Columns, np.ndarray]


def _cut(cols: Columns, y: np.ndarray, share: float = 0.8) -> Table:
    cut = int(share * len(y))
    return ({k: v[:cut] for k, v in cols.items()}, y[:cut],
            {k: v[cut:] for k, v in cols.items()}, y[cut:])  # fmt: skip


@cache
def houses(n: int = 3000) -> Table:
    """Rooms (1..8), living area in square feet (400..4000), age in years (0..100) and a
    district name; the price (standardised) depends on all four. Columns as (n, 1)."""
    rng = np.random.default_rng(DATA_SEED)
    rooms = rng.integers(1, 9, n).astype("float32")
    area = (rooms * 350 + rng.normal(0, 250, n)).clip(400, 4000).astype("float32")
    age = rng.uniform(0, 100, n).astype("float32")
    names = np.array(["north", "south", "east", "west", "centre"])
    district = names[rng.integers(0, 5, n)]
    effect = dict(zip(names, [0.3, -0.4, 0.1, -0.2, 0.9], strict=True))
    price = (0.0012 * area + 0.1 * rooms - 0.008 * age + np.vectorize(effect.get)(district)
             + 0.3 * np.sin(age / 15) + rng.normal(0, 0.25, n))  # fmt: skip
    price = ((price - price.mean()) / price.std()).astype("float32")
    cols = {"rooms": rooms, "area": area, "age": age, "district": district}
    return _cut({k: v.reshape(-1, 1) for k, v in cols.items()}, price.reshape(-1, 1))


@cache
def policies(n: int = 4000) -> Table:
    """Insurance policies: age (18..80), an occupation string (40 kinds), BMI; label 1 = a
    claim in the year. Age acts through bands, occupation through its own risk."""
    rng = np.random.default_rng(DATA_SEED)
    age = rng.uniform(18, 80, n).astype("float32")
    jobs = np.array([f"job_{i:02d}" for i in range(40)])
    occupation = jobs[rng.integers(0, 40, n)]
    risk = dict(zip(jobs, rng.normal(0, 1.0, 40), strict=True))
    bmi = rng.normal(26, 4, n).astype("float32")
    band = np.digitize(age, [25, 35, 50, 65])
    score = (np.array([0.8, 0.0, -0.4, 0.2, 1.0])[band] + np.vectorize(risk.get)(occupation)
             + 0.15 * (bmi - 26) + rng.normal(0, 0.6, n))  # fmt: skip
    label = (score > 0.3).astype("float32")
    cols = {"age": age, "occupation": occupation, "bmi": bmi}
    return _cut({k: v.reshape(-1, 1) for k, v in cols.items()}, label.reshape(-1, 1))


@cache
def claim_counts(n: int = 4000) -> Split:
    """Six standardised features and a Poisson count (mean 0.2 .. 6) per row."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 6))
    rate = np.exp(0.4 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + 0.3 * np.tanh(x[:, 2] * x[:, 3]))
    y = rng.poisson(rate).astype("float32")
    return split(x.astype("float32"), y.reshape(-1, 1), stratify=False)


@cache
def friedman(n: int = 3000) -> Split:
    """make_friedman1 (10 features, 5 used), features and target standardised."""
    x, y = make_friedman1(n_samples=n, n_features=10, noise=0.5, random_state=DATA_SEED)
    x = (x - x.mean(0)) / x.std(0)
    y = (y - y.mean()) / y.std()
    return split(x.astype("float32"), y.astype("float32").reshape(-1, 1), stratify=False)


@cache
def vote_counts(n: int = 3000, voters: int = 5) -> Split:
    """Ten standardised features and how many of 5 annotators chose each of 4 classes
    (counts, rows sum to 5); the annotators disagree more near the class boundaries."""
    x, y = make_classification(n_samples=n, n_features=10, n_informative=6, n_classes=4,
                               n_clusters_per_class=1, class_sep=1.2,
                               random_state=DATA_SEED)  # fmt: skip
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    rng = np.random.default_rng(DATA_SEED)
    w = rng.normal(0, 1, (10, 4))
    logits = x @ w
    logits[np.arange(n), y] += 2.5
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    counts = np.stack([rng.multinomial(voters, row) for row in p]).astype("float32")
    return split(x, counts, stratify=False)


@cache
def svm_signs(n: int = 3000) -> Split:
    """A binary table (20 standardised features), labels -1 / +1 as a column."""
    x, y = make_classification(n_samples=n, n_features=20, n_informative=10, class_sep=0.8,
                               flip_y=0.02, random_state=DATA_SEED + 3)  # fmt: skip
    x = ((x - x.mean(0)) / x.std(0)).astype("float32")
    return split(x, (2.0 * y - 1).astype("float32").reshape(-1, 1))


@cache
def exposure_claims(n: int = 4000) -> tuple[np.ndarray, ...]:
    """Claim frequency per policy-year (claims / exposure) from 8 features, the exposure in
    years (0 .. 1, some policies cancelled on day one: exposure 0, frequency 0).
    Returns x, freq, exposure, xv, freqv, exposurev."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 8)).astype("float32")
    exposure = rng.uniform(0.05, 1.0, n)
    exposure[rng.random(n) < 0.03] = 0.0
    rate = np.exp(0.3 + 0.8 * x[:, 0] + 0.5 * x[:, 1] - 0.3 * x[:, 2] ** 2)
    claims = rng.poisson(rate * exposure)
    freq = np.where(exposure > 0, claims / np.maximum(exposure, 1e-9), 0.0)
    freq = np.minimum(freq, 10.0).astype("float32").reshape(-1, 1)
    exposure = exposure.astype("float32")
    cut = int(0.8 * n)
    return x[:cut], freq[:cut], exposure[:cut], x[cut:], freq[cut:], exposure[cut:]


@cache
def disc_images(n: int = 2500, size: int = 16) -> Split:
    """Grey 16x16x1 images of one bright disc (radius 2..7 pixels, anywhere) on noise, in
    [0, 1]; the target is the radius in pixels, as a column."""
    rng = np.random.default_rng(DATA_SEED)
    yy, xx = np.mgrid[:size, :size]
    r = rng.uniform(2, 7, n)
    cy, cx = rng.uniform(4, 12, n), rng.uniform(4, 12, n)
    dist = np.sqrt((yy[None] - cy[:, None, None]) ** 2 + (xx[None] - cx[:, None, None]) ** 2)
    img = (dist <= r[:, None, None]) * 0.8 + rng.normal(0, 0.15, (n, size, size))
    x = np.clip(img, 0, 1).astype("float32")[..., None]
    return split(x, r.astype("float32").reshape(-1, 1), stratify=False)


@cache
def shapes_masks(n: int = 1500, size: int = 16) -> Split:
    """Noisy 16x16x1 images with one or two bright rectangles and their pixel mask (float32
    0 / 1, (n, 16, 16, 1))."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0.2, 0.15, (n, size, size))
    m = np.zeros((n, size, size), "float32")
    for i in range(n):
        for _ in range(int(rng.integers(1, 3))):
            h, w = rng.integers(3, 8, 2)
            top, left = rng.integers(0, size - h), rng.integers(0, size - w)
            m[i, top:top + h, left:left + w] = 1.0  # fmt: skip
        x[i] += 0.5 * m[i]
    x = np.clip(x, 0, 1).astype("float32")[..., None]
    cut = int(0.8 * n)
    return x[:cut], m[:cut, ..., None], x[cut:], m[cut:, ..., None]


@cache
def power_load(hours: int = 6000) -> np.ndarray:
    """An hourly power load in kW (about 2000 .. 5000) with a temperature column in deg C:
    (hours, 2), raw units."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(hours)
    temp = 12 + 8 * np.sin(2 * np.pi * t / (24 * 365)) + 4 * np.sin(2 * np.pi * t / 24 - 2)
    temp = temp + np.cumsum(rng.normal(0, 0.05, hours))
    load = (3200 + 600 * np.sin(2 * np.pi * t / 24) + 40 * np.abs(temp - 16)
            + np.cumsum(rng.normal(0, 8, hours)) + rng.normal(0, 60, hours))  # fmt: skip
    return np.column_stack([load, temp]).astype("float32")


@cache
def motion_windows(n: int = 2000, length: int = 64) -> Split:
    """Three-axis accelerometer windows (64 steps) of 4 activities (still, walk, run,
    stairs), standardised; labels 0..3."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, n)
    t = np.arange(length)
    freq = np.array([0.0, 0.08, 0.16, 0.06])[y]
    amp = np.array([0.1, 0.8, 1.4, 0.9])[y]
    phase = rng.uniform(0, 2 * np.pi, n)
    x = np.zeros((n, length, 3))
    x[:, :, 0] = amp[:, None] * np.sin(2 * np.pi * freq[:, None] * t + phase[:, None])
    x[:, :, 1] = 0.5 * amp[:, None] * np.cos(2 * np.pi * freq[:, None] * t + phase[:, None])
    x[:, :, 2] = np.where(y == 3, 0.6, 0.0)[:, None] * np.sign(np.sin(0.2 * t))[None, :]
    x += rng.normal(0, 0.5, x.shape)
    x = (x - x.mean((0, 1))) / x.std((0, 1))
    return split(x.astype("float32"), y.astype("int64"))


@cache
def word_reviews(n: int = 3000, length: int = 20) -> Split:
    """Reviews as 20 word strings each (a vocabulary of 300 made-up words, padded with ""),
    label 1 = positive: 30 positive and 30 negative words shift the odds."""
    rng = np.random.default_rng(DATA_SEED)
    vocab = np.array([f"w{i:03d}" for i in range(300)])
    tone = np.zeros(300)
    tone[:30], tone[30:60] = 1.0, -1.0
    ids = rng.integers(0, 300, (n, length))
    sizes = rng.integers(8, length + 1, n)
    keep = np.arange(length)[None, :] < sizes[:, None]
    score = (tone[ids] * keep).sum(1) + rng.normal(0, 0.7, n)
    words = np.where(keep, vocab[ids], "")
    return split(words, (score > 0).astype("float32"))


@cache
def daily_demand(n: int = 3000) -> Split:
    """Daily units sold (positive, 20 .. 400) from 7 standardised features."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 1, (n, 7))
    units = 120 * np.exp(0.35 * x[:, 0] - 0.25 * x[:, 1] + 0.2 * np.sin(2 * x[:, 2]))
    units *= rng.lognormal(0, 0.1, n)
    return split(x.astype("float32"), units.clip(20, 400).astype("float32").reshape(-1, 1),
                 stratify=False)  # fmt: skip
