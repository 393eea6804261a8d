"""Batch-3 scripts, training set-ups: tf.data with .map augmentation and .prefetch, Huber on
ordinal grades, sample_weight, validation_freq, a mixed-precision policy, a warm-up schedule
class, AdamW with clipnorm, Nadam on 150 rows for 60 epochs, SGD momentum on iris, a
multi-label model with a custom metric. Each script calls `kit.fit`. Keyword options are the
faults of `cases.py` (each default is the healthy script's choice)."""

from __future__ import annotations

import math
from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import (
    cancer,
    digit_images,
    digits_raw_flat,
    drifting_binary,
    graded_friedman,
    iris_small,
    multilabel6,
    wine_split,
)
from benchmarks.practice.batch3_models import PKG
from benchmarks.practice.kit import Kit


def _scaled(split: tuple[np.ndarray, ...]) -> tuple[np.ndarray, ...]:
    x, y, xv, yv = split
    scaler = StandardScaler().fit(x)
    return scaler.transform(x).astype("float32"), y, scaler.transform(xv).astype("float32"), yv


def tfdata_map(kit: Kit, *, shuffle_apart: bool = False, epochs: int = 10) -> Any:
    """digits / 16 in a tf.data pipeline: shuffle, .map(Gaussian pixel noise), batch 32,
    .prefetch(AUTOTUNE); validation from a second dataset. Fault: images and labels put in
    two datasets, each shuffled on its own, then zipped (the pairs are broken every epoch)."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)

    def augment(image, label):  # type: ignore[no-untyped-def]
        return image + tf.random.normal(tf.shape(image), stddev=0.05), label

    if shuffle_apart:
        xs = tf.data.Dataset.from_tensor_slices(x).shuffle(len(x), seed=kit.seed)
        ys = tf.data.Dataset.from_tensor_slices(y).shuffle(len(y), seed=kit.seed + 1)
        train = tf.data.Dataset.zip((xs, ys))
    else:
        train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=kit.seed)
    train = train.map(augment, num_parallel_calls=tf.data.AUTOTUNE).batch(32)
    train = train.prefetch(tf.data.AUTOTUNE)
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(256)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, train, probe_data=(x, y), epochs=epochs, validation_data=val)


def ordinal_huber(kit: Kit, *, head: str | None = None, epochs: int = 25) -> Any:
    """Grades 0..4 as a regression: Huber(delta 0.5), mae; linear output. Fault: a sigmoid
    output 'because the target is bounded' (it cannot exceed 1)."""
    x, y, xv, yv = _scaled(graded_friedman())
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(2e-3), keras.losses.Huber(delta=0.5), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def sample_weighted(kit: Kit, *, integer_weights: bool = False, epochs: int = 15) -> Any:
    """Rows in time order, recent rows weigh more: sample_weight = 0.5 + row / n. Fault: the
    weight computed with integer division (row // n), which is 0 for every row."""
    x, y, xv, yv = _scaled(drifting_binary())
    n = len(x)
    rows = np.arange(n)
    weights = (rows // n).astype("float32") if integer_weights else 0.5 + rows / n
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y, weights), batch_size=32, epochs=epochs,
                   sample_weight=weights, validation_data=(xv, yv))  # fmt: skip


def validation_freq(kit: Kit, *, l2: float = 1e-4, epochs: int = 40) -> Any:
    """Wine (standardised), L2 on the hidden layers, validation every 5th epoch only
    (validation_freq=5), 40 epochs, batch 16. Fault: l2=10 (meant 1e-1? copied 10)."""
    x, y, xv, yv = _scaled(wine_split())
    keras.utils.set_random_seed(kit.seed)
    reg = keras.regularizers.l2(l2)
    model = keras.Sequential([keras.Input((13,)),
                              layers.Dense(32, activation="relu", kernel_regularizer=reg),
                              layers.Dense(16, activation="relu", kernel_regularizer=reg),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv), validation_freq=5)  # fmt: skip


def mixed_precision(kit: Kit, *, depth: int = 2, activation: str = "relu",
                    epochs: int = 20) -> Any:  # fmt: skip
    """keras.mixed_precision 'mixed_bfloat16' (the CPU one), breast cancer standardised, the
    output layer in float32 as the guide says. Fault: 10 sigmoid hidden layers."""
    x, y, xv, yv = _scaled(cancer())
    keras.utils.set_random_seed(kit.seed)
    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    try:
        model = keras.Sequential([keras.Input((30,))]
                                 + [layers.Dense(32, activation=activation) for _ in range(depth)]
                                 + [layers.Dense(1), layers.Activation("sigmoid", dtype="float32")])
        model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
        return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                       validation_data=(xv, yv))  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy("float32")


@keras.saving.register_keras_serializable(package=PKG)
class WarmupCosine(keras.optimizers.schedules.LearningRateSchedule):
    """Linear warm-up to `peak` over `warmup_steps`, then cosine decay to 0 at `total_steps`."""

    def __init__(self, peak: float, warmup_steps: int, total_steps: int) -> None:
        self.peak, self.warmup_steps, self.total_steps = peak, warmup_steps, total_steps

    def __call__(self, step):  # type: ignore[no-untyped-def]
        step = keras.ops.cast(step, "float32")
        warm = self.peak * (step + 1) / self.warmup_steps
        progress = (step - self.warmup_steps) / max(1, self.total_steps - self.warmup_steps)
        cosine = 0.5 * self.peak * (1 + keras.ops.cos(math.pi * keras.ops.clip(progress, 0, 1)))
        return keras.ops.where(step < self.warmup_steps, warm, cosine)

    def get_config(self) -> dict[str, Any]:
        return {"peak": self.peak, "warmup_steps": self.warmup_steps,
                "total_steps": self.total_steps}  # fmt: skip


def warmup_schedule(kit: Kit, *, warmup_epochs: float = 1.0, epochs: int = 12) -> Any:
    """digits / 16 MLP, Adam under WarmupCosine (1 epoch warm-up to 3e-3). Fault: warm-up
    given in samples instead of steps (x 32 x 1000: the rate never leaves ~1e-7)."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    steps = math.ceil(len(x) / 32)
    warmup = int(warmup_epochs * steps)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(128, activation="relu"),
                              layers.Dense(10, activation="softmax")])  # fmt: skip
    schedule = WarmupCosine(3e-3, warmup, max(warmup + 1, epochs * steps))
    model.compile(keras.optimizers.Adam(schedule), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def adamw_clipnorm(kit: Kit, *, weight_decay: float = 1e-4, epochs: int = 10) -> Any:
    """A small CNN on digit images: AdamW(2e-3, weight_decay, clipnorm=1.0), batch 32.
    Fault: weight_decay=50 (the decoupled decay taken for an L2 'lambda' on a loss scale)."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(), layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(), layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    opt = keras.optimizers.AdamW(2e-3, weight_decay=weight_decay, clipnorm=1.0)
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def iris_small_data(kit: Kit, *, optimizer: str = "nadam", lr: float = 2e-3,
                    epochs: int = 60) -> Any:  # fmt: skip
    """Iris, 120 rows to train (StandardScaler), Dense 16-16, 60 epochs, batch 16, Nadam.
    Fault: SGD(lr, momentum=0.99) at lr 0.5 ('momentum speeds it up')."""
    x, y, xv, yv = _scaled(iris_small())
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((4,)), layers.Dense(16, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    opt = (keras.optimizers.Nadam(lr) if optimizer == "nadam"
           else keras.optimizers.SGD(lr, momentum=0.99))  # fmt: skip
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=16, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class MicroF1(keras.metrics.Metric):
    """Micro-averaged F1 over every label at threshold 0.5 (a custom stateful metric)."""

    def __init__(self, name: str = "micro_f1", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.tp = self.add_variable((), initializer="zeros", name="tp")
        self.fp = self.add_variable((), initializer="zeros", name="fp")
        self.fn = self.add_variable((), initializer="zeros", name="fn")

    def update_state(self, y_true, y_pred, sample_weight=None):  # type: ignore[no-untyped-def]
        t = keras.ops.cast(y_true, "float32")
        p = keras.ops.cast(y_pred > 0.5, "float32")
        self.tp.assign(self.tp + keras.ops.sum(t * p))
        self.fp.assign(self.fp + keras.ops.sum((1 - t) * p))
        self.fn.assign(self.fn + keras.ops.sum(t * (1 - p)))

    def result(self):  # type: ignore[no-untyped-def]
        return 2 * self.tp / keras.ops.maximum(2 * self.tp + self.fp + self.fn, 1.0)

    def reset_state(self) -> None:
        for v in (self.tp, self.fp, self.fn):
            v.assign(0.0)


def multilabel_f1(kit: Kit, *, head: str = "sigmoid", loss: str = "binary_crossentropy",
                  epochs: int = 15) -> Any:  # fmt: skip
    """6 labels (a row has 0-5), sigmoid + binary CE, binary_accuracy, AUC(multi_label) and a
    custom MicroF1. Fault: softmax + categorical_crossentropy on the multi-hot targets."""
    x, y, xv, yv = multilabel6()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((24,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(6, activation=head)])  # fmt: skip
    model.compile("adam", loss, metrics=["binary_accuracy",
                                         keras.metrics.AUC(multi_label=True), MicroF1()])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


