"""Batch-17 scripts on sequences: bug patterns from public fault benchmarks and Stack Overflow,
each script written in its fixed form with the bug as a keyword option (the default is the
healthy choice). An LSTM remembering a marker over 40 steps, a SimpleRNN on 10-step
sequences, two stacked GRUs forecasting a series under EarlyStopping. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch17_data import marker_sequences, sine_windows
from benchmarks.practice.kit import Kit


def marker_lstm(kit: Kit, *, cell: str = "lstm", epochs: int = 12) -> Any:
    """60-step, 2-channel sequences whose class is a marker in the first 3 steps: LSTM(32) ->
    Dense(1, sigmoid); binary cross-entropy, accuracy; Adam(2e-3), batch 64. Fault:
    `SimpleRNN(32)` in place of the LSTM (DeepFD's "wrong layer type"; Stack Overflow "RNN
    cannot learn long-term dependency, accuracy stuck at 0.5"): the marker's gradient fades
    over the 57 later steps."""
    x, y, xv, yv = marker_sequences()
    keras.utils.set_random_seed(kit.seed)
    rnn = layers.SimpleRNN(32) if cell == "simple" else layers.LSTM(32)
    model = keras.Sequential([keras.Input((60, 2)), rnn, layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.Adam(2e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def short_simple_rnn(kit: Kit, *, epochs: int = 12) -> Any:
    """10-step, 2-channel sequences with the marker in the first 3 steps: SimpleRNN(32) ->
    Dense(16, relu) -> Dense(1, sigmoid); binary cross-entropy; RMSprop(1e-3), batch 32."""
    x, y, xv, yv = marker_sequences(10, 3000)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10, 2)), layers.SimpleRNN(32),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.RMSprop(1e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def stacked_gru_forecast(kit: Kit, *, epochs: int = 20) -> Any:
    """16-step windows of a noisy multi-sine series -> the next value: GRU(16,
    return_sequences=True) -> GRU(8) -> Dense(1); MSE, MAE metric; Adam(2e-3), batch 64;
    EarlyStopping(monitor='val_loss', patience=4, restore_best_weights=True)."""
    x, y, xv, yv = sine_windows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((16, 1)), layers.GRU(16, return_sequences=True),
                              layers.GRU(8), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss="mse", metrics=["mae"])
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=4,
                                         restore_best_weights=True)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), callbacks=[stop], epochs=epochs,
                   batch_size=64, validation_data=(xv, yv))  # fmt: skip
