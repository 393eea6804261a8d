"""Data for the batch-6 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-5: digit images with raw pixel values 0..16 (the scripts scale
them), three interleaved spirals, a shop-visit table with string columns (city, device) next
to numeric ones, an energy-use regression in kWh, and noisy multi-channel event signals.
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import load_digits

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def digits_raw_images() -> Split:
    """Digits as (8, 8, 1) raw pixel values 0..16 (float32), labels 0..9, 80/20 split."""
    d = load_digits()
    return split(d.images[..., None].astype("float32"), d.target.astype("int64"))


@cache
def spirals(n: int = 3000, arms: int = 3) -> Split:
    """Three interleaved 2-D spirals with noise (a task a linear model cannot solve)."""
    rng = np.random.default_rng(DATA_SEED)
    label = rng.integers(0, arms, n)
    r = rng.uniform(0.05, 1.0, n)
    theta = 3.0 * np.pi * r + 2 * np.pi * label / arms + rng.normal(0, 0.12, n)
    x = np.column_stack([r * np.cos(theta), r * np.sin(theta)]).astype("float32")
    return split(x, label.astype("int64"))


CITIES = [f"city_{i:02d}" for i in range(40)]
DEVICES = ["mobile", "desktop", "tablet"]


@cache
def shop_visits(n: int = 4000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                        dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """Did a shop visit end in a purchase: a city name (40 strings, a city effect), a device
    string, the visitor's age (18..80), the minutes on site (skewed, 0..120) and the pages
    seen (0..40). Columns as strings and raw floats, as read from a CSV."""
    rng = np.random.default_rng(DATA_SEED)
    city = rng.integers(0, len(CITIES), n)
    device = rng.choice(3, n, p=[0.6, 0.3, 0.1])
    age = rng.uniform(18, 80, n)
    minutes = np.minimum(rng.gamma(2.0, 8.0, n), 120)
    pages = np.minimum(rng.poisson(3 + minutes / 6), 40).astype("float64")
    city_effect = rng.normal(0, 0.8, len(CITIES))
    score = (city_effect[city] + np.array([-0.4, 0.6, 0.1])[device]
             + 0.04 * (minutes - 16) + 0.08 * (pages - 6) - 0.03 * np.abs(age - 40)
             + rng.normal(0, 0.7, n))
    label = (score > np.quantile(score, 0.6)).astype("float32")
    table = {"city": np.array(CITIES)[city][:, None], "device": np.array(DEVICES)[device][:, None],
             "age": age.astype("float32")[:, None],
             "minutes": minutes.astype("float32")[:, None],
             "pages": pages.astype("float32")[:, None]}  # fmt: skip
    cut = int(0.8 * n)
    return ({k: v[:cut] for k, v in table.items()}, label[:cut],
            {k: v[cut:] for k, v in table.items()}, label[cut:])  # fmt: skip


@cache
def energy_use(n: int = 3000) -> Split:
    """Yearly energy use of a building in kWh (about 1500 to 12 000): floor area, insulation
    grade, occupants, outdoor temperature, window share, building age (raw units)."""
    rng = np.random.default_rng(DATA_SEED)
    area = rng.uniform(40, 300, n)
    insulation = rng.integers(1, 6, n).astype("float64")
    occupants = rng.integers(1, 7, n).astype("float64")
    temperature = rng.normal(10, 4, n)
    windows = rng.uniform(0.1, 0.5, n)
    age = rng.uniform(0, 100, n)
    kwh = (20 * area * (1.4 - 0.12 * insulation) + 450 * occupants - 90 * temperature
           + 3000 * windows * area / 150 + 8 * age + rng.normal(0, 300, n))
    x = np.column_stack([area, insulation, occupants, temperature, windows, age])
    return split(x.astype("float32"), np.maximum(kwh, 300).astype("float32"), stratify=False)


@cache
def event_signals(n: int = 1600, length: int = 48) -> Split:
    """3-channel sensor windows (accelerometer-like) of 48 steps, 4 activities: a burst, a
    periodic motion, a drift, or rest, each with noise."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, 4, n)
    t = np.arange(length)[None, :, None]
    x = rng.normal(0, 0.5, (n, length, 3))
    start = rng.integers(5, 30, n)[:, None, None]
    burst = ((t >= start) & (t < start + 8)) * rng.uniform(1.5, 2.5, (n, 1, 3))
    freq = rng.uniform(0.15, 0.35, (n, 1, 1))
    periodic = np.sin(freq * t + rng.uniform(0, 6, (n, 1, 3)))
    drift = t / length * rng.uniform(1.0, 2.0, (n, 1, 3)) * rng.choice([-1, 1], (n, 1, 3))
    signal = np.where(y[:, None, None] == 0, burst, 0) + np.where(y[:, None, None] == 1,
                                                                  periodic, 0)
    signal = signal + np.where(y[:, None, None] == 2, drift, 0)
    return split((x + signal).astype("float32"), y.astype("int64"))
