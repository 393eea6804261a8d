"""Batch-8 scripts, sequence models: a per-step tagger (Masking + bidirectional LSTM, a
softmax at every step, padding labels skipped by `ignore_class=-1`), a stacked-LSTM
multi-step forecaster on a three-channel series, a 1-D burst segmenter under Keras' Dice
loss, a Conv1D + GlobalMaxPooling1D text classifier, and a GRU with `recurrent_dropout` on
token ids. Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each
default is the healthy script's choice); each docstring names the kind of public report a
fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch8_data import burst_signals, machine_states, plant_series
from benchmarks.practice.data import VOCAB, tokens
from benchmarks.practice.kit import Kit


def step_tagger(kit: Kit, *, ignore_class: int | None = -1, epochs: int = 8) -> Any:
    """The machine's state at every time step of sequences of 20..40 steps (post-padded):
    Masking(0.0), Bidirectional(LSTM(32, return_sequences=True)), Dense(3, softmax) per step;
    `SparseCategoricalCrossentropy(ignore_class=-1)` for the padding labels, Adam(3e-3),
    batch 32. Fault: `ignore_class` left out while the padding steps keep the label -1
    (Stack Overflow / TF issues "Received a label value of -1 which is outside the valid
    range of [0, 3)" in sequence labelling)."""
    x, y, xv, yv = machine_states()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1], 2)),
        layers.Masking(0.0),
        layers.Bidirectional(layers.LSTM(32, return_sequences=True)),
        layers.Dense(3, activation="softmax"),
    ])  # fmt: skip
    loss = keras.losses.SparseCategoricalCrossentropy(ignore_class=ignore_class)
    model.compile(keras.optimizers.Adam(3e-3), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def multistep_forecast(kit: Kit, *, activation: str = "tanh", epochs: int = 8) -> Any:
    """The next 6 hours of a plant's load from the past 48 hours of temperature, humidity and
    load (standardised): windows cut with numpy every 2 hours, the first 80 % for training,
    the rest for validation (chronological); LSTM(32, return_sequences=True), LSTM(16),
    Dense(6); MSE, metric MAE, Adam(1e-3), batch 64. Fault: `activation="relu"` in both LSTMs
    (Stack Overflow "LSTM with relu activation: loss becomes nan / explodes")."""
    series = plant_series()
    past, ahead = 48, 6
    starts = np.arange(0, len(series) - past - ahead, 2)
    x = series[starts[:, None] + np.arange(past)]
    y = series[starts[:, None] + past + np.arange(ahead), 2]
    cut = int(0.8 * len(starts))
    x, y, xv, yv = x[:cut], y[:cut], x[cut:], y[cut:]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((past, 3)),
        layers.LSTM(32, activation=activation, return_sequences=True),
        layers.LSTM(16, activation=activation),
        layers.Dense(ahead),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def burst_segmenter(kit: Kit, *, head: str | None = "sigmoid", epochs: int = 12) -> Any:
    """Which steps of a noisy signal belong to a burst: Conv1D 16 (kernel 5), Conv1D 16
    (dilation 2), Conv1D 16 (dilation 4), all 'same', then a 1x1 Conv1D(1) per step; Keras'
    built-in `Dice` loss, metric binary accuracy, Adam(3e-3), batch 32. Fault: the 1x1
    output layer without its sigmoid (Dice computed on unbounded scores; GitHub / Stack
    Overflow "dice loss negative / goes below zero": no sigmoid on the segmentation head)."""
    x, m, xv, mv = burst_signals()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1], 1)),
        layers.Conv1D(16, 5, padding="same", activation="relu"),
        layers.Conv1D(16, 5, padding="same", dilation_rate=2, activation="relu"),
        layers.Conv1D(16, 5, padding="same", dilation_rate=4, activation="relu"),
        layers.Conv1D(1, 1, activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), keras.losses.Dice(), metrics=["binary_accuracy"])
    return kit.fit(model, x, m, probe_data=(x, m), batch_size=32, epochs=epochs,
                   validation_data=(xv, mv))  # fmt: skip


def text_conv(kit: Kit, *, epochs: int = 8) -> Any:
    """Token ids (40 per text, 0 pads the end) -> positive or negative: Embedding(400, 32),
    Conv1D(64, 5, ReLU), GlobalMaxPooling1D, Dropout(0.3), Dense(1, sigmoid); binary CE, Adam,
    batch 32. Healthy only."""
    x, y, xv, yv = tokens()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int64"),
        layers.Embedding(VOCAB, 32),
        layers.Conv1D(64, 5, activation="relu"),
        layers.GlobalMaxPooling1D(),
        layers.Dropout(0.3),
        layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def gru_tokens(kit: Kit, *, embed: bool = True, epochs: int = 8) -> Any:
    """The same texts through Embedding(400, 32) and a GRU(32, recurrent_dropout=0.1), Dense(1,
    sigmoid); binary CE, Adam(2e-3), batch 32. Fault: no Embedding, the ids divided by the
    vocabulary size and fed to the GRU as one float feature per step (Stack Overflow "LSTM
    text classification accuracy stuck at 50 %: feeding word indices directly")."""
    x, y, xv, yv = tokens()
    if not embed:
        x, xv = (x / VOCAB).astype("float32")[..., None], (xv / VOCAB).astype("float32")[..., None]
    keras.utils.set_random_seed(kit.seed)
    front: list[Any] = ([keras.Input((x.shape[1],), dtype="int64"), layers.Embedding(VOCAB, 32)]
                        if embed else [keras.Input((x.shape[1], 1))])  # fmt: skip
    model = keras.Sequential([*front, layers.GRU(32, recurrent_dropout=0.1),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
