"""Batch-91 predictive-maintenance scripts (keyword options are the faults, the defaults the
healthy choice), on generated C-MAPSS-like run-to-failure fleets: remaining-useful-life
regression with a piecewise-linear cap (RUL = min(cycles left, 125)) from 30-cycle sliding
windows by a Conv1D net (one operating condition) and by an LSTM after per-operating-condition
normalisation found by KMeans on the settings (six conditions), and failure-within-20-cycles
classification (about 11 % positives) by a GRU or an MLP on flattened windows. The split is
by engine: 40 training engines, 20 validation engines (cut before failure, as a C-MAPSS test
file, for the RUL scripts; whole lives for the classifier). The scaling is the usual
notebook min-max, `(x - min) / (max - min)` with the training rows' extremes. Each script
calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch91_data import INFORMATIVE, SENSORS_14, fleet, truncation
from benchmarks.practice.kit import Kit

CAP = 125.0


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _columns(sensors: str) -> list[int]:
    if sensors == "all":
        return list(range(21))
    if sensors == "informative":
        return list(INFORMATIVE)
    return list(SENSORS_14)


def _scale(train: list[np.ndarray], val: list[np.ndarray], how: str,
           train_settings: list[np.ndarray] | None = None,
           val_settings: list[np.ndarray] | None = None, clusters: int = 6,
           refit_val: bool = False) -> tuple[list[np.ndarray], list[np.ndarray]]:  # fmt: skip
    """Per-cycle scaling of the sensor rows before windowing: "minmax" (the training rows'
    extremes, no guard for a constant column), "standard" (sklearn's StandardScaler, which
    leaves a constant column at 0), "none", "per_unit" (each engine's own min-max),
    "condition" (KMeans on the settings, then each cluster standardised by its training
    rows' mean and std; `refit_val` clusters the validation rows with a KMeans of their
    own), "global_standard" (one mean / std over every regime)."""
    if how == "none":
        return train, val
    if how == "per_unit":
        def own(a: np.ndarray) -> np.ndarray:
            return (a - a.min(0)) / (a.max(0) - a.min(0) + 1e-8)
        return [own(a) for a in train], [own(a) for a in val]
    rows = np.concatenate(train)
    if how == "minmax":
        low, high = rows.min(0), rows.max(0)
        with np.errstate(invalid="ignore", divide="ignore"):
            return ([((a - low) / (high - low)).astype("float32") for a in train],
                    [((a - low) / (high - low)).astype("float32") for a in val])  # fmt: skip
    if how in ("standard", "global_standard"):
        from sklearn.preprocessing import StandardScaler

        scaler = StandardScaler().fit(rows)
        return ([scaler.transform(a).astype("float32") for a in train],
                [scaler.transform(a).astype("float32") for a in val])  # fmt: skip
    from sklearn.cluster import KMeans

    assert train_settings is not None and val_settings is not None
    kmeans = KMeans(clusters, n_init=10, random_state=0).fit(np.concatenate(train_settings))
    labels = kmeans.labels_
    stats = {k: (rows[labels == k].mean(0), rows[labels == k].std(0) + 1e-8)
             for k in range(clusters)}  # fmt: skip
    val_kmeans = KMeans(clusters, n_init=10, random_state=1).fit(
        np.concatenate(val_settings)) if refit_val else kmeans  # fmt: skip

    def by_condition(a: np.ndarray, s: np.ndarray, model: Any) -> np.ndarray:
        k = model.predict(s)
        mean = np.stack([stats[int(c)][0] for c in k])
        std = np.stack([stats[int(c)][1] for c in k])
        return ((a - mean) / std).astype("float32")

    return ([by_condition(a, s, kmeans) for a, s in zip(train, train_settings, strict=True)],
            [by_condition(a, s, val_kmeans) for a, s in zip(val, val_settings, strict=True)])


def _windows(series: list[np.ndarray], ruls: list[np.ndarray], window: int,
             label_at: str = "end") -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Every `window`-cycle sliding window of every engine (stride 1) and the RUL at its last
    cycle (`label_at` "start": at its first)."""
    xs, ys = [], []
    for a, r in zip(series, ruls, strict=True):
        for end in range(window, len(a) + 1):
            xs.append(a[end - window:end])
            ys.append(r[end - window] if label_at == "start" else r[end - 1])
    return np.asarray(xs, "float32"), np.asarray(ys, "float32")


def _rul_metrics(scale: float) -> list[Any]:
    """RMSE and MAE in cycles, whatever scale the script trains its targets at."""

    def rul_rmse(y_true: Any, y_pred: Any) -> Any:
        y_pred = ops.reshape(y_pred, ops.shape(y_true))
        return ops.sqrt(ops.mean(ops.square((y_true - y_pred) * scale)))

    def rul_mae(y_true: Any, y_pred: Any) -> Any:
        y_pred = ops.reshape(y_pred, ops.shape(y_true))
        return ops.mean(ops.abs(y_true - y_pred)) * scale

    return [rul_rmse, rul_mae]


def _rul_data(conditions: int, sensors: str, scaling: str, window: int, label_at: str,
              clusters: int = 6, refit_val: bool = False, truncate: bool = True,
              ) -> tuple[np.ndarray, ...]:  # fmt: skip
    data = fleet(conditions)
    cols = _columns(sensors)
    train = [a[:, cols] for a in data["train_sensors"]]
    val = [a[:, cols] for a in data["val_sensors"]]
    vrul, vset = list(data["val_rul"]), list(data["val_settings"])
    if truncate:
        cuts = [max(window, len(a) * f // 100) for a, f in zip(val, truncation(), strict=True)]
        val = [a[:c] for a, c in zip(val, cuts, strict=True)]
        vrul = [r[:c] for r, c in zip(vrul, cuts, strict=True)]
        vset = [s[:c] for s, c in zip(vset, cuts, strict=True)]
    train, val = _scale(train, val, scaling, data["train_settings"], vset, clusters, refit_val)
    x, y = _windows(train, data["train_rul"], window, label_at)
    xval, yval = _windows(val, vrul, window)
    return x, np.minimum(y, CAP), xval, np.minimum(yval, CAP)


def rul_cnn1d(kit: Kit, *, sensors: str = "14", scaling: str = "minmax",
              target: str = "scaled", output: str = "linear", hidden: str = "relu",
              label_at: str = "end", shuffle_windows: bool = False, split: str = "unit",
              window: int = 30, pool: str = "flatten", dropout: float = 0.0,
              loss: str = "mse", optimizer: str = "adam", lr: float = 1e-3,
              epochs: int = 12, batch_size: int = 64) -> Any:  # fmt: skip
    """RUL regression on a single-condition fleet (FD001-like; 40 training engines, 20
    validation engines cut at 55..100 % of their life): the usual 14 sensors min-maxed with
    the training rows' extremes, 30-cycle windows (stride 1), RUL capped at 125 and divided
    by 125; Conv1D 32 k5 ReLU -> Conv1D 64 k5 ReLU -> Flatten -> Dense 64 ReLU -> Dense 1
    linear; MSE, RMSE / MAE in cycles, Adam(1e-3), batch 64, 12 epochs. Options: `sensors`
    ("14"; "informative": 15 with the flat sensor 6; "all": 21 with the constant ones),
    `scaling` (see `_scale`), `target` ("scaled"; "cycles": the capped RUL in cycles),
    `output` / `hidden` activations, `label_at` ("end"; "start": the RUL of each window's
    first cycle), `shuffle_windows` (the windows shuffled apart from their labels), `split`
    ("unit"; "window": train_test_split over the windows of all 60 engines, whole lives),
    `window`, `pool` ("flatten"; "gap": GlobalAveragePooling1D), dropout, the loss,
    optimizer, rate, epochs and batch size."""
    x, y, xval, yval = _rul_data(1, sensors, scaling, window, label_at)
    if split == "window":
        from sklearn.model_selection import train_test_split

        whole = _rul_data(1, sensors, scaling, window, label_at, truncate=False)
        xa, ya = np.concatenate([whole[0], whole[2]]), np.concatenate([whole[1], whole[3]])
        x, xval, y, yval = train_test_split(xa, ya, test_size=len(xval), random_state=0)
    scale = CAP if target == "scaled" else 1.0
    y, yval = y / scale, yval / scale
    keras.utils.set_random_seed(kit.seed)
    if shuffle_windows:
        x = x[np.random.default_rng(kit.seed).permutation(len(x))]
    inputs = keras.Input((window, x.shape[-1]))
    h = layers.Conv1D(32, 5, activation=hidden)(inputs)
    h = layers.Conv1D(64, 5, activation=hidden)(h)
    h = layers.GlobalAveragePooling1D()(h) if pool == "gap" else layers.Flatten()(h)
    h = layers.Dense(64, activation=hidden)(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=_rul_metrics(scale))
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def rul_lstm(kit: Kit, *, scaling: str = "condition", clusters: int = 6,
             refit_val: bool = False, cell: str = "lstm", units: int = 48,
             return_sequences: bool = False, stacked: int = 1, target: str = "scaled",
             output: str = "linear", loss: str = "mse", optimizer: str = "adam",
             lr: float = 1e-3, clipnorm: float | None = None, epochs: int = 10,
             batch_size: int = 64) -> Any:  # fmt: skip
    """RUL regression on a six-condition fleet (FD002-like; every cycle in one of six
    operating regimes that move the sensor levels by up to 25 %): KMeans(6) on the three
    settings, each cluster's rows standardised by its training mean and std (the 14
    sensors), 30-cycle windows, RUL capped at 125 and divided by 125; LSTM 48 -> Dense 32 ReLU
    -> Dense 1 linear; MSE, RMSE / MAE in cycles, Adam(1e-3), batch 64, 10 epochs. Options:
    `scaling` ("condition"; "global_standard": one StandardScaler over all regimes; "minmax";
    "none"), `clusters` (the KMeans k), `refit_val` (a second KMeans fitted on the validation
    settings, whose cluster numbers need not match the training ones), `cell` ("lstm" /
    "gru"), `units`, `return_sequences` (the last recurrent layer returns every step and
    the Dense head runs per step), `stacked` recurrent layers, `target` ("scaled" /
    "cycles"), the output activation, loss, optimizer, rate, clipnorm, epochs, batch size."""
    x, y, xval, yval = _rul_data(6, "14", scaling, 30, "end", clusters, refit_val)
    scale = CAP if target == "scaled" else 1.0
    y, yval = y / scale, yval / scale
    keras.utils.set_random_seed(kit.seed)
    rnn = layers.GRU if cell == "gru" else layers.LSTM
    inputs = keras.Input((30, x.shape[-1]))
    h = inputs
    for _ in range(stacked - 1):
        h = rnn(units, return_sequences=True)(h)
    h = rnn(units, return_sequences=return_sequences)(h)
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    opt = _optimizer(optimizer, lr)
    if clipnorm:
        opt.clipnorm = clipnorm
    model.compile(opt, loss, metrics=_rul_metrics(scale) if not return_sequences else
                  [_seq_metric(scale)])  # fmt: skip
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _seq_metric(scale: float) -> Any:
    """The MAE in cycles for a per-step output (n, 30, 1) against (n,) targets, as the loss
    sees it: every step compared with the window's label."""

    def rul_mae(y_true: Any, y_pred: Any) -> Any:
        y_true = ops.reshape(y_true, (-1, 1, 1))
        return ops.mean(ops.abs(y_true - y_pred)) * scale

    return rul_mae


def failure_clf(kit: Kit, *, model: str = "gru", horizon: int = 20, label_from: str = "rul",
                scaling: str = "minmax", sensors: str = "14", output: str = "sigmoid",
                loss: str = "binary_crossentropy", class_weight: str = "none",
                shuffle_windows: bool = False, oversample: bool = False,
                units: int = 32, optimizer: str = "adam", lr: float = 1e-3,
                epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """Will the engine fail within `horizon` (20) cycles? On the single-condition fleet (40
    training engines, 20 validation engines' whole lives; about 11 % positive windows): the
    14 sensors min-maxed, 30-cycle windows labelled 1 when the RUL at the window's last cycle
    is <= 20; GRU 32 -> Dense 1 sigmoid, binary cross-entropy, accuracy + AUC, Adam(1e-3),
    batch 64, 8 epochs. Options: `model` ("gru"; "mlp": Flatten -> Dense 64 ReLU -> Dense 32
    ReLU -> Dense 1), `horizon`, `label_from` ("rul"; "cycle": the label taken from the
    cycle counter, cycle <= horizon, instead of the cycles left), `scaling`, `sensors`, the
    output activation and loss, `class_weight` ("none"; "balanced": n / (2 n_class);
    "inverted": the balanced weights swapped between the classes), `shuffle_windows`,
    `oversample` (the positive windows repeated to balance the training set), units,
    optimizer, rate, epochs and batch size."""
    data = fleet(1)
    cols = _columns(sensors)
    train = [a[:, cols] for a in data["train_sensors"]]
    val = [a[:, cols] for a in data["val_sensors"]]
    train, val = _scale(train, val, scaling)
    if label_from == "cycle":  # the cycle counter 0..T-1 where the RUL (T-1..0) was meant
        tr_key = [r[::-1].copy() for r in data["train_rul"]]
    else:
        tr_key = list(data["train_rul"])
    x, key = _windows(train, tr_key, 30)
    xval, rval = _windows(val, list(data["val_rul"]), 30)
    y = (key <= horizon).astype("float32")
    yval = (rval <= horizon).astype("float32")
    if oversample:
        pos = np.flatnonzero(y == 1)
        extra = np.repeat(pos, int((y == 0).sum() // max(len(pos), 1)) - 1)
        x, y = np.concatenate([x, x[extra]]), np.concatenate([y, y[extra]])
    weights = None
    if class_weight != "none":
        n, n1 = len(y), float(y.sum())
        w0, w1 = n / (2 * (n - n1)), n / (2 * n1)
        weights = {0: w0, 1: w1} if class_weight == "balanced" else {0: w1, 1: w0}
    keras.utils.set_random_seed(kit.seed)
    if shuffle_windows:
        x = x[np.random.default_rng(kit.seed).permutation(len(x))]
    inputs = keras.Input((30, x.shape[-1]))
    if model == "mlp":
        h = layers.Flatten()(inputs)
        h = layers.Dense(64, activation="relu")(h)
        h = layers.Dense(32, activation="relu")(h)
    else:
        h = layers.GRU(units)(inputs)
    outputs = layers.Dense(1, activation=output)(h)
    net = keras.Model(inputs, outputs)
    net.compile(_optimizer(optimizer, lr), loss,
                metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(net, x, y, probe_data=(x, y), class_weight=weights, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip
