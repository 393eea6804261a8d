"""Batch-9 scripts, image models: a CNN regressing a disc's radius in pixels (image
regression), a digit classifier on a convolutional encoder pretrained as an autoencoder and
frozen (a pretrained-style sub-model), and a small fully convolutional segmenter under
`keras.losses.Tversky`. Each script calls `kit.fit`; keyword options are the faults of
`cases.py`; each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch3_data import digit_images
from benchmarks.practice.batch9_data import disc_images, shapes_masks
from benchmarks.practice.kit import Kit


def disc_radius(kit: Kit, *, head: str | None = None, epochs: int = 15) -> Any:
    """Radius (2..7 pixels) of a disc in a noisy 16x16 image: Conv 16-32 (ReLU, same) with
    MaxPool, Flatten, Dense 64, Dense(1) linear; MSE, metric MAE; Adam(1e-3), batch 32.
    Fault: `activation="sigmoid"` on the output (kept from a classification template;
    Stack Overflow "CNN regression predicts the same value / never above 1")."""
    x, y, xv, yv = disc_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Flatten(), layers.Dense(64, activation="relu"),
        layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def frozen_encoder(kit: Kit, *, freeze: str = "encoder", epochs: int = 10) -> Any:
    """Stage 1: a Conv encoder (16-32, stride 2) + decoder trained 3 epochs as an autoencoder
    on the digit images (plain `model.fit`, the "pretraining"). Stage 2: `encoder.trainable =
    False`, then encoder -> Flatten -> Dense 64 -> softmax(10) compiled and
    fitted through `kit.fit` (Adam(1e-3), batch 64). Fault: `model.trainable = False` on the
    whole classifier instead of the encoder (Stack Overflow "transfer learning accuracy does
    not change", "freeze the base, not the model")."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu")], name="encoder")  # fmt: skip
    decoder = keras.Sequential([
        keras.Input((4, 4, 32)),
        layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(1, 3, padding="same", activation="sigmoid")], name="decoder")  # fmt: skip
    autoencoder = keras.Sequential([encoder, decoder])
    autoencoder.compile("adam", "binary_crossentropy")
    autoencoder.fit(x, x, batch_size=64, epochs=3, verbose=0)
    encoder.trainable = False
    inputs = keras.Input((8, 8, 1))
    h = layers.Flatten()(encoder(inputs, training=False))
    h = layers.Dense(64, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    if freeze == "model":
        model.trainable = False
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def tversky_shapes(kit: Kit, *, mask_scale: float = 1.0, epochs: int = 12) -> Any:
    """Rectangle masks on noisy 16x16 images: Conv 16-16 (ReLU, same), Conv 32 dilated 2,
    1x1 Conv(1, sigmoid); `keras.losses.Tversky(alpha=0.3, beta=0.7)`, metric binary
    accuracy; Adam(2e-3), batch 32. Fault: masks read from 8-bit PNGs kept as 0 / 255
    (Stack Overflow "dice / tversky loss negative, segmentation predicts all white")."""
    x, m, xv, mv = shapes_masks()
    m, mv = m * mask_scale, mv * mask_scale
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((16, 16, 1)),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", dilation_rate=2, activation="relu"),
        layers.Conv2D(1, 1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Tversky(alpha=0.3, beta=0.7),
                  metrics=["binary_accuracy"])  # fmt: skip
    return kit.fit(model, x, m, probe_data=(x, m), batch_size=32, epochs=epochs,
                   validation_data=(xv, mv))  # fmt: skip
