"""Batch-39 numerics / dtype scripts (keyword options are the faults, the defaults the
healthy choice): a four-class table MLP (mixed precision with or without a float32 head,
hand-written softmax / log-softmax / cross-entropy with or without an epsilon or clipping,
`from_logits`, float64 inputs, a metric as the loss), the same table as a binary task (binary
cross-entropy from logits or written by hand with log(sigmoid)), a small CNN on uint8 digit
pixels (a Rescaling layer, no scaling, integer division, a per-pixel standardisation with or
without an epsilon), a house-price MLP predicting prices in the 1e5..2e6 range through a
Rescaling output layer (mixed precision with the output layer in float32 or float16, a
hand-written RMSE) and a Gaussian negative log-likelihood with a learned variance on a
heteroscedastic sensor. Each script calls `kit.fit`; a script that sets a global dtype policy
restores the previous one before it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch39_data import class_table, digit_pixels, house_prices, sensor_series
from benchmarks.practice.kit import Kit


@contextmanager
def _policy(name: str) -> Iterator[None]:
    """`keras.mixed_precision.set_global_policy(name)` for the block, the previous policy back
    afterwards."""
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(name)
    try:
        yield
    finally:
        keras.mixed_precision.set_global_policy(previous)


def table_softmax(kit: Kit, *, policy: str = "float32", head: str = "float32",
                  softmax: str = "layer", loss: str = "keras", eps: float = 1e-7,
                  inputs: str = "float32", lr: float = 1e-3, epochs: int = 20) -> Any:  # fmt: skip
    """Four-class table (12 standardised features): Dense 128 ReLU -> Dense 128 ReLU -> Dense 4
    -> softmax, sparse CE, Adam(lr 1e-3), batch 64, 20 epochs. Options: `policy` (the global
    dtype policy: "float32", "mixed_float16", "mixed_bfloat16"), `head` ("float32": the last
    Dense and the softmax in float32 as the mixed-precision guide says; "policy": in the
    policy's compute dtype), `softmax` ("layer": Activation("softmax"); "hand": exp(z) /
    sum(exp(z)) written out; "hand_stable": the same with max(z) subtracted first; "log_eps":
    the model outputs log(softmax(z) + eps), PyTorch's log-softmax + NLLLoss habit; "none":
    the logits), `loss` ("keras": sparse CE; "logits": SparseCategoricalCrossentropy(
    from_logits=True); "hand": -sum(onehot(y) log(p)); "hand_eps": -sum(onehot(y) log(p +
    eps)); "hand_clip": log(clip(p, eps, 1 - eps)); "nll": -sum(onehot(y) * output) on
    log-probabilities; "metric": keras.metrics.sparse_categorical_accuracy as the loss),
    `inputs` ("float32"; "float64": the NumPy float64 array fed as it is)."""
    x, xval, y, yval = class_table()
    if inputs == "float64":
        x, xval = x.astype(np.float64), xval.astype(np.float64)
    with _policy(policy):
        keras.utils.set_random_seed(kit.seed)
        head_dtype = "float32" if head == "float32" else None
        inp = keras.Input((12,))
        h = layers.Dense(128, activation="relu")(inp)
        h = layers.Dense(128, activation="relu")(h)
        z = layers.Dense(4, dtype=head_dtype)(h)
        if softmax == "layer":
            out = layers.Activation("softmax", dtype=head_dtype)(z)
        elif softmax == "hand":
            e = ops.exp(z)
            out = e / ops.sum(e, axis=-1, keepdims=True)
        elif softmax == "hand_stable":
            e = ops.exp(z - ops.max(z, axis=-1, keepdims=True))
            out = e / ops.sum(e, axis=-1, keepdims=True)
        elif softmax == "log_eps":
            p = layers.Activation("softmax", dtype=head_dtype)(z)
            out = ops.log(p + eps)
        else:
            out = z

        def onehot(y_true: Any, like: Any) -> Any:
            return ops.one_hot(ops.cast(ops.reshape(y_true, (-1,)), "int32"), 4, dtype=like.dtype)

        def hand_ce(y_true: Any, p: Any) -> Any:
            return -ops.sum(onehot(y_true, p) * ops.log(p), axis=-1)

        def hand_ce_eps(y_true: Any, p: Any) -> Any:
            return -ops.sum(onehot(y_true, p) * ops.log(p + eps), axis=-1)

        def hand_ce_clip(y_true: Any, p: Any) -> Any:
            return -ops.sum(onehot(y_true, p) * ops.log(ops.clip(p, eps, 1 - eps)), axis=-1)

        def nll(y_true: Any, log_p: Any) -> Any:
            return -ops.sum(onehot(y_true, log_p) * log_p, axis=-1)

        losses: dict[str, Any] = {
            "keras": "sparse_categorical_crossentropy",
            "logits": keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            "hand": hand_ce, "hand_eps": hand_ce_eps, "hand_clip": hand_ce_clip, "nll": nll,
            "metric": keras.metrics.sparse_categorical_accuracy}  # fmt: skip
        model = keras.Model(inp, out)
        model.compile(keras.optimizers.Adam(lr), losses[loss], metrics=["accuracy"])
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                       validation_data=(xval, yval))  # fmt: skip


def pixel_cnn(kit: Kit, *, scale: str = "layer", epochs: int = 15) -> Any:
    """sklearn digits as uint8 pixels 0..255 (8 x 8 x 1): Conv 32 3x3 ReLU -> Conv 32 ReLU ->
    MaxPool -> Flatten -> Dense 64 ReLU -> softmax 10, Adam(1e-3), batch 32, 15 epochs.
    `scale`: "layer" (the uint8 arrays fed as they are, Rescaling(1 / 255) the model's first
    layer); "divide" (x / 255.0 in NumPy); "none" (the 0..255 values fed unscaled); "floor_div"
    (x // 255 in NumPy: integer division, only the saturated pixels stay 1); "standardise"
    ((x - mean) / sd per pixel over the training images in NumPy, no epsilon: the always-blank
    pixels give 0 / 0); "standardise_eps" (the same with sd + 1e-7)."""
    x, xval, y, yval = digit_pixels()
    if scale == "divide":
        x, xval = x / 255.0, xval / 255.0
    elif scale.startswith("standardise"):
        mean, sd = x.mean(axis=0), x.std(axis=0)
        if scale == "standardise_eps":
            sd = sd + 1e-7
        with np.errstate(invalid="ignore", divide="ignore"):
            x, xval = (x - mean) / sd, (xval - mean) / sd
    elif scale == "floor_div":
        x, xval = x // 255, xval // 255
    keras.utils.set_random_seed(kit.seed)
    inp = keras.Input((8, 8, 1))
    h = layers.Rescaling(1 / 255)(inp) if scale == "layer" else inp
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = layers.Flatten()(layers.MaxPooling2D()(h))
    h = layers.Dense(64, activation="relu")(h)
    model = keras.Model(inp, layers.Dense(10, activation="softmax")(h))
    model.compile(keras.optimizers.Adam(1e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                   validation_data=(xval, yval))  # fmt: skip


def price_regression(kit: Kit, *, policy: str = "float32", head: str = "float32",
                     loss: str = "mse", epochs: int = 30) -> Any:  # fmt: skip
    """House prices (8 standardised features, prices about 1.5e5..2.5e6): Dense 64 ReLU ->
    Dense 64 ReLU -> Dense 1 -> Rescaling(scale=sd, offset=mean of the training prices), so
    the model predicts prices in their own units; MSE, metric MAE, Adam(1e-3), batch 32, 30
    epochs. Options: `policy` (the global dtype policy), `head` ("float32": the last Dense and
    the Rescaling in float32; "policy": in the policy's compute dtype), `loss` ("mse";
    "rmse": sqrt(mean(square(y - p))) written by hand; "msle": mean squared log error)."""
    x, xval, y, yval = house_prices()
    mean, sd = float(y.mean()), float(y.std())
    with _policy(policy):
        keras.utils.set_random_seed(kit.seed)
        head_dtype = "float32" if head == "float32" else None
        inp = keras.Input((8,))
        h = layers.Dense(64, activation="relu")(inp)
        h = layers.Dense(64, activation="relu")(h)
        h = layers.Dense(1, dtype=head_dtype)(h)
        out = layers.Rescaling(scale=sd, offset=mean, dtype=head_dtype)(h)

        def rmse(y_true: Any, y_pred: Any) -> Any:
            return ops.sqrt(ops.mean(ops.square(y_true - y_pred)))

        model = keras.Model(inp, out)
        chosen = rmse if loss == "rmse" else loss
        model.compile(keras.optimizers.Adam(1e-3), chosen, metrics=["mae"])
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=32,
                       validation_data=(xval, yval))  # fmt: skip


def mean_mae(y_true: Any, y_pred: Any) -> Any:
    """The mean column's absolute error (the metric of the two-column NLL heads)."""
    return ops.mean(ops.abs(y_true[:, 0] - y_pred[:, 0]))


def sensor_nll(kit: Kit, *, variance: str = "exp", eps: float = 1e-6, policy: str = "float32",
               head: str = "float32", lr: float = 1e-3, epochs: int = 40) -> Any:  # fmt: skip
    """Heteroscedastic sensor (4 features, noise sd 0.05..1.0): Dense 64 ReLU -> Dense 64 ReLU
    -> Dense 2 (the mean and a raw variance column) under a hand-written Gaussian negative
    log-likelihood 0.5 log(var) + (y - mu)^2 / (2 var), Adam(1e-3), batch 64, 40 epochs,
    metric `mean_mae`. `variance`: "exp" (raw is log(var): 0.5 raw + 0.5 (y - mu)^2 exp(-raw));
    "softplus" (var = softplus(raw) + eps); "sqrt_sd" (sd = sqrt(softplus(raw)) then var = sd
    ** 2 + eps); "exp_sd" (raw is the sd's log written as exp(raw) ** 2: var = exp(2 raw));
    "square" (var = raw ** 2: the linear raw column squared, no floor); "exp_clip" (the raw
    log-variance exponentiated and then clipped to [eps, 1e6]). `policy` / `head` as in
    `price_regression`."""
    x, xval, y, yval = sensor_series()
    with _policy(policy):
        keras.utils.set_random_seed(kit.seed)
        head_dtype = "float32" if head == "float32" else None
        inp = keras.Input((4,))
        h = layers.Dense(64, activation="relu")(inp)
        h = layers.Dense(64, activation="relu")(h)
        out = layers.Dense(2, dtype=head_dtype)(h)

        def gaussian_nll(y_true: Any, y_pred: Any) -> Any:
            mu, raw = y_pred[:, 0], y_pred[:, 1]
            err2 = ops.square(y_true[:, 0] - mu)
            if variance == "exp":
                return 0.5 * raw + 0.5 * err2 * ops.exp(-raw)
            if variance == "softplus":
                var = ops.softplus(raw) + eps
            elif variance == "sqrt_sd":
                var = ops.square(ops.sqrt(ops.softplus(raw))) + eps
            elif variance == "exp_sd":
                var = ops.square(ops.exp(raw))
            elif variance == "square":
                var = ops.square(raw)
            else:  # "exp_clip"
                var = ops.clip(ops.exp(raw), eps, 1e6)
            return 0.5 * ops.log(var) + err2 / (2 * var)

        model = keras.Model(inp, out)
        model.compile(keras.optimizers.Adam(lr), gaussian_nll, metrics=[mean_mae])
        y2, yval2 = np.hstack([y, y]), np.hstack([yval, yval])
        return kit.fit(model, x, y2, probe_data=(x, y2), epochs=epochs, batch_size=64,
                       validation_data=(xval, yval2))  # fmt: skip


def binary_table(kit: Kit, *, loss: str = "logits", policy: str = "float32", head: str = "float32",
                 eps: float = 1e-7, lr: float = 1e-3, epochs: int = 20) -> Any:  # fmt: skip
    """The four-class table as a binary task (class 0 against the rest, 25 % positive): Dense
    128 ReLU -> Dense 128 ReLU -> Dense 1 (logits), Adam(lr 1e-3), batch 64, 20 epochs.
    `loss`: "logits" (BinaryCrossentropy(from_logits=True)); "sigmoid" (a Dense 1 sigmoid
    output with "binary_crossentropy"); "hand" (the logits under a hand-written -(y
    log(sigmoid(z)) + (1 - y) log(1 - sigmoid(z)))); "hand_eps" (the same with eps added inside
    both logs); "hand_stable" (the log-sigmoid written stably: -(y z - softplus(z)) ...). `policy`
    / `head` as in `table_softmax`."""
    x, xval, y, yval = class_table()
    y, yval = (y == 0).astype("float32")[:, None], (yval == 0).astype("float32")[:, None]
    with _policy(policy):
        keras.utils.set_random_seed(kit.seed)
        head_dtype = "float32" if head == "float32" else None
        inp = keras.Input((12,))
        h = layers.Dense(128, activation="relu")(inp)
        h = layers.Dense(128, activation="relu")(h)
        out = layers.Dense(1, activation="sigmoid" if loss == "sigmoid" else None,
                           dtype=head_dtype)(h)  # fmt: skip

        def hand(y_true: Any, z: Any) -> Any:
            y_true = ops.cast(y_true, z.dtype)
            p = ops.sigmoid(z)
            return -ops.mean(y_true * ops.log(p) + (1 - y_true) * ops.log(1 - p), axis=-1)

        def hand_eps(y_true: Any, z: Any) -> Any:
            y_true = ops.cast(y_true, z.dtype)
            p = ops.sigmoid(z)
            return -ops.mean(y_true * ops.log(p + eps) + (1 - y_true) * ops.log(1 - p + eps),
                             axis=-1)  # fmt: skip

        def hand_stable(y_true: Any, z: Any) -> Any:
            y_true = ops.cast(y_true, z.dtype)
            return ops.mean(ops.softplus(z) - y_true * z, axis=-1)

        losses: dict[str, Any] = {
            "logits": keras.losses.BinaryCrossentropy(from_logits=True),
            "sigmoid": "binary_crossentropy", "hand": hand, "hand_eps": hand_eps,
            "hand_stable": hand_stable}  # fmt: skip
        metric = keras.metrics.BinaryAccuracy(
            "accuracy", threshold=0.5 if loss == "sigmoid" else 0.0)  # fmt: skip
        model = keras.Model(inp, out)
        model.compile(keras.optimizers.Adam(lr), losses[loss], metrics=[metric])
        return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                       validation_data=(xval, yval))  # fmt: skip
