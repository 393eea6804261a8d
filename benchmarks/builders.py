"""Building a zoo model (compiled Keras model) and shaping its dataset's inputs for it."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from benchmarks.datasets import INFO
from benchmarks.zoo import ModelSpec

LOSSES = {
    "binary": "binary_crossentropy",
    "multiclass": "sparse_categorical_crossentropy",
    "regression": "mse",
}


def shape_inputs(spec: ModelSpec, x: np.ndarray) -> np.ndarray:
    """The dataset's flat rows reshaped for the family (sequence or image)."""
    if spec.family == "fc":
        return x
    if spec.dataset == "digits":
        images = x.reshape(-1, 8, 8)
        return images[..., None] if spec.family == "cnn" else images
    if spec.dataset == "mnist1d":
        if spec.family == "rnn":
            return x[:, ::2, None]  # 20 steps of 1 feature: RNNs stay fast
        return x[..., None]
    raise ValueError(f"{spec.family} is not defined on {spec.dataset}")


def prepare_arrays(spec: ModelSpec, arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {
        "x_train": shape_inputs(spec, arrays["x_train"]),
        "y_train": arrays["y_train"],
        "x_val": shape_inputs(spec, arrays["x_val"]),
        "y_val": arrays["y_val"],
    }


def _init(value: Any) -> keras.initializers.Initializer:
    return keras.initializers.get(value)


def _dense(spec: ModelSpec, units: int | None = None) -> keras.layers.Layer:
    return keras.layers.Dense(
        units or spec.units,
        activation=spec.activation,
        kernel_initializer=_init(spec.kernel_init),
        bias_initializer=_init(spec.bias_init),
    )


def _hidden(spec: ModelSpec) -> list[keras.layers.Layer]:
    layers = keras.layers
    if spec.family == "fc":
        return [_dense(spec) for _ in range(spec.depth)]
    if spec.family == "cnn":
        conv = layers.Conv2D if spec.dataset == "digits" else layers.Conv1D
        pool = layers.MaxPooling2D if spec.dataset == "digits" else layers.MaxPooling1D
        stack: list[keras.layers.Layer] = []
        for index in range(spec.depth):
            stack.append(conv(spec.units, 3, padding="same", activation=spec.activation,
                              kernel_initializer=_init(spec.kernel_init),
                              bias_initializer=_init(spec.bias_init)))  # fmt: skip
            if index == 0:
                stack.append(pool(2))
        return [*stack, layers.Flatten()]
    cell = layers.LSTM if spec.rnn_cell == "lstm" else layers.SimpleRNN
    extra = {} if spec.rnn_cell == "lstm" else {"activation": spec.rnn_activation}
    rnn = cell(
        spec.rnn_units,
        recurrent_initializer=_init(spec.recurrent_init),
        kernel_initializer=_init(spec.kernel_init)
        if spec.rnn_activation == "relu" else "glorot_uniform",
        **extra,
    )
    return [rnn, *[_dense(spec) for _ in range(spec.depth)]]


def build(spec: ModelSpec, input_shape: tuple[int, ...]) -> keras.Model:
    """The compiled zoo model, its weights drawn from `spec.seed`."""
    keras.utils.set_random_seed(spec.seed)
    info = INFO[spec.dataset]
    output_activation = {"binary": "sigmoid", "multiclass": "softmax"}.get(info.task)
    model = keras.Sequential(
        [
            keras.Input(input_shape),
            *_hidden(spec),
            keras.layers.Dense(info.n_outputs, activation=output_activation),
        ],
        name=spec.model_id.replace("-", "_"),
    )
    options = {k: v for k, v in spec.optimizer.items() if k != "name"}
    optimizer = keras.optimizers.get({"class_name": spec.optimizer["name"], "config": options})
    metrics = ["mae"] if info.task == "regression" else ["accuracy"]
    model.compile(optimizer=optimizer, loss=LOSSES[info.task], metrics=metrics)
    return model
