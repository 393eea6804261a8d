"""Batch-4 scripts, model shapes: TextVectorization on raw sentences with Embedding and an
attention pooling under a warm-up schedule (AdamW), a 1D CNN on waveforms with
GaussianNoise (Nadam), a SeparableConv2D CNN on digits with BatchNorm, a windowed
forecaster fed by `timeseries_dataset_from_array(...).repeat()` with steps_per_epoch, and a
pre-trained (autoencoder) encoder frozen under a new head trained on 300 labels. Each
script calls `kit.fit`; keyword options are the faults of `cases.py`."""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch3_data import digit_images, digits_raw_flat
from benchmarks.practice.batch4_data import long_series, topic_sentences, waveforms
from benchmarks.practice.kit import Kit

PKG = "practice4"


@keras.saving.register_keras_serializable(package=PKG)
class LinearWarmup(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up from 0 to `peak` over `warmup_steps`, constant afterwards."""

    def __init__(self, peak: float, warmup_steps: int) -> None:
        self.peak, self.warmup_steps = peak, warmup_steps

    def __call__(self, step):  # type: ignore[no-untyped-def]
        step = keras.ops.cast(step, "float32")
        return self.peak * keras.ops.minimum(1.0, (step + 1) / self.warmup_steps)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "warmup_steps": self.warmup_steps}


def text_attention(kit: Kit, *, peak_lr: float = 3e-3,
                   loss: str = "sparse_categorical_crossentropy", epochs: int = 10) -> Any:
    """Raw sentences -> TextVectorization (adapted, 20 tokens) -> Embedding(32) -> additive
    attention pooling (Dense tanh, Dense(1) scores, softmax over time, weighted sum) ->
    softmax over 3 topics; AdamW under a 1-epoch linear warm-up. Faults: the warm-up's peak
    1e-7 (a unit slip); integer labels with categorical_crossentropy."""
    x, y, xv, yv = topic_sentences()
    x, xv = x.reshape(-1, 1), xv.reshape(-1, 1)
    keras.utils.set_random_seed(kit.seed)
    vectorize = layers.TextVectorization(max_tokens=300, output_sequence_length=20)
    vectorize.adapt(x.ravel())
    text = keras.Input((1,), dtype="string")
    tokens = vectorize(text)
    emb = layers.Embedding(300, 32)(tokens)
    scores = layers.Dense(1)(layers.Dense(32, activation="tanh")(emb))
    weights = layers.Softmax(axis=1)(scores)
    pooled = layers.Flatten()(layers.Dot(axes=1)([weights, emb]))
    out = layers.Dense(3, activation="softmax")(layers.Dense(32, activation="relu")(pooled))
    model = keras.Model(text, out)
    warmup = LinearWarmup(peak_lr, math.ceil(len(x) / 32))
    model.compile(keras.optimizers.AdamW(warmup, weight_decay=1e-4), loss, metrics=["accuracy"])
    # string inputs: Keras 3 takes them through tf.data (as keras-io's text examples)
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(y), seed=kit.seed)
             .batch(32).prefetch(tf.data.AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def waveform_cnn(kit: Kit, *, head: str = "softmax", noise: float = 0.1,
                 epochs: int = 10) -> Any:  # fmt: skip
    """Waveforms (128 steps): GaussianNoise, Conv1D 32 / 64 with max pooling, global average
    pooling, softmax over 4 classes; Nadam(2e-3), batch 64. Faults: a sigmoid output on the
    4-class task; GaussianNoise stddev 3.0 (copied from a raw-audio script)."""
    x, y, xv, yv = waveforms()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((128, 1)), layers.GaussianNoise(noise),
        layers.Conv1D(32, 7, padding="same", activation="relu"), layers.MaxPooling1D(2),
        layers.Conv1D(64, 5, padding="same", activation="relu"), layers.MaxPooling1D(2),
        layers.Conv1D(64, 3, padding="same", activation="relu"),
        layers.GlobalAveragePooling1D(), layers.Dense(4, activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def separable_digits(kit: Kit, *, bn_momentum: float = 0.9, epochs: int = 10) -> Any:
    """Digit images (8x8): Conv2D-BN-ReLU stem, two SeparableConv2D-BN-ReLU blocks, max
    pooling, GAP, softmax; Adam(2e-3), batch 32. BatchNorm momentum 0.9 (Keras' 0.99 is slow
    on ~450 steps). Fault: momentum 0.9999 ('smoother statistics'): the moving statistics
    stay at their initial values for the whole run."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)

    def block(h: Any, filters: int) -> Any:
        h = layers.SeparableConv2D(filters, 3, padding="same", use_bias=False)(h)
        return layers.ReLU()(layers.BatchNormalization(momentum=bn_momentum)(h))

    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(32, 3, padding="same", use_bias=False)(inputs)
    h = layers.ReLU()(layers.BatchNormalization(momentum=bn_momentum)(h))
    h = layers.MaxPooling2D()(block(h, 64))
    h = layers.GlobalAveragePooling2D()(block(h, 64))
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def forecast_repeat(kit: Kit, *, window: int = 48, epochs: int = 15) -> Any:
    """Hourly load series: 48 past hours -> the next hour, windows from
    keras.utils.timeseries_dataset_from_array (shuffled, batch 64), `.repeat()` with
    steps_per_epoch=60, a validation dataset; causal Conv1D + Dense, MSE + mae."""
    train, val = long_series()
    keras.utils.set_random_seed(kit.seed)
    ds = keras.utils.timeseries_dataset_from_array(
        train[:-1, None], train[window:], sequence_length=window, batch_size=64,
        shuffle=True, seed=kit.seed).repeat()  # fmt: skip
    val_ds = keras.utils.timeseries_dataset_from_array(
        val[:-1, None], val[window:], sequence_length=window, batch_size=256)  # fmt: skip
    windows = np.lib.stride_tricks.sliding_window_view(train[:-1], window)[:, :, None]
    probe = (windows.astype("float32"), train[window:])
    model = keras.Sequential([
        keras.Input((window, 1)),
        layers.Conv1D(32, 5, padding="causal", activation="relu"),
        layers.Conv1D(32, 5, padding="causal", dilation_rate=4, activation="relu"),
        layers.Flatten(), layers.Dense(32, activation="relu"), layers.Dense(1),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, ds, probe_data=probe, epochs=epochs, steps_per_epoch=60,
                   validation_data=val_ds)  # fmt: skip


def pretrained_encoder(kit: Kit, *, freeze: str = "encoder", epochs: int = 30) -> Any:
    """Few labels: an encoder (64 -> 32 -> 16) pre-trained as an autoencoder on every
    training digit (no labels, 8 epochs, plain fit), then frozen under a new head trained on
    300 labelled digits. Fault: `model.trainable = False` on the whole classifier instead of
    the encoder: nothing trains."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([keras.Input((64,)), layers.Dense(32, activation="relu"),
                                layers.Dense(16, activation="relu")], name="encoder")
    decoder = keras.Sequential([keras.Input((16,)), layers.Dense(32, activation="relu"),
                                layers.Dense(64, activation="sigmoid")], name="decoder")
    autoencoder = keras.Sequential([encoder, decoder])
    autoencoder.compile("adam", "mse")
    autoencoder.fit(x, x, batch_size=64, epochs=8, verbose=0)
    classifier = keras.Sequential([encoder, layers.Dense(32, activation="relu"),
                                   layers.Dense(10, activation="softmax")])
    if freeze == "all":
        classifier.trainable = False
    else:
        encoder.trainable = False
    classifier.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                       metrics=["accuracy"])  # fmt: skip
    xs, ys = x[:300], y[:300]
    return kit.fit(classifier, xs, ys, probe_data=(xs, ys), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip

