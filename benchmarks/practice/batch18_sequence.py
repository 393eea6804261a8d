"""Batch-18 scripts on text and sequences, each written in its fixed form with a real-world
bug as a keyword option (the default is the healthy choice): TextVectorization in TF-IDF
mode inside the model, a hand-written RNN cell in `keras.layers.RNN`, and label-encoded
event logs through Embedding(mask_zero=True) + GRU. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops
from sklearn.preprocessing import LabelEncoder

from benchmarks.practice.batch18_data import event_logs, running_sum_sequences, topic_texts
from benchmarks.practice.kit import Kit


def tfidf_topics(kit: Kit, *, output_mode: str = "tf_idf", epochs: int = 12) -> Any:
    """News-like sentences (strings as a `tf.constant`): `keras.Input((1,), dtype="string")`,
    TextVectorization(max_tokens=200, ngrams=2, output_mode="tf_idf") adapted on the training
    texts, Dense 32 (ReLU), Dropout 0.3, softmax(4); sparse CE, accuracy; Adam(1e-3), batch 32.
    Fault: `output_mode="int"` with `output_sequence_length=12` and no Embedding (the
    Stack Overflow pattern "tokenizer sequences fed straight into Dense, accuracy stuck near
    chance"): the token ids 0..199 reach the Dense layer as magnitudes."""
    x, y, xv, yv = topic_texts()
    x, xv = tf.constant(np.array(x)[:, None]), tf.constant(np.array(xv)[:, None])
    keras.utils.set_random_seed(kit.seed)
    if output_mode == "int":
        vectorize = layers.TextVectorization(max_tokens=200, output_mode="int",
                                             output_sequence_length=12)  # fmt: skip
    else:
        vectorize = layers.TextVectorization(max_tokens=200, ngrams=2, output_mode=output_mode)
    vectorize.adapt(x)
    model = keras.Sequential([keras.Input((1,), dtype="string"), vectorize,
                              layers.Dense(32, activation="relu"), layers.Dropout(0.3),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


class MinimalRNNCell(layers.Layer):
    """The Keras RNN guide's minimal cell: h_t = tanh(x_t W + h_{t-1} U + b)."""

    def __init__(self, units: int, carry_state: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units
        self.carry_state = carry_state

    def build(self, input_shape: Any) -> None:
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform", name="kernel")  # fmt: skip
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                initializer="orthogonal",
                                                name="recurrent_kernel")  # fmt: skip
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, inputs: Any, states: Any) -> Any:
        previous = states[0]
        h = ops.tanh(ops.matmul(inputs, self.kernel) + ops.matmul(previous, self.recurrent_kernel)
                     + self.bias)  # fmt: skip
        return h, ([h] if self.carry_state else states)


def custom_cell_running_sum(kit: Kit, *, carry_state: bool = True, epochs: int = 15) -> Any:
    """20-step, 2-channel sequences; class 1 when channel 0 sums above 0: `keras.layers.RNN(
    MinimalRNNCell(32))` (a hand-written cell: `state_size`, `build`, `call(inputs, states)`)
    -> Dense 16 (ReLU) -> sigmoid; binary CE, accuracy; Adam(3e-3), batch 32. Fault: the cell
    returns `h, states` (the incoming state) instead of `h, [h]` (a recurring bug in
    hand-written cells on Stack Overflow / GitHub issues: "custom RNN cell only sees the last
    time step"): the state stays at its zeros, so the output reads the last step alone."""
    x, y, xv, yv = running_sum_sequences()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20, 2)),
                              layers.RNN(MinimalRNNCell(32, carry_state=carry_state)),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def event_codes_gru(kit: Kit, *, shift_codes: bool = True, epochs: int = 6) -> Any:
    """Named event logs: sklearn `LabelEncoder` fitted on the event names, codes + 1 so that
    0 is left for padding, `pad_sequences(padding="post", maxlen=20)`; Embedding(16, 8,
    mask_zero=True) -> GRU(16) -> sigmoid; binary CE, accuracy; Adam(3e-3), batch 32; 80/20.
    Fault: the codes used as LabelEncoder gives them, 0..13, under the same `mask_zero=True`
    (Stack Overflow / Keras issues "mask_zero=True but my vocabulary starts at 0"): "alarm",
    first in alphabetical order, gets code 0 and is masked out like padding, so the event that
    sets the label is never seen."""
    logs, y = event_logs()
    encoder = LabelEncoder().fit([e for log in logs for e in log])
    codes = [encoder.transform(log) + (1 if shift_codes else 0) for log in logs]
    x = keras.utils.pad_sequences(codes, maxlen=20, padding="post", value=0).astype("int64")
    cut = int(0.8 * len(x))
    x, xv, y, yv = x[:cut], x[cut:], y[:cut], y[cut:]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,), dtype="int64"),
                              layers.Embedding(16, 8, mask_zero=True), layers.GRU(16),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
