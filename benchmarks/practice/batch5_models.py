"""Batch-5 scripts, model shapes: a functional model of a `keras.Model` subclass with its own
`train_step` (keras-io's "customizing what happens in fit" pattern), a three-input functional
model with an Embedding on a store id, a `keras.utils.PyDataset` feeding a CNN with noise,
an Embedding(mask_zero=True) + GlobalAveragePooling1D and an LSTM on post-padded token ids,
Lambda layers with `keras.ops` (log1p of counts, a softmax head), a Conv1D on signals, and a
CNN with L2 on every kernel. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); the comment above each option names
the public report it follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import digit_images, digits_raw_flat
from benchmarks.practice.batch5_data import (
    N_STORES,
    VOCAB,
    event_counts,
    padded_reviews,
    store_demand,
)
from benchmarks.practice.data import signals
from benchmarks.practice.kit import Kit

PKG = "practice5"


@keras.saving.register_keras_serializable(package=PKG)
class StepModel(keras.Model):
    """keras-io's "customizing what happens in fit()": a functional model whose class overrides
    `train_step` (GradientTape, the compiled loss, the compiled metrics by hand) and logs the
    gradient norm of each step next to them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.grad_norm = keras.metrics.Mean(name="grad_norm")

    def train_step(self, data):  # type: ignore[no-untyped-def]
        x, y = data[0], data[1]
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        self.grad_norm.update_state(tf.linalg.global_norm(grads))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            elif metric.name != "grad_norm":
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def train_step_digits(kit: Kit, *, reduction: str = "sum_over_batch_size",
                      epochs: int = 10) -> Any:  # fmt: skip
    """Digits (64 pixels / 16), Dense 128-64 + Dropout, softmax; SGD(0.05, momentum 0.9),
    batch 64, through the custom train_step above. Fault: the loss built with
    reduction="sum" (the tf.distribute custom-loop advice, "sum, then divide by the global
    batch size", without the division; tensorflow.org/api_docs/python/tf/keras/losses/Reduction):
    every gradient x64."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dropout(0.2)(h)
    h = layers.Dense(64, activation="relu")(h)
    model = StepModel(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9),
                  keras.losses.SparseCategoricalCrossentropy(reduction=reduction),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def store_three_inputs(kit: Kit, *, store_vocab: int = N_STORES, epochs: int = 12) -> Any:
    """Three inputs by name: 8 numeric columns (StandardScaler), a store id -> Embedding(.., 4)
    -> Flatten, 6 binary flags; Dense 64-32, softmax over 3 demand levels; Nadam(2e-3),
    batch 32. Fault: Embedding(input_dim=15) while the ids run to 19 (input_dim taken as the
    stores of the first export; 'indices[..] = 19 is not in [0, 15)' on CPU, silent zeros on
    GPU: github.com/TannerGilbert/Tutorials/issues/1, tensorflow/tensorflow#37254)."""
    x, y, xv, yv = store_demand()
    scaler = StandardScaler().fit(x["numeric"])
    x = {**x, "numeric": scaler.transform(x["numeric"]).astype("float32")}
    xv = {**xv, "numeric": scaler.transform(xv["numeric"]).astype("float32")}
    keras.utils.set_random_seed(kit.seed)
    numeric = keras.Input((8,), name="numeric")
    store = keras.Input((1,), dtype="int64", name="store")
    flags = keras.Input((6,), name="flags")
    emb = layers.Flatten()(layers.Embedding(store_vocab, 4)(store))
    h = layers.Concatenate()([numeric, emb, flags])
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model({"numeric": numeric, "store": store, "flags": flags},
                        layers.Dense(3, activation="softmax")(h))  # fmt: skip
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


class NoisyDigits(keras.utils.PyDataset):
    """Digit images in batches, Gaussian pixel noise per batch, reshuffled at each epoch end."""

    def __init__(self, x: np.ndarray, y: np.ndarray, batch_size: int, seed: int,
                 shuffle_labels: bool = True, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size
        self.rng = np.random.default_rng(seed)
        self.shuffle_labels = shuffle_labels

    def __len__(self) -> int:
        return int(np.ceil(len(self.x) / self.batch_size))

    def __getitem__(self, idx: int) -> tuple[np.ndarray, np.ndarray]:
        part = slice(idx * self.batch_size, (idx + 1) * self.batch_size)
        xb = self.x[part]
        noise = self.rng.normal(0, 0.05, xb.shape).astype("float32")
        return np.clip(xb + noise, 0, 1), self.y[part]

    def on_epoch_end(self) -> None:
        order = self.rng.permutation(len(self.x))
        self.x = self.x[order]
        if self.shuffle_labels:
            self.y = self.y[order]


def pydataset_cnn(kit: Kit, *, shuffle_labels: bool = True, epochs: int = 8) -> Any:
    """Digit images (8x8) from a PyDataset (batch 32, pixel noise), Conv 16-32 + MaxPool, Dense
    64, softmax; Adam. Fault: on_epoch_end permutes the images and not the labels (the
    Sequence examples shuffle an index array; this one shuffles the arrays, one of them):
    pairs broken from epoch 2 on."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    data = NoisyDigits(x, y, 32, kit.seed, shuffle_labels=shuffle_labels)
    model = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Flatten(), layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, data, probe_data=(x, y), epochs=epochs, validation_data=(xv, yv))


def masked_pooling(kit: Kit, *, mask_zero: bool = True, epochs: int = 8) -> Any:
    """Post-padded reviews: Embedding(300, 16, mask_zero=True) -> GlobalAveragePooling1D (the
    mask keeps the padding out of the mean) -> Dense 16 -> sigmoid; Adam, batch 32. Fault:
    mask_zero left off, so the mean runs over the 60 positions, 40-55 of them padding: each
    review's words are diluted by its own padding share. (A first version of this fault,
    GlobalAveragePooling1D(data_format="channels_first") on the masked embedding, makes Keras
    raise in the layer's mask handling: it only tested Keras.)"""
    x, y, xv, yv = padded_reviews()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int64"), layers.Embedding(VOCAB, 16, mask_zero=mask_zero),
        layers.GlobalAveragePooling1D(),
        layers.Dense(16, activation="relu"), layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def lstm_padded(kit: Kit, *, mask_zero: bool = True, epochs: int = 6) -> Any:
    """Post-padded reviews (5-20 words, padded to 60): Embedding(300, 16, mask_zero) ->
    LSTM(24) -> sigmoid; Adam(3e-3), batch 64. Fault: mask_zero=False, so the LSTM reads
    40-55 padding steps after the last word before its state is used (stackoverflow.com/q/46298793:
    "the hidden state ... 'flushed out' by all the zero inputs that come after")."""
    x, y, xv, yv = padded_reviews()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],), dtype="int64"),
        layers.Embedding(VOCAB, 16, mask_zero=mask_zero), layers.LSTM(24),
        layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def log1p_counts(t: Any) -> Any:
    return ops.log1p(t)


def log_counts(t: Any) -> Any:
    return ops.log(t)


def softmax_rows(t: Any) -> Any:
    return ops.softmax(t / 1.5, axis=-1)


def softmax_batch(t: Any) -> Any:
    return ops.softmax(t / 1.5, axis=0)


def counts_lambda(kit: Kit, *, transform: str = "log1p", softmax_axis: int = -1,
                  epochs: int = 15) -> Any:  # fmt: skip
    """Raw event counts (many zeros) -> Lambda(keras.ops.log1p) -> Dense 64-32 -> Dense(4) ->
    Lambda(softmax(logits / 1.5)) (a temperature head written with keras.ops); sparse CE,
    Adam, batch 32. Faults: ops.log instead of log1p (log 0 = -inf: NaN loss, as the "NaN
    from K.log" threads report); the softmax taken over axis 0 (the batch) in the Lambda."""
    x, y, xv, yv = event_counts()
    keras.utils.set_random_seed(kit.seed)
    first = log1p_counts if transform == "log1p" else log_counts
    head = softmax_rows if softmax_axis == -1 else softmax_batch
    model = keras.Sequential([
        keras.Input((12,)), layers.Lambda(first), layers.Dense(64, activation="relu"),
        layers.Dense(32, activation="relu"), layers.Dense(4), layers.Lambda(head),
    ])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def signal_conv(kit: Kit, *, flatten: bool = True, epochs: int = 10) -> Any:
    """Noisy 1-D signals (64 steps, 3 wave shapes): Conv1D 16/32 + MaxPool, Flatten, Dense 32,
    softmax; RMSprop(1e-3), batch 32. Fault: no Flatten, so the Dense layers run per time
    step and the output is (batch, 16, 3) against one label a row (the "Dense on a 3-D input"
    questions: openillumi.com/?p=88628)."""
    x, y, xv, yv = signals()
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [
        keras.Input((64, 1)), layers.Conv1D(16, 5, padding="same", activation="relu"),
        layers.MaxPooling1D(2), layers.Conv1D(32, 5, padding="same", activation="relu"),
        layers.MaxPooling1D(2),
    ]  # fmt: skip
    if flatten:
        stack.append(layers.Flatten())
    stack += [layers.Dense(32, activation="relu"), layers.Dense(3, activation="softmax")]
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.RMSprop(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def cnn_regularized(kit: Kit, *, l2: float = 1e-4, epsilon: float = 1e-7,
                    epochs: int = 10) -> Any:  # fmt: skip
    """Digit images: Conv 16-32 + MaxPool, Dense 64, softmax, L2 on every kernel; Adam(1e-3,
    epsilon), batch 32. Faults: L2(1.0) (a "regularise harder" sweep stopped at the largest
    value); Adam(epsilon=1.0) (the TF docs' "1.0 or 0.1 for Inception on ImageNet" copied to a
    small net: devpeace.com/machine-learning/43221065)."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    reg = keras.regularizers.L2(l2)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu", kernel_regularizer=reg),
        layers.Conv2D(32, 3, padding="same", activation="relu", kernel_regularizer=reg),
        layers.MaxPooling2D(), layers.Flatten(),
        layers.Dense(64, activation="relu", kernel_regularizer=reg),
        layers.Dense(10, activation="softmax", kernel_regularizer=reg),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3, epsilon=epsilon),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
