"""Batch-10 scripts, model shapes: a subclassed `keras.Model` with its own `call` and a skip
connection, a functional model of a class overriding `train_step` (Keras 3 / TensorFlow:
`tf.GradientTape`, `self.compute_loss`, metrics updated by hand, `apply_gradients`), a CNN
under AdamW with `use_ema=True` and `clipnorm`, and a small ResNet-style CNN (`layers.Add`)
with a logits head. Each script calls `kit.fit`; keyword options are the faults of
`cases.py` (each default is the healthy script's choice); each docstring names the kind of
public report a fault follows.
"""

from __future__ import annotations

from typing import Any

import keras
import tensorflow as tf
from keras import layers

from benchmarks.practice.batch3_data import digit_images, digits_raw_flat
from benchmarks.practice.batch10_data import shells
from benchmarks.practice.kit import Kit

PKG = "practice10"


@keras.saving.register_keras_serializable(package=PKG)
class SkipNet(keras.Model):
    """Dense(64) -> Dropout -> Dense(64) + the first layer's output (a skip) -> softmax."""

    def __init__(self, classes: int = 3, activation: str | None = "relu", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.classes, self.activation = classes, activation
        self.inner = layers.Dense(64, activation=activation)
        self.drop = layers.Dropout(0.2)
        self.middle = layers.Dense(64, activation=activation)
        self.head = layers.Dense(classes, activation="softmax")

    def call(self, inputs: Any, training: bool = False) -> Any:
        h = self.inner(inputs)
        h = self.drop(h, training=training)
        return self.head(self.middle(h) + h)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "classes": self.classes, "activation": self.activation}


def subclass_skip(kit: Kit, *, activation: str | None = "relu", epochs: int = 20) -> Any:
    """Gaussian quantile shells (3 distance bands, 8 standardised columns): the subclassed
    SkipNet above; sparse CE, accuracy; Adam(2e-3), batch 32. Fault: the hidden Dense layers
    written without `activation=` (Keras' default is linear: Stack Overflow "my subclassed
    model only learns a linear boundary / accuracy stuck around 40 %": the stack collapses to
    one linear map)."""
    x, y, xv, yv = shells()
    keras.utils.set_random_seed(kit.seed)
    model = SkipNet(3, activation)
    model.compile(keras.optimizers.Adam(2e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class TapeModel(keras.Model):
    """A functional model whose class writes its own `train_step` as in keras.io's
    "Customizing what happens in fit() with TensorFlow" (Keras 3): GradientTape,
    `self.compute_loss`, `self.optimizer.apply_gradients`, metrics updated by hand.
    `sign` and `first_only` are the faults' knobs (stored as attributes, not config)."""

    sign: float = 1.0
    first_only: bool = False

    def train_step(self, data):  # type: ignore[no-untyped-def]
        x, y = data[0], data[1]
        variables = self.trainable_variables[:2] if self.first_only else self.trainable_variables
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
            objective = self.sign * loss
        grads = tape.gradient(objective, variables)
        self.optimizer.apply_gradients(zip(grads, variables, strict=True))
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}


def tape_digits(kit: Kit, *, sign: float = 1.0, first_only: bool = False,
                epochs: int = 12) -> Any:  # fmt: skip
    """Digits (64 pixels / 16): Dense 128 (ReLU), Dropout 0.2, Dense 64 (ReLU), Dense(10,
    softmax) as a TapeModel; sparse CE, accuracy; Adam(1e-3), batch 32. Faults: `sign=-1`,
    the objective negated as in a WGAN critic's step the loop was copied from (gradient
    ascent on the loss; keras-io WGAN-GP / Stack Overflow "custom train_step loss increases
    every epoch"); `first_only`, `self.trainable_variables[:2]` where `[-2:]` was meant
    (only the first Dense layer is updated; Stack Overflow "custom training loop: some layers'
    weights never change")."""
    x, y, xv, yv = digits_raw_flat()
    x, xv = x / 16.0, xv / 16.0
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(inputs)
    h = layers.Dropout(0.2)(h)
    h = layers.Dense(64, activation="relu")(h)
    model = TapeModel(inputs, layers.Dense(10, activation="softmax")(h))
    model.sign, model.first_only = sign, first_only
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def ema_cnn(kit: Kit, *, epochs: int = 12) -> Any:
    """Digit images (8x8x1 in [0, 1]): Conv2D 32 -> MaxPool -> Conv2D 64 -> Flatten ->
    Dense 64 -> Dense(10, softmax); AdamW(1e-3, weight_decay=1e-4, clipnorm=1.0,
    use_ema=True, ema_momentum=0.99), batch 64. Healthy only."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Conv2D(32, 3, padding="same", activation="relu"), layers.MaxPooling2D(),
        layers.Conv2D(64, 3, padding="same", activation="relu"), layers.Flatten(),
        layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])  # fmt: skip
    opt = keras.optimizers.AdamW(1e-3, weight_decay=1e-4, clipnorm=1.0, use_ema=True,
                                 ema_momentum=0.99)  # fmt: skip
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def _block(h: Any, filters: int) -> Any:
    shortcut = h if h.shape[-1] == filters else layers.Conv2D(filters, 1)(h)
    h = layers.Conv2D(filters, 3, padding="same", use_bias=False)(h)
    h = layers.Activation("relu")(layers.BatchNormalization()(h))
    h = layers.BatchNormalization()(layers.Conv2D(filters, 3, padding="same", use_bias=False)(h))
    return layers.Activation("relu")(layers.Add()([h, shortcut]))


def resnet_logits(kit: Kit, *, from_logits: bool = True, epochs: int = 10) -> Any:
    """Digit images, binary target "digit >= 5": Conv2D 16 stem, two residual blocks (Conv-BN-
    ReLU-Conv-BN + shortcut, `layers.Add`, ReLU; 1x1 shortcut where the width changes),
    MaxPool between, GlobalAveragePooling2D, Dense(1) logits; BinaryCrossentropy(from_logits=
    True), BinaryAccuracy(threshold=0.0); Adam(1e-3), batch 32. Fault: the loss left at
    `BinaryCrossentropy()` (from_logits=False) on the linear head (Stack Overflow / keras
    #11779-style "BCE loss stuck, logits output without sigmoid": the loss clips the raw
    scores to [1e-7, 1 - 1e-7])."""
    x, y, xv, yv = digit_images()
    y, yv = (y >= 5).astype("float32"), (yv >= 5).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = layers.MaxPooling2D()(_block(h, 16))
    h = layers.GlobalAveragePooling2D()(_block(h, 32))
    model = keras.Model(inputs, layers.Dense(1)(h))
    model.compile(keras.optimizers.Adam(1e-3),
                  keras.losses.BinaryCrossentropy(from_logits=from_logits),
                  metrics=[keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip
