"""Batch-54 coordinate and periodic-input scripts (keyword options are the faults, the defaults
the healthy choice): a coordinate MLP fitting an image from (u, v) with random Fourier
features or a NeRF-style positional encoding, a SIREN (sine activations with their own
initialisation), hourly demand with sin / cos hour and day-of-week features, regions on the
globe from latitude / longitude, and a wind direction regressed as (sin, cos). Each script
calls `kit.fit`; the image and demand scripts report a plain `mae`, the wind script
`angle_mae` in degrees (the shortest way round the circle), whatever the target's encoding.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import keras
import numpy as np
from keras import layers, ops

from benchmarks.practice.batch54_data import demand_split, globe_split, image_split, wind_split
from benchmarks.practice.kit import Kit


def _coordinates(uv: np.ndarray, units: str) -> np.ndarray:
    # "unit": [0, 1]; "signed": [-1, 1] (SIREN's convention); "pixel": the 256-px picture's
    # pixel positions 0..255 (the grid samples every 4th pixel)
    if units == "signed":
        return 2 * uv - 1
    if units == "pixel":
        return uv * 256 - 0.5
    return uv


def _encode(uv: np.ndarray, encoding: str, sigma: float, features: int, levels: int,
            rng: np.random.Generator) -> np.ndarray:  # fmt: skip
    if encoding == "fourier":  # Tancik et al. 2020: gamma(v) = [cos 2 pi B v, sin 2 pi B v]
        b = rng.normal(0.0, sigma, (2, features)).astype("float32")
        proj = 2 * np.pi * uv @ b
        return np.concatenate([np.sin(proj), np.cos(proj)], axis=1).astype("float32")
    if encoding == "posenc":  # NeRF: sin / cos (2^k pi v), k = 0..L-1, plus v itself
        freqs = (2.0 ** np.arange(levels)) * np.pi
        proj = (uv[:, :, None] * freqs).reshape(len(uv), -1)
        return np.concatenate([uv, np.sin(proj), np.cos(proj)], axis=1).astype("float32")
    return uv.astype("float32")


def image_mlp(kit: Kit, *, encoding: str = "fourier", sigma: float = 4.0, features: int = 128,
              levels: int = 6, units: str = "unit", width: int = 128, depth: int = 3,
              lr: float = 1e-3, batch_size: int = 128, epochs: int = 40) -> Any:  # fmt: skip
    """A coordinate MLP fitting the 64 x 64 image from its pixel coordinates (2048 pixels
    train, the other 2048 validate): random Fourier features (B ~ N(0, 4^2), 128
    frequencies, sin and cos: 256 inputs; the coordinates in [0, 1]; 4 suits this 64-px
    grid, the paper's 10 its 256-512 px images), Dense 128 ReLU x 3 -> Dense 1, MSE,
    Adam(1e-3), batch 128, 40 epochs. Options: `encoding` ("fourier"; "posenc": sin / cos
    of 2^k pi u for k < `levels`; "raw": the two coordinates), `sigma`, `features`,
    `levels`, `units` ("unit"; "pixel": the coordinates in pixels 0..255), width, depth,
    rate, batch size and epochs."""
    uv, uvval, y, yval = image_split()
    uv, uvval = _coordinates(uv, units), _coordinates(uvval, units)
    rng = np.random.default_rng(kit.seed)
    x = _encode(uv, encoding, sigma, features, levels, rng)
    rng = np.random.default_rng(kit.seed)  # the same B for the validation pixels
    xval = _encode(uvval, encoding, sigma, features, levels, rng)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(1))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _sine(omega: float) -> Callable[[Any], Any]:
    def activation(z: Any) -> Any:
        return ops.sin(omega * z)

    return activation


def siren(kit: Kit, *, omega: float = 30.0, init: str = "siren", units: str = "signed",
          width: int = 128, depth: int = 3, lr: float = 1e-4, batch_size: int = 128,
          epochs: int = 60) -> Any:  # fmt: skip
    """A SIREN (Sitzmann et al. 2020) fitting the same image from its coordinates in
    [-1, 1]: Dense layers with activation sin(omega_0 z), omega_0 = 30; the first layer's
    weights U(-1/fan_in, 1/fan_in), the hidden ones' U(-sqrt(6/fan_in)/omega_0, +...); Dense
    128 x 3 -> Dense 1 linear, MSE, Adam(1e-4), batch 128, 60 epochs. Options: `omega`
    (omega_0 of every sine layer, the init bound divided by it as the reference code does),
    `init` ("siren"; any Keras initialiser name, e.g. "he_uniform", "glorot_uniform", for
    every sine layer), `units` ("signed"; "unit": [0, 1]; "pixel": 0..255), width, depth,
    rate, batch size and epochs."""
    uv, uvval, y, yval = image_split()
    x, xval = _coordinates(uv, units), _coordinates(uvval, units)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((2,))])
    fan_in = 2
    for i in range(depth):
        if init == "siren":
            bound = 1.0 / fan_in if i == 0 else math.sqrt(6.0 / fan_in) / omega
            kernel: Any = keras.initializers.RandomUniform(-bound, bound)
        else:
            kernel = init
        model.add(layers.Dense(width, activation=_sine(omega), kernel_initializer=kernel))
        fan_in = width
    model.add(layers.Dense(1))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _cyclic(value: np.ndarray, period: float, how: str) -> np.ndarray:
    angle = 2 * np.pi * value / period
    if how == "sincos":
        return np.stack([np.sin(angle), np.cos(angle)], 1)
    if how == "sin_only":
        return np.sin(angle)[:, None]
    if how == "degrees_into_sin":  # 360 / period degrees a step handed to np.sin (radians)
        step = value * 360.0 / period
        return np.stack([np.sin(step), np.cos(step)], 1)
    if how == "onehot":
        return np.eye(int(period))[value.astype(int)]
    if how == "scaled":
        return (value / (period - 1))[:, None]
    return value[:, None]  # "raw": the integers as they are


def demand_mlp(kit: Kit, *, hour: str = "sincos", dow: str = "sincos", depth: int = 2,
               width: int = 64, optimizer: str = "adam", lr: float = 1e-3,
               batch_size: int = 64, epochs: int = 20) -> Any:  # fmt: skip
    """Hourly demand (5376 training rows, 1344 validation rows of other days; the target
    standardised): hour of day and day of week each as (sin, cos) of 2 pi t / period, next
    to temperature and humidity in [0, 1]; Dense 64 ReLU x 2 -> Dense 1, MSE, Adam(1e-3),
    batch 64, 20 epochs. Options: `hour`, `dow` ("sincos"; "raw": the integers 0..23 /
    0..6; "scaled": t / (period - 1); "sin_only"; "onehot"; "degrees_into_sin": np.sin /
    np.cos of 15 h (degrees) read as radians), `depth` (0: a linear regression), width,
    `optimizer` ("adam", "sgd"), rate, batch size and epochs."""
    x, xval, y, yval = demand_split()

    def features(rows: np.ndarray) -> np.ndarray:
        return np.concatenate([_cyclic(rows[:, 0], 24, hour), _cyclic(rows[:, 1], 7, dow),
                               rows[:, 2:]], axis=1).astype("float32")  # fmt: skip

    x, xval = features(x), features(xval)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(1))
    opt = keras.optimizers.SGD(lr) if optimizer == "sgd" else keras.optimizers.Adam(lr)
    model.compile(opt, "mse", metrics=["mae"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _globe(rows: np.ndarray, coords: str) -> np.ndarray:
    lat, lon, rest = rows[:, 0], rows[:, 1], rows[:, 2:]
    if coords == "xyz":
        la, lo = np.radians(lat), np.radians(lon)
        where = np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], 1)
    elif coords == "xyz_no_radians":  # np.cos / np.sin handed the degrees
        where = np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], 1)
    elif coords == "scaled":
        where = np.stack([lat / 90, lon / 180], 1)
    elif coords == "radians":
        where = np.stack([np.radians(lat), np.radians(lon)], 1)
    else:  # "degrees": as read from the CSV
        where = np.stack([lat, lon], 1)
    return np.concatenate([where, rest], axis=1).astype("float32")


def globe_mlp(kit: Kit, *, coords: str = "xyz", optimizer: str = "adam", lr: float = 1e-3,
              width: int = 64, depth: int = 2, batch_size: int = 64,
              epochs: int = 30) -> Any:  # fmt: skip
    """Sixteen regions on the globe (8 areas x lowland / highland; 4000 training points,
    1000 validation points): latitude / longitude as the unit vector (cos lat cos lon, cos
    lat sin lon, sin lat) next to three site features in [0, 1]; Dense 64 ReLU x 2 ->
    softmax 16, sparse CE, Adam(1e-3), batch 64, 30 epochs. Options: `coords` ("xyz";
    "scaled": lat / 90, lon / 180; "radians"; "degrees": raw, -180..180 next to the [0, 1]
    features; "xyz_no_radians": the unit vector with np.cos / np.sin of the degrees),
    `optimizer` ("adam", "sgd"), rate, width, depth, batch size and epochs."""
    x, xval, y, yval = globe_split()
    x, xval = _globe(x, coords), _globe(xval, coords)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((x.shape[1],))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(16, activation="softmax"))
    opt = keras.optimizers.SGD(lr) if optimizer == "sgd" else keras.optimizers.Adam(lr)
    model.compile(opt, "sparse_categorical_crossentropy", metrics=["accuracy"])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip


def _to_degrees(target: str) -> Callable[[Any], Any]:
    if target == "sincos":
        return lambda v: ops.arctan2(v[:, 0], v[:, 1]) * (180.0 / math.pi)
    if target == "radians":
        return lambda v: v[:, 0] * (180.0 / math.pi)
    if target == "unit":
        return lambda v: v[:, 0] * 360.0
    return lambda v: v[:, 0]  # "degrees"


def _angle_mae(target: str) -> Callable[[Any, Any], Any]:
    to_degrees = _to_degrees(target)

    def angle_mae(y_true: Any, y_pred: Any) -> Any:
        gap = ops.mod(to_degrees(y_pred) - to_degrees(y_true), 360.0)
        return ops.minimum(gap, 360.0 - gap)

    return angle_mae


def wind_mlp(kit: Kit, *, target: str = "sincos", head: str = "linear", depth: int = 2,
             width: int = 64, lr: float = 1e-3, batch_size: int = 32,
             epochs: int = 20) -> Any:  # fmt: skip
    """The wind direction from 8 ring-sensor readings (4000 training rows, 1000 validation
    rows): the target (sin theta, cos theta), Dense 64 ReLU x 2 -> Dense 2 linear, MSE,
    Adam(1e-3), batch 32, 20 epochs, read back with atan2; `angle_mae` in degrees the short
    way round. Options: `target` ("sincos"; "degrees": theta in [0, 360); "radians";
    "unit": theta / 360), `head` ("linear", "tanh", "sigmoid", "softmax", "relu"), depth,
    width, rate, batch size and epochs."""
    x, xval, deg, degval = wind_split()

    def encode(d: np.ndarray) -> np.ndarray:
        if target == "sincos":
            r = np.radians(d[:, 0])
            return np.stack([np.sin(r), np.cos(r)], 1).astype("float32")
        scale = {"radians": math.pi / 180.0, "unit": 1.0 / 360.0}.get(target, 1.0)
        return (d * scale).astype("float32")

    y, yval = encode(deg), encode(degval)
    keras.utils.set_random_seed(kit.seed)
    model = keras.Sequential([keras.Input((8,))])
    for _ in range(depth):
        model.add(layers.Dense(width, activation="relu"))
    model.add(layers.Dense(y.shape[1], activation=None if head == "linear" else head))
    model.compile(keras.optimizers.Adam(lr), "mse", metrics=[_angle_mae(target)])
    return kit.fit(model, x, y, probe_data=(x, y), epochs=epochs, batch_size=batch_size,
                   validation_data=(xval, yval))  # fmt: skip
