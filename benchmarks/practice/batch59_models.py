"""Batch-59 forecasting scripts (keyword options are the faults, the defaults the healthy
choice): an LSTM / GRU direct multi-horizon forecaster of an hourly load (or net-flow)
series with a temperature covariate, windows cut with numpy striding; a TCN-style stack of
dilated causal convolutions on the same windows; an MLP forecaster of six related random
walks fed by `keras.utils.timeseries_dataset_from_array`, with a point or a quantile head.
Each script calls `kit.fit`.

Every script reports `nmae`: the validation MAE in the series' original units divided by a
reference unit fixed per script (the load / flow: the training part's sd; the walks: the sd
of series 0's one-step change), so scripts that scale the target differently compare.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from keras import layers, ops

from benchmarks.practice.batch2_data import DATA_SEED
from benchmarks.practice.batch59_data import flow_series, load_series, related_walks
from benchmarks.practice.kit import Kit

TRAIN = 0.8  # the first 80 % of the steps train, the rest validate


def nmae(factor: float) -> keras.metrics.Metric:
    """MAE times `factor` (the script's own target unit over the reference unit)."""

    def value(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(y_true - y_pred)) * factor

    return keras.metrics.MeanMetricWrapper(value, name="nmae")


def _windows(series: np.ndarray, exog: np.ndarray | None, window: int, horizon: int,
             offset: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Numpy striding: x[i] = the `window` steps from i (series and covariate as channels),
    y[i] = the `horizon` steps from i + window + offset (offset 0: right after the window)."""
    start = max(0, -offset - window)
    count = len(series) - window - horizon - max(offset, 0) + 1 - start
    idx = start + np.arange(count)[:, None]
    x = series[idx + np.arange(window)][..., None]
    if exog is not None:
        x = np.concatenate([x, exog[idx + np.arange(window)][..., None]], axis=-1)
    y = series[idx + window + offset + np.arange(horizon)]
    return x.astype("float32"), y.astype("float32")


def _prepare(name: str, target: str, scale: str, shuffle_time: bool,
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, float]:  # fmt: skip
    """Chronological split, scaling on the training part; returns the train / validation
    series and covariate, the target's unit (original units per scaled unit) and the
    reference sd."""
    series, temp = load_series() if name == "load" else flow_series()
    cut = int(TRAIN * len(series))
    if shuffle_time:  # df.sample(frac=1) before the windows are cut
        order = np.random.default_rng(DATA_SEED + 193).permutation(len(series))
        series, temp = series[order], temp[order]
    s_tr, s_va, t_tr, t_va = series[:cut], series[cut:], temp[:cut], temp[cut:]
    ref = float(s_tr.std())
    t_mean, t_sd = t_tr.mean(), t_tr.std()
    t_tr, t_va = (t_tr - t_mean) / t_sd, (t_va - t_mean) / t_sd
    if scale == "minmax":  # MinMaxScaler().fit(train): the trend runs past 1 later on
        low, high = s_tr.min(), s_tr.max()
        unit = float(high - low)
        s_tr, s_va = (s_tr - low) / unit, (s_va - low) / unit
    elif scale == "standard" or target == "delta":
        mean = float(s_tr.mean()) if target == "level" else 0.0
        unit = ref
        s_tr, s_va = (s_tr - mean) / unit, (s_va - mean) / unit
    else:  # "none": the raw units
        unit = 1.0
    return s_tr, s_va, t_tr, t_va, unit, ref


def _to_delta(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The window and the targets as changes from the window's last value."""
    last = x[:, -1:, 0]
    x = x.copy()
    x[..., 0] -= last
    return x, y - last


def seasonal_rnn(kit: Kit, *, series: str = "load", target: str = "delta",
                 scale: str = "standard", cell: str = "lstm", units: int = 32,
                 recurrent_dropout: float = 0.0, output: str = "linear", exog: bool = True,
                 offset: int = 0, shuffle_time: bool = False, shuffle: bool = True,
                 window: int = 48, horizon: int = 12, lr: float = 1e-3, batch_size: int = 64,
                 epochs: int = 12) -> Any:  # fmt: skip
    """Hourly load (2400 training steps, 600 validation steps later in time) with the
    temperature covariate: windows of 48 h (load and standardised temperature as channels),
    a direct 12-step forecast; the load divided by its training sd, the window and the
    targets taken as changes from the window's last value ("delta"); LSTM(32) -> Dense(12)
    linear, MSE, Adam(1e-3), batch 64, 12 epochs, shuffled windows. Options: `series`
    ("load"; "flow": the mostly negative net flow), `target` ("delta"; "level": the series
    itself), `scale` ("standard": mean / sd of the training part; "minmax": fitted on the
    training part, so the trend's later values run past 1; "none"), `cell` ("lstm" / "gru"),
    `recurrent_dropout`, `output` ("linear" / "relu"), `exog` (the covariate channel),
    `offset` (where the target window starts after the input window ends: negative values
    overlap it), `shuffle_time` (the series' rows shuffled before the windows are cut),
    `shuffle` (fit's), the window, horizon, rate, batch and epochs."""
    s_tr, s_va, t_tr, t_va, unit, ref = _prepare(series, target, scale, shuffle_time)
    x, y = _windows(s_tr, t_tr if exog else None, window, horizon, offset)
    xv, yv = _windows(s_va, t_va if exog else None, window, horizon, offset)
    if target == "delta":
        (x, y), (xv, yv) = _to_delta(x, y), _to_delta(xv, yv)
    keras.utils.set_random_seed(kit.seed)
    rnn = layers.LSTM if cell == "lstm" else layers.GRU
    model = keras.Sequential([
        keras.Input(x.shape[1:]),
        rnn(units, recurrent_dropout=recurrent_dropout),
        layers.Dense(horizon, activation=None if output == "linear" else output),
    ])  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=[nmae(unit / ref)])
    return kit.fit(model, x, y, probe_data=(x[:512], y[:512]), epochs=epochs,
                   batch_size=batch_size, shuffle=shuffle, validation_data=(xv, yv))  # fmt: skip


def seasonal_tcn(kit: Kit, *, filters: int = 32, kernel: int = 3,
                 dilations: str = "1,2,4,8", padding: str = "causal", norm: str = "layer",
                 residual: bool = True, window: int = 48, horizon: int = 12,
                 lr: float = 1e-3, batch_size: int = 64, epochs: int = 12) -> Any:  # fmt: skip
    """The load windows of `seasonal_rnn` (delta target, temperature channel) into a
    TCN-style stack: Conv1D(32, 1) projection, then per dilation d in (1, 2, 4, 8) a block
    Conv1D(32, 3, padding="causal", dilation_rate=d, ReLU) -> LayerNormalization, added to
    its input; the last time step -> Dense(12), MSE, Adam(1e-3), batch 64, 12 epochs.
    Options: `kernel`, `dilations` (comma-separated; "1,1,1,1": no dilation), `padding`
    ("causal" / "same" / "valid"), `norm` ("layer" / "batch" / "none"), `residual`, the rate,
    batch and epochs."""
    s_tr, s_va, t_tr, t_va, unit, ref = _prepare("load", "delta", "standard", False)
    x, y = _to_delta(*_windows(s_tr, t_tr, window, horizon, 0))
    xv, yv = _to_delta(*_windows(s_va, t_va, window, horizon, 0))
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.Conv1D(filters, 1)(inputs)
    for d in (int(v) for v in dilations.split(",")):
        block = layers.Conv1D(filters, kernel, padding=padding, dilation_rate=d,
                              activation="relu")(h)  # fmt: skip
        if norm == "layer":
            block = layers.LayerNormalization()(block)
        elif norm == "batch":
            block = layers.BatchNormalization()(block)
        h = layers.Add()([h, block]) if residual and padding != "valid" else block
    last = layers.Lambda(lambda z: z[:, -1, :])(h)
    model = keras.Model(inputs, layers.Dense(horizon)(last))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=[nmae(unit / ref)])
    return kit.fit(model, x, y, probe_data=(x[:512], y[:512]), epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yv))  # fmt: skip


def _pinball(quantiles: tuple[float, ...]) -> Any:
    q = ops.convert_to_tensor(np.array(quantiles, "float32"))

    def loss(y_true: Any, y_pred: Any) -> Any:
        error = ops.expand_dims(y_true, -1) - y_pred
        return ops.mean(ops.maximum(q * error, (q - 1.0) * error), axis=(-2, -1))

    return loss


def walk_mlp(kit: Kit, *, level: str = "relative", others: bool = True, head: str = "point",
             optimizer: str = "adam", lr: float = 1e-3, window: int = 30, horizon: int = 5,
             width: int = 64, batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """Six related random walks in the thousands (2000 training steps, 500 validation steps
    later), series 0 forecast 5 steps ahead from the last 30 steps of all six (it lags the
    others' common factor by 3 steps): `keras.utils.timeseries_dataset_from_array(data,
    None, sequence_length=35, shuffle=True)` mapped to (the first 30 steps, series 0's last
    5); each window taken relative to its last value and divided by the series' one-step
    change sd ("relative", the targets too); Flatten -> Dense 64 ReLU x 2 -> Dense 5, MSE,
    Adam(1e-3), batch 64, 20 epochs. Options: `level` ("relative"; "standard": the levels
    standardised with the training part's mean / sd, the walk leaving that range later;
    "raw": the levels in the thousands), `others` (False: series 0 alone), `head` ("point";
    "quantile": Dense 15 -> (5, 3) quantiles 0.1 / 0.5 / 0.9 under the pinball loss, `nmae`
    on the median), `optimizer` ("adam" / "sgd") and its rate, the width, batch and epochs."""
    data = related_walks()
    cut = int(TRAIN * len(data))
    steps = np.diff(data[:cut], axis=0).std(axis=0)
    ref = float(steps[0])
    if not others:
        data, steps = data[:, :1], steps[:1]
    if level == "standard":
        mean, sd = data[:cut].mean(axis=0), data[:cut].std(axis=0)
        data, unit = (data - mean) / sd, float(sd[0])
    elif level == "relative":
        data, unit = data / steps, float(steps[0])
    else:
        unit = 1.0
    relative = level == "relative"

    def split(seq: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        x, y = seq[:, :window, :], seq[:, window:, 0]
        if relative:
            last = x[:, -1:, :]
            x, y = x - last, y - last[:, :, 0]
        return x, y

    def dataset(part: np.ndarray, shuffle: bool) -> tf.data.Dataset:
        return keras.utils.timeseries_dataset_from_array(
            part, None, sequence_length=window + horizon, batch_size=batch_size,
            shuffle=shuffle, seed=kit.seed).map(split)  # fmt: skip

    train, val = dataset(data[:cut], True), dataset(data[cut:], False)
    keras.utils.set_random_seed(kit.seed)
    quantile = head == "quantile"
    model = keras.Sequential([keras.Input((window, data.shape[1])), layers.Flatten(),
                              layers.Dense(width, activation="relu"),
                              layers.Dense(width, activation="relu"),
                              layers.Dense(horizon * 3 if quantile else horizon)])  # fmt: skip
    if quantile:
        model.add(layers.Reshape((horizon, 3)))
        factor = unit / ref

        def median_mae(y_true: Any, y_pred: Any) -> Any:
            return ops.mean(ops.abs(y_true - y_pred[..., 1])) * factor

        metric: Any = keras.metrics.MeanMetricWrapper(median_mae, name="nmae")
        loss: Any = _pinball((0.1, 0.5, 0.9))
    else:
        metric, loss = nmae(unit / ref), "mse"
    opt = keras.optimizers.Adam(lr) if optimizer == "adam" else keras.optimizers.SGD(lr)
    model.compile(opt, loss, metrics=[metric])
    return kit.fit(model, train, probe_data=train.take(4), epochs=epochs,
                   validation_data=val)  # fmt: skip
