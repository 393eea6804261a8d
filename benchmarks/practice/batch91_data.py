"""Data for the batch-91 cases (predictive maintenance): generated C-MAPSS-like run-to-failure
fleets. Each engine runs from a slightly worn start to failure; 21 sensors in the C-MAPSS
units (a few of them constant, as sensors 1, 5, 10, 16, 18 and 19 of FD001 are), an
exponential-ish degradation that drifts 14 informative sensors (each with its own sign and
engine-to-engine gain) on top of Gaussian noise, and 3 operating settings; with
`conditions=6` every cycle runs in one of six operating regimes (FD002-like) that shift the
sensor levels far more than the wear does. Data seeds 9100 (single condition) and 9101 (six
conditions); no downloads; cached.
"""

from __future__ import annotations

from functools import cache

import numpy as np

# FD001-like sensor means and noise levels (sensors 1..21)
BASE = np.array([518.67, 642.68, 1590.5, 1408.9, 14.62, 21.61, 553.37, 2388.1, 9065.0, 1.3,
                 47.54, 521.4, 2388.1, 8143.8, 8.44, 0.03, 393.2, 2388.0, 100.0, 38.8, 23.29],
                "float64")  # fmt: skip
NOISE = np.array([0.0, 0.5, 6.0, 9.0, 0.0, 0.0015, 0.9, 0.07, 22.0, 0.0, 0.27, 0.74, 0.07,
                  19.0, 0.037, 0.0, 1.5, 0.0, 0.0, 0.18, 0.11], "float64")  # fmt: skip
# the drift at failure in units of each sensor's noise (0: no wear signal)
DRIFT = np.array([0.0, 3.5, 3.5, 4.0, 0.0, 0.0, -3.5, 3.0, 2.5, 0.0, 4.0, -3.5, 3.0, 2.0,
                  3.5, 0.0, 3.0, 0.0, 0.0, -3.5, -3.5], "float64")  # fmt: skip
CONSTANT = (0, 4, 9, 15, 17, 18)  # sensors 1, 5, 10, 16, 18, 19: constant in one regime
INFORMATIVE = tuple(i for i in range(21) if i not in CONSTANT)
SENSORS_14 = tuple(i for i in INFORMATIVE if i != 5)  # the usual 14 (sensor 6 dropped too)

# six operating regimes: (altitude kft, Mach, throttle resolver angle) and each sensor's
# relative level in that regime
REGIMES = np.array([[0.0, 0.0, 100.0], [10.0, 0.25, 100.0], [20.0, 0.7, 100.0],
                    [25.0, 0.62, 60.0], [35.0, 0.84, 100.0], [42.0, 0.84, 100.0]],
                   "float64")  # fmt: skip


@cache
def fleet(conditions: int = 1, n_train: int = 40, n_val: int = 20) -> dict[str, list]:
    """Run-to-failure engines (seed 9100 for one condition, 9101 for six): lives of 128-300
    cycles; per engine a wear onset 0..0.1, an exponent 1.6..3 and a gain 0.8..1.2 per
    sensor; sensor = level(regime) + drift * noise * wear(t) * gain + N(0, noise). Returns a
    dict of lists of per-engine arrays: "settings" (T, 3), "sensors" (T, 21) float32 in raw
    units, "rul" (T,) cycles to failure (T-1 .. 0), split into "train" and "val" engines
    (keys "train_settings", "val_sensors", ...)."""
    rng = np.random.default_rng(9100 if conditions == 1 else 9101)
    rel = 1.0 + rng.uniform(-0.25, 0.25, size=(6, 21))  # regime levels (relative)
    rel[0] = 1.0
    out: dict[str, list] = {f"{s}_{k}": [] for s in ("train", "val")
                            for k in ("settings", "sensors", "rul")}  # fmt: skip
    for unit in range(n_train + n_val):
        life = int(rng.integers(128, 301))
        t = np.arange(life, dtype="float64")
        onset, power = rng.uniform(0.0, 0.1), rng.uniform(1.6, 3.0)
        wear = onset + (1.0 - onset) * (t / (life - 1)) ** power
        gain = rng.uniform(0.8, 1.2, size=21)
        regime = rng.integers(conditions, size=life)
        settings = REGIMES[regime] + rng.normal(0.0, [0.002, 0.0002, 0.0], size=(life, 3))
        level = BASE * rel[regime]
        noise = rng.normal(0.0, 1.0, size=(life, 21)) * NOISE
        sensors = level + wear[:, None] * DRIFT * NOISE * gain + noise
        side = "train" if unit < n_train else "val"
        out[f"{side}_settings"].append(settings.astype("float32"))
        out[f"{side}_sensors"].append(sensors.astype("float32"))
        out[f"{side}_rul"].append((life - 1 - t).astype("float32"))
    return out


@cache
def truncation(n_val: int = 20) -> tuple[int, ...]:
    """Where each validation engine's record stops (a C-MAPSS test file cuts engines before
    failure): a fraction 0.55..1.0 of its life, seed 9102; the lengths are fractions, turned
    into cycles by the script."""
    rng = np.random.default_rng(9102)
    return tuple(int(x) for x in rng.integers(55, 101, size=n_val))
