"""Tiny seeded inputs: circle data (300 samples) and two small Dense models."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from model_files import write_exploding_model

__all__ = ["CONFIG_TEXT", "EPOCHS", "write_data", "write_exploding_model", "write_healthy_model"]

EPOCHS = 4
CONFIG_TEXT = f"training:\n  epochs: {EPOCHS}\n"


def write_data(path: Path) -> Path:
    """make_circles, 300 samples: 210 train, 90 validation."""
    from sklearn.datasets import make_circles

    x, y = make_circles(n_samples=300, noise=0.1, factor=0.5, random_state=0)
    x, y = x.astype("float32"), y.astype("float32")
    np.savez(path, x_train=x[:210], y_train=y[:210], x_val=x[210:], y_val=y[210:])
    return path


def write_healthy_model(path: Path) -> Path:
    """tanh, Adam: trains without trouble on the circles."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(32, activation="tanh"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"]
    )
    model.save(path)
    return path
