"""Inputs and targets given by position, as `keras.Model.fit` takes them (keras-io's
functional-API examples pass lists): mapped to the model's names in its declared order;
a count that does not match, or lists for a model declared with dicts (whose flattened
order is Keras' sorted keys, not the user's), are refused with one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.errors import InputError

from .models import two_input_data, two_input_model, two_output_data, two_output_model

pytestmark = pytest.mark.medium


def _list_output_model(seed: int = 0) -> Any:
    """One input -> [`label` (3-class softmax), `score` (linear)], declared as a list."""
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((6,), name="features")
    h = keras.layers.Dense(16, activation="relu")(inputs)
    outputs = [keras.layers.Dense(3, activation="softmax", name="label")(h),
               keras.layers.Dense(1, name="score")(h)]  # fmt: skip
    model = keras.Model(inputs, outputs)
    model.compile("adam", loss=["sparse_categorical_crossentropy", "mse"])
    return model


def test_two_inputs_by_position_train_as_by_name(tmp_path: Path) -> None:
    """The same seeded job fed by name and by position ends with the same scores."""
    x, y = two_input_data()
    split = 360

    def job(given: Any, name: str) -> dict[str, Any]:
        train = {k: v[:split] for k, v in given.items()} if isinstance(given, dict) else [
            v[:split] for v in given]
        val = {k: v[split:] for k, v in given.items()} if isinstance(given, dict) else [
            v[split:] for v in given]
        result = autotrainer_keras.fit(
            two_input_model(), train, y[:split], epochs=4, validation_data=(val, y[split:]),
            tracking=False, output_dir=tmp_path / name, repair=False,
        )  # fmt: skip
        return result.report["original"]

    by_name, by_position = job(x, "name"), job([x["a"], x["b"]], "position")
    assert by_position["val_accuracy"] == pytest.approx(by_name["val_accuracy"], abs=1e-6)
    assert by_position["val_loss"] == pytest.approx(by_name["val_loss"], rel=1e-5)


def test_two_outputs_by_position_train_as_by_name(tmp_path: Path) -> None:
    x, y = two_output_data()
    result = autotrainer_keras.fit(
        _list_output_model(), x, [y["label"], y["score"]], epochs=3, validation_split=0.25,
        tracking=False, output_dir=tmp_path / "out", repair=False,
    )  # fmt: skip
    assert result.report["task"] == "multi_output"


def test_a_count_that_does_not_match_and_a_dict_declared_model_are_refused(
    tmp_path: Path,
) -> None:
    x, y = two_input_data()
    with pytest.raises(InputError, match=r"3 arrays by position but the model has 2 \(a, b\)"):
        autotrainer_keras.fit(two_input_model(), [x["a"], x["b"], x["b"]], y, epochs=1,
                              tracking=False, output_dir=tmp_path / "a")  # fmt: skip
    features, targets = two_output_data()
    with pytest.raises(InputError, match="dict of arrays by output name"):
        autotrainer_keras.fit(two_output_model(), features, [targets["label"], targets["score"]],
                              epochs=1, tracking=False, output_dir=tmp_path / "b")  # fmt: skip
    assert np.asarray(y).ndim == 1  # a plain label vector is no list of arrays


def test_rows_as_python_lists_are_rows_not_inputs_by_position(tmp_path: Path) -> None:
    """A plain list of rows (Python lists) is one input, as Keras reads it."""
    import keras

    from autotrainer_keras.fit_inputs import by_position

    rows = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
    assert by_position(rows, ["features"], "inputs") is rows
    scalars = [np.float32(1.0), np.float32(2.0)]  # one target per row, not two outputs
    assert by_position(scalars, ["score"], "outputs") is scalars
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    x = np.random.default_rng(0).normal(size=(64, 3)).tolist()
    y = [int(r[0] > 0) for r in x]
    result = autotrainer_keras.fit(model, x, y, epochs=1, tracking=False,
                                   output_dir=tmp_path / "out", repair=False)  # fmt: skip
    assert result.report["original"]["epochs_run"] == 1


def test_a_dict_of_outputs_keyed_unlike_its_layers_is_refused_with_the_fix_named(
    tmp_path: Path,
) -> None:
    """Keras' own fit takes targets by the dict's keys; the job reads each output by its
    layer's name, so it names the mismatch and the fix in one line."""
    import keras

    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(8, activation="relu")(inputs)
    model = keras.Model(inputs, {"zeta": keras.layers.Dense(1, name="dense_z")(hidden),
                                 "alpha": keras.layers.Dense(1, name="dense_a")(hidden)})
    model.compile("adam", loss={"zeta": "mse", "alpha": "mse"})
    x = np.random.default_rng(0).normal(size=(64, 4)).astype("float32")
    y = {"zeta": x[:, :1], "alpha": x[:, 1:2]}
    with pytest.raises(InputError, match=r"returns a dict keyed \['alpha', 'zeta'\] whose "
                                         r"output layers are named .*name each output layer"):
        autotrainer_keras.fit(model, x, y, epochs=1, tracking=False,
                              output_dir=tmp_path / "out")  # fmt: skip
