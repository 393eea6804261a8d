"""Batch-35 input-pipeline scripts (keyword options are the faults, the defaults the
healthy choice): a `tf.data` pipeline on a class-sorted table (`from_tensor_slices` ->
`cache` -> `shuffle` -> `batch` -> `map(normalise, one-hot)` -> `prefetch`, optionally
`.repeat()` with `steps_per_epoch`), a `keras.utils.PyDataset` subclass and a Python
generator over the class-sorted digits, and a `timeseries_dataset_from_array` forecast.
Each script calls `kit.fit` with the training dataset (or, for a generator, the arrays it
draws from) as `probe_data`.
"""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch35_data import plant_sensors, sorted_digits, sorted_shop_table
from benchmarks.practice.kit import Kit

AUTOTUNE = tf.data.AUTOTUNE


def shop_pipeline(kit: Kit, *, shuffle: str = "full", cache: str = "before_shuffle",
                  norm: str = "train", labels: str = "onehot", depth: int = 4, take: int = 0,
                  steps: int = 0, batch_size: int = 64, drop_remainder: bool = False,
                  epochs: int = 15) -> Any:  # fmt: skip
    """Four classes from ten features in uneven units, the training rows sorted by class:
    `from_tensor_slices((x, y))` -> `.cache()` -> `.shuffle(len(x))` -> `.batch(64)` ->
    `.map(standardise with the training mean / sd, one_hot(y, 4))` -> `.prefetch`; the
    validation rows through the same map; Dense 64 x 2 ReLU -> softmax 4, categorical CE,
    Adam(1e-3), 15 epochs. Options: `shuffle` ("full"; "after_batch": `.batch(64)
    .shuffle(100)`, whole class-pure batches shuffled; "buffer_8": `.shuffle(8)`;
    "separate": x and y sliced and shuffled as two datasets, then zipped; "none": no
    `.shuffle` (fit's shuffle does not reach a dataset)), `cache`
    ("after_shuffle": the first epoch's order replayed), `norm` ("per_batch": each batch
    standardised by its own statistics, validation too; "val_stats": the validation rows by
    theirs; "train_only": the validation dataset not standardised), `labels`
    ("sparse_float": float32 class indices, sparse CE), `depth` (the class count: the one_hot
    depth and the output units; 3 is `y.max()`, one short), `take`
    (a `.take(n)` left from debugging, right after slicing), `steps` (`.repeat()` and
    steps_per_epoch), `batch_size` / `drop_remainder`."""
    x, xval, y, yval = sorted_shop_table()
    keras.utils.set_random_seed(kit.seed)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    vmean, vsd = (xval.mean(axis=0), xval.std(axis=0)) if norm == "val_stats" else (mean, sd)

    def encode(label: Any) -> Any:
        if labels == "sparse_float":
            return tf.cast(label, tf.float32)
        return tf.one_hot(label, depth)

    def prep(features: Any, label: Any) -> tuple[Any, Any]:
        if norm == "per_batch":
            centre = tf.reduce_mean(features, axis=0)
            spread = tf.math.reduce_std(features, axis=0) + 1e-6
            return (features - centre) / spread, encode(label)
        return (features - mean) / sd, encode(label)

    def prep_val(features: Any, label: Any) -> tuple[Any, Any]:
        if norm == "per_batch":
            return prep(features, label)
        if norm == "train_only":
            return features, encode(label)
        return (features - vmean) / vsd, encode(label)

    if shuffle == "separate":
        xs = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x))
        ys = tf.data.Dataset.from_tensor_slices(y).shuffle(len(y))
        ds = tf.data.Dataset.zip((xs, ys))
    else:
        ds = tf.data.Dataset.from_tensor_slices((x, y))
    if take:
        ds = ds.take(take)  # debugging
    if cache == "before_shuffle":
        ds = ds.cache()
    if shuffle in ("full", "buffer_8"):
        ds = ds.shuffle(len(x) if shuffle == "full" else 8)
    if cache == "after_shuffle":
        ds = ds.cache()
    ds = ds.batch(batch_size, drop_remainder=drop_remainder)
    if shuffle == "after_batch":
        ds = ds.shuffle(100)
    train = ds.map(prep, num_parallel_calls=AUTOTUNE).prefetch(AUTOTUNE)
    val = (tf.data.Dataset.from_tensor_slices((xval, yval)).batch(64)
           .map(prep_val).cache().prefetch(AUTOTUNE))  # fmt: skip
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(depth, activation="softmax")])  # fmt: skip
    loss = "sparse_categorical_crossentropy" if labels == "sparse_float" else (
        "categorical_crossentropy")  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), loss, metrics=["accuracy"])
    if steps:
        return kit.fit(model, train.repeat(), probe_data=train, epochs=epochs,
                       steps_per_epoch=steps, validation_data=val)  # fmt: skip
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)


class DigitBatches(keras.utils.PyDataset):
    """Batches of class-sorted digit rows scaled to [0, 1], in an order shuffled at the
    start (`shuffle`) and again at each epoch end (`reshuffle`); `index_bug`: the batch is
    sliced at `self.position`, a counter that is never advanced (the index ignored)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, batch_size: int = 32, *,
                 shuffle: bool = True, reshuffle: bool = True, index_bug: bool = False,
                 seed: int = 0, **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.x, self.y, self.batch_size = x, y, batch_size
        self.reshuffle, self.index_bug = reshuffle, index_bug
        self.rng = np.random.default_rng(seed)
        self.order = self.rng.permutation(len(x)) if shuffle else np.arange(len(x))
        self.position = 0

    def __len__(self) -> int:
        return math.ceil(len(self.x) / self.batch_size)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        start = self.position if self.index_bug else index * self.batch_size
        rows = self.order[start:start + self.batch_size]
        return self.x[rows] / 16.0, self.y[rows]

    def on_epoch_end(self) -> None:
        if self.reshuffle:
            self.rng.shuffle(self.order)


def _digit_model() -> keras.Model:
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model


def digits_pydataset(kit: Kit, *, shuffle: bool = True, reshuffle: bool = True,
                     index_bug: bool = False, epochs: int = 30) -> Any:  # fmt: skip
    """The class-sorted digits (pixels 0..16) through a `PyDataset` subclass (batch 32,
    scaled / 16, shuffled at the start and at each `on_epoch_end`); Dense 64 ReLU ->
    softmax 10, Adam(1e-3), 30 epochs; validation arrays scaled / 16. Options: `shuffle` /
    `reshuffle` (False: the rows in their sorted order), `index_bug` (`__getitem__` ignores
    its index: every batch the first one). The PyDataset is the probe."""
    x, xval, y, yval = sorted_digits()
    keras.utils.set_random_seed(kit.seed)
    train = DigitBatches(x, y, 32, shuffle=shuffle, reshuffle=reshuffle, index_bug=index_bug,
                         seed=kit.seed)  # fmt: skip
    return kit.fit(_digit_model(), train, probe_data=train, epochs=epochs,
                   validation_data=(xval / 16.0, yval))  # fmt: skip


def digits_generator(kit: Kit, *, bug: str = "none", augment: bool = True,
                     val_augment: bool = False, epochs: int = 30) -> Any:  # fmt: skip
    """The class-sorted digits from an endless Python generator: a fresh permutation each
    pass, batches of 32 scaled / 16 and augmented (each image shifted sideways by up to
    one pixel with np.roll, Gaussian noise sd 0.05), `steps_per_epoch = len(x) // 32`; Dense 64 ReLU
    -> softmax 10, Adam(1e-3), 30 epochs. Options: `bug="same_batch"` (the permutation
    drawn once outside the loop and the batch sliced [:32] each time: the same batch
    forever), `augment`, `val_augment` (the validation images shifted and noised once, as
    the training batches). The probe is the arrays the generator draws from."""
    x, xval, y, yval = sorted_digits()
    keras.utils.set_random_seed(kit.seed)
    rng = np.random.default_rng(kit.seed)
    batch = 32

    def distort(images: np.ndarray) -> np.ndarray:
        grid = images.reshape(-1, 8, 8)
        out = np.empty_like(grid)
        for i, image in enumerate(grid):
            out[i] = np.roll(image, int(rng.integers(-1, 2)), axis=1)
        out = out.reshape(len(images), 64)
        return out + rng.normal(0, 0.05, out.shape).astype(np.float32)

    def batches() -> Any:
        if bug == "same_batch":
            order = rng.permutation(len(x))
            while True:
                rows = order[:batch]
                images = x[rows] / 16.0
                yield (distort(images) if augment else images), y[rows]
        while True:
            order = rng.permutation(len(x))
            for start in range(0, len(x) - batch + 1, batch):
                rows = order[start:start + batch]
                images = x[rows] / 16.0
                yield (distort(images) if augment else images), y[rows]

    xv = xval / 16.0
    if val_augment:
        xv = distort(xv)
    return kit.fit(_digit_model(), batches(), probe_data=(x / 16.0, y), epochs=epochs,
                   steps_per_epoch=len(x) // batch, validation_data=(xv, yval))  # fmt: skip


def plant_forecast(kit: Kit, *, train_shift: int = -1, window_shuffle: bool = True,
                   epochs: int = 20) -> Any:  # fmt: skip
    """The outlet temperature 6 hours after a 24-hour window of the four columns
    (standardised with the training steps' mean / sd, the target too):
    `timeseries_dataset_from_array(z[:-29], targets=z[29:, 0], sequence_length=24,
    batch_size=64, shuffle=True)` for the first 80 % of the steps, the same call for the
    rest; Flatten -> Dense 64 ReLU -> Dense 1, MSE (metric mae), Adam(1e-3), 20 epochs.
    Options: `train_shift` (the training call's target offset; -1 the healthy 24 + 6 - 1 =
    29; 23: the window's own last step, the present; 0: the window's first step; 24: the
    next step, the one-step tutorial's offset), `window_shuffle` (False: the training
    windows in time order)."""
    series = plant_sensors()
    cut = int(len(series) * 0.8)
    mean, sd = series[:cut].mean(axis=0), series[:cut].std(axis=0)
    z = (series - mean) / sd
    length, horizon = 24, 6
    shift = length + horizon - 1

    def windows(part: np.ndarray, offset: int, shuffle: bool) -> Any:
        data = part[:-offset] if offset else part
        return keras.utils.timeseries_dataset_from_array(
            data, targets=part[offset:, 0], sequence_length=length, batch_size=64,
            shuffle=shuffle, seed=kit.seed)  # fmt: skip

    keras.utils.set_random_seed(kit.seed)
    train = windows(z[:cut], shift if train_shift < 0 else train_shift, window_shuffle)
    val = windows(z[cut:], shift, False)
    model = keras.Sequential([keras.Input((length, 4)), layers.Flatten(),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return kit.fit(model, train, probe_data=train, epochs=epochs, validation_data=val)
