"""Batch-15 scripts, tables: Keras-2-era Stack Overflow / blog scripts ported to Keras 3.
`Sequential()` grown with `model.add(...)`, `keras.utils.to_categorical` labels, separate
`Activation` layers, string initialisers ("uniform", "normal"), optimizers built with a
learning rate, `validation_split`, and Keras 2's `SGD(lr, decay)` ported as an
`InverseTimeDecay`. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); each docstring names the kind of
public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers, regularizers

from benchmarks.practice.batch15_data import (
    blobs,
    cancer,
    moons,
    pima_like,
    regression_table,
    three_classes,
    wine_shuffled,
)
from benchmarks.practice.kit import Kit


def pima_uniform(kit: Kit, *, head: str = "sigmoid", epochs: int = 40) -> Any:
    """The "first neural network" blog script on a Pima-like table: Dense 12 -> 8 (ReLU,
    kernel_initializer="uniform") -> Dense(1, sigmoid); BCE, accuracy; Adam(1e-3), batch 10,
    validation_split 0.33. Fault: the output activation typed "relu" (copied from the hidden
    layers) under binary cross-entropy (Stack Overflow "binary classifier relu output loss
    stuck / accuracy 0.65")."""
    x, y = pima_like()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((8,)))
    model.add(layers.Dense(12, kernel_initializer="uniform", activation="relu"))
    model.add(layers.Dense(8, kernel_initializer="uniform", activation="relu"))
    model.add(layers.Dense(1, kernel_initializer="uniform", activation=head))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=10,
                   validation_split=0.33)  # fmt: skip


def wine_activations(kit: Kit, *, epochs: int = 60) -> Any:
    """Wine, `to_categorical` labels: Dense(32) -> Activation("relu") -> Dense(16) ->
    Activation("relu") -> Dense(3) -> Activation("softmax"); categorical CE, accuracy;
    RMSprop(learning_rate=1e-3), batch 16, validation_split 0.2."""
    x, y = wine_shuffled()
    labels = keras.utils.to_categorical(y, 3)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((13,)))
    for width in (32, 16):
        model.add(layers.Dense(width))
        model.add(layers.Activation("relu"))
    model.add(layers.Dense(3))
    model.add(layers.Activation("softmax"))
    model.compile(keras.optimizers.RMSprop(learning_rate=1e-3), "categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, labels, probe_data=(x, labels), epochs=epochs, batch_size=16,
                   validation_split=0.2)  # fmt: skip


def blobs_leaky(kit: Kit, *, l2: float = 0.0, input_dropout: float = 0.0,
                epochs: int = 20) -> Any:  # fmt: skip
    """5 overlapping blobs, `to_categorical` labels: Dense(64) -> LeakyReLU(negative_slope
    0.1) -> Dense(32) -> LeakyReLU -> Dense(5, softmax); categorical CE, accuracy;
    Adam(learning_rate=1e-3), batch 32. Faults: `kernel_regularizer=l2(1.0)` on every layer
    ("add L2 to stop over-fitting", 1.0 for 0.001; Stack Overflow "l2 regularization model
    predicts one class"); `Dropout(0.8)` put first, on the 10 inputs ("dropout on the input
    layer as in the paper": 0.8 there is the keep probability; Stack Overflow "dropout on
    input layer kills accuracy")."""
    x, y, xv, yv = blobs()
    yc, yvc = keras.utils.to_categorical(y, 5), keras.utils.to_categorical(yv, 5)
    reg = regularizers.l2(l2) if l2 else None
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((10,)))
    if input_dropout:
        model.add(layers.Dropout(input_dropout))
    for width in (64, 32):
        model.add(layers.Dense(width, kernel_regularizer=reg))
        model.add(layers.LeakyReLU(negative_slope=0.1))
    model.add(layers.Dense(5, activation="softmax", kernel_regularizer=reg))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yc, probe_data=(x, yc), epochs=epochs, batch_size=32,
                   validation_data=(xv, yvc))  # fmt: skip


def regression_normal(kit: Kit, *, loss: str = "mean_squared_error", epochs: int = 40) -> Any:
    """The "baseline_model" regression blog script on a 13-column table: Dense(13, ReLU,
    kernel_initializer="normal") -> Dense(6, ReLU, "normal") -> Dense(1, "normal"); MSE, mae;
    Adam(1e-3), batch 16, validation_split 0.2; target standardised. Fault: the loss switched
    to "mean_squared_logarithmic_error" ("MSLE is better for regression") on the
    standardised target, half of it negative (Stack Overflow "msle loss not decreasing /
    negative targets")."""
    x, y = regression_table()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((13,)))
    model.add(layers.Dense(13, kernel_initializer="normal", activation="relu"))
    model.add(layers.Dense(6, kernel_initializer="normal", activation="relu"))
    model.add(layers.Dense(1, kernel_initializer="normal"))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), loss, metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_split=0.2)  # fmt: skip


def cancer_two_unit(kit: Kit, *, epochs: int = 30) -> Any:
    """Breast cancer, `to_categorical(y, 2)`: Dense(30) -> Activation("relu") -> Dense(2) ->
    Activation("softmax"); categorical CE, accuracy; SGD(learning_rate=0.01, momentum 0.9),
    batch 16."""
    x, y, xv, yv = cancer()
    yc, yvc = keras.utils.to_categorical(y, 2), keras.utils.to_categorical(yv, 2)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((30,)))
    model.add(layers.Dense(30))
    model.add(layers.Activation("relu"))
    model.add(layers.Dense(2))
    model.add(layers.Activation("softmax"))
    model.compile(keras.optimizers.SGD(learning_rate=0.01, momentum=0.9),
                  "categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yc, probe_data=(x, yc), epochs=epochs, batch_size=16,
                   validation_data=(xv, yvc))  # fmt: skip


def moons_deep_tanh(kit: Kit, *, uniform_range: float = 0.0, epochs: int = 40) -> Any:
    """Moons: ten Dense(32, tanh) layers -> Dense(1, sigmoid); BCE, accuracy;
    Adam(learning_rate=1e-3), batch 32, validation_split 0.2. Fault: every kernel initialised
    `RandomUniform(-1, 1)` (Stack Overflow "initialize weights uniformly between -1 and 1"),
    so the tanh layers saturate."""
    x, y = moons()
    keras.utils.set_random_seed(kit.seed)
    init = keras.initializers.RandomUniform(-uniform_range, uniform_range) if uniform_range \
        else "glorot_uniform"
    model = keras.Sequential()
    model.add(keras.Input((2,)))
    for _ in range(10):
        model.add(layers.Dense(32, activation="tanh", kernel_initializer=init))
    model.add(layers.Dense(1, activation="sigmoid", kernel_initializer=init))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_split=0.2)  # fmt: skip


def keras2_decay(kit: Kit, *, decay_as_rate: bool = False, epochs: int = 20) -> Any:
    """3 classes: Dense 64 -> 32 (ReLU) -> softmax; sparse CE, accuracy; Keras 2's
    `SGD(lr=0.01, decay=1e-4, momentum=0.9)` ported as `SGD(InverseTimeDecay(0.01,
    decay_steps=1, decay_rate=1e-4), momentum=0.9)`, batch 32. Fault: the port keeps only one
    number and types the decay into `learning_rate=1e-4` (Keras 3 raises on `decay=`;
    GitHub "porting to Keras 3: decay argument removed")."""
    x, y, xv, yv = three_classes()
    rate = 1e-4 if decay_as_rate else keras.optimizers.schedules.InverseTimeDecay(
        0.01, decay_steps=1, decay_rate=1e-4)  # fmt: skip
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((20,)))
    model.add(layers.Dense(64, activation="relu"))
    model.add(layers.Dense(32, activation="relu"))
    model.add(layers.Dense(3, activation="softmax"))
    model.compile(keras.optimizers.SGD(learning_rate=rate, momentum=0.9),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
