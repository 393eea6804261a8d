"""Batch-88 financial time-series scripts (keyword options are the faults, the defaults the
healthy choice): next-day direction (up / down) from a 20-day window of log returns by an
LSTM, 5-day realised volatility (in percent) from a 30-day window of absolute returns by a GRU
(or Conv1D), and a multi-asset panel MLP on lagged standardised returns with an asset
Embedding. Generated GARCH panels with t(5) shocks and a weak mean-reversion (or per-asset
continuation) signal; chronological (walk-forward) splits, train-only normalisation. Each
script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch88_data import N_ASSETS, panel, split_day
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _ends(lookback: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """The last day of every training / validation window: a training window's target day
    (t + horizon) is before the split day, a validation window's is on or after it."""
    cut = split_day()
    total = panel()["returns"].shape[1]
    train = np.arange(lookback - 1, cut - horizon)
    val = np.arange(cut - horizon, total - horizon)
    return train, val


def _stack(series: np.ndarray, ends: np.ndarray, lookback: int) -> np.ndarray:
    """(assets * len(ends), lookback) windows of a (assets, days) array, asset-major."""
    idx = ends[:, None] + np.arange(1 - lookback, 1)[None, :]
    return series[:, idx].reshape(-1, lookback)


def direction_lstm(kit: Kit, *, inputs: str = "returns", norm: str = "train", horizon: int = 1,
                   split: str = "chrono", shuffle_labels: bool = False, cell: str = "lstm",
                   units: int = 32, output: str = "sigmoid", loss: str = "binary_crossentropy",
                   optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                   batch_size: int = 64, lookback: int = 20) -> Any:  # fmt: skip
    """Next-day direction of 8 generated assets (GARCH, t(5) shocks, a mean-reversion effect
    on the previous day: about 0.66 is the best accuracy) from the last 20 daily log returns:
    chronological split (75 % of the days train: 8 x 1030 windows; 8 x 350 validate), the
    returns standardised per asset by the training days' mean and std, LSTM 32 -> Dense 1
    sigmoid, binary CE, accuracy, Adam(1e-3), batch 64, 8 epochs. Options: `inputs`
    ("returns"; "prices": the raw price levels), `norm` ("train"; "full": the scaler fitted
    on the whole history, look-ahead; "none"; "window": each window z-scored by its own mean
    and std; "minmax": a MinMax scaler fitted on the training days), `horizon` (the label is
    the sign of the return `horizon` days after the window), `split` ("chrono"; "random": a
    shuffled 75 / 25 split of the windows), `shuffle_labels` (the labels permuted apart from
    their windows), `cell` ("lstm", "gru"), `units`, the output activation, loss, optimizer,
    rate, epochs, batch size and lookback."""
    data = panel()
    returns = data["returns"].astype("float64")
    series = data["prices"].astype("float64") if inputs == "prices" else returns
    cut = split_day()
    if norm == "train":
        mean = series[:, :cut].mean(axis=1, keepdims=True)
        std = series[:, :cut].std(axis=1, keepdims=True)
        series = (series - mean) / std
    elif norm == "full":
        series = (series - series.mean(axis=1, keepdims=True)) / series.std(axis=1, keepdims=True)
    elif norm == "minmax":
        low = series[:, :cut].min(axis=1, keepdims=True)
        high = series[:, :cut].max(axis=1, keepdims=True)
        series = (series - low) / (high - low)
    train_ends, val_ends = _ends(lookback, horizon)
    x = _stack(series, train_ends, lookback)
    xval = _stack(series, val_ends, lookback)
    if norm == "window":
        x = (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-8)
        xval = (xval - xval.mean(axis=1, keepdims=True)) / (xval.std(axis=1, keepdims=True)
                                                           + 1e-8)  # fmt: skip
    y = (returns[:, train_ends + horizon] > 0).reshape(-1).astype("float32")
    yval = (returns[:, val_ends + horizon] > 0).reshape(-1).astype("float32")
    x, xval = x[..., None].astype("float32"), xval[..., None].astype("float32")
    if split == "random":
        allx, ally = np.concatenate([x, xval]), np.concatenate([y, yval])
        order = np.random.default_rng(8802).permutation(len(allx))
        cut_at = len(x)
        x, y = allx[order[:cut_at]], ally[order[:cut_at]]
        xval, yval = allx[order[cut_at:]], ally[order[cut_at:]]
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs_ = keras.Input((lookback, 1))
    rnn = layers.GRU if cell == "gru" else layers.LSTM
    h = rnn(units)(inputs_)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs_, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def vol_gru(kit: Kit, *, features: str = "abs_pct", target_unit: str = "pct",
            output: str = "linear", loss: str = "mse", model_kind: str = "gru", units: int = 32,
            shuffle_targets: bool = False, target_start: int = 1, optimizer: str = "adam",
            lr: float = 1e-3, epochs: int = 8, batch_size: int = 64,
            lookback: int = 30) -> Any:  # fmt: skip
    """5-day realised volatility forecast (100 * sqrt(mean r^2) over the next 5 days, in
    percent; 0.05..16) of the 8 GARCH assets from the last 30 absolute daily returns in
    percent: chronological split, GRU 32 -> Dense 1 linear, MSE, metric `mae_pct` (the MAE
    in percent whatever unit the target is stored in), Adam(1e-3), batch 64, 8 epochs.
    Options: `features` ("abs_pct"; "returns_pct": signed returns in percent; "squared_pct":
    squared returns in percent squared; "abs_decimal": absolute returns as decimals;
    "prices": raw price levels), `target_unit` ("pct"; "decimal": the volatility as a
    fraction; "bp": basis points), `output`, `loss`, `model_kind`
    ("gru"; "conv1d": Conv1D 32 k5 ReLU x 2 -> GlobalAveragePooling1D; "lstm"), `units`,
    `shuffle_targets`, `target_start` (the first day of the 5-day target window after the
    window's last day: 1; 0 puts the window's own last day in it, -4 makes it the window's
    last 5 days), optimizer, rate, epochs, batch size and lookback."""
    data = panel()
    returns = data["returns"].astype("float64")
    horizon = 5 + target_start - 1
    train_ends, val_ends = _ends(lookback, max(horizon, 1))
    if features == "prices":
        series = data["prices"].astype("float64")
    elif features == "returns_pct":
        series = 100.0 * returns
    elif features == "squared_pct":
        series = (100.0 * returns) ** 2
    elif features == "abs_decimal":
        series = np.abs(returns)
    else:
        series = 100.0 * np.abs(returns)
    x = _stack(series, train_ends, lookback)[..., None].astype("float32")
    xval = _stack(series, val_ends, lookback)[..., None].astype("float32")
    scale = {"decimal": 1.0, "bp": 10000.0}.get(target_unit, 100.0)

    def target(ends: np.ndarray) -> np.ndarray:
        days = ends[:, None] + np.arange(target_start, target_start + 5)[None, :]
        rv = np.sqrt(np.mean(returns[:, days] ** 2, axis=-1))
        return (scale * rv).reshape(-1, 1).astype("float32")

    y, yval = target(train_ends), target(val_ends)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_targets:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    to_pct = 100.0 / scale

    def mae_pct(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(y_true - y_pred), axis=-1) * to_pct

    inputs_ = keras.Input((lookback, 1))
    if model_kind == "conv1d":
        h = layers.Conv1D(32, 5, activation="relu")(inputs_)
        h = layers.Conv1D(32, 5, activation="relu")(h)
        h = layers.GlobalAveragePooling1D()(h)
    elif model_kind == "lstm":
        h = layers.LSTM(units)(inputs_)
    else:
        h = layers.GRU(units)(inputs_)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs_, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[mae_pct])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def panel_mlp(kit: Kit, *, embed: bool = True, val_ids: str = "shared", lags: int = 10,
              norm: str = "asset", hidden: int = 64, depth: int = 2, activation: str = "relu",
              init: str = "glorot_uniform", dropout: float = 0.2, output: str = "sigmoid",
              loss: str = "binary_crossentropy", embed_dim: int = 4, optimizer: str = "adam",
              lr: float = 1e-3, epochs: int = 10, batch_size: int = 128) -> Any:  # fmt: skip
    """Next-day direction on a panel of 8 generated assets whose signal differs by asset
    (even assets mean-revert, odd ones continue the previous day's move; about 0.66 is the
    best accuracy): the last 10 returns standardised per asset by the training days' std
    plus the asset id -> Embedding(8, 4), concatenated -> [Dense 64 ReLU, Dropout 0.2] x 2
    -> Dense 1 sigmoid, binary CE, accuracy, Adam(1e-3), batch 128, 10 epochs; chronological
    split. Options: `embed` (False: the asset id left out), `val_ids` ("shared"; "separate":
    the validation rows' ids re-encoded by their own order of appearance, so the codes
    differ from the training ones), `lags`, `norm` ("asset"; "pooled": one std for all
    assets; "none": raw returns), `hidden`, `depth`, `activation`, `init` (the hidden
    kernels' initializer), `dropout`, the output activation, loss, embedding size,
    optimizer, rate, epochs and batch size."""
    data = panel(mixed=True)
    returns = data["returns"].astype("float64")
    cut = split_day()
    if norm == "asset":
        series = returns / returns[:, :cut].std(axis=1, keepdims=True)
    elif norm == "pooled":
        series = returns / returns[:, :cut].std()
    else:
        series = returns
    train_ends, val_ends = _ends(lags, 1)
    x = _stack(series, train_ends, lags)[:, ::-1].astype("float32")  # lag 1 first
    xval = _stack(series, val_ends, lags)[:, ::-1].astype("float32")
    ids = np.repeat(np.arange(N_ASSETS), len(train_ends)).astype("int32")
    idsval = np.repeat(np.arange(N_ASSETS), len(val_ends)).astype("int32")
    if val_ids == "separate":
        # the validation frame arrives sorted by a different key; codes by first appearance
        order = np.random.default_rng(8803).permutation(N_ASSETS)
        idsval = np.argsort(order)[idsval].astype("int32")
    y = (returns[:, train_ends + 1] > 0).reshape(-1).astype("float32")
    yval = (returns[:, val_ends + 1] > 0).reshape(-1).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    lag_in = keras.Input((lags,), name="lags")
    asset_in = keras.Input((1,), dtype="int32", name="asset")
    if embed:
        e = layers.Flatten()(layers.Embedding(N_ASSETS, embed_dim)(asset_in))
        h = layers.Concatenate()([lag_in, e])
        model_inputs: Any = [lag_in, asset_in]
        feed, feedval = [x, ids[:, None]], [xval, idsval[:, None]]
    else:
        h = lag_in
        model_inputs = lag_in
        feed, feedval = x, xval
    for _ in range(depth):
        h = layers.Dense(hidden, activation=activation, kernel_initializer=init)(h)
        if dropout:
            h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(model_inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, feed, y, probe_data=(feed, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(feedval, yval))  # fmt: skip
