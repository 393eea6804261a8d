"""Data for the batch-12 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-11: right-skewed positive prices (for a log-error loss), shop
sessions as a dict of string and number columns (city x device interactions), sparse
one-hot click fields (a wide linear model), 1-D recordings with per-sample segment labels,
clean / noisy signal pairs (denoising), tone bursts as raw waveforms, token sequences whose
class is the token right after a marker (order matters), and the RNN "adding problem".
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits, make_classification
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import DATA_SEED, Split, split

CITIES = ("Paris", "Berlin", "Madrid", "Rome", "Vienna", "Lisbon", "Prague", "Dublin")
DEVICES = ("mobile", "desktop", "tablet")


def _scaled(x: np.ndarray, y: np.ndarray, stratify: bool = True) -> Split:
    xt, yt, xv, yv = split(x.astype("float32"), y, stratify=stratify)
    scaler = StandardScaler().fit(xt)
    return (scaler.transform(xt).astype("float32"), yt,
            scaler.transform(xv).astype("float32"), yv)  # fmt: skip


@cache
def skewed_prices() -> Split:
    """8 standardised features; a positive, right-skewed price (in 10 k): exp of a
    non-linear score plus log-normal noise, about 0.5 to 60, median ~4. 5000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(5000, 8))
    score = 0.6 * x[:, 0] + 0.4 * x[:, 1] * x[:, 2] + 0.5 * np.sin(2 * x[:, 3]) + 0.3 * x[:, 4]
    y = np.exp(1.4 + score + rng.normal(0, 0.25, 5000))
    return _scaled(x, y.astype("float32"), stratify=False)


@cache
def shop_sessions() -> tuple[dict[str, np.ndarray], np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Web-shop sessions: "city" (8 names) and "device" (3) strings, "user" id strings
    ("u0000".."u1499"), "minutes" (log-normal) and "pages" (counts) as float columns; purchase
    0/1 driven mostly by a city x device table, then minutes and a per-user propensity.
    Columns of shape (n, 1); 12 000 rows, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n = 12000
    city, device = rng.integers(0, len(CITIES), n), rng.integers(0, len(DEVICES), n)
    user = rng.integers(0, 1500, n)
    table = rng.normal(0, 1.6, (len(CITIES), len(DEVICES)))
    propensity = rng.normal(0, 0.5, 1500)
    minutes = rng.lognormal(1.5, 0.8, n)
    pages = rng.poisson(2 + minutes / 3)
    logit = table[city, device] + 0.8 * (np.log(minutes) - 1.5) + propensity[user] - 0.4
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("float32")
    x = {"city": np.array(CITIES)[city][:, None],
         "device": np.array(DEVICES)[device][:, None],
         "user": np.array([f"u{u:04d}" for u in user])[:, None],
         "minutes": minutes[:, None].astype("float32"),
         "pages": pages[:, None].astype("float32")}  # fmt: skip
    cut = 9600
    return ({k: v[:cut] for k, v in x.items()}, y[:cut],
            {k: v[cut:] for k, v in x.items()}, y[cut:])  # fmt: skip


@cache
def click_fields() -> Split:
    """10 categorical fields (10..60 values each), one-hot into 350 columns (float32, 10 ones
    per row); click 0/1 from sparse true weights (most values 0, a few strong). 20 000 rows."""
    rng = np.random.default_rng(DATA_SEED)
    sizes = [10, 20, 30, 40, 50, 60, 40, 30, 40, 30]
    n = 20000
    columns, weights = [], []
    for size in sizes:
        value = rng.integers(0, size, n)
        block = np.zeros((n, size), "float32")
        block[np.arange(n), value] = 1.0
        columns.append(block)
        w = rng.normal(0, 1.2, size) * (rng.random(size) < 0.3)
        weights.append(w)
    x = np.concatenate(columns, axis=1)
    logit = x @ np.concatenate(weights) - 0.8
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("float32")
    return split(x, y.astype("int64"))


@cache
def tabular_classes(classes: int, rows: int, features: int, informative: int) -> Split:
    """make_classification (2 clusters per class, class_sep 1.0); standardised."""
    x, y = make_classification(n_samples=rows, n_features=features, n_informative=informative,
                               n_redundant=4, n_classes=classes, n_clusters_per_class=2,
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    return _scaled(x, y.astype("int64"))


@cache
def digits_images() -> Split:
    """Digits (8, 8, 1) in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.images[..., None] / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def digits_flat() -> Split:
    """Digits as 64 features in [0, 1], labels 0..9, 80/20."""
    d = load_digits()
    return split((d.data / 16.0).astype("float32"), d.target.astype("int64"))


@cache
def tone_bursts() -> Split:
    """Waveforms of 1024 samples (float32 in about [-1, 1], shape (n, 1024, 1)): a tone
    burst whose frequency band names the class (4 adjacent bands), with a random harmonic,
    random onset / length and white noise (stddev 0.4, the tone's peak 0.4). 2400 clips, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, length = 2400, 1024
    bands = [(0.030, 0.050), (0.050, 0.070), (0.070, 0.090), (0.090, 0.110)]  # cycles per sample
    y = rng.integers(0, 4, n)
    t = np.arange(length)
    x = rng.normal(0, 0.4, (n, length))
    for row in range(n):
        f = rng.uniform(*bands[y[row]])
        start, size = rng.integers(0, 512), rng.integers(256, 512)
        envelope = np.zeros(length)
        envelope[start:start + size] = np.hanning(size)[: length - start]
        phase = rng.uniform(0, 2 * np.pi)
        tone = np.sin(2 * np.pi * f * t + phase) + 0.3 * np.sin(4 * np.pi * f * t + 2 * phase)
        x[row] += 0.4 * envelope * tone
    return split(x[..., None].astype("float32"), y.astype("int64"))


@cache
def segmented_recordings() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Recordings of 256 samples (n, 256, 1), standardised noise plus events; per-sample labels
    0 = background, 1 = spike train (fast oscillation), 2 = plateau (a raised level); 2-4
    events each. 2000 recordings (their 40 samples of pre-roll already cut), 80/20."""
    x, y = _recordings(2000)
    cut = 1600
    return x[:cut], y[:cut], x[cut:], y[cut:]


def segmented_recordings_preroll_masks() -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                  np.ndarray]:  # fmt: skip
    """The same recordings with masks indexed on the raw file (40 samples of pre-roll not yet
    cut): every label 40 samples late (rolled)."""
    x, y, xv, yv = segmented_recordings()
    return x, np.roll(y, 40, axis=1), xv, np.roll(yv, 40, axis=1)


def _recordings(n: int, length: int = 256) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(0, 0.3, (n, length))
    y = np.zeros((n, length), "int64")
    t = np.arange(length)
    for row in range(n):
        for _ in range(rng.integers(2, 5)):
            kind, size = rng.integers(1, 3), rng.integers(12, 40)
            start = rng.integers(0, length - size)
            if kind == 1:
                x[row, start:start + size] += 1.2 * np.sin(2 * np.pi * 0.35 * t[:size])
            else:
                x[row, start:start + size] += 1.0
            y[row, start:start + size] = kind
    return x[..., None].astype("float32"), y


@cache
def noisy_signals() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Denoising pairs (n, 128, 1): clean = two or three sines (random frequencies, amplitudes
    summing to ~1); noisy = clean + N(0, 0.3). Returns noisy, clean for train and
    validation, 4000 signals, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, length = 4000, 128
    t = np.arange(length)
    clean = np.zeros((n, length))
    for row in range(n):
        for _ in range(rng.integers(2, 4)):
            clean[row] += rng.uniform(0.2, 0.5) * np.sin(2 * np.pi * rng.uniform(0.01, 0.08) * t
                                                         + rng.uniform(0, 2 * np.pi))
    noisy = clean + rng.normal(0, 0.3, clean.shape)
    clean, noisy = clean[..., None].astype("float32"), noisy[..., None].astype("float32")
    cut = 3200
    return noisy[:cut], clean[:cut], noisy[cut:], clean[cut:]


@cache
def marker_sequences() -> Split:
    """Token ids (1..99) of length 40; one marker token 1 somewhere, and the class (0..2) is
    which of the tokens 2, 3, 4 comes right after it; 2, 3 and 4 also appear elsewhere as
    distractors (so only the order tells). 6000 sequences, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, length = 6000, 40
    x = rng.integers(5, 100, (n, length))
    y = rng.integers(0, 3, n)
    for row in range(n):
        spots = rng.choice(length, 4, replace=False)
        x[row, spots] = rng.integers(2, 5, 4)  # distractors
        at = rng.integers(0, length - 1)
        x[row, at], x[row, at + 1] = 1, 2 + y[row]
    return split(x.astype("int64"), y.astype("int64"))


@cache
def adding_problem() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The RNN "adding problem": sequences of 20 steps x 2 channels (a value in [0, 1), a 0/1
    marker on exactly two steps); the target is the sum of the two marked values (~1 +- 0.4).
    6000 sequences, 80/20."""
    rng = np.random.default_rng(DATA_SEED)
    n, length = 6000, 20
    values = rng.random((n, length))
    marks = np.zeros((n, length))
    for row in range(n):
        marks[row, rng.choice(length, 2, replace=False)] = 1.0
    x = np.stack([values, marks], axis=-1).astype("float32")
    y = (values * marks).sum(axis=1, keepdims=True).astype("float32")
    cut = 4800
    return x[:cut], y[:cut], x[cut:], y[cut:]
