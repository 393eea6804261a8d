"""Batch-46 schedule and callback scripts (keyword options are the faults, the defaults the
healthy choice): a digits MLP under Adam with the `keras.optimizers.schedules` classes and
`LearningRateScheduler` functions, a digits CNN under SGD with a hand-written one-cycle /
cyclical rate, a Friedman regression with ReduceLROnPlateau + EarlyStopping +
ModelCheckpoint, and a tabular classifier with EarlyStopping on validation accuracy. Each
script calls `kit.fit`.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch46_data import digits_split, friedman_split, tabular_split
from benchmarks.practice.kit import Kit

SCHEDULES = keras.optimizers.schedules


def _step_function(kind: str, base: float) -> Any:
    """The `LearningRateScheduler` functions of the tutorials: "step" (base, halved every 8
    epochs), "keras_docs" (the docs' example: the rate kept 10 epochs, then x exp(-0.1) an
    epoch), "compound" (the docs' example copied with `lr * exp(-0.1 * epoch)`: the decay
    compounds, exp(-0.05 e^2)), "halve_each_epoch" (`lambda epoch: base * 0.5 ** epoch`)."""

    def schedule(epoch: int, lr: float) -> float:
        if kind == "step":
            return base * 0.5 ** (epoch // 8)
        if kind == "keras_docs":
            return lr if epoch < 10 else lr * math.exp(-0.1)
        if kind == "compound":
            return base if epoch == 0 else lr * math.exp(-0.1 * epoch)
        return base * 0.5**epoch

    return schedule


def digits_mlp(kit: Kit, *, schedule: str = "constant", lr: float = 1e-3,
               decay_unit: str = "steps", decay_epochs: float = 5.0, decay_rate: float = 0.5,
               peak: float = 3e-3, warmup_epochs: float = 2.0, restart_epochs: float = 4.0,
               t_mul: float = 2.0, fn: str = "step", fn_base: float = 1e-3,
               epochs: int = 30, batch_size: int = 32) -> Any:  # fmt: skip
    """sklearn digits (1297 train, 500 validate, pixels / 16): Flatten -> Dense 128 ReLU ->
    Dense 64 ReLU -> softmax 10, sparse CE, Adam, batch 32 (41 steps an epoch), 30 epochs.
    `schedule`: "constant" (Adam(lr)); "exponential" (ExponentialDecay(lr, decay_steps,
    decay_rate 0.5, staircase)); "piecewise" (PiecewiseConstantDecay at epochs 10 and 20,
    lr / 10 then lr / 100); "inverse_time" (InverseTimeDecay(lr, decay_steps, 0.5));
    "cosine_warmup" (CosineDecay from 0 with `warmup_epochs` of linear warmup to `peak`,
    then cosine to 0 at the end); "cosine_restarts" (CosineDecayRestarts(peak,
    first_decay_steps=`restart_epochs` epochs, t_mul)); "function" (Adam(lr) with a
    `LearningRateScheduler(fn)`, see `_step_function`, starting at `fn_base`).
    `decay_unit` "steps" (the decay / boundary counts converted to steps: epochs x 41) or
    "epochs" (the epoch counts passed as decay_steps / boundaries, which Keras reads as
    optimizer steps)."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    per_epoch = math.ceil(len(y) / batch_size)
    unit = per_epoch if decay_unit == "steps" else 1
    rate: Any = lr
    callbacks = None
    if schedule == "exponential":
        rate = SCHEDULES.ExponentialDecay(lr, decay_steps=int(decay_epochs * unit),
                                          decay_rate=decay_rate, staircase=True)  # fmt: skip
    elif schedule == "piecewise":
        rate = SCHEDULES.PiecewiseConstantDecay([10 * unit, 20 * unit], [lr, lr / 10, lr / 100])
    elif schedule == "inverse_time":
        rate = SCHEDULES.InverseTimeDecay(lr, decay_steps=int(decay_epochs * unit),
                                          decay_rate=decay_rate)  # fmt: skip
    elif schedule == "cosine_warmup":
        warmup = int(warmup_epochs * per_epoch)
        rate = SCHEDULES.CosineDecay(0.0, decay_steps=epochs * per_epoch - warmup,
                                     warmup_target=peak, warmup_steps=warmup)  # fmt: skip
    elif schedule == "cosine_restarts":
        rate = SCHEDULES.CosineDecayRestarts(peak, int(restart_epochs * per_epoch),
                                             t_mul=t_mul, m_mul=1.0, alpha=0.0)  # fmt: skip
    elif schedule == "function":
        rate = fn_base
        callbacks = [keras.callbacks.LearningRateScheduler(_step_function(fn, fn_base))]
    model = keras.Sequential([keras.Input((8, 8, 1)), layers.Flatten(),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


class OneCycle(keras.callbacks.Callback):
    """A one-cycle rate written by hand (set before every batch): linear from max_lr / 25 to
    max_lr over the first 30 % of `total_steps`, then cosine down to max_lr / 1e4."""

    def __init__(self, max_lr: float, total_steps: int) -> None:
        super().__init__()
        self.max_lr, self.total_steps, self.step = max_lr, total_steps, 0

    def on_train_batch_begin(self, batch: int, logs: Any = None) -> None:
        up = int(0.3 * self.total_steps)
        low, end = self.max_lr / 25, self.max_lr / 1e4
        if self.step < up:
            rate = low + (self.max_lr - low) * self.step / up
        else:
            done = min(1.0, (self.step - up) / max(1, self.total_steps - up))
            rate = end + (self.max_lr - end) * 0.5 * (1 + math.cos(math.pi * done))
        self.model.optimizer.learning_rate = rate
        self.step += 1


class Triangular(SCHEDULES.LearningRateSchedule):
    """The cyclical learning rate (Smith 2017, "triangular") as a schedule class: from
    `base` up to `top` over `half` steps and back, repeated."""

    def __init__(self, base: float, top: float, half: int) -> None:
        self.base, self.top, self.half = base, top, half

    def __call__(self, step: Any) -> Any:
        step = keras.ops.cast(step, "float32")
        cycle = keras.ops.floor(1 + step / (2 * self.half))
        place = keras.ops.abs(step / self.half - 2 * cycle + 1)
        return self.base + (self.top - self.base) * keras.ops.maximum(0.0, 1 - place)

    def get_config(self) -> dict[str, Any]:
        return {"base": self.base, "top": self.top, "half": self.half}


def digits_cnn(kit: Kit, *, policy: str = "step", max_lr: float = 0.05,
               base_lr: float = 0.005, half_epochs: float = 4.0, cycle_epochs: int = 0,
               fn_base: float = 0.05, epochs: int = 20, batch_size: int = 32) -> Any:  # fmt: skip
    """sklearn digits as 8 x 8 images: Conv 16 3x3 ReLU -> Conv 32 3x3 ReLU -> MaxPool ->
    Flatten -> Dense 64 ReLU -> softmax 10, sparse CE, SGD(momentum=0.9), batch 32 (41 steps
    an epoch), 20 epochs, TerminateOnNaN. `policy`: "step" (LearningRateScheduler: `fn_base`
    halved every 8 epochs); "one_cycle" (the hand-written `OneCycle` to `max_lr` over
    `cycle_epochs` epochs, 0: the fit's own epochs); "triangular" (the `Triangular` schedule
    between `base_lr` and `max_lr`, `half_epochs` epochs up and as many down)."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    per_epoch = math.ceil(len(y) / batch_size)
    rate: Any = fn_base
    callbacks: list[Any] = [keras.callbacks.TerminateOnNaN()]
    if policy == "step":
        callbacks.append(keras.callbacks.LearningRateScheduler(_step_function("step", fn_base)))
    elif policy == "one_cycle":
        rate = max_lr / 25
        callbacks.append(OneCycle(max_lr, (cycle_epochs or epochs) * per_epoch))
    elif policy == "triangular":
        rate = Triangular(base_lr, max_lr, int(half_epochs * per_epoch))
    model = keras.Sequential([keras.Input((8, 8, 1)),
                              layers.Conv2D(16, 3, padding="same", activation="relu"),
                              layers.Conv2D(32, 3, padding="same", activation="relu"),
                              layers.MaxPooling2D(), layers.Flatten(),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(rate, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


def friedman_mlp(kit: Kit, *, lr: float = 3e-3, plateau_factor: float = 0.5,
                 plateau_patience: int = 4, plateau_monitor: str = "val_loss",
                 plateau_mode: str = "auto", min_lr: float = 1e-5,
                 stop_monitor: str = "val_loss", stop_mode: str = "auto",
                 stop_patience: int = 12, min_delta: float = 0.0, restore: bool = True,
                 checkpoint_mode: str = "auto", epochs: int = 60,
                 batch_size: int = 32) -> Any:  # fmt: skip
    """Friedman #1 regression (1800 train, 600 validate; standardised features and target):
    Dense 64 ReLU x 2 -> Dense 1, MSE, MAE metric, Adam(3e-3), batch 32 (57 steps an epoch),
    60 epochs, with the callback trio of the tutorials: ReduceLROnPlateau(val_loss,
    factor 0.5, patience 4, min_lr 1e-5), EarlyStopping(val_loss, patience 12,
    restore_best_weights=True) and ModelCheckpoint(save_best_only=True) to a temporary
    `.keras` file. Options: each callback's factor / patience / monitor / mode, min_lr, the
    EarlyStopping's min_delta and restore, the checkpoint's mode."""
    x, xval, y, yval = friedman_split()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    path = Path(tempfile.mkdtemp(prefix="b46_")) / "best.keras"
    callbacks = [
        keras.callbacks.ReduceLROnPlateau(monitor=plateau_monitor, mode=plateau_mode,
                                          factor=plateau_factor, patience=plateau_patience,
                                          min_lr=min_lr),
        keras.callbacks.EarlyStopping(monitor=stop_monitor, mode=stop_mode,
                                      patience=stop_patience, min_delta=min_delta,
                                      restore_best_weights=restore),
        keras.callbacks.ModelCheckpoint(str(path), monitor="val_loss", mode=checkpoint_mode,
                                        save_best_only=True),
    ]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip


def tabular_mlp(kit: Kit, *, lr: float = 1e-3, stop: bool = True,
                stop_monitor: str = "val_accuracy", stop_mode: str = "auto",
                stop_patience: int = 8, restore: bool = True, dropout: float = 0.2,
                epochs: int = 50, batch_size: int = 64) -> Any:  # fmt: skip
    """A generated binary table (2400 train, 600 validate, 20 standardised features):
    Dense 64 ReLU -> Dropout(0.2) -> Dense 32 ReLU -> Dense 1 sigmoid, binary CE, Adam(1e-3),
    batch 64 (38 steps an epoch), 50 epochs, EarlyStopping(monitor="val_accuracy",
    patience=8, restore_best_weights=True). Options: `stop` (False: no EarlyStopping), its
    monitor / mode / patience / restore, the dropout and the rate."""
    x, xval, y, yval = tabular_split()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(dropout), layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    callbacks = None
    if stop:
        callbacks = [keras.callbacks.EarlyStopping(monitor=stop_monitor, mode=stop_mode,
                                                   patience=stop_patience,
                                                   restore_best_weights=restore)]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), callbacks=callbacks)  # fmt: skip
