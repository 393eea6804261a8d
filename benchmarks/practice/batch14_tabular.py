"""Batch-14 scripts, tabular set-ups: an anomaly-detection autoencoder trained on normal rows
only, a pairwise ranking model (RankNet: one scorer shared by both items of a pair), per-
feature embeddings with `EinsumDense`, three binary tasks with missing labels under a masked
loss, a continuous target binned by an adapted `Discretization` layer into classes, and a
`BatchNormalization` first layer on raw mixed-unit columns. Each script calls `kit.fit`;
keyword options are the faults of `cases.py` (each default is the healthy script's choice);
each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, ops

from benchmarks.practice.batch14_table_data import (
    additive_effects,
    continuous_target,
    normal_and_anomalous,
    partly_labelled_tasks,
    preference_pairs,
    raw_mixed_units,
)
from benchmarks.practice.kit import Kit


def anomaly_autoencoder(kit: Kit, *, normal_label: int = 0, epochs: int = 30) -> Any:
    """Autoencoder 12-8-3-8-12 (tanh, linear output) trained on the normal training rows
    only (`x[y == 0]`), validated on normal rows; MSE; Adam(2e-3), batch 64. Fault: the
    filter written `x[y == 1]` (the anomaly flag read as "is normal"), so it learns the 6 %
    anomalies only (Stack Overflow "autoencoder anomaly detection: reconstruction error
    higher on normal data than on anomalies")."""
    x, y, xv = normal_and_anomalous()
    xt = x[y == normal_label]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(8, activation="tanh"),
                              layers.Dense(3, activation="tanh"),
                              layers.Dense(8, activation="tanh"), layers.Dense(12)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return kit.fit(model, xt, xt, probe_data=(xt, xt), epochs=epochs, batch_size=64,
                   validation_data=(xv, xv))  # fmt: skip


def ranknet(kit: Kit, *, score_activation: str | None = None, epochs: int = 15) -> Any:
    """Which of two items is preferred: one scorer (Dense 32-16 ReLU -> Dense(1)) applied to
    both inputs (a shared sub-model), `Subtract` of the two scores -> sigmoid; BCE,
    accuracy; Adam(2e-3), batch 64. Fault: the scorer's last layer given `activation="relu"`
    ("scores are non-negative"), so every item scored below 0 gets 0 and no gradient (GitHub
    "RankNet / siamese ranking loss stuck at 0.693")."""
    x, y, xv, yv = preference_pairs()
    keras.utils.set_random_seed(kit.seed)
    scorer = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                               layers.Dense(16, activation="relu"),
                               layers.Dense(1, activation=score_activation)],
                              name="scorer")  # fmt: skip
    a, b = keras.Input((10,), name="item_a"), keras.Input((10,), name="item_b")
    margin = layers.Subtract()([scorer(a), scorer(b)])
    model = keras.Model([a, b], layers.Activation("sigmoid")(margin))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def einsum_embeddings(kit: Kit, *, epochs: int = 20) -> Any:
    """Additive per-feature effects: Reshape (12, 1) -> EinsumDense("abc,bcd->abd", (12, 16),
    a weight and bias per feature) -> ReLU -> Flatten -> Dense 64 (ReLU) -> Dense(1); MSE,
    mae; Adam(2e-3), batch 64."""
    x, y, xv, yv = additive_effects()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Reshape((12, 1)),
                              layers.EinsumDense("abc,bcd->abd", (12, 16), bias_axes="bd"),
                              layers.ReLU(), layers.Flatten(),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def masked_bce(y_true: Any, y_pred: Any) -> Any:
    """Binary cross-entropy over the known (non-NaN) labels only."""
    known = ops.logical_not(ops.isnan(y_true))
    target = ops.where(known, y_true, 0.0)
    p = ops.clip(y_pred, 1e-7, 1 - 1e-7)
    loss = -(target * ops.log(p) + (1 - target) * ops.log(1 - p))
    known = ops.cast(known, "float32")
    return ops.sum(loss * known, axis=-1) / ops.maximum(ops.sum(known, axis=-1), 1.0)


def masked_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Binary accuracy over the known (non-NaN) labels only."""
    known = ops.cast(ops.logical_not(ops.isnan(y_true)), "float32")
    hit = ops.cast(ops.equal(ops.where(ops.isnan(y_true), 0.0, y_true),
                             ops.cast(y_pred > 0.5, "float32")), "float32")  # fmt: skip
    return ops.sum(hit * known, axis=-1) / ops.maximum(ops.sum(known, axis=-1), 1.0)


def missing_labels(kit: Kit, *, loss: Any = masked_bce, epochs: int = 15) -> Any:
    """Three binary tasks, 30 % of labels NaN: Dense 64-32 (ReLU) -> Dense(3, sigmoid); a
    masked BCE (`def`, known labels only) and a masked accuracy; Adam(1e-3), batch 64.
    Fault: `loss="binary_crossentropy"` (the NaN labels left in; Stack Overflow "loss is
    nan from the first epoch: NaN in the labels / missing targets")."""
    x, y, xv, yv = partly_labelled_tasks()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=[masked_accuracy])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def binned_target(kit: Kit, *, epochs: int = 20) -> Any:
    """A continuous target turned into 8 classes by `Discretization(num_bins=8)` adapted on
    the training targets (quantile bins), Dense 64-32 (ReLU) -> softmax(8); sparse CE,
    accuracy; Adam(2e-3), batch 64."""
    x, t, xv, tv = continuous_target()
    binner = layers.Discretization(num_bins=8)
    binner.adapt(t)
    y, yv = (keras.ops.convert_to_numpy(binner(v)).astype("int64") for v in (t, tv))
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(8, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def input_batchnorm(kit: Kit, *, epochs: int = 20) -> Any:
    """Raw mixed-unit customer columns (ages, incomes in 1e4..2e5, days, ratios) with a
    `BatchNormalization` first layer instead of a scaler, Dense 64-32 (ReLU) -> softmax(5);
    sparse CE, accuracy; Adam(1e-3), batch 64."""
    x, y, xv, yv = raw_mixed_units()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.BatchNormalization(),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
