"""Batch-77 scripts on missing values, masks and imputation (keyword options are the faults,
the defaults the healthy choice): an MLP on a clinical table with gaps (imputed and
standardised with training statistics, missing-indicator columns), a house-price regression
that imputes inside the model (a NaN-filling layer with indicators, Normalization adapted on
the imputed features) and trains on unsold houses with sample weight 0, a GRU on
variable-length sequences padded to one length behind a Masking layer, a GRU on irregularly
sampled ICU vitals with observation-mask and time-since-last-measurement channels, and a
multi-task assay network whose loss is masked where a label was never measured. Each script
calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch77_data import (
    assay_table,
    house_prices,
    icu_series,
    padded_walks,
    patient_table,
)
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    return keras.optimizers.SGD(lr, momentum=0.9) if name == "sgd" else keras.optimizers.Adam(lr)


def _impute_table(x: np.ndarray, xval: np.ndarray, fill: str, scale: str, indicators: bool,
                  stats: str) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """SimpleImputer + StandardScaler + missing indicators in numpy: the fill value per
    column ("median", "mean", "zero": 0 in the raw units, "sentinel": -999, "none": NaN left)
    and the scaler's statistics from the training rows (`stats="all"`: training and
    validation rows together)."""
    fit_rows = np.concatenate([x, xval]) if stats == "all" else x
    gaps = np.isnan(fit_rows).any(axis=0)
    if fill == "median":
        value = np.nanmedian(fit_rows, axis=0)
    elif fill == "mean":
        value = np.nanmean(fit_rows, axis=0)
    elif fill == "zero":
        value = np.zeros(x.shape[1], dtype="float32")
    elif fill == "sentinel":
        value = np.full(x.shape[1], -999.0, dtype="float32")
    else:
        value = None

    def filled(v: np.ndarray) -> np.ndarray:
        return v.copy() if value is None else np.where(np.isnan(v), value, v)

    mean = np.nanmean(filled(fit_rows), axis=0)
    std = np.nanstd(filled(fit_rows), axis=0) + 1e-7
    out = []
    for v in (x, xval):
        f = filled(v)
        if scale == "standard":
            f = (f - mean) / std
        if indicators:
            f = np.concatenate([f, np.isnan(v[:, gaps]).astype("float32")], axis=1)
        out.append(f.astype("float32"))
    return out[0], out[1]


def patient_mlp(kit: Kit, *, fill: str = "median", indicators: bool = True,
                scale: str = "standard", stats: str = "train", dropna: str = "none",
                output: str = "sigmoid", hidden_act: str = "relu", optimizer: str = "adam",
                lr: float = 1e-3, epochs: int = 25, batch_size: int = 64) -> Any:  # fmt: skip
    """Clinical table (10 features in their units, 5 with 12 % random gaps, glucose missing
    mostly for the untested negatives; 4000 train, 1500 validate): median imputation,
    standardisation and missing-indicator columns with the training statistics -> Dense 64
    ReLU -> Dense 32 ReLU -> sigmoid 1, binary CE, Adam(1e-3), batch 64, 25 epochs. Options:
    `fill` ("median", "mean", "zero", "sentinel" -999, "none": NaN left in), `indicators`,
    `scale` ("standard"; "none"), `stats` ("train"; "all": fitted on train + validation),
    `dropna` ("misaligned": the incomplete training rows dropped from the features but the
    labels cut to the same length, y[:len(x)]), the output and hidden activations, the
    optimizer, rate, epochs and batch size."""
    x, y, xval, yval = patient_table()
    if dropna == "misaligned":
        x = x[~np.isnan(x).any(axis=1)]
        y = y[:len(x)]
    x, xval = _impute_table(x, xval, fill, scale, indicators, stats)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        layers.Dense(64, activation=hidden_act),
        layers.Dense(32, activation=hidden_act),
        layers.Dense(1, activation=output),
    ])  # fmt: skip
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


class ImputeWithIndicator(layers.Layer):
    """NaN -> the column's fill value, plus a 0 / 1 indicator column for each column listed in
    `indicator_columns`: [filled values, indicators]."""

    def __init__(self, fill_values: list[float], indicator_columns: list[int],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.fill_values = [float(v) for v in fill_values]
        self.indicator_columns = [int(c) for c in indicator_columns]

    def call(self, x: Any) -> Any:
        gaps = ops.isnan(x)
        filled = ops.where(gaps, ops.convert_to_tensor(self.fill_values, dtype=x.dtype), x)
        flags = ops.cast(ops.take(gaps, self.indicator_columns, axis=1), x.dtype)
        return ops.concatenate([filled, flags], axis=-1)

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (input_shape[0], input_shape[1] + len(self.indicator_columns))

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "fill_values": self.fill_values,
                "indicator_columns": self.indicator_columns}  # fmt: skip


def house_impute_layer(kit: Kit, *, fill: str = "mean", adapt_on: str = "imputed",
                       target: str = "standard", missing_target: str = "weight",
                       output: str = "linear", lr: float = 1e-3, epochs: int = 40,
                       batch_size: int = 64) -> Any:  # fmt: skip
    """House prices (8 features in their units, 4 with 15-25 % gaps; 3000 training houses, a
    quarter unsold without a price; 1000 validation houses, all priced): inside the model
    `ImputeWithIndicator` (NaN -> the training mean, 4 indicator columns) -> Normalization of
    the 8 filled features (adapted on the imputed training features) beside the indicators
    -> Dense 64 ReLU x 2 -> Dense 1; the price standardised with the sold houses' mean and
    std, the unsold rows kept with sample weight 0 (their NaN price set to 0); MSE, MAE metric,
    Adam(1e-3), batch 64, 40 epochs. Options: `fill` ("mean"; "sentinel": -999; "zero"),
    `adapt_on` ("imputed"; "complete_rows": the rows without gaps; "raw": the training matrix
    with its NaN; "nan_to_num": NaN read as 0 in the raw units), `target` ("standard"; "raw":
    thousands of dollars), `missing_target` ("weight"; "drop": unsold rows dropped; "zero":
    the missing prices filled with 0 before standardising, no weights; "weight_nan": weight 0
    but the NaN left in the target; "nan": NaN left, no weights), the output activation, the
    rate, epochs and batch size."""
    x, y, xval, yval = house_prices()
    gap_columns = [j for j in range(x.shape[1]) if np.isnan(x[:, j]).any()]
    sold = ~np.isnan(y)
    weight = None
    if missing_target == "drop":
        x, y = x[sold], y[sold]
    elif missing_target == "zero":
        y = np.nan_to_num(y, nan=0.0)
    elif missing_target in ("weight", "weight_nan"):
        weight = sold.astype("float32")
    mean, std = (np.nanmean(y), np.nanstd(y)) if target == "standard" else (0.0, 1.0)
    if missing_target == "weight":
        y = np.where(sold, y, mean)
    y = ((y - mean) / std).astype("float32")
    yval = ((yval - mean) / std).astype("float32")
    if fill == "sentinel":
        values = [-999.0] * x.shape[1]
    elif fill == "zero":
        values = [0.0] * x.shape[1]
    else:
        values = [float(v) for v in np.nanmean(x, axis=0)]
    keras.utils.set_random_seed(kit.seed)
    imputer = ImputeWithIndicator(values, gap_columns)
    norm = layers.Normalization()
    if adapt_on == "raw":
        norm.adapt(x)
    elif adapt_on == "complete_rows":
        norm.adapt(x[~np.isnan(x).any(axis=1)])
    elif adapt_on == "nan_to_num":
        norm.adapt(np.nan_to_num(x, nan=0.0))
    else:
        norm.adapt(ops.convert_to_numpy(imputer(x))[:, :x.shape[1]])
    inputs = keras.Input((x.shape[1],))
    both = imputer(inputs)
    h = layers.Concatenate()([norm(both[:, :x.shape[1]]), both[:, x.shape[1]:]])
    h = layers.Dense(64, activation="relu")(h)
    h = layers.Dense(64, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), sample_weight=weight, epochs=epochs,
                   batch_size=batch_size, validation_data=(xval, yval))  # fmt: skip


def _repad(x: np.ndarray, lengths: np.ndarray, padding: str, value: float) -> np.ndarray:
    out = np.full_like(x, value)
    for i, length in enumerate(lengths):
        if padding == "pre":
            out[i, -length:] = x[i, :length]
        else:
            out[i, :length] = x[i, :length]
    return out


def padded_gru(kit: Kit, *, mask: bool = True, padding: str = "post", pad_value: float = 0.0,
               mask_value: float = 0.0, pooling: str = "last", units: int = 32,
               output: str = "sigmoid", shuffle_labels: bool = False, lr: float = 3e-3,
               epochs: int = 12, batch_size: int = 64) -> Any:  # fmt: skip
    """Variable-length 2-feature walks (8..60 steps, padded with 0.0 after the end to 80;
    3000 train, 1000 validate; label: feature 0's walk ends above its start and feature 1's
    last 5 steps average above -0.3): Masking(0.0) -> GRU 32 -> Dense 16 ReLU -> sigmoid 1,
    binary CE, Adam(3e-3), batch 64, 12 epochs. Options: `mask` (the Masking layer), `padding`
    ("post"; "pre"), `pad_value` (what the padding holds), `mask_value` (what Masking skips),
    `pooling` ("last": the GRU's final state; "average": GlobalAveragePooling1D over its
    sequence, mask-aware), the GRU's units, the output activation, `shuffle_labels` (the
    training labels shuffled apart from their sequences), the rate, epochs and batch size."""
    x, lengths, y, xval, lengthsval, yval = padded_walks()
    x = _repad(x, lengths, padding, pad_value)
    xval = _repad(xval, lengthsval, padding, pad_value)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input((x.shape[1], 2))
    h = layers.Masking(mask_value)(inputs) if mask else inputs
    if pooling == "average":
        h = layers.GRU(units, return_sequences=True)(h)
        h = layers.GlobalAveragePooling1D()(h)
    else:
        h = layers.GRU(units)(h)
    h = layers.Dense(16, activation="relu")(h)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _forward_fill(v: np.ndarray) -> np.ndarray:
    """Carry the last observation forward along axis 1 (hours) within each patient."""
    idx = np.where(~np.isnan(v), np.arange(v.shape[1])[None, :, None], 0)
    idx = np.maximum.accumulate(idx, axis=1)
    return np.take_along_axis(v, idx, axis=1)


def _hours_since(observed: np.ndarray) -> np.ndarray:
    """Hours since the variable was last measured (48 before its first measurement)."""
    hours = observed.shape[1]
    t = np.arange(hours)[None, :, None]
    last = np.maximum.accumulate(np.where(observed, t, -hours), axis=1)
    return np.minimum(t - last, hours).astype("float32")


def _icu_features(v: np.ndarray, mean: np.ndarray, std: np.ndarray, impute: str, scale: str,
                  channels: str) -> np.ndarray:  # fmt: skip
    observed = ~np.isnan(v)
    if impute == "zero_raw":
        v = np.nan_to_num(v, nan=0.0)
    if scale == "standard":
        v = (v - mean) / std
    if impute == "forward":
        v = _forward_fill(v)
    elif impute == "forward_flat":
        flat = v.reshape(1, -1, v.shape[-1])
        v = _forward_fill(flat).reshape(v.shape)
    if impute != "none":
        v = np.where(np.isnan(v), 0.0 if scale == "standard" else mean, v)
    parts = [v]
    if channels == "values_mask_delta":
        parts += [observed.astype("float32"), _hours_since(observed) / observed.shape[1]]
    return np.concatenate(parts, axis=-1).astype("float32")


def icu_gru(kit: Kit, *, impute: str = "forward", scale: str = "standard",
            channels: str = "values_mask_delta", labels: str = "aligned", units: int = 64,
            output: str = "sigmoid", optimizer: str = "adam", lr: float = 1e-3,
            epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """ICU vitals (48 hourly bins x 6 variables in their units, NaN where not measured;
    2400 train, 800 validate; in-hospital death, about 40 %): each variable standardised with
    the mean and std of its measured training values, the last measurement carried forward
    within the patient (0 = the mean before the first), plus 6 observation-mask channels and
    6 hours-since-last-measurement channels (/ 48) -> GRU 64 -> sigmoid 1, binary CE,
    Adam(1e-3), batch 64, 15 epochs. Options: `impute` ("forward"; "zero": every gap the
    mean; "forward_flat": forward fill over the stacked hours of all patients, carrying one
    patient's last values into the next's first hours; "zero_raw": the gaps filled with 0 in
    the raw units before the standardisation; "none": NaN left in), `scale` ("standard";
    "none": the raw units, gaps filled with the variable's mean), `channels`
    ("values_mask_delta"; "values": no mask or time channels), `labels` ("aligned";
    "sorted": the outcome table in sorted patient-id order while the series stay in admission
    order), the GRU units, the output activation, the optimizer, rate, epochs and batch
    size."""
    x, y, xval, yval = icu_series()
    mean = np.nanmean(np.nan_to_num(x, nan=0.0) if impute == "zero_raw" else x, axis=(0, 1))
    std = np.nanstd(np.nan_to_num(x, nan=0.0) if impute == "zero_raw" else x, axis=(0, 1))
    x = _icu_features(x, mean, std, impute, scale, channels)
    xval = _icu_features(xval, mean, std, impute, scale, channels)
    if labels == "sorted":
        admission_ids = np.random.default_rng(773).permutation(len(y))
        y = y[np.argsort(admission_ids)]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])
    h = layers.GRU(units)(inputs)
    outputs = layers.Dense(1, activation=output)(h)
    model = keras.Model(inputs, outputs)
    model.compile(_optimizer(optimizer, lr), "binary_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def masked_binary_crossentropy(y_true: Any, y_pred: Any) -> Any:
    """Binary CE over the measured labels only (-1 = not measured), averaged over them."""
    mask = ops.cast(ops.not_equal(y_true, -1.0), y_pred.dtype)
    bce = ops.binary_crossentropy(ops.maximum(y_true, 0.0), y_pred)
    return ops.sum(bce * mask) / ops.maximum(ops.sum(mask), 1.0)


def masked_bce_over_all(y_true: Any, y_pred: Any) -> Any:
    """The masked binary CE averaged over every entry (measured or not)."""
    mask = ops.cast(ops.not_equal(y_true, -1.0), y_pred.dtype)
    return ops.mean(ops.binary_crossentropy(ops.maximum(y_true, 0.0), y_pred) * mask)


def masked_accuracy(y_true: Any, y_pred: Any) -> Any:
    """Accuracy over the labels that are 0 or 1 (not -1, not NaN)."""
    mask = ops.cast(ops.logical_or(ops.equal(y_true, 0.0), ops.equal(y_true, 1.0)), "float32")
    hit = ops.cast(ops.equal(ops.cast(y_pred > 0.5, "float32"), y_true), "float32")
    return ops.sum(hit * mask) / ops.maximum(ops.sum(mask), 1.0)


def assay_multitask(kit: Kit, *, loss: str = "masked", missing: str = "minus_one",
                    output: str = "sigmoid", dropout: float = 0.2, hidden_act: str = "relu",
                    lr: float = 1e-3, epochs: int = 20, batch_size: int = 64) -> Any:  # fmt: skip
    """Multi-task assays (128-bit fingerprints, 6 binary assays, 55 % of the labels never
    measured and stored as -1; 4000 train, 1500 validate): Dense 256 ReLU -> Dropout 0.2 ->
    Dense 128 ReLU -> Dense 6 sigmoid, binary CE masked where the label is -1 (averaged over
    the measured labels), accuracy over the measured labels, Adam(1e-3), batch 64, 20 epochs.
    Options: `loss` ("masked"; "masked_over_all": the masked CE averaged over every entry;
    "plain": Keras's binary CE on the -1 labels as they are; "fill_zero": the missing labels
    read as inactive (0), plain binary CE), `missing` ("minus_one"; "nan_labels": the
    training labels read with NaN for the missing ones, the mask still testing for -1), the
    output activation, dropout, hidden activation, rate, epochs and batch size."""
    x, y, xval, yval = assay_table()
    if loss == "fill_zero":
        y = np.where(y < 0, 0.0, y).astype("float32")
    if missing == "nan_labels":
        y = np.where(y < 0, np.nan, y).astype("float32")
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([
        keras.Input((x.shape[1],)),
        layers.Dense(256, activation=hidden_act),
        layers.Dropout(dropout),
        layers.Dense(128, activation=hidden_act),
        layers.Dense(6, activation=output),
    ])  # fmt: skip
    loss_fn = {"masked": masked_binary_crossentropy, "masked_over_all": masked_bce_over_all
               }.get(loss, "binary_crossentropy")  # fmt: skip
    model.compile(keras.optimizers.Adam(lr), loss_fn, metrics=[masked_accuracy])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
