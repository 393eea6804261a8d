"""Batch-8 scripts, tabular set-ups: a hinge-loss (SVM-style) net with -1/+1 labels and a
tanh output, IntegerLookup one-hot encoding of integer-coded categorical columns next to an
adapted Normalization, a PReLU / LeakyReLU MLP under Adamax with a LearningRateScheduler,
SGD nesterov under PolynomialDecay, string labels encoded with pandas under label smoothing
with Precision / Recall, a mean + log-variance head under a hand-written Gaussian negative
log-likelihood, and unit direction vectors under the CosineSimilarity loss. Each script calls
`kit.fit`; keyword options are the faults of `cases.py` (each default is the healthy
script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pandas as pd
from keras import layers, ops

from benchmarks.practice.batch8_data import (
    coded_orders,
    customers_yes_no,
    four_class_table,
    noisy_variance,
    quantile_classes,
    svm_table,
    wind_directions,
)
from benchmarks.practice.kit import Kit


def sign_accuracy(y_true: Any, y_pred: Any) -> Any:
    return ops.mean(ops.cast(ops.equal(ops.sign(y_pred), ops.sign(y_true)), "float32"))


def hinge_svm(kit: Kit, *, head: str = "tanh", epochs: int = 20) -> Any:
    """Labels -1 / +1 and the hinge loss (a neural SVM): Dense 32-16 (ReLU), Dense(1, tanh),
    `loss="hinge"`, a sign-agreement accuracy; Adam(1e-3), batch 32; targets as a column.
    Fault: a sigmoid output kept from the usual binary template while the labels are -1 / +1
    under the hinge loss (Stack Overflow "hinge loss keras accuracy 50 %, output sigmoid or
    tanh?"): the output can never be negative."""
    x, y, xv, yv = svm_table()
    y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "hinge", metrics=[sign_accuracy])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def coded_orders_model(kit: Kit, *, raw_codes: bool = False, epochs: int = 15) -> Any:
    """Repeat orders from a region code (101..160), a category code (100..1200), basket value
    and items: four named inputs; IntegerLookup(output_mode="one_hot") adapted on the training
    codes for the two categorical columns, an adapted Normalization on the two numbers,
    Concatenate, Dense 32 (ReLU), Dense(1, sigmoid); binary CE, Adam(2e-3), batch 32. Fault:
    the two code columns concatenated as numbers straight into the Dense layer (DeepFD /
    Stack Overflow "categorical feature as integer into neural network": ids read as
    magnitudes)."""
    x, y, xv, yv = coded_orders()
    code_type = "float32" if raw_codes else "int64"
    x = {k: v.reshape(-1, 1).astype(code_type if k in ("region", "category") else "float32")
         for k, v in x.items()}  # fmt: skip
    xv = {k: v.reshape(-1, 1).astype(code_type if k in ("region", "category") else "float32")
          for k, v in xv.items()}  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    inputs = {"region": keras.Input((1,), name="region", dtype=code_type),
              "category": keras.Input((1,), name="category", dtype=code_type),
              "value": keras.Input((1,), name="value"),
              "items": keras.Input((1,), name="items")}  # fmt: skip
    norm = layers.Normalization()
    norm.adapt(np.column_stack([x["value"], x["items"]]))
    parts = [norm(layers.Concatenate()([inputs["value"], inputs["items"]]))]
    for column in ("region", "category"):
        if raw_codes:
            parts.append(inputs[column])
        else:
            lookup = layers.IntegerLookup(output_mode="one_hot", name=f"{column}_onehot")
            lookup.adapt(x[column])
            parts.append(lookup(inputs[column]))
    hidden = layers.Dense(32, activation="relu")(layers.Concatenate()(parts))
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def prelu_adamax(kit: Kit, *, factor_every_epoch: float | None = None, epochs: int = 20) -> Any:
    """Three nested Gaussian shells in 8 dimensions: Dense 64 + PReLU, Dense 64 +
    LeakyReLU(0.1), softmax; Adamax(3e-3) with a `LearningRateScheduler` halving the rate
    every 8 epochs; batch 32. Fault: the scheduler's function returns `lr * 0.1` at every
    epoch (meant every 10 epochs), so the rate is 3e-8 by epoch 5 (Stack Overflow "loss stops
    decreasing after a few epochs with LearningRateScheduler")."""
    x, y, xv, yv = quantile_classes()

    def schedule(epoch: int, lr: float) -> float:
        if factor_every_epoch is not None:
            return lr * factor_every_epoch
        return lr * 0.5 if epoch and epoch % 8 == 0 else lr

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(64), layers.PReLU(),
                              layers.Dense(64), layers.LeakyReLU(negative_slope=0.1),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adamax(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv),
                   callbacks=[keras.callbacks.LearningRateScheduler(schedule)])  # fmt: skip


def sgd_polynomial(kit: Kit, *, epochs: int = 20) -> Any:
    """A 4-class table: Dense 64-32 (ReLU), softmax; SGD(momentum 0.9, nesterov) under
    PolynomialDecay(0.05 -> 1e-4, power 2, over all the steps); batch 32. Healthy only."""
    x, y, xv, yv = four_class_table()
    steps = epochs * int(np.ceil(len(x) / 32))
    rate = keras.optimizers.schedules.PolynomialDecay(0.05, steps, end_learning_rate=1e-4,
                                                      power=2.0)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(rate, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def churn_strings(kit: Kit, *, encode_val_separately: bool = False, epochs: int = 20) -> Any:
    """Churn labels stored as "yes" / "no": `pd.factorize` on the training labels, the same
    categories applied to the validation labels (`uniques.get_indexer`); Dense 32 (ReLU),
    Dropout 0.2, Dense 16 (ReLU), Dense(1, sigmoid); BinaryCrossentropy(label_smoothing=0.05),
    metrics accuracy, Precision, Recall; Adam, batch 32. Fault: `pd.factorize` called again on
    the validation labels, whose first row is a "no", so the two parts code the classes the
    other way round (Stack Overflow "LabelEncoder fitted separately on train and test:
    validation accuracy = 1 - expected"). No Watch problem fits (expect empty)."""
    x, labels, xv, labels_v = customers_yes_no()
    y, uniques = pd.factorize(pd.Series(labels))
    yv = (pd.factorize(pd.Series(labels_v))[0] if encode_val_separately
          else uniques.get_indexer(labels_v))  # fmt: skip
    y, yv = y.astype("float32"), yv.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(32, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.BinaryCrossentropy(label_smoothing=0.05),
                  metrics=["accuracy", keras.metrics.Precision(), keras.metrics.Recall()])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def gaussian_nll(variance: str) -> Any:
    """Negative log-likelihood of y under N(mean, variance) from a 2-column output: column 1
    is the log-variance (healthy) or, in the fault, the variance itself."""

    def loss(y_true: Any, out: Any) -> Any:
        mean, second = out[:, :1], out[:, 1:]
        if variance == "log":
            return ops.mean(0.5 * (second + ops.square(y_true - mean) * ops.exp(-second)))
        return ops.mean(0.5 * (ops.log(second) + ops.square(y_true - mean) / second))

    return loss


def mean_error(y_true: Any, out: Any) -> Any:
    return ops.mean(ops.abs(y_true - out[:, :1]))


def mean_variance(kit: Kit, *, variance: str = "log", epochs: int = 25) -> Any:
    """A target whose noise depends on the inputs: Dense 64-64 (ReLU), Dense(2) linear (mean
    and log-variance), a hand-written Gaussian negative log-likelihood, metric MAE of the mean
    column; Adam(1e-3), batch 64, targets as a column. Fault: the second column used as the
    variance itself, `log(var)` and `/ var` on a linear output that can be <= 0 (Stack
    Overflow "NLL loss nan when predicting variance": no softplus / exp)."""
    x, y, xv, yv = noisy_variance()
    y, yv = y.reshape(-1, 1), yv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(2)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), gaussian_nll(variance), metrics=[mean_error])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def wind_direction(kit: Kit, *, epochs: int = 20) -> Any:
    """A wind direction (3-D unit vector) from 6 sensor features: Dense 64-64 (ReLU),
    Dense(3), UnitNormalization; `CosineSimilarity` loss (-1 is perfect), metric MSE;
    Adam(1e-3), batch 32. Healthy only."""
    x, y, xv, yv = wind_directions()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(3),
                              layers.UnitNormalization()])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.CosineSimilarity(), metrics=["mse"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
