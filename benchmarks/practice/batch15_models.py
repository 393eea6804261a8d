"""Batch-15 scripts, digit images: Keras-2-era image scripts ported to Keras 3. A small CNN
written layer by layer with `model.add(...)` and separate `Activation` layers on
`to_categorical` labels, and the "MNIST with an LSTM" script that reads each image as a
sequence of pixel rows. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); each docstring names the kind of
public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch15_data import digits_images
from benchmarks.practice.kit import Kit


def keras2_cnn(kit: Kit, *, bn_after_softmax: bool = False, epochs: int = 12) -> Any:
    """Digits (8, 8, 1), `to_categorical` labels: Conv2D(16, (3, 3), padding="same") ->
    Activation("relu") -> MaxPooling2D((2, 2)) -> Conv2D(32, (3, 3), padding="same") ->
    Activation("relu") -> MaxPooling2D -> Flatten -> Dense(64) -> Activation("relu") ->
    Dropout(0.3) -> Dense(10) -> Activation("softmax"); categorical CE, accuracy;
    RMSprop(learning_rate=1e-3), batch 32. Fault: a `BatchNormalization()` appended after the
    softmax ("BatchNorm after every layer", the last one included; Stack Overflow
    "BatchNormalization after softmax: loss nan / accuracy stuck")."""
    x, y, xv, yv = digits_images()
    yc, yvc = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yv, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((8, 8, 1)))
    for filters in (16, 32):
        model.add(layers.Conv2D(filters, (3, 3), padding="same"))
        model.add(layers.Activation("relu"))
        model.add(layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(layers.Flatten())
    model.add(layers.Dense(64))
    model.add(layers.Activation("relu"))
    model.add(layers.Dropout(0.3))
    model.add(layers.Dense(10))
    model.add(layers.Activation("softmax"))
    if bn_after_softmax:
        model.add(layers.BatchNormalization())
    model.compile(keras.optimizers.RMSprop(learning_rate=1e-3), "categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, yc, probe_data=(x, yc), epochs=epochs, batch_size=32,
                   validation_data=(xv, yvc))  # fmt: skip


def rows_lstm(kit: Kit, *, epochs: int = 15, batch_size: int = 32) -> Any:
    """Digits as sequences: each 8x8 image read as 8 time steps of 8 pixels, LSTM(64) ->
    Dense(10, softmax) on `to_categorical` labels; categorical CE, accuracy;
    Adam(learning_rate=2e-3), batch 32. Fault: `epochs=1, batch_size=8` (a notebook's
    quick-test settings left in; Stack Overflow "LSTM accuracy low after training: trained
    for one epoch")."""
    x, y, xv, yv = digits_images()
    rows, rows_v = x.reshape(-1, 8, 8), xv.reshape(-1, 8, 8)
    yc, yvc = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yv, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((8, 8)))
    model.add(layers.LSTM(64))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.Adam(learning_rate=2e-3), "categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, rows, yc, probe_data=(rows, yc), epochs=epochs,
                   batch_size=batch_size, validation_data=(rows_v, yvc))  # fmt: skip
