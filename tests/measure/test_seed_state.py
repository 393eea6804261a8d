"""`measure.seed_state`: a check's forward pass leaves the model as it found it. A GRU with
recurrent dropout draws masks at inference calls too (its seed state moves); a stateful LSTM
carries its state from call to call, so it is not called at all. `build_training_state` (the
job's eager build before the first step) goes through the same helper."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.fast


def _gru_model():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([
        keras.Input((6, 3)),
        keras.layers.GRU(4, recurrent_dropout=0.3),
        keras.layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model


def _seed_values(model) -> list[np.ndarray]:
    from autotrainer_keras.measure.seed_state import seed_states

    return [np.array(v.numpy()) for v in seed_states(model)]


def _rows() -> tuple[np.ndarray, np.ndarray]:
    x = np.random.default_rng(0).standard_normal((8, 6, 3)).astype("float32")
    return x, (x[:, 0, 0] > 0).astype("float32")


def test_a_recurrent_dropout_models_seed_state_moves_on_a_bare_call_and_not_on_a_quiet_one():
    from autotrainer_keras.measure.seed_state import quiet_predictions

    model, (x, _) = _gru_model(), _rows()
    before = _seed_values(model)
    assert before, "the GRU's dropout has a seed generator"
    predictions = quiet_predictions(model, x)
    assert predictions is not None and predictions.shape == (8, 1)
    for old, new in zip(before, _seed_values(model), strict=True):
        np.testing.assert_array_equal(old, new)
    model(x, training=False)  # what the helper guards against
    assert any(not np.array_equal(o, n) for o, n in zip(before, _seed_values(model), strict=True))


def test_a_stateful_model_is_not_called():
    import keras

    from autotrainer_keras.measure.seed_state import is_stateful, quiet_call

    inputs = keras.Input((6, 3), batch_size=8)
    outputs = keras.layers.Dense(1)(keras.layers.LSTM(4, stateful=True)(inputs))
    model = keras.Model(inputs, outputs)
    x, _ = _rows()
    model(x)  # the state now holds something
    states = [np.array(s.numpy()) for s in model.layers[1].states]
    assert is_stateful(model)
    assert quiet_call(model, x) is None
    for old, new in zip(states, model.layers[1].states, strict=True):
        np.testing.assert_array_equal(old, new.numpy())


def test_building_the_training_state_keeps_the_seed_state():
    from autotrainer_keras.engine.training_state import build_training_state

    model, (x, y) = _gru_model(), _rows()
    before = _seed_values(model)
    build_training_state(model, x[:2], y[:2])
    assert model.optimizer.built
    for old, new in zip(before, _seed_values(model), strict=True):
        np.testing.assert_array_equal(old, new)
