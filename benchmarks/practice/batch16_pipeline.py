"""Batch-16 scripts, input pipelines and callbacks as the Keras guides write them: a tf.data
pipeline with `.cache()`, `.shuffle`, a random `.map` augmentation and `.prefetch`;
RandomFlip + RandomTranslation layers in a CNN; dict inputs from tf.data into an adapted
`Normalization` and an `IntegerLookup` + Embedding; and `fit(validation_freq=2)` with
ModelCheckpoint, CSVLogger and BackupAndRestore riding along. Each script calls `kit.fit`;
keyword options are the faults of `cases.py`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import keras
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch16_data import (
    arrows,
    diabetes_standardised,
    digits_images,
    shop_table,
)
from benchmarks.practice.kit import Kit

AUTOTUNE = tf.data.AUTOTUNE


def tfdata_augment(kit: Kit, *, epochs: int = 15) -> Any:
    """Raw 0..16 digit images through tf.data: `.map(scale to [0, 1])` -> `.cache()` ->
    `.shuffle(1024)` -> `.map(random shift by up to 1 pixel + Gaussian noise 0.05)` ->
    `.batch(64)` -> `.prefetch`; validation scaled, cached, batched. Conv2D 16 -> Conv2D 32
    -> MaxPooling2D -> Flatten -> softmax; Adam(2e-3). The training dataset is the probe."""
    x, y, xv, yv = digits_images()
    keras.utils.set_random_seed(kit.seed)

    def scale(image: Any, label: Any) -> tuple[Any, Any]:
        return image / 16.0, label

    def augment(image: Any, label: Any) -> tuple[Any, Any]:
        padded = tf.pad(image, [[1, 1], [1, 1], [0, 0]])
        image = tf.image.random_crop(padded, (8, 8, 1))
        return image + tf.random.normal(tf.shape(image), stddev=0.05), label

    train = (tf.data.Dataset.from_tensor_slices((x, y)).map(scale).cache()
             .shuffle(1024, seed=kit.seed).map(augment, num_parallel_calls=AUTOTUNE)
             .batch(64).prefetch(AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).map(scale).cache().batch(64)
    model = keras.Sequential([keras.Input((8, 8, 1)),
                              layers.Conv2D(16, 3, padding="same", activation="relu"),
                              layers.Conv2D(32, 3, padding="same", activation="relu"),
                              layers.MaxPooling2D(), layers.Flatten(),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def dict_tfdata(kit: Kit, *, norm_axis: int | None = -1, epochs: int = 15) -> Any:
    """A shop table as a dict {"numbers": 6 mixed-unit columns, "region": id} through tf.data
    (shuffle, batch 64, prefetch): Normalization(axis=norm_axis) adapted on the training
    numbers, IntegerLookup(vocabulary 0..11) -> Embedding(13, 4) -> Flatten, Concatenate ->
    Dense 32 -> Dense 16 -> sigmoid; BCE, accuracy; Adam(1e-3). Fault: `Normalization(
    axis=None)`, one mean and variance over all six columns (the axis=None of a whole-image
    normaliser copied to a table; Stack Overflow "Normalization layer does not normalize
    each feature")."""
    x, y, xv, yv = shop_table()
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization(axis=norm_axis)
    norm.adapt(x["numbers"])
    numbers, region = keras.Input((6,), name="numbers"), keras.Input((), name="region",
                                                                     dtype="int64")  # fmt: skip
    lookup = layers.IntegerLookup(vocabulary=list(range(12)))(region)
    embedded = layers.Flatten()(layers.Embedding(13, 4)(lookup))
    h = layers.Concatenate()([norm(numbers), embedded])
    h = layers.Dense(16, activation="relu")(layers.Dense(32, activation="relu")(h))
    model = keras.Model({"numbers": numbers, "region": region},
                        layers.Dense(1, activation="sigmoid")(h))  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(4000, seed=kit.seed)
             .batch(64).prefetch(AUTOTUNE))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(64)
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


def validation_freq_callbacks(kit: Kit, *, epochs: int = 60) -> Any:
    """Standardised diabetes: Dense 32 -> Dense 16 -> Dense(1); MSE + mae; Adam(1e-3), batch
    32; `fit(validation_freq=2)` with ModelCheckpoint(save_best_only, weights only),
    CSVLogger and BackupAndRestore into a fresh temporary directory."""
    x, y, xv, yv = diabetes_standardised()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    folder = Path(tempfile.mkdtemp(prefix="practice16-"))
    callbacks = [keras.callbacks.ModelCheckpoint(str(folder / "best.weights.h5"),
                                                 save_best_only=True, save_weights_only=True),
                 keras.callbacks.CSVLogger(str(folder / "log.csv")),
                 keras.callbacks.BackupAndRestore(str(folder / "backup"))]  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv), validation_freq=2, callbacks=callbacks)


def arrows_flip(kit: Kit, *, flip: str = "horizontal", epochs: int = 15) -> Any:
    """Up / down triangles and bars (12x12): RandomFlip(flip) + RandomTranslation(0.1) in the
    model -> Conv2D 16 -> MaxPooling2D -> Conv2D 32 -> Flatten -> Dense 32 -> softmax; Adam
    (1e-3), batch 32. Fault: RandomFlip('horizontal_and_vertical'), the guide's default
    mode copied onto a task where up / down is the label (Stack Overflow "augmentation
    hurts accuracy: flips change the class")."""
    x, y, xv, yv = arrows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12, 12, 1)), layers.RandomFlip(flip, seed=1),
                              layers.RandomTranslation(0.1, 0.1, seed=2),
                              layers.Conv2D(16, 3, padding="same", activation="relu"),
                              layers.MaxPooling2D(),
                              layers.Conv2D(32, 3, padding="same", activation="relu"),
                              layers.Flatten(), layers.Dense(32, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xv, yv))  # fmt: skip
