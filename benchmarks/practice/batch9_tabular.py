"""Batch-9 scripts, tabular set-ups: named inputs with one Normalization per number and a
StringLookup on a district name (Huber loss), a tf.data pipeline of named columns through
Discretization / Hashing / Normalization, Poisson counts through tf.data with an exponential
output, LogCosh under ReduceLROnPlateau with a plain-`def` R^2 metric, annotator vote shares
under KLDivergence, -1/+1 labels under SquaredHinge, an exposure-weighted frequency
(`sample_weight`), and positive demand under MAPE. Each script calls `kit.fit`; keyword
options are the faults of `cases.py` (each default is the healthy script's choice); each
docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch9_data import (
    claim_counts,
    daily_demand,
    exposure_claims,
    friedman,
    houses,
    policies,
    svm_signs,
    vote_counts,
)
from benchmarks.practice.kit import Kit


def r_squared(y_true: Any, y_pred: Any) -> Any:
    residual = ops.sum(ops.square(y_true - y_pred))
    total = ops.sum(ops.square(y_true - ops.mean(y_true)))
    return 1.0 - residual / (total + 1e-7)


def house_prices(kit: Kit, *, normalize_area: bool = True, epochs: int = 20) -> Any:
    """Four named `keras.Input`s (rooms, area, age, district): an adapted Normalization per
    number, StringLookup(output_mode="one_hot") on the district, Concatenate, Dense 64-32
    (ReLU), Dense(1); Huber loss, metrics MAE and a `def` R^2; Adam(1e-3), batch 32, dict
    inputs (the district column as a `tf.constant`: Keras' array adapter refuses NumPy
    strings). Fault: the area column (square feet, 400..4000) added later and concatenated
    without its Normalization (Stack Overflow "added a new feature and the loss went
    crazy / NaN": one named input left unscaled)."""
    x, y, xv, yv = houses()
    x = {**x, "district": tf.constant(x["district"])}
    xv = {**xv, "district": tf.constant(xv["district"])}
    keras.utils.set_random_seed(kit.seed)
    inputs = {k: keras.Input((1,), name=k, dtype="string" if k == "district" else "float32")
              for k in x}  # fmt: skip
    parts = []
    for name in ("rooms", "area", "age"):
        if name == "area" and not normalize_area:
            parts.append(inputs[name])
            continue
        norm = layers.Normalization(name=f"{name}_norm")
        norm.adapt(x[name])
        parts.append(norm(inputs[name]))
    lookup = layers.StringLookup(output_mode="one_hot", name="district_onehot")
    lookup.adapt(houses()[0]["district"])
    parts.append(lookup(inputs["district"]))
    h = layers.Dense(64, activation="relu")(layers.Concatenate()(parts))
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(),
                  metrics=["mae", r_squared])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def policy_claims(kit: Kit, *, learning_rate: float = 1e-3, epochs: int = 15) -> Any:
    """Named columns through tf.data (`from_tensor_slices((dict, y)).shuffle.batch.prefetch`):
    Discretization of age into bands with CategoryEncoding(one_hot), Hashing(64 bins, one_hot)
    on the occupation string, an adapted Normalization on BMI; Dense 32 (ReLU), Dropout 0.2,
    Dense(1, sigmoid); binary CE, accuracy and AUC; Adam, batch 64. Fault: Adam(0.3), "3e-1"
    typed for "3e-4" (Stack Overflow "loss stuck at 0.69 / accuracy constant": too high a
    learning rate)."""
    x, y, xv, yv = policies()
    keras.utils.set_random_seed(kit.seed)
    inputs = {"age": keras.Input((1,), name="age"),
              "occupation": keras.Input((1,), name="occupation", dtype="string"),
              "bmi": keras.Input((1,), name="bmi")}  # fmt: skip
    bands = layers.Discretization(bin_boundaries=[25.0, 35.0, 50.0, 65.0])(inputs["age"])
    age = layers.CategoryEncoding(num_tokens=5, output_mode="one_hot")(bands)
    occupation = layers.Hashing(num_bins=64, output_mode="one_hot")(inputs["occupation"])
    norm = layers.Normalization()
    norm.adapt(x["bmi"])
    h = layers.Concatenate()([age, occupation, norm(inputs["bmi"])])
    h = layers.Dropout(0.2)(layers.Dense(32, activation="relu")(h))
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(learning_rate), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed)
             .batch(64).prefetch(tf.data.AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def poisson_counts(kit: Kit, *, head: str | None = "exponential", epochs: int = 15) -> Any:
    """Claim counts through tf.data: Dense 32-32 (ReLU), Dense(1, activation="exponential"),
    `keras.losses.Poisson()`, metric MAE; Adam(1e-3), batch 64. Fault: the output left linear
    (the regression template) under the Poisson loss (GitHub / Stack Overflow "Poisson loss
    is nan": log of a negative prediction)."""
    x, y, xv, yv = claim_counts()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Poisson(), metrics=["mae"])
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(4096, seed=kit.seed).batch(64)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def logcosh_plateau(kit: Kit, *, plateau_mode: str = "min", epochs: int = 25) -> Any:
    """Friedman #1: Dense 64-64 (ReLU), Dense(1); LogCosh loss, metrics MAE and a `def` R^2;
    Adam(2e-3), batch 32; ReduceLROnPlateau(val_loss, factor 0.2, patience 2, min_lr 1e-5).
    Fault: `mode="max"` copied from a callback that watched val_accuracy (Stack Overflow
    "ReduceLROnPlateau reduces the learning rate although the loss improves"): every
    improvement counts as a plateau, so the rate falls five-fold every 3 epochs."""
    x, y, xv, yv = friedman()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.LogCosh(),
                  metrics=["mae", r_squared])  # fmt: skip
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=2,
                                                mode=plateau_mode, min_lr=1e-5 if plateau_mode
                                                == "min" else 0.0)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv), callbacks=[plateau])  # fmt: skip


def vote_shares(kit: Kit, *, targets: str = "shares", epochs: int = 20) -> Any:
    """Soft labels from 5 annotators: the vote counts divided by 5; Dense 64-32 (ReLU),
    softmax over 4; `keras.losses.KLDivergence()`, metric categorical accuracy; Adam(1e-3),
    batch 32. Fault: the raw vote counts (0..5) as targets (Stack Overflow "KL divergence
    loss negative / not decreasing": targets are no distribution)."""
    x, counts, xv, counts_v = vote_counts()
    y, yv = (counts / 5.0, counts_v / 5.0) if targets == "shares" else (counts, counts_v)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.KLDivergence(),
                  metrics=["categorical_accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def squared_hinge(kit: Kit, *, epochs: int = 15) -> Any:
    """Labels -1 / +1 as a column, Dense 64 (ReLU), Dropout 0.3, Dense(1, tanh),
    `keras.losses.SquaredHinge()`, metric a `def` sign accuracy; RMSprop(1e-3), batch 32.
    Healthy only."""
    x, y, xv, yv = svm_signs()

    def sign_match(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.cast(ops.equal(ops.sign(y_true), ops.sign(y_pred)), "float32"))

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.3), layers.Dense(1, activation="tanh")])  # fmt: skip
    model.compile(keras.optimizers.RMSprop(1e-3), keras.losses.SquaredHinge(),
                  metrics=[sign_match])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def exposure_weighted(kit: Kit, *, weights: str = "exposure", epochs: int = 15) -> Any:
    """Claim frequency per policy-year, each row weighted by its exposure
    (`sample_weight=exposure`, the actuarial habit); Dense 32-32 (ReLU), Dense(1, softplus);
    MSE, metric MAE; Adam(1e-3), batch 64. Fault: weights `1 / exposure` (a variance weight
    turned the wrong way round), infinite for the policies cancelled on day one (Stack
    Overflow "loss becomes nan with sample_weight")."""
    x, y, exposure, xv, yv, exposure_v = exposure_claims()
    if weights == "exposure":
        w, wv = exposure, exposure_v
    else:
        with np.errstate(divide="ignore"):
            w, wv = (1.0 / exposure).astype("float32"), (1.0 / exposure_v).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation="softplus")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), sample_weight=w, batch_size=64,
                   epochs=epochs, validation_data=(xv, yv, wv))  # fmt: skip


def demand_mape(kit: Kit, *, standardise_target: bool = False, epochs: int = 20) -> Any:
    """Daily units sold (20..400): Dense 64-32 (ReLU), Dense(1, softplus) with its bias
    started at log(e^120 - 1) ~ 120; `keras.losses.MeanAbsolutePercentageError()`, metric MAE;
    Adam(1e-2), batch 32. Fault: the target standardised out of habit (mean 0) while the loss
    stays MAPE and the head softplus (Stack Overflow "MAPE loss huge / stuck at 100"): targets
    near 0 blow the percentages up and negative targets cannot be met."""
    x, y, xv, yv = daily_demand()
    if standardise_target:
        mean, std = y.mean(), y.std()
        y, yv = (y - mean) / std, (yv - mean) / std
    keras.utils.set_random_seed(kit.seed)
    start = keras.initializers.Constant(120.0)
    model = keras.Sequential([keras.Input((7,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, "softplus", bias_initializer=start)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-2), keras.losses.MeanAbsolutePercentageError(),
                  metrics=["mae"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
