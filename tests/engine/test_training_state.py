"""Building a model's training state before its first step: the first trace of the train
step then creates no variable, so TensorFlow traces it once instead of twice."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.training_state import build_training_state

X = np.random.default_rng(0).standard_normal((96, 4)).astype("float32")
Y = (X[:, 0] > 0).astype("int32")


def _model(stateful: bool = False) -> tuple[keras.Model, list[int]]:
    keras.utils.set_random_seed(0)
    if stateful:
        layers = [keras.Input((4, 1), batch_size=2), keras.layers.LSTM(4, stateful=True)]
    else:
        layers = [keras.Input((4,)), keras.layers.Dense(8, activation="relu")]
    model = keras.Sequential([*layers, keras.layers.Dense(2, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    traces: list[int] = []
    step = model.train_step

    def counted(data):  # type: ignore[no-untyped-def]
        traces.append(1)  # Python runs only while TensorFlow traces the step
        return step(data)

    model.train_step = counted
    return model, traces


@pytest.mark.parametrize("built_first", [True, False])
def test_the_train_step_is_traced_once_when_the_state_is_built_first(built_first: bool) -> None:
    model, traces = _model()
    if built_first:
        build_training_state(model, X[:2], Y[:2])
        assert model.optimizer.built
        assert float(model.metrics[-1].result()["accuracy"]) == 0.0  # fed once, then reset
    model.fit(X, Y, epochs=2, batch_size=32, verbose=0)
    assert len(traces) == (1 if built_first else 2)


def test_a_stateful_model_is_left_to_keras() -> None:
    model, _ = _model(stateful=True)
    build_training_state(model, X[:2, :, None], Y[:2])
    assert not model.optimizer.built
