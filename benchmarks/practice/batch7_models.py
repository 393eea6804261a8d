"""Batch-7 scripts, model shapes: a small U-Net-like segmentation net (per-pixel softmax), a
CNN with `Rescaling` and `RandomTranslation` inside the model, a two-stage transfer script (a
backbone pre-trained in the script, frozen as a nested model under a new head), a
Transformer encoder block (MultiHeadAttention + LayerNormalization) on signals, a
multi-label tagger (sigmoid, binary CE, AUC), knowledge distillation with `KLDivergence` on
a teacher's soft targets, and a subclassed `keras.Model` built from a custom gated layer.
Each script calls `kit.fit`; keyword options are the faults of `cases.py` (each default is
the healthy script's choice); each docstring names the kind of public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch6_data import digits_raw_images
from benchmarks.practice.batch7_data import (
    digits_teacher,
    five_class_table,
    shapes_masks,
    tagged_documents,
)
from benchmarks.practice.data import signals
from benchmarks.practice.kit import Kit


def segmentation(kit: Kit, *, mask_scale: int = 1, onehot_masks: bool = False,
                 epochs: int = 10) -> Any:  # fmt: skip
    """Squares and discs on noisy 16x16 images, a mask per pixel (0 background, 1 square,
    2 disc): a small U-Net (Conv 16-16, MaxPool, Conv 32-32, UpSampling, skip Concatenate,
    Conv 16, 1x1 Conv(3, softmax)), sparse CE per pixel, Adam(2e-3), batch 32. Faults: the
    masks read as saved by an image tool, class k stored as 127 * k (Stack Overflow "Received
    a label value of 255 which is outside the valid range" in segmentation); the masks
    one-hot encoded with `to_categorical` but the loss left sparse (Stack Overflow / TFBugs
    "sparse_categorical_crossentropy with one-hot masks")."""
    x, m, xv, mv = shapes_masks()
    m, mv = m * mask_scale, mv * mask_scale
    if onehot_masks:
        m, mv = keras.utils.to_categorical(m, 3), keras.utils.to_categorical(mv, 3)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((16, 16, 1))
    c1 = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    c1 = layers.Conv2D(16, 3, padding="same", activation="relu")(c1)
    c2 = layers.MaxPooling2D(2)(c1)
    c2 = layers.Conv2D(32, 3, padding="same", activation="relu")(c2)
    c2 = layers.Conv2D(32, 3, padding="same", activation="relu")(c2)
    u = layers.UpSampling2D(2)(c2)
    u = layers.Concatenate()([u, c1])
    u = layers.Conv2D(16, 3, padding="same", activation="relu")(u)
    outputs = layers.Conv2D(3, 1, activation="softmax")(u)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, m, probe_data=(x, m), batch_size=32, epochs=epochs,
                   validation_data=(xv, mv))  # fmt: skip


def rescaling_cnn(kit: Kit, *, prescaled: bool = False, translate: float = 0.1,
                  epochs: int = 15) -> Any:  # fmt: skip
    """Digit images with raw pixel values 0..16, the scaling inside the model:
    `Rescaling(1/16)`, `RandomTranslation(0.1, 0.1)`, Conv2D 32-32 + MaxPool + Dropout 0.25 +
    Dense(64), softmax; Adam, batch 32. Faults: the images also divided by 16 before `fit`,
    so they are scaled twice (Stack Overflow "normalized twice: Rescaling layer and
    ImageDataGenerator(rescale=...)"); `RandomTranslation(0.6, 0.6)`, augmentation that moves
    most of the digit off its 8x8 canvas (Stack Overflow "accuracy dropped after adding data
    augmentation")."""
    x, y, xv, yv = digits_raw_images()
    if prescaled:
        x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Rescaling(1.0 / 16),
        layers.RandomTranslation(translate, translate, seed=kit.seed),
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(2),
        layers.Dropout(0.25), layers.Flatten(), layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def transfer_two_stage(kit: Kit, *, stage2_scale: float = 16.0, epochs: int = 12) -> Any:
    """Transfer inside one script: a Conv backbone (Conv 16 + MaxPool + Conv 32 + Flatten) is
    pre-trained on digits 0-4 (images / 16, 5 epochs, plain fit), frozen
    (`backbone.trainable = False`), and called with `training=False` under a new head
    (Dense(32) + softmax) trained on digits 5-9; Adam, batch 32. Fault: the second stage
    feeds raw pixels 0..16 to the frozen backbone (Stack Overflow "forgot preprocess_input
    for the pre-trained model", "transfer learning accuracy stuck")."""
    x, y, xv, yv = digits_raw_images()
    first, second = y < 5, y >= 5
    keras.utils.set_random_seed(kit.seed)
    backbone = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2), layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(),
    ], name="backbone")  # fmt: skip
    pre = keras.Sequential([backbone, layers.Dense(5, activation="softmax")])
    pre.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy")
    pre.fit(x[first] / 16.0, y[first], batch_size=32, epochs=5, verbose=0)
    backbone.trainable = False
    inputs = keras.Input((8, 8, 1))
    h = backbone(inputs, training=False)
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(5, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    x2, y2 = x[second] / stage2_scale, y[second] - 5
    xv2, yv2 = xv[yv >= 5] / stage2_scale, yv[yv >= 5] - 5
    return kit.fit(model, x2, y2, probe_data=(x2, y2), batch_size=32, epochs=epochs,
                   validation_data=(xv2, yv2))  # fmt: skip


def transformer_signals(kit: Kit, *, pool_format: str = "channels_last", ln_axis: int = -1,
                        epochs: int = 10) -> Any:  # fmt: skip
    """Noisy waveforms (64 steps, 3 classes): Conv1D(32, 3) projection, one pre-norm
    Transformer encoder block (LayerNormalization, MultiHeadAttention(4 heads, key_dim 8),
    Dropout 0.1, residual; LayerNormalization, Dense 64-32 feed-forward, residual),
    GlobalAveragePooling1D, softmax; Adam, batch 32. Fault: `GlobalAveragePooling1D(
    data_format="channels_first")` copied from keras-io's one-channel time-series Transformer
    example: here it averages the 32 features of each step instead of the steps (Stack
    Overflow / GitHub "channels_first pooling in the timeseries transformer example");
    `LayerNormalization(axis=1)`, each feature normalised over the 64 time steps instead of
    each step over its features (Stack Overflow "LayerNormalization axis for sequences",
    the wrong-axis normalisation of DeepFD / defects4ML)."""
    x, y, xv, yv = signals()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64, 1))
    h = layers.Conv1D(32, 3, padding="same")(inputs)
    z = layers.LayerNormalization(axis=ln_axis, epsilon=1e-6)(h)
    z = layers.MultiHeadAttention(num_heads=4, key_dim=8, dropout=0.1)(z, z)
    h = layers.Add()([h, layers.Dropout(0.1)(z)])
    z = layers.LayerNormalization(axis=ln_axis, epsilon=1e-6)(h)
    z = layers.Dense(64, activation="relu")(z)
    z = layers.Dense(32)(z)
    h = layers.Add()([h, z])
    h = layers.GlobalAveragePooling1D(data_format=pool_format)(h)
    outputs = layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def multilabel_tags(kit: Kit, *, head: str = "sigmoid", epochs: int = 20) -> Any:
    """Documents with 1-3 of 6 tags: Dense 64 + Dropout 0.2 + Dense 32, Dense(6, sigmoid),
    binary CE, metrics binary_accuracy and AUC(multi_label=True); Adam, batch 64. Fault: a
    softmax output for the multi-hot tags (Stack Overflow "multi-label classification with
    softmax: probabilities sum to 1, only one tag predicted")."""
    x, y, xv, yv = tagged_documents()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((40,)), layers.Dense(64, activation="relu"), layers.Dropout(0.2),
        layers.Dense(32, activation="relu"), layers.Dense(6, activation=head),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy",
                  metrics=["binary_accuracy", keras.metrics.AUC(multi_label=True, name="auc")])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def distillation(kit: Kit, *, targets: str = "proba", head: str | None = "softmax",
                 epochs: int = 20) -> Any:  # fmt: skip
    """Knowledge distillation on the digits: a small student (Dense 64, softmax) trained with
    `KLDivergence` on a teacher's soft targets (sklearn logistic regression, temperature 2),
    validated on the true one-hot labels, metric categorical_accuracy; Adam, batch 32. Faults:
    the teacher's `predict_log_proba` (log-probabilities, all <= 0) used as the targets (Stack
    Overflow "KL divergence loss is zero / negative"); the student's output left linear
    (logits) under KLDivergence, which expects probabilities (Stack Overflow "KLDivergence
    with logits gives constant loss", DeepFD's loss / activation faults)."""
    x, _, soft, log_soft, xv, yv = digits_teacher()
    target = soft if targets == "proba" else log_soft
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((64,)), layers.Dense(64, activation="relu"),
                              layers.Dense(10, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.KLDivergence(),
                  metrics=["categorical_accuracy"])  # fmt: skip
    return kit.fit(model, x, target, probe_data=(x, target), batch_size=32, epochs=epochs,
                   validation_data=(xv, keras.utils.to_categorical(yv, 10)))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice7")
class GatedDense(keras.layers.Layer):
    """A gated linear unit written by hand: (x W + b) * sigmoid(x V + c)."""

    def __init__(self, units: int, weights_trainable: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units = units
        self.weights_trainable = weights_trainable

    def build(self, input_shape: Any) -> None:
        d = int(input_shape[-1])
        t = self.weights_trainable
        self.w = self.add_weight(shape=(d, self.units), initializer="glorot_uniform",
                                 trainable=t, name="w")  # fmt: skip
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=t, name="b")
        self.v = self.add_weight(shape=(d, self.units), initializer="glorot_uniform",
                                 trainable=t, name="v")  # fmt: skip
        self.c = self.add_weight(shape=(self.units,), initializer="zeros", trainable=t, name="c")

    def call(self, inputs: Any) -> Any:
        return (ops.matmul(inputs, self.w) + self.b) * ops.sigmoid(ops.matmul(inputs, self.v)
                                                                   + self.c)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units,
                "weights_trainable": self.weights_trainable}  # fmt: skip


@keras.saving.register_keras_serializable(package="practice7")
class GatedNet(keras.Model):
    """Two GatedDense(64) layers with LayerNormalization between, a softmax head."""

    def __init__(self, classes: int = 5, weights_trainable: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.classes = classes
        self.weights_trainable = weights_trainable
        self.g1 = GatedDense(64, weights_trainable)
        self.norm = layers.LayerNormalization()
        self.g2 = GatedDense(64, weights_trainable)
        self.head = layers.Dense(classes, activation="softmax")

    def call(self, inputs: Any) -> Any:
        return self.head(self.g2(self.norm(self.g1(inputs))))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "classes": self.classes,
                "weights_trainable": self.weights_trainable}  # fmt: skip


def gated_subclass(kit: Kit, *, weights_trainable: bool = True, epochs: int = 15) -> Any:
    """A 5-class table (20 standardised features) through a subclassed `keras.Model` built
    from a hand-written `GatedDense` layer (`build` + `add_weight`); Adam, batch 64. Fault:
    the custom layer's `add_weight(..., trainable=False)` (copied from a layer's non-trainable
    statistics), so only the softmax head learns on random gated features (Stack Overflow
    "custom layer weights are not updating / not in trainable_weights")."""
    x, y, xv, yv = five_class_table()
    keras.utils.set_random_seed(kit.seed)
    model = GatedNet(5, weights_trainable)
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    model(np.zeros((1, 20), "float32"))
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
