"""Batch-13 scripts, image models: a depthwise-separable CNN (DepthwiseConv2D + pointwise
Conv2D, BatchNormalization, GlobalAveragePooling2D), a CNN with RandomRotation / RandomZoom /
RandomContrast inside the model, a two-input model (digit image + form metadata), and a
warm start: a network pretrained on one split, saved with `save_weights`, loaded into a
fresh copy with `load_weights`, its feature layers frozen, the head trained on another split.
Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each default is
the healthy script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch13_data import digits_images, digits_with_metadata
from benchmarks.practice.kit import Kit


def separable_cnn(kit: Kit, *, epochs: int = 15) -> Any:
    """Digits: Conv2D(16, 3) stem, two depthwise-separable blocks (DepthwiseConv2D(3) ->
    BatchNormalization -> ReLU -> Conv2D(k, 1) -> BatchNormalization -> ReLU; k = 32, 64),
    GlobalAveragePooling2D, softmax; sparse CE, accuracy; Adam(2e-3), batch 32."""
    x, y, xv, yv = digits_images()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    for width in (32, 64):
        h = layers.DepthwiseConv2D(3, padding="same", use_bias=False)(h)
        h = layers.ReLU()(layers.BatchNormalization()(h))
        h = layers.Conv2D(width, 1, use_bias=False)(h)
        h = layers.ReLU()(layers.BatchNormalization()(h))
    h = layers.GlobalAveragePooling2D()(h)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def augmented_cnn(kit: Kit, *, transpose_validation: bool = False, epochs: int = 20) -> Any:
    """Digits: RandomRotation(0.05) -> RandomZoom(0.1) -> RandomContrast(0.2) in the model
    (active in training only), Conv2D 32 -> Conv2D 64 -> MaxPooling2D -> Dropout(0.25) ->
    Dense 64 -> softmax; sparse CE, accuracy; Adam(1e-3), batch 32. Fault: the validation
    images come out of a different loader as (width, height), i.e. transposed (Stack Overflow
    "validation accuracy low, images rotated / transposed between train and test loaders")."""
    x, y, xv, yv = digits_images()
    if transpose_validation:
        xv = np.ascontiguousarray(xv.transpose(0, 2, 1, 3))
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8, 8, 1)), layers.RandomRotation(0.05),
                              layers.RandomZoom(0.1), layers.RandomContrast(0.2),
                              layers.Conv2D(32, 3, padding="same", activation="relu"),
                              layers.Conv2D(64, 3, padding="same", activation="relu"),
                              layers.MaxPooling2D(), layers.Dropout(0.25), layers.Flatten(),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip


def image_metadata(kit: Kit, *, reorder_validation_columns: bool = False,
                   epochs: int = 15) -> Any:  # fmt: skip
    """Digit image + 4 metadata columns: the image through Conv2D 16 -> MaxPooling2D ->
    Conv2D 32 -> Flatten, the metadata through Dense 16 (ReLU), Concatenate -> Dense 64 ->
    softmax; sparse CE, accuracy; Adam(1e-3), batch 32. Fault: the validation metadata
    columns exported in the reverse order (a different column order in the second CSV;
    Stack Overflow "model good on train, bad on validation: pandas columns in a different
    order")."""
    (img, meta), y, (img_v, meta_v), yv = digits_with_metadata()
    if reorder_validation_columns:
        meta_v = np.ascontiguousarray(meta_v[:, ::-1])
    keras.utils.set_random_seed(kit.seed)
    image_in, meta_in = keras.Input((8, 8, 1), name="image"), keras.Input((4,), name="meta")
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(image_in)
    h = layers.MaxPooling2D()(h)
    h = layers.Flatten()(layers.Conv2D(32, 3, padding="same", activation="relu")(h))
    m = layers.Dense(16, activation="relu")(meta_in)
    h = layers.Dense(64, activation="relu")(layers.Concatenate()([h, m]))
    model = keras.Model([image_in, meta_in], layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, [img, meta], y, probe_data=([img, meta], y), epochs=epochs,
                   batch_size=32, validation_data=([img_v, meta_v], yv))  # fmt: skip


def _warm_net() -> keras.Model:
    return keras.Sequential([keras.Input((8, 8, 1)),
                             layers.Conv2D(16, 3, padding="same", activation="relu",
                                           name="conv_a"),
                             layers.MaxPooling2D(),
                             layers.Conv2D(32, 3, padding="same", activation="relu",
                                           name="conv_b"),
                             layers.Flatten(),
                             layers.Dense(12, activation="relu", name="features"),
                             layers.Dense(10, activation="softmax", name="head")])  # fmt: skip


def warm_start(kit: Kit, *, load: bool = True, epochs: int = 10) -> Any:
    """Digits: the same small CNN (two convs, a Dense(12) feature layer, softmax) is first
    trained on the first 60 % of the training rows (6 epochs, plain `model.fit`, no Watch),
    saved with `save_weights` to a `.weights.h5`; a fresh copy loads them with `load_weights`,
    its conv and feature layers frozen (`trainable = False`), and only the head is trained
    (Adam(1e-3), batch 32) on the other 40 %. Fault: the `load_weights` line lost in a
    refactor (the pretraining moved to another notebook), so the frozen layers keep their
    random initialisation (Stack Overflow "fine-tuned model accuracy low: forgot to load the
    pretrained weights before freezing")."""
    x, y, xv, yv = digits_images()
    cut = int(0.6 * len(x))
    keras.utils.set_random_seed(kit.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pretrained.weights.h5"
        source = _warm_net()
        source.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy")
        source.fit(x[:cut], y[:cut], epochs=6, batch_size=32, verbose=0)
        source.save_weights(path)
        model = _warm_net()
        if load:
            model.load_weights(path)
    for layer in model.layers[:-1]:
        layer.trainable = False
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    xt, yt = x[cut:], y[cut:]
    return kit.fit(model, xt, yt, probe_data=(xt, yt), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
