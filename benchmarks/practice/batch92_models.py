"""Batch-92 symbolic-music scripts (keyword options are the faults, the defaults the healthy
choice): next-frame prediction on 48-pitch piano rolls (multi-hot frames, a sigmoid per pitch,
binary cross-entropy; LSTM / GRU / causal Conv1D), next-note prediction on monophonic melody
tokens (Embedding + LSTM, softmax over pitches), and key classification (24 keys) from piano-roll
excerpts (Conv1D, a small Transformer encoder, or a pitch-class histogram MLP) with
transposition augmentation. Generated songs (`batch92_data`). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch92_data import (
    N_PITCHES,
    N_TOKENS,
    melodies,
    songs,
    train_songs,
    window_starts,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _transpose_rolls(x: np.ndarray, shifts: np.ndarray, wrap: bool) -> np.ndarray:
    """Each roll (n, t, 48) moved by its own number of semitones along the pitch axis: by
    np.roll (the top notes wrap round to the bottom) or by a shift with zero fill."""
    out = np.empty_like(x)
    for i, s in enumerate(shifts):
        if wrap or s == 0:
            out[i] = np.roll(x[i], s, axis=-1)
        elif s > 0:
            out[i] = 0.0
            out[i, :, s:] = x[i, :, :-s]
        else:
            out[i] = 0.0
            out[i, :, :s] = x[i, :, -s:]
    return out


def _frame_windows(window: int, step: int) -> list[np.ndarray]:
    """Windows of `window` frames and the frame after each, from the training songs and the
    validation songs: x, y, xval, yval (and the velocity rolls of the same windows)."""
    data = songs()
    cut = train_songs()
    starts = window_starts(data["rolls"].shape[1], window, step)
    out = []
    for part in (slice(0, cut), slice(cut, None)):
        for source in (data["rolls"][part], data["velocity"][part]):
            xs = np.concatenate([source[:, s:s + window] for s in starts])
            ys = np.concatenate([source[:, s + window] for s in starts])
            out += [xs, ys]
    x, y, vx, vy, xval, yval, vxval, vyval = out
    return [x, y, xval, yval, vx, vy, vxval, vyval]


def roll_next_frame(kit: Kit, *, cell: str = "lstm", units: int = 128, output: str = "sigmoid",
                    loss: str = "binary_crossentropy", values: str = "binary",
                    layout: str = "time_major", transpose_aug: bool = False,
                    aug_targets: bool = True, shuffle_targets: bool = False,
                    dropout: float = 0.0, optimizer: str = "adam", lr: float = 1e-3,
                    epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """Next-frame prediction on piano rolls: a window of 16 eighth-note frames (48 pitches,
    multi-hot) -> the next frame; LSTM(128) -> Dense 48 sigmoid, binary cross-entropy, AUC,
    Adam(1e-3), batch 64, 8 epochs (384 training songs, 96 validation songs, windows every
    4 frames). Options: `cell` ("lstm", "gru", "conv": causal dilated Conv1D), `output`
    activation, `loss`, `values` ("binary"; "velocity": the rolls keep MIDI velocities 0..127
    in inputs and targets; "velocity_input": in the inputs only), `layout` ("time_major";
    "pitch_major": the (pitch, time) roll as pretty_midi returns it, not transposed),
    `transpose_aug` (every training window moved by -5..+6 semitones; `aug_targets` False
    leaves its next frame unmoved), `shuffle_targets` (the next frames shuffled apart from
    their windows), `dropout` on the recurrent output, the optimizer, rate, epochs and batch
    size."""
    x, y, xval, yval, vx, vy, vxval, vyval = _frame_windows(16, 4)
    if values == "velocity":
        x, y, xval, yval = vx, vy, vxval, vyval
    elif values == "velocity_input":
        x, xval = vx, vxval
    keras.utils.set_random_seed(kit.seed)
    rng = np.random.default_rng(kit.seed)
    if transpose_aug:
        shifts = rng.integers(-5, 7, size=len(x))
        x = _transpose_rolls(x, shifts, wrap=False)
        if aug_targets:
            y = _transpose_rolls(y[:, None], shifts, wrap=False)[:, 0]
    if shuffle_targets:
        y = y[rng.permutation(len(y))]
    if layout == "pitch_major":
        x, xval = x.transpose(0, 2, 1), xval.transpose(0, 2, 1)
    inputs = keras.Input(x.shape[1:])
    if cell == "gru":
        h = layers.GRU(units)(inputs)
    elif cell == "conv":
        h = inputs
        for rate in (1, 2, 4, 8):
            h = layers.Conv1D(64, 2, dilation_rate=rate, padding="causal", activation="relu")(h)
        h = layers.Lambda(lambda t: t[:, -1], output_shape=(64,))(h)
    else:
        h = layers.LSTM(units)(inputs)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(N_PITCHES, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[keras.metrics.AUC(name="auc")])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval), shuffle=True)  # fmt: skip


def _note_windows(window: int, step: int) -> list[np.ndarray]:
    """Windows of `window` notes and the note after each, per split: the tokens, the next
    token, and the same windows of durations / velocities with the next note's (the
    durations and velocities are not used by the scripts written)."""
    data = melodies()
    cut = int(0.8 * len(data["tokens"]))
    starts = window_starts(data["tokens"].shape[1], window, step)
    out = []
    for part in (slice(0, cut), slice(cut, None)):
        for key in ("tokens", "durations", "velocities"):
            source = data[key][part]
            out.append(np.concatenate([source[:, s:s + window] for s in starts]))
            out.append(np.concatenate([source[:, s + window] for s in starts]))
    return out


def melody_next_note(kit: Kit, *, inputs_as: str = "embedding", cell: str = "lstm",
                     units: int = 128, output: str = "softmax", from_logits: bool = False,
                     label_smoothing: float = 0.0, transpose_aug: bool = False,
                     aug_targets: bool = True, shuffle_targets: bool = False,
                     dropout: float = 0.0, optimizer: str = "adam", lr: float = 3e-3,
                     epochs: int = 10, batch_size: int = 128) -> Any:  # fmt: skip
    """Next-note prediction on monophonic melodies: 16 note tokens (0 a rest, 1..37 MIDI
    48..84) -> the next token; Embedding(38, 32) -> LSTM(128) -> Dense 38 softmax, sparse
    categorical cross-entropy, accuracy, Adam(3e-3), batch 128, 10 epochs (320 training
    melodies, 80 validation melodies, windows every 3 notes). Options: `inputs_as`
    ("embedding"; "scaled": the token ids as one float feature / 38, as the well-known LSTM
    piano tutorial feeds them; "midi": the raw MIDI numbers (0 for a rest) as one float
    feature), `cell` ("lstm", "gru"), the `output` activation and `from_logits`,
    `label_smoothing` (one-hot targets then), `transpose_aug` (each training window moved by
    -3..+3 semitones within the token range; `aug_targets` False leaves the next note
    unmoved), `shuffle_targets`, `dropout` after the recurrent layer, the optimizer, rate,
    epochs and batch size."""
    x, y, *_, xval, yval, _, _, _, _ = _note_windows(16, 3)
    keras.utils.set_random_seed(kit.seed)
    rng = np.random.default_rng(kit.seed)
    if transpose_aug:
        shifts = rng.integers(-3, 4, size=len(x))
        lo = np.where(x > 0, x, 99).min(axis=1)
        shifts = np.clip(shifts, 1 - np.minimum(lo, y + 99 * (y == 0)),
                         N_TOKENS - 1 - np.maximum(x.max(axis=1), y))  # fmt: skip
        x = np.where(x > 0, x + shifts[:, None], 0)
        if aug_targets:
            y = np.where(y > 0, y + shifts, 0)
    if shuffle_targets:
        y = y[rng.permutation(len(y))]
    if inputs_as == "embedding":
        inputs = keras.Input((x.shape[1],), dtype="int32")
        h = layers.Embedding(N_TOKENS, 32)(inputs)
    else:
        if inputs_as == "scaled":
            x, xval = x / float(N_TOKENS), xval / float(N_TOKENS)
        else:
            x, xval = np.where(x > 0, x + 47, 0), np.where(xval > 0, xval + 47, 0)
        x, xval = x[..., None].astype("float32"), xval[..., None].astype("float32")
        inputs = keras.Input(x.shape[1:])
        h = inputs
    h = layers.GRU(units)(h) if cell == "gru" else layers.LSTM(units)(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(N_TOKENS, activation=output)(h)
    model = keras.Model(inputs, outputs)
    if label_smoothing:
        y, yval = keras.utils.to_categorical(y, N_TOKENS), keras.utils.to_categorical(yval,
                                                                                      N_TOKENS)
        loss = keras.losses.CategoricalCrossentropy(from_logits=from_logits,
                                                    label_smoothing=label_smoothing)
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class PositionalEmbedding(layers.Layer):
    """A learned position embedding added to the frame projection (the Keras examples'
    pattern for a Transformer encoder)."""

    def __init__(self, length: int, dim: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.length, self.dim = length, dim
        self.positions = layers.Embedding(length, dim)

    def call(self, x: Any) -> Any:
        return x + self.positions(ops.arange(self.length))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "length": self.length, "dim": self.dim}


def _encoder_block(h: Any, dim: int, heads: int, ff: int, norm: bool) -> Any:
    a = layers.MultiHeadAttention(heads, dim // heads)(h, h)
    h = layers.Add()([h, a])
    if norm:
        h = layers.LayerNormalization()(h)
    f = layers.Dense(ff, activation="relu")(h)
    f = layers.Dense(dim)(f)
    h = layers.Add()([h, f])
    if norm:
        h = layers.LayerNormalization()(h)
    return h


def key_from_roll(kit: Kit, *, model_type: str = "conv", output: str = "softmax",
                  transpose_aug: bool = False, aug_labels: bool = True, wrap: bool = False,
                  positions: bool = True, norm: bool = True, depth: int = 2,
                  activation: str = "relu", histogram: str = "normalised",
                  shuffle_labels: bool = False,
                  optimizer: str = "adam", lr: float = 1e-3, epochs: int = 10,
                  batch_size: int = 32) -> Any:  # fmt: skip
    """Key classification (24 classes: tonic + 12 x mode, major / harmonic minor) of 32-frame
    piano-roll excerpts (384 training songs x 3 excerpts, 96 validation songs x 3):
    Conv1D(64, 5) ReLU -> MaxPool 2 -> Conv1D(64, 5) ReLU -> GlobalAveragePooling1D ->
    Dense 24 softmax, sparse categorical cross-entropy, accuracy, Adam(1e-3), batch 32, 10
    epochs. Options: `model_type` ("conv"; "transformer": Dense 64 + a learned position
    embedding -> `depth` encoder blocks (4 heads, post-LayerNorm) -> GAP -> softmax;
    "histogram": the 12-bin pitch-class histogram of the excerpt -> Dense 64 -> Dense 64 ->
    softmax), `output` activation, `transpose_aug` (training excerpts moved by -5..+6
    semitones, the key moved with them; `aug_labels` False keeps the original key; `wrap`
    moves by np.roll), `positions` (False: no position embedding), `norm` (the encoder's
    LayerNorms; `depth` the number of blocks, or of conv layers), `activation` of the hidden
    layers, `histogram` ("normalised": each histogram sums to 1; "counts": raw note-frame
    counts), `shuffle_labels`, the optimizer, rate, epochs and batch size."""
    data = songs()
    cut = train_songs()
    starts = [0, 16, 32]
    rolls, key = data["rolls"], data["key"]
    x = np.concatenate([rolls[:cut, s:s + 32] for s in starts])
    y = np.concatenate([key[:cut]] * len(starts))
    xval = np.concatenate([rolls[cut:, s:s + 32] for s in starts])
    yval = np.concatenate([key[cut:]] * len(starts))
    keras.utils.set_random_seed(kit.seed)
    rng = np.random.default_rng(kit.seed)
    if transpose_aug:
        shifts = rng.integers(-5, 7, size=len(x))
        x = np.concatenate([x, _transpose_rolls(x, shifts, wrap)])
        moved = (y % 12 + shifts) % 12 + 12 * (y // 12) if aug_labels else y
        y = np.concatenate([y, moved])
    if shuffle_labels:
        y = y[rng.permutation(len(y))]
    if model_type == "histogram":
        x = x.sum(axis=1).reshape(len(x), 4, 12).sum(axis=1)
        xval = xval.sum(axis=1).reshape(len(xval), 4, 12).sum(axis=1)
        if histogram == "normalised":
            x = x / x.sum(axis=1, keepdims=True)
            xval = xval / xval.sum(axis=1, keepdims=True)
        inputs = keras.Input((12,))
        h = inputs
        for _ in range(depth):
            h = layers.Dense(64, activation=activation)(h)
    elif model_type == "transformer":
        inputs = keras.Input((32, N_PITCHES))
        h = layers.Dense(64)(inputs)
        if positions:
            h = PositionalEmbedding(32, 64)(h)
        for _ in range(depth):
            h = _encoder_block(h, 64, 4, 128, norm)
        h = layers.GlobalAveragePooling1D()(h)
    else:
        inputs = keras.Input((32, N_PITCHES))
        h = inputs
        for i in range(depth):
            h = layers.Conv1D(64, 5, padding="same", activation=activation)(h)
            if i == 0:
                h = layers.MaxPooling1D(2)(h)
        h = layers.GlobalAveragePooling1D()(h)
    outputs = layers.Dense(24, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip

