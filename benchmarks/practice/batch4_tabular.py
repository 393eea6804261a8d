"""Batch-4 scripts, tabular and regression set-ups: a tf.data pipeline on 20 000 rows,
validation_split on 27 000 rows, ModelCheckpoint + EarlyStopping(restore_best_weights),
keras preprocessing on a structured table (StringLookup, CategoryEncoding, Discretization,
Normalization), Huber / MAE / log-cosh / Poisson regressions, ordinal (cumulative) targets
with L1L2 and MaxNorm, class_weight with AdamW, inverse-variance sample weights, a
mixed_float16 policy, a subclassed model on 240 rows, schedules (InverseTimeDecay,
PiecewiseConstantDecay, a LearningRateScheduler callback). Each script calls `kit.fit`;
keyword options are the faults of `cases.py` (each default is the healthy script's choice).
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

from benchmarks.practice.batch3_data import digits_raw_flat
from benchmarks.practice.batch4_data import (
    churn_table,
    counts,
    five_classes_large,
    four_classes_small,
    fraud,
    friedman3,
    heteroscedastic,
    houses,
    ordinal_levels,
    sensors,
    seven_classes_large,
    tiny_table,
)
from benchmarks.practice.kit import Kit

PKG = "practice4"


def _scaled(split: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    x, y, xv, yv = split
    scaler = StandardScaler().fit(x)
    return scaler.transform(x).astype("float32"), y, scaler.transform(xv).astype("float32"), yv


def tfdata_large(kit: Kit, *, loss: str = "categorical_crossentropy", epochs: int = 4) -> Any:
    """20 000 rows, 5 classes, one-hot labels; tf.data from_tensor_slices -> shuffle(10 000)
    -> batch(128) -> prefetch; a validation dataset. Fault: binary_crossentropy on the
    5-class one-hot target (the "accuracy" then reads as binary accuracy)."""
    x, y, xv, yv = _scaled(five_classes_large())
    y1, yv1 = keras.utils.to_categorical(y, 5), keras.utils.to_categorical(yv, 5)
    keras.utils.set_random_seed(kit.seed)
    train = (tf.data.Dataset.from_tensor_slices((x, y1)).shuffle(10_000, seed=kit.seed)
             .batch(128).prefetch(tf.data.AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv1)).batch(512).prefetch(tf.data.AUTOTUNE)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    return kit.fit(model, train, probe_data=(x, y1), epochs=epochs, validation_data=val)


def large_split(kit: Kit, *, batch_size: int = 256, epochs: int = 5) -> Any:
    """30 000 rows, 7 classes, StandardScaler on everything, validation_split=0.1, batch 256,
    Adam. Fault: batch_size = the whole training part (27 000): 5 steps in all."""
    x, y = seven_classes_large()
    x = StandardScaler().fit_transform(x).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(7, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x[:27000], y[:27000]), batch_size=batch_size,
                   epochs=epochs, validation_split=0.1)  # fmt: skip


def checkpoint_split(kit: Kit, *, sort_by_label: bool = False, epochs: int = 80) -> Any:
    """800 rows, 4 classes, StandardScaler, validation_split=0.2, ModelCheckpoint(best
    only, to a temporary directory) + EarlyStopping(patience 12, restore_best_weights).
    Fault: the rows come grouped by class (as exported by a query with ORDER BY label), so
    validation_split's last 20 % is one class the training part barely has."""
    x, y = four_classes_small()
    if sort_by_label:
        order = np.argsort(y, kind="stable")
        x, y = x[order], y[order]
    x = StandardScaler().fit_transform(x).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    folder = Path(tempfile.mkdtemp(prefix="practice4-ckpt-"))
    callbacks = [
        keras.callbacks.ModelCheckpoint(str(folder / "best.keras"), monitor="val_loss",
                                        save_best_only=True),
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=12,
                                      restore_best_weights=True),
    ]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_split=0.2, callbacks=callbacks)  # fmt: skip


def churn_preprocessing(kit: Kit, *, head: str | None = "sigmoid", epochs: int = 15) -> Any:
    """A customer table as a dict of columns, preprocessing inside the model: StringLookup +
    CategoryEncoding (city), CategoryEncoding (plan 0..3), Discretization (age bands),
    adapted Normalization (spend, tenure); sigmoid head, binary_crossentropy, AUC.
    Fault: the output Dense(1) left without its sigmoid (binary CE then reads raw scores as
    probabilities)."""
    x, y, xv, yv = churn_table()

    def columns(t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {k: v.reshape(-1, 1) for k, v in t.items()}

    x, xv = columns(x), columns(xv)
    keras.utils.set_random_seed(kit.seed)
    city_in = keras.Input((1,), dtype="string", name="city")
    plan_in = keras.Input((1,), dtype="int64", name="plan")
    age_in = keras.Input((1,), name="age")
    spend_in = keras.Input((1,), name="monthly_spend")
    tenure_in = keras.Input((1,), name="tenure")
    lookup = layers.StringLookup()
    lookup.adapt(x["city"])
    city = layers.CategoryEncoding(lookup.vocabulary_size(), output_mode="one_hot")(
        lookup(city_in))
    plan = layers.CategoryEncoding(4, output_mode="one_hot")(plan_in)
    age = layers.CategoryEncoding(7, output_mode="one_hot")(
        layers.Discretization(bin_boundaries=[25, 32, 40, 50, 60, 70])(age_in))
    norm = layers.Normalization()
    numeric = layers.Concatenate()([spend_in, tenure_in])
    norm.adapt(np.concatenate([x["monthly_spend"], x["tenure"]], 1))
    h = layers.Concatenate()([city, plan, age, norm(numeric)])
    h = layers.Dense(32, activation="relu")(h)
    h = layers.Dense(16, activation="relu")(h)
    out = layers.Dense(1, activation=head)(h)
    inputs = {"city": city_in, "plan": plan_in, "age": age_in, "monthly_spend": spend_in,
              "tenure": tenure_in}  # fmt: skip
    model = keras.Model(inputs, out)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    # string columns: Keras 3 takes them through tf.data (as keras-io's structured examples)
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed).batch(32)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def huber_prices(kit: Kit, *, head: str | None = None, unit: float = 1e5,
                 epochs: int = 30) -> Any:  # fmt: skip
    """House prices: StandardScaler features, target in units of 100 000 $ (0.8 .. 9),
    Huber(delta 1.0), mae. Faults: a softmax on the one output unit ("the examples all had
    softmax"); the target left in dollars (unit 1)."""
    x, y, xv, yv = _scaled(houses())
    y, yv = y / unit, yv / unit
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((5,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def mae_friedman(kit: Kit, *, shuffle_targets: bool = False, epochs: int = 40) -> Any:
    """Friedman #3, StandardScaler, loss 'mae', Adam. Fault: the targets shuffled on their
    own (a re-ordered target column joined back by position): nothing to learn."""
    x, y, xv, yv = _scaled(friedman3())
    if shuffle_targets:
        y = np.random.default_rng(0).permutation(y)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mae")
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def logcosh_sensors(kit: Kit, *, adapt: bool = True, glitch_in_stats: bool = False,
                    epochs: int = 40) -> Any:  # fmt: skip
    """Raw sensor readings through an adapted Normalization layer, log-cosh loss (the
    target's noise is heavy-tailed), mae. Faults: the layer adapted on the raw dump with its
    glitch rows (1e6 in every column) dropped only afterwards; the layer never adapted."""
    x, y, xv, yv, glitch = sensors()
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    if adapt:
        norm.adapt(np.concatenate([x, glitch]) if glitch_in_stats else x)
    model = keras.Sequential([keras.Input((6,)), norm, layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "log_cosh", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def poisson_counts(kit: Kit, *, head: str | None = "exponential", epochs: int = 25) -> Any:
    """Count targets: exponential output, Poisson loss, Adam. Fault: a linear output (the
    Poisson loss takes log of the prediction: negative rates)."""
    x, y, xv, yv = counts()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "poisson", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def ordinal_cumulative(kit: Kit, *, epochs: int = 30) -> Any:
    """4 ordered levels as 3 cumulative binary targets (level > k), 3 sigmoid outputs,
    binary CE; L1L2(1e-5, 1e-4) kernels with MaxNorm(3) constraints."""
    x, y, xv, yv = _scaled(ordinal_levels())
    cum, cum_v = (y[:, None] > np.arange(3)).astype("float32"), \
        (yv[:, None] > np.arange(3)).astype("float32")  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    reg = keras.regularizers.L1L2(l1=1e-5, l2=1e-4)
    model = keras.Sequential([
        keras.Input((10,)),
        layers.Dense(64, activation="relu", kernel_regularizer=reg,
                     kernel_constraint=keras.constraints.MaxNorm(3)),
        layers.Dense(32, activation="relu", kernel_regularizer=reg,
                     kernel_constraint=keras.constraints.MaxNorm(3)),
        layers.Dense(3, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy",
                  metrics=["binary_accuracy"])  # fmt: skip
    return kit.fit(model, x, cum, probe_data=(x, cum), batch_size=32, epochs=epochs,
                   validation_data=(xv, cum_v))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class ScaledHeUniform(keras.initializers.Initializer):
    """he_uniform times a factor (a hand-written initializer)."""

    def __init__(self, factor: float = 1.0, seed: int | None = None) -> None:
        self.factor, self.seed = factor, seed

    def __call__(self, shape, dtype=None):  # type: ignore[no-untyped-def]
        return self.factor * keras.initializers.HeUniform(seed=self.seed)(shape, dtype)

    def get_config(self) -> dict[str, Any]:
        return {"factor": self.factor, "seed": self.seed}


def fraud_class_weight(kit: Kit, *, init_factor: float = 1.0, epochs: int = 20) -> Any:
    """5 % positives, class_weight from sklearn's compute_class_weight('balanced'), ReLU MLP
    with he_uniform kernels, AdamW(1e-3, weight_decay 1e-4), AUC. Fault: the initializer
    written by hand with its factor 100 (meant for a test)."""
    x, y, xv, yv = _scaled(fraud())
    weights = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    class_weight = {0: float(weights[0]), 1: float(weights[1])}
    keras.utils.set_random_seed(kit.seed)
    init = ScaledHeUniform(init_factor, seed=kit.seed)
    model = keras.Sequential([keras.Input((16,)),
                              layers.Dense(64, activation="relu", kernel_initializer=init),
                              layers.Dense(32, activation="relu", kernel_initializer=init),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.AdamW(1e-3, weight_decay=1e-4), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, batch_size=64,
                   epochs=epochs, validation_data=(xv, yv))  # fmt: skip


def inverse_variance(kit: Kit, *, epochs: int = 25) -> Any:
    """Heteroscedastic regression: sample_weight = 1 / known noise variance (normalised to
    mean 1), MSE, Adam, batch 32."""
    x, y, xv, yv, var = heteroscedastic()
    weights = (1.0 / var) / np.mean(1.0 / var)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((5,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y, weights), sample_weight=weights,
                   batch_size=32, epochs=epochs, validation_data=(xv, yv))  # fmt: skip


def mixed_float16(kit: Kit, *, epochs: int = 4) -> Any:
    """keras.mixed_precision 'mixed_float16' (set, then reset afterwards), 20 000 rows, 5
    classes, the softmax in float32 as the guide says; Adam (loss scaling by Keras)."""
    x, y, xv, yv = _scaled(five_classes_large())
    keras.utils.set_random_seed(kit.seed)
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        model = keras.Sequential([keras.Input((20,)), layers.Dense(256, activation="relu"),
                                  layers.Dense(128, activation="relu"), layers.Dense(5),
                                  layers.Activation("softmax", dtype="float32")])  # fmt: skip
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        return kit.fit(model, x, y, probe_data=(x, y), batch_size=128, epochs=epochs,
                       validation_data=(xv, yv))  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy("float32")


class SmallNet(keras.Model):
    """A subclassed classifier (no get_config: as most people write one): GaussianNoise and
    Dropout only when training=True, two Dense layers, sigmoid head."""

    def __init__(self) -> None:
        super().__init__()
        self.noise = layers.GaussianNoise(0.1)
        self.d1 = layers.Dense(32, activation="relu")
        self.drop = layers.Dropout(0.3)
        self.d2 = layers.Dense(16, activation="relu")
        self.out = layers.Dense(1, activation="sigmoid")

    def call(self, inputs, training=False):  # type: ignore[no-untyped-def]
        h = self.noise(inputs, training=training)
        h = self.drop(self.d1(h), training=training)
        return self.out(self.d2(h))


def tiny_subclass(kit: Kit, *, epochs: int = 60) -> Any:
    """300 rows (240 to train): the subclassed SmallNet, Adam(1e-3), batch 16, 60 epochs."""
    x, y, xv, yv = _scaled(tiny_table())
    keras.utils.set_random_seed(kit.seed)
    model = SmallNet()
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def adagrad_schedule(kit: Kit, *, schedule: str = "inverse_time", epochs: int = 20) -> Any:
    """digits / 16, MLP 128-64, Adagrad under InverseTimeDecay(0.05, one decay per epoch,
    rate 0.5), batch 32. Fault: ExponentialDecay(0.05, decay_steps=epochs, decay_rate=0.01)
    meant as "to 1 % over the run", but decay_steps counts batches: the rate is ~1e-7 by the
    end of the first epoch."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    steps = math.ceil(len(x) / 32)
    if schedule == "inverse_time":
        lr: Any = keras.optimizers.schedules.InverseTimeDecay(0.05, decay_steps=steps,
                                                              decay_rate=0.5)
    else:
        lr = keras.optimizers.schedules.ExponentialDecay(0.05, decay_steps=epochs,
                                                         decay_rate=0.01)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adagrad(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def nesterov_step_decay(kit: Kit, *, base_lr: float = 0.05, epochs: int = 15) -> Any:
    """digits / 16, MLP 256-128, SGD(momentum 0.9, nesterov) with a LearningRateScheduler
    callback (halve every 5 epochs) and TerminateOnNaN, batch 64. Fault: base_lr 5.0 (a
    typo for 0.05)."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(256, activation="relu"),
                              layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(base_lr, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip

    def step_decay(epoch: int, lr: float) -> float:
        return base_lr * 0.5 ** (epoch // 5)

    callbacks = [keras.callbacks.LearningRateScheduler(step_decay),
                 keras.callbacks.TerminateOnNaN()]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv), callbacks=callbacks)  # fmt: skip


def tanh_piecewise(kit: Kit, *, depth: int = 2, epochs: int = 20) -> Any:
    """digits / 16, `depth` tanh Dense(64) layers (glorot), SGD(momentum 0.9) under
    PiecewiseConstantDecay (0.05 -> 0.02 -> 0.005 at epochs 8 and 16), batch 32. Fault: a
    deep stack (14 tanh layers) without any normalisation."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    steps = math.ceil(len(x) / 32)
    lr = keras.optimizers.schedules.PiecewiseConstantDecay([8 * steps, 16 * steps],
                                                           [0.05, 0.02, 0.005])
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))]
                             + [layers.Dense(64, activation="tanh") for _ in range(depth)]
                             + [layers.Dense(10, activation="softmax")])
    model.compile(keras.optimizers.SGD(lr, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
