"""Batch-7 scripts, tabular, regression and series set-ups: a quantile (pinball) regression
with a hand-written loss function, a causal dilated Conv1D forecaster on windows of an hourly
series, a log1p-transformed skewed target, a CosineDecay schedule with Keras 3's built-in
warm-up, a tanh MLP under RMSprop on the digits, a ReLU MLP on a table in mixed units, and
GaussianNoise with tiny L1L2 penalties. Each script calls `kit.fit`; keyword options are the
faults of `cases.py` (each default is the healthy script's choice); each docstring names the
kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import digits_raw_flat
from benchmarks.practice.batch7_data import (
    claim_costs,
    five_class_table,
    heteroscedastic_demand,
    hourly_load,
    parcels,
)
from benchmarks.practice.data import breast_cancer
from benchmarks.practice.kit import Kit


def pinball(q: float) -> Any:
    def loss(y_true: Any, y_pred: Any) -> Any:
        error = y_true - y_pred
        return ops.mean(ops.maximum(q * error, (q - 1.0) * error), axis=-1)

    return loss


def quantile_demand(kit: Kit, *, epochs: int = 25) -> Any:
    """The 90th percentile of a demand with feature-dependent noise: Dense 64-64 (ReLU),
    linear output, a hand-written pinball loss (q = 0.9) passed as a function, metric MAE;
    Adam, batch 64; the targets reshaped to a column (n, 1). Healthy only (a first fault, the
    targets left 1-D so that a hand-written loss would broadcast (batch,) against (batch, 1),
    trained identically in a plain smoke run: Keras 3 squeezes or expands y_true to the
    output's rank before calling a loss function; it was dropped before any Watch run)."""
    x, y, xv, yv = heteroscedastic_demand()
    y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((5,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), pinball(0.9), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def causal_forecast(kit: Kit, *, target_offset: int = 0, epochs: int = 10) -> Any:
    """Next-hour load from the past 48 hours: windows cut with numpy, the first 80 % of the
    windows for training and the last 20 % for validation (chronological), a causal dilated
    Conv1D stack (16 filters, kernel 2, dilations 1, 2, 4, 8, 16), Flatten, Dense(1); MSE,
    metric MAE, Adam, batch 64. Fault: an off-by-one in the window code, the target taken
    one step earlier, i.e. the window's own last value (target leakage: Stack Overflow "my
    LSTM forecast is too good / lags the series by one step")."""
    load = hourly_load()
    past = 48
    starts = np.arange(len(load) - past - 1)
    windows = load[starts[:, None] + np.arange(past)][..., None]
    targets = load[starts + past - target_offset][:, None]
    cut = int(0.8 * len(starts))
    x, y, xv, yv = windows[:cut], targets[:cut], windows[cut:], targets[cut:]
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((past, 1))]
    stack += [layers.Conv1D(16, 2, padding="causal", dilation_rate=d, activation="relu")
              for d in (1, 2, 4, 8, 16)]  # fmt: skip
    stack += [layers.Flatten(), layers.Dense(1)]
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def claims_log_target(kit: Kit, *, transform: str = "log1p", epochs: int = 20) -> Any:
    """Insurance claim costs (0 for about 15 % of the policies, otherwise 50 .. 200 000)
    regressed on 6 features through a log1p target: Dense 32-16 (ReLU), linear output, MSE,
    metric MAE in log units; Adam(3e-3), batch 64. Fault: `np.log` in place of `np.log1p`, so every
    zero claim becomes -inf (Stack Overflow "loss is nan / inf after log-transforming the
    target")."""
    x, y, xv, yv = claim_costs()
    f = np.log1p if transform == "log1p" else np.log
    with np.errstate(divide="ignore"):
        t, tv = f(y).astype("float32"), f(yv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, t, probe_data=(x, t), batch_size=64, epochs=epochs,
                   validation_data=(xv, tv))  # fmt: skip


def cosine_warmup(kit: Kit, *, warmup_target: float = 3e-3, decay_in_epochs: bool = False,
                  epochs: int = 20) -> Any:  # fmt: skip
    """A 5-class table (20 standardised features): Dense 128-64 (ReLU), softmax; Adam under
    `keras.optimizers.schedules.CosineDecay(0.0, decay_steps, warmup_target=3e-3,
    warmup_steps=2 epochs)` (Keras 3's built-in warm-up), decay over all the steps; batch 64.
    Faults: `warmup_target=10` (a rate of 10 at the end of the warm-up: Stack Overflow "loss
    nan after warm-up", AUTOTRAINER's learning-rate faults); `decay_steps` given in epochs
    (20) instead of steps, so the rate falls to 0 twenty steps after the warm-up (Stack
    Overflow "CosineDecay decay_steps is in steps, not epochs")."""
    x, y, xv, yv = five_class_table()
    steps_per_epoch = int(np.ceil(len(x) / 64))
    schedule = keras.optimizers.schedules.CosineDecay(
        0.0, decay_steps=epochs if decay_in_epochs else epochs * steps_per_epoch,
        warmup_target=warmup_target, warmup_steps=2 * steps_per_epoch)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def tanh_rmsprop(kit: Kit, *, learning_rate: float = 1e-3, epochs: int = 15) -> Any:
    """Digits as 64 pixels / 16: Dense 64-64 (tanh), softmax; RMSprop, batch 32, explicit
    validation. Fault: RMSprop(learning_rate=0.1) (Stack Overflow "loss jumps around /
    accuracy stuck with RMSprop", AUTOTRAINER's learning-rate faults on tanh nets)."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="tanh"),
                              layers.Dense(64, activation="tanh"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.RMSprop(learning_rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def parcels_mlp(kit: Kit, *, bias: float = 0.0, val_columns: str = "same",
                epochs: int = 12) -> Any:  # fmt: skip
    """Late parcels from grams, km, items, pick-up hour and carrier load (raw units,
    StandardScaler fitted on the training part): Dense 64-32 (ReLU), sigmoid; Adam, batch 64.
    Faults: `bias_initializer=Constant(-5.0)` on the hidden layers (a DeepFD / AUTOTRAINER
    initialisation fault: every ReLU starts dead); the validation table read from a second CSV
    whose columns come in another order (km, grams, ...), scaled with the training scaler
    (Stack Overflow "validation accuracy low although training accuracy is high: columns in
    a different order")."""
    x, y, xv, yv = parcels()
    if val_columns == "swapped":
        xv = xv[:, [1, 0, 2, 3, 4]]
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    init = keras.initializers.Constant(bias)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((5,)),
                              layers.Dense(64, activation="relu", bias_initializer=init),
                              layers.Dense(32, activation="relu", bias_initializer=init),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def noise_l1l2(kit: Kit, *, epochs: int = 25) -> Any:
    """Breast cancer (StandardScaler on the training part): GaussianNoise(0.1) on the input,
    Dense 32-16 (ReLU) with L1L2(l1=1e-5, l2=1e-4) kernels, sigmoid; Adam, batch 16. Healthy
    only: small noise and tiny penalties as regularisation."""
    x, y, xv, yv = breast_cancer()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    reg = keras.regularizers.L1L2(l1=1e-5, l2=1e-4)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.GaussianNoise(0.1),
                              layers.Dense(32, activation="relu", kernel_regularizer=reg),
                              layers.Dense(16, activation="relu", kernel_regularizer=reg),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip

