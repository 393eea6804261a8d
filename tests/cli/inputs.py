"""Tiny, seeded test inputs: make_circles data, 8-unit Dense models, saved with model.save."""

from __future__ import annotations

from pathlib import Path

import numpy as np

SAMPLES = 240


def circles(n: int = SAMPLES, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: float32 x of shape (n, 2), 0/1 float32 labels."""
    from sklearn.datasets import make_circles

    x, y = make_circles(n_samples=n, noise=0.08, factor=0.5, random_state=seed)
    return x.astype("float32"), y.astype("float32")


def write_npz(path: Path, **arrays: np.ndarray) -> Path:
    np.savez(path, **arrays)
    return path


def circles_npz(path: Path, n: int = SAMPLES) -> Path:
    x, y = circles(n)
    return write_npz(path, x_train=x, y_train=y)


def tiny_model(activation: str = "relu", kernel_scale: float | None = None, lr: float = 0.01):
    """Input(2) -> Dense(8) -> Dense(1, sigmoid), compiled with Adam and binary crossentropy.

    `kernel_scale` sets every kernel to a constant-scaled normal init (1e3 makes the loss
    explode in the first epoch).
    """
    import keras

    keras.utils.set_random_seed(0)
    init = (
        keras.initializers.RandomNormal(stddev=kernel_scale, seed=0)
        if kernel_scale
        else "glorot_uniform"
    )
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(8, activation=activation, kernel_initializer=init),
            keras.layers.Dense(1, activation="sigmoid", kernel_initializer=init),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(lr), loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def faulty_model():
    """Input(2) -> Dense(8, relu, N(0, 1e5) kernel) -> Dense(1, sigmoid), SGD 0.1: the loss
    explodes to NaN in the first epoch (exploding gradient), and repairs fix it."""
    import keras

    keras.utils.set_random_seed(0)
    big = keras.initializers.RandomNormal(stddev=1e5, seed=0)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(8, activation="relu", kernel_initializer=big),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.1), loss="binary_crossentropy", metrics=["accuracy"]
    )
    return model


def save(model, path: Path) -> Path:
    model.save(path)
    return path
