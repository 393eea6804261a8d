"""Batch-3 scripts, model shapes: a two-input two-output functional model with loss weights,
a subclassed keras.Model with BatchNorm and a training flag, a custom layer, a custom loss
and metric, hand-built MobileNet- and ResNet-like blocks, an LSTM forecaster, a GRU
encoder-decoder, a convolutional autoencoder, a siamese (shared-weights) model, a transfer
set-up with a frozen base. Each script calls `kit.fit` (model.fit under Watch, or the job).
Keyword options are the faults of `cases.py` (each default is the healthy script's choice)."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch3_data import (
    cancer,
    digit_images,
    digit_pairs,
    digits_two_parts,
    moons_noisy,
    rare_positive,
    reverse_sequences,
    seasonal_windows,
)
from benchmarks.practice.kit import Kit

PKG = "practice3"
# Keras' 0.99 leaves the moving statistics behind on ~200 steps (batch 1's batchnorm_short)
BN_MOMENTUM = 0.9


def multi_io(kit: Kit, *, scale_ink: bool = True, epochs: int = 12) -> Any:
    """Image + stroke features -> digit (softmax) and total ink (regression); losses by output
    name, loss_weights {digit: 1, ink: 0.5}, metrics per output."""
    x, y, xv, yv = digits_two_parts()
    y, yv = dict(y), dict(yv)
    if scale_ink:
        mean, std = y["ink"].mean(), y["ink"].std()
        y["ink"], yv["ink"] = (y["ink"] - mean) / std, (yv["ink"] - mean) / std
    keras.utils.set_random_seed(kit.seed)
    image = keras.Input((8, 8, 1), name="image")
    strokes = keras.Input((6,), name="strokes")
    h = layers.Conv2D(16, 3, padding="same", activation="relu")(image)
    h = layers.MaxPooling2D()(h)
    h = layers.Flatten()(h)
    h = layers.Concatenate()([h, layers.Dense(16, activation="relu")(strokes)])
    h = layers.Dense(64, activation="relu")(h)
    digit = layers.Dense(10, activation="softmax", name="digit")(h)
    ink = layers.Dense(1, name="ink")(h)
    model = keras.Model({"image": image, "strokes": strokes}, {"digit": digit, "ink": ink})
    model.compile("adam", loss={"digit": "sparse_categorical_crossentropy", "ink": "mse"},
                  loss_weights={"digit": 1.0, "ink": 0.5},
                  metrics={"digit": ["accuracy"], "ink": ["mae"]})  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class TumourNet(keras.Model):
    """A subclassed classifier: Dense-BN-ReLU-Dropout twice, sigmoid head; `training` passed
    through to BatchNorm and Dropout; get_config with its constructor arguments."""

    def __init__(self, width: int = 32, dropout: float = 0.2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.width, self.dropout = width, dropout
        self.d1, self.d2 = layers.Dense(width), layers.Dense(width)
        self.bn1, self.bn2 = layers.BatchNormalization(), layers.BatchNormalization()
        self.drop = layers.Dropout(dropout)
        self.out = layers.Dense(1, activation="sigmoid")

    def call(self, inputs, training=None):  # type: ignore[no-untyped-def]
        h = keras.activations.relu(self.bn1(self.d1(inputs), training=training))
        h = self.drop(h, training=training)
        h = keras.activations.relu(self.bn2(self.d2(h), training=training))
        return self.out(self.drop(h, training=training))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "width": self.width, "dropout": self.dropout}


def subclass_bn(kit: Kit, *, batch_size: int = 32, epochs: int = 20) -> Any:
    """TumourNet on standardised breast cancer, Adam(1e-3)."""
    x, y, xv, yv = cancer()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = TumourNet()
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=batch_size, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
class GaussianFeatures(keras.layers.Layer):
    """A custom layer: a dense projection with its own weights (initial spread a constructor
    argument) followed by tanh, plus a learned per-unit gate."""

    def __init__(self, units: int, init_std: float = 0.5, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.units, self.init_std = units, init_std

    def build(self, input_shape: Any) -> None:
        self.w = self.add_weight((input_shape[-1], self.units),
                                 initializer=keras.initializers.RandomNormal(0, self.init_std),
                                 name="w")  # fmt: skip
        self.b = self.add_weight((self.units,), initializer="zeros", name="b")
        self.gate = self.add_weight((self.units,), initializer="ones", name="gate")

    def call(self, inputs):  # type: ignore[no-untyped-def]
        return keras.ops.tanh(keras.ops.matmul(inputs, self.w) + self.b) * self.gate

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "units": self.units, "init_std": self.init_std}


def custom_layer(kit: Kit, *, init_std: float = 0.5, epochs: int = 25) -> Any:
    """Noisy moons: two GaussianFeatures(32) custom layers, sigmoid head, Adam(3e-3)."""
    x, y, xv, yv = moons_noisy()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((2,)), GaussianFeatures(32, init_std),
                              GaussianFeatures(32, init_std),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package=PKG)
def focal_loss(y_true, y_pred):  # type: ignore[no-untyped-def]
    """Binary focal loss (gamma 2, alpha 0.75) on probabilities, clipped like Keras' BCE."""
    y_true = keras.ops.cast(keras.ops.reshape(y_true, keras.ops.shape(y_pred)), y_pred.dtype)
    p = keras.ops.clip(y_pred, 1e-7, 1 - 1e-7)
    pt = y_true * p + (1 - y_true) * (1 - p)
    alpha = y_true * 0.75 + (1 - y_true) * 0.25
    return keras.ops.mean(-alpha * (1 - pt) ** 2 * keras.ops.log(pt), axis=-1)


@keras.saving.register_keras_serializable(package=PKG)
class PositiveRecall(keras.metrics.Metric):
    """A custom stateful metric: recall of the rare class at threshold 0.5."""

    def __init__(self, name: str = "pos_recall", **kwargs: Any) -> None:
        super().__init__(name=name, **kwargs)
        self.tp = self.add_variable((), initializer="zeros", name="tp")
        self.pos = self.add_variable((), initializer="zeros", name="pos")

    def update_state(self, y_true, y_pred, sample_weight=None):  # type: ignore[no-untyped-def]
        y_true = keras.ops.reshape(keras.ops.cast(y_true, "float32"), (-1,))
        hit = keras.ops.cast(keras.ops.reshape(y_pred, (-1,)) > 0.5, "float32")
        self.tp.assign(self.tp + keras.ops.sum(hit * y_true))
        self.pos.assign(self.pos + keras.ops.sum(y_true))

    def result(self):  # type: ignore[no-untyped-def]
        return self.tp / keras.ops.maximum(self.pos, 1.0)

    def reset_state(self) -> None:
        self.tp.assign(0.0)
        self.pos.assign(0.0)


def custom_loss(kit: Kit, *, head: str | None = "sigmoid", epochs: int = 20) -> Any:
    """8 % positives: focal_loss (a registered custom function), accuracy and a custom
    PositiveRecall metric, Adam(1e-3)."""
    x, y, xv, yv = rare_positive()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation=head)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), focal_loss,
                  metrics=["accuracy", PositiveRecall()])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def _separable(h: Any, filters: int, stride: int) -> Any:
    h = layers.DepthwiseConv2D(3, strides=stride, padding="same", use_bias=False)(h)
    h = layers.BatchNormalization(momentum=BN_MOMENTUM)(h)
    h = layers.ReLU(6.0)(h)
    h = layers.Conv2D(filters, 1, use_bias=False)(h)
    h = layers.BatchNormalization(momentum=BN_MOMENTUM)(h)
    return layers.ReLU(6.0)(h)


def mini_mobilenet(kit: Kit, *, head: str | None = None, epochs: int = 10) -> Any:
    """MobileNet-like: stem conv, 3 depthwise-separable blocks (ReLU6, BN), GAP, Dropout,
    logits + SparseCategoricalCrossentropy(from_logits=True), Adam, batch 64."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(16, 3, padding="same", use_bias=False)(inputs)
    h = layers.ReLU(6.0)(layers.BatchNormalization(momentum=BN_MOMENTUM)(h))
    for filters, stride in ((32, 1), (64, 2), (64, 1)):
        h = _separable(h, filters, stride)
    h = layers.Dropout(0.2)(layers.GlobalAveragePooling2D()(h))
    model = keras.Model(inputs, layers.Dense(10, activation=head)(h))
    model.compile(keras.optimizers.Adam(2e-3),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def mini_resnet(kit: Kit, *, lr: float = 0.05, epochs: int = 10) -> Any:
    """ResNet-like: stem, two residual blocks (Conv-BN-ReLU-Conv-BN + shortcut, 1x1 projection
    when the width changes), GAP, softmax; SGD(momentum 0.9, nesterov), batch 64."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(16, 3, padding="same")(inputs)
    h = layers.ReLU()(layers.BatchNormalization(momentum=BN_MOMENTUM)(h))
    for filters in (16, 32):
        shortcut = h if h.shape[-1] == filters else layers.Conv2D(filters, 1)(h)
        r = layers.Conv2D(filters, 3, padding="same")(h)
        r = layers.ReLU()(layers.BatchNormalization(momentum=BN_MOMENTUM)(r))
        r = layers.Conv2D(filters, 3, padding="same")(r)
        r = layers.BatchNormalization(momentum=BN_MOMENTUM)(r)
        h = layers.ReLU()(layers.Add()([shortcut, r]))
    h = layers.GlobalAveragePooling2D()(h)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.SGD(lr, momentum=0.9, nesterov=True),
                  "sparse_categorical_crossentropy", metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def lstm_forecast(kit: Kit, *, units_scale: bool = True, epochs: int = 12) -> Any:
    """LSTM(32) -> Dense(5): the next 5 days of a seasonal series from the past 30, MSE, mae.
    Fault: the series left in sales units (level 5000, swing ~1000) for inputs and targets."""
    x, y, xv, yv = seasonal_windows()
    if not units_scale:
        x, y, xv, yv = (5000 + 1000 * a for a in (x, y, xv, yv))
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30, 1)), layers.LSTM(32), layers.Dense(5)])
    model.compile(keras.optimizers.Adam(3e-3), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def gru_seq2seq(kit: Kit, *, head: str | None = "softmax", epochs: int = 15) -> Any:
    """Encoder-decoder: Embedding -> GRU(64) -> RepeatVector(6) -> GRU(64, sequences) ->
    TimeDistributed(Dense(10, softmax)); reverse a 6-digit sequence; sparse CE per step."""
    x, y, xv, yv = reverse_sequences()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((6,), dtype="int64"), layers.Embedding(10, 16), layers.GRU(64),
        layers.RepeatVector(6), layers.GRU(64, return_sequences=True),
        layers.TimeDistributed(layers.Dense(10, activation=head)),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=64, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def conv_autoencoder(kit: Kit, *, scale_targets: bool = True, epochs: int = 15) -> Any:
    """Conv encoder -> Dense(12) bottleneck -> Conv2DTranspose decoder, sigmoid output, MSE.
    Fault: inputs scaled, but the reconstruction targets left as raw pixels 0..16."""
    x, _, xv, _ = digit_images()
    tx, txv = (x, xv) if scale_targets else (x * 16.0, xv * 16.0)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8, 8, 1))
    h = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
    h = layers.Flatten()(h)
    code = layers.Dense(12, activation="relu", name="bottleneck")(h)
    h = layers.Reshape((4, 4, 16))(layers.Dense(4 * 4 * 16, activation="relu")(code))
    h = layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu")(h)
    outputs = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return kit.fit(model, x, tx, probe_data=(x, tx), batch_size=32, epochs=epochs,
                   validation_data=(xv, txv))  # fmt: skip


def siamese(kit: Kit, *, dropout: float = 0.1, epochs: int = 12) -> Any:
    """Shared encoder (Dense 64-32) applied to both digits of a pair; |a - b| -> Dense(16) ->
    sigmoid 'same digit'. Fault: 'dropout everywhere' at 0.7 (input, every layer)."""
    x, y, xv, yv = digit_pairs()
    keras.utils.set_random_seed(kit.seed)
    encoder = keras.Sequential([keras.Input((64,)), layers.Dropout(dropout),
                                layers.Dense(64, activation="relu"), layers.Dropout(dropout),
                                layers.Dense(32, activation="relu")], name="encoder")  # fmt: skip
    left, right = keras.Input((64,), name="left"), keras.Input((64,), name="right")
    distance = layers.Lambda(lambda t: keras.ops.abs(t[0] - t[1]), name="l1")(
        [encoder(left), encoder(right)])  # fmt: skip
    h = layers.Dropout(dropout)(layers.Dense(16, activation="relu")(distance))
    model = keras.Model({"left": left, "right": right},
                        layers.Dense(1, activation="sigmoid")(h))  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), batch_size=32, epochs=epochs,
                   validation_data=(xv, yv))  # fmt: skip


def transfer_frozen(kit: Kit, *, pretrain: bool = True, bottleneck: int = 32,
                    epochs: int = 10) -> Any:  # fmt: skip
    """Transfer learning: a conv base trained as a 10-class classifier on the other half of
    the training rows (6 epochs, the 'pretrained' model), then frozen (base.trainable =
    False); a new Dense(64) + softmax head fitted on digits 5-9 (the other half). Fault: the
    pretraining step skipped (weights never loaded), the base frozen anyway with a 4-unit
    ReLU bottleneck, and the Dense(64) frozen too (trainable=False on all but the last
    layer): the last layer alone sits on random, narrow features."""
    x, y, xv, yv = digit_images()
    keras.utils.set_random_seed(kit.seed)
    base = keras.Sequential([
        keras.Input((8, 8, 1)), layers.Conv2D(16, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(), layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.Flatten(), layers.Dense(bottleneck, activation="relu"),
    ], name="base")  # fmt: skip
    second = (y >= 5) & (np.arange(len(y)) % 2 == 0)  # the target task's rows
    if pretrain:
        source = keras.Sequential([base, layers.Dense(10, activation="softmax")])
        source.compile("adam", "sparse_categorical_crossentropy")
        source.fit(x[~second], y[~second], batch_size=32, epochs=6, verbose=0)
    base.trainable = False
    head = [layers.Dense(64, activation="relu", trainable=pretrain),
            layers.Dense(5, activation="softmax")]  # fmt: skip
    model = keras.Sequential([base, *head])
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    xs, ys = x[second], y[second] - 5
    xvs, yvs = xv[yv >= 5], yv[yv >= 5] - 5
    return kit.fit(model, xs, ys, probe_data=(xs, ys), batch_size=32, epochs=epochs,
                   validation_data=(xvs, yvs))  # fmt: skip

