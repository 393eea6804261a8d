"""Batch-63 anomaly-detection scripts (keyword options are the faults, the defaults the
healthy choice): Deep SVDD on one digit, an autoencoder detector on plant sensors, an
outlier-exposure classifier (normal rows against synthetic anomalies), an energy-style
scoring head with margins, and an imbalanced outlier classifier on make_blobs with class
weights. Each script calls `kit.fit`.

The one-class scripts (Deep SVDD, the autoencoder) have no labels to fit; a
`DetectionAccuracy` callback scores the labelled check set at each epoch end and writes the
balanced detection accuracy into the epoch's logs ("detection_accuracy" on the first half
of the check rows, "val_detection_accuracy" on the second), the threshold the 95th
percentile of the training rows' scores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np
from keras import layers

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch63_data import (
    blobs_outliers,
    digits_one_class,
    inject_anomalies,
    plant_sensors,
    synthetic_anomalies,
)
from benchmarks.practice.kit import Kit


class DetectionAccuracy(keras.callbacks.Callback):
    """At each epoch end: scores the training rows and the check rows with `score`; a check
    row is flagged anomalous above the 95th percentile of the training rows' scores. Writes
    the balanced accuracy (mean of the normal and the anomaly hit rates) into the epoch's
    logs: "detection_accuracy" on the first half of the check rows, "val_detection_accuracy"
    on the second."""

    def __init__(self, score: Callable[[np.ndarray], np.ndarray], x: np.ndarray,
                 x_check: np.ndarray, y_check: np.ndarray) -> None:  # fmt: skip
        super().__init__()
        self.score, self.x, self.x_check, self.y_check = score, x, x_check, y_check == 1

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        threshold = np.percentile(self.score(self.x), 95)
        flagged = self.score(self.x_check) > threshold
        half = len(flagged) // 2

        def balanced(f: np.ndarray, y: np.ndarray) -> float:
            return float((np.mean(f[y]) + np.mean(~f[~y])) / 2)

        if logs is not None:
            logs["detection_accuracy"] = balanced(flagged[:half], self.y_check[:half])
            logs["val_detection_accuracy"] = balanced(flagged[half:], self.y_check[half:])


def svdd_digits(kit: Kit, *, bias: bool = False, centre: str = "init_mean",
                activation: str = "leaky_relu", lr: float = 1e-3, batch_size: int = 32,
                epochs: int = 60, normal: int = 3) -> Any:  # fmt: skip
    """Deep SVDD (Ruff et al. 2018) on sklearn digits: 110 images of the digit 3 train (the
    normal class); a bias-free network Dense 64 -> Dense 32 (leaky ReLU) -> Dense 16 maps
    each image near a fixed centre c, the mean of the untrained network's outputs on the
    training images (coordinates nearer 0 than 0.1 pushed to +-0.1, as the reference code
    does); `fit(x, tile(c))` with MSE (the mean squared distance), Adam(1e-3), batch 32, 60
    epochs; the validation loss on the normal check images; the score the squared distance.
    Options: `bias` (True: every Dense with a bias, so the network can output c whatever the
    input: the hypersphere collapse), `centre` ("init_mean"; "zero": c = 0; "zeros_input":
    c = the untrained network's output on an all-zero image), `activation`, the rate, batch
    size, epochs, the `normal` digit."""
    x, x_check, y_check = digits_one_class(normal)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(64, activation=activation, use_bias=bias),
        layers.Dense(32, activation=activation, use_bias=bias),
        layers.Dense(16, use_bias=bias),
    ])  # fmt: skip
    if centre == "init_mean":
        c = model.predict(x, verbose=0).mean(axis=0)
        c[(np.abs(c) < 0.1) & (c < 0)] = -0.1
        c[(np.abs(c) < 0.1) & (c >= 0)] = 0.1
    elif centre == "zeros_input":
        c = model.predict(np.zeros((1, 64), "float32"), verbose=0)[0]
    else:
        c = np.zeros(16, "float32")

    def score(a: np.ndarray) -> np.ndarray:
        return np.sum((model.predict(a, verbose=0) - c) ** 2, axis=1)

    model.compile(keras.optimizers.Adam(lr), "mse")
    normal_check = x_check[y_check == 0]
    target = np.tile(c, (len(x), 1)).astype("float32")
    check_target = np.tile(c, (len(normal_check), 1)).astype("float32")
    return kit.fit(model, x, target, probe_data=(x, target), epochs=epochs,
                   batch_size=batch_size, validation_data=(normal_check, check_target),
                   callbacks=[DetectionAccuracy(score, x, x_check, y_check)])  # fmt: skip


def _standardise(x: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return [(a - mean) / sd for a in (x, *others)]


def ae_sensors(kit: Kit, *, code: int = 4, hidden: int = 32, scale: str = "standard",
               contaminate: float = 0.0, output: str = "linear", lr: float = 1e-3,
               batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """Autoencoder anomaly detector on plant sensors (3000 normal rows of 12 sensors in
    their own units; the last 600 validate the reconstruction loss): standardised with the
    training rows' mean / sd, Dense 32 ReLU -> Dense(4) code -> Dense 32 ReLU -> Dense(12),
    MSE, Adam(1e-3), batch 64, 20 epochs; the score the reconstruction MSE of a row; the
    check set is 1000 rows, half injected anomalies. Options: `code` (wider than the 12
    inputs: the network can learn the identity), `hidden`, `scale` ("standard"; "none": the
    raw readings, pressures in the thousands; "minmax"), `contaminate` (that share of the
    training rows are anomalies, injected as in the check set, kept as "normal"), `output`
    (the last Dense's activation), the rate, batch size, epochs."""
    x, x_check, y_check = plant_sensors()
    if contaminate:
        rng = np.random.default_rng(DATA_SEED + 633)
        rows = rng.choice(len(x), size=int(contaminate * len(x)), replace=False)
        x = x.copy()
        x[rows] = inject_anomalies(rng, x[rows], x)
    if scale == "standard":
        x, x_check = _standardise(x[:2400], x, x_check)[1:]
    elif scale == "minmax":
        low, high = x[:2400].min(axis=0), x[:2400].max(axis=0)
        x, x_check = (x - low) / (high - low), (x_check - low) / (high - low)
    x, xval = x[:2400], x[2400:]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((12,))
    h = layers.Dense(hidden, activation="relu")(inputs)
    h = layers.Dense(code, name="code")(h)
    h = layers.Dense(hidden, activation="relu")(h)
    model = keras.Model(inputs, layers.Dense(12, activation=output)(h))
    model.compile(keras.optimizers.Adam(lr), "mse")

    def score(a: np.ndarray) -> np.ndarray:
        return np.mean((model.predict(a, verbose=0) - a) ** 2, axis=1)

    return kit.fit(model, x, x, probe_data=(x, x), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, xval),
                   callbacks=[DetectionAccuracy(score, x, x_check, y_check)])  # fmt: skip


def _exposure_set(scale: str, mislabelled: float) -> list[np.ndarray]:
    """Normal rows (label 0) and as many synthetic anomalies (label 1), shuffled; the check
    set as validation rows; scaled on the normal rows (or not)."""
    x, x_check, y_check = plant_sensors()
    fake = synthetic_anomalies(x, 634)
    y_fake = np.ones(len(fake), np.int64)
    if mislabelled:
        y_fake[: int(mislabelled * len(fake))] = 0
    xs = np.concatenate([x, fake])
    ys = np.concatenate([np.zeros(len(x), np.int64), y_fake])
    order = np.random.default_rng(DATA_SEED + 635).permutation(len(ys))
    xs, ys = xs[order], ys[order]
    if scale == "standard":
        mean, sd = x.mean(axis=0), x.std(axis=0)
        xs, x_check = (xs - mean) / sd, (x_check - mean) / sd
    return [xs.astype("float32"), x_check.astype("float32"), ys, y_check]


def oe_sensors(kit: Kit, *, scale: str = "standard", from_logits: bool = False,
               mislabelled: float = 0.0, dropout: float = 0.0, lr: float = 1e-3,
               batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """Outlier exposure on plant sensors: the 3000 normal rows (label 0) against 3000
    synthetic anomalies (each a normal row with 3 sensors redrawn uniformly in their range,
    label 1), standardised on the normal rows, Dense 64 ReLU x 2 -> Dense 1 sigmoid, binary
    CE, Adam(1e-3), batch 64, 20 epochs; validated on the labelled check set (500 normal,
    500 real injected anomalies), accuracy. Options: `scale` ("standard"; "none": the raw
    readings in the thousands), `from_logits` (the sigmoid output with
    BinaryCrossentropy(from_logits=True)), `mislabelled` (that share of the synthetic
    anomalies labelled 0, normal), `dropout` after each hidden layer, the rate, batch size,
    epochs."""
    x, xval, y, yval = _exposure_set(scale, mislabelled)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((12,))])
    for _ in range(2):
        model.add(layers.Dense(64, activation="relu"))
        if dropout:
            model.add(layers.Dropout(dropout))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(keras.optimizers.Adam(lr),
                  keras.losses.BinaryCrossentropy(from_logits=from_logits),
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def energy_sensors(kit: Kit, *, energy_activation: str | None = None, m_in: float = -10.0,
                   m_out: float = -2.0, lr: float = 1e-3, batch_size: int = 64,
                   epochs: int = 20, scale: str = "standard") -> Any:  # fmt: skip
    """An energy-style scoring head trained with margins (as energy-based OOD fine-tuning):
    the outlier-exposure rows (normal 0, synthetic anomalies 1; standardised), Dense 64 ReLU
    x 2 -> Dense 1 (the energy E), loss (1 - y) relu(E - m_in)^2 + y relu(m_out - E)^2 with
    m_in = -10, m_out = -2, Adam(1e-3), batch 64, 20 epochs; a row is anomalous when E is
    above the margins' midpoint; validated on the labelled check set, "energy_accuracy".
    Options: `energy_activation` (the energy Dense's activation, e.g. "relu" copied from the
    hidden layers: E >= 0 can never reach the negative margins), the margins, the rate,
    batch size, epochs, `scale`."""
    x, xval, y, yval = _exposure_set(scale, 0.0)
    middle = (m_in + m_out) / 2

    def margin_loss(y_true: Any, energy: Any) -> Any:
        y_true = keras.ops.cast(y_true, energy.dtype)
        normal = keras.ops.square(keras.ops.relu(energy - m_in))
        anomaly = keras.ops.square(keras.ops.relu(m_out - energy))
        return keras.ops.mean((1 - y_true) * normal + y_true * anomaly, axis=-1)

    def energy_accuracy(y_true: Any, energy: Any) -> Any:
        flagged = keras.ops.cast(energy > middle, "float32")
        return keras.ops.mean(keras.ops.cast(keras.ops.equal(
            flagged, keras.ops.cast(y_true, "float32")), "float32"), axis=-1)

    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((12,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1, activation=energy_activation),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), margin_loss, metrics=[energy_accuracy])
    y2, yval2 = y[:, None].astype("float32"), yval[:, None].astype("float32")
    return kit.fit(model, x, y2, probe_data=(x, y2), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval2))  # fmt: skip


def blobs_imbalanced(kit: Kit, *, weights: str = "balanced", optimizer: str = "adam",
                     lr: float = 1e-3, batch_size: int = 32, epochs: int = 30,
                     scale: str = "standard") -> Any:  # fmt: skip
    """An imbalanced outlier classifier on make_blobs: 2000 training rows (4 clusters in 8
    features, 5 % scattered outliers = label 1), 800 validation rows at 25 % outliers;
    standardised on the training rows, Dense 32 ReLU x 2 -> Dense 1 sigmoid, binary CE,
    Adam(1e-3), batch 32, 30 epochs, class_weight balanced (n / (2 n_c): about 0.53 / 10).
    Options: `weights` ("balanced"; "none"; "1000": {0: 1, 1: 1000}), `optimizer` ("adam";
    "sgd"), the rate, batch size, epochs, `scale` ("standard"; "none")."""
    x, xval, y, yval = blobs_outliers()
    if scale == "standard":
        x, xval = _standardise(x, xval)
    class_weight = None
    if weights == "balanced":
        n1 = float(y.sum())
        class_weight = {0: len(y) / (2 * (len(y) - n1)), 1: len(y) / (2 * n1)}
    elif str(weights) == "1000":
        class_weight = {0: 1.0, 1: 1000.0}
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((8,)),
        layers.Dense(32, activation="relu"),
        layers.Dense(32, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    opt = keras.optimizers.SGD(lr) if optimizer == "sgd" else keras.optimizers.Adam(lr)
    model.compile(opt, "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip
