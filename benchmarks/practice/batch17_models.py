"""Batch-17 scripts on digit images and rows: bug patterns from public fault benchmarks and
Stack Overflow, each script written in its fixed form with the bug as a keyword option (the
default is the healthy choice). A SeparableConv2D + BatchNormalization CNN, a deep ReLU MLP
under SGD with momentum, a pretrain -> freeze -> unfreeze fine-tuning script, a SELU MLP
with AlphaDropout, a Conv2DTranspose autoencoder. Each calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
from keras import layers

from benchmarks.practice.batch17_data import digits_images, digits_low_high, digits_rows
from benchmarks.practice.kit import Kit


def separable_bn_cnn(kit: Kit, *, epochs: int = 12) -> Any:
    """SeparableConv2D(16) -> BN -> ReLU -> SeparableConv2D(32) -> BN -> ReLU -> MaxPool ->
    Flatten -> Dense(32) -> BN -> ReLU -> softmax(10); Adam(1e-3), batch 16. (Its fault, a
    PyTorch `BatchNorm2d(momentum=0.1)` ported as `momentum=0.1`, was dropped after the
    plain-Keras check: 1 point of validation accuracy.)"""
    x, y, xv, yv = digits_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8, 8, 1))])
    for width in (16, 32):
        model.add(layers.SeparableConv2D(width, 3, padding="same", use_bias=False))
        model.add(layers.BatchNormalization())
        model.add(layers.Activation("relu"))
    model.add(layers.MaxPooling2D())
    model.add(layers.Flatten())
    model.add(layers.Dense(32, use_bias=False))
    model.add(layers.BatchNormalization())
    model.add(layers.Activation("relu"))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=16,
                   validation_data=(xv, yv))  # fmt: skip


def deep_relu_sgd(kit: Kit, *, init_std: float | None = None, epochs: int = 20) -> Any:
    """Digit rows -> 8 x Dense(64, relu, kernel_initializer=he_normal) -> softmax(10);
    SGD(0.02, momentum 0.9), batch 32. Fault: `kernel_initializer=RandomNormal(stddev=0.01)`
    (Keras 1's `init='normal'` habit, the small Gaussian of old tutorials): each layer
    shrinks the signal ~6x, so eight of them leave the gradients ~1e-6 of the head's."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(8):
        init = "he_normal" if init_std is None else keras.initializers.RandomNormal(stddev=init_std)
        model.add(layers.Dense(64, activation="relu", kernel_initializer=init))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.SGD(0.02, momentum=0.9), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def pretrain_finetune(kit: Kit, *, recompile: bool = True, epochs: int = 12) -> Any:
    """A small CNN base pretrained on digits 0-4 (5 epochs), reused for digits 5-9: base frozen,
    new head trained 2 epochs (Adam(1e-3)), then `base.trainable = True`, recompiled with
    Adam(3e-4) and fine-tuned under Watch. Fault: the recompile left out after unfreezing (the
    Keras transfer-learning guide: changes to `trainable` take effect at the next `compile`;
    Stack Overflow "fine-tuning does not change anything after unfreezing"): the traced train
    function still updates the head only."""
    x_low, y_low, (x, y, xv, yv) = digits_low_high()
    keras.utils.set_random_seed(kit.seed)
    base = keras.Sequential([keras.Input((8, 8, 1)),
                             layers.Conv2D(16, 3, padding="same", activation="relu"),
                             layers.MaxPooling2D(),
                             layers.Conv2D(32, 3, padding="same", activation="relu"),
                             layers.Flatten(),
                             layers.Dense(32, activation="relu")], name="base")  # fmt: skip
    pretrain = keras.Sequential([base, layers.Dense(5, activation="softmax")])
    pretrain.compile("adam", loss="sparse_categorical_crossentropy")
    pretrain.fit(x_low, y_low, epochs=5, batch_size=32, verbose=0)
    base.trainable = False
    model = keras.Sequential([keras.Input((8, 8, 1)), base,
                              layers.Dense(5, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    base.trainable = True
    if recompile:
        model.compile(keras.optimizers.Adam(3e-4), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def selu_alpha_dropout(kit: Kit, *, epochs: int = 15) -> Any:
    """Digit rows -> 3 x Dense(128, selu, lecun_normal) with AlphaDropout(0.1) -> softmax(10);
    Nadam(1e-3), batch 64 (the self-normalising network recipe)."""
    x, y, xv, yv = digits_rows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,))])
    for _ in range(3):
        model.add(layers.Dense(128, activation="selu", kernel_initializer="lecun_normal"))
        model.add(layers.AlphaDropout(0.1))
    model.add(layers.Dense(10, activation="softmax"))
    model.compile(keras.optimizers.Nadam(1e-3), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xv, yv))  # fmt: skip


def transpose_autoencoder(kit: Kit, *, epochs: int = 20) -> Any:
    """Digit images: Conv2D(16, stride 2) -> Conv2D(32, stride 2) -> Conv2DTranspose(32,
    stride 2) -> Conv2DTranspose(16, stride 2) -> Conv2D(1, sigmoid); binary cross-entropy on
    [0, 1] pixels, MSE as a metric, no accuracy; Adam(2e-3), batch 64."""
    x, _, xv, _ = digits_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(32, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(1, 3, padding="same", activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), loss="binary_crossentropy", metrics=["mse"])
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xv, xv))  # fmt: skip
