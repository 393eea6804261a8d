"""Multi-input and multi-output test models and their data (seeded, tiny)."""

from __future__ import annotations

from typing import Any

import numpy as np


def two_input_data(n: int = 480, seed: int = 0) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Inputs `a` (4 features) and `b` (3 features); 3 classes that need both."""
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(n, 4)).astype("float32")
    b = rng.normal(size=(n, 3)).astype("float32")
    y = (a[:, 0] + b[:, 0] > 0).astype("int64") + (a[:, 1] - b[:, 1] > 1).astype("int64")
    return {"a": a, "b": b}, y


def two_output_data(
    n: int = 600, seed: int = 0
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One input of 6 features; a 3-class `label` and a continuous `score`."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 6)).astype("float32")
    label = (x[:, 0] + x[:, 1] > 0).astype("int64") + (x[:, 2] > 0.5).astype("int64")
    score = (x[:, 3] - x[:, 4]).reshape(-1, 1).astype("float32")
    return x, {"label": label, "score": score}


def two_input_model(seed: int = 0, compiled: bool = True) -> Any:
    """Inputs `a`, `b` -> one softmax head `out` (3 classes)."""
    import keras

    keras.utils.set_random_seed(seed)
    a, b = keras.Input((4,), name="a"), keras.Input((3,), name="b")
    h = keras.layers.Concatenate(name="join")(
        [keras.layers.Dense(8, activation="relu", name="a_dense")(a),
         keras.layers.Dense(8, activation="relu", name="b_dense")(b)]
    )  # fmt: skip
    h = keras.layers.Dense(16, activation="relu", name="trunk")(h)
    model = keras.Model([a, b], keras.layers.Dense(3, activation="softmax", name="out")(h))
    if compiled:
        model.compile(keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                      metrics=["acc"])  # fmt: skip
    return model


def two_output_model(
    seed: int = 0,
    *,
    activation: str = "relu",
    depth: int = 2,
    optimizer: Any = None,
    two_inputs: bool = False,
) -> Any:
    """One input `features` (or `a`, `b`) -> a hidden stack -> `label` (3 logits, loss
    SparseCategoricalCrossentropy(from_logits=True)) and `score` (mse), loss weights 1 and
    0.5, per-output metrics."""
    import keras

    keras.utils.set_random_seed(seed)
    if two_inputs:
        inputs: Any = [keras.Input((4,), name="a"), keras.Input((3,), name="b")]
        h = keras.layers.Concatenate(name="join")(inputs)
    else:
        inputs = keras.Input((6,), name="features")
        h = inputs
    for index in range(depth):
        h = keras.layers.Dense(16, activation=activation, name=f"hidden_{index}")(h)
    outputs = {"label": keras.layers.Dense(3, name="label")(h),
               "score": keras.layers.Dense(1, name="score")(h)}  # fmt: skip
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer or keras.optimizers.Adam(0.01),
        loss={"label": keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              "score": "mse"},
        loss_weights={"label": 1.0, "score": 0.5},
        metrics={"label": ["accuracy"], "score": ["mae"]},
    )  # fmt: skip
    return model


def output_spec(model: Any, y: dict[str, np.ndarray], first: str) -> Any:
    """The `TrainingSpec` of a compiled multi-output model for targets `y` (its losses,
    weights and metrics per output, as the job reads them; `first`: the output whose loss
    names the task)."""
    from autotrainer_keras.config import TrainingConfig
    from autotrainer_keras.engine.output_setup import resolve_outputs
    from autotrainer_keras.repair import keras_spec

    outputs = resolve_outputs(model, None, None, y)
    return keras_spec.spec_from_model(
        model, TrainingConfig(), loss=outputs.names[first], metrics=[], seed=0,
        output_losses=outputs.losses, loss_weights=outputs.loss_weights,
        output_metrics=outputs.metrics,
    )  # fmt: skip
