"""Batch-45 recurrent scripts (keyword options are the faults, the defaults the healthy
choice): a token tagger (Embedding(mask_zero) -> [Bi]LSTM / GRU -> TimeDistributed softmax),
a stacked recurrent waveform classifier, a one-step-ahead LSTM forecaster on sliding
windows and a many-to-many LSTM denoiser.
Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch45_data import denoise, series, tagging, waves
from benchmarks.practice.kit import Kit

_RNN = {"lstm": layers.LSTM, "gru": layers.GRU, "simple": layers.SimpleRNN}


class MaskedAccuracy(keras.metrics.Metric):
    """Token accuracy over the real tokens only (tag 0 is padding), as the TF tagging
    tutorials write it; the same count with or without a Keras mask."""

    def __init__(self, name: str = "masked_accuracy", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.hits = self.add_variable((), initializer="zeros", name="hits")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        y_true = ops.cast(ops.reshape(y_true, ops.shape(y_pred)[:-1]), "int32")
        guess = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
        real = ops.cast(ops.not_equal(y_true, 0), "float32")
        self.hits.assign_add(ops.sum(ops.cast(ops.equal(y_true, guess), "float32") * real))
        self.count.assign_add(ops.sum(real))

    def result(self) -> Any:
        return self.hits / ops.maximum(self.count, 1.0)

    def reset_state(self) -> None:
        self.hits.assign(0.0)
        self.count.assign(0.0)


def pos_tagger(kit: Kit, *, rnn: str = "lstm", bidirectional: bool = True, depth: int = 1,
               units: int = 32, mask_zero: bool = True, labels: str = "aligned",
               maxlen: int = 32, recurrent_dropout: float = 0.0, dropout: float = 0.0,
               merge_mode: str = "concat", lr: float = 1e-3, batch_size: int = 64,
               epochs: int = 8) -> Any:  # fmt: skip
    """Token tagging (1500 sentences of 6..30 words, post-padded to 32, 600 validate; 6 tags,
    a third of the words ambiguous): Embedding(211, 32, mask_zero=True) -> Bidirectional(
    LSTM(32, return_sequences=True)) x `depth` -> TimeDistributed(Dense(7, softmax)), sparse
    CE, masked token accuracy (padding excluded), Adam(1e-3), batch 64, 8 epochs. Options:
    `rnn` (lstm / gru / simple), `bidirectional`, `depth`, `units`, `mask_zero` (False: the
    padding steps are read by the RNN and counted in the loss, no sample weights),
    `labels` ("aligned"; "shifted": each token labelled with the next token's tag, as
    `y[:, 1:]` against `x[:, :-1]`; "transposed": the label matrix built time-major and
    reshaped, `y.T.reshape(n, maxlen)`), `maxlen` (pad to a longer length),
    `recurrent_dropout` / `dropout` in the recurrent layers, `merge_mode`, rate, batch,
    epochs."""
    x, xval, y, yval = tagging()
    if maxlen > x.shape[1]:
        extra = maxlen - x.shape[1]
        x, xval = (np.pad(a, ((0, 0), (0, extra))) for a in (x, xval))
        y, yval = (np.pad(a, ((0, 0), (0, extra))) for a in (y, yval))
    if labels == "shifted":  # y[:, 1:] against x[:, :-1]: the next token's tag
        x, xval = x[:, :-1], xval[:, :-1]
        y, yval = y[:, 1:], yval[:, 1:]
    elif labels == "transposed":  # built as (time, batch), reshaped without transposing back
        y = y.T.reshape(y.shape)
        yval = yval.T.reshape(yval.shape)
    keras.utils.set_random_seed(kit.seed)
    vocabulary = int(x.max()) + 1
    model = keras.Sequential([keras.Input((x.shape[1],), dtype="int32"),
                              layers.Embedding(vocabulary, 32, mask_zero=mask_zero)])  # fmt: skip
    for _ in range(depth):
        cell = _RNN[rnn](units, return_sequences=True, dropout=dropout,
                         recurrent_dropout=recurrent_dropout)  # fmt: skip
        model.add(layers.Bidirectional(cell, merge_mode=merge_mode) if bidirectional else cell)
    model.add(layers.TimeDistributed(layers.Dense(int(y.max()) + 1, activation="softmax")))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=[MaskedAccuracy()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def wave_classifier(kit: Kit, *, rnn: str = "lstm", depth: int = 2, units: int = 32,
                    activation: str = "tanh", scale: str = "standard", layout: str = "time",
                    return_sequences_last: bool = False, pool: str = "none",
                    lr: float = 3e-3, clipnorm: float | None = None, batch_size: int = 32,
                    epochs: int = 12) -> Any:  # fmt: skip
    """Waveform classification (1600 training / 400 validation series of 48 steps, 2
    channels in sensor units, 4 classes): standardised per channel with the training
    statistics, LSTM(32, return_sequences=True) -> LSTM(32) -> Dense(4, softmax), sparse CE,
    Adam(3e-3), batch 32, 12 epochs. Options: `rnn` (lstm / gru / simple), `depth` of the
    stack, `units`, `activation` of the recurrent layers, `scale` ("standard"; "none": the
    raw units ~300..700 and ~50..110), `layout` ("time": (n, 48, 2); "transposed": x
    .transpose(0, 2, 1), 2 'steps' of 48 features), `return_sequences_last` (the last
    recurrent layer keeps return_sequences=True, `pool` "flatten" / "gap" after it),
    rate, `clipnorm`, batch, epochs."""
    x, xval, y, yval = waves()
    if scale == "standard":
        mean, sd = x.mean(axis=(0, 1)), x.std(axis=(0, 1))
        x, xval = (x - mean) / sd, (xval - mean) / sd
    if layout == "transposed":  # np.transpose(x, (0, 2, 1)): channels read as the time axis
        x, xval = x.transpose(0, 2, 1), xval.transpose(0, 2, 1)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input(x.shape[1:])])
    for i in range(depth):
        last = i == depth - 1
        model.add(_RNN[rnn](units, activation=activation,
                            return_sequences=not last or return_sequences_last))  # fmt: skip
    if pool == "flatten":
        model.add(layers.Flatten())
    elif pool == "gap":
        model.add(layers.GlobalAveragePooling1D())
    model.add(layers.Dense(4, activation="softmax"))
    model.compile(keras.optimizers.Adam(lr, clipnorm=clipnorm),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _windows(values: np.ndarray, window: int) -> tuple[np.ndarray, np.ndarray]:
    idx = np.arange(window)[None, :] + np.arange(len(values) - window)[:, None]
    return values[idx][..., None], values[window:][:, None]


def load_forecast(kit: Kit, *, window: int = 48, units: int = 32, scale: str = "standard",
                  head: str = "last", shuffle: bool = True, lr: float = 1e-3,
                  batch_size: int = 64, epochs: int = 12) -> Any:  # fmt: skip
    """One-step-ahead forecast of a generated hourly load series (6000 steps, first 80 %
    train, the rest validate): standardised with the training part's mean / sd, sliding
    windows of 48 -> the next value, LSTM(32) -> Dense(1), MSE, Adam(1e-3), batch 64, 12
    epochs. Options: `scale` ("standard"; "target_only": the windows cut from the raw series
    (~150..290) and only the target column standardised), `head` ("last"; "sequences":
    LSTM(return_sequences=True) kept before Dense(1), so every step's output is fitted to
    the one next value), `window`, `units`, `shuffle`, rate, batch, epochs."""
    values = series()
    cut = int(len(values) * 0.8)
    mean, sd = values[:cut].mean(), values[:cut].std()
    scaled = (values - mean) / sd
    x_all, _ = _windows(values if scale == "target_only" else scaled, window)
    _, y_all = _windows(scaled, window)
    split = cut - window
    x, xval, y, yval = x_all[:split], x_all[split:], y_all[:split], y_all[split:]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((window, 1)),
                              layers.LSTM(units, return_sequences=head == "sequences"),
                              layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), shuffle=shuffle)  # fmt: skip


def denoiser(kit: Kit, *, units: int = 32, bidirectional: bool = False, shift: int = 0,
             lr: float = 1e-3, batch_size: int = 32, epochs: int = 12) -> Any:  # fmt: skip
    """Many-to-many denoising (1200 training / 500 validation noisy two-sine series of 48
    steps): LSTM(32, return_sequences=True) -> TimeDistributed(Dense(1)), MSE, Adam(1e-3),
    batch 32, 12 epochs. Options: `bidirectional`, `shift` (1: the clean targets one step
    ahead of the inputs, `y[:, 1:]` against `x[:, :-1]`), `units`, rate, batch, epochs."""
    x, xval, y, yval = denoise()
    if shift:
        x, xval = x[:, :-shift], xval[:, :-shift]
        y, yval = y[:, shift:], yval[:, shift:]
    keras.utils.set_random_seed(kit.seed)
    cell = layers.LSTM(units, return_sequences=True)
    model = keras.Sequential([keras.Input(x.shape[1:]),
                              layers.Bidirectional(cell) if bidirectional else cell,
                              layers.TimeDistributed(layers.Dense(1))])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip

