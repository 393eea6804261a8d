"""Frozen layers whose weights are still a random draw of their own initializer.

A layer set `trainable=False` to keep weights loaded from elsewhere (an embedding matrix, a
pretrained base) keeps whatever it holds; when the loading was skipped it holds its random
initialisation, and the model learns on fixed random features only (practice batch 25's
`embedding_random_frozen`: 0.38 / 0.72 against 1.00). Read by comparing each frozen layer's
main weight with a fresh draw of the layer's own initializer for the same shape: the
Kolmogorov-Smirnov distance between their values (over its critical value at the 0.001
level, `KS_CRITICAL`), and the ratio of their spreads. Loaded weights (trained elsewhere) are
no longer distributed as their initializer draws them. A layer built in this process whose
initializer, called again, gives its very weights (Keras 3 seeds an unseeded initializer
once) reads as `exact`. The draws are seeded: Python's and Keras' random states are not
touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import keras
import numpy as np

from autotrainer_keras.measure.column_order import ks_distance

MAIN_WEIGHTS = (("kernel", "kernel_initializer"), ("embeddings", "embeddings_initializer"))
"""(weight, initializer argument) of the layers read: Dense and convolutions, Embedding."""

MIN_VALUES = 256
"""Weights with fewer values are not read (the distance is too noisy)."""

MAX_VALUES = 1 << 16
"""Values compared at most, evenly spaced (a large kernel is read in part: a frozen ResNet50
is read in about 1 s, 3.4 s at 2^20 values a layer)."""

KS_CRITICAL = 1.95
"""c(alpha) of the two-sample Kolmogorov-Smirnov test at alpha = 0.001: two draws of one
distribution of n values each lie further apart than 1.95 x sqrt(2 / n) once in 1000."""


@dataclass(frozen=True)
class FrozenAtInit:
    """A frozen layer's main weight against a fresh draw of its initializer: `distance`
    (Kolmogorov-Smirnov) over its critical value (<= 1: the same distribution at the 0.001
    level), `spread_ratio` (standard deviations), `exact` (the layer's own initializer gives
    its weights again), `reach_ratio` (the largest |value| over the draw's: training moves
    some weights past a uniform or truncated initializer's bound)."""

    layer: str
    distance: float
    spread_ratio: float
    exact: bool = False
    reach_ratio: float = 1.0


def frozen_at_init(model: keras.Model, seed: int = 0) -> tuple[FrozenAtInit, ...]:
    """Every frozen layer (its own `trainable` False, or a parent's) with a readable main
    weight, in model order, with its distance to its initializer's draw."""
    found = []
    for layer in model._flatten_layers(include_self=False):  # noqa: SLF001 - nested models
        if layer.trainable or getattr(layer, "_layers", None):
            continue
        reading = _reading(layer, seed)
        if reading is not None:
            found.append(reading)
    return tuple(found)


def _reading(layer: keras.layers.Layer, seed: int) -> FrozenAtInit | None:
    for weight_name, initializer_name in MAIN_WEIGHTS:
        weight = getattr(layer, weight_name, None)
        initializer = getattr(layer, initializer_name, None)
        if weight is None or initializer is None or not hasattr(weight, "shape"):
            continue
        shape = tuple(int(d) for d in weight.shape)
        if int(np.prod(shape)) < MIN_VALUES:
            return None
        values = np.asarray(keras.ops.convert_to_numpy(weight), np.float64).ravel()
        try:
            own = _draw(initializer, shape, None)
            fresh = _draw(initializer, shape, seed)
        except Exception:  # noqa: BLE001 - an initializer of the user's own: not read
            return None
        if fresh is None:
            return None
        exact = own is not None and np.array_equal(own, values)
        a, b = np.sort(_spaced(values)), np.sort(_spaced(fresh))
        critical = KS_CRITICAL * np.sqrt((len(a) + len(b)) / (len(a) * len(b)))
        reach = float(np.max(np.abs(fresh)))
        reach_ratio = float(np.max(np.abs(values))) / reach if reach > 0 else math.inf
        distance = ks_distance(a, b, np.concatenate([a, b]))
        return FrozenAtInit(layer.name, distance / float(critical),
                            _spread_ratio(values, fresh), exact, reach_ratio)  # fmt: skip
    return None


def _draw(initializer: keras.initializers.Initializer, shape: tuple[int, ...],
          seed: int | None) -> np.ndarray | None:
    """A draw of a random `initializer` (one with a seed) for `shape`: with `seed`, from a
    copy seeded so; without, the initializer itself called again when its seed is a fixed
    number (the draw it made: no random state moves). None otherwise, and for an initializer
    that draws nothing at random (`Constant(matrix)`, the usual way to give an Embedding its
    pretrained vectors)."""
    config = keras.initializers.serialize(initializer)
    inner = config.get("config") if isinstance(config, dict) else None
    if not isinstance(inner, dict) or "seed" not in inner:
        return None  # not a random draw: a Constant holding a pretrained matrix, Zeros
    if seed is None:
        if not isinstance(getattr(initializer, "seed", None), int):
            return None
        return np.asarray(initializer(shape, dtype="float32"), np.float64).ravel()
    copy = keras.initializers.deserialize({**config, "config": {**inner, "seed": seed}})
    return np.asarray(copy(shape, dtype="float32"), np.float64).ravel()


def _spaced(values: np.ndarray) -> np.ndarray:
    return values[:: max(1, -(-len(values) // MAX_VALUES))]


def _spread_ratio(values: np.ndarray, fresh: np.ndarray) -> float:
    spread = float(np.std(fresh))
    return float(np.std(values)) / spread if spread > 0 else float("inf")
