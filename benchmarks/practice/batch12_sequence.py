"""Batch-12 scripts, sequences: a 1-D U-Net (Conv1D, MaxPooling1D, UpSampling1D, Concatenate
skips) labelling every sample of a recording, a Conv1D / Conv1DTranspose denoiser with a
GaussianNoise layer, a GRU with `AdditiveAttention` pooling on token sequences whose class
lives in token order, and stacked LSTM cells (`layers.RNN` over a cell list) on the adding
problem under SGD with a user-set `clipnorm`. Each script calls `kit.fit`; keyword options
are the faults of `cases.py`; each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch12_data import (
    adding_problem,
    marker_sequences,
    noisy_signals,
    segmented_recordings,
    segmented_recordings_preroll_masks,
)
from benchmarks.practice.kit import Kit


def _conv(h: Any, filters: int) -> Any:
    h = layers.Conv1D(filters, 5, padding="same", activation="relu")(h)
    return layers.Conv1D(filters, 5, padding="same", activation="relu")(h)


def unet1d(kit: Kit, *, preroll_masks: bool = False, epochs: int = 10) -> Any:
    """Per-sample labels (background, spike train, plateau) of 256-sample recordings: a 1-D
    U-Net, conv blocks 8 / 16 / 32 (two Conv1D(k, 5) each) with MaxPooling1D down and
    UpSampling1D + Concatenate (skip) up, Conv1D(3, 1, softmax); sparse CE, accuracy;
    Adam(1e-3), batch 32. Fault: the masks indexed on the raw files, whose 40 samples of
    pre-roll were cut from the signals only, so every label is 40 samples late (GitHub /
    Stack Overflow "segmentation masks misaligned after cropping, model predicts
    background")."""
    x, y, xv, yv = segmented_recordings_preroll_masks() if preroll_masks \
        else segmented_recordings()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((256, 1))
    d1 = _conv(inputs, 8)
    d2 = _conv(layers.MaxPooling1D(2)(d1), 16)
    bottom = _conv(layers.MaxPooling1D(2)(d2), 32)
    u2 = _conv(layers.Concatenate()([layers.UpSampling1D(2)(bottom), d2]), 16)
    u1 = _conv(layers.Concatenate()([layers.UpSampling1D(2)(u2), d1]), 8)
    model = keras.Model(inputs, layers.Conv1D(3, 1, activation="softmax")(u1))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def transpose_denoiser(kit: Kit, *, noise: float = 0.05, epochs: int = 15) -> Any:
    """Noisy -> clean sines (128 samples, std ~0.5): GaussianNoise(0.05) (extra training-time
    noise) -> Conv1D(16, 5, stride 2) -> Conv1D(32, 5, stride 2) -> Conv1DTranspose(32, 5,
    stride 2) -> Conv1DTranspose(16, 5, stride 2) -> Conv1D(1, 5) linear; MSE; Adam(1e-3),
    batch 32. Fault: `GaussianNoise(1.0)` (Keras' largest stddev, "one standard deviation"
    as for standardised data; these signals have a std of ~0.5; Stack Overflow "denoising
    autoencoder outputs a flat line")."""
    x, y, xv, yv = noisy_signals()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((128, 1)), layers.GaussianNoise(noise),
                              layers.Conv1D(16, 5, strides=2, padding="same", activation="relu"),
                              layers.Conv1D(32, 5, strides=2, padding="same", activation="relu"),
                              layers.Conv1DTranspose(32, 5, strides=2, padding="same",
                                                     activation="relu"),
                              layers.Conv1DTranspose(16, 5, strides=2, padding="same",
                                                     activation="relu"),
                              layers.Conv1D(1, 5, padding="same")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def attention_gru(kit: Kit, *, reverse_validation: bool = False, epochs: int = 8) -> Any:
    """Which token follows the marker (3 classes, 40 ids): Embedding(100, 16) ->
    GRU(32, return_sequences, return_state) -> `AdditiveAttention()([state as the query,
    sequence])` -> Flatten, concatenated with the state -> Dense 32 (ReLU) -> softmax;
    sparse CE, accuracy; Adam(2e-3), batch 64. Fault: the validation sequences reversed
    (`x[:, ::-1]`, the validation loader built with `go_backwards`-style ordering from a
    right-to-left export; Stack Overflow "validation accuracy at chance, training fine")."""
    x, y, xv, yv = marker_sequences()
    if reverse_validation:
        xv = np.ascontiguousarray(xv[:, ::-1])
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((40,), dtype="int64")
    sequence, state = layers.GRU(32, return_sequences=True, return_state=True)(
        layers.Embedding(100, 16)(inputs))  # fmt: skip
    query = layers.Reshape((1, 32))(state)
    context = layers.Flatten()(layers.AdditiveAttention()([query, sequence]))
    h = layers.Dense(32, activation="relu")(layers.Concatenate()([context, state]))
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def stacked_cells(kit: Kit, *, clipnorm: float = 1.0, epochs: int = 10) -> Any:
    """The adding problem (20 steps x 2 channels -> the sum of the two marked values):
    `layers.RNN([LSTMCell(32), LSTMCell(32)])` -> Dense(1); MSE, mae; SGD(0.05, momentum 0.9,
    clipnorm=1.0) (Pascanu-style clipping for RNNs), batch 32. Fault: `clipnorm=1e-4` (a
    clip value copied from a fine-tuning recipe; Stack Overflow "LSTM loss not decreasing
    with gradient clipping")."""
    x, y, xv, yv = adding_problem()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20, 2)),
                              layers.RNN([layers.LSTMCell(32), layers.LSTMCell(32)]),
                              layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, clipnorm=clipnorm), "mse",
                  metrics=["mae"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
