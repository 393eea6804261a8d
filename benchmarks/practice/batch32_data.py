"""Data for the batch-32 cases: generated multimodal tables, one per script (data seed 0 (+1..4
per table), no downloads).

Batch 32 is multimodal and multi-input models as practitioners write them in Keras 3 (the
functional API with several named inputs, the data passed as dicts or lists): a house price
from a small photo-like image, tabular features and a listing text; a patient's outcome from
an hourly vitals series and static data; a product's category from its title's tokens and
numeric attributes; a click model from user / item ids and context; an activity from an
accelerometer window, a gyroscope window and the GPS speed. Each table is generated in its
units (pixels 0..255 as uint8, vitals in bpm / mmHg / % / degrees C, prices in cents, counts,
m/s^2 and rad/s); every transform is the script's own. Rows in random order: the first 80 %
train, the rest validate.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _split(n: int, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The first 80 % of the rows train (under their names), the rest under "val_<name>"."""
    cut = int(0.8 * n)
    return {**{k: v[:cut] for k, v in arrays.items()},
            **{f"val_{k}": v[cut:] for k, v in arrays.items()}}  # fmt: skip


FILLER = [f"w{i}" for i in range(60)]
HOUSE_WORDS = {"pool": 0.15, "renovated": 0.2, "view": 0.15, "garden": 0.1, "fixer": -0.3,
               "noisy": -0.15}  # fmt: skip


@cache
def house_listings(n: int = 3000) -> dict[str, np.ndarray]:
    """House listings: a 16 x 16 grey photo (uint8 0..255; its brightness carries a hidden
    condition score, its vertical stripes a hidden quality), five tabular columns in their
    units (area m^2 30-300, rooms 1-8, age 0-100 years, distance to the centre 0.5-40 km, lot
    m^2 0-3000) and a listing text (8-14 words: filler words and six price words, each
    present with probability 0.25); the target is the log price (8 % noise)."""
    rng = np.random.default_rng(DATA_SEED)
    area = rng.uniform(30, 300, n)
    rooms = np.clip(np.round(area / 35 + rng.normal(0, 0.7, n)), 1, 8)
    age = rng.uniform(0, 100, n)
    dist = rng.uniform(0.5, 40, n)
    lot = rng.uniform(0, 3000, n)
    cond, qual = rng.normal(0, 1, n), rng.normal(0, 1, n)
    col = np.arange(16)
    stripes = np.sin(2 * np.pi * col / 4)[None, None, :]
    img = (110 + 30 * cond[:, None, None] + 25 * qual[:, None, None] * stripes
           + rng.normal(0, 20, (n, 16, 16)))  # fmt: skip
    image = np.clip(img, 0, 255).astype("uint8")[..., None]
    words, effect = list(HOUSE_WORDS), np.zeros(n)
    texts = []
    for i in range(n):
        chosen = [w for w in words if rng.random() < 0.25]
        effect[i] = sum(HOUSE_WORDS[w] for w in chosen)
        k = int(rng.integers(8, 15)) - len(chosen)
        toks = list(rng.choice(FILLER, max(k, 2))) + chosen
        rng.shuffle(toks)
        texts.append(" ".join(toks))
    log_price = (12 + 0.9 * np.log(area / 100) - 0.004 * age - 0.015 * dist + 5e-5 * lot
                 + 0.15 * cond + 0.1 * qual + effect + rng.normal(0, 0.08, n))  # fmt: skip
    tab = np.stack([area, rooms, age, dist, lot], axis=1)
    return _split(n, {"image": image, "tabular": tab, "text": np.array(texts),
                      "log_price": log_price})  # fmt: skip


@cache
def patient_records(n: int = 4000) -> dict[str, np.ndarray]:
    """Patients: 24 hourly vitals (heart rate bpm, systolic pressure mmHg, SpO2 %,
    temperature degrees C; a hidden severity drifts them over the day) and four static
    columns (age 18-90, sex 0/1, BMI 18-40, comorbidity count); the outcome (deterioration,
    about 35 %) from the severity and the static risk."""
    rng = np.random.default_rng(DATA_SEED + 1)
    age = rng.uniform(18, 90, n)
    sex = rng.integers(0, 2, n).astype(float)
    bmi = rng.uniform(18, 40, n)
    comorb = rng.poisson(1.5, n).astype(float)
    sev = rng.normal(0, 1, n)
    logit = (0.04 * (age - 55) + 0.5 * (comorb - 1.5) + 0.06 * (bmi - 29) + 1.8 * sev - 0.8)
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("int64")
    t = (np.arange(24) / 23)[None, :]
    s = sev[:, None]
    hr = 78 + 8 * rng.normal(0, 1, (n, 1)) + 12 * s * t + rng.normal(0, 3, (n, 24))
    sbp = 122 + 10 * rng.normal(0, 1, (n, 1)) - 10 * s * t + rng.normal(0, 5, (n, 24))
    spo2 = 97 + 0.8 * rng.normal(0, 1, (n, 1)) - 1.5 * s * t + rng.normal(0, 0.7, (n, 24))
    temp = 36.9 + 0.3 * rng.normal(0, 1, (n, 1)) + 0.4 * s * t + rng.normal(0, 0.2, (n, 24))
    vitals = np.stack([hr, sbp, spo2, temp], axis=2)
    static = np.stack([age, sex, bmi, comorb], axis=1)
    return _split(n, {"vitals": vitals, "static": static, "outcome": y})


PRODUCT_VOCAB = 500


@cache
def product_catalogue(n: int = 4000) -> dict[str, np.ndarray]:
    """Products of 6 categories: a title of 8 token ids (1-499; 0 pads; each category owns 30
    words, 1-2 of them in a title, half the titles with one word of any category, the
    rest from 300 shared words) and four numeric attributes in their units (price in cents,
    weight in grams, rating 1-5, review count), each category with its own price / weight
    levels, overlapping."""
    rng = np.random.default_rng(DATA_SEED + 2)
    y = rng.integers(0, 6, n)
    titles = np.zeros((n, 8), "int64")
    for i in range(n):
        own = 1 + 30 * y[i] + rng.integers(0, 30, int(rng.integers(1, 3)))
        if rng.random() < 0.5:
            own = np.append(own, 1 + 30 * int(rng.integers(0, 6)) + rng.integers(0, 30))
        shared = 181 + rng.integers(0, 300, 8 - len(own) - int(rng.integers(0, 2)))
        toks = np.concatenate([own, shared])
        rng.shuffle(toks)
        titles[i, : len(toks)] = toks
    level = np.array([0.0, 0.6, 1.2, 1.8, 2.4, 3.0])[y]
    price = np.exp(7 + level + rng.normal(0, 0.9, n))  # cents, ~1e2..1e6
    weight = np.exp(5 + 0.7 * level + rng.normal(0, 1.0, n))
    rating = np.clip(3.8 + 0.1 * y + rng.normal(0, 0.6, n), 1, 5)
    reviews = np.floor(np.exp(rng.normal(3 + 0.3 * y, 1.5, n)))
    numeric = np.stack([price, weight, rating, reviews], axis=1)
    return _split(n, {"title": titles, "numeric": numeric, "category": y})


@cache
def click_log(n: int = 10000, users: int = 100, items: int = 100) -> dict[str, np.ndarray]:
    """Impressions: a user id and an item id (each 0-99; hidden 4-d tastes and traits), and
    three context columns in their units (hour 0-23, slot position 1-10, the user's past
    click count 0-~2000); a click (about 35 %) from the taste-trait match, the position and
    the hour."""
    rng = np.random.default_rng(DATA_SEED + 3)
    taste, trait = rng.normal(0, 1, (users, 4)), rng.normal(0, 1, (items, 4))
    u, it = rng.integers(0, users, n), rng.integers(0, items, n)
    hour = rng.integers(0, 24, n).astype(float)
    pos = rng.integers(1, 11, n).astype(float)
    past = np.floor(np.exp(rng.normal(4, 1.5, n)))
    logit = (0.9 * (taste[u] * trait[it]).sum(1) - 0.25 * (pos - 1) + 0.5 * np.sin(
        2 * np.pi * hour / 24) + 0.2 * np.log1p(past) - 0.8)  # fmt: skip
    click = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype("int64")
    context = np.stack([hour, pos, past], axis=1)
    return _split(n, {"user": u, "item": it, "context": context, "click": click})


@cache
def activity_windows(n: int = 3000) -> dict[str, np.ndarray]:
    """Phone sensor windows of 5 activities (still, walk, run, bike, car): 64 samples at 32 Hz
    of the accelerometer (m/s^2, gravity on z) and of the gyroscope (rad/s), each activity
    with its own rhythm, amplitude and noise, and the GPS speed (m/s, overlapping between
    bike and car, noisy)."""
    rng = np.random.default_rng(DATA_SEED + 4)
    y = rng.integers(0, 5, n)
    t = (np.arange(64) / 32)[None, :, None]
    freq = np.array([0.0, 1.9, 2.8, 1.3, 0.0])[y][:, None, None] * rng.uniform(0.85, 1.15,
                                                                                 (n, 1, 1))
    amp = np.array([0.05, 1.5, 4.0, 0.8, 0.3])[y][:, None, None] * rng.uniform(0.6, 1.4,
                                                                                (n, 1, 1))
    noise = np.array([0.05, 0.4, 0.8, 0.6, 0.9])[y][:, None, None]
    phase = rng.uniform(0, 2 * np.pi, (n, 1, 3))
    axes = rng.uniform(0.3, 1.0, (n, 1, 3))
    acc = amp * axes * np.sin(2 * np.pi * freq * t + phase) + noise * rng.normal(0, 1, (n, 64, 3))
    acc[:, :, 2] += 9.81
    gamp = np.array([0.02, 0.6, 1.2, 0.9, 0.15])[y][:, None, None] * rng.uniform(0.6, 1.4,
                                                                                  (n, 1, 1))
    gyro = gamp * axes[:, :, ::-1] * np.cos(2 * np.pi * freq * t + phase) + 0.5 * noise * (
        rng.normal(0, 1, (n, 64, 3)))  # fmt: skip
    mean_speed = np.array([0.0, 1.4, 3.0, 5.0, 9.0])[y]
    speed = np.abs(mean_speed * rng.uniform(0.3, 1.6, n) + rng.normal(0, 1.0, n))
    return _split(n, {"acc": acc, "gyro": gyro, "speed": speed[:, None], "activity": y})
