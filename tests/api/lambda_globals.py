"""A model whose Lambda reads module globals (`keras`, `SCALE`), as a notebook's or a
script's does: the globals are this module's, not a closure."""

from __future__ import annotations

import keras

SCALE = 0.25


def siamese_distance_model() -> keras.Model:
    inputs = keras.Input((2,))
    left, right = keras.layers.Dense(3)(inputs), keras.layers.Dense(3)(inputs)
    distance = keras.layers.Lambda(lambda t: keras.ops.abs(t[0] - t[1]) * SCALE)([left, right])
    return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(distance))


def closure_module_model() -> keras.Model:
    """The same distance with `keras` and `numpy` imported inside the builder: the lambda's
    closure holds the modules themselves."""
    import keras as k
    import numpy as onp

    inputs = k.Input((2,))
    left, right = k.layers.Dense(3)(inputs), k.layers.Dense(3)(inputs)
    distance = k.layers.Lambda(lambda t: k.ops.abs(t[0] - t[1]) * onp.float32(SCALE))(
        [left, right])  # fmt: skip
    return k.Model(inputs, k.layers.Dense(1, activation="sigmoid")(distance))
