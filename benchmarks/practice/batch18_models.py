"""Batch-18 scripts on frames and digit rows, each written in its fixed form with a real-world
bug as a keyword option (the default is the healthy choice): a ConvLSTM2D on moving-blob
frames, an MLP with Dropout + MaxNorm under SGD (the dropout paper's recipe), and a triplet
embedding of digits with a hand-written triplet loss. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch18_data import blob_frames, digit_triplets, digits_rows
from benchmarks.practice.kit import Kit


def convlstm_blobs(kit: Kit, *, reshape_frames: bool = False, epochs: int = 12) -> Any:
    """Frames of a moving blob, grabbed as (n, 8, 8, 4): `np.moveaxis(x, -1, 1)[..., None]`
    -> (n, 4, 8, 8, 1); ConvLSTM2D(8, 3, padding="same") -> Flatten -> Dense 32 (ReLU) ->
    softmax(4) (the direction); sparse CE, accuracy; Adam(2e-3), batch 32. (Its fault,
    `x.reshape(n, 6, 8, 8, 1)` in place of moving the axis, was dropped after the plain-Keras
    check: a fixed permutation of the pixels that the Flatten -> Dense head learns through,
    0.928 vs 0.975 at seed 11 on the first, 6-frame version; the keyword stays. The healthy
    script itself was then left out of `cases.py`: 27-38 s a run on one thread, 0.85 / 0.82
    with 4 frames and 1200 rows.)"""
    x, y, xv, yv = blob_frames(1200, 4)
    if reshape_frames:
        x, xv = x.reshape(-1, 4, 8, 8, 1), xv.reshape(-1, 4, 8, 8, 1)
    else:
        x, xv = np.moveaxis(x, -1, 1)[..., None], np.moveaxis(xv, -1, 1)[..., None]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4, 8, 8, 1)),
                              layers.ConvLSTM2D(8, 3, padding="same"), layers.Flatten(),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def maxnorm_dropout_sgd(kit: Kit, *, max_norm: float = 3.0, epochs: int = 20) -> Any:
    """Digit rows -> 2 x [Dense(256, relu, kernel_constraint=MaxNorm(3)) -> Dropout(0.5)] ->
    softmax(10); SGD(0.05, momentum 0.9), batch 32 (Srivastava et al.'s dropout recipe).
    Fault: `MaxNorm(0.001)`, a weight-decay-sized number typed into the constraint (the two
    are confused in ported code): every unit's incoming weights are clipped to norm 0.001
    after each step, so the hidden signal shrinks ~1000x per layer."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(2):
        model.add(
            layers.Dense(
                256, activation="relu", kernel_constraint=keras.constraints.MaxNorm(max_norm)
            )
        )
        model.add(layers.Dropout(0.5))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def triplet_loss(y_true: Any, y_pred: Any) -> Any:
    """Triplet loss, margin 0.2, on the model's (d(a, p), d(a, n)) columns; y_true unused."""
    return ops.mean(ops.maximum(y_pred[:, 0] - y_pred[:, 1] + 0.2, 0.0))


def triplet_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Share of triplets whose positive is nearer the anchor than the negative."""
    return ops.mean(ops.cast(y_pred[:, 0] < y_pred[:, 1], "float32"))


def triplet_digits(kit: Kit, *, epochs: int = 12) -> Any:
    """Triplets of digits rows: a shared encoder Dense 64 (ReLU) -> Dense 16 ->
    UnitNormalization applied to anchor, positive and negative; the model outputs the squared
    distances (d(a, p), d(a, n)); a hand-written triplet loss (margin 0.2) and a triplet
    accuracy; targets a dummy zero column; Adam(1e-3), batch 64."""
    a, p, n, av, pv, nv = digit_triplets()
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                                layers.Dense(16), layers.UnitNormalization()],
                               name="encoder")  # fmt: skip
    ins = [keras.Input((64,), name=name) for name in ("anchor", "positive", "negative")]
    ea, ep, en = (encoder(i) for i in ins)
    d_ap = layers.Lambda(lambda t: ops.sum(ops.square(t[0] - t[1]), axis=1, keepdims=True))(
        [ea, ep]
    )
    d_an = layers.Lambda(lambda t: ops.sum(ops.square(t[0] - t[1]), axis=1, keepdims=True))(
        [ea, en]
    )
    model = keras.Model(ins, layers.Concatenate()([d_ap, d_an]))
    model.compile(keras.optimizers.Adam(1e-3), loss=triplet_loss, metrics=[triplet_accuracy])
    x, xv = [a, p, n], [av, pv, nv]
    y, yv = np.zeros((len(a), 1), "float32"), np.zeros((len(av), 1), "float32")
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip
