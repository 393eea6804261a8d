"""Building blocks of the second zoo's bases, each reading the variant's `Knobs`.

The custom pieces (a learned position embedding, a triangular cyclical learning rate) are
registered Keras serialisables, so models and optimizers clone and save like built-in ones.
"""

from __future__ import annotations

from typing import Any

import keras

from benchmarks.real.data import Data
from benchmarks.real.spec import Knobs

PACKAGE = "benchmarks_real"


def init(value: Any) -> keras.initializers.Initializer:
    """A Keras initializer from its name or {"class_name", "config"}."""
    return keras.initializers.get(value)


def dense(k: Knobs, units: int, name: str | None = None) -> keras.layers.Dense:
    """A hidden Dense layer with the knobs' activation and initialisers."""
    return keras.layers.Dense(units, activation=k.activation, name=name,
                              kernel_initializer=init(k.kernel_init),
                              bias_initializer=init(k.bias_init))  # fmt: skip


def conv2d(k: Knobs, filters: int, activate: bool = True, strides: int = 1) -> keras.layers.Layer:
    """A 3x3 'same' Conv2D; `activate=False` leaves the activation to a later layer (BN)."""
    return keras.layers.Conv2D(filters, 3, strides=strides, padding="same",
                               activation=k.activation if activate else None,
                               use_bias=activate or not k.norm,
                               kernel_initializer=init(k.kernel_init),
                               bias_initializer=init(k.bias_init))  # fmt: skip


def norm_act(k: Knobs, h: Any) -> Any:
    """BatchNorm (when the knobs keep it) then the activation."""
    if k.norm:
        h = keras.layers.BatchNormalization(momentum=0.9)(h)
    return keras.layers.Activation(k.activation)(h)


def dropout(k: Knobs, rate: float, h: Any) -> Any:
    """Dropout at the knobs' rate, else the base's own `rate`."""
    return keras.layers.Dropout(k.dropout if k.dropout is not None else rate)(h)


def head(k: Knobs, data: Data, h: Any, units: int) -> Any:
    """`extra_depth` hidden Dense layers of `units`, then the task's output layer (float32)."""
    for _ in range(k.extra_depth):
        h = dense(k, units)(h)
    activation = {"multiclass": "softmax", "binary": "sigmoid"}.get(data.task)
    return keras.layers.Dense(data.n_outputs, activation=activation, dtype="float32",
                              name="output")(h)  # fmt: skip


@keras.saving.register_keras_serializable(package=PACKAGE)
class PositionEmbedding(keras.layers.Layer):
    """Adds a learned embedding of each position to a (batch, steps, dim) sequence."""

    def __init__(self, steps: int, dim: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.steps, self.dim = steps, dim

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        self.positions = self.add_weight(shape=(self.steps, self.dim), name="positions",
                                         initializer="random_normal")  # fmt: skip

    def call(self, inputs: Any) -> Any:
        return inputs + keras.ops.cast(self.positions, inputs.dtype)[None]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "steps": self.steps, "dim": self.dim}


@keras.saving.register_keras_serializable(package=PACKAGE)
class TriangularCyclical(keras.optimizers.schedules.LearningRateSchedule):
    """Cyclical learning rate (triangular): from `low` up to `high` and back every 2 x `half`."""

    def __init__(self, low: float, high: float, half: int) -> None:
        self.low, self.high, self.half = float(low), float(high), int(half)

    def __call__(self, step: Any) -> Any:
        phase = keras.ops.cast(step, "float32") / float(self.half)
        position = keras.ops.abs(keras.ops.mod(phase, 2.0) - 1.0)  # 1 -> 0 -> 1
        return self.low + (self.high - self.low) * (1.0 - position)

    def get_config(self) -> dict[str, Any]:
        return {"low": self.low, "high": self.high, "half": self.half}
