"""Batch-30 surrogate regression scripts (keyword options are the faults, the defaults the
healthy choice): MLP surrogates of physical laws and simulators on generated runs (a wall's
heat flow, an Arrhenius rate law, a damped oscillator's response, a cantilever's three
responses in different units, a projectile's range in a wind), with smooth activations,
log-transformed inputs and targets, learning-rate schedules and full-batch training. Each
script calls `kit.fit`.

Every script compiles one metric, `std_mae`: the mean absolute error in the healthy
pipeline's target units (the target, log10'd where the healthy script logs it, standardised
with the training rows' statistics), whatever the script's own target transform is, so a
fault's harm is read on the same footing as its healthy counterpart's (`val_std_mae`; the
scripts' own losses are on their own scales).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch30_data import (
    cantilever,
    damped_oscillator,
    projectile_range,
    reaction_rate,
    wall_heat_flow,
)
from benchmarks.practice.kit import Kit


@keras.saving.register_keras_serializable(package="practice_batch30")
class StandardisedMAE(keras.metrics.Metric):
    """Mean absolute error after mapping targets and predictions to the common units: z =
    (y - offset) / scale (an affine script transform), or, with `log_raw`, z = (log10(y) -
    offset) / scale (a script that trains on the raw positive quantity). One value per
    output column."""

    def __init__(self, offset: Sequence[float] = (0.0,), scale: Sequence[float] = (1.0,),
                 log_raw: bool = False, name: str = "std_mae", **kwargs: Any) -> None:  # fmt: skip
        super().__init__(name=name, **kwargs)
        self.offset = [float(v) for v in offset]
        self.scale = [float(v) for v in scale]
        self.log_raw = bool(log_raw)
        self.total = self.add_variable((), initializer="zeros", name="total")
        self.count = self.add_variable((), initializer="zeros", name="count")

    def _common(self, y: Any) -> Any:
        y = ops.reshape(ops.cast(y, "float32"), (-1, len(self.offset)))
        if self.log_raw:
            y = ops.log(ops.maximum(y, 1e-30)) / np.log(10.0)
        return (y - np.asarray(self.offset, "float32")) / np.asarray(self.scale, "float32")

    def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> None:
        err = ops.abs(self._common(y_true) - self._common(y_pred))
        self.total.assign_add(ops.sum(err))
        self.count.assign_add(ops.cast(ops.size(err), "float32"))

    def result(self) -> Any:
        return self.total / ops.maximum(self.count, 1.0)

    def reset_state(self) -> None:
        self.total.assign(0.0)
        self.count.assign(0.0)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "offset": self.offset, "scale": self.scale,
                "log_raw": self.log_raw}  # fmt: skip


def _stats(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return a.mean(axis=0), a.std(axis=0) + 1e-12


def _scale_inputs(x: np.ndarray, xval: np.ndarray, fit_on: str = "train") -> tuple[np.ndarray, ...]:
    """StandardScaler by hand, fitted on the training rows (`fit_on="all"`: before the split;
    `"val"`: on the held-out split only, as a notebook that fits the scaler where it is
    first needed)."""
    ref = {"train": x, "all": np.concatenate([x, xval]), "val": xval}[fit_on]
    mean, sd = _stats(ref)
    return (x - mean) / sd, (xval - mean) / sd


def _target(y: np.ndarray, yval: np.ndarray, mode: str, log: bool = True) -> tuple[Any, ...]:
    """The script's target transform and the metric that reads it back in the common units
    (log10 if `log`, standardised on the training rows). mode "z": the common units;
    "log": log10 only (unstandardised); "raw": the quantity in its units."""
    common = np.log10(y) if log else y
    mean, sd = _stats(common)
    if mode == "z":
        ones = np.ones_like(np.atleast_1d(sd))
        metric = StandardisedMAE(0 * ones, ones)
        return (common - mean) / sd, ((np.log10(yval) if log else yval) - mean) / sd, metric
    if mode == "log":
        return np.log10(y), np.log10(yval), StandardisedMAE(np.atleast_1d(mean), np.atleast_1d(sd))
    return y, yval, StandardisedMAE(np.atleast_1d(mean), np.atleast_1d(sd), log_raw=log)


def _mlp(n_in: int, n_out: int, *, width: int = 64, depth: int = 3, activation: str = "swish",
         out_activation: str | None = None, seed: int = 0) -> keras.Model:  # fmt: skip
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((n_in,))
    h = inputs
    for _ in range(depth):
        h = layers.Dense(width, activation=activation)(h)
    return keras.Model(inputs, layers.Dense(n_out, activation=out_activation)(h))


def heat_flow_surrogate(kit: Kit, *, inputs: str = "log_z", target: str = "z",
                        scaler_fit: str = "train", loss: str = "mse", depth: int = 3,
                        activation: str = "swish", lr: float = 2e-3, batch_size: int = 64,
                        epochs: int = 40) -> Any:  # fmt: skip
    """A wall's heat flow from six SI inputs (1e-6 to 1e4): log10 of every input,
    standardised on the training rows; the target log10(Q) standardised; Dense 64 x 3
    (swish) -> Dense(1); MSE; Adam with CosineDecay(2e-3 over the run), batch 64, 40 epochs.
    Options: `inputs="z"` (standardised without the log), `"raw"` (the SI values as they
    are), `target="log"` / `"raw"` (log10(Q) unstandardised / Q in W), `scaler_fit`,
    `loss="mape"`, `depth`, `activation`, `lr`, `batch_size` (3200: full batch), `epochs`."""
    x, xval, q, qval = wall_heat_flow()
    if inputs == "log_z":
        x, xval = _scale_inputs(np.log10(x), np.log10(xval), scaler_fit)
    elif inputs == "z":
        x, xval = _scale_inputs(x, xval, scaler_fit)
    y, yval, metric = _target(q, qval, target)
    model = _mlp(6, 1, depth=depth, activation=activation, seed=kit.seed)
    steps = epochs * int(np.ceil(len(x) / batch_size))
    schedule = keras.optimizers.schedules.CosineDecay(lr, steps, alpha=0.05)
    lossfn = "mean_absolute_percentage_error" if loss == "mape" else loss
    model.compile(keras.optimizers.Adam(schedule), lossfn, metrics=[metric])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def rate_law_surrogate(kit: Kit, *, target: str = "z", scaler_fit: str = "train",
                       shuffle_apart: bool = False, inverse_temperature: bool = False,
                       float32: bool = False, epochs: int = 40) -> Any:  # fmt: skip
    """An Arrhenius rate law: temperature (K) as it is, the concentrations and the pressure
    log10'd, all standardised on the training rows; the target log10(r) standardised;
    Dense 64 x 3 (tanh) -> Dense(1); MSE; Adam with ExponentialDecay(3e-3, x0.5 every 10
    epochs), batch 64, 40 epochs; the arrays float64 as NumPy makes them. Options:
    `inverse_temperature` (1000 / T, the Arrhenius plot's axis), `float32` (cast first),
    `target="raw"` (r in mol/(m^3 s), ~11 decades), `scaler_fit`, `shuffle_apart` (features
    and targets each shuffled by its own `np.random.shuffle` call)."""
    x, xval, r, rval = reaction_rate()
    feats = [np.column_stack([1000 / a[:, 0] if inverse_temperature else a[:, 0],
                              np.log10(a[:, 1:])]) for a in (x, xval)]  # fmt: skip
    x, xval = _scale_inputs(feats[0], feats[1], scaler_fit)
    y, yval, metric = _target(r, rval, target)
    if shuffle_apart:
        rng = np.random.default_rng(kit.seed)
        x, y = x.copy(), y.copy()
        rng.shuffle(x)
        rng.shuffle(y)
    if float32:
        x, xval, y, yval = (a.astype("float32") for a in (x, xval, y, yval))
    model = _mlp(4, 1, activation="tanh", seed=kit.seed)
    schedule = keras.optimizers.schedules.ExponentialDecay(3e-3, 500, 0.5)
    model.compile(keras.optimizers.Adam(schedule), "mse", metrics=[metric])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def oscillator_surrogate(kit: Kit, *, out_activation: str | None = None,
                         activation: str = "tanh", log_inputs: bool = True,
                         scale_target: bool = True, epochs: int = 60) -> Any:  # fmt: skip
    """A damped oscillator's displacement x(t) from mass, stiffness, damping (log10'd) and
    time, standardised on the training rows; the displacement (m, signed) standardised;
    Dense 64 x 3 (tanh) -> Dense(1, linear); MSE; Adam(2e-3), batch 64, 60 epochs. Options:
    `out_activation` ("sigmoid" / "relu" on the signed target), `activation`, `log_inputs`
    (False: the SI values standardised as they are), `scale_target` (False: metres, +-0.05)."""
    x, xval, d, dval = damped_oscillator()
    if log_inputs:
        x, xval = (np.column_stack([np.log10(a[:, :3]), a[:, 3]]) for a in (x, xval))
    x, xval = _scale_inputs(x, xval)
    y, yval, metric = _target(d, dval, "z" if scale_target else "raw", log=False)
    model = _mlp(4, 1, activation=activation, out_activation=out_activation, seed=kit.seed)
    model.compile(keras.optimizers.Adam(2e-3), "mse", metrics=[metric])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval))  # fmt: skip


def cantilever_surrogate(kit: Kit, *, target: str = "log_z", swap_scalers: bool = False,
                         activation: str = "gelu", epochs: int = 40) -> Any:  # fmt: skip
    """A cantilever's tip deflection (m), root stress (Pa) and first frequency (Hz) from
    load, length and depth: log10 of the inputs and of each output, each standardised on
    the training rows (one scaler for the inputs, one for the targets); Dense 64 x 3 (gelu)
    -> Dense(3); MSE; Adam(1e-3), batch 32, 40 epochs. Options: `target="raw"` (the three
    outputs in their units), `"z_raw"` (standardised without the log), `swap_scalers` (the
    log inputs scaled with the target scaler's statistics and the log targets with the
    input scaler's), `activation`."""
    x, xval, y, yval = cantilever()
    lx, lxval = np.log10(x), np.log10(xval)
    ly, lyval = np.log10(y), np.log10(yval)
    (mx, sx), (my, sy) = _stats(lx), _stats(ly)
    if swap_scalers:
        mx, sx, my, sy, cmy, csy = my, sy, mx, sx, my, sy
    else:
        cmy, csy = my, sy
    xs, xsval = (lx - mx) / sx, (lxval - mx) / sx
    if target == "log_z":
        ys, ysval = (ly - my) / sy, (lyval - my) / sy
        # common z = (ly - cmy) / csy with ly = ys * sy + my
        metric = StandardisedMAE((cmy - my) / sy, csy / sy)
    elif target == "z_raw":
        m, s = _stats(y)
        ys, ysval = (y - m) / s, (yval - m) / s
        metric = _RawThenLog(m, s, my, sy)
    else:
        ys, ysval = y, yval
        metric = StandardisedMAE(my, sy, log_raw=True)
    model = _mlp(3, 3, activation=activation, seed=kit.seed)
    model.compile(keras.optimizers.Adam(1e-3), "mse", metrics=[metric])
    return kit.fit(model, xs, ys, probe_data=(xs, ys), epochs=epochs, batch_size=32,
                   validation_data=(xsval, ysval))  # fmt: skip


@keras.saving.register_keras_serializable(package="practice_batch30")
class _RawThenLog(StandardisedMAE):
    """`std_mae` for a script that standardises the raw outputs: back to the units, then
    log10 and the common standardisation."""

    def __init__(self, raw_mean: Sequence[float], raw_sd: Sequence[float],
                 offset: Sequence[float], scale: Sequence[float], name: str = "std_mae",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(offset, scale, True, name=name, **kwargs)
        self.raw_mean = [float(v) for v in raw_mean]
        self.raw_sd = [float(v) for v in raw_sd]

    def _common(self, y: Any) -> Any:
        y = ops.reshape(ops.cast(y, "float32"), (-1, len(self.offset)))
        return super()._common(y * np.asarray(self.raw_sd, "float32")
                               + np.asarray(self.raw_mean, "float32"))  # fmt: skip

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        del config["log_raw"]
        return {**config, "raw_mean": self.raw_mean, "raw_sd": self.raw_sd}


def projectile_surrogate(kit: Kit, *, wind_angle: str = "sincos", target: str = "z",
                         epochs: int = 40) -> Any:  # fmt: skip
    """A projectile's range in a wind: speed, elevation (degrees), wind speed, log10 of the
    drag coefficient and the wind direction as sin / cos of its radians, standardised on
    the training rows; the range (m) standardised; Dense 64 x 3 (swish) -> Dense(1); MSE;
    Adam(2e-3) with ReduceLROnPlateau, batch 64, 40 epochs. Options: `wind_angle`
    ("degrees": the direction as one number 0..360, the wrap-around ignored; "sin_degrees":
    np.sin / np.cos of the degrees, radians expected), `target="log"` (log10 of the range)."""
    x, xval, r, rval = projectile_range()

    def feats(a: np.ndarray) -> np.ndarray:
        phi = a[:, 3]
        if wind_angle == "degrees":
            wind = phi[:, None]
        elif wind_angle == "sin_degrees":
            wind = np.column_stack([np.sin(phi), np.cos(phi)])
        else:
            wind = np.column_stack([np.sin(np.radians(phi)), np.cos(np.radians(phi))])
        return np.column_stack([a[:, :3], np.log10(a[:, 4]), wind])

    x, xval = _scale_inputs(feats(x), feats(xval))
    if target == "log":
        y, yval = np.log10(r), np.log10(rval)
        mean, sd = _stats(y)
        y, yval = (y - mean) / sd, (yval - mean) / sd
        rm, rs = _stats(r)
        metric = _LogThenRaw(mean, sd, rm, rs)
    else:
        y, yval, metric = _target(r, rval, "z", log=False)
    model = _mlp(x.shape[1], 1, activation="swish", seed=kit.seed)
    model.compile(keras.optimizers.Adam(2e-3), "mse", metrics=[metric])
    plateau = keras.callbacks.ReduceLROnPlateau("val_loss", factor=0.5, patience=4)
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=64,
                   validation_data=(xval, yval), callbacks=[plateau])  # fmt: skip


@keras.saving.register_keras_serializable(package="practice_batch30")
class _LogThenRaw(StandardisedMAE):
    """`std_mae` for a script that trains on the standardised log10 range: back to metres,
    then the common (raw, standardised) units."""

    def __init__(self, log_mean: Sequence[float], log_sd: Sequence[float],
                 offset: Sequence[float], scale: Sequence[float], name: str = "std_mae",
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(np.atleast_1d(offset), np.atleast_1d(scale), False, name=name, **kwargs)
        self.log_mean = [float(v) for v in np.atleast_1d(log_mean)]
        self.log_sd = [float(v) for v in np.atleast_1d(log_sd)]

    def _common(self, y: Any) -> Any:
        y = ops.reshape(ops.cast(y, "float32"), (-1, len(self.offset)))
        logs = y * np.asarray(self.log_sd, "float32") + np.asarray(self.log_mean, "float32")
        return super()._common(ops.power(10.0, logs))

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        del config["log_raw"]
        return {**config, "log_mean": self.log_mean, "log_sd": self.log_sd}
