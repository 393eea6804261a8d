"""The same MLP built the three ways Keras users build models, and seeded data for it."""

from __future__ import annotations

from typing import Any

import numpy as np

STYLES = ("sequential", "functional", "subclassed")


def blobs(n: int = 500, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """3 Gaussian blobs in 4 dimensions: float32 x, integer labels."""
    from sklearn.datasets import make_blobs

    x, y = make_blobs(n, centers=3, n_features=4, cluster_std=2.0, random_state=seed)
    return x.astype("float32"), y.astype("int64")


def mlp(
    style: str,
    *,
    width: int = 32,
    depth: int = 2,
    activation: str = "relu",
    kernel: Any = "glorot_uniform",
    bias: Any = "zeros",
    classes: int = 3,
    seed: int = 0,
) -> Any:
    """An MLP on 4 features with `classes` softmax outputs, as `style` says (not compiled)."""
    import keras

    keras.utils.set_random_seed(seed)

    def hidden() -> list[Any]:
        return [
            keras.layers.Dense(width, activation, kernel_initializer=kernel, bias_initializer=bias)
            for _ in range(depth)
        ]

    if style == "sequential":
        return keras.Sequential(
            [keras.Input((4,)), *hidden(), keras.layers.Dense(classes, "softmax")]
        )
    if style == "functional":
        inputs = keras.Input((4,))
        h = inputs
        for layer in hidden():
            h = layer(h)
        return keras.Model(inputs, keras.layers.Dense(classes, "softmax")(h))

    class Net(keras.Model):
        def __init__(self) -> None:
            super().__init__()
            self.stack = hidden()
            self.head = keras.layers.Dense(classes, "softmax")

        def call(self, x: Any) -> Any:
            for layer in self.stack:
                x = layer(x)
            return self.head(x)

    return Net()
