"""Batch-20 workflow script on sequences: a Conv1D waveform classifier compiled with
`steps_per_execution` and `jit_compile=True`, trained under EarlyStopping with
`restore_best_weights`. Calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch20_data import waveforms
from benchmarks.practice.kit import Kit


def waveform_conv1d_xla(kit: Kit, *, epochs: int = 15) -> Any:
    """Noisy sine / square / sawtooth waveforms (64 steps, 1 channel) -> Conv1D 16 (k 5) ->
    MaxPool 2 -> Conv1D 32 (k 5) -> GlobalAveragePooling1D -> Dense 32 (ReLU) -> softmax(3);
    sparse CE, accuracy; Adam(2e-3), batch 32, `steps_per_execution=16`, `jit_compile=True`
    (XLA); `EarlyStopping(monitor="val_loss", patience=4, restore_best_weights=True)`."""
    x, y, xv, yv = waveforms()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64, 1)),
                              layers.Conv1D(16, 5, padding="same", activation="relu"),
                              layers.MaxPooling1D(2),
                              layers.Conv1D(32, 5, padding="same", activation="relu"),
                              layers.GlobalAveragePooling1D(),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], steps_per_execution=16, jit_compile=True)  # fmt: skip
    stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=4,
                                         restore_best_weights=True)  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv), callbacks=[stop])  # fmt: skip
