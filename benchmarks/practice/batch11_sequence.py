"""Batch-11 scripts, sequences: a GRU forecasting six steps of a three-channel series
(standardised with the training part's statistics), a Conv1D over an Embedding for topic
texts, and a per-token tagger whose padded positions carry the label -1 under
`SparseCategoricalCrossentropy(ignore_class=-1)`. Each script calls `kit.fit`; keyword
options are the faults of `cases.py` (each default is the healthy script's choice); each
docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.model_selection import train_test_split

from benchmarks.practice.batch11_data import sensor_series, tagged_tokens, topic_texts
from benchmarks.practice.kit import Kit

LOOKBACK, HORIZON = 48, 6


def _windows(part: np.ndarray, stride: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """(48 steps x 3 channels) inputs and the next 6 values of channel 0 as targets."""
    x = sliding_window_view(part[:-HORIZON], LOOKBACK, axis=0).transpose(0, 2, 1)[::stride]
    y = sliding_window_view(part[LOOKBACK:, 0], HORIZON)[::stride]
    n = min(len(x), len(y))
    return x[:n].astype("float32"), y[:n].astype("float32")


def gru_forecast(kit: Kit, *, shuffle_split: bool = False, epochs: int = 10) -> Any:
    """Load, temperature, humidity (hourly): the first 80 % for training, standardised with
    its mean and std, windows of 48 h -> the next 6 h of load; GRU(32) -> Dense(6); MSE, mae;
    Adam(1e-3), batch 64. Fault: the series split with `train_test_split(series,
    test_size=0.2)` (shuffle=True by default) before windowing, so every window is a bag of
    random hours (Stack Overflow "LSTM forecast is a flat line / train_test_split on time
    series")."""
    series = sensor_series()
    if shuffle_split:
        train, val = train_test_split(series, test_size=0.2, random_state=0)
    else:
        cut = int(len(series) * 0.8)
        train, val = series[:cut], series[cut:]
    mean, std = train.mean(axis=0), train.std(axis=0)
    x, y = _windows((train - mean) / std)
    xv, yv = _windows((val - mean) / std)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((LOOKBACK, 3)), layers.GRU(32),
                              layers.Dense(HORIZON)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def conv1d_topics(kit: Kit, *, shift_validation_ids: bool = False, epochs: int = 8) -> Any:
    """4 topics, 60 token ids: Embedding(1500, 32) -> Conv1D(64, 3, ReLU) ->
    GlobalMaxPooling1D -> Dropout(0.3) -> softmax; sparse CE, accuracy; Adam(1e-3), batch 64.
    Fault: the validation texts encoded by a second tokenizer that reserves index 1 for OOV,
    so every validation id is one higher than in training (Stack Overflow "Tokenizer fitted
    again on the test set / validation accuracy at chance")."""
    x, y, xv, yv = topic_texts()
    if shift_validation_ids:
        xv = np.minimum(xv + 1, 1499)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((60,), dtype="int64"), layers.Embedding(1500, 32),
                              layers.Conv1D(64, 3, activation="relu"),
                              layers.GlobalMaxPooling1D(), layers.Dropout(0.3),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def ignore_tagger(kit: Kit, *, ignore_class: bool = True, epochs: int = 10) -> Any:
    """Per-token tags (4), ids post-padded to 30, padded labels -1: Embedding(200, 32) ->
    Conv1D(64, 3, same) x2 -> Dense(4, softmax) per step;
    `SparseCategoricalCrossentropy(ignore_class=-1)`; Adam(1e-3), batch 32; no metric (Keras'
    accuracy would count the -1 positions). Fault: the plain "sparse_categorical_crossentropy"
    string on the same -1 labels (copied from a Hugging Face token-classification recipe
    whose loss ignores -100; GitHub / Stack Overflow "Received a label value of -1 which is
    outside the valid range")."""
    x, y, xv, yv = tagged_tokens()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,), dtype="int64"), layers.Embedding(200, 32),
                              layers.Conv1D(64, 3, padding="same", activation="relu"),
                              layers.Conv1D(64, 3, padding="same", activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    loss = (keras.losses.SparseCategoricalCrossentropy(ignore_class=-1) if ignore_class
            else "sparse_categorical_crossentropy")  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
