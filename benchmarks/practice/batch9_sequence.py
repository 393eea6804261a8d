"""Batch-9 scripts, sequences: a GRU load forecaster fed by
`keras.utils.timeseries_dataset_from_array` (tf.data) under the Huber loss, a Conv1D + LSTM
activity classifier with a `LearningRateScheduler`, and an LSTM over word strings through a
StringLookup inside the model. Each script calls `kit.fit`; keyword options are the faults of
`cases.py`; each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch9_data import motion_windows, power_load, word_reviews
from benchmarks.practice.kit import Kit


def load_gru(kit: Kit, *, standardise: bool = True, epochs: int = 10) -> Any:
    """Hourly load (kW) and temperature: the first 80 % for training, standardised with its
    own mean and std; `timeseries_dataset_from_array` windows of 24 hours -> the next hour's
    load (shuffled for training, batch 64); GRU(32), Dense(1); Huber, metric MAE; Adam(1e-3).
    Fault: the standardisation skipped, raw kW (2000..5000) and deg C in and out (Stack
    Overflow "LSTM / GRU time series loss huge, predicts a flat line": unscaled series)."""
    series = power_load()
    cut = int(0.8 * len(series))
    if standardise:
        mean, std = series[:cut].mean(0), series[:cut].std(0)
        series = (series - mean) / std
    keras.utils.set_random_seed(kit.seed)

    def windows(part: Any, shuffle: bool) -> tf.data.Dataset:
        return keras.utils.timeseries_dataset_from_array(
            part[:-24], part[24:, :1], sequence_length=24, batch_size=64, shuffle=shuffle,
            seed=kit.seed)  # fmt: skip

    train, val = windows(series[:cut], True), windows(series[cut:], False)
    model = keras.Sequential([keras.Input((24, 2)), layers.GRU(32), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(), metrics=["mae"])
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def motion_conv_lstm(kit: Kit, *, range_test: bool = False, epochs: int = 15) -> Any:
    """Accelerometer windows (64 x 3), 4 activities: Conv1D(32, 5, ReLU), MaxPooling1D,
    LSTM(32), Dense(4, softmax); sparse CE, accuracy; Adam(1e-3), batch 32, with
    `LearningRateScheduler(lambda epoch: 1e-3 * 0.9 ** epoch)`. Fault: the schedule of a
    learning-rate range test left in (`1e-4 * 10 ** (epoch / 3)`, 4.6 by the last epoch;
    Stack Overflow / fast.ai forum "loss explodes after a few epochs, lr finder callback still
    attached")."""
    x, y, xv, yv = motion_windows()

    def schedule(epoch: int) -> float:
        return 1e-4 * 10 ** (epoch / 3) if range_test else 1e-3 * 0.9**epoch

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64, 3)),
                              layers.Conv1D(32, 5, activation="relu"), layers.MaxPooling1D(),
                              layers.LSTM(32), layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv),
                   callbacks=[keras.callbacks.LearningRateScheduler(schedule)])  # fmt: skip


def review_words(kit: Kit, *, epochs: int = 8) -> Any:
    """Reviews as 20 word strings (padded with ""): `keras.Input((20,), dtype="string")`,
    StringLookup(mask_token="") adapted on the training words, Embedding(mask_zero=True, 16),
    LSTM(32), Dense(1, sigmoid); binary CE, accuracy; Adam(2e-3); tf.data, batch 64.
    Healthy only."""
    x, y, xv, yv = word_reviews()
    keras.utils.set_random_seed(kit.seed)
    lookup = layers.StringLookup(mask_token="")
    lookup.adapt(tf.constant(x))
    model = keras.Sequential([keras.Input((20,), dtype="string"), lookup,
                              layers.Embedding(lookup.vocabulary_size(), 16, mask_zero=True),
                              layers.LSTM(32), layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(4096, seed=kit.seed).batch(64)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)
