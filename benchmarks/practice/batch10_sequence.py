"""Batch-10 scripts, sequences: Embedding(mask_zero) + GRU on variable-length token ids, a
Conv1D forecaster on windows of a generated series, an LSTM(return_sequences) +
TimeDistributed per-step tagger, and a TextVectorization layer inside the model on review
strings. Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each
default is the healthy script's choice); each docstring names the kind of public report a
fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch10_data import (
    VOCAB,
    review_sentences,
    seasonal_series,
    tagged_steps,
    token_sequences,
)
from benchmarks.practice.kit import Kit


def gru_masked(kit: Kit, *, return_sequences: bool = False, epochs: int = 8) -> Any:
    """Token ids (8..40 long, post-padded with 0): Embedding(200, 32, mask_zero=True),
    GRU(32), Dense(1, sigmoid); binary CE, accuracy; Adam(2e-3), batch 64. Fault:
    `return_sequences=True` left on the (only) GRU after deleting the second recurrent layer,
    so the head makes one prediction per time step against one label per sequence (Stack
    Overflow "LSTM/GRU return_sequences on the last layer: shape (None, 40, 1), accuracy
    strange")."""
    x, y, xv, yv = token_sequences()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((40,), dtype="int64"),
                              layers.Embedding(VOCAB, 32, mask_zero=True),
                              layers.GRU(32, return_sequences=return_sequences),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def _windows(series: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    idx = np.arange(length)[None, :] + np.arange(len(series) - length)[:, None]
    return series[idx][..., None], series[length:, None]


def conv1d_forecaster(kit: Kit, *, epochs: int = 15) -> Any:
    """A seasonal series (first 80 % for training, standardised with its mean and std):
    windows of 48 steps -> the next value; Conv1D 32 (k 5, ReLU), Conv1D 32 (k 5, dilation 2,
    ReLU), Flatten, Dense 32 (ReLU), Dense(1); MSE, MAE; Adam(1e-3), batch 64, windows
    shuffled by fit, the later 20 % as validation. Healthy only."""
    series = seasonal_series()
    cut = int(0.8 * len(series))
    mean, std = series[:cut].mean(), series[:cut].std()
    series = (series - mean) / std
    x, y = _windows(series[:cut], 48)
    xv, yv = _windows(series[cut:], 48)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((48, 1)),
                              layers.Conv1D(32, 5, activation="relu"),
                              layers.Conv1D(32, 5, dilation_rate=2, activation="relu"),
                              layers.Flatten(), layers.Dense(32, activation="relu"),
                              layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def lstm_tagger(kit: Kit, *, learning_rate: float = 2e-3, softmax_axis: int = -1,
                epochs: int = 10) -> Any:  # fmt: skip
    """Per-step tags (4) for sequences of 20 token ids: Embedding(60, 16), LSTM(32,
    return_sequences=True), TimeDistributed(Dense(4)), Softmax; sparse CE, accuracy; Adam,
    batch 64. Faults: Adam(0.05) ("the default was too slow", Stack Overflow "LSTM loss goes
    up / NaN with a high learning rate"); `layers.Softmax(axis=1)`, normalised over the time
    steps instead of the tags (Stack Overflow "softmax over the wrong axis in a sequence
    model: predictions sum to 1 over time")."""
    x, y, xv, yv = tagged_steps()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,), dtype="int64"), layers.Embedding(60, 16),
                              layers.LSTM(32, return_sequences=True),
                              layers.TimeDistributed(layers.Dense(4)),
                              layers.Softmax(axis=softmax_axis)])  # fmt: skip
    model.compile(keras.optimizers.Adam(learning_rate), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def text_vectorized(kit: Kit, *, sequence_length: int = 12, epochs: int = 10) -> Any:
    """Review strings: `keras.Input((1,), dtype="string")`, TextVectorization(max_tokens=100,
    output_sequence_length=12) adapted on the training texts, Embedding(100, 16),
    GlobalAveragePooling1D, Dense 16 (ReLU), Dense(1, sigmoid); binary CE, accuracy;
    Adam(3e-3), batch 32 (the strings as a `tf.constant`). Fault: output_sequence_length=3,
    copied from a title classifier: every review cut after its opening words, before any
    opinion word (Stack Overflow "text classifier stuck at 50 %: sequences truncated")."""
    x, y, xv, yv = review_sentences()
    x, xv = tf.constant(np.array(x)[:, None]), tf.constant(np.array(xv)[:, None])
    keras.utils.set_random_seed(kit.seed)
    vectorize = layers.TextVectorization(max_tokens=100, output_sequence_length=sequence_length)
    vectorize.adapt(x)
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              layers.Embedding(100, 16), layers.GlobalAveragePooling1D(),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
