"""Image scripts on sklearn digits (8x8x1): convnets, an MLP, an autoencoder, two heads.

Keyword options are the faults of `cases.py` (each default is the healthy script's choice).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from keras.callbacks import History

from benchmarks.practice.data import digits_uint8
from benchmarks.practice.kit import Kit


def cnn_digits(kit: Kit, *, scale: bool = True, head: str = "softmax",
               loss: Any = "sparse_categorical_crossentropy", lr: float = 1e-3,
               epochs: int = 12) -> History:  # fmt: skip
    """The classic small convnet: Conv+MaxPool, Dropout, Adam, batch 128, validation_split."""
    x, y, _, _ = digits_uint8()
    x = x.astype("float32") / 255.0 if scale else x.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(shape=(8, 8, 1)),
        layers.Conv2D(32, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2),
        layers.Conv2D(64, 3, activation="relu", padding="same"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation=head),
    ])  # fmt: skip
    model.compile(optimizer=keras.optimizers.Adam(lr), loss=loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=128, epochs=epochs, validation_split=0.1, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def cnn_augment(kit: Kit, *, epochs: int = 20) -> History:
    """Augmentation layers inside the model (active in training only)."""
    x, y, xv, yv = digits_uint8()
    keras.utils.set_random_seed(kit.seed)
    augment = keras.Sequential([
        layers.RandomRotation(0.05), layers.RandomZoom(0.1), layers.RandomTranslation(0.1, 0.1),
    ], name="augmentation")  # fmt: skip
    inputs = keras.Input(shape=(8, 8, 1))
    h = layers.Rescaling(1.0 / 255)(inputs)
    h = augment(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.MaxPooling2D()(h)
    h = layers.Conv2D(64, 3, padding="same", activation="relu")(h)
    h = layers.GlobalAveragePooling2D()(h)
    h = layers.Dropout(0.3)(h)
    outputs = layers.Dense(10, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, validation_data=(xv, yv), batch_size=32, epochs=epochs, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def cnn_batchnorm(kit: Kit, *, lr: float = 1e-3, epochs: int = 15) -> History:
    """Conv-BN-ReLU blocks, no bias before BN, GAP head."""
    x, y, xv, yv = digits_uint8()
    x, xv = x / 255.0, xv / 255.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(shape=(8, 8, 1))
    h = inputs
    for filters in (32, 64):
        h = layers.Conv2D(filters, 3, padding="same", use_bias=False)(h)
        h = layers.BatchNormalization()(h)
        h = layers.Activation("relu")(h)
    h = layers.GlobalAveragePooling2D()(h)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, validation_data=(xv, yv), batch_size=32, epochs=epochs, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def mlp_digits(kit: Kit, *, optimizer: str = "rmsprop", lr: float = 1e-3, head: str = "softmax",
               loss: Any = "sparse_categorical_crossentropy", init: str = "glorot_uniform",
               batch_size: int = 32, dropout: float = 0.2, label_shift: int = 0,
               epochs: int = 5) -> History:  # fmt: skip
    """Flattened pixels into Dense(256)-Dense(128), RMSprop: the MNIST MLP of the tutorials."""
    x, y, xv, yv = digits_uint8()
    x, xv = x.reshape(len(x), 64) / 255.0, xv.reshape(len(xv), 64) / 255.0
    y, yv = y + label_shift, yv + label_shift
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(256, activation="relu", kernel_initializer=init),
        layers.Dropout(dropout),
        layers.Dense(128, activation="relu", kernel_initializer=init),
        layers.Dropout(dropout),
        layers.Dense(10, activation=head, kernel_initializer=init),
    ])  # fmt: skip
    opt = {"rmsprop": keras.optimizers.RMSprop, "adam": keras.optimizers.Adam}[optimizer](lr)
    model.compile(optimizer=opt, loss=loss, metrics=["accuracy"])
    return model.fit(x, y, batch_size=batch_size, epochs=epochs, validation_data=(xv, yv),
                     verbose=0, callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def onehot_label_smoothing(kit: Kit, *, epochs: int = 6) -> History:
    """One-hot labels (to_categorical), CategoricalCrossentropy(label_smoothing=0.1)."""
    x, y, xv, yv = digits_uint8()
    x, xv = x.reshape(len(x), 64) / 255.0, xv.reshape(len(xv), 64) / 255.0
    y1, yv1 = keras.utils.to_categorical(y, 10), keras.utils.to_categorical(yv, 10)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y1, batch_size=32, epochs=epochs, validation_data=(xv, yv1), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y1))])  # fmt: skip


def tfdata_pipeline(kit: Kit, *, epochs: int = 8) -> History:
    """tf.data: from_tensor_slices().shuffle().batch().prefetch(), logits + from_logits=True."""
    x, y, xv, yv = digits_uint8()
    x, xv = (x / 255.0).astype("float32"), (xv / 255.0).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=kit.seed)
             .batch(64).prefetch(tf.data.AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256).prefetch(tf.data.AUTOTUNE)
    model = keras.Sequential([keras.Input((8, 8, 1)), layers.Conv2D(16, 3, activation="relu"),
                              layers.Flatten(), layers.Dense(64, activation="relu"),
                              layers.Dense(10)])  # fmt: skip
    model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(train, validation_data=val, epochs=epochs, verbose=0,
                     callbacks=[kit.watch(probe_data=train)])  # fmt: skip


def autoencoder(kit: Kit, *, noise: float = 0.2, epochs: int = 15) -> History:
    """A denoising dense autoencoder (MSE, no accuracy): noisy pixels in, clean pixels out."""
    x, _, xv, _ = digits_uint8()
    x, xv = x.reshape(len(x), 64) / 255.0, xv.reshape(len(xv), 64) / 255.0
    rng = np.random.default_rng(0)
    xn = np.clip(x + rng.normal(0, noise, x.shape), 0, 1).astype("float32")
    xvn = np.clip(xv + rng.normal(0, noise, xv.shape), 0, 1).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    code = layers.Dense(16, activation="relu")(layers.Dense(32, activation="relu")(inputs))
    out = layers.Dense(64, activation="sigmoid")(layers.Dense(32, activation="relu")(code))
    model = keras.Model(inputs, out)
    model.compile("adam", "mse")
    return model.fit(xn, x, epochs=epochs, batch_size=64, validation_data=(xvn, xv), verbose=0,
                     callbacks=[kit.watch(probe_data=(xn, x))])  # fmt: skip


def two_heads(kit: Kit, *, epochs: int = 10) -> History:
    """Multi-output functional model: the digit (softmax) and 'is it even' (sigmoid)."""
    x, y, xv, yv = digits_uint8()
    x, xv = x / 255.0, xv / 255.0
    targets = {"digit": y, "even": (y % 2 == 0).astype("float32")}
    val_targets = {"digit": yv, "even": (yv % 2 == 0).astype("float32")}
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(32, 3, activation="relu", padding="same")(inputs)
    h = layers.MaxPooling2D()(h)
    h = layers.Dense(64, activation="relu")(layers.Flatten()(h))
    model = keras.Model(inputs, {"digit": layers.Dense(10, activation="softmax", name="digit")(h),
                                 "even": layers.Dense(1, activation="sigmoid", name="even")(h)})
    model.compile("adam", loss={"digit": "sparse_categorical_crossentropy",
                                "even": "binary_crossentropy"},
                  loss_weights={"digit": 1.0, "even": 0.5},
                  metrics={"digit": ["accuracy"], "even": ["accuracy"]})  # fmt: skip
    return model.fit(x, targets, validation_data=(xv, val_targets), batch_size=64,
                     epochs=epochs, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, targets))])  # fmt: skip
