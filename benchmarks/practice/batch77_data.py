"""Data for the batch-77 cases (missing values, masks and imputation): a generated clinical
tabular table with gaps (NaN, some of them informative), a generated house-price table with
gaps in the features and unsold houses without a price, generated variable-length sequences
padded to a common length, generated irregularly sampled ICU-style vitals (NaN where a
variable was not measured in an hour) and a generated multi-task assay table where most
labels were never measured (-1, as Tox21's CSV reads into). Data seed 0 (+ 770 .. + 774), no
downloads. Features are returned raw, gaps included: the scripts impute (or, in a fault, do
not).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED


def _sigmoid(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-v))


@cache
def patient_table(n_train: int = 4000, n_val: int = 1500) -> list[np.ndarray]:
    """A clinical table (seed 770): 10 features in their units (age years, income dollars,
    BMI, glucose mg/dL, cholesterol mg/dL, systolic BP mmHg, creatinine mg/dL, steps per day,
    smoker 0 / 1, a 0..1000 risk score) and a binary outcome from a nonlinear rule of the
    standardised values (about 45 % positive). Gaps: income, BMI, cholesterol, creatinine and
    steps 12 % missing at random; glucose missing in 40 % of the negatives and 8 % of the
    positives (not tested when not suspected: the gap itself is informative). Returns x, y,
    xval, yval (x float32 with NaN, y float32 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 770)
    n = n_train + n_val
    z = rng.normal(size=(n, 10))
    z[:, 1] += 0.4 * z[:, 0]
    z[:, 3] += 0.5 * z[:, 2]
    logit = (1.3 * z[:, 3] + 0.8 * z[:, 0] * z[:, 2] + 0.9 * np.sin(2.0 * z[:, 4])
             + 0.7 * z[:, 5] - 0.6 * z[:, 1] + 0.8 * (z[:, 8] > 0.5) + 0.5 * z[:, 9] - 0.2)
    y = (logit + rng.normal(0.0, 0.5, size=n) > 0).astype("float32")
    x = np.stack([
        55 + 15 * z[:, 0], np.exp(10.8 + 0.5 * z[:, 1]), 27 + 5 * z[:, 2],
        100 + 25 * z[:, 3], 200 + 40 * z[:, 4], 125 + 15 * z[:, 5],
        np.exp(0.0 + 0.3 * z[:, 6]), np.clip(7000 + 3000 * z[:, 7], 0, None),
        (z[:, 8] > 0.5).astype(float), np.clip(500 + 150 * z[:, 9], 0, 1000),
    ], axis=1)  # fmt: skip
    for j in (1, 2, 4, 6, 7):
        x[rng.random(n) < 0.12, j] = np.nan
    glucose_gap = rng.random(n) < np.where(y > 0, 0.08, 0.40)
    x[glucose_gap, 3] = np.nan
    x = x.astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def house_prices(n_train: int = 3000, n_val: int = 1000) -> list[np.ndarray]:
    """A house-price table (seed 771): 8 features in their units (floor area sq ft, rooms,
    age years, lot acres, distance to centre km, school score 0..10, garage 0 / 1, last
    renovation years ago) and the price in thousands of dollars (about 350..1500, mean 720) from a
    nonlinear rule plus noise. Gaps: lot, school score, renovation and garage 15-25 % missing at
    random; 25 % of the training prices missing (houses not sold: NaN), every validation
    price present. Returns x, y, xval, yval (float32, x (n, 8) and y (n,), NaN gaps)."""
    rng = np.random.default_rng(DATA_SEED + 771)
    n = n_train + n_val
    area = rng.lognormal(7.4, 0.35, size=n)
    rooms = np.clip(np.round(area / 450 + rng.normal(0, 0.8, size=n)), 1, 9)
    age = rng.uniform(0, 100, size=n)
    lot = rng.lognormal(-1.5, 0.6, size=n)
    dist = rng.gamma(2.0, 6.0, size=n)
    school = np.clip(rng.normal(6, 2, size=n), 0, 10)
    garage = (rng.random(n) < 0.6).astype(float)
    renov = rng.uniform(0, 1, size=n) * age
    price = (120 + 0.16 * area + 18 * rooms - 0.9 * age + 0.006 * age**2 + 150 * np.sqrt(lot)
             + 260 * np.exp(-dist / 8) + 22 * school + 30 * garage - 1.2 * renov
             + rng.normal(0, 25, size=n))  # fmt: skip
    x = np.stack([area, rooms, age, lot, dist, school, garage, renov], axis=1)
    for j, rate in ((3, 0.2), (5, 0.25), (6, 0.15), (7, 0.2)):
        x[rng.random(n) < rate, j] = np.nan
    y = price.astype("float32")
    y[:n_train][rng.random(n_train) < 0.25] = np.nan
    x = x.astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def padded_walks(n_train: int = 3000, n_val: int = 1000, maxlen: int = 80
                 ) -> list[np.ndarray]:  # fmt: skip
    """Variable-length 2-feature sequences (seed 772), lengths 8..60, post-padded with 0.0 to
    80 steps (as `keras.utils.pad_sequences(..., padding="post", dtype="float32")`). Step
    values ~ N(0, 1) (never exactly 0). Label 1 when the walk of feature 0 ends above its
    start and the last 5 valid steps of feature 1 average above -0.3, about 40 % positive.
    Returns x, lengths, y, xval, lengthsval, yval (x float32 (n, 80, 2), lengths int32, y
    float32 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 772)
    n = n_train + n_val
    lengths = rng.integers(8, 61, size=n)
    x = np.zeros((n, maxlen, 2), dtype="float32")
    y = np.zeros(n, dtype="float32")
    for i, length in enumerate(lengths):
        steps = rng.normal(size=(length, 2))
        x[i, :length] = steps
        y[i] = float(steps[:, 0].sum() > 0 and steps[-5:, 1].mean() > -0.3)
    lengths = lengths.astype("int32")
    return [x[:n_train], lengths[:n_train], y[:n_train], x[n_train:], lengths[n_train:],
            y[n_train:]]  # fmt: skip


VITALS = ("heart_rate", "systolic_bp", "resp_rate", "temperature", "spo2", "lactate")


@cache
def icu_series(n_train: int = 2400, n_val: int = 800, hours: int = 48) -> list[np.ndarray]:
    """ICU-style vitals (seed 773): per patient 48 hourly bins of 6 variables in their units
    (heart rate ~85 bpm, systolic BP ~120 mmHg, respiratory rate ~18, temperature ~37 C,
    SpO2 ~96 %, lactate ~1.8 mmol/L), NaN where not measured that hour (measured with 20..70 %
    chance, more often for sicker patients). A latent severity and its trend drive the
    variables; the outcome (in-hospital death, about 40 %) is the severity at the end plus
    noise. Returns x, y, xval, yval (x float32 (n, 48, 6) with NaN, y float32 0 / 1)."""
    rng = np.random.default_rng(DATA_SEED + 773)
    n = n_train + n_val
    base = np.array([85.0, 120.0, 18.0, 37.0, 96.0, 1.8])
    spread = np.array([12.0, 15.0, 3.0, 0.5, 1.5, 0.6])
    effect = np.array([1.0, -1.0, 0.9, 0.6, -0.9, 1.2])
    severity = rng.normal(size=n)
    trend = rng.normal(size=n)
    t = np.linspace(0.0, 1.0, hours)
    latent = severity[:, None] + trend[:, None] * (t[None, :] - 0.5) * 2.0
    noise = rng.normal(size=(n, hours, 6))
    noise = 0.6 * noise + 0.4 * np.roll(noise, 1, axis=1)
    values = base + spread * (0.8 * latent[..., None] * effect + 0.6 * noise)
    y = (latent[:, -1] + 0.6 * rng.normal(size=n) > 0.3).astype("float32")
    rate = np.array([0.7, 0.6, 0.5, 0.3, 0.6, 0.2])
    p_obs = np.clip(rate * (0.7 + 0.4 * _sigmoid(severity))[:, None, None], 0.0, 0.95)
    observed = rng.random((n, hours, 6)) < p_obs
    x = np.where(observed, values, np.nan).astype("float32")
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]


@cache
def assay_table(n_train: int = 4000, n_val: int = 1500, bits: int = 128, tasks: int = 6
                ) -> list[np.ndarray]:  # fmt: skip
    """A multi-task assay table (seed 774): 128-bit binary fingerprints (bit frequency 0.1 ..
    0.3), 6 binary assays each from its own sparse rule on the bits plus pair terms (about
    35-50 % active); 55 % of the labels missing at random, stored as -1 (train and
    validation). Returns x, y, xval, yval (x float32 0 / 1, y float32 in {-1, 0, 1}, (n, 6))."""
    rng = np.random.default_rng(DATA_SEED + 774)
    n = n_train + n_val
    freq = rng.uniform(0.1, 0.3, size=bits)
    x = (rng.random((n, bits)) < freq).astype("float32")
    shared = rng.normal(size=(bits, 8)) * (rng.random((bits, 8)) < 0.15)
    h = np.tanh(x @ shared - (freq @ shared))
    mix = rng.normal(size=(8, tasks))
    own = rng.normal(size=(bits, tasks)) * (rng.random((bits, tasks)) < 0.08)
    logit = 1.5 * h @ mix + x @ own - freq @ own
    logit = logit / logit.std(axis=0) * 2.0
    y = (logit + rng.normal(0.0, 0.4, size=logit.shape) > 0.2).astype("float32")
    y[rng.random(y.shape) < 0.55] = -1.0
    return [x[:n_train], y[:n_train], x[n_train:], y[n_train:]]
