"""Data for the batch-24 cases: sensor signals generated in NumPy (data seed 0), no downloads.

Batch 24 is signal and sensor classification as practitioners write it: 3-axis accelerometer
windows for activity recognition (milli-g, stored channels-first as the per-axis files stack),
with a gyroscope beside them for a two-input model; single-lead ECG-like beats (mV) with rare
abnormal classes; raw vibration records from a rotating machine with three fault types; a
continuous multi-activity accelerometer stream for the script to window itself; and normal
multi-sensor windows for a reconstruction autoencoder. Each function returns the data as the
script receives it (raw units, channels-first arrays): scaling, layout and windowing are the
script's own.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch2_data import DATA_SEED

ACTIVITIES = ("walking", "jogging", "sitting", "standing", "lying")
FS_HAR = 32  # Hz


def _split(*arrays: np.ndarray, stratify: np.ndarray | None = None) -> list[np.ndarray]:
    """80/20 (shuffled, data seed 0): each array's train part, then its val part."""
    return train_test_split(*arrays, test_size=0.2, random_state=DATA_SEED, stratify=stratify)


def _gravity(activity: int, rng: np.random.Generator) -> np.ndarray:
    """The gravity vector (unit) of a waist-worn sensor for an activity, with a random tilt."""
    pitch = {0: 0.0, 1: 0.1, 2: 0.65, 3: 0.0, 4: 1.45}[activity] + rng.normal(0, 0.12)
    roll = rng.normal(0, 0.12) + (0.5 if activity == 4 else 0.0)
    return np.array([np.sin(pitch), np.cos(pitch) * np.cos(roll), np.cos(pitch) * np.sin(roll)])


def _activity_signal(activity: int, steps: int, rng: np.random.Generator
                     ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(accelerometer in milli-g, gyroscope in deg/s), each (3, steps), for one activity."""
    t = np.arange(steps) / FS_HAR
    acc = 1000.0 * _gravity(activity, rng)[:, None] * np.ones(steps)
    gyro = rng.normal(0, 2.0, (3, steps))
    if activity in (0, 1):  # walking, jogging: a step cadence and its harmonic
        f = rng.uniform(1.5, 2.1) if activity == 0 else rng.uniform(2.5, 3.1)
        amp = rng.uniform(180, 380) if activity == 0 else rng.uniform(450, 850)
        phase = rng.uniform(0, 2 * np.pi, 3)
        weights = np.array([0.5, 1.0, 0.4])
        acc += amp * weights[:, None] * (np.sin(2 * np.pi * f * t + phase[:, None])
                                         + 0.35 * np.sin(4 * np.pi * f * t + phase[:, None]))
        gyro += (amp / 3.0) * np.array([0.6, 0.3, 1.0])[:, None] \
            * np.sin(2 * np.pi * f * t + phase[::-1, None])
    acc += rng.normal(0, 25.0 if activity in (0, 1) else 12.0, (3, steps))
    acc += rng.normal(0, 8.0, (3, 1)) * np.linspace(-1, 1, steps)  # slow drift
    return acc, gyro


@cache
def har_windows(rows: int = 1500, steps: int = 96) -> list[np.ndarray]:
    """Activity windows (3 s at 32 Hz): five activities, accelerometer in milli-g (gravity
    ~1000 on the axis it falls on) stored channels-first (n, 3, steps) float32, and the
    gyroscope in deg/s the same way; acc_train, acc_val, gyro_train, gyro_val, y_train,
    y_val (int64). Sitting / standing / lying differ only in the gravity direction."""
    rng = np.random.default_rng(DATA_SEED)
    y = rng.integers(0, len(ACTIVITIES), rows)
    acc = np.empty((rows, 3, steps))
    gyro = np.empty((rows, 3, steps))
    for i, k in enumerate(y):
        acc[i], gyro[i] = _activity_signal(int(k), steps, rng)
    return _split(acc.astype("float32"), gyro.astype("float32"), y.astype("int64"), stratify=y)


def _gauss(t: np.ndarray, centre: float, width: float, amp: float) -> np.ndarray:
    return amp * np.exp(-0.5 * ((t - centre) / width) ** 2)


@cache
def ecg_beats(rows: int = 1800, steps: int = 96) -> list[np.ndarray]:
    """Single-lead ECG-like beats (mV, 96 samples around the R peak): 0 normal (~82 %),
    1 ventricular (~12 %: no P wave, wide QRS, inverted T), 2 atrial premature (~6 %: an
    inverted, early P wave, shorter PR); gain, baseline wander and noise per beat; x (n,
    steps) float32; x_train, x_val, y_train, y_val (int64)."""
    rng = np.random.default_rng(DATA_SEED + 1)
    y = rng.choice(3, rows, p=[0.82, 0.12, 0.06])
    t = np.arange(steps, dtype="float64")
    x = np.empty((rows, steps))
    for i, k in enumerate(y):
        r = 40 + rng.normal(0, 1.0)
        if k == 1:
            beat = (_gauss(t, r - 3, 2.5, -0.2) + _gauss(t, r, 4.0, 1.3)
                    + _gauss(t, r + 5, 3.5, -0.5) + _gauss(t, r + 28, 7.0, -0.35))  # fmt: skip
        else:
            p_amp, p_at = (0.16, r - 16) if k == 0 else (-0.12, r - 11)
            beat = (_gauss(t, p_at + rng.normal(0, 1), 3.0, p_amp * rng.uniform(0.8, 1.2))
                    + _gauss(t, r - 2.5, 1.2, -0.12) + _gauss(t, r, 1.6, 1.0)
                    + _gauss(t, r + 3, 1.5, -0.25) + _gauss(t, r + 25, 6.0, 0.3))  # fmt: skip
        wander = rng.uniform(-0.15, 0.15) + rng.uniform(-0.1, 0.1) * np.sin(
            2 * np.pi * t / steps + rng.uniform(0, 6.3))
        x[i] = rng.uniform(0.7, 1.3) * beat + wander + rng.normal(0, 0.05, steps)
    return _split(x.astype("float32"), y.astype("int64"), stratify=y)


FS_VIB = 2048  # Hz
MACHINE_STATES = ("normal", "imbalance", "misalignment", "bearing")


@cache
def vibration_records(rows: int = 1200, samples: int = 1024) -> list[np.ndarray]:
    """Raw accelerometer records (m/s^2, 0.5 s at 2048 Hz) of a rotating machine at 25-35 Hz
    shaft speed: 0 normal, 1 imbalance (a strong 1x), 2 misalignment (a strong 2x), 3 outer
    bearing race (impacts at ~3.6x exciting a ~700 Hz resonance); a sensor gain per record;
    x (n, samples) float32; x_train, x_val, y_train, y_val (int64)."""
    rng = np.random.default_rng(DATA_SEED + 2)
    y = rng.integers(0, 4, rows)
    t = np.arange(samples) / FS_VIB
    x = np.empty((rows, samples))
    for i, k in enumerate(y):
        f0 = rng.uniform(25, 35)
        ph = rng.uniform(0, 2 * np.pi, 3)
        one = {0: 1.0, 1: 2.6, 2: 1.2, 3: 1.0}[int(k)] * rng.uniform(0.8, 1.2)
        two = {0: 0.3, 1: 0.3, 2: 1.8, 3: 0.3}[int(k)] * rng.uniform(0.8, 1.2)
        sig = (one * np.sin(2 * np.pi * f0 * t + ph[0]) + two * np.sin(4 * np.pi * f0 * t + ph[1])
               + 0.2 * np.sin(6 * np.pi * f0 * t + ph[2]))  # fmt: skip
        if k == 3:
            period = 1.0 / (3.6 * f0)
            since = np.mod(t + rng.uniform(0, period), period)
            fr = rng.uniform(600, 800)
            sig += 1.6 * np.exp(-since * 900) * np.sin(2 * np.pi * fr * since)
        x[i] = rng.uniform(0.7, 1.4) * (sig + rng.normal(0, 0.45, samples))
    return _split(x.astype("float32"), y.astype("int64"), stratify=y)


@cache
def activity_stream(windows: int = 1800, step: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """One continuous accelerometer recording (milli-g, (samples, 3), 32 Hz) of activity bouts
    4-10 steps of `step` samples long, activities drawn at random (never the same twice in a
    row); and the per-sample activity label (int64). About `windows` steps long."""
    rng = np.random.default_rng(DATA_SEED + 3)
    parts, labels = [], []
    total, last = 0, -1
    while total < windows * step:
        k = int(rng.integers(0, len(ACTIVITIES)))
        if k == last:
            continue
        n = int(rng.integers(4, 11)) * step
        acc, _ = _activity_signal(k, n, rng)
        parts.append(acc.T)
        labels.append(np.full(n, k))
        total, last = total + n, k
    return np.concatenate(parts).astype("float32"), np.concatenate(labels).astype("int64")


@cache
def plant_sensor_windows(rows: int = 1500, steps: int = 64) -> list[np.ndarray]:
    """Normal-operation windows from four plant sensors (a temperature in deg C around 60, a
    pressure in bar around 5, a flow in l/min around 120, a motor current in A around 12),
    (n, steps, 4) float32: a shared slow load cycle the sensors follow with their own lags
    and gains, plus noise; x_train, x_val (normal windows only, for an autoencoder)."""
    rng = np.random.default_rng(DATA_SEED + 4)
    t = np.arange(steps, dtype="float64")
    base = np.array([60.0, 5.0, 120.0, 12.0])
    gain = np.array([4.0, 0.6, 15.0, 2.0])
    lag = np.array([6.0, 0.0, 2.0, 1.0])
    x = np.empty((rows, steps, 4))
    for i in range(rows):
        period = rng.uniform(20, 40)
        phase = rng.uniform(0, 2 * np.pi)
        load = rng.uniform(0.6, 1.4)
        cycle = np.sin(2 * np.pi * (t[:, None] - lag) / period + phase)
        x[i] = base + load * gain * cycle + rng.normal(0, 0.12, (steps, 4)) * gain
    x = x.astype("float32")
    return train_test_split(x, test_size=0.2, random_state=DATA_SEED)
