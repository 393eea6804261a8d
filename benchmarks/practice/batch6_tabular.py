"""Batch-6 scripts, tabular and regression set-ups: string columns through Hashing /
StringLookup / Discretization in the model, validation_split with EarlyStopping
(restore_best_weights), a hand-written warm-up callback under AdamW, a Huber regression
under SGD with per-row sample weights, an energy regression with standardised targets under
AdamW, a binary digit task, and an imbalanced table with class weights. Each script calls
`kit.fit`; keyword options are the faults of `cases.py` (each default is the healthy
script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import digits_raw_flat, wine_split
from benchmarks.practice.batch5_data import rare_binary
from benchmarks.practice.batch6_data import DEVICES, energy_use, shop_visits
from benchmarks.practice.data import breast_cancer, diabetes
from benchmarks.practice.kit import Kit


def shop_hashing(kit: Kit, *, head: str = "sigmoid", epochs: int = 10) -> Any:
    """Shop visits as a dict of columns, preprocessing in the model: Hashing(64 bins, one-hot)
    on the city string, StringLookup(one-hot) on the device, Discretization + CategoryEncoding
    on age, adapted Normalization on minutes and pages; Dense 32-16, sigmoid, BCE, Adam, batch
    64, through tf.data. Fault: a tanh output with labels in {0, 1} under binary
    cross-entropy (Stack Overflow "negative loss with binary_crossentropy", "tanh last
    layer")."""
    x, y, xv, yv = shop_visits()
    keras.utils.set_random_seed(kit.seed)
    inp = {"city": keras.Input((1,), dtype="string", name="city"),
           "device": keras.Input((1,), dtype="string", name="device"),
           "age": keras.Input((1,), name="age"), "minutes": keras.Input((1,), name="minutes"),
           "pages": keras.Input((1,), name="pages")}  # fmt: skip
    city = layers.Hashing(num_bins=64, output_mode="one_hot")(inp["city"])
    device = layers.StringLookup(vocabulary=DEVICES, output_mode="one_hot")(inp["device"])
    age = layers.CategoryEncoding(6, output_mode="one_hot")(
        layers.Discretization(bin_boundaries=[25, 35, 45, 55, 65])(inp["age"]))
    norm = layers.Normalization()
    norm.adapt(np.concatenate([x["minutes"], x["pages"]], 1))
    numeric = norm(layers.Concatenate()([inp["minutes"], inp["pages"]]))
    h = layers.Concatenate()([city, device, age, numeric])
    h = layers.Dense(32, activation="relu")(h)
    h = layers.Dense(16, activation="relu")(h)
    model = keras.Model(inp, layers.Dense(1, activation=head)(h))
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed).batch(64)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def cancer_split_es(kit: Kit, *, norm: str = "feature", shuffle_x: bool = False,
                    epochs: int = 100) -> Any:  # fmt: skip
    """Breast cancer (training part only) standardised per feature, Dense 32-16 + Dropout 0.1,
    sigmoid; Adam, batch 32, validation_split 0.25, EarlyStopping(patience 10,
    restore_best_weights=True), budget 100 epochs. Faults: normalising along the wrong axis
    (each row by its own mean and std, `axis=1`: Stack Overflow "normalize along axis 0 or
    1"); the features shuffled without their labels (`np.random.shuffle(x)`, Stack Overflow
    "shuffled X but not y")."""
    x, y, _, _ = breast_cancer()
    if norm == "feature":
        x = StandardScaler().fit_transform(x).astype("float32")
    else:
        x = ((x - x.mean(1, keepdims=True)) / x.std(1, keepdims=True)).astype("float32")
    if shuffle_x:
        x = x[np.random.default_rng(kit.seed).permutation(len(x))]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,)), layers.Dense(32, activation="relu"),
                              layers.Dropout(0.1), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=10,
                                         restore_best_weights=True)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_split=0.25, callbacks=[stop])  # fmt: skip


class WarmUp(keras.callbacks.Callback):
    """A hand-written per-batch warm-up: the rate rises linearly to `peak` over `warm` steps
    and stays there. The faulty form multiplies by `decay` every step (meant per epoch)."""

    def __init__(self, peak: float, warm: int, decay: float | None = None) -> None:
        super().__init__()
        self.peak, self.warm, self.decay, self.step = peak, warm, decay, 0

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        if self.decay is None:
            rate = self.peak * min(1.0, (self.step + 1) / self.warm)
        else:
            rate = self.peak * self.decay ** self.step
        self.model.optimizer.learning_rate.assign(rate)
        self.step += 1


def wine_warmup(kit: Kit, *, optimizer: str = "adamw", decay: float | None = None,
                epochs: int = 40) -> Any:  # fmt: skip
    """Wine (StandardScaler), Dense 32-16, softmax; AdamW(weight_decay 1e-4) with the WarmUp
    callback (peak 3e-3 over 2 epochs), batch 16. Faults: the schedule's factor 0.5 applied
    every *step* (rate ~0 within the first epoch; Stack Overflow "my LR scheduler makes the
    loss freeze"); `optimizer="adadelta"` with its Keras default rate 0.001 (Keras docs / Stack
    Overflow "Adadelta not learning": the paper's 1.0)."""
    x, y, xv, yv = wine_split()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((13,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    opt = keras.optimizers.AdamW(3e-3, weight_decay=1e-4) if optimizer == "adamw" else optimizer
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    callbacks = [WarmUp(3e-3, 2 * int(np.ceil(len(y) / 16)), decay)] \
        if optimizer == "adamw" else []  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv), callbacks=callbacks)  # fmt: skip


def diabetes_huber(kit: Kit, *, normalise_weights: bool = False, clipvalue: float | None = None,
                   epochs: int = 30) -> Any:  # fmt: skip
    """Diabetes (features StandardScaler, targets standardised), Dense 64-32 ReLU, linear
    output, Huber(1.0), SGD(0.01, momentum 0.9), batch 16; sample_weight 1.2 for one sex,
    0.8 for the other. Faults: the weights normalised to sum to 1 (each ~0.003: Stack Overflow
    "sample_weight normalised, model does not learn"); `clipvalue=1e-4` (meant `clipnorm=1`;
    GitHub issues on clipping "freezing" training)."""
    x, y, xv, yv = diabetes()
    weights = np.where(x[:, 1] > 0, 1.2, 0.8).astype("float32")
    if normalise_weights:
        weights = weights / weights.sum()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.01, momentum=0.9, clipvalue=clipvalue),
                  keras.losses.Huber(1.0), metrics=["mae"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y, weights), sample_weight=weights,
                   batch_size=16, epochs=epochs, validation_data=(xv, yv))  # fmt: skip


def energy_regression(kit: Kit, *, scale_target: bool = True, epochs: int = 40) -> Any:
    """Energy use (kWh) from 6 raw building columns: StandardScaler on the features, the
    target standardised with the training mean / std; Dense 64-64, linear output, MSE + mae,
    AdamW(1e-3, weight_decay 1e-4), batch 32, EarlyStopping(patience 8,
    restore_best_weights=True). Fault: the target left in kWh (1500..12 000; Stack Overflow
    "huge MSE loss in regression, not decreasing")."""
    x, y, xv, yv = energy_use()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    if scale_target:
        mean, std = y.mean(), y.std()
        y, yv = (y - mean) / std, (yv - mean) / std
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.AdamW(1e-3, weight_decay=1e-4), "mse", metrics=["mae"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=8,
                                         restore_best_weights=True)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv), callbacks=[stop])  # fmt: skip


def even_odd(kit: Kit, *, label_offset: int = 0, epochs: int = 15) -> Any:
    """Digits / 16, "is the digit even" as a 0/1 label; Dense(64) ReLU, sigmoid, RMSprop(1e-3),
    binary_crossentropy, batch 32, validation_split 0.2. Fault: the labels coded 1/2 (from a
    CSV that counts classes from 1: Stack Overflow "binary_crossentropy negative loss,
    labels not 0/1")."""
    x, y, _, _ = digits_raw_flat()
    x = x / 16.0
    y = (y % 2 == 0).astype("float32") + label_offset
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.RMSprop(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_split=0.2)  # fmt: skip


def rare_weighted(kit: Kit, *, inverted: bool = False, epochs: int = 15) -> Any:
    """15 % positives (StandardScaler), Dense 32-16, sigmoid; Adam, batch 64, AUC;
    class_weight n / (2 n_c). Fault: the weights swapped between the classes (the minority
    weighs less: Stack Overflow "class_weight makes it worse", weights given as n_c / n)."""
    x, y, xv, yv = rare_binary()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    counts = np.bincount(y)
    weights = len(y) / (2 * counts)
    if inverted:
        weights = weights[::-1]
    class_weight = {0: float(weights[0]), 1: float(weights[1])}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, batch_size=64,
                   epochs=epochs, validation_data=(xv, yv))  # fmt: skip
