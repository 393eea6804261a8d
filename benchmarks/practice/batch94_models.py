"""Batch-94 light-curve scripts (keyword options are the faults, the defaults the healthy
choice): a masked GRU classifier of irregularly sampled single-band variable-star curves
((log dt, magnitude about the curve's mean, error) triples, post-padded, a Masking layer), a
Conv1D classifier of phase-folded g, r, i curves (empty phase bins interpolated, magnitudes
relative to the g-band median so colours and amplitudes survive), and a small Transformer
encoder over multi-band transient observations (tokens of time, peak-normalised flux, error
and a one-hot band; a sinusoidal time encoding; Masking so the padding is neither attended
nor pooled). Each script calls `kit.fit` once.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch94_data import folded_curves, irregular_curves, transients
from benchmarks.practice.kit import Kit


def _optimizer(name: str, lr: float) -> keras.optimizers.Optimizer:
    if name == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9)
    if name == "sgd_plain":
        return keras.optimizers.SGD(lr)
    if name == "rmsprop":
        return keras.optimizers.RMSprop(lr)
    return keras.optimizers.Adam(lr)


def _loss(output: str, loss: str) -> Any:
    if loss == "sparse_categorical_crossentropy":
        return keras.losses.SparseCategoricalCrossentropy(from_logits=output == "logits")
    return loss


def _head(h: Any, classes: int, output: str) -> Any:
    return layers.Dense(classes, activation=None if output in ("logits", "linear") else output)(h)


def _gru_features(t: np.ndarray, mag: np.ndarray, err: np.ndarray, n: np.ndarray, *,
                  time_feature: str, mags: str, use_err: bool, pad_value: float,
                  padding: str) -> np.ndarray:  # fmt: skip
    length = t.shape[1]
    observed = np.arange(length)[None, :] < n[:, None]
    cols = []
    if time_feature == "log_dt":
        dt = np.diff(t, axis=1, prepend=t[:, :1])
        cols.append(np.log1p(np.maximum(dt, 0.0)))
    elif time_feature == "days":
        cols.append(t - t[:, :1])
    elif time_feature == "mjd":
        cols.append(t + 58000.0)
    mean = (mag * observed).sum(1, keepdims=True) / n[:, None]
    if mags == "centred":
        cols.append(mag - mean)
    elif mags == "standardised":
        sd = np.sqrt((((mag - mean) * observed) ** 2).sum(1, keepdims=True) / n[:, None])
        cols.append((mag - mean) / sd)
    elif mags == "flux":  # flux relative to the mean magnitude's
        cols.append(10 ** (-0.4 * (mag - mean)) - 1.0)
    else:
        cols.append(mag)
    if use_err:
        cols.append(err)
    x = np.stack(cols, axis=-1).astype("float32")
    x[~observed] = pad_value
    if padding == "pre":
        for i, k in enumerate(n):
            x[i] = np.roll(x[i], length - k, axis=0)
    return x


def classify_gru(kit: Kit, *, time_feature: str = "log_dt", mags: str = "centred",
                 use_err: bool = True, masking: bool = True, pad_value: float = 0.0,
                 padding: str = "post", rnn: str = "gru", units: int = 32, stacked: bool = False,
                 dropout: float = 0.0, output: str = "softmax",
                 loss: str = "sparse_categorical_crossentropy", shuffle_labels: bool = False,
                 optimizer: str = "adam", lr: float = 5e-3, epochs: int = 12,
                 batch_size: int = 64) -> Any:  # fmt: skip
    """Variable-star classification (RRab, RRc, Cepheid, EA, EW) of irregular g-band curves
    (30..80 observations, 2000 train, 600 validate): per observation (log(1 + dt), magnitude
    minus the curve's mean, error), post-padded with 0 to 80 -> Masking(0) -> GRU(32) ->
    Dense 32 ReLU -> Dense 5 softmax; sparse categorical cross-entropy, Adam(5e-3), batch 64,
    12 epochs. Options: `time_feature` ("log_dt"; "days": days since the first observation;
    "mjd": the MJD itself; "none"), `mags` ("centred"; "raw": the catalogue magnitudes;
    "standardised": per-curve z-scores; "flux": relative flux), `use_err`, `masking`,
    `pad_value` (what the padded steps hold; Masking stays at 0), `padding` ("post"/"pre"),
    `rnn` ("gru", "lstm", "bigru"), `units`, `stacked` (two recurrent layers), `dropout`
    (the recurrent layer's input dropout), `output` ("softmax"; "logits" with from_logits;
    "linear": no activation and the loss left at from_logits=False), the loss,
    `shuffle_labels` (the labels shuffled apart from the curves), optimizer, rate, epochs and
    batch size."""
    t, mag, err, n, y, _, tv, magv, errv, nv, yv, _ = irregular_curves()
    opts = dict(time_feature=time_feature, mags=mags, use_err=use_err, pad_value=pad_value,
                padding=padding)  # fmt: skip
    x, xv = _gru_features(t, mag, err, n, **opts), _gru_features(tv, magv, errv, nv, **opts)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input((x.shape[1], x.shape[2]))
    h = layers.Masking(0.0)(inputs) if masking else inputs

    def recurrent(sequences: bool) -> layers.Layer:
        cell = layers.LSTM if rnn == "lstm" else layers.GRU
        made = cell(units, return_sequences=sequences, dropout=dropout)
        return layers.Bidirectional(made) if rnn == "bigru" else made

    if stacked:
        h = recurrent(True)(h)
    h = recurrent(False)(h)
    h = layers.Dense(32, activation="relu")(h)
    model = keras.Model(inputs, _head(h, 5, output))
    model.compile(_optimizer(optimizer, lr), _loss(output, loss), metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip


def _fill_bins(binned: np.ndarray, fill: str) -> np.ndarray:
    out = binned.copy()
    if fill == "nan":
        return out
    if fill == "zero":
        return np.nan_to_num(out, nan=0.0)
    bins = out.shape[1]
    grid = np.arange(bins, dtype="float64")
    for i in range(len(out)):
        for band in range(out.shape[2]):
            column = out[i, :, band]
            seen = ~np.isnan(column)
            if seen.all():
                continue
            if not seen.any():
                column[:] = np.nanmedian(out[i])
                continue
            # circular linear interpolation over the phase
            xs = np.concatenate([grid[seen] - bins, grid[seen], grid[seen] + bins])
            ys = np.tile(column[seen], 3)
            column[~seen] = np.interp(grid[~seen], xs, ys)
    return out


def _fold_features(binned: np.ndarray, *, fill: str, norm: str, align: bool) -> np.ndarray:
    x = binned.astype("float64")
    if norm == "g_median":  # the curve's g-band median: colours and amplitudes kept
        x = x - np.nanmedian(x[:, :, 0], axis=1)[:, None, None]
    elif norm == "band_median":  # each band about its own median: the colours removed
        x = x - np.nanmedian(x, axis=1, keepdims=True)
    elif norm == "band_minmax":  # each band scaled to 0..1: amplitudes and colours removed
        low, high = np.nanmin(x, axis=1, keepdims=True), np.nanmax(x, axis=1, keepdims=True)
        x = (x - low) / (high - low)
    x = _fill_bins(x, fill)
    if align:  # maximum light (the smallest g magnitude) to phase 0
        peak = np.nanargmin(np.where(np.isnan(x[:, :, 0]), np.inf, x[:, :, 0]), axis=1)
        x = np.stack([np.roll(x[i], -peak[i], axis=0) for i in range(len(x))])
    return x.astype("float32")


def folded_cnn(kit: Kit, *, fill: str = "interp", norm: str = "g_median", align: bool = True,
               val_band_order: str = "gri", sort_apart: bool = False, filters: int = 32,
               extra_blocks: int = 0, activation: str = "relu", batchnorm: bool = False,
               pool: str = "avg", dropout: float = 0.2, output: str = "softmax",
               loss: str = "sparse_categorical_crossentropy", optimizer: str = "adam",
               lr: float = 1e-3, epochs: int = 15, batch_size: int = 64) -> Any:  # fmt: skip
    """Variable-star classification of phase-folded g, r, i curves (32 phase bins, empty bins
    interpolated circularly; 2000 train, 600 validate): magnitudes minus the g-band median,
    rolled so maximum light sits at phase 0 -> Conv1D 32 k5 ReLU x 2 -> MaxPool 2 -> Conv1D
    64 k3 ReLU -> GlobalAveragePooling -> Dense 64 ReLU -> Dropout 0.2 -> Dense 5 softmax;
    sparse categorical cross-entropy, Adam(1e-3), batch 64, 15 epochs. Options: `fill`
    ("interp"; "zero"; "nan": empty bins left NaN), `norm` ("g_median"; "band_median";
    "band_minmax"; "raw": catalogue magnitudes), `align`, `val_band_order` (the validation
    curves' band columns, e.g. "irg" when another survey's file lists its bands so),
    `sort_apart` (the training curves sorted by their g magnitude for inspection, the labels
    not), `filters`, `extra_blocks` (Conv1D 64 k3 layers added before the pooling),
    `activation`, `batchnorm`, `pool` ("avg"; "flatten"), `dropout`, `output`, the loss,
    optimizer, rate, epochs and batch size."""
    binned, y, binnedv, yv = folded_curves()
    opts = dict(fill=fill, norm=norm, align=align)
    x, xv = _fold_features(binned, **opts), _fold_features(binnedv, **opts)
    if val_band_order != "gri":
        xv = xv[:, :, ["gri".index(b) for b in val_band_order]]
    if sort_apart:
        x = x[np.argsort(np.nanmean(binned[:, :, 0], axis=1), kind="stable")]
    keras.utils.set_random_seed(kit.seed)
    inputs = keras.Input(x.shape[1:])

    def conv(h: Any, width: int, kernel: int) -> Any:
        h = layers.Conv1D(width, kernel, padding="same", use_bias=not batchnorm)(h)
        if batchnorm:
            h = layers.BatchNormalization()(h)
        return layers.Activation(activation)(h)

    h = conv(inputs, filters, 5)
    h = conv(h, filters, 5)
    h = layers.MaxPooling1D(2)(h)
    h = conv(h, 2 * filters, 3)
    for _ in range(extra_blocks):
        h = conv(h, 2 * filters, 3)
    h = layers.GlobalAveragePooling1D()(h) if pool == "avg" else layers.Flatten()(h)
    h = layers.Dense(64, activation=activation)(h)
    if dropout:
        h = layers.Dropout(dropout)(h)
    model = keras.Model(inputs, _head(h, 5, output))
    model.compile(_optimizer(optimizer, lr), _loss(output, loss), metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice94")
class LightCurveEmbedding(layers.Layer):
    """Tokens (time, value features...) -> a Dense projection of the value features plus a
    fixed sinusoidal encoding of the time (the first feature), periods from `min_period` to
    `max_period` (in the time feature's units), as ATAT / Astromer embed observation times.
    Passes the Masking layer's mask on."""

    def __init__(self, dim: int, min_period: float = 0.01, max_period: float = 10.0,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(**kwargs)
        self.dim, self.min_period, self.max_period = dim, min_period, max_period
        self.project = layers.Dense(dim)
        self.supports_masking = True

    def build(self, input_shape: Any) -> None:
        self.project.build((*input_shape[:-1], input_shape[-1] - 1))

    def call(self, tokens: Any) -> Any:
        time = tokens[..., :1]
        half = self.dim // 2
        periods = self.min_period * (self.max_period / self.min_period) ** (
            ops.arange(half, dtype="float32") / max(half - 1, 1))
        angles = 2.0 * np.pi * time / periods
        encoding = ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)
        return self.project(tokens[..., 1:]) + encoding

    def compute_output_shape(self, input_shape: Any) -> Any:
        return (*input_shape[:-1], self.dim)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "dim": self.dim, "min_period": self.min_period,
                "max_period": self.max_period}  # fmt: skip


def _transient_tokens(mjd: np.ndarray, band: np.ndarray, flux: np.ndarray, ferr: np.ndarray,
                      n: np.ndarray, *, time_origin: str, values: str, flux_norm: str,
                      band_encoding: str) -> np.ndarray:  # fmt: skip
    length = mjd.shape[1]
    observed = np.arange(length)[None, :] < n[:, None]
    # days since the first observation, in 100 days (or the MJDs themselves)
    t = mjd if time_origin == "mjd" else (mjd - mjd[:, :1]) / 100.0
    f, e = flux.astype("float64"), ferr.astype("float64")
    if flux_norm == "peak":
        scale = np.max(np.where(observed, f, -np.inf), axis=1, keepdims=True)
        f, e = f / scale, e / scale
    elif flux_norm == "cgs":  # FLUXCAL -> erg / s / cm2 / Hz
        f, e = f * 10 ** (-0.4 * (27.5 + 48.6)), e * 10 ** (-0.4 * (27.5 + 48.6))
    elif flux_norm == "asinh":  # luptitude-like, softening at the sky noise
        f, e = np.arcsinh(f / 30.0), e / np.sqrt(f**2 + 30.0**2)
    if values == "mag":  # -2.5 log10 of the difference flux, errors propagated
        f, e = -2.5 * np.log10(f), 1.0857 * e / f
    elif values == "mag_clipped":
        fc = np.maximum(f, e)
        f, e = -2.5 * np.log10(fc), 1.0857 * e / fc
    cols = [t, f, e]
    if band_encoding == "onehot":
        cols += [(band == b).astype("float64") for b in range(3)]
    elif band_encoding == "index":
        cols.append(band.astype("float64") + 1.0)
    x = np.stack(cols, axis=-1).astype("float32")
    x[~observed] = 0.0
    return x


def transient_transformer(kit: Kit, *, time_origin: str = "first", values: str = "flux",
                          flux_norm: str = "peak", band_encoding: str = "onehot",
                          masking: bool = True, dim: int = 32, heads: int = 2, blocks: int = 1,
                          layernorm: bool = True, ffn_activation: str = "gelu",
                          dropout: float = 0.1, output: str = "softmax",
                          loss: str = "sparse_categorical_crossentropy",
                          shuffle_labels: bool = False,
                          optimizer: str = "adam", lr: float = 1e-3, epochs: int = 15,
                          batch_size: int = 64) -> Any:  # fmt: skip
    """Transient classification (SN Ia, SN Ibc, SN II-P, SLSN; 2000 train, 600 validate) from
    20..60 multi-band observations: tokens (days since the first observation / 100, flux and
    error divided by the curve's peak flux, one-hot g/r/i), post-padded with 0 to 60 ->
    Masking -> LightCurveEmbedding(32) (value projection + sinusoidal time) -> a post-norm
    Transformer block (MultiHeadAttention 2 x 16, FFN 64 GELU, dropout 0.1) ->
    GlobalAveragePooling1D (masked) -> Dense 4 softmax; sparse categorical cross-entropy,
    Adam(1e-3), batch 64, 15 epochs. Options: `time_origin` ("first"; "mjd": the MJDs
    themselves), `values` ("flux"; "mag": -2.5 log10 of the difference flux, NaN where it is
    negative; "mag_clipped": the flux floored at its error first), `flux_norm` ("peak";
    "none": FLUXCAL; "cgs": erg/s/cm2/Hz; "asinh"), `band_encoding` ("onehot", "index",
    "none"), `masking`, `dim`, `heads`, `blocks`, `layernorm`, `ffn_activation`, `dropout`,
    `output`, the loss, `shuffle_labels`, optimizer, rate, epochs and batch size."""
    mjd, band, flux, ferr, n, y, mjdv, bandv, fluxv, ferrv, nv, yv = transients()
    opts = dict(time_origin=time_origin, values=values, flux_norm=flux_norm,
                band_encoding=band_encoding)  # fmt: skip
    x = _transient_tokens(mjd, band, flux, ferr, n, **opts)
    xv = _transient_tokens(mjdv, bandv, fluxv, ferrv, nv, **opts)
    keras.utils.set_random_seed(kit.seed)
    if shuffle_labels:
        y = y[np.random.default_rng(kit.seed).permutation(len(y))]
    inputs = keras.Input(x.shape[1:])
    h = layers.Masking(0.0)(inputs) if masking else inputs
    h = LightCurveEmbedding(dim, min_period=0.01, max_period=10.0)(h)
    for _ in range(blocks):
        a = layers.MultiHeadAttention(heads, dim // heads, dropout=dropout)(h, h)
        h = layers.Add()([h, layers.Dropout(dropout)(a)])
        if layernorm:
            h = layers.LayerNormalization()(h)
        f = layers.Dense(2 * dim, activation=ffn_activation)(h)
        f = layers.Dropout(dropout)(layers.Dense(dim)(f))
        h = layers.Add()([h, f])
        if layernorm:
            h = layers.LayerNormalization()(h)
    h = layers.GlobalAveragePooling1D()(h)
    model = keras.Model(inputs, _head(h, 4, output))
    model.compile(_optimizer(optimizer, lr), _loss(output, loss), metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xv, yv))  # fmt: skip
