"""Batch-19 scripts on sequences, each written in its fixed form with a real-world bug as a
keyword option (the default is the healthy choice): a hand-written `keras.ops.scan` layer of
learned exponential moving averages, and string token logs through StringLookup +
Embedding(mask_zero) into a Bidirectional GRU with `merge_mode="sum"`. Each calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch19_data import recent_mean_sequences, up_down_logs
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice19")
class LearnedEMA(layers.Layer):
    """Exponential moving average over time, one learned decay per feature (a sigmoid of a
    trainable logit, started at `decay_init`), written with `keras.ops.scan` (which runs over
    the leading axis, so time is moved to the front); returns the last average."""

    def __init__(self, decay_init: float = 0.8, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decay_init = decay_init

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        logit = float(np.log(self.decay_init / (1.0 - self.decay_init)))
        start = keras.initializers.Constant(logit)
        self.decay_logit = self.add_weight(shape=(input_shape[-1],), name="decay_logit",
                                           initializer=start)  # fmt: skip

    def call(self, x: Any) -> Any:
        a = ops.sigmoid(self.decay_logit)
        steps = ops.moveaxis(x, 1, 0)

        def step(carry: Any, x_t: Any) -> tuple[Any, Any]:
            carry = a * carry + (1.0 - a) * x_t
            return carry, carry

        last, _ = ops.scan(step, ops.zeros_like(steps[0]), steps)
        return last

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple:
        return (input_shape[0], input_shape[-1])

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "decay_init": self.decay_init}


def scan_ema_sequences(kit: Kit, *, decay_init: float = 0.8, epochs: int = 10) -> Any:
    """2000 40-step noise sequences, class = sign of channel 0's mean over the last 8 steps:
    Dense(8) on each step -> LearnedEMA (ops.scan, decays started at 0.8) -> Dense 16 (ReLU)
    -> sigmoid; binary CE, accuracy; Adam(3e-3), batch 32. Fault: `decay_init=0.9999`
    ("a long memory", the EMA constant of the optimizer recipes): each step adds 1e-4 of
    its input, the average after 40 steps is ~0.4 % of the signal, and the sigmoid's slope
    at 0.9999 (1e-4) keeps the decay from moving."""
    x, y, xv, yv = recent_mean_sequences(rows=2000)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((40, 2)), layers.Dense(8),
                              LearnedEMA(decay_init), layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def bigru_up_down(kit: Kit, *, epochs: int = 4) -> Any:
    """2000 token logs padded with "" to 20 words (a string `tf.constant`):
    `StringLookup(mask_token="")` adapted on the training logs -> Embedding(vocabulary, 16,
    mask_zero=True) -> Bidirectional(GRU(16), merge_mode="sum") -> sigmoid (does "up"
    outnumber "down"); binary CE, accuracy; Adam(2e-3), batch 32; 80/20."""
    logs, labels = up_down_logs(rows=2000)
    cut = int(0.8 * len(labels))
    x, xv = tf.constant(logs[:cut]), tf.constant(logs[cut:])
    y, yv = labels[:cut], labels[cut:]
    keras.utils.set_random_seed(kit.seed)
    lookup = layers.StringLookup(mask_token="")
    lookup.adapt(x)
    inputs = keras.Input((20,), dtype="string")
    h = layers.Embedding(lookup.vocabulary_size(), 16, mask_zero=True)(lookup(inputs))
    h = layers.Bidirectional(layers.GRU(16), merge_mode="sum")(h)
    model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(h))
    model.compile(keras.optimizers.Adam(2e-3), loss="binary_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
