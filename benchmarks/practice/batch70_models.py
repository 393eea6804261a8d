"""Batch-70 shape-constrained scripts (keyword options are the faults, the defaults the
healthy choice): a two-branch monotone network (NonNeg kernels on the monotone path) and a
piecewise-linear calibrator model on a credit table, an input-convex network (ICNN) on a
convex regression, MaxNorm + dropout on breast cancer, a bounded-output regression with an
orthogonality penalty (`add_loss`) or spectral normalisation on diabetes, and a cosine
(UnitNorm) classifier on digits. Each script calls `kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import constraints, layers, ops

from benchmarks.practice.batch70_data import (
    CREDIT_SIGNS,
    cancer_split,
    convex_table,
    credit_table,
    diabetes_split,
    digits_split,
)
from benchmarks.practice.kit import Kit


def _standardise(x: np.ndarray, xval: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean, sd = x.mean(axis=0), x.std(axis=0)
    return (x - mean) / sd, (xval - mean) / sd


def monotone_mlp(kit: Kit, *, scale: str = "standard", flip: bool = True,
                 constraint: str = "nonneg", activation: str = "relu", depth: int = 2,
                 width: int = 32, lr: float = 1e-3, batch_size: int = 64,
                 epochs: int = 30) -> Any:  # fmt: skip
    """Credit default (3000 training rows, 1000 validation rows, 8 columns): the columns
    standardised, the two risk-decreasing ones (income, credit age) negated so the risk
    increases in all four monotone columns; a monotone branch (Dense `width` x `depth`,
    kernel_constraint=NonNeg()) on the four monotone columns, a free branch (Dense 32 ReLU x
    2) on the others, concatenated -> Dense 16 (NonNeg) -> Dense 1 sigmoid (NonNeg), binary
    CE, Adam(1e-3), batch 64, 30 epochs. Options: `scale` ("standard"; "none": the raw units,
    income and debt in the tens of thousands), `flip` (False: the decreasing columns not
    negated, so they are forced to raise the risk), `constraint` ("nonneg"; "none": the
    constraint dropped), `activation` of the monotone branch ("relu"; "sigmoid"), `depth`,
    `width`, the rate, batch size and epochs."""
    x, xval, y, yval = credit_table()
    if scale == "standard":
        x, xval = _standardise(x, xval)
    if flip:
        signs = np.where(CREDIT_SIGNS < 0, -1.0, 1.0).astype("float32")
        x, xval = x * signs, xval * signs
    keras.utils.set_random_seed(kit.seed)
    nonneg = constraints.NonNeg() if constraint == "nonneg" else None
    inputs = keras.Input((8,))
    mono = layers.Lambda(lambda t: t[:, :4])(inputs)
    free = layers.Lambda(lambda t: t[:, 4:])(inputs)
    for _ in range(depth):
        mono = layers.Dense(width, activation=activation, kernel_constraint=nonneg)(mono)
    for _ in range(2):
        free = layers.Dense(32, activation="relu")(free)
    h = layers.Dense(16, activation="relu", kernel_constraint=nonneg)(
        layers.Concatenate()([mono, free]))
    outputs = layers.Dense(1, activation="sigmoid", kernel_constraint=nonneg)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class PiecewiseLinearCalibrator(layers.Layer):
    """Maps each input column through a piecewise-linear function on fixed keypoints (a
    lattice-style calibrator): output = bias + sum_j delta_j * clip((x - k_j) / (k_j+1 -
    k_j), 0, 1). With `monotone` the deltas are softplus(raw) >= 0 (non-decreasing)."""

    def __init__(self, keypoints: np.ndarray, monotone: list[bool], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keypoints = np.asarray(keypoints, dtype="float32")  # (columns, k)
        self.monotone = np.asarray(monotone, dtype="float32")

    def build(self, input_shape: Any) -> None:
        columns, k = self.keypoints.shape
        self.raw = self.add_weight(shape=(columns, k - 1), initializer="zeros", name="raw")
        self.bias = self.add_weight(shape=(columns,), initializer="zeros", name="bias")

    def call(self, x: Any) -> Any:
        low = ops.convert_to_tensor(self.keypoints[:, :-1])
        width = ops.convert_to_tensor(np.maximum(np.diff(self.keypoints, axis=1), 1e-6))
        step = ops.clip((ops.expand_dims(x, -1) - low) / width, 0.0, 1.0)
        mono = ops.convert_to_tensor(self.monotone)[:, None]
        deltas = mono * ops.softplus(self.raw) + (1.0 - mono) * self.raw
        return self.bias + ops.sum(step * deltas, axis=-1)


def calibrated_credit(kit: Kit, *, keypoints: str = "quantile", n_keypoints: int = 10,
                      monotone: bool = True, lr: float = 1e-2, batch_size: int = 64,
                      epochs: int = 30) -> Any:  # fmt: skip
    """Credit default, raw units (the calibrator's keypoints carry the units): the
    decreasing columns negated, each column through a PiecewiseLinearCalibrator (10
    keypoints at the training quantiles; monotone deltas on the four monotone columns) ->
    Dense 1 sigmoid (NonNeg kernel): a calibrated-linear model, binary CE, Adam(1e-2), batch
    64, 30 epochs. Options: `keypoints` ("quantile"; "unit": np.linspace(0, 1, k) for every
    column, the tutorial's keypoints for [0, 1] inputs on the raw units), `n_keypoints`,
    `monotone` (False: no monotonicity on any column), the rate, batch size and epochs."""
    x, xval, y, yval = credit_table()
    signs = np.where(CREDIT_SIGNS < 0, -1.0, 1.0).astype("float32")
    x, xval = x * signs, xval * signs
    if keypoints == "quantile":
        points = np.quantile(x, np.linspace(0, 1, n_keypoints), axis=0).T
    else:
        points = np.tile(np.linspace(0, 1, n_keypoints), (8, 1))
    keras.utils.set_random_seed(kit.seed)
    flags = [bool(monotone and s != 0) for s in CREDIT_SIGNS]
    model = keras.Sequential([
        keras.Input((8,)),
        PiecewiseLinearCalibrator(points, flags),
        layers.Dense(1, activation="sigmoid", kernel_constraint=constraints.NonNeg()),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def icnn_regression(kit: Kit, *, scale: str = "minmax", activation: str = "relu",
                    init: str = "glorot_uniform", passthrough_nonneg: bool = False,
                    width: int = 64, depth: int = 3, lr: float = 1e-3,
                    batch_size: int = 32, epochs: int = 30) -> Any:  # fmt: skip
    """Convex regression (2400 training rows, 600 validation rows, 6 inputs): inputs
    min-max scaled to [0, 1] on the training rows, the target standardised; an input-convex
    network: z1 = act(Wx0 x), z_k+1 = act(Wz_k z_k + Wx_k x) with Wz_k >= 0 (NonNeg), out =
    Wz z (NonNeg) + Wx x; ReLU, width 64, depth 3, MSE, Adam(1e-3), batch 32, 30 epochs.
    Options: `scale` ("minmax"; "standard"), `activation` ("relu"; "softplus"; "elu"),
    `init` of every kernel ("glorot_uniform"; "negative": RandomUniform(-0.1, 0)),
    `passthrough_nonneg` (the NonNeg constraint on the x-passthrough and first layers too),
    width / depth, the rate, batch size and epochs."""
    x, xval, y, yval = convex_table()
    if scale == "minmax":
        low, high = x.min(axis=0), x.max(axis=0)
        x, xval = (x - low) / (high - low), (xval - low) / (high - low)
    else:
        x, xval = _standardise(x, xval)
    mean, sd = y.mean(), y.std()
    y, yval = (y - mean) / sd, (yval - mean) / sd
    keras.utils.set_random_seed(kit.seed)
    kernel = (keras.initializers.RandomUniform(-0.1, 0.0) if init == "negative"
              else init)  # fmt: skip
    xcon = constraints.NonNeg() if passthrough_nonneg else None
    inputs = keras.Input((6,))
    z = layers.Dense(width, activation=activation, kernel_initializer=kernel,
                     kernel_constraint=xcon)(inputs)  # fmt: skip
    for _ in range(depth - 1):
        zz = layers.Dense(width, use_bias=False, kernel_initializer=kernel,
                          kernel_constraint=constraints.NonNeg())(z)  # fmt: skip
        xx = layers.Dense(width, kernel_initializer=kernel, kernel_constraint=xcon)(inputs)
        z = layers.Activation(activation)(layers.Add()([zz, xx]))
    outputs = layers.Add()([
        layers.Dense(1, use_bias=False, kernel_initializer=kernel,
                     kernel_constraint=constraints.NonNeg())(z),
        layers.Dense(1, kernel_initializer=kernel, kernel_constraint=xcon)(inputs),
    ])  # fmt: skip
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def maxnorm_cancer(kit: Kit, *, max_value: float = 3.0, axis: int = 0, dropout: float = 0.2,
                   optimizer: str = "adam", lr: float = 1e-3, batch_size: int = 32,
                   epochs: int = 50, scale: bool = True) -> Any:  # fmt: skip
    """Breast cancer (400 training rows, 169 validation rows, standardised): the dropout
    paper's recipe, Dense 64 ReLU (MaxNorm(3)) -> Dropout(0.2) -> Dense 64 ReLU (MaxNorm(3))
    -> Dropout(0.2) -> Dense 1 sigmoid, binary CE, Adam(1e-3), batch 32, 50 epochs.
    Options: `max_value` of the MaxNorm, its `axis` (0: each unit's incoming weights, the
    documented Dense choice; 1: each input's outgoing weights), `dropout`, `optimizer`
    ("adam"; "sgd": SGD(lr, momentum=0.9) as the paper), the rate, batch size, epochs,
    `scale` (False: the raw units, area in the hundreds to thousands)."""
    x, xval, y, yval = cancer_split()
    if scale:
        x, xval = _standardise(x, xval)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((30,))])
    for _ in range(2):
        model.add(layers.Dense(64, activation="relu",
                               kernel_constraint=constraints.MaxNorm(max_value, axis=axis)))
        model.add(layers.Dropout(dropout))
    model.add(layers.Dense(1, activation="sigmoid"))
    opt = (keras.optimizers.SGD(lr, momentum=0.9) if optimizer == "sgd"
           else keras.optimizers.Adam(lr))  # fmt: skip
    model.compile(opt, "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class OrthogonalDense(layers.Layer):
    """A Dense layer adding `penalty * ||W^T W - I||_F^2` (soft orthogonality) by
    `add_loss` on each call."""

    def __init__(self, units: int, penalty: float, activation: str | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.units, self.penalty = units, penalty
        self.activation = keras.activations.get(activation)

    def build(self, input_shape: Any) -> None:
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform", name="kernel")  # fmt: skip
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x: Any) -> Any:
        gram = ops.matmul(ops.transpose(self.kernel), self.kernel)
        self.add_loss(self.penalty * ops.sum(ops.square(gram - ops.eye(self.units))))
        return self.activation(ops.matmul(x, self.kernel) + self.bias)


def bounded_diabetes(kit: Kit, *, head: str = "bounded", bounds: str = "train",
                     scale: str = "standard",
                     penalty: float = 0.0, spectral: bool = False, lr: float = 1e-3,
                     batch_size: int = 16, epochs: int = 40) -> Any:  # fmt: skip
    """Diabetes regression (332 training rows, 110 validation rows): the features
    standardised, the target standardised on the training rows; Dense 32 ReLU -> Dense 32
    ReLU -> Dense 1 sigmoid rescaled to the training target's [min, max] (a bounded
    output), MSE, Adam(1e-3), batch 16, 40 epochs. Options: `head` ("bounded"; "sigmoid":
    the sigmoid's [0, 1] on the standardised target; "linear"), `scale` ("standard";
    "sklearn": the features as sklearn ships them, sd ~0.048), `bounds` ("train"; "raw": the
    bounds taken from the raw target, 25..346, before it was standardised), `penalty` (> 0:
    the second hidden layer an OrthogonalDense with this weight on ||W^T W - I||^2 by
    add_loss),
    `spectral` (every hidden Dense wrapped in SpectralNormalization), the rate, batch size
    and epochs."""
    x, xval, y, yval = diabetes_split()
    if scale == "standard":
        x, xval = _standardise(x, xval)
    low, high = float(y.min()), float(y.max())  # the raw target's range (bounds="raw")
    mean, sd = y.mean(), y.std()
    y, yval = (y - mean) / sd, (yval - mean) / sd
    if bounds == "train":
        low, high = float(y.min()), float(y.max())
    keras.utils.set_random_seed(kit.seed)

    def hidden(layer: layers.Layer) -> layers.Layer:
        return layers.SpectralNormalization(layer) if spectral else layer

    inputs = keras.Input((10,))
    h = hidden(layers.Dense(32, activation="relu"))(inputs)
    if penalty:
        h = OrthogonalDense(32, penalty, activation="relu")(h)
    else:
        h = hidden(layers.Dense(32, activation="relu"))(h)
    if head == "linear":
        outputs = layers.Dense(1)(h)
    else:
        outputs = layers.Dense(1, activation="sigmoid")(h)
        if head == "bounded":
            outputs = layers.Rescaling(high - low, offset=low)(outputs)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def cosine_digits(kit: Kit, *, axis: int = 0, scale: float = 16.0, lr: float = 1e-3,
                  batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """sklearn digits (1297 training images, 500 validation, 64 pixels / 16): a cosine
    classifier, Dense 128 ReLU -> Dense 64 -> UnitNormalization -> Dense 10 without bias
    (kernel_constraint=UnitNorm(axis=0): each class vector of norm 1) -> x `scale` (16) ->
    softmax, sparse CE, Adam(1e-3), batch 32, 20 epochs. Options: `axis` of the UnitNorm (1:
    each input row normalised across the 10 classes), `scale` of the cosine logits (1: the
    logits stay in [-1, 1]), the rate, batch size and epochs."""
    x, xval, y, yval = digits_split()
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((64,)),
        layers.Dense(128, activation="relu"),
        layers.Dense(64),
        layers.UnitNormalization(),
        layers.Dense(10, use_bias=False, kernel_constraint=constraints.UnitNorm(axis=axis)),
        layers.Rescaling(scale),
        layers.Activation("softmax"),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
