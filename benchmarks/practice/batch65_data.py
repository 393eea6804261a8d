"""Data for the batch-65 cases: a generated clinical cohort with time-to-event targets (data
seed 0 + 650, no downloads).

Eight covariates on their own units (age in years, systolic blood pressure in mmHg, a
biomarker in U/L spread over two orders of magnitude, BMI, creatinine in mg/dL, cholesterol
in mg/dL, treatment and sex as 0 / 1). Two causes of failure with their own Weibull
cause-specific hazards (shape 1.3, a median time near 900 days), the first one nonlinear in
the covariates (an age x treatment interaction, a squared creatinine term, the log
biomarker); the observed time is the earliest cause or an independent administrative
censoring time (uniform 200-3000 days), so about a third of the rows are right-censored.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from benchmarks.practice.batch2_data import DATA_SEED

N_TRAIN, N_VAL = 3000, 1000
FEATURES = ("age", "sbp", "biomarker", "bmi", "creatinine", "cholesterol", "treated", "male")


def _covariates(rng: np.random.Generator, n: int) -> np.ndarray:
    age = rng.uniform(30, 85, n)
    sbp = rng.normal(132, 18, n)
    biomarker = np.exp(rng.normal(5.0, 1.0, n))  # ~20 .. 2000 U/L
    bmi = rng.normal(27, 4.5, n)
    creatinine = np.exp(rng.normal(0.0, 0.35, n))
    cholesterol = rng.normal(210, 38, n)
    treated = rng.integers(0, 2, n).astype(float)
    male = rng.integers(0, 2, n).astype(float)
    return np.column_stack([age, sbp, biomarker, bmi, creatinine, cholesterol, treated, male])


def _log_hazards(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    age = (x[:, 0] - 57.5) / 16.0
    sbp = (x[:, 1] - 132) / 18
    marker = np.log(x[:, 2]) - 5.0
    creat = np.log(x[:, 4]) / 0.35
    treated, male = x[:, 6], x[:, 7]
    cause1 = (0.8 * age + 0.5 * marker - 0.8 * treated + 0.6 * age * treated
              + 0.35 * creat ** 2 + 0.3 * sbp)  # fmt: skip
    cause2 = 0.7 * np.tanh(2 * sbp) + 0.4 * male - 0.3 * age
    return cause1, cause2


@cache
def cohort() -> dict[str, np.ndarray]:
    """The cohort (seed 650): 3000 training rows, 1000 validation rows. Returns a dict of
    x / val_x (float32, (n, 8), raw units), time / val_time (days, float32), event / val_event
    (1 = a failure observed, 0 = right-censored), cause / val_cause (0 censored, 1 or 2),
    and true_risk / val_true_risk (the all-cause log-hazard used to generate the times)."""
    rng = np.random.default_rng(DATA_SEED + 650)
    n = N_TRAIN + N_VAL
    x = _covariates(rng, n)
    h1, h2 = _log_hazards(x)
    shape, scale1, scale2 = 1.3, 1800.0, 3600.0
    t1 = scale1 * (-np.log(rng.uniform(size=n))) ** (1 / shape) * np.exp(-h1 / shape)
    t2 = scale2 * (-np.log(rng.uniform(size=n))) ** (1 / shape) * np.exp(-h2 / shape)
    c = rng.uniform(200, 3000, n)
    t = np.minimum(np.minimum(t1, t2), c)
    cause = np.where(t == c, 0, np.where(t1 <= t2, 1, 2))
    t = np.maximum(np.round(t), 1.0)  # recorded in whole days
    risk = np.log(np.exp(h1) / scale1 ** shape + np.exp(h2) / scale2 ** shape)
    out: dict[str, np.ndarray] = {}
    for key, value in (("x", x.astype("float32")), ("time", t.astype("float32")),
                       ("event", (cause > 0).astype("float32")),
                       ("cause", cause.astype(np.int64)), ("true_risk", risk)):  # fmt: skip
        out[key], out["val_" + key] = value[:N_TRAIN], value[N_TRAIN:]
    return out
