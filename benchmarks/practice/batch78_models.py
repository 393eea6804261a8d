"""Batch-78 scripts for heavy-tailed targets and robust losses (keyword options are the
faults, the defaults the healthy choice): a next-day return MLP under Huber on Student-t
noise, an insurance claim-severity MLP on the log1p of dollar claims with a region embedding,
three quantile heads under a pinball loss for prediction intervals on a heteroscedastic
demand, and a sensor-yield regression with glitch readings in the inputs and gross errors in
the labels (robust scaling, clipping, Huber). Each script calls `kit.fit` once.

Common scales for comparing the variants (a metric in each compile): `mae` in the target's
delivered units (returns: percent; sensors: the yield), `log_mae` (claims: the MAE of
log1p(dollars), the prediction brought back to dollars first), `pinball_mae` (the correct
pinball loss of the 10 / 50 / 90 % columns, in demand units).
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch78_data import (
    claim_severity,
    daily_returns,
    glitchy_sensors,
    interval_demand,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _loss(name: str, delta: float = 1.0) -> Any:
    if name == "huber":
        return keras.losses.Huber(delta=delta)
    if name == "log_cosh":
        return keras.losses.LogCosh()
    return name  # "mse", "mae", "msle"


def _standardise(train: np.ndarray, *others: np.ndarray) -> list[np.ndarray]:
    mean, std = train.mean(axis=0), train.std(axis=0) + 1e-8
    return [((a - mean) / std).astype("float32") for a in (train, *others)]


class ScaledMAE(keras.metrics.Metric):
    """MAE in the target's delivered units when the network is trained on (y - shift) /
    scale: both sides brought back before the absolute error (a running mean)."""

    def __init__(self, shift: float = 0.0, scale: float = 1.0, name: str = "mae",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(name=name, **kwargs)
        self.shift, self.scale = float(shift), float(scale)
        self.total = self.add_variable((), initializer="zeros", name="total")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        error = ops.abs(ops.cast(y_true, "float32") - ops.cast(y_pred, "float32")) * self.scale
        self.total.assign_add(ops.sum(error))
        self.count.assign_add(ops.cast(ops.size(error), "float32"))

    def result(self) -> Any:
        return self.total / ops.maximum(self.count, 1.0)

    def reset_state(self) -> None:
        self.total.assign(0.0)
        self.count.assign(0.0)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "shift": self.shift, "scale": self.scale}


# -- next-day returns under Huber ------------------------------------------------------------


def returns_mlp(kit: Kit, *, features: str = "standard", loss: str = "huber",
                delta: float = 1.0, units: str = "percent", output: str = "linear",
                label_shift: int = 0, winsorise: bool = False, depth: int = 2,
                activation: str = "relu", optimizer: str = "adam", lr: float = 1e-3,
                epochs: int = 30, batch_size: int = 64) -> Any:  # fmt: skip
    """Next-day return in percent (Student-t noise, 4000 days train, the next 1000
    validate) from five lagged returns, a realised volatility, the volume (shares) and the
    close price: log volume, every column standardised with the training statistics; Dense
    64 ReLU x 2 -> Dense 1 linear; Huber(1.0), MAE metric (percent), Adam(1e-3), batch 64,
    30 epochs, chronological split. Options: `features` ("standard"; "raw": as delivered,
    volume ~1e6 shares and price in dollars; "no_log": standardised, volume not logged;
    "val_own_stats": the validation block standardised with its own statistics), `loss`
    ("huber", "mse", "mae", "log_cosh") and Huber's `delta`, `units` of the target
    ("percent"; "decimal": / 100; "bps": x 100 — the MAE metric stays in percent), the
    `output` activation, `label_shift` (the labels shifted k more days against the features
    in the pipeline, train and validation), `winsorise` (training targets clipped at their
    1st / 99th percentiles), `depth` and `activation` of the hidden layers, the optimizer,
    rate, epochs and batch size."""
    x, y, xval, yval = daily_returns()
    if features != "raw":
        if features != "no_log":
            x, xval = x.copy(), xval.copy()
            x[:, 6], xval[:, 6] = np.log(x[:, 6]), np.log(xval[:, 6])
        if features == "val_own_stats":
            x, xval = _standardise(x)[0], _standardise(xval)[0]
        else:
            x, xval = _standardise(x, xval)
    if label_shift:
        x, y = x[:-label_shift], y[label_shift:]
        xval, yval = xval[:-label_shift], yval[label_shift:]
    if winsorise:
        lo, hi = np.percentile(y, [1, 99])
        y = np.clip(y, lo, hi)
    factor = {"percent": 1.0, "decimal": 0.01, "bps": 100.0}[units]
    y, yval = (y * factor).astype("float32"), (yval * factor).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((x.shape[1],))
    h = inputs
    for _ in range(depth):
        h = layers.Dense(64, activation=activation)(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), _loss(loss, delta),
                  metrics=[ScaledMAE(scale=1.0 / factor)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


# -- claim severity on log1p(dollars) ----------------------------------------------------------


def _log_mae(target: str, shift: float, scale: float) -> Any:
    """MAE of log1p(dollars), the targets and predictions brought back to dollars first."""

    def to_dollars(v: Any) -> Any:
        v = ops.cast(v, "float32") * scale + shift
        if target in ("log", "log_standard"):
            return ops.expm1(ops.minimum(v, 30.0))
        return v

    def log_mae(y_true: Any, y_pred: Any) -> Any:
        true = ops.log1p(ops.maximum(to_dollars(y_true), 0.0))
        pred = ops.log1p(ops.maximum(to_dollars(y_pred), 0.0))
        return ops.mean(ops.abs(true - pred), axis=-1)

    return log_mae


def claims_severity(kit: Kit, *, target: str = "log", loss: str = "mse",
                    output: str = "linear", features: str = "standard",
                    region: str = "embedding", val_target: str = "same",
                    optimizer: str = "adam", lr: float = 1e-3, epochs: int = 25,
                    batch_size: int = 64) -> Any:  # fmt: skip
    """Claim severity in dollars (lognormal body, 4 % Pareto large losses; 5000 train, 1500
    validate) from driver age, vehicle value ($), vehicle age, bonus-malus, annual km and a
    region code: value and km logged, the numeric columns standardised (training
    statistics), region -> Embedding(10, 4) -> Flatten, concatenated; Dense 64 ReLU x 2 ->
    Dense 1 linear on log1p(claim), MSE, Adam(1e-3), batch 64, 25 epochs; the `log_mae`
    metric reads the predictions back in dollars (expm1). Options: `target` ("log";
    "log_standard": log1p then standardised; "raw": dollars; "thousands": dollars / 1000),
    `loss` ("mse", "huber", "mae", "msle", "log_cosh"), `output` activation, `features`
    ("standard"; "raw": the columns in their units; "no_log": standardised without logging
    value and km), `region` ("embedding"; "onehot"; "number": the code as one float),
    `val_target` ("same"; "dollars": the validation targets left in dollars while training
    is on log1p), the optimizer, rate, epochs and batch size."""
    num, reg, y, numval, regval, yval = claim_severity()
    if features != "raw":
        num, numval = num.copy(), numval.copy()
        if features != "no_log":
            for col in (1, 4):
                num[:, col], numval[:, col] = np.log(num[:, col]), np.log(numval[:, col])
        num, numval = _standardise(num, numval)
    shift, scale = 0.0, 1.0
    ty, tyval = y, yval
    if target in ("log", "log_standard"):
        ty, tyval = np.log1p(y), np.log1p(yval)
        if target == "log_standard":
            shift, scale = float(ty.mean()), float(ty.std())
            ty, tyval = (ty - shift) / scale, (tyval - shift) / scale
    elif target == "thousands":
        scale = 1000.0
        ty, tyval = y / scale, yval / scale
    if val_target == "dollars":
        tyval = yval
    ty, tyval = ty.astype("float32"), tyval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    num_in = keras.Input((5,), name="numeric")
    if region == "number":
        reg, regval = reg[:, None].astype("float32"), regval[:, None].astype("float32")
        reg_in = keras.Input((1,), name="region")
        r = reg_in
    elif region == "onehot":
        reg, regval = np.eye(10, dtype="float32")[reg], np.eye(10, dtype="float32")[regval]
        reg_in = keras.Input((10,), name="region")
        r = reg_in
    else:
        reg_in = keras.Input((1,), dtype="int32", name="region")
        reg, regval = reg[:, None], regval[:, None]
        r = layers.Flatten()(layers.Embedding(10, 4)(reg_in))
    h = layers.Concatenate()([num_in, r])
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(64, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model([num_in, reg_in], outputs)
    model.compile(_optimizer(optimizer, lr), _loss(loss),
                  metrics=[_log_mae(target, shift, scale)])  # fmt: skip
    return kit.fit(model, [num, reg], ty, probe_data=([num, reg], ty), epochs=epochs,
                   batch_size=batch_size, validation_data=([numval, regval], tyval))  # fmt: skip


# -- prediction intervals from quantile heads -------------------------------------------------


class PinballLoss(keras.losses.Loss):
    """The pinball (quantile) loss of one column per quantile against the one target:
    mean over columns of max(q e, (q - 1) e), e = y - prediction. `sign="flipped"`: e
    written as prediction - y."""

    def __init__(self, quantiles: tuple[float, ...] = (0.1, 0.5, 0.9), sign: str = "correct",
                 name: str = "pinball", **kwargs: Any) -> None:  # fmt: skip
        super().__init__(name=name, **kwargs)
        self.quantiles, self.sign = tuple(float(q) for q in quantiles), sign

    def call(self, y_true: Any, y_pred: Any) -> Any:
        q = ops.convert_to_tensor(self.quantiles, dtype=y_pred.dtype)
        error = ops.cast(y_true, y_pred.dtype) - y_pred
        if self.sign == "flipped":
            error = -error
        return ops.mean(ops.maximum(q * error, (q - 1.0) * error), axis=-1)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "quantiles": list(self.quantiles), "sign": self.sign}


def _pinball_mae(scale: float) -> Any:
    """The correct pinball loss of the 10 / 50 / 90 % columns in demand units."""
    q = (0.1, 0.5, 0.9)

    def pinball_mae(y_true: Any, y_pred: Any) -> Any:
        error = (ops.cast(y_true, "float32") - ops.cast(y_pred, "float32")) * scale
        qs = ops.convert_to_tensor(q, dtype="float32")
        return ops.mean(ops.maximum(qs * error, (qs - 1.0) * error), axis=-1)

    return pinball_mae


def coverage(y_true: Any, y_pred: Any) -> Any:
    """The share of targets inside [10 % column, 90 % column] (0.8 when calibrated)."""
    y = ops.cast(y_true, "float32")[:, 0]
    inside = ops.logical_and(y >= y_pred[:, 0], y <= y_pred[:, 2])
    return ops.cast(inside, "float32")


def quantile_heads(kit: Kit, *, levels: str = "fraction", loss: str = "pinball",
                   sign: str = "correct", target_units: float = 1.0, output: str = "linear",
                   heads: str = "separate", dropout: float = 0.0, optimizer: str = "adam",
                   lr: float = 1e-3, epochs: int = 30, batch_size: int = 64) -> Any:  # fmt: skip
    """Prediction intervals for a heteroscedastic demand (~10, Student-t noise whose scale
    grows with |x4|; 4000 train, 1000 validate; features standardised): a shared trunk
    Dense 64 ReLU x 2 and three heads Dense 1 (the 10 / 50 / 90 % quantiles) concatenated;
    `PinballLoss((0.1, 0.5, 0.9))`, metrics `pinball_mae` (the correct pinball in demand
    units) and `coverage` of the 80 % interval; Adam(1e-3), batch 64, 30 epochs. Options:
    `levels` ("fraction"; "percent": the levels written 10, 50, 90), `loss` ("pinball";
    "mse": every head under MSE; "mae"), `sign` of the error in the pinball loss,
    `target_units` (the demand multiplied, e.g. 1000 for units instead of thousands, not
    rescaled), the heads' `output` activation, `heads` ("separate"; "one": a single Dense 3),
    a `dropout` after each trunk layer, the optimizer, rate, epochs and batch size."""
    x, y, xval, yval = interval_demand()
    y, yval = (y * target_units).astype("float32"), (yval * target_units).astype("float32")
    quantiles = (10.0, 50.0, 90.0) if levels == "percent" else (0.1, 0.5, 0.9)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((6,))
    h = inputs
    for _ in range(2):
        h = layers.Dense(64, activation="relu")(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    if heads == "one":
        outputs = layers.Dense(3, activation=output, name="quantiles")(h)
    else:
        outputs = layers.Concatenate(name="quantiles")(
            [layers.Dense(1, activation=output, name=name)(h) for name in ("q10", "q50", "q90")])
    model = keras.Model(inputs, outputs)
    objective = PinballLoss(quantiles, sign) if loss == "pinball" else loss
    model.compile(_optimizer(optimizer, lr), objective,
                  metrics=[_pinball_mae(1.0 / target_units), coverage])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


# -- sensor yield with glitches and gross label errors -----------------------------------------


def sensor_yield(kit: Kit, *, scaler: str = "robust", clip: float = 5.0, loss: str = "huber",
                 delta: float = 1.0, target: str = "robust", output: str = "linear",
                 winsorise: bool = False, batchnorm: bool = False, optimizer: str = "adam",
                 lr: float = 1e-3, epochs: int = 30, batch_size: int = 64) -> Any:  # fmt: skip
    """Yield (~0..100) from 8 process sensors in their units with 1 % glitch readings
    (+-9999) and 8 % gross errors in the training labels (x 10 or 0; validation clean): the
    inputs scaled by the training median and IQR and clipped to +-5, the target scaled by its
    training median and IQR; Dense 64 ReLU x 2 -> Dense 1, Huber(1.0), `mae` in yield units,
    Adam(1e-3), batch 64, 30 epochs. Options: `scaler` ("robust"; "standard": mean / std over
    the glitchy columns; "none"), `clip` (0: no clipping), `loss` ("huber", "mse", "mae",
    "log_cosh") and `delta`, `target` ("robust"; "standard": mean / std with the gross errors
    in; "raw": yield units), `output` activation, `winsorise` (training labels clipped at
    their 2nd / 98th percentiles before scaling), `batchnorm` after each hidden Dense, the
    optimizer, rate, epochs and batch size."""
    x, y, xval, yval = glitchy_sensors()
    if scaler == "robust":
        med = np.median(x, axis=0)
        iqr = np.subtract(*np.percentile(x, [75, 25], axis=0))
        x, xval = (x - med) / iqr, (xval - med) / iqr
    elif scaler == "standard":
        x, xval = _standardise(x, xval)
    if clip:
        x, xval = np.clip(x, -clip, clip), np.clip(xval, -clip, clip)
    x, xval = x.astype("float32"), xval.astype("float32")
    if winsorise:
        lo, hi = np.percentile(y, [2, 98])
        y = np.clip(y, lo, hi)
    shift, scale = 0.0, 1.0
    if target == "robust":
        shift = float(np.median(y))
        scale = float(np.subtract(*np.percentile(y, [75, 25])))
    elif target == "standard":
        shift, scale = float(y.mean()), float(y.std())
    ty, tyval = ((y - shift) / scale).astype("float32"), ((yval - shift) / scale).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((8,))
    h = inputs
    for _ in range(2):
        h = layers.Dense(64, activation=None if batchnorm else "relu")(h)
        if batchnorm:
            h = layers.Activation("relu")(layers.BatchNormalization()(h))
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), _loss(loss, delta),
                  metrics=[ScaledMAE(shift, scale)])  # fmt: skip
    return kit.fit(model, x, ty, probe_data=(x, ty), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, tyval))  # fmt: skip
