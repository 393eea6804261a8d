"""Batch-93 geospatial trajectory and mobility scripts (keyword options are the faults, the
defaults the healthy choice): transport-mode classification (walk / bike / bus / car) of GPS
segments from engineered per-step features (haversine speed, reported speed, acceleration,
turning angle) with a Conv1D or LSTM encoder, next-cell prediction on a street grid (cell ids
through an Embedding and a GRU, the hour cyclically encoded, softmax over the cells),
travel-time (ETA) regression of city trips by a tabular MLP (standardised coordinates,
haversine distance, bearing, cyclical hour and weekday), and stay-point tagging of GPS traces
(a stay / move sigmoid per fix from a Conv1D + bidirectional GRU). Generated data
(`batch93_data`). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch93_data import (
    EARTH_RADIUS,
    N_CELLS,
    grid_walks,
    haversine,
    mode_segments,
    stay_traces,
    taxi_trips,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _haversine_degrees(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """The haversine formula with the np.radians conversion forgotten (degrees into sin/cos)."""
    dp, dl = lat2 - lat1, lon2 - lon1
    a = np.sin(dp / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _bearing(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Initial bearing (radians, clockwise from north) from point 1 to point 2 (degrees in)."""
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.arctan2(y, x)


def _track_features(points: np.ndarray, radians: bool = True, speed_unit: str = "ms"
                    ) -> np.ndarray:  # fmt: skip
    """Per-step features of GPS tracks (n, L, 4) -> (n, L - 1, 5): the speed from the
    haversine step over the time step, the reported speed, the acceleration, and the sine and
    cosine of the turning angle (the change of bearing)."""
    lat, lon, t, v = (points[..., k] for k in range(4))
    dist = (haversine if radians else _haversine_degrees)(lat[:, :-1], lon[:, :-1], lat[:, 1:],
                                                          lon[:, 1:])  # fmt: skip
    dt = np.maximum(np.diff(t, axis=1), 1.0)
    speed = dist / dt
    accel = np.diff(speed, axis=1, prepend=speed[:, :1]) / dt
    bearing = _bearing(lat[:, :-1], lon[:, :-1], lat[:, 1:], lon[:, 1:])
    turn = np.diff(bearing, axis=1, prepend=bearing[:, :1])
    reported = v[:, 1:] * (3.6 if speed_unit == "kmh" else 1.0)
    if speed_unit == "kmh":
        speed = speed * 3.6
    return np.stack([speed, reported, accel, np.sin(turn), np.cos(turn)], -1)


def _standardise(x: np.ndarray, xval: np.ndarray, how: str) -> tuple[np.ndarray, np.ndarray]:
    """"train": per-feature mean / std of the training rows (all steps); "none"; "per_segment":
    each sequence by its own mean / std per feature; "val_own": the validation set by its own
    statistics."""
    axes = tuple(range(x.ndim - 1))
    if how == "none":
        return x, xval
    if how == "per_segment":
        def one(a: np.ndarray) -> np.ndarray:
            return (a - a.mean(axis=1, keepdims=True)) / (a.std(axis=1, keepdims=True) + 1e-6)

        return one(x), one(xval)
    mean, std = x.mean(axis=axes), x.std(axis=axes) + 1e-6
    if how == "val_own":
        return (x - mean) / std, (xval - xval.mean(axis=axes)) / (xval.std(axis=axes) + 1e-6)
    return (x - mean) / std, (xval - mean) / std


def mode_conv1d(kit: Kit, *, features: str = "engineered", scaling: str = "train",
                radians: bool = True, speed_unit: str = "ms", encoder: str = "conv",
                output: str = "softmax", loss: str = "sparse_categorical_crossentropy",
                shuffle_labels: bool = False, dropout: float = 0.3, optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """Transport-mode classification (walk / bike / bus / car) of 64-fix GPS segments (1600
    train, 400 validate): per-step features (haversine speed, reported speed, acceleration,
    sin / cos of the turning angle) standardised by the training statistics -> Conv1D 32 k5
    ReLU -> Conv1D 64 k5 ReLU -> MaxPool 2 -> Conv1D 64 k3 ReLU -> GlobalAveragePooling ->
    Dense 64 ReLU -> Dropout 0.3 -> Dense 4 softmax; sparse CE, accuracy, Adam(1e-3), batch
    64, 15 epochs. Options: `features` ("engineered"; "raw": latitude, longitude, unix
    timestamp and reported speed per fix as recorded), `scaling` (see `_standardise`),
    `radians` (False: the haversine of degrees), `speed_unit` ("kmh"), `encoder` ("lstm":
    LSTM 64 in place of the convolutions), `output`, `loss`, `shuffle_labels` (the labels
    shuffled apart from their segments), `dropout`, optimizer, rate, epochs and batch size."""
    points, labels, pointsval, labelsval = mode_segments()
    if features == "raw":
        x, xval = points.astype("float32"), pointsval.astype("float32")
    else:
        x = _track_features(points, radians, speed_unit)
        xval = _track_features(pointsval, radians, speed_unit)
    x, xval = _standardise(x, xval, scaling)
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        labels = labels[np.random.default_rng(kit.seed).permutation(len(labels))]
    inputs = keras.Input(x.shape[1:])
    if encoder == "lstm":
        h = layers.LSTM(64)(inputs)
    else:
        h = layers.Conv1D(32, 5, activation="relu")(inputs)
        h = layers.Conv1D(64, 5, activation="relu")(h)
        h = layers.MaxPooling1D(2)(h)
        h = layers.Conv1D(64, 3, activation="relu")(h)
        h = layers.GlobalAveragePooling1D()(h)
    h = layers.Dense(64, activation="relu")(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    outputs = layers.Dense(4, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, labels, probe_data=(x, labels), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, labelsval))  # fmt: skip


def _cyclic(value: np.ndarray, period: float) -> np.ndarray:
    angle = 2 * np.pi * value / period
    return np.stack([np.sin(angle), np.cos(angle)], -1).astype("float32")


def next_cell_gru(kit: Kit, *, padding: str = "pre", mask: bool = True, ids: str = "embedding",
                  hour: str = "cyclic", target: str = "next", head: str = "softmax",
                  from_logits: bool = False, rnn: str = "gru", embed_dim: int = 32,
                  optimizer: str = "adam", lr: float = 3e-3, epochs: int = 8,
                  batch_size: int = 64) -> Any:  # fmt: skip
    """Next-cell prediction on a 10 x 10 street grid (6000 train, 1500 validate histories of
    4..12 cells, pre-padded to 12 with 0): Embedding(101, 32, mask_zero) -> GRU 64, the hour
    as sin / cos concatenated -> Dense 64 ReLU -> Dense 101 softmax (cell ids 1..100, 0 the
    padding); sparse CE, accuracy, Adam(3e-3), batch 64, 8 epochs. Options: `padding` ("post":
    the histories padded after their cells), `mask` (mask_zero), `ids` ("float": the cell id
    / 100 fed to the GRU as one number per step, no Embedding), `hour` ("raw": the hour 0..23
    as one number; "none"), `target` ("current": the label taken one step early, the last
    cell of the history itself, in training only), `head` (the last Dense's activation),
    `from_logits`, `rnn` ("lstm"), `embed_dim`, optimizer, rate, epochs and batch size."""
    raw, hours, targets, rawval, hoursval, targetsval = grid_walks()
    pad = keras.utils.pad_sequences
    seqs = pad(list(raw), maxlen=12, padding=padding)
    seqsval = pad(list(rawval), maxlen=12, padding=padding)
    if target == "current":
        targets = np.array([h[-1] for h in raw])
    if hour == "raw":
        hr, hrval = hours[:, None].astype("float32"), hoursval[:, None].astype("float32")
    else:
        hr, hrval = _cyclic(hours, 24.0), _cyclic(hoursval, 24.0)
    keras.utils.set_random_seed(kit.seed)
    cells = keras.Input((12,), dtype="int32" if ids == "embedding" else "float32")
    hour_in = keras.Input((hr.shape[1],))
    if ids == "embedding":
        h = layers.Embedding(N_CELLS + 1, embed_dim, mask_zero=mask)(cells)
    else:
        seqs, seqsval = seqs / N_CELLS, seqsval / N_CELLS
        h = layers.Reshape((12, 1))(cells)
        if mask:
            h = layers.Masking(0.0)(h)
    h = (layers.LSTM if rnn == "lstm" else layers.GRU)(64)(h)
    if hour != "none":
        h = layers.Concatenate()([h, hour_in])
    h = layers.Dense(64, activation="relu")(h)
    outputs = layers.Dense(N_CELLS + 1, activation=head)(h)
    model = keras.Model([cells, hour_in], outputs)
    model.compile(_optimizer(optimizer, lr),
                  keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits),
                  metrics=["accuracy"])  # fmt: skip
    x, xval = [seqs.astype("float32"), hr], [seqsval.astype("float32"), hrval]
    return kit.fit(model, x, targets, probe_data=(x, targets), epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, targetsval))  # fmt: skip


def _minutes_mae(scale: float) -> Any:
    """The mean absolute error in minutes, for targets stored as minutes * `scale`."""

    def minutes_mae(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(ops.reshape(y_true, ops.shape(y_pred)) - y_pred)) / scale

    return minutes_mae


def eta_mlp(kit: Kit, *, target_unit: str = "minutes", coords: str = "standardised",
            distance: str = "haversine", time_features: str = "cyclic", timezone: str = "local",
            output: str = "linear", loss: str = "mse", batchnorm: bool = False,
            shuffle_targets: bool = False, depth: int = 2, activation: str = "relu",
            optimizer: str = "adam", lr: float = 1e-3, epochs: int = 30,
            batch_size: int = 64) -> Any:  # fmt: skip
    """Travel-time (ETA) regression of generated city trips (6000 train, 1500 validate) by a
    tabular MLP: origin and destination latitude / longitude standardised, the haversine
    distance (km) and the sine / cosine of the bearing, the local hour and weekday cyclically
    encoded (sin / cos) and a weekend flag -> Dense 128 ReLU -> Dense 64 ReLU -> Dense 1
    linear; the target in minutes, MSE, MAE in minutes as the metric, Adam(1e-3), batch 64,
    30 epochs. Options: `target_unit` ("seconds"), `coords` ("degrees": latitude / longitude
    fed as degrees, not standardised), `distance` ("none": no engineered distance or bearing;
    "degrees_bug": the haversine of degrees; "latlon_swapped": haversine(lon, lat, ...)),
    `time_features` ("raw": hour 0..23 and weekday 0..6 as numbers; "unix": the departure's
    unix seconds as one feature), `timezone` ("utc": hour and weekday from UTC, not the city's
    UTC+8), `output`, `loss`, `batchnorm`, `shuffle_targets`, `depth` (hidden layers: 128
    then 64s), `activation`, optimizer, rate, epochs and batch size."""
    table, seconds, tableval, secondsval = taxi_trips()
    scale = 60.0 if target_unit == "seconds" else 1.0
    y, yval = (seconds / 60.0 * scale).astype("float32"), (secondsval / 60.0 * scale).astype(
        "float32")  # fmt: skip

    def frame(t: np.ndarray) -> list[np.ndarray]:
        olat, olon, dlat, dlon, depart = (t[:, k] for k in range(5))
        cols = [olat, olon, dlat, dlon]
        if distance == "haversine":
            cols.append(haversine(olat, olon, dlat, dlon) / 1000)
        elif distance == "degrees_bug":
            cols.append(_haversine_degrees(olat, olon, dlat, dlon) / 1000)
        elif distance == "latlon_swapped":
            cols.append(haversine(olon, olat, dlon, dlat) / 1000)
        if distance != "none":
            b = _bearing(olat, olon, dlat, dlon)
            cols += [np.sin(b), np.cos(b)]
        local = depart + (8 * 3600 if timezone == "local" else 0)
        hour = (local % 86400) / 3600
        day = ((local // 86400) + 3) % 7
        if time_features == "unix":
            cols.append(depart)
        elif time_features == "raw":
            cols += [hour, day]
        else:
            cols += [*_cyclic(hour, 24.0).T, *_cyclic(day, 7.0).T]
        cols.append((day >= 5).astype("float64"))
        return cols

    cols, colsval = frame(table), frame(tableval)
    n_geo = 4
    x, xval = np.stack(cols, 1), np.stack(colsval, 1)
    if coords == "standardised":
        mean, std = x[:, :n_geo].mean(0), x[:, :n_geo].std(0)
        x[:, :n_geo] = (x[:, :n_geo] - mean) / std
        xval[:, :n_geo] = (xval[:, :n_geo] - mean) / std
    x, xval = x.astype("float32"), xval.astype("float32")
    keras.utils.set_random_seed(kit.seed)
    if shuffle_targets:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input((x.shape[1],))
    h = inputs
    for k in range(depth):
        h = layers.Dense(128 if k == 0 else 64, use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(activation)(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[_minutes_mae(scale)])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def stay_tagger(kit: Kit, *, features: str = "engineered", head: str = "sigmoid",
                loss: str = "binary_crossentropy", labels: str = "aligned", shift: int = 0,
                bidirectional: bool = True, conv: bool = True, optimizer: str = "adam",
                lr: float = 3e-3, epochs: int = 10, batch_size: int = 32) -> Any:  # fmt: skip
    """Stay-point detection as sequence tagging (700 train, 200 validate traces of 96 fixes):
    per-fix features (the haversine step over the time step, the reported speed, log1p of the
    step in metres, the distance to the fix two steps back), standardised by the training
    statistics -> Conv1D 32 k5 same ReLU -> Bidirectional GRU 32 (return_sequences) -> Dense 1
    sigmoid per fix; binary CE, accuracy, Adam(3e-3), batch 32, 10 epochs. Options:
    `features` ("raw": latitude, longitude, unix timestamp and reported speed as recorded),
    `head` ("softmax": Dense(1, softmax)), `loss`, `labels` ("reversed": each trace's label
    sequence reversed in time, training only), `shift` (the training labels rolled this many
    fixes later), `bidirectional`, `conv`, optimizer, rate, epochs and batch size."""
    points, stay, pointsval, stayval = stay_traces()

    def feats(p: np.ndarray) -> np.ndarray:
        lat, lon, t, v = (p[..., k] for k in range(4))
        step = haversine(lat[:, :-1], lon[:, :-1], lat[:, 1:], lon[:, 1:])
        step = np.concatenate([step[:, :1], step], 1)
        dt = np.maximum(np.diff(t, axis=1, prepend=t[:, :1] - 10.0), 1.0)
        back = haversine(lat[:, :-2], lon[:, :-2], lat[:, 2:], lon[:, 2:])
        back = np.concatenate([back[:, :2], back], 1)
        return np.stack([step / dt, v, np.log1p(step), back], -1)

    if features == "raw":
        x, xval = points, pointsval
    else:
        x, xval = _standardise(feats(points), feats(pointsval), "train")
    x, xval = x.astype("float32"), xval.astype("float32")
    y = stay[:, ::-1].copy() if labels == "reversed" else stay
    if shift:
        y = np.roll(y, shift, axis=1)
    y, yval = y[..., None], stayval[..., None]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.Conv1D(32, 5, padding="same", activation="relu")(inputs) if conv else inputs
    rnn = layers.GRU(32, return_sequences=True)
    h = layers.Bidirectional(rnn)(h) if bidirectional else rnn(h)
    outputs = layers.Dense(1, activation=head)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
