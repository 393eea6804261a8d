"""Data for the batch-4 cases: sklearn-bundled or generated, fixed (data seed 0), no downloads.

New shapes next to batches 1-3: a structured churn table with string / integer / float
columns, generated topic sentences (raw strings), a long univariate series for windowing,
raw-unit sensor readings (with the glitch rows of a bad dump), house prices in dollars,
Poisson counts, four waveform classes, tens of thousands of rows, and a few hundred.
The seed of a run changes initialisation, dropout and shuffling, never the data.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.datasets import make_classification, make_friedman3, make_regression

from benchmarks.practice.batch2_data import DATA_SEED, Split, split


@cache
def five_classes_large() -> Split:
    """25 000 rows, 20 features, 5 classes (20 000 train, 5 000 validation)."""
    x, y = make_classification(25000, n_features=20, n_informative=12, n_classes=5,
                               n_clusters_per_class=2, class_sep=1.0,
                               random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"))


@cache
def seven_classes_large() -> tuple[np.ndarray, np.ndarray]:
    """30 000 rows, 30 features (several on large scales, as read from a file), 7 classes,
    in random order (the fit takes validation_split)."""
    x, y = make_classification(30000, n_features=30, n_informative=16, n_classes=7,
                               n_clusters_per_class=1, class_sep=1.2,
                               random_state=DATA_SEED + 1)  # fmt: skip
    return x.astype("float32"), y.astype("int64")


@cache
def four_classes_small() -> tuple[np.ndarray, np.ndarray]:
    """800 rows, 10 features, 4 classes, in random order (for validation_split)."""
    x, y = make_classification(800, n_features=10, n_informative=6, n_classes=4,
                               n_clusters_per_class=1, class_sep=1.3,
                               random_state=DATA_SEED + 2)  # fmt: skip
    return x.astype("float32"), y.astype("int64")


@cache
def long_series(n: int = 6000) -> tuple[np.ndarray, np.ndarray]:
    """An hourly load-like series (daily and weekly cycles, slow drift, noise), standardised;
    the first 80 % to train, the rest to validate."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(n)
    s = (np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 168)
         + 0.3 * np.sin(2 * np.pi * t / 1000) + rng.normal(0, 0.15, n))  # fmt: skip
    s = ((s - s.mean()) / s.std()).astype("float32")
    cut = int(0.8 * n)
    return s[:cut], s[cut:]


CITIES = ("lyon", "paris", "lille", "nantes", "nice", "brest")


@cache
def churn_table(n: int = 4000) -> tuple[dict[str, np.ndarray], np.ndarray,
                                        dict[str, np.ndarray], np.ndarray]:  # fmt: skip
    """A customer table: city (string), plan (int 0..3), age (years), monthly_spend (euros),
    tenure (months); churn (0/1) from a logistic of them."""
    rng = np.random.default_rng(DATA_SEED)
    city = rng.choice(CITIES, n, p=[0.25, 0.3, 0.15, 0.1, 0.1, 0.1])
    plan = rng.integers(0, 4, n)
    age = rng.uniform(18, 80, n).round()
    spend = rng.gamma(2.0, 30.0, n) + 10 * plan
    tenure = rng.integers(1, 120, n)
    city_effect = {"lyon": 0.2, "paris": 0.6, "lille": -0.3, "nantes": -0.5, "nice": 0.9,
                   "brest": -0.8}  # fmt: skip
    logit = (np.vectorize(city_effect.get)(city) - 0.6 * (plan - 1.5) - 0.03 * (age - 45)
             + 0.015 * (spend - 75) - 0.02 * (tenure - 60) + (np.abs(age - 30) < 6) * 0.8)
    churn = (rng.random(n) < 1 / (1 + np.exp(-1.5 * logit))).astype("int64")
    table = {"city": city.astype(str), "plan": plan.astype("int64"),
             "age": age.astype("float32"), "monthly_spend": spend.astype("float32"),
             "tenure": tenure.astype("float32")}  # fmt: skip
    cut = int(0.8 * n)
    return ({k: v[:cut] for k, v in table.items()}, churn[:cut],
            {k: v[cut:] for k, v in table.items()}, churn[cut:])  # fmt: skip


_SPORT = "match goal team coach league striker referee season stadium tennis"
_TECH = "laptop software chip cloud server update battery phone network code"
_FOOD = "recipe oven pasta cheese bakery spicy dinner salad flavour chef"
TOPICS = {"sport": _SPORT.split(" "), "tech": _TECH.split(" "), "food": _FOOD.split(" ")}
_FILLER = ("the a this that new old big small good bad really quite very was is were will "
           "my our their today yesterday week about with from after before people said "
           "think best worst more less")  # fmt: skip
FILLER = _FILLER.split(" ")


@cache
def topic_sentences(n: int = 3000) -> Split:
    """Short generated sentences (strings) about one of 3 topics: 5-14 filler words plus 1-3
    topic words, and in a quarter of them one word of another topic. Labels 0..2."""
    rng = np.random.default_rng(DATA_SEED)
    names = list(TOPICS)
    texts, labels = [], []
    for _ in range(n):
        label = int(rng.integers(0, 3))
        words = list(rng.choice(FILLER, rng.integers(5, 15)))
        words += list(rng.choice(TOPICS[names[label]], rng.integers(1, 4)))
        if rng.random() < 0.25:
            other = names[(label + rng.integers(1, 3)) % 3]
            words.append(str(rng.choice(TOPICS[other])))
        rng.shuffle(words)
        texts.append(" ".join(str(w) for w in words))
        labels.append(label)
    return split(np.array(texts, dtype=str), np.array(labels, dtype="int64"))


@cache
def houses(n: int = 2500) -> Split:
    """House sales: surface (sq ft), bedrooms, age (years), distance to centre (km), lot
    (sq ft); price in dollars (about 80 000 to 900 000)."""
    rng = np.random.default_rng(DATA_SEED)
    sqft = rng.uniform(500, 4000, n)
    beds = np.clip((sqft / 700 + rng.normal(0, 0.7, n)).round(), 1, 7)
    age = rng.uniform(0, 100, n)
    dist = rng.gamma(2.0, 6.0, n)
    lot = sqft * rng.uniform(1.5, 6.0, n)
    price = (60_000 + 160 * sqft + 9_000 * beds - 900 * age - 12_000 * np.sqrt(dist)
             + 4 * lot) * rng.lognormal(0, 0.08, n)  # fmt: skip
    x = np.stack([sqft, beds, age, dist, lot], 1).astype("float32")
    return split(x, price.astype("float32"), stratify=False)


@cache
def friedman3() -> Split:
    """sklearn Friedman #3 (4 features on scales 1 to 1700, target atan(...) in 0..1.6),
    noise 0.1, 3000 rows."""
    x, y = make_friedman3(3000, noise=0.1, random_state=DATA_SEED)
    return split(x.astype("float32"), y.astype("float32"), stratify=False)


@cache
def sensors(n: int = 3000) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray,
                                    np.ndarray]:  # fmt: skip
    """Machine sensors in raw units: temperature (C), pressure (Pa), vibration (g), rpm,
    humidity (%), supply voltage (V); target: an efficiency score with heavy-tailed noise.
    Also the raw dump's glitch rows (a logger writing 1e6 in every column)."""
    rng = np.random.default_rng(DATA_SEED)
    temp = rng.uniform(20, 80, n)
    pressure = rng.normal(101_000, 4_000, n)
    vib = rng.gamma(2.0, 0.003, n)
    rpm = rng.uniform(1000, 3000, n)
    hum = rng.uniform(30, 90, n)
    volt = rng.normal(230, 4, n)
    z = [(temp - 50) / 17, (pressure - 101_000) / 4000, (vib - 0.006) / 0.004,
         (rpm - 2000) / 577, (hum - 60) / 17, (volt - 230) / 4]  # fmt: skip
    eff = (np.tanh(z[0]) - 0.5 * z[2] ** 2 + 0.4 * z[1] * z[3] + 0.3 * np.sin(2 * z[4])
           - 0.2 * z[5] + 0.3 * rng.standard_t(2, n))  # fmt: skip
    x = np.stack([temp, pressure, vib, rpm, hum, volt], 1).astype("float32")
    glitch = np.full((4, 6), 1e6, dtype="float32")
    cut = int(0.8 * n)
    return x[:cut], eff[:cut].astype("float32"), x[cut:], eff[cut:].astype("float32"), glitch


@cache
def counts(n: int = 4000) -> Split:
    """Count regression: 8 standard-normal features, y ~ Poisson(exp(0.8 + x . w))."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.normal(size=(n, 8))
    w = np.array([0.5, -0.4, 0.3, 0.0, 0.2, -0.2, 0.0, 0.1])
    rate = np.exp(0.8 + x @ w + 0.3 * np.sin(2 * x[:, 3]))
    y = rng.poisson(rate).astype("float32")
    return split(x.astype("float32"), y, stratify=False)


@cache
def ordinal_levels() -> Split:
    """make_regression (10 features) cut into 4 ordered levels 0..3 (quartiles)."""
    x, y = make_regression(2400, n_features=10, n_informative=6, noise=25.0,
                           random_state=DATA_SEED)  # fmt: skip
    levels = np.digitize(y, np.quantile(y, [0.25, 0.5, 0.75])).astype("int64")
    return split(x.astype("float32"), levels)


@cache
def waveforms(n: int = 3000, length: int = 128) -> Split:
    """Four waveform classes (sine, square, sawtooth, triangle), random frequency, phase and
    amplitude, Gaussian noise 0.3: (n, 128, 1)."""
    rng = np.random.default_rng(DATA_SEED)
    t = np.arange(length)[None, :]
    label = rng.integers(0, 4, n)
    freq = rng.uniform(2, 8, (n, 1)) / length
    phase = rng.uniform(0, 1, (n, 1))
    amp = rng.uniform(0.6, 1.4, (n, 1))
    cyc = (freq * t + phase) % 1.0
    waves = np.stack([np.sin(2 * np.pi * cyc), np.sign(np.sin(2 * np.pi * cyc)),
                      2 * cyc - 1, 4 * np.abs(cyc - 0.5) - 1], 0)  # fmt: skip
    x = amp * waves[label, np.arange(n)] + rng.normal(0, 0.3, (n, length))
    return split(x[..., None].astype("float32"), label.astype("int64"))


@cache
def fraud(n: int = 6000) -> Split:
    """Binary, 16 features, 5 % positives."""
    x, y = make_classification(n, n_features=16, n_informative=8, weights=[0.95], flip_y=0.01,
                               class_sep=1.0, random_state=DATA_SEED)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"), 0.25)


@cache
def heteroscedastic(n: int = 3000) -> tuple[np.ndarray, ...]:
    """Regression whose noise grows with feature 0 (std 0.1 .. 1.5); the known per-row noise
    variance is returned too (for inverse-variance sample weights)."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.uniform(-1, 1, size=(n, 5))
    std = 0.1 + 1.4 * (x[:, 0] + 1) / 2
    y = np.sin(2 * x[:, 1]) + x[:, 2] * x[:, 3] + 0.5 * x[:, 4] + rng.normal(0, 1, n) * std
    cut = int(0.8 * n)
    return (x[:cut].astype("float32"), y[:cut].astype("float32"), x[cut:].astype("float32"),
            y[cut:].astype("float32"), (std[:cut] ** 2).astype("float32"))  # fmt: skip


@cache
def tiny_table() -> Split:
    """300 rows (240 train, 60 validation), 8 features, binary."""
    x, y = make_classification(300, n_features=8, n_informative=4, n_redundant=2,
                               class_sep=1.0, random_state=DATA_SEED + 3)  # fmt: skip
    return split(x.astype("float32"), y.astype("int64"))
