"""Batch-2 scripts with other model shapes: GRU and SimpleRNN, a multi-output 1-D regression
(tanh), Huber loss, a multi-label sigmoid classifier, a subclassed keras.Model, a residual
MLP (gelu), a wide-and-deep model, a bottleneck autoencoder, a repeated tf.data dataset with
steps_per_epoch, swish under CosineDecayRestarts, an adapted Normalization layer, mixed-unit
columns. Keyword options are the faults of `cases.py`."""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from keras.callbacks import History
from sklearn.preprocessing import StandardScaler

from benchmarks.practice.batch2_data import (
    circles,
    customers,
    digits_flat,
    four_classes,
    friedman,
    multilabel,
    outlier_regression,
    sine_windows,
    waves_1d,
    wide_deep_data,
)
from benchmarks.practice.data import signals
from benchmarks.practice.kit import Kit


def signal_gru(kit: Kit, *, epochs: int = 6) -> History:
    """GRU(24) over the 64-step noisy waveforms (3 classes), Adam, batch 32."""
    x, y, xv, yv = signals()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input(x.shape[1:]), layers.GRU(24),
                              layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def sine_simplernn(kit: Kit, *, epochs: int = 10) -> History:
    """SimpleRNN(32) forecasting the next value of a noisy sine from 24 past values, MSE."""
    x, y, xv, yv = sine_windows()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((24, 1)), layers.SimpleRNN(32), layers.Dense(1)])
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_split=0.15, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def waves_multi_output(kit: Kit, *, init: str = "glorot_uniform", epochs: int = 30) -> History:
    """One input, three regression outputs (sin x, cos 2x, a parabola): tanh 64-64, MSE."""
    x, y, xv, yv = waves_1d()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((1,)),
        layers.Dense(64, activation="tanh", kernel_initializer=init),
        layers.Dense(64, activation="tanh", kernel_initializer=init),
        layers.Dense(3, kernel_initializer=init),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(3e-3), "mse")
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def outliers_huber(kit: Kit, *, epochs: int = 20) -> History:
    """Regression with 5 % gross outliers: Huber loss (delta 1) on standardised targets."""
    x, y, xv, yv = outlier_regression()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    centre, spread = np.median(y), np.percentile(y, 75) - np.percentile(y, 25)
    y, yv = (y - centre) / spread, (yv - centre) / spread
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,)), layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), keras.losses.Huber(delta=1.0), metrics=["mae"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def multilabel_sigmoid(kit: Kit, *, epochs: int = 15) -> History:
    """Multi-label: 5 sigmoid units, binary_crossentropy, binary_accuracy; log1p counts."""
    x, y, xv, yv = multilabel()
    x, xv = np.log1p(x), np.log1p(xv)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dense(5, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["binary_accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


class DigitsNet(keras.Model):
    """A classifier written as a subclass: layers in __init__, the forward pass in call."""

    def __init__(self, depth: int = 2, activation: str = "relu", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.hidden = [layers.Dense(64, activation=activation) for _ in range(depth)]
        self.classifier = layers.Dense(10, activation="softmax")

    def call(self, inputs, training=False):  # type: ignore[no-untyped-def]
        h = inputs
        for dense in self.hidden:
            h = dense(h)
        return self.classifier(h)


def subclassed_digits(kit: Kit, *, depth: int = 2, activation: str = "relu",
                      epochs: int = 15) -> History:  # fmt: skip
    """The subclassed DigitsNet on digits / 16, SGD(0.05, momentum 0.9), batch 32."""
    x, y, xv, yv = digits_flat()
    x, xv = (x / 16.0).astype("float32"), (xv / 16.0).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = DigitsNet(depth=depth, activation=activation)
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def residual_gelu(kit: Kit, *, shuffle_labels: bool = False, epochs: int = 15) -> History:
    """A residual MLP: Dense(64) stem, three blocks x + Dense(gelu)(LayerNorm(x)), 4 classes."""
    x, y, xv, yv = four_classes()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    if shuffle_labels:  # features and labels shuffled separately 'to randomise the order'
        rng = np.random.default_rng(0)
        x, y = x[rng.permutation(len(x))], y[rng.permutation(len(y))]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(64)(inputs)
    for _ in range(3):
        h = h + layers.Dense(64, activation="gelu")(layers.LayerNormalization()(h))
    model = keras.Model(inputs, layers.Dense(4, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return model.fit(x, y, batch_size=64, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def wide_and_deep(kit: Kit, *, epochs: int = 12) -> History:
    """Wide (one-hot and crossed categories, linear) + deep (numeric columns, MLP), summed
    into one sigmoid logit: a two-input functional model."""
    xs, y, xvs, yv = wide_deep_data()
    keras.utils.set_random_seed(kit.seed)
    wide = keras.Input((xs["wide"].shape[1],), name="wide")
    deep = keras.Input((6,), name="deep")
    d = layers.Dense(32, activation="relu")(deep)
    d = layers.Dense(16, activation="relu")(d)
    logit = layers.Add()([layers.Dense(1)(wide), layers.Dense(1)(d)])
    model = keras.Model([wide, deep], layers.Activation("sigmoid")(logit))
    model.compile(keras.optimizers.Adam(3e-3), "binary_crossentropy", metrics=["accuracy"])
    return model.fit(xs, y, batch_size=64, epochs=epochs, validation_data=(xvs, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(xs, y))])  # fmt: skip


def bottleneck_autoencoder(kit: Kit, *, epochs: int = 20) -> History:
    """Digits / 16 through 64-32-8-32-64, sigmoid output, binary cross-entropy per pixel."""
    x, _, xv, _ = digits_flat()
    x, xv = (x / 16.0).astype("float32"), (xv / 16.0).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(32, activation="relu"), layers.Dense(8, activation="relu"),
        layers.Dense(32, activation="relu"), layers.Dense(64, activation="sigmoid"),
    ])  # fmt: skip
    model.compile("adam", "binary_crossentropy")
    return model.fit(x, x, batch_size=32, epochs=epochs, validation_data=(xv, xv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, x))])  # fmt: skip


def tfdata_repeat(kit: Kit, *, epochs: int = 15) -> History:
    """A shuffled, batched, repeated tf.data dataset with steps_per_epoch=25 (an 'epoch' is
    not a pass over the data); validation from a second dataset."""
    x, y, xv, yv = four_classes()
    scaler = StandardScaler().fit(x)
    x, xv = scaler.transform(x).astype("float32"), scaler.transform(xv).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    train = (tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x), seed=kit.seed)
             .batch(32).repeat().prefetch(2))  # fmt: skip
    val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(128)
    model = keras.Sequential([keras.Input((20,)), layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"),
                              layers.Dense(4, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model.fit(train, steps_per_epoch=25, epochs=epochs, validation_data=val, verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def circles_swish(kit: Kit, *, activation: str | None = "swish", epochs: int = 30) -> History:
    """Concentric circles, Dense(32)-Dense(32) swish, Adam under CosineDecayRestarts."""
    x, y, xv, yv = circles()
    keras.utils.set_random_seed(kit.seed)
    steps = int(np.ceil(len(x) / 32))
    schedule = keras.optimizers.schedules.CosineDecayRestarts(1e-2, first_decay_steps=5 * steps)
    model = keras.Sequential([keras.Input((2,)), layers.Dense(32, activation=activation),
                              layers.Dense(32, activation=activation),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy", metrics=["accuracy"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def friedman_normalization(kit: Kit, *, scale_targets: bool = True, epochs: int = 25) -> History:
    """Prices in the thousands (1000 + 100 x Friedman #1) from 10 features of mixed units; an
    adapted Normalization layer in the model; targets standardised (train mean / std)."""
    x, y, xv, yv = friedman()
    y, yv = 1000 + 100 * y, 1000 + 100 * yv
    if scale_targets:
        mean, std = y.mean(), y.std()
        y, yv = (y - mean) / std, (yv - mean) / std
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    norm.adapt(x)
    model = keras.Sequential([keras.Input((10,)), norm, layers.Dense(64, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=["mae"])
    return model.fit(x, y, batch_size=32, epochs=epochs, validation_data=(xv, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(x, y))])  # fmt: skip


def customers_mixed(kit: Kit, *, forget_revenue: bool = False, epochs: int = 15) -> History:
    """Columns of mixed units: log1p on the skewed balance, StandardScaler on every column.
    Fault: the revenue column (millions) added back unscaled after the scaler."""
    x, y, xv, yv = customers()
    x, xv = x.copy(), xv.copy()
    x[:, 3], xv[:, 3] = np.log1p(x[:, 3]), np.log1p(xv[:, 3])
    scaler = StandardScaler().fit(x)
    xs, xvs = scaler.transform(x), scaler.transform(xv)
    if forget_revenue:
        xs[:, 4], xvs[:, 4] = x[:, 4], xv[:, 4]
    xs, xvs = xs.astype("float32"), xvs.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((6,)), layers.Dense(32, activation="relu"),
                              layers.Dense(16, activation="relu"),
                              layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model.fit(xs, y, batch_size=32, epochs=epochs, validation_data=(xvs, yv), verbose=0,
                     callbacks=[kit.watch(probe_data=(xs, y))])  # fmt: skip
