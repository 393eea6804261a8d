"""Data for the batch-97 cases (clinical time series from intensive-care records): a generated
cohort of ICU stays, each patient with a latent severity trajectory over the first 48 hours
that drives eight irregularly sampled vitals and labs (heart rate, systolic pressure,
respiratory rate, SpO2, temperature, lactate, creatinine, glucose), missing not at random
(sicker patients are measured more often), static covariates (age, sex, admission type,
site) and three outcomes: in-hospital mortality, length of stay (days) and an hourly
deterioration label (the severity 6 hours later above a threshold). Site B reports glucose in
mmol/L and creatinine in umol/L, site A in mg/dL: the raw records keep each site's units.
Data seeds 9700 (the cohort) and 9701 (the patient split); no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

HOURS = 48
FEATURES = ("hr", "sbp", "resp", "spo2", "temp", "lactate", "creatinine", "glucose")
# the chance of a recorded value per hour at severity 0 (vitals) and how much a sicker patient
# raises it (the labs are drawn every few hours, more often when the patient is unwell)
BASE_RATE = np.array([0.75, 0.6, 0.5, 0.6, 0.25, 0.05, 0.04, 0.08], "float32")
SICK_RATE = np.array([0.15, 0.2, 0.2, 0.2, 0.1, 0.15, 0.08, 0.1], "float32")
GLUCOSE_MMOL = 18.016  # mg/dL per mmol/L
CREATININE_UMOL = 88.42  # umol/L per mg/dL


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


@cache
def icu_cohort(n_patients: int = 3000) -> dict[str, np.ndarray]:
    """The generated cohort (seed 9700). Returns a dict of float32 arrays:
    `values` (n, 48, 8) raw measurements in the site's units, NaN where not measured;
    `static` (n, 4): age (years), sex (1 female), admission type (0 elective, 1 emergency,
    2 surgical), site (1: glucose in mmol/L, creatinine in umol/L);
    `died` (n,) in-hospital mortality (about 20 %); `los_days` (n,) length of stay;
    `deteriorate` (n, 48) 1 where the severity 6 hours later is above 1.2; `severity`
    (n, 54) the latent trajectory (for reference only)."""
    rng = np.random.default_rng(9700)
    n = n_patients
    age = np.clip(rng.normal(64.0, 15.0, n), 18.0, 95.0)
    sex = (rng.random(n) < 0.45).astype("float32")
    admission = rng.choice(3, size=n, p=[0.25, 0.5, 0.25])
    site = (rng.random(n) < 0.35).astype("float32")
    # latent severity: a baseline from age and admission, a per-patient drift, a random walk
    start = (rng.normal(0.0, 0.8, n) + 0.02 * (age - 64.0) + 0.4 * (admission == 1)
             - 0.2 * (admission == 0))  # fmt: skip
    drift = rng.normal(0.0, 0.025, n)
    steps = HOURS + 6
    walk = np.cumsum(rng.normal(0.0, 0.08, (n, steps)), axis=1)
    severity = start[:, None] + drift[:, None] * np.arange(steps)[None, :] + walk
    s = severity[:, :HOURS]
    noise = rng.normal(size=(n, HOURS, 8))
    values = np.empty((n, HOURS, 8), "float64")
    values[..., 0] = 82.0 + 11.0 * s + 6.0 * noise[..., 0]
    values[..., 1] = 122.0 - 11.0 * s + 9.0 * noise[..., 1]
    values[..., 2] = 17.0 + 3.0 * s + 2.0 * noise[..., 2]
    values[..., 3] = np.minimum(100.0, 97.0 - 1.6 * s + 1.2 * noise[..., 3])
    values[..., 4] = 37.0 + 0.35 * s + 0.3 * noise[..., 4]
    values[..., 5] = np.exp(0.4 + 0.35 * s + 0.15 * noise[..., 5])  # lactate mmol/L
    values[..., 6] = np.exp(0.05 + 0.25 * s + 0.006 * (age[:, None] - 64.0)
                            + 0.15 * noise[..., 6])  # creatinine mg/dL  # fmt: skip
    values[..., 7] = 125.0 + 18.0 * s + 20.0 * noise[..., 7]  # glucose mg/dL
    # measurements missing not at random: sicker patients are charted more often
    rate = BASE_RATE + SICK_RATE * _sigmoid(1.5 * s)[..., None]
    observed = rng.random((n, HOURS, 8)) < rate
    observed[:, 0, :5] = True  # admission vitals are always charted
    values = np.where(observed, values, np.nan)
    # site B's labs in SI units
    b = site.astype(bool)
    values[b, :, 7] /= GLUCOSE_MMOL
    values[b, :, 6] *= CREATININE_UMOL
    logit = 3.2 * s[:, -1] + 0.02 * (age - 64.0) - 4.6
    died = (rng.random(n) < _sigmoid(logit)).astype("float32")
    los = np.exp(1.3 + 0.35 * s.mean(axis=1) + 0.3 * (admission == 2) + rng.normal(0, 0.3, n))
    los_days = (2.0 + los).astype("float32")
    deteriorate = (severity[:, 6:] > 1.2).astype("float32")
    static = np.stack([age, sex, admission, site], axis=1)
    return {"values": values.astype("float32"), "static": static.astype("float32"),
            "died": died, "los_days": los_days, "deteriorate": deteriorate,
            "severity": severity.astype("float32")}  # fmt: skip


@cache
def patient_split(n_patients: int = 3000, val_fraction: float = 0.2
                  ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Train and validation patient indices (seed 9701): a per-patient split, each stay in
    one side only."""
    order = np.random.default_rng(9701).permutation(n_patients)
    cut = int(round(n_patients * (1.0 - val_fraction)))
    return np.sort(order[:cut]), np.sort(order[cut:])
