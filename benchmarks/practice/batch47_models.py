"""Batch-47 tabular-regression scripts with Keras preprocessing layers (keyword options are
the faults, the defaults the healthy choice): a wide-and-deep house-price model on named
inputs (Normalization, Discretization, IntegerLookup / StringLookup, HashedCrossing, a log
target), sklearn's diabetes on its own units behind an adapted Normalization, a Friedman
regression with data-entry outliers (Huber / MSE / MAE), and an hourly net-load model with
negative targets (Discretization, CategoryEncoding, a feature cross). Each script calls
`kit.fit`.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch47_data import diabetes_raw, friedman_outliers, houses, net_load
from benchmarks.practice.kit import Kit


def _column(table: dict[str, np.ndarray], key: str) -> np.ndarray:
    column = table[key][:, None]  # Input(shape=(1,)) per column, as the tutorials do
    if column.dtype.kind == "U":  # string columns as tf.string tensors (numpy str is refused)
        import tensorflow as tf

        return tf.constant(column)
    return column


def _loss(name: str) -> Any:
    return keras.losses.Huber(delta=1.0) if name == "huber" else name


def _price_mae(log_target: bool) -> Any:
    """The dollar MAE the practitioner reports: on a log target, both sides exponentiated."""

    def price_mae(y_true: Any, y_pred: Any) -> Any:
        if log_target:
            y_true, y_pred = ops.exp(y_true), ops.exp(y_pred)
        return ops.mean(ops.abs(y_true - y_pred))

    return price_mae


def house_wide_deep(kit: Kit, *, adapt: str = "train", age_bins: str = "decades",
                    zipcode: str = "lookup", neighbourhood: str = "onehot",
                    cross_bins: int = 64, output: str = "linear", target: str = "log",
                    loss: str = "mse", lr: float = 1e-3, batch_size: int = 64,
                    epochs: int = 30) -> Any:  # fmt: skip
    """House prices (2400 training rows, 600 validation rows), seven named inputs passed as a
    dict: `sqft` and `lot` through Normalization adapted on the training column, `age`
    through Discretization(bin_boundaries=[10, 20, ..., 90], one-hot), `bedrooms` and
    `zipcode` through IntegerLookup (one-hot, vocabulary adapted), `neighbourhood` and
    `house_type` through StringLookup (one-hot); deep: Dense 64 ReLU -> Dense 32 ReLU ->
    Dense 1 on all of them; wide: the one-hots and HashedCrossing(neighbourhood x house_type,
    64 bins) -> Dense 1; the sum is the prediction of log(price). MSE, Adam(1e-3), batch 64,
    30 epochs, a dollar MAE metric (`price_mae`, both sides exponentiated). Options: `adapt`
    ("train"; "none": the Normalization layers never adapted (identity); "price": adapted on
    the price column instead of their own), `age_bins` ("decades"; "months": the boundaries
    written in months, 120..1080, so every age 0..100 falls in the first bin), `zipcode`
    ("lookup"; "normalize": the five-digit id through Normalization as a continuous number),
    `neighbourhood` ("onehot"; "index": StringLookup's integer index fed to the Dense layers
    as a number), `cross_bins`, `output` activation ("linear"; "sigmoid"; "relu"), `target`
    ("log"; "raw": the price in dollars; "log_val_raw": trained on log(price) but the
    validation targets left in dollars), `loss` ("mse", "huber", "mae"), rate, batch,
    epochs."""
    train, val = houses()
    log_train = target in ("log", "log_val_raw")
    y = np.log(train["price"]) if log_train else train["price"]
    yval = np.log(val["price"]) if target == "log" else val["price"]
    y, yval = y[:, None], yval[:, None]
    names = ("sqft", "lot", "age", "bedrooms", "neighbourhood", "house_type", "zipcode")
    x = {k: _column(train, k) for k in names}
    xval = {k: _column(val, k) for k in names}
    keras.utils.set_random_seed(kit.seed)
    inputs = {k: keras.Input((1,), name=k, dtype="string" if k in ("neighbourhood",
                                                                   "house_type") else
                             "int64" if k in ("bedrooms", "zipcode") else "float32")
              for k in names}  # fmt: skip
    deep: list[Any] = []
    wide: list[Any] = []
    for k in ("sqft", "lot"):
        norm = layers.Normalization()
        if adapt == "train":
            norm.adapt(x[k])
        elif adapt == "price":
            norm.adapt(train["price"][:, None])
        deep.append(norm(inputs[k]))
    boundaries = [10.0 * i for i in range(1, 10)]
    if age_bins == "months":
        boundaries = [120.0 * i for i in range(1, 10)]
    age = layers.Discretization(bin_boundaries=boundaries, output_mode="one_hot")(inputs["age"])
    bedrooms = layers.IntegerLookup(output_mode="one_hot")
    bedrooms.adapt(x["bedrooms"])
    kind = layers.StringLookup(output_mode="one_hot")
    kind.adapt(x["house_type"])
    hood_lookup = layers.StringLookup(output_mode="one_hot" if neighbourhood == "onehot"
                                      else "int")  # fmt: skip
    hood_lookup.adapt(x["neighbourhood"])
    hood = hood_lookup(inputs["neighbourhood"])
    if neighbourhood != "onehot":
        hood = ops.cast(hood, "float32")
    if zipcode == "lookup":
        zip_lookup = layers.IntegerLookup(output_mode="one_hot")
        zip_lookup.adapt(x["zipcode"])
        zip_code = zip_lookup(inputs["zipcode"])
    else:
        zip_norm = layers.Normalization()
        zip_norm.adapt(x["zipcode"].astype("float32"))
        zip_code = zip_norm(ops.cast(inputs["zipcode"], "float32"))
    one_hots = [age, bedrooms(inputs["bedrooms"]), kind(inputs["house_type"]), hood, zip_code]
    deep += one_hots
    cross = layers.HashedCrossing(num_bins=cross_bins, output_mode="one_hot")(
        (inputs["neighbourhood"], inputs["house_type"]))
    wide += [*one_hots, cross]
    h = layers.Concatenate()(deep)
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(32, activation="relu")(h)
    deep_out = layers.Dense(1)(h)
    wide_out = layers.Dense(1)(layers.Concatenate()(wide))
    outputs = layers.Activation(output)(layers.Add()([deep_out, wide_out]))
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), _loss(loss), metrics=[_price_mae(log_train)])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def diabetes_normalized(kit: Kit, *, adapt: str = "train", target: str = "inverse_layer",
                        loss: str = "mse", lr: float = 1e-3, batch_size: int = 32,
                        epochs: int = 50) -> Any:  # fmt: skip
    """sklearn's diabetes on its own units (342 training rows, 100 validation rows): a
    Normalization layer adapted on the training features -> Dense 32 ReLU x 2 -> Dense 1 ->
    Normalization(invert=True) adapted on the training targets (the model predicts the raw
    score; the loss is on the raw scale), MSE, MAE metric, Adam(1e-3), batch 32, 50 epochs.
    Options: `adapt` ("train"; "none": the input Normalization never adapted (identity on
    the raw units); "validation": adapted on the validation rows; "targets": adapted on the
    target vector, one mean / variance broadcast to every feature), `target`
    ("inverse_layer"; "raw": no inverse layer, the Dense output fits the raw scores
    25..346 directly; "standardised": the targets standardised by hand and the loss on that
    scale), `loss` ("mse", "huber", "mae"), rate, batch, epochs."""
    x, xval, y, yval = diabetes_raw()
    keras.utils.set_random_seed(kit.seed)
    norm = layers.Normalization()
    if adapt == "train":
        norm.adapt(x)
    elif adapt == "validation":
        norm.adapt(xval)
    elif adapt == "targets":
        norm.adapt(y)
    model = keras.Sequential([keras.Input((10,)), norm, layers.Dense(32, activation="relu"),
                              layers.Dense(32, activation="relu"), layers.Dense(1)])  # fmt: skip
    if target == "inverse_layer":
        inverse = layers.Normalization(invert=True)
        inverse.adapt(y[:, None])
        model.add(inverse)
    elif target == "standardised":
        mean, sd = y.mean(), y.std()
        y, yval = (y - mean) / sd, (yval - mean) / sd
    model.compile(keras.optimizers.Adam(lr), _loss(loss), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def friedman_robust(kit: Kit, *, loss: str = "huber", outliers: float = 0.05,
                    factor: float = 10.0, lr: float = 1e-3, batch_size: int = 32,
                    epochs: int = 40) -> Any:  # fmt: skip
    """Friedman #1 (10 features on [0, 1], 2000 training rows, 500 clean validation rows),
    5 % of the training targets recorded in the wrong unit (x10): Dense 64 ReLU x 2 -> Dense
    1, Huber(delta=1.0), MAE metric, Adam(1e-3), batch 32, 40 epochs. Options: `loss`
    ("huber"; "mse"; "mae"), `outliers` (the share of corrupted training targets; 0: clean),
    `factor`, rate, batch, epochs."""
    x, xval, y, yval = friedman_outliers(outliers, factor)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((10,)), layers.Dense(64, activation="relu"),
                              layers.Dense(64, activation="relu"), layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), _loss(loss), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def net_load_model(kit: Kit, *, hour_bins: str = "three_hours", weekday: str = "onehot",
                   cross: bool = True, output: str = "linear", loss: str = "mse",
                   adapt: str = "train", lr: float = 1e-3, batch_size: int = 32,
                   epochs: int = 25) -> Any:  # fmt: skip
    """Hourly net load in GW (3200 training rows, 800 validation rows; negative on sunny
    middays), four named inputs as a dict: `hour` through Discretization(bin_boundaries=[3,
    6, ..., 21]) -> CategoryEncoding(8, one-hot), `weekday` through CategoryEncoding(7,
    one-hot), HashedCrossing(hour bin x weekday, 64 bins, one-hot), `temperature` and
    `cloud` through Normalization adapted on their training columns; Dense 64 ReLU -> Dense
    32 ReLU -> Dense 1 (linear), MSE, MAE metric, Adam(1e-3), batch 32, 25 epochs. Options:
    `hour_bins` ("three_hours"; "minutes": the boundaries written in minutes, 180..1260, so
    every hour 0..23 falls in the first bin; "hour": the hour through Normalization as a
    number instead), `weekday` ("onehot"; "normalize": the day index through Normalization
    as a continuous number), `cross`, `output` activation ("linear"; "relu"; "sigmoid";
    "tanh"), `loss`, `adapt` ("train"; "none": temperature and cloud never adapted), rate,
    batch, epochs."""
    train, val = net_load()
    names = ("hour", "weekday", "temperature", "cloud")
    x = {k: _column(train, k) for k in names}
    xval = {k: _column(val, k) for k in names}
    y, yval = train["net_load"][:, None], val["net_load"][:, None]
    keras.utils.set_random_seed(kit.seed)
    inputs = {k: keras.Input((1,), name=k, dtype="int64" if k in ("hour", "weekday")
                             else "float32") for k in names}  # fmt: skip
    features: list[Any] = []
    if hour_bins == "hour":
        hour_norm = layers.Normalization()
        hour_norm.adapt(x["hour"].astype("float32"))
        features.append(hour_norm(ops.cast(inputs["hour"], "float32")))
        hour_bin = layers.Discretization(bin_boundaries=[3.0 * i for i in range(1, 8)])(
            ops.cast(inputs["hour"], "float32"))
    else:
        scale = 60.0 if hour_bins == "minutes" else 1.0
        hour_bin = layers.Discretization(bin_boundaries=[3.0 * i * scale for i in range(1, 8)])(
            ops.cast(inputs["hour"], "float32"))
        features.append(layers.CategoryEncoding(8, output_mode="one_hot")(hour_bin))
    if weekday == "onehot":
        features.append(layers.CategoryEncoding(7, output_mode="one_hot")(inputs["weekday"]))
    else:
        day_norm = layers.Normalization()
        day_norm.adapt(x["weekday"].astype("float32"))
        features.append(day_norm(ops.cast(inputs["weekday"], "float32")))
    if cross:
        features.append(layers.HashedCrossing(num_bins=64, output_mode="one_hot")(
            (hour_bin, inputs["weekday"])))
    for k in ("temperature", "cloud"):
        norm = layers.Normalization()
        if adapt == "train":
            norm.adapt(x[k])
        features.append(norm(inputs[k]))
    h = layers.Dense(64, activation="relu")(layers.Concatenate()(features))
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), _loss(loss), metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
