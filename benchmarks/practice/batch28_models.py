"""Batch-28 autoencoder, reconstruction and multi-task scripts (keyword options are the
faults, the defaults the healthy choice): a dense autoencoder on a sensor table, a sparse
one (an L1 activity regulariser on an overcomplete code), a convolutional autoencoder on
small images (Conv2DTranspose or UpSampling2D decoder), a denoising one, anomaly detection by
reconstruction error (trained on normal rows only; a callback writes the detection accuracy
on a labelled check set into the epoch's logs), an LSTM sequence autoencoder (RepeatVector),
and a two-head multi-task model with loss_weights. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch28_data import (
    anomaly_table,
    sensor_sequences,
    sensor_table,
    shape_images,
)
from benchmarks.practice.kit import Kit


def _standardise(x: np.ndarray, *more: np.ndarray, fit_on_all: bool = False) -> list[np.ndarray]:
    """StandardScaler by hand: the training rows' mean and sd (or all rows' when
    `fit_on_all`, the leak of scaling before the split)."""
    ref = np.concatenate([x, *more]) if fit_on_all else x
    mean, sd = ref.mean(axis=0), ref.std(axis=0) + 1e-8
    return [((a - mean) / sd).astype(np.float32) for a in (x, *more)]


def dense_autoencoder(kit: Kit, *, scaler: str = "standard", scaler_on_all: bool = False,
                      code: int = 4, out_activation: str | None = None,
                      epochs: int = 30) -> Any:  # fmt: skip
    """Sensor table (20 columns in their own units, 3 hidden factors), standardised on the
    training rows; Dense 32 (ReLU) -> Dense(code=4) -> Dense 32 (ReLU) -> Dense(20, linear);
    MSE on the reconstruction; Adam(1e-3), batch 64, 30 epochs. Option: `scaler="minmax"`
    with `out_activation="sigmoid"` (the 0..1 recipe). Faults: `out_activation="sigmoid"`
    or `"relu"` on standardised (centred, half negative) columns, `code=1` (a bottleneck
    narrower than the 3 factors); `scaler_on_all` (the scaler fitted before the split)."""
    x, xval, *_ = sensor_table()
    if scaler == "minmax":
        lo, hi = x.min(axis=0), x.max(axis=0)
        x, xval = (x - lo) / (hi - lo), (xval - lo) / (hi - lo)
    else:
        x, xval = _standardise(x, xval, fit_on_all=scaler_on_all)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(32, activation="relu")(inputs)
    h = layers.Dense(code, name="code")(h)
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(20, activation=out_activation)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xval, xval))  # fmt: skip


def sparse_autoencoder(kit: Kit, *, l1: float = 1e-4, code: int = 64,
                       regulariser: str = "activity", epochs: int = 30) -> Any:  # fmt: skip
    """The standardised sensor table through an overcomplete code: Dense(64, ReLU,
    activity_regularizer=L1(1e-4)) -> Dense(20, linear); MSE (the penalty is part of the
    loss); Adam(1e-3), batch 64, 30 epochs. Faults: `l1` (the penalty's strength),
    `regulariser="kernel"` (kernel_regularizer where the sparse recipe puts an
    activity_regularizer)."""
    x, xval, *_ = sensor_table()
    x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    reg = {f"{regulariser}_regularizer": keras.regularizers.L1(l1)}
    inputs = keras.Input((20,))
    h = layers.Dense(code, activation="relu", name="code", **reg)(inputs)
    model = keras.Model(inputs, layers.Dense(20)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xval, xval))  # fmt: skip


def _conv_autoencoder(decoder: str = "transpose") -> keras.Model:
    inputs = keras.Input((24, 24, 1))
    h = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inputs)
    h = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")(h)  # 6 x 6 x 8
    if decoder == "transpose":
        h = layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu")(h)
        h = layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu")(h)
    else:
        h = layers.Conv2D(8, 3, padding="same", activation="relu")(layers.UpSampling2D()(h))
        h = layers.Conv2D(16, 3, padding="same", activation="relu")(layers.UpSampling2D()(h))
    outputs = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(h)
    return keras.Model(inputs, outputs)


def conv_autoencoder(kit: Kit, *, scale: bool = True, decoder: str = "transpose",
                     epochs: int = 12) -> Any:  # fmt: skip
    """24 x 24 shape images (uint8) divided by 255; Conv2D(16, s2) -> Conv2D(8, s2) (a 6 x 6
    x 8 code) -> Conv2DTranspose(8, s2) -> Conv2DTranspose(16, s2) -> Conv2D(1, sigmoid);
    binary cross-entropy per pixel; Adam(1e-3), batch 64, 12 epochs. Option:
    `decoder="upsampling"` (UpSampling2D + Conv2D). Fault: `scale=False` (the 0..255 pixels
    as BCE targets)."""
    x, xval, *_ = shape_images()
    x, xval = x.astype("float32"), xval.astype("float32")
    if scale:
        x, xval = x / 255.0, xval / 255.0
    keras.utils.set_random_seed(kit.seed)
    model = _conv_autoencoder(decoder)
    model.compile(keras.optimizers.Adam(1e-3), "binary_crossentropy")
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=64,
                   validation_data=(xval, xval))  # fmt: skip


def denoising_autoencoder(kit: Kit, *, noise: float = 0.3, target: str = "clean",
                          epochs: int = 12) -> Any:  # fmt: skip
    """The conv autoencoder as a denoiser: images / 255 with Gaussian noise (sd 0.3, clipped
    to 0..1, drawn once with the data seed) in, the clean images out; MSE; Adam(1e-3),
    batch 64, 12 epochs; validated on noisy -> clean. Faults: `target="noisy"` (fit(x_noisy,
    x_noisy): the noisy input passed as the target), `noise=0` (the noise never added to
    the training inputs)."""
    x, xval, *_ = shape_images()
    x, xval = x.astype("float32") / 255.0, xval.astype("float32") / 255.0
    rng = np.random.default_rng(0)
    noisy = np.clip(x + rng.normal(0, 0.3, x.shape), 0, 1).astype("float32")
    noisy_val = np.clip(xval + rng.normal(0, 0.3, xval.shape), 0, 1).astype("float32")
    if noise != 0.3:
        noisy = np.clip(x + rng.normal(0, noise, x.shape), 0, 1).astype("float32") if noise else x
    y = noisy if target == "noisy" else x
    keras.utils.set_random_seed(kit.seed)
    model = _conv_autoencoder("transpose")
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, noisy, y, probe_data=(noisy, y), epochs=epochs, batch_size=64,
                   validation_data=(noisy_val, xval))  # fmt: skip


class DetectionAccuracy(keras.callbacks.Callback):
    """At each epoch end: the threshold is the 95th percentile of the training rows'
    reconstruction errors; a check row (half are anomalies) is flagged above it. Writes the
    share flagged rightly into the epoch's logs: "detection_accuracy" on the first half of
    the check rows, "val_detection_accuracy" on the second."""

    def __init__(self, x: np.ndarray, x_check: np.ndarray, y_check: np.ndarray) -> None:
        super().__init__()
        self.x, self.x_check, self.y_check = x, x_check, y_check == 1

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        def errors(a: np.ndarray) -> np.ndarray:
            return np.mean((self.model.predict(a, verbose=0) - a) ** 2, axis=1)

        right = (errors(self.x_check) > np.percentile(errors(self.x), 95)) == self.y_check
        half = len(right) // 2
        if logs is not None:
            logs["detection_accuracy"] = float(np.mean(right[:half]))
            logs["val_detection_accuracy"] = float(np.mean(right[half:]))


def anomaly_autoencoder(kit: Kit, *, code: int = 4, hidden: int = 64,
                        train_on_check: bool = False, epochs: int = 30) -> Any:  # fmt: skip
    """Anomaly detection by reconstruction error: an autoencoder trained on normal sensor
    rows only (standardised on them; 20 % of them validate the loss), Dense 64 (ReLU) ->
    Dense(4) -> Dense 64 (ReLU) -> Dense(20); MSE; Adam(1e-3), batch 64, 30 epochs; the
    DetectionAccuracy callback scores a labelled check set (half anomalies: columns drawn
    independently) each epoch. Faults: `code=32` (no bottleneck, 64-32-64: the network can
    learn the identity and reconstructs anomalies too), `train_on_check` (fitted on the
    check rows, anomalies included)."""
    x, x_check, y_check = anomaly_table()
    x, x_check = _standardise(x, x_check)
    x, xval = x[:2400], x[2400:]
    train = x_check if train_on_check else x
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(hidden, activation="relu")(inputs)
    h = layers.Dense(code, name="code")(h)
    h = layers.Dense(hidden, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(20)(h))
    model.compile(keras.optimizers.Adam(1e-3), "mse")
    return kit.fit(model, train, train, probe_data=(train, train), epochs=epochs, batch_size=64,
                   validation_data=(xval, xval),
                   callbacks=[DetectionAccuracy(x, x_check, y_check)])  # fmt: skip


def sequence_autoencoder(kit: Kit, *, decoder_sequences: bool = True, units: int = 64,
                         out_activation: str | None = None, epochs: int = 20) -> Any:  # fmt: skip
    """Sensor sequences (30 steps x 3 channels, centred): LSTM(64) encoder ->
    RepeatVector(30) -> LSTM(64, return_sequences=True) -> TimeDistributed(Dense(3));
    MSE; Adam(2e-3), batch 32, 20 epochs. Faults: `decoder_sequences=False` (the decoder
    LSTM without return_sequences: one vector, broadcast against the 30-step target),
    `out_activation` (an activation on the output over centred values)."""
    x, xval = sensor_sequences()
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((30, 3))
    h = layers.LSTM(units)(inputs)
    h = layers.RepeatVector(30)(h)
    h = layers.LSTM(units, return_sequences=decoder_sequences)(h)
    dense = layers.Dense(3, activation=out_activation)
    outputs = layers.TimeDistributed(dense)(h) if decoder_sequences else dense(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(2e-3), "mse")
    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=32,
                   validation_data=(xval, xval))  # fmt: skip


def multitask(kit: Kit, *, load_weight: float = 1.0,
              target_units: bool = False, epochs: int = 30) -> Any:  # fmt: skip
    """The standardised sensor table -> a shared Dense 64 -> Dense 32 (ReLU) trunk -> two
    heads: "regime" (Dense(3, softmax): which hidden factor is largest, sparse CE +
    accuracy) and "load" (Dense(1): a continuous target, MSE + mae); loss_weights
    {"regime": 1, "load": 1}; Adam(1e-3), batch 64, 30 epochs. Options: `load_weight` (10:
    harmless; 1000: 7.9 and 2.9 points below, dropped). Fault: `target_units` (the regression
    target in its raw units, about 1200 +- 300 kW: its MSE swamps the cross-entropy)."""
    x, xval, c, cval, t, tval = sensor_table()
    x, xval = _standardise(x, xval)
    if target_units:
        t, tval = t * 250 + 1200, tval * 250 + 1200
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((20,))
    h = layers.Dense(64, activation="relu")(inputs)
    h = layers.Dense(32, activation="relu")(h)
    regime = layers.Dense(3, activation="softmax", name="regime")(h)
    load = layers.Dense(1, name="load")(h)
    model = keras.Model(inputs, {"regime": regime, "load": load})
    model.compile(keras.optimizers.Adam(1e-3),
                  loss={"regime": "sparse_categorical_crossentropy", "load": "mse"},
                  loss_weights={"regime": 1.0, "load": load_weight},
                  metrics={"regime": ["accuracy"], "load": ["mae"]})  # fmt: skip
    y, yval = {"regime": c, "load": t}, {"regime": cval, "load": tval}
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip
