"""Batch-5 scripts, tabular and regression set-ups: three imbalanced classes with
`compute_class_weight` under EarlyStopping + ModelCheckpoint + ReduceLROnPlateau together,
Lion, Keras 3's `gradient_accumulation_steps`, the built-in BinaryFocalCrossentropy, house
prices in thousands with standardised targets, a trending series min-max scaled on its
training part, training rows sorted by class, a StandardScaler fitted on the training part,
a two-unit softmax for a binary task. Each script calls `kit.fit`; keyword options are the
faults of `cases.py` (each default is the healthy script's choice); the comment of each
script names the public report a fault follows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
import numpy as np
from keras import layers
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

from benchmarks.practice.batch3_data import wine_split
from benchmarks.practice.batch5_data import (
    digits_sorted,
    mixed_scale_binary,
    prices_thousands,
    rare_binary,
    three_imbalanced,
    trend_series,
)
from benchmarks.practice.data import breast_cancer
from benchmarks.practice.kit import Kit


def _scaled(split: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    x, y, xv, yv = split
    scaler = StandardScaler().fit(x)
    return scaler.transform(x).astype("float32"), y, scaler.transform(xv).astype("float32"), yv


def weighted_callbacks(kit: Kit, *, weights: str = "balanced", epochs: int = 40) -> Any:
    """Three classes at 75/18/7 %, StandardScaler, Dense 64-32 + Dropout 0.2, softmax; Adam,
    batch 32; class_weight from compute_class_weight("balanced"); EarlyStopping(patience 8,
    restore_best_weights) + ModelCheckpoint(best only, temporary directory) +
    ReduceLROnPlateau(0.5, patience 3). Fault: the weights written as each class's share
    (n_c / n) instead of its inverse: the majority class weighs 10x the rarest."""
    x, y, xv, yv = _scaled(three_imbalanced())
    classes = np.unique(y)
    if weights == "balanced":
        values = compute_class_weight("balanced", classes=classes, y=y)
    else:
        values = np.bincount(y) / len(y)
    class_weight = {int(c): float(v) for c, v in zip(classes, values, strict=True)}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    folder = Path(tempfile.mkdtemp(prefix="practice5-ckpt-"))
    callbacks = [
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=8,
                                      restore_best_weights=True),
        keras.callbacks.ModelCheckpoint(str(folder / "best.keras"), monitor="val_loss",
                                        save_best_only=True),
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3),
    ]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, batch_size=32,
                   epochs=epochs, validation_data=(xv, yv), callbacks=callbacks)  # fmt: skip


def lion_wine(kit: Kit, *, lr: float = 3e-4, epochs: int = 60) -> Any:
    """Wine (StandardScaler), Dense 32-16, softmax; Lion(3e-4) (the paper's "3-10x smaller
    than AdamW"), batch 16. Fault: Lion(0.1), a rate carried over from an SGD script: every
    weight moves by +-0.1 each step (Lion's update is a sign)."""
    x, y, xv, yv = _scaled(wine_split())
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((13,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Lion(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def accumulate_cancer(kit: Kit, *, steps: int = 4, epochs: int = 25) -> Any:
    """Breast cancer (StandardScaler), Dense 32-16, sigmoid; Adam(2e-3,
    gradient_accumulation_steps=4) with batch 16 (an effective batch of 64), AUC. Fault:
    gradient_accumulation_steps=256 (meant as the effective batch size): 29 steps per epoch,
    so one update every ~9 epochs."""
    x, y, xv, yv = _scaled(breast_cancer())
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3, gradient_accumulation_steps=steps),
                  "binary_crossentropy", metrics=["accuracy", keras.metrics.AUC(name="auc")])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def focal_rare(kit: Kit, *, from_logits: bool = False, epochs: int = 15) -> Any:
    """15 % positives, StandardScaler, Dense 64-32, sigmoid; keras.losses.BinaryFocalCrossentropy
    (gamma 2, apply_class_balancing, alpha 0.25), Adam, batch 64, AUC. Fault: from_logits=True
    on the sigmoid output (the loss applies a second sigmoid: the probabilities it sees stay
    in [0.5, 0.73]; github.com/itakurah/focal-loss-pytorch/pull/5, lovedlim/tensorflow#2)."""
    x, y, xv, yv = _scaled(rare_binary())
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    loss = keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25,
                                                gamma=2.0, from_logits=from_logits)
    model.compile("adam", loss, metrics=["accuracy", keras.metrics.AUC(name="auc")])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def prices_regression(kit: Kit, *, scale_targets: bool = True, epochs: int = 30) -> Any:
    """House prices in thousands: StandardScaler on the features and on the target, Dense 64-32,
    linear output; loss MAE, RMSprop(1e-3), batch 32. Fault: the target left in thousands
    (60..900) under MAE: the gradient of MAE is +-1 whatever the error, so the output crawls
    up from 0 at the optimiser's step size (machinelearningmastery.com, "how to improve neural
    network stability ... with data scaling": unscaled targets). Its val loss is in
    thousands, the healthy one's in standard deviations: read the label with care."""
    x, y, xv, yv = _scaled(prices_thousands())
    if scale_targets:
        mean, std = float(y.mean()), float(y.std())
        y, yv = (y - mean) / std, (yv - mean) / std
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.RMSprop(1e-3), "mae")
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def trend_forecast(kit: Kit, *, head: str | None = None, epochs: int = 20) -> Any:
    """A trending seasonal series min-max scaled on its training part; 24 past values -> the
    next one: Conv1D(16, 3) + Flatten + Dense 32, linear output; MSE, Adam, batch 32, the last
    20 % (above the training range) to validate. Fault: a sigmoid output, since the targets
    are "in [0, 1]" (datascience.stackexchange.com/q/52727: MinMaxScaler, predictions cannot
    leave the training range)."""
    x, y, xv, yv = trend_series()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((24, 1)), layers.Conv1D(16, 3, activation="relu"), layers.Flatten(),
        layers.Dense(32, activation="relu"), layers.Dense(1, activation=head),
    ])  # fmt: skip
    model.compile("adam", "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def sorted_rows(kit: Kit, *, shuffle: bool = True, epochs: int = 10) -> Any:
    """Digits (64 features in [0, 1]) whose training rows come ordered by label; Dense 128-64,
    softmax; Adam, batch 64; fit's shuffle left on. Fault: shuffle=False ("keep the order
    reproducible"): every batch holds one or two classes, in the same order each epoch."""
    x, y, xv, yv = digits_sorted()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    options = {} if shuffle else {"shuffle": False}
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv), **options)  # fmt: skip


def scaler_split(kit: Kit, *, scale_val: bool = True, leak: bool = False,
                 epochs: int = 20) -> Any:  # fmt: skip
    """Ten columns on their own scales (0.01 .. 5000), StandardScaler fitted on the training
    part and applied to both; Dense 32-16, sigmoid; Adam, batch 32. Faults: the validation
    part never transformed (the scaler applied to x_train only: errorhandle.ai, "how does data
    normalization work in keras during prediction"); the scaler fitted on train +
    validation before the split (leakage: usually harmless to the numbers)."""
    x, y, xv, yv = mixed_scale_binary()
    scaler = StandardScaler().fit(np.concatenate([x, xv]) if leak else x)
    x = scaler.transform(x).astype("float32")
    if scale_val:
        xv = scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def two_unit_softmax(kit: Kit, *, loss: str = "sparse_categorical_crossentropy",
                     dropout_on_output: bool = False, epochs: int = 20) -> Any:  # fmt: skip
    """Breast cancer (StandardScaler), Dense 32-16, Dense(2, softmax) for a binary label with
    sparse categorical CE; Adam, batch 32. Faults: binary_crossentropy on the 2-unit softmax
    with 0/1 labels (discuss.tensorflow.org/t/11073: "unexpected value of binary crossentropy
    ... with two outputs"); a Dropout(0.3) placed after the softmax output layer."""
    x, y, xv, yv = _scaled(breast_cancer())
    y, yv = y.astype("int64"), yv.astype("int64")
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((30,)), layers.Dense(32, activation="relu"),
                        layers.Dense(16, activation="relu"),
                        layers.Dense(2, activation="softmax")]  # fmt: skip
    if dropout_on_output:
        stack.append(layers.Dropout(0.3))
    model = keras.Sequential(stack)
    model.compile("adam", loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
