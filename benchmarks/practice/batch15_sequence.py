"""Batch-15 scripts, series and tokens: Keras-2-era blog / Stack Overflow scripts ported to
Keras 3. The "look_back" LSTM forecaster (MinMaxScaler, `create_dataset`, a chronological
67/33 split), an MLP on lagged windows of an AR(2) series, an LSTM on pre-padded token ids
(`pad_sequences`' defaults), Embedding -> Flatten topic classification on
`to_categorical` labels, and Embedding -> Conv1D -> MaxPooling1D -> LSTM. Each script calls
`kit.fit`; keyword options are the faults of `cases.py` (each default is the healthy
script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch15_data import (
    ar2_series,
    passengers_series,
    sentiment_tokens,
    topic_tokens,
    windows,
)
from benchmarks.practice.kit import Kit

LOOK_BACK = 12


def lookback_lstm(kit: Kit, *, scale_inputs: bool = True, epochs: int = 20) -> Any:
    """Passengers series: min-max scaled with the first 67 % (the training part), windows of
    12 -> the next value, (n, 12, 1); LSTM(16) -> Dense(1); MSE; Adam(learning_rate=1e-3),
    batch 16, the last 33 % as validation data. Fault: the windows cut from the raw series
    while the targets come from the scaled one (the scaler applied after `create_dataset`, to
    Y only; Stack Overflow "LSTM predicts a flat line / inverse_transform")."""
    series = passengers_series()
    cut = int(0.67 * len(series))
    low, high = series[:cut].min(), series[:cut].max()
    scaled = (series - low) / (high - low)
    x_all, _ = windows(scaled if scale_inputs else series, LOOK_BACK)
    _, y_all = windows(scaled, LOOK_BACK)
    x_all = x_all[..., None]
    train = cut - LOOK_BACK
    x, y, xv, yv = x_all[:train], y_all[:train], x_all[train:], y_all[train:]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((LOOK_BACK, 1)))
    model.add(layers.LSTM(16))
    model.add(layers.Dense(1))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "mean_squared_error")
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xv, yv))  # fmt: skip


def ar_window_mlp(kit: Kit, *, epochs: int = 30) -> Any:
    """AR(2) series, 8 lags as 8 features -> the next value: Dense(32, ReLU) -> Dense(16,
    ReLU) -> Dense(1); MSE, mae; Adam(learning_rate=1e-3), batch 32, validation_split 0.2
    (the latest windows)."""
    x, y = windows(ar2_series(), 8)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((8,)))
    model.add(layers.Dense(32, activation="relu"))
    model.add(layers.Dense(16, activation="relu"))
    model.add(layers.Dense(1))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_split=0.2)  # fmt: skip


def pre_pad_lstm(kit: Kit, *, learning_rate: float = 1e-3, epochs: int = 6) -> Any:
    """Sentiment tokens, `pad_sequences(docs, maxlen=80)` (pre-padding, Keras' default):
    Embedding(500, 32) -> LSTM(32) -> Dense(1, sigmoid); BCE, accuracy;
    RMSprop(learning_rate=1e-3), batch 64, validation_split 0.2. Fault: `RMSprop(lr=0.1)`
    (a rate from an MLP tutorial typed into the LSTM script; Stack Overflow "LSTM loss goes
    up / accuracy 0.5 with RMSprop lr 0.1")."""
    docs, y = sentiment_tokens()
    x = keras.utils.pad_sequences(docs, maxlen=80)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((80,)))
    model.add(layers.Embedding(500, 32))
    model.add(layers.LSTM(32))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(keras.optimizers.RMSprop(learning_rate=learning_rate), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_split=0.2)  # fmt: skip


def embedding_flatten(kit: Kit, *, epochs: int = 10) -> Any:
    """Topic tokens, `pad_sequences(maxlen=40)`, `to_categorical` labels: Embedding(1000, 8)
    -> Flatten -> Dense(4, softmax); categorical CE, accuracy; Adam(learning_rate=1e-3),
    batch 32, validation_split 0.2."""
    docs, y = topic_tokens()
    x = keras.utils.pad_sequences(docs, maxlen=40)
    labels = keras.utils.to_categorical(y, 4)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((40,)))
    model.add(layers.Embedding(1000, 8))
    model.add(layers.Flatten())
    model.add(layers.Dense(4, activation="softmax"))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, labels, probe_data=(x, labels), epochs=epochs, batch_size=32,
                   validation_split=0.2)  # fmt: skip


def conv_lstm_tokens(kit: Kit, *, epochs: int = 5) -> Any:
    """Sentiment tokens, `pad_sequences(maxlen=80)`: Embedding(500, 32) -> Conv1D(32, 3,
    padding="same", ReLU) -> MaxPooling1D(2) -> LSTM(32) -> Dense(1, sigmoid); BCE, accuracy;
    Adam(learning_rate=1e-3), batch 64, validation_split 0.2."""
    docs, y = sentiment_tokens()
    x = keras.utils.pad_sequences(docs, maxlen=80)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential()
    model.add(keras.Input((80,)))
    model.add(layers.Embedding(500, 32))
    model.add(layers.Conv1D(32, 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling1D(pool_size=2))
    model.add(layers.LSTM(32))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(keras.optimizers.Adam(learning_rate=1e-3), "binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_split=0.2)  # fmt: skip
