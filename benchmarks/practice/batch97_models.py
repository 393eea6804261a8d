"""Batch-97 ICU time-series scripts (keyword options are the faults, the defaults the healthy
choice): in-hospital mortality from the first 48 hours with a GRU-D-style input (forward-filled
standardised values, the observation mask and the hours since the last observation) and the
static covariates joined after the temporal encoder (GRU, LSTM, Conv1D or a small
Transformer); an hourly deterioration predictor (causal dilated Conv1D, one sigmoid per hour);
and a length-of-stay regression (GRU + static, log-days). Per-patient split; accuracy and AUC
for the classifiers, the absolute error in days for the regression. Each script calls
`kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch97_data import (
    CREATININE_UMOL,
    GLUCOSE_MMOL,
    HOURS,
    icu_cohort,
    patient_split,
)
from benchmarks.practice.kit import Kit


def _convert_units(values: np.ndarray, site: np.ndarray) -> np.ndarray:
    """Site B's glucose (mmol/L) and creatinine (umol/L) into mg/dL, as site A records them."""
    values = values.copy()
    b = site > 0.5
    values[b, :, 7] *= GLUCOSE_MMOL
    values[b, :, 6] /= CREATININE_UMOL
    return values


def _hours_since_seen(mask: np.ndarray) -> np.ndarray:
    """GRU-D's delta: hours since each feature was last observed (48 before the first), / 48."""
    delta = np.zeros(mask.shape, "float32")
    last = np.full(mask.shape[::2], -float(HOURS), "float32")  # (n, features)
    for t in range(mask.shape[1]):
        delta[:, t] = t - last
        last = np.where(mask[:, t], float(t), last)
    return np.minimum(delta, HOURS) / HOURS


def _forward_fill(values: np.ndarray, fill: np.ndarray) -> np.ndarray:
    """Carry the last observation forward along the hours; before the first, `fill`."""
    out = values.copy()
    current = np.broadcast_to(fill, out[:, 0].shape).copy()
    for t in range(out.shape[1]):
        seen = ~np.isnan(out[:, t])
        current = np.where(seen, out[:, t], current)
        out[:, t] = current
    return out


def prepare(*, impute: str = "ffill", scale: str = "train", units: str = "convert",
            channels: str = "grud", static: str = "scaled") -> dict[str, Any]:  # fmt: skip
    """The preprocessing: units made uniform, forward fill (train means before the first
    value), standardised with the training patients' observed values, mask and delta
    channels, static covariates (age standardised, sex, admission one-hot). Options:
    `impute` ("ffill"; "mean": train mean, no carrying forward; "zero_raw": NaN -> 0 in raw
    units, then scaled with the zero-filled statistics; "none": NaN left in), `scale`
    ("train"; "none": raw units; "per_split": each split standardised with its own
    statistics), `units` ("convert"; "none": site B's mmol/L and umol/L left as recorded;
    "train_only": converted on the training patients only), `channels` ("grud": values,
    mask, delta; "values"), `static` ("scaled"; "raw": age in years, admission as its code
    0 / 1 / 2; "none")."""
    data = icu_cohort()
    train, val = patient_split()
    values, stat = data["values"], data["static"]
    if units == "convert":
        values = _convert_units(values, stat[:, 3])
    elif units == "train_only":
        converted = _convert_units(values, stat[:, 3])
        values = values.copy()
        values[train] = converted[train]
    mask = ~np.isnan(values)
    mean = np.nanmean(values[train], axis=(0, 1))
    std = np.nanstd(values[train], axis=(0, 1))
    if impute == "ffill":
        filled = _forward_fill(values, mean)
    elif impute == "mean":
        filled = np.where(mask, values, mean)
    elif impute == "zero_raw":
        filled = np.nan_to_num(values, nan=0.0)
        mean, std = filled[train].mean(axis=(0, 1)), filled[train].std(axis=(0, 1))
    else:
        filled = values
    if scale == "train":
        filled = (filled - mean) / std
    elif scale == "per_split":
        out = np.empty_like(filled)
        for part in (train, val):
            m, s = np.nanmean(filled[part], axis=(0, 1)), np.nanstd(filled[part], axis=(0, 1))
            out[part] = (filled[part] - m) / s
        filled = out
    parts = [filled]
    if channels == "grud":
        parts += [mask.astype("float32"), _hours_since_seen(mask)]
    x = np.concatenate(parts, axis=-1).astype("float32")
    age, sex, adm = stat[:, 0], stat[:, 1], stat[:, 2].astype(int)
    if static == "raw":
        s = np.stack([age, sex, adm.astype("float32")], axis=1)
    else:
        a = (age - age[train].mean()) / age[train].std()
        s = np.concatenate([a[:, None], sex[:, None], np.eye(3)[adm]], axis=1)
    return {"x": x, "static": s.astype("float32"), "train": train, "val": val, "data": data}


class TimeEmbedding(layers.Layer):
    """A learned embedding of the hour index added to the projected inputs."""

    def __init__(self, steps: int, dim: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps, self.dim = steps, dim
        self.table = layers.Embedding(steps, dim)

    def call(self, x: Any) -> Any:
        return x + self.table(ops.arange(self.steps))[None]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "steps": self.steps, "dim": self.dim}


def _encoder(h: Any, kind: str, units: int, dropout: float) -> Any:
    if kind == "lstm":
        return layers.LSTM(units, dropout=dropout)(h)
    if kind == "bigru":
        return layers.Bidirectional(layers.GRU(units // 2, dropout=dropout))(h)
    if kind == "conv1d":
        h = layers.Conv1D(units, 5, padding="same", activation="relu")(h)
        h = layers.Conv1D(units, 5, padding="same", activation="relu", dilation_rate=2)(h)
        return layers.Concatenate()([layers.GlobalMaxPooling1D()(h),
                                     layers.Lambda(lambda t: t[:, -1])(h)])  # fmt: skip
    if kind == "transformer":
        h = layers.Dense(units)(h)
        h = TimeEmbedding(HOURS, units)(h)
        a = layers.MultiHeadAttention(4, units // 4, dropout=0.1)(h, h)
        h = layers.LayerNormalization()(h + a)
        f = layers.Dense(2 * units, activation="gelu")(h)
        h = layers.LayerNormalization()(h + layers.Dense(units)(f))
        return layers.GlobalAveragePooling1D()(h)
    return layers.GRU(units, dropout=dropout)(h)


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def mortality_grud(kit: Kit, *, encoder: str = "gru", impute: str = "ffill",
                   scale: str = "train", units_fix: str = "convert", channels: str = "grud",
                   static: str = "scaled", labels: str = "split", weights: str = "balanced",
                   head: str = "sigmoid", loss: str = "bce", hidden: int = 1,
                   hidden_activation: str = "relu", units: int = 48, dropout: float = 0.0,
                   optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                   batch_size: int = 64) -> Any:  # fmt: skip
    """In-hospital mortality from the first 48 hours of a generated ICU cohort (2400 train,
    600 validate patients; 20 % died): [values, mask, delta] (48 x 24) -> GRU 48, joined with
    the static covariates (age, sex, admission one-hot) -> Dense 32 ReLU -> Dense 1 sigmoid;
    BCE, accuracy + AUC, balanced class weights, Adam(1e-3), batch 64, 8 epochs. Options:
    `encoder` ("gru", "lstm", "bigru", "conv1d", "transformer"), the preprocessing of
    `prepare` (`impute`, `scale`, `units_fix` as its `units`, `channels`, `static`; `static`
    "none" drops the static branch), `labels` ("split": died[train]; "head": the first 2400
    labels of the cohort, not the training patients'), `weights` ("balanced"; "none";
    "counts": each class weighted by its own share instead of the inverse), `head` (the last
    activation), `loss` ("bce"; "cce": categorical cross-entropy on the one unit; "mse"),
    `hidden` Dense layers before the head and their activation, the GRU units, dropout,
    optimizer, rate, epochs and batch size."""
    prep = prepare(impute=impute, scale=scale, units=units_fix, channels=channels,
                   static=static if static != "none" else "scaled")  # fmt: skip
    x, s, train, val = prep["x"], prep["static"], prep["train"], prep["val"]
    died = prep["data"]["died"]
    y = died[: len(train)] if labels == "head" else died[train]
    yval = died[val]
    keras.utils.set_random_seed(kit.seed)
    seq_in = keras.Input((HOURS, x.shape[-1]), name="timeseries")
    h = _encoder(seq_in, encoder, units, dropout)
    inputs: list[Any] = [seq_in]
    if static != "none":
        static_in = keras.Input((s.shape[-1],), name="static")
        inputs.append(static_in)
        h = layers.Concatenate()([h, static_in])
    for _ in range(hidden):
        h = layers.Dense(32, activation=hidden_activation)(h)
    outputs = layers.Dense(1, activation=head)(h)
    model = keras.Model(inputs, outputs)
    losses = {"bce": "binary_crossentropy", "cce": "categorical_crossentropy", "mse": "mse"}
    model.compile(_optimizer(optimizer, lr), losses[loss],
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    xs = [x[train], s[train]] if static != "none" else [x[train]]
    xv = [x[val], s[val]] if static != "none" else [x[val]]
    class_weight = None
    if weights != "none":
        share = float(y.mean())
        class_weight = ({0: 0.5 / (1 - share), 1: 0.5 / share} if weights == "balanced"
                        else {0: 1 - share, 1: share})  # fmt: skip
    return kit.fit(model, xs, y, probe_data=(xs, y), class_weight=class_weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xv, yval))  # fmt: skip


def deterioration_tcn(kit: Kit, *, padding: str = "causal", reverse_x: bool = False,
                      label_shift: int = 0, impute: str = "ffill", scale: str = "train",
                      head: str = "sigmoid", activation: str = "relu", depth: int = 3,
                      batchnorm: bool = False, filters: int = 32, optimizer: str = "adam",
                      lr: float = 1e-3, epochs: int = 8, batch_size: int = 64) -> Any:  # fmt: skip
    """Hourly deterioration prediction (is the severity 6 hours ahead above the threshold; 19
    % of hours) from the GRU-D-style input: causal Conv1D 3 x 32 ReLU at dilations 1, 2, 4 ->
    Dense 1 sigmoid per hour; BCE, accuracy + AUC over the hours, Adam(1e-3), batch 64, 8
    epochs. Options: `padding` ("causal"; "same": each hour sees the next ones), `reverse_x`
    (the hours fed newest-first while the labels stay oldest-first), `label_shift` (labels
    rolled by this many hours against the inputs), the preprocessing's `impute` / `scale`,
    the head, hidden activation, depth (dilations doubling), BatchNorm after each conv, the
    filters, optimizer, rate, epochs and batch size."""
    prep = prepare(impute=impute, scale=scale)
    x, train, val = prep["x"], prep["train"], prep["val"]
    y = prep["data"]["deteriorate"][..., None]
    xt, yt, xv, yv = x[train], y[train], x[val], y[val]
    if reverse_x:
        xt, xv = xt[:, ::-1], xv[:, ::-1]
    if label_shift:
        yt = np.roll(yt, label_shift, axis=1)
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input((HOURS, x.shape[-1]))
    h = inputs
    for i in range(depth):
        h = layers.Conv1D(filters, 3, padding=padding, dilation_rate=2 ** min(i, 3),
                          use_bias=not batchnorm)(h)  # fmt: skip
        if batchnorm:
            h = layers.BatchNormalization()(h)
        h = layers.Activation(activation)(h)
    outputs = layers.Dense(1, activation=head)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy",
                  metrics=["accuracy", keras.metrics.AUC(name="auc")])  # fmt: skip
    return kit.fit(model, xt, yt, probe_data=(xt, yt), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip


def los_regression(kit: Kit, *, target: str = "log_days", output: str = "linear",
                   loss: str = "mse", static: str = "scaled", units: int = 48,
                   optimizer: str = "adam", lr: float = 1e-3, epochs: int = 8,
                   batch_size: int = 64) -> Any:  # fmt: skip
    """Length of stay (days; median 6) from the first 48 hours: GRU 48 on [values, mask,
    delta] joined with the static covariates -> Dense 32 ReLU -> Dense 1 linear on log(days);
    MSE, Adam(1e-3), batch 64, 8 epochs; metric `los_mae_days` (the absolute error in days,
    whatever the target's form). Options: `target` ("log_days"; "days"; "hours": the raw
    length of stay in hours), the output activation, loss, `static`, GRU units, optimizer,
    rate, epochs and batch size."""
    prep = prepare(static=static)
    x, s, train, val = prep["x"], prep["static"], prep["train"], prep["val"]
    days = prep["data"]["los_days"]
    if target == "log_days":
        y = np.log(days)

        def to_days(t: Any) -> Any:
            return ops.exp(t)
    else:
        factor = 24.0 if target == "hours" else 1.0
        y = days * factor

        def to_days(t: Any) -> Any:
            return t / factor

    def los_mae_days(y_true: Any, y_pred: Any) -> Any:
        return ops.mean(ops.abs(to_days(y_true) - to_days(y_pred)), axis=-1)

    keras.utils.set_random_seed(kit.seed)
    seq_in = keras.Input((HOURS, x.shape[-1]))
    static_in = keras.Input((s.shape[-1],))
    h = layers.Concatenate()([layers.GRU(units)(seq_in), static_in])
    h = layers.Dense(32, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model([seq_in, static_in], outputs)
    model.compile(_optimizer(optimizer, lr), loss, metrics=[los_mae_days])
    xs, yt = [x[train], s[train]], y[train][:, None].astype("float32")
    xv, yv = [x[val], s[val]], y[val][:, None].astype("float32")
    return kit.fit(model, xs, yt, probe_data=(xs, yt), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip
