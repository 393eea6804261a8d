"""Batch-79 algorithmic-task scripts (keyword options are the faults, the defaults the healthy
choice): 3-digit addition from character strings with an LSTM encoder-decoder (the classic
"addition RNN": one-hot characters, RepeatVector, a per-step softmax over digits), sorting
digit sequences with a small Transformer encoder (token + position embeddings, a softmax per
output position), bracket matching with a masked GRU, running sums of digit sequences with a
sequence-to-sequence LSTM regression, and a neural accumulator (NAC) custom layer learning a
signed sum, validated on a larger input range. Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch79_data import (
    ADD_CHARS,
    addition_problems,
    bracket_strings,
    running_sums,
    signed_sums,
    sort_sequences,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _shuffled(a: np.ndarray, seed: int) -> np.ndarray:
    return a[np.random.default_rng(seed).permutation(len(a))]


def addition_rnn(kit: Kit, *, reverse: bool = True, encoding: str = "onehot",
                 cell: str = "lstm", units: int = 128, output: str = "softmax",
                 answer_order: str = "msd", shuffle_answers: bool = False,
                 optimizer: str = "adam", lr: float = 3e-3, epochs: int = 20,
                 batch_size: int = 64) -> Any:  # fmt: skip
    """3-digit addition "a+b" as 7 characters (8000 train, 2000 validate; distinct pairs):
    one-hot characters (12 symbols), the question reversed (Sutskever's trick, as the Keras
    example) -> LSTM 128 -> RepeatVector(4) -> LSTM 128 (sequences) -> Dense 10 softmax per
    answer digit; sparse CE, per-digit accuracy, Adam(3e-3), batch 64, 20 epochs. Options:
    `reverse`, `encoding` ("onehot"; "ordinal": each character as one number, its index
    0..11), `cell` ("lstm" / "gru"), `units`, `output` activation, `answer_order` ("msd";
    "lsd": the answer digits least significant first), `shuffle_answers` (the training
    answers shuffled apart from their questions), the optimizer, rate, epochs and batch."""
    chars, answer, charsval, answerval = addition_problems()
    if reverse:
        chars, charsval = chars[:, ::-1], charsval[:, ::-1]
    if answer_order == "lsd":
        answer, answerval = answer[:, ::-1], answerval[:, ::-1]
    if encoding == "ordinal":
        x, xval = chars[..., None].astype("float32"), charsval[..., None].astype("float32")
    else:
        eye = np.eye(len(ADD_CHARS), dtype="float32")
        x, xval = eye[chars], eye[charsval]
    keras.utils.set_random_seed(kit.seed)
    if shuffle_answers:
        answer = _shuffled(answer, kit.seed)
    rnn = layers.GRU if cell == "gru" else layers.LSTM
    inputs = keras.Input(x.shape[1:])
    h = rnn(units)(inputs)
    h = layers.RepeatVector(answer.shape[1])(h)
    h = rnn(units, return_sequences=True)(h)
    outputs = layers.Dense(10, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, answer, probe_data=(x, answer), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, answerval))  # fmt: skip


class TokenAndPosition(layers.Layer):
    """Token embedding plus a learned position embedding (the Keras Transformer examples'
    layer); `positions=False` leaves the position embedding out."""

    def __init__(self, length: int, vocab: int, dim: int, positions: bool = True,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.length, self.vocab, self.dim, self.positions = length, vocab, dim, positions
        self.tokens = layers.Embedding(vocab, dim)
        self.position = layers.Embedding(length, dim)

    def call(self, x: Any) -> Any:
        h = self.tokens(x)
        if self.positions:
            h = h + self.position(ops.arange(self.length))
        return h

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "length": self.length, "vocab": self.vocab,
                "dim": self.dim, "positions": self.positions}  # fmt: skip


def sort_transformer(kit: Kit, *, positions: bool = True, blocks: int = 2,
                     causal: bool = False, norm: str = "post", residual: bool = True,
                     dropout: float = 0.0, output: str = "softmax", labels: str = "sorted",
                     optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                     batch_size: int = 64) -> Any:  # fmt: skip
    """Sort 8 digits (8000 train, 2000 validate): token + position embeddings (64) -> 2 x
    [MultiHeadAttention (4 heads, key 16) + residual -> LayerNorm -> Dense 128 ReLU -> Dense
    64 + residual -> LayerNorm] -> Dense 10 softmax per position; sparse CE, per-position
    accuracy, Adam(1e-3), batch 64, 10 epochs. Options: `positions` (False: no position
    embedding), `blocks`, `causal` (the attention with use_causal_mask), `norm` ("post";
    "pre"; "none"), `residual`, `dropout`, `output` activation, `labels` ("sorted";
    "descending": sorted from the largest), the optimizer, rate, epochs and batch."""
    x, y, xval, yval = sort_sequences()
    if labels == "descending":
        y, yval = y[:, ::-1], yval[:, ::-1]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8,), dtype="int32")
    h = TokenAndPosition(8, 10, 64, positions)(inputs)
    for _ in range(blocks):
        a = layers.LayerNormalization()(h) if norm == "pre" else h
        a = layers.MultiHeadAttention(4, 16, dropout=dropout)(a, a, use_causal_mask=causal)
        h = h + a if residual else a
        if norm == "post":
            h = layers.LayerNormalization()(h)
        f = layers.LayerNormalization()(h) if norm == "pre" else h
        f = layers.Dense(128, activation="relu")(f)
        f = layers.Dense(64)(f)
        f = layers.Dropout(dropout)(f)
        h = h + f if residual else f
        if norm == "post":
            h = layers.LayerNormalization()(h)
    if norm == "pre":
        h = layers.LayerNormalization()(h)
    outputs = layers.Dense(10, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def brackets_gru(kit: Kit, *, mask: bool = True, padding: str = "post", maxlen: int = 24,
                 truncating: str = "post", units: int = 32, output: str = "sigmoid",
                 loss: str = "binary_crossentropy", bidirectional: bool = False,
                 shuffle_labels: bool = False, lr: float = 3e-3, epochs: int = 12,
                 batch_size: int = 64) -> Any:  # fmt: skip
    """Balanced brackets (strings of 4..24 brackets, half balanced, half a near miss; 6000
    train, 1500 validate): tokens padded with 0 after the string to 24 (`pad_sequences`) ->
    Embedding(3, 16, mask_zero) -> GRU 32 -> Dense 1 sigmoid; binary CE, Adam(3e-3), batch 64,
    12 epochs. Options: `mask` (mask_zero), `padding` ("post" / "pre"), `maxlen` and
    `truncating` of pad_sequences, `units`, `output` activation and `loss`,
    `bidirectional`, `shuffle_labels` (the training labels shuffled apart), rate, epochs
    and batch."""
    x, y, xval, yval = bracket_strings()

    def pad(rows: np.ndarray) -> np.ndarray:
        seqs = [list(r[r > 0]) for r in rows]
        return keras.utils.pad_sequences(seqs, maxlen=maxlen, padding=padding,
                                         truncating=truncating)  # fmt: skip

    x, xval = pad(x), pad(xval)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = _shuffled(y, kit.seed)
    inputs = keras.Input((maxlen,), dtype="int32")
    h = layers.Embedding(3, 16, mask_zero=mask)(inputs)
    rnn = layers.GRU(units)
    h = layers.Bidirectional(rnn)(h) if bidirectional else rnn(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def running_sum_lstm(kit: Kit, *, x_scale: float = 9.0, y_scale: float = 90.0,
                     target_shift: int = 0, units: int = 32, output: str = "linear",
                     return_state: str = "sequences", optimizer: str = "adam",
                     lr: float = 3e-3, epochs: int = 15, batch_size: int = 32) -> Any:  # fmt: skip
    """Running sums of 20 digits (4000 train, 1000 validate): x / 9, the running sum / 90
    (0..2) -> LSTM 32 (return_sequences) -> Dense 1 per step; MSE, MAE metric, Adam(3e-3),
    batch 32, 15 epochs. Options: `x_scale` and `y_scale` (the divisors; 1: raw units),
    `target_shift` (the targets shifted along time: +1 = the sum one step ahead, an
    off-by-one in the windowing), `units`, `output` activation, `return_state` ("sequences";
    "bidirectional": a Bidirectional LSTM, the future visible), the optimizer, rate, epochs
    and batch."""
    x, y, xval, yval = running_sums()
    x, xval = x / x_scale, xval / x_scale
    y, yval = y / y_scale, yval / y_scale
    if target_shift:
        y = np.concatenate([y[:, target_shift:], np.repeat(y[:, -1:], target_shift, 1)], 1)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20, 1))
    rnn = layers.LSTM(units, return_sequences=True)
    h = layers.Bidirectional(rnn)(inputs) if return_state == "bidirectional" else rnn(inputs)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class NAC(layers.Layer):
    """Neural accumulator (Trask et al. 2018): y = x W with W = tanh(W_hat) * sigmoid(M_hat),
    pushed towards -1, 0, 1. `init` is the initializer of W_hat and M_hat."""

    def __init__(self, units: int, init: str = "glorot_uniform", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units, self.init = units, init

    def build(self, input_shape: Any) -> None:
        shape = (input_shape[-1], self.units)
        self.w_hat = self.add_weight(shape, initializer=self.init, name="w_hat")
        self.m_hat = self.add_weight(shape, initializer=self.init, name="m_hat")

    def call(self, x: Any) -> Any:
        return ops.matmul(x, ops.tanh(self.w_hat) * ops.sigmoid(self.m_hat))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "init": self.init}


def nac_signed_sum(kit: Kit, *, unit: str = "nac", layers_: int = 2, hidden: int = 8,
                   init: str = "glorot_uniform", standardize: str = "none",
                   optimizer: str = "adam", lr: float = 1e-2, epochs: int = 30,
                   batch_size: int = 64) -> Any:  # fmt: skip
    """y = x0 + x1 - x2 + x3 from 10 numbers (6 distractors), trained on inputs in 0..1 (4000
    rows), validated on inputs in 0..5 (1000 rows, extrapolation): NAC 8 -> NAC 1 (W =
    tanh(W_hat) sigmoid(M_hat), no bias); MSE, MAE metric, Adam(1e-2), batch 64, 30 epochs.
    Options: `unit` ("nac"; "dense_relu": Dense 8 ReLU -> Dense 1 in its place, "dense":
    Dense 8 -> Dense 1 linear), `layers_` (1: a single NAC 1), `hidden`, `init` of W_hat and
    M_hat, `standardize` ("none"; "train": x standardised with the training mean / std;
    "each": each split with its own statistics), the optimizer, rate, epochs and batch."""
    x, y, xval, yval = signed_sums()
    if standardize == "train":
        mean, std = x.mean(0), x.std(0)
        x, xval = (x - mean) / std, (xval - mean) / std
    elif standardize == "each":
        x = (x - x.mean(0)) / x.std(0)
        xval = (xval - xval.mean(0)) / xval.std(0)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((10,))
    if unit == "nac":
        h = NAC(hidden, init)(inputs) if layers_ > 1 else inputs
        outputs = NAC(1, init)(h)
    else:
        act = "relu" if unit == "dense_relu" else None
        h = layers.Dense(hidden, activation=act)(inputs)
        outputs = layers.Dense(1)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
