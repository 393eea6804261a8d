"""`Watch(validation_data=...)`: the validation rows the user passes to `model.fit` (Keras
gives a callback none of its own) are compared with the probe rows before the first step, as
`autotrainer_keras.fit` compares its validation data: validation inputs scaled unlike the
training ones are named; validation rows drawn like the training rows raise nothing; rows
the model cannot take are left to Keras' own error."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from watch_models import blobs

from autotrainer_keras.keras import Watch

pytestmark = pytest.mark.medium


def _model() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def _split() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    x, y = blobs(600, seed=3)
    x = x * 40.0 + 300.0  # raw units (an income, a temperature in kelvin)
    mean, std = x[:450].mean(0), x[:450].std(0)
    return (x[:450] - mean) / std, y[:450], x[450:], y[450:]  # validation rows left raw


def _fit(validation: tuple[np.ndarray, np.ndarray], given: bool) -> Watch:
    x, y, _, _ = _split()
    watch = Watch(probe_data=(x, y), validation_data=validation if given else None, verbose=0)
    _model().fit(x, y, epochs=1, validation_data=validation, verbose=0, callbacks=[watch])
    return watch


def test_validation_inputs_prepared_unlike_the_training_inputs_are_named_before_training() -> None:
    _, _, x_val, y_val = _split()
    watch = _fit((x_val, y_val), given=True)
    first = watch.findings[0]
    assert first.problem.value == "validation_shift" and first.step == 0
    assert first.evidence["val_distance"] > 20.0


def test_without_validation_data_the_probe_rows_stand_in_and_nothing_is_named() -> None:
    _, _, x_val, y_val = _split()
    assert _fit((x_val, y_val), given=False).findings == []


def test_validation_rows_drawn_like_the_training_rows_raise_nothing() -> None:
    x, y = blobs(600, seed=3)
    mean, std = x[:450].mean(0), x[:450].std(0)
    assert _fit(((x[450:] - mean) / std, y[450:]), given=True).findings == []


def test_validation_rows_the_model_cannot_take_are_left_to_keras() -> None:
    x, y, _, _ = _split()
    watch = Watch(probe_data=(x, y), validation_data=(x[:, :3], y), verbose=0)
    _model().fit(x, y, epochs=1, verbose=0, callbacks=[watch])  # no validation in this fit
    assert watch.findings == []


@pytest.mark.parametrize("argument", ["probe_data", "validation_data"])
def test_weights_not_one_per_row_are_one_line_naming_the_argument(argument: str) -> None:
    rows = (np.zeros((4, 2)), np.array([0.0, np.nan, 1.0, 0.0]), np.ones(3))  # a NaN row too
    with pytest.raises(ValueError, match=f"Watch {argument}: sample_weight"):
        Watch(**{argument: rows})
