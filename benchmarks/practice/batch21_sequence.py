"""Batch-21 forecasting script: a Conv1D network forecasting the next 12 hours of a generated
seasonal series from windows of the last 48 hours, the windows built with NumPy by the
script itself, in its fixed form with a real-world bug as a keyword option (the default is
the healthy choice). Calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch21_data import seasonal_series
from benchmarks.practice.kit import Kit


def horizon_windows(series: np.ndarray, window: int, horizon: int, *,
                    reshape_targets: bool = False) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Inputs (n, window, 1): every window of `window` consecutive values. Targets (n,
    horizon): the `horizon` values after each window, built as `horizon` shifted copies of the
    series (row h holds the value h + 1 steps after each window), then turned into one row per
    window with `.T`. Fault: `reshape_targets`, `.reshape(n, horizon)` in place of `.T` (the
    (horizon, n) stack read in C order: a window's targets are 12 consecutive entries of one
    shifted copy, far later values of the series, the lead growing with the row)."""
    n = len(series) - window - horizon + 1
    x = np.stack([series[i:i + window] for i in range(n)])[..., None]
    shifted = np.stack([series[window + h:window + h + n] for h in range(horizon)])
    y = shifted.reshape(n, horizon) if reshape_targets else shifted.T
    return x.astype("float32"), np.ascontiguousarray(y, dtype="float32")


def multistep_seasonal_forecast(kit: Kit, *, reshape_targets: bool = False,
                                epochs: int = 12) -> Any:  # fmt: skip
    """An hourly series with daily and weekly cycles (3000 hours): the first 80 % trains, the
    last 20 % validates (chronological), both standardised with the training part's mean and
    std; windows of 48 hours -> the next 12 hours (`horizon_windows`). Conv1D 32 (k 5, ReLU)
    -> Conv1D 32 (k 5, ReLU) -> Flatten -> Dense 64 (ReLU) -> Dense 12 (linear); MSE, mae;
    Adam(1e-3), batch 64, 12 epochs. Fault: `reshape_targets` (Stack Overflow "numpy reshape
    vs transpose", "my multi-step forecast only predicts the mean": the target stack reshaped
    instead of transposed)."""
    series = seasonal_series()
    cut = int(0.8 * len(series))
    mean, std = series[:cut].mean(), series[:cut].std()
    scaled = (series - mean) / std
    x, y = horizon_windows(scaled[:cut], 48, 12, reshape_targets=reshape_targets)
    xv, yv = horizon_windows(scaled[cut:], 48, 12, reshape_targets=reshape_targets)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((48, 1)),
                              layers.Conv1D(32, 5, activation="relu"),
                              layers.Conv1D(32, 5, activation="relu"),
                              layers.Flatten(),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(12)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
