"""Batch-6 scripts, model shapes: a functional-API MLP with validation_split, a Conv1D + GRU
hybrid on multi-channel sensor windows, a CNN fed by tf.data with `.cache().prefetch()`, a
sparse autoencoder (activity regulariser on the bottleneck), a pre-norm residual MLP with
LayerNormalization on spirals, and a Conv1D with attention pooling over time (Softmax over
the steps + Dot). Each script calls `kit.fit`; keyword options are the faults of `cases.py`
(each default is the healthy script's choice); each docstring names the kind of public report
a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import digits_raw_flat
from benchmarks.practice.batch6_data import digits_raw_images, event_signals, spirals
from benchmarks.practice.data import breast_cancer, signals
from benchmarks.practice.kit import Kit


def functional_mlp(kit: Kit, *, dropout: float = 0.2, init: str = "glorot_uniform",
                   units_out: int = 10, float_labels: bool = False,
                   epochs: int = 20) -> Any:  # fmt: skip
    """Digits as 64 pixels / 16, functional API: Dense 128-64 (ReLU) each followed by Dropout,
    softmax; Adam, batch 32, validation_split 0.2. Faults: a TF1 `keep_prob=0.8` carried over
    as Keras' Dropout *rate* 0.8 (Stack Overflow "model stuck after porting from TF1";
    DeepFD's dropout faults); `kernel_initializer="ones"` (AUTOTRAINER / DeepFD weight-init
    faults: every unit identical, huge pre-activations); the labels as floats 0..9 with a
    1-unit output under sparse CE (Stack Overflow "loss 0 / accuracy 0.1 with one output
    unit")."""
    x, y, _, _ = digits_raw_flat()
    x = x / 16.0
    y = y.astype("float32") if float_labels else y
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu", kernel_initializer=init)(inputs)
    h = layers.Dropout(dropout)(h)
    h = layers.Dense(64, activation="relu", kernel_initializer=init)(h)
    h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(units_out, activation="softmax", kernel_initializer=init)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_split=0.2)  # fmt: skip


def conv_gru(kit: Kit, *, shuffle_x: bool = False, epochs: int = 8) -> Any:
    """3-channel sensor windows (48 steps, 4 activities): Conv1D(32, 5) + MaxPool + GRU(24) +
    softmax; Nadam(2e-3), batch 32, explicit validation data. Fault: the training windows
    shuffled with `np.random.shuffle(x)` and the labels left in place (Stack Overflow
    "shuffled my data and now accuracy is chance": X shuffled without y)."""
    x, y, xv, yv = event_signals()
    if shuffle_x:
        x = x[np.random.default_rng(kit.seed).permutation(len(x))]
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((48, 3)),
                              layers.Conv1D(32, 5, padding="same", activation="relu"),
                              layers.MaxPooling1D(2), layers.GRU(24),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Nadam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def cnn_cached(kit: Kit, *, flatten: bool = True, scale_val: bool = True,
               loss: str = "sparse_categorical_crossentropy", epochs: int = 12) -> Any:  # fmt: skip
    """Digit images / 16 through tf.data (`.cache().shuffle().batch(64).prefetch()`), Conv2D
    16-32 + MaxPool + Flatten + Dense(64) + softmax, Adam; the validation set as a dataset.
    Faults: Flatten forgotten before the Dense layers (Stack Overflow "logits and labels must
    have the same shape", DeepFD layer faults); the validation images left at 0..16 (scaling
    applied to the training set only, a common Kaggle notebook bug); `loss="mse"` for the
    10-class softmax with integer labels (defects4ML / Stack Overflow "mse for
    classification")."""
    x, y, xv, yv = digits_raw_images()
    x = x / 16.0
    if scale_val:
        xv = xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    stack: list[Any] = [keras.Input((8, 8, 1)),
                        layers.Conv2D(16, 3, padding="same", activation="relu"),
                        layers.MaxPooling2D(2),
                        layers.Conv2D(32, 3, padding="same", activation="relu")]  # fmt: skip
    if flatten:
        stack.append(layers.Flatten())
    stack += [layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")]
    model = keras.Sequential(stack)
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    auto = tf.data.AUTOTUNE
    train = (tf.data.Dataset.from_tensor_slices((x, y)).cache()
             .shuffle(len(y), seed=kit.seed).batch(64).prefetch(auto))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256).cache().prefetch(auto)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def sparse_autoencoder(kit: Kit, *, activity_l1: float = 1e-5, l2: float = 0.0,
                       epochs: int = 40) -> Any:  # fmt: skip
    """Breast-cancer features (StandardScaler) reconstructed through a 30-16-6-16-30
    autoencoder, L1 activity regulariser on the 6-unit ReLU code (keras blog's "sparse
    autoencoder", 10e-5 there), linear output, MSE, Adam, batch 32, explicit validation.
    Faults: the activity penalty typed as 10 instead of 10e-5 (code collapses to 0; Stack
    Overflow "autoencoder outputs the mean"); L2(10) on every kernel (AUTOTRAINER / DeepFD
    regulariser faults)."""
    x, _, xv, _ = breast_cancer()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    reg = keras.regularizers.L2(l2) if l2 else None
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((30,)), layers.Dense(16, activation="relu", kernel_regularizer=reg),
        layers.Dense(6, activation="relu", kernel_regularizer=reg,
                     activity_regularizer=keras.regularizers.L1(activity_l1)),
        layers.Dense(16, activation="relu", kernel_regularizer=reg),
        layers.Dense(30, kernel_regularizer=reg),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, x, x, probe_data=(x, x), batch_size=32, epochs=epochs,
                   validation_data=(xv, xv))  # fmt: skip


def residual_spirals(kit: Kit, *, activation: str | None = "gelu", epochs: int = 20) -> Any:
    """Three spirals (2 raw coordinates in [-1, 1]): Dense(64) stem, 3 pre-norm residual blocks
    (LayerNormalization -> Dense(128, gelu) -> Dense(64) -> Add), LayerNorm, softmax; AdamW(3e-3,
    weight_decay 1e-4), batch 64. Fault: the activation left out of the hidden Dense layers
    (`activation=None`, the Dense default: DeepFD / Stack Overflow "missing activation")."""
    x, y, xv, yv = spirals()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((2,))
    h = layers.Dense(64, activation=activation)(inputs)
    for _ in range(3):
        z = layers.LayerNormalization()(h)
        z = layers.Dense(128, activation=activation)(z)
        z = layers.Dense(64)(z)
        h = layers.Add()([h, z])
    h = layers.LayerNormalization()(h)
    outputs = layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.AdamW(3e-3, weight_decay=1e-4),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def attention_pool(kit: Kit, *, head: str | None = None, epochs: int = 10) -> Any:
    """Waveform signals (64 steps, 3 classes): two Conv1D(32, 5) layers, attention pooling over
    time (Dense(1) scores, Softmax over the steps, Dot with the features), Dense(3) logits,
    SparseCategoricalCrossentropy(from_logits=True), Adam, batch 32. Fault: ReLU on the logits
    layer (Stack Overflow "loss stuck, ReLU in last layer"; DeepFD's activation faults)."""
    x, y, xv, yv = signals()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64, 1))
    h = layers.Conv1D(32, 5, padding="same", activation="relu")(inputs)
    h = layers.Conv1D(32, 5, padding="same", activation="relu")(h)
    scores = layers.Dense(1)(h)
    weights = layers.Softmax(axis=1)(scores)
    pooled = layers.Flatten()(layers.Dot(axes=1)([weights, h]))
    outputs = layers.Dense(3, activation=head)(pooled)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
