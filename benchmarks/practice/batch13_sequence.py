"""Batch-13 scripts, sequences: a causal Conv1D stack (padding="causal", dilations 1/2/4)
classifying 6-channel sensor windows, and a `Masking` layer in front of a
Bidirectional GRU reading variable-length multichannel sequences padded to one length.
Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each default is
the healthy script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch13_data import sensor_windows, variable_sequences
from benchmarks.practice.kit import Kit


def causal_sensor(kit: Kit, *, channels_first: bool = False, epochs: int = 12) -> Any:
    """4 activities from (64 steps, 6 channels) windows: Conv1D(32, 3, causal) with
    dilation 1, 2, 4 (ReLU), GlobalAveragePooling1D, Dense 32, softmax; sparse CE, accuracy;
    Adam(2e-3), batch 32; the input shape read off the array (`x.shape[1:]`). Fault: the
    windows stored channels-first (n, 6, 64), as the PyTorch loader wrote them, so the model
    convolves over the 6 channels with the 64 time steps as features (Stack Overflow
    "Conv1D input shape (batch, channels, steps) vs (batch, steps, channels): low
    accuracy")."""
    x, y, xv, yv = sensor_windows()
    if channels_first:
        x, xv = (np.ascontiguousarray(a.transpose(0, 2, 1)) for a in (x, xv))
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              layers.Conv1D(32, 3, padding="causal", activation="relu"),
                              layers.Conv1D(32, 3, padding="causal", dilation_rate=2,
                                            activation="relu"),
                              layers.Conv1D(32, 3, padding="causal", dilation_rate=4,
                                            activation="relu"),
                              layers.GlobalAveragePooling1D(),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def masked_bigru(kit: Kit, *, pad_value: float = 0.0, epochs: int = 12) -> Any:
    """Variable-length (10..40 steps, 3 channels) sequences post-padded to 40 (class: the sign
    of channel 0's total):
    Masking(mask_value=0.0) -> Bidirectional(GRU(16)) -> Dense 16 -> sigmoid; BCE,
    accuracy; Adam(3e-3), batch 64. Fault: the sequences padded with -1.0
    (`pad_sequences(..., value=-1.0)`, "so padding differs from real zeros") while the
    Masking layer still masks 0.0, so every padded step is read as data (Stack Overflow
    "Masking layer not masking / LSTM accuracy low with padded sequences")."""
    x, y, xv, yv = variable_sequences(pad_value)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((40, 3)), layers.Masking(mask_value=0.0),
                              layers.Bidirectional(layers.GRU(16)),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
