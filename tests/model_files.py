"""Saved Keras model files that several test folders use (tests/ is on sys.path: pytest
puts the root conftest's folder there)."""

from __future__ import annotations

from pathlib import Path


def _circle_mlp(kernel_stddev: float):
    import keras

    keras.utils.set_random_seed(0)
    init = keras.initializers.RandomNormal(stddev=kernel_stddev)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(16, activation="relu", kernel_initializer=init),
            keras.layers.Dense(16, activation="relu", kernel_initializer=init),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def write_exploding_model(path: Path) -> Path:
    """A compiled Circle MLP whose 1e5 kernel initializer makes the first epoch's loss NaN
    (a certain exploding gradient), saved as a .keras file."""
    _circle_mlp(1e5).save(path)
    return path
