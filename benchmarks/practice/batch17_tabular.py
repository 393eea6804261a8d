"""Batch-17 scripts on tables: bug patterns from public fault benchmarks and Stack Overflow,
each script written in its fixed form with the bug as a keyword option (the default is the
healthy choice). A StandardScaler MLP on breast cancer, a `keras.losses.Loss` subclass
(RMSE) on Friedman #1, median imputation of missing values, EarlyStopping on a regression,
a wide-and-deep softmax on wine. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch17_data import cancer_raw, friedman, missing_table, wine_raw
from benchmarks.practice.kit import Kit


def cancer_scaled_mlp(kit: Kit, *, scale_whole_table: bool = False, epochs: int = 20) -> Any:
    """Breast cancer: StandardScaler fitted on the training features -> Dense 32 -> Dense 16 ->
    sigmoid; binary cross-entropy, accuracy; Adam(1e-3), batch 32. Fault: the scaler fitted on
    the whole table, label column included (`df = scaler.fit_transform(df)` before splitting
    off the target; Stack Overflow "accuracy 0 / negative loss with binary_crossentropy"): the
    labels become -1.31 / 0.77."""
    x, y, xv, yv = cancer_raw()
    if scale_whole_table:
        scaler = StandardScaler().fit(np.column_stack([x, y]))
        table, table_v = (
            scaler.transform(np.column_stack([x, y])),
            scaler.transform(np.column_stack([xv, yv])),
        )
        x, y = table[:, :-1].astype("float32"), table[:, -1].astype("float32")
        xv, yv = table_v[:, :-1].astype("float32"), table_v[:, -1].astype("float32")
    else:
        scaler = StandardScaler().fit(x)
        x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


class RootMeanSquaredError(keras.losses.Loss):
    """RMSE over the batch, written as a `keras.losses.Loss` subclass."""

    def call(self, y_true: Any, y_pred: Any) -> Any:
        return ops.sqrt(ops.mean(ops.square(y_pred - y_true)))


def friedman_rmse(kit: Kit, *, column_target: bool = True, epochs: int = 25) -> Any:
    """Friedman #1 (standardised target) -> Dense 64 -> Dense 64 -> Dense(1); a hand-written
    RMSE `Loss` subclass; Adam(1e-3), batch 32. The target is reshaped to (n, 1) like the
    output. Fault: the target left 1-D (n,) (Stack Overflow / PyTorch forums "model predicts
    the mean": `y_pred - y_true` broadcasts (batch, 1) against (batch,) to (batch, batch), so
    every prediction is compared with every target)."""
    x, y, xv, yv = friedman()
    if column_target:
        y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss=RootMeanSquaredError())
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def imputed_mlp(kit: Kit, *, fill_sentinel: bool = False, epochs: int = 20) -> Any:
    """A table with 30 % missing values in its six informative columns: SimpleImputer(median)
    -> StandardScaler -> Dense 64 -> Dense 32 -> sigmoid; Adam(1e-3), batch 32. Fault:
    `fillna(-999)` (the gradient-boosting habit of a sentinel for missing values) before the
    same StandardScaler: each informative column's std becomes ~460, its real values are
    squashed into ~0.005 of a unit around one point."""
    x, y, xv, yv = missing_table()
    if fill_sentinel:
        x, xv = np.nan_to_num(x, nan=-999.0), np.nan_to_num(xv, nan=-999.0)
    else:
        imputer = SimpleImputer(strategy="median").fit(x)
        x, xv = imputer.transform(x), imputer.transform(xv)
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def friedman_early_stopping(kit: Kit, *, accuracy_monitor: bool = False, min_delta: float = 0.0,
                            epochs: int = 40) -> Any:  # fmt: skip
    """Friedman #1 (standardised target) -> Dense 64 -> Dense 64 -> Dense(1); MSE with an MAE
    metric; SGD(0.01, momentum 0.9), batch 64; EarlyStopping(monitor='val_loss', patience=5,
    restore_best_weights=True). Fault: `metrics=['accuracy']` on the regression and the
    EarlyStopping monitoring 'val_accuracy' (Stack Overflow "accuracy is 0 for my
    regression"; the callback copied from a classifier): the accuracy of continuous targets
    stays 0, so training stops `patience` epochs after the first. Fault: `min_delta=0.05`
    (meant as 5 %, read by Keras as an absolute 0.05 of the loss; Stack Overflow
    "EarlyStopping stops too early"): once an epoch gains less than 0.05 of MSE, the patience
    runs out."""
    x, y, xv, yv = friedman()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9), loss="mse",
                  metrics=["accuracy"] if accuracy_monitor else ["mae"])  # fmt: skip
    stop = keras.callbacks.EarlyStopping(
        monitor="val_accuracy" if accuracy_monitor else "val_loss", patience=5,
        min_delta=min_delta, restore_best_weights=True)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), callbacks=[stop], epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip


def wine_wide_deep(kit: Kit, *, epochs: int = 40) -> Any:
    """Wine: an adapted Normalization; deep path Dense 32 -> Dense 16 (relu), wide path the
    normalised inputs, Concatenate -> softmax(3); Adam(1e-3), batch 16."""
    x, y, xv, yv = wine_raw()
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    norm.adapt(x)
    inputs = keras.Input((13,))
    z = norm(inputs)
    deep = layers.Dense(16, activation="relu")(layers.Dense(32, activation="relu")(z))
    outputs = layers.Dense(3, activation="softmax")(layers.Concatenate()([z, deep]))
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xv, yv))  # fmt: skip
