"""Batch-14 scripts, sequences and sets: a character-level Conv1D on words given as padded
letter arrays (`StringLookup` + `CategoryEncoding(one_hot)` inside the model), attention over
padded point sets with an explicit `attention_mask`, a per-step regression with
`TimeDistributed` Dense heads and per-step `sample_weight`, and ragged token lists through
`tf.data` `padded_batch`. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); each docstring names the kind of
public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch14_data import (
    point_sets,
    pseudo_words,
    ragged_reviews,
    running_mean_sequences,
)
from benchmarks.practice.kit import Kit


def char_cnn(kit: Kit, *, max_tokens: int | None = None, epochs: int = 10) -> Any:
    """Language of a word from its letters, (n, 12) single letters padded with "":
    StringLookup(mask_token="") adapted on the training words -> CategoryEncoding(one_hot)
    -> Conv1D(64, 3) x2 -> GlobalMaxPooling1D -> Dense 32 -> softmax; sparse CE, accuracy;
    Adam(2e-3); tf.data (shuffle, batch 64). Fault: `max_tokens=6` kept from a tutorial's
    toy vocabulary, so only the 4 most frequent letters keep their own index and the other
    16 share the OOV index (Stack Overflow "StringLookup / TextVectorization max_tokens too
    small: most tokens [UNK]")."""
    x, y, xv, yv = pseudo_words()
    keras.utils.set_random_seed(kit.seed)
    lookup = layers.StringLookup(max_tokens=max_tokens, mask_token="")
    lookup.adapt(tf.constant(x))
    data = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=kit.seed).batch(64)
    valid = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    inputs = keras.Input((12,), dtype="string")
    h = layers.CategoryEncoding(lookup.vocabulary_size(), output_mode="one_hot")(lookup(inputs))
    h = layers.Conv1D(64, 3, padding="same", activation="relu")(h)
    h = layers.Conv1D(64, 3, padding="same", activation="relu")(h)
    h = layers.Dense(32, activation="relu")(layers.GlobalMaxPooling1D()(h))
    model = keras.Model(inputs, layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, data, probe_data=data, epochs=epochs, validation_data=valid)


def set_attention(kit: Kit, *, mask_means_padding: bool = False, epochs: int = 15) -> Any:
    """Shape of a padded 2-D point set (circle / disc / segment), inputs [points (24, 2),
    mask (24,) 1.0 on real points]: Dense 32 per point -> MultiHeadAttention(2 heads,
    key_dim 16, attention_mask = mask over the keys) + residual -> LayerNormalization ->
    Dense 32 -> mean over the real points -> Dense 32 -> softmax; sparse CE, accuracy;
    Adam(2e-3), batch 64. Fault: the mask passed the PyTorch way (`key_padding_mask`: True
    on padding), so every point attends only to the padding (GitHub / Stack Overflow
    "Keras MultiHeadAttention attention_mask True means attend, PyTorch means ignore")."""
    x, mask, y, xv, mask_v, yv = point_sets()
    mask, mask_v = mask.astype("float32"), mask_v.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    points, keep = keras.Input((24, 2), name="points"), keras.Input((24,), name="mask")
    keys = ops.cast(keep, "bool")
    if mask_means_padding:
        keys = ops.logical_not(keys)
    attention_mask = ops.repeat(ops.expand_dims(keys, 1), 24, axis=1)
    h = layers.Dense(32, activation="relu")(points)
    a = layers.MultiHeadAttention(2, 16)(h, h, attention_mask=attention_mask)
    h = layers.Dense(32, activation="relu")(layers.LayerNormalization()(h + a))
    weights = ops.expand_dims(keep, -1)
    pooled = ops.sum(h * weights, axis=1) / ops.maximum(ops.sum(weights, axis=1), 1.0)
    h = layers.Dense(32, activation="relu")(pooled)
    model = keras.Model([points, keep], layers.Dense(3, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [x, mask], y, probe_data=([x, mask], y), epochs=epochs,
                   batch_size=64, validation_data=([xv, mask_v], yv))  # fmt: skip


def stepwise_weighted(kit: Kit, *, epochs: int = 12) -> Any:
    """Per-step running mean of a padded sequence (20..50 real steps of 50): LSTM(32,
    return_sequences) -> TimeDistributed(Dense 16, ReLU) -> TimeDistributed(Dense 1); MSE with
    per-step `sample_weight` (n, 50), 1 on real steps and 0 on padding, for training and
    validation; Adam(3e-3), batch 32."""
    x, y, w, xv, yv, wv = running_mean_sequences()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((50, 2)), layers.LSTM(32, return_sequences=True),
                              layers.TimeDistributed(layers.Dense(16, activation="relu")),
                              layers.TimeDistributed(layers.Dense(1))])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return kit.fit(model, x, y, probe_data=(x, y), sample_weight=w, epochs=epochs,
                   batch_size=32, validation_data=(xv, yv, wv))  # fmt: skip


def padded_batch_gru(kit: Kit, *, shuffle_after_batch: bool = False, epochs: int = 8) -> Any:
    """Sentiment of ragged token lists (5..40 ids) via tf.data: `Dataset.from_generator` of
    (ids, label) pairs -> `.shuffle(len)` -> `.padded_batch(64)`; Embedding(60, 16, mask_zero) ->
    GRU(24) -> sigmoid; BCE, accuracy; Adam(3e-3). The training rows are stored grouped by
    label. Fault: `.padded_batch(64).shuffle(1)` (batched first, then a shuffle buffer of 1
    "just to keep the call"), so each epoch sees all negatives, then all positives (Stack
    Overflow "tf.data shuffle after batch / buffer_size=1 does nothing: model predicts the
    last class")."""
    x, y, xv, yv = ragged_reviews()
    spec = (tf.TensorSpec([None], tf.int32), tf.TensorSpec([], tf.float32))

    def rows(ids: list[list[int]], labels: Any) -> tf.data.Dataset:
        pairs = list(zip(ids, labels.astype("float32"), strict=True))
        return tf.data.Dataset.from_generator(lambda: iter(pairs), output_signature=spec)

    data = rows(x, y)
    if shuffle_after_batch:
        data = data.padded_batch(64).shuffle(1)
    else:
        data = data.shuffle(len(x), seed=kit.seed).padded_batch(64)
    valid = rows(xv, yv).padded_batch(256)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((None,), dtype="int32"),
                              layers.Embedding(60, 16, mask_zero=True), layers.GRU(24),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, data, probe_data=data, epochs=epochs, validation_data=valid)

