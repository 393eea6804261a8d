"""Batch-52 count, ordinal and bounded-range target scripts (keyword options are the faults, the
defaults the healthy choice): Poisson counts with an exponential head, ordered levels with a
softmax / cumulative-sigmoid / regression head, proportions with a sigmoid head, log-priced
houses and the diabetes score. Each script calls `kit.fit` and reports a metric on the
target's own units (counts, levels, rates, thousands of dollars, score points), so that
scripts with a different target transform or loss can be compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch52_data import (
    LEVELS,
    counts_split,
    diabetes_split,
    ordinal_split,
    prices_split,
    rates_split,
)
from benchmarks.practice.kit import Kit


def _head(name: str) -> Any:
    if name == "exp_clipped":  # the GLM link with a guard: exp(clip(z, -20, 20))
        return lambda z: ops.exp(ops.clip(z, -20.0, 20.0))
    return {"linear": None, "exp": "exponential"}.get(name, name)


def _mlp(inputs: int, width: int, depth: int, out: int, head: Any,
         first: layers.Layer | None = None) -> keras.Model:  # fmt: skip
    model = keras.Sequential([keras.Input((inputs,))])
    if first is not None:
        model.add(first)
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(out, activation=head))
    return model


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr)
    return keras.optimizers.Adam(lr)


def _units_mae(name: str, inverse: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def metric(y_true: Any, y_pred: Any) -> Any:
        y_true = ops.reshape(y_true, ops.shape(y_pred))
        return ops.mean(ops.abs(inverse(y_true) - inverse(y_pred)), axis=-1)

    metric.__name__ = name
    return metric


def count_mlp(kit: Kit, *, zero_inflated: bool = False, scale: str = "standard",
              head: str = "exp", loss: str = "poisson", target: str = "raw",
              optimizer: str = "adam", lr: float = 1e-3, drop_zeros: bool = False,
              batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """Counts a policy (4000 training rows, 1000 validation rows, 8 features in their own
    units): an adapted Normalization layer, Dense 32 ReLU x 2 -> Dense 1 exp (the Poisson
    GLM's log link), loss="poisson", Adam(1e-3), batch 32, 20 epochs; `count_mae` on the
    counts. Options: `zero_inflated` (the data with ~57 % zeros), `scale` ("standard";
    "none": no Normalization, features up to ~11 000), `head` ("exp", "softplus",
    "exp_clipped", "linear", "relu"), `loss` ("poisson", "mse"), `target` ("raw"; "log1p":
    the model fits log1p(count), `count_mae` inverts it), `optimizer` ("adam", "sgd"), the
    rate, `drop_zeros` (the training rows with count 0 dropped, "they break the log"; the
    validation rows kept), batch size and epochs."""
    x, xval, y, yval = counts_split(zero_inflated)
    if drop_zeros:
        x, y = x[y > 0], y[y > 0]
    inverse: Callable[[Any], Any] = lambda v: v  # noqa: E731
    if target == "log1p":
        y, yval = np.log1p(y), np.log1p(yval)
        inverse = ops.expm1
    keras.utils.set_random_seed(kit.seed)
    first = None
    if scale == "standard":
        first = layers.Normalization()
        first.adapt(x)
    model = _mlp(8, 32, 2, 1, _head(head), first)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[_units_mae("count_mae", inverse)])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _codes(names: np.ndarray, encoding: str) -> np.ndarray:
    # "alphabetical": LabelEncoder / astype("category").cat.codes, the sorted strings
    order = sorted(LEVELS) if encoding == "alphabetical" else list(LEVELS)
    lookup = {name: i for i, name in enumerate(order)}
    return np.array([lookup[name] for name in names], dtype=np.int64)


def _ordinal_acc(y_true: Any, y_pred: Any) -> Any:
    level = ops.sum(ops.cast(y_true > 0.5, "float32"), axis=-1)
    guess = ops.sum(ops.cast(y_pred > 0.5, "float32"), axis=-1)
    return ops.cast(ops.equal(level, guess), "float32")


def _rounded_acc(y_true: Any, y_pred: Any) -> Any:
    y_true = ops.reshape(y_true, ops.shape(y_pred))
    guess = ops.clip(ops.round(y_pred), 0.0, float(len(LEVELS) - 1))
    return ops.cast(ops.equal(guess, y_true), "float32")


def ordinal_mlp(kit: Kit, *, head: str = "softmax", encoding: str = "ordered",
                lr: float = 1e-3, batch_size: int = 32, epochs: int = 15) -> Any:  # fmt: skip
    """Five ordered rating levels ("poor" .. "excellent"; 4000 training rows, 1000 validation
    rows, 6 standardised features) mapped to codes 0..4: Dense 32 ReLU x 2 -> softmax 5,
    sparse CE, Adam(1e-3), batch 32, 15 epochs. Options: `head` ("softmax"; "cumulative":
    Dense(4, sigmoid) on the targets [code > k] for k = 0..3, binary CE, decoded as the
    number of outputs above 0.5 (CORAL-style); "cumulative_softmax": the same targets under
    Dense(4, softmax); "regression": Dense(1) on the code, MSE, rounded), `encoding`
    ("ordered"; "alphabetical": the codes of sorted strings, excellent 0, fair 1, good 2,
    poor 3, very good 4, as LabelEncoder gives them), rate, batch size and epochs."""
    x, xval, names, names_val = ordinal_split()
    y, yval = _codes(names, encoding), _codes(names_val, encoding)
    keras.utils.set_random_seed(kit.seed)
    if head == "softmax":
        model = _mlp(6, 32, 2, len(LEVELS), "softmax")
        model.compile(keras.optimizers.Adam(lr), "sparse_categorical_crossentropy",
                      metrics=["accuracy"])  # fmt: skip
    elif head == "regression":
        model = _mlp(6, 32, 2, 1, None)
        model.compile(keras.optimizers.Adam(lr), "mse", metrics=[_rounded_acc])
        y, yval = y.astype("float32"), yval.astype("float32")
    else:
        thresholds = np.arange(len(LEVELS) - 1)
        y = (y[:, None] > thresholds).astype("float32")
        yval = (yval[:, None] > thresholds).astype("float32")
        activation = "softmax" if head == "cumulative_softmax" else "sigmoid"
        model = _mlp(6, 32, 2, len(thresholds), activation)
        model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=[_ordinal_acc])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def rate_mlp(kit: Kit, *, target: str = "rate", head: str = "sigmoid",
             loss: str = "binary_crossentropy", lr: float = 1e-3, batch_size: int = 32,
             epochs: int = 15) -> Any:  # fmt: skip
    """Conversion rates k / n in [0, 1] (4000 training rows, 1000 validation rows, 6
    standardised features): Dense 32 ReLU x 2 -> Dense 1 sigmoid, binary CE on the soft
    targets, Adam(1e-3), batch 32, 15 epochs; `rate_mae` on the rate. Options: `target`
    ("rate"; "percent": 100 k / n; "log_rate": log10((k + 0.5) / (n + 1)), all negative,
    -2.6..-0.03), `head` ("sigmoid", "linear", "relu"), `loss` ("binary_crossentropy",
    "mse"), rate, batch size and epochs."""
    x, xval, k, kval, n, nval = rates_split()
    inverse: Callable[[Any], Any] = lambda v: v  # noqa: E731
    if target == "percent":
        y, yval = 100 * k / n, 100 * kval / nval
        inverse = lambda v: v / 100.0  # noqa: E731
    elif target == "log_rate":
        y, yval = np.log10((k + 0.5) / (n + 1)), np.log10((kval + 0.5) / (nval + 1))
        inverse = lambda v: ops.power(10.0, v)  # noqa: E731
    else:
        y, yval = k / n, kval / nval
    keras.utils.set_random_seed(kit.seed)
    model = _mlp(6, 32, 2, 1, _head(head))
    model.compile(keras.optimizers.Adam(lr), loss, metrics=[_units_mae("rate_mae", inverse)])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def price_mlp(kit: Kit, *, scale: str = "standard", target: str = "log",
              val_target: str = "same", head: str = "linear", lr: float = 1e-3,
              batch_size: int = 32, epochs: int = 20) -> Any:  # fmt: skip
    """California-like house prices (4000 training rows, 1000 validation rows; income, age,
    rooms, population, latitude, longitude in their own units): an adapted Normalization,
    Dense 64 ReLU x 2 -> Dense 1, MSE on log(price), Adam(1e-3), batch 32, 20 epochs;
    `price_mae` in thousands of dollars. Options: `scale` ("standard"; "none": the raw
    features, population in the thousands), `target` ("log"; "log10"; "raw": the dollars;
    "thousands": price / 1000), `val_target` ("same"; "raw": the log taken of the training
    prices only, the validation prices passed raw), `head` ("linear", "relu", "sigmoid"),
    rate, batch size and epochs."""
    x, xval, y, yval = prices_split()
    transforms: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
        "log": (np.log, ops.exp), "log10": (np.log10, lambda v: ops.power(10.0, v)),
        "raw": (lambda v: v, lambda v: v), "thousands": (lambda v: v / 1000, lambda v: v * 1000),
    }  # fmt: skip
    forward, inverse = transforms[target]
    y = forward(y)
    yval = yval if val_target == "raw" else forward(yval)
    keras.utils.set_random_seed(kit.seed)
    first = None
    if scale == "standard":
        first = layers.Normalization()
        first.adapt(x)
    model = _mlp(6, 64, 2, 1, _head(head), first)
    model.compile(keras.optimizers.Adam(lr), "mse",
                  metrics=[_units_mae("price_mae", lambda v: inverse(v) / 1000.0)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def diabetes_mlp(kit: Kit, *, target: str = "standard", head: str = "linear",
                 lr: float = 1e-3, batch_size: int = 16, epochs: int = 60) -> Any:  # fmt: skip
    """sklearn's diabetes (342 training rows, 100 validation rows; features as sklearn scales
    them): the score standardised with the training rows' mean / sd, Dense 32 ReLU x 2 ->
    Dense 1, MSE, Adam(1e-3), batch 16, 60 epochs; `score_mae` in score points. Options:
    `target` ("standard"; "minmax": (y - min) / (max - min) on the training rows, in
    [0, 1]; "raw": the score 25..346), `head` ("linear", "sigmoid", "relu"), rate, batch
    size and epochs."""
    x, xval, y, yval = diabetes_split()
    if target == "standard":
        shift, unit = float(y.mean()), float(y.std())
    elif target == "minmax":
        shift, unit = float(y.min()), float(y.max() - y.min())
    else:
        shift, unit = 0.0, 1.0
    y, yval = (y - shift) / unit, (yval - shift) / unit
    keras.utils.set_random_seed(kit.seed)
    model = _mlp(10, 32, 2, 1, _head(head))
    model.compile(keras.optimizers.Adam(lr), "mse",
                  metrics=[_units_mae("score_mae", lambda v: v * unit + shift)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
