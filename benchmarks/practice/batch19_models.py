"""Batch-19 scripts on digit rows and a 5-class table, each written in its fixed form with a
real-world bug as a keyword option (the default is the healthy choice): AdamW keeping EMA
weights that `SwapEMAWeights` swaps in for validation, an embedding trained with Keras 3's
Circle loss, an MLP with RMSNormalization and SiLU, and the Lamb optimizer at a large batch.
Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch18_data import classes_5_table, digits_rows
from benchmarks.practice.kit import Kit


def ema_swap_digits(kit: Kit, *, ema_momentum: float = 0.99, epochs: int = 15) -> Any:
    """Digit rows -> Dense 128 (ReLU) -> Dropout 0.2 -> Dense 64 (ReLU) -> softmax(10); sparse
    CE, accuracy; AdamW(1e-3, weight_decay=1e-4, use_ema=True, ema_momentum=0.99), batch 32,
    `keras.callbacks.SwapEMAWeights(swap_on_epoch=True)` so validation reads the averaged
    weights. Fault: `ema_momentum=0.9999`, the value of the ImageNet recipes (EfficientNet,
    timm) copied into a run of ~700 steps: Keras's EMA has no bias correction, so the
    averaged weights stay ~93 % the initial ones and validation reads a near-random model."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dropout(0.2), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    optimizer = keras.optimizers.AdamW(1e-3, weight_decay=1e-4, use_ema=True,
                                       ema_momentum=ema_momentum)  # fmt: skip
    model.compile(optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    swap = keras.callbacks.SwapEMAWeights(swap_on_epoch=True)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv), callbacks=[swap])  # fmt: skip


def circle_digits(kit: Kit, *, unit_norm: bool = True, epochs: int = 20) -> Any:
    """Digit rows -> Dense 128 (ReLU) -> Dense 32 -> UnitNormalization: a 32-d embedding
    trained with `keras.losses.Circle()` (gamma 80, margin 0.4) on the integer labels; no
    accuracy (validation loss only); Adam(1e-3), batch 128, shuffled. Fault: the
    UnitNormalization left out (the loss's docstring asks for L2-normalised embeddings; the
    triplet-loss habit of a plain Dense(32) head): the loss reads `1 - dot` as a cosine
    distance on unnormalised vectors."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(32)])  # fmt: skip
    if unit_norm:
        model.add(layers.UnitNormalization())
    model.compile(keras.optimizers.Adam(1e-3), loss=keras.losses.Circle())
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=128,
                   validation_data=(xv, yv))  # fmt: skip


def rmsnorm_silu_digits(kit: Kit, *, epochs: int = 15) -> Any:
    """Digit rows -> 2 x [Dense(128 / 64) -> RMSNormalization -> SiLU] -> softmax(10) (the
    pre-activation RMSNorm of recent transformer MLPs); sparse CE, accuracy; AdamW(2e-3,
    weight_decay=1e-4), batch 64."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))])
    for width in (128, 64):
        model.add(layers.Dense(width))
        model.add(layers.RMSNormalization())
        model.add(layers.Activation("silu"))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.AdamW(2e-3, weight_decay=1e-4),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def lamb_large_batch(kit: Kit, *, lr: float = 1e-2, epochs: int = 15) -> Any:
    """A 5-class table (20 standardised features) -> Dense 128 -> Dense 64 (ReLU) ->
    softmax(5); sparse CE, accuracy; `keras.optimizers.Lamb(1e-2)` (layer-wise adaptive
    rates for large batches), batch 256. Fault: `Lamb(learning_rate=1.0)`, a LARS-recipe
    rate (the trust ratio is trusted to keep it safe): the trust ratio scales each layer's
    step to lr x the layer's weight norm, so every step moves a layer by about its own
    norm."""
    x, y, xv, yv = classes_5_table()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Lamb(lr), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=256,
                   validation_data=(xv, yv))  # fmt: skip
