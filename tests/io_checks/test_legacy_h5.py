"""Keras 2 `.h5` files: read as they were meant (io/legacy_h5.py), the file never written.

The files are Keras 3 `.h5` saves rewritten to what standalone Keras 2 / tf.keras 2 wrote (a
Sequential without its InputLayer, the input shape as the first layer's `batch_input_shape`,
`lr` and a time-based `decay` in the optimizer, LSTM's `time_major`): each of these failed to
load or loaded wrong before (tried on tf_keras 2.21 saves: "Argument(s) not recognized:
{'lr': 0.01}", a model expecting rows of shape (None, 10), "Unrecognized keyword arguments
passed to LSTM: {'time_major': False}")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import h5py
import numpy as np
import pytest

from autotrainer_keras.engine.compiled import compiled_metrics, metric_name
from autotrainer_keras.errors import InputError
from autotrainer_keras.io.legacy_h5 import (
    Translation,
    translated_model_config,
    translated_training_config,
    without_unknown_arguments,
)
from autotrainer_keras.io.model_file import load_model_with_notes, sha256_of


def _training(optimizer: dict[str, Any]) -> dict[str, Any]:
    return {"optimizer_config": {"class_name": "SGD", "config": optimizer},
            "loss": "binary_crossentropy", "metrics": ["acc"], "loss_weights": None}  # fmt: skip


def test_keras_2_rate_and_time_based_decay_keep_their_meaning() -> None:
    new, notes = translated_training_config(_training({"lr": 0.05, "decay": 1e-3,
                                                       "momentum": 0.9}))  # fmt: skip
    assert new is not None
    args = new["optimizer_config"]["config"]
    assert "lr" not in args and "decay" not in args and args["momentum"] == 0.9
    schedule = args["learning_rate"]
    assert schedule["class_name"] == "InverseTimeDecay"
    assert schedule["config"]["initial_learning_rate"] == 0.05
    assert schedule["config"]["decay_steps"] == 1 and schedule["config"]["decay_rate"] == 1e-3
    assert len(notes) == 2 and "lr is read as learning_rate" in notes[0]
    assert "InverseTimeDecay(0.05, decay_steps=1, decay_rate=0.001)" in notes[1]


def test_zero_decay_and_null_epsilon_change_nothing_a_user_would_see() -> None:
    new, notes = translated_training_config(_training({"learning_rate": 0.01, "decay": 0.0,
                                                       "epsilon": None}))  # fmt: skip
    assert new is not None and notes == ()
    assert new["optimizer_config"]["config"] == {"learning_rate": 0.01, "epsilon": 1e-7}
    nadam_args = {"learning_rate": 0.002, "schedule_decay": 0.01}
    nadam, nadam_notes = translated_training_config(_training(nadam_args))
    assert nadam is not None and "schedule_decay" not in nadam["optimizer_config"]["config"]
    assert "schedule_decay 0.01 is dropped" in nadam_notes[0]


def test_a_keras_3_training_config_is_left_alone() -> None:
    assert translated_training_config(_training({"learning_rate": 0.01, "momentum": 0.0})) == (
        None, ())  # fmt: skip
    assert translated_training_config({"loss": "mse"}) == (None, ())


def _sequential(first: dict[str, Any]) -> dict[str, Any]:
    dense = {"class_name": "Dense", "config": {"name": "out", "units": 1}}
    return {"class_name": "Sequential", "config": {"name": "s", "layers": [first, dense]}}


def test_a_sequential_first_layer_batch_input_shape_loses_its_batch_axis() -> None:
    first = {"class_name": "Dense", "config": {"name": "hidden", "units": 8,
                                               "batch_input_shape": [None, 10]}}  # fmt: skip
    new, notes = translated_model_config(_sequential(first))
    assert new is not None
    config = new["config"]["layers"][0]["config"]
    assert config["input_shape"] == [10] and "batch_input_shape" not in config
    assert "hidden" in notes[0]
    with_input = {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 10]}}
    assert translated_model_config(_sequential(with_input)) == (None, ())


def test_thresholded_relu_becomes_the_same_relu() -> None:
    first = {"class_name": "InputLayer", "config": {"batch_shape": [None, 10]}}
    model = _sequential(first)
    model["config"]["layers"].insert(1, {"class_name": "ThresholdedReLU",
                                         "config": {"name": "gate", "theta": 0.5}})  # fmt: skip
    new, notes = translated_model_config(model)
    assert new is not None and new["config"]["layers"][1] == {
        "class_name": "ReLU", "config": {"name": "gate", "threshold": 0.5}}
    assert "ThresholdedReLU gate" in notes[0]
    import keras

    relu = keras.layers.ReLU(threshold=0.5)
    x = np.array([[-1.0, 0.2, 0.49, 0.51, 2.0]], dtype="float32")
    np.testing.assert_array_equal(np.asarray(relu(x)), x * (x > 0.5))  # Keras 2's definition


def test_only_a_keras_refusal_of_layer_arguments_is_retried(tmp_path: Path) -> None:
    path = tmp_path / "m.h5"
    model = _sequential({"class_name": "LSTM", "config": {"name": "lstm", "units": 4,
                                                          "time_major": False}})  # fmt: skip
    with h5py.File(path, "w") as handle:
        handle.attrs["model_config"] = json.dumps(model)
    message = "Unrecognized keyword arguments passed to LSTM: {'time_major': False}"
    plan = without_unknown_arguments(Translation(), path, message)
    assert plan is not None and "time_major=False" in plan.notes[0]
    assert "time_major" not in plan.configs["model_config"]["config"]["layers"][0]["config"]
    assert without_unknown_arguments(plan, path, message) is None  # nothing left to remove
    assert without_unknown_arguments(Translation(), path, "Unknown layer: 'Foo'") is None
    assert without_unknown_arguments(Translation(), tmp_path / "m.keras", message) is None


def _keras_2_file(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """An Embedding -> LSTM -> Dense model saved by Keras 3 as `.h5`, rewritten as Keras 2
    wrote it; its inputs and its predictions before the rewrite."""
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((12,)), keras.layers.Embedding(30, 4),
                              keras.layers.LSTM(5), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(keras.optimizers.SGD(0.1), "binary_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).integers(1, 30, size=(16, 12))
    expected = model.predict(x, verbose=0)
    model.save(path)
    with h5py.File(path, "r+") as handle:
        config = json.loads(handle.attrs["model_config"])
        layers = config["config"]["layers"]
        shape = layers.pop(0)["config"]["batch_shape"]  # the InputLayer
        layers[0]["config"]["batch_input_shape"] = shape
        layers[1]["config"]["time_major"] = False
        handle.attrs["model_config"] = json.dumps(config)
        training = json.loads(handle.attrs["training_config"])
        training["optimizer_config"] = {"class_name": "SGD", "config": {
            "lr": 0.1, "momentum": 0.0, "decay": 1e-4, "nesterov": False}}  # fmt: skip
        training["metrics"] = [[{"class_name": "MeanMetricWrapper", "config": {
            "name": "accuracy", "dtype": "float32", "fn": "binary_accuracy"}}]]  # one per output
        handle.attrs["training_config"] = json.dumps(training)
        handle.attrs["keras_version"] = "2.2.4"
    return x, expected


def test_a_keras_2_file_loads_as_it_was_meant_and_is_not_written(tmp_path: Path) -> None:
    import keras

    path = tmp_path / "keras2.h5"
    x, expected = _keras_2_file(path)
    digest = sha256_of(path)
    model, notes = load_model_with_notes(path)
    assert sha256_of(path) == digest
    assert tuple(model.input_shape) == (None, 12)
    np.testing.assert_allclose(model.predict(x, verbose=0), expected, rtol=1e-5, atol=1e-6)
    schedule = model.optimizer._learning_rate
    assert isinstance(schedule, keras.optimizers.schedules.InverseTimeDecay)
    assert float(schedule(10_000)) == pytest.approx(0.1 / (1 + 1e-4 * 10_000))
    assert [metric_name(m) for m in compiled_metrics(model)] == ["accuracy"]  # was a crash
    assert [note.split(": ", 1)[1][:18] for note in notes] == [
        "the batch_input_sh", "the optimizer's lr", "the optimizer's ti", "LSTM's time_major="]


def test_a_broken_keras_2_file_still_gets_one_line(tmp_path: Path) -> None:
    path = tmp_path / "keras2.h5"
    _keras_2_file(path)
    with h5py.File(path, "r+") as handle:
        config = json.loads(handle.attrs["model_config"])
        config["config"]["layers"][1]["class_name"] = "NoSuchLayer"
        handle.attrs["model_config"] = json.dumps(config)
    with pytest.raises(InputError, match="could not be loaded") as error:
        load_model_with_notes(path)
    assert "\n" not in str(error.value)


def test_a_training_config_no_keras_wrote_is_left_to_keras(tmp_path: Path) -> None:
    path = tmp_path / "keras2.h5"
    _keras_2_file(path)
    with h5py.File(path, "r+") as handle:
        training = json.loads(handle.attrs["training_config"])
        training["optimizer_config"]["config"]["decay"] = "fast"
        handle.attrs["training_config"] = json.dumps(training)
    with pytest.raises(InputError, match="could not be loaded: Argument.* not recognized"):
        load_model_with_notes(path)


def test_a_keras_2_file_named_hdf5_loads_too(tmp_path: Path) -> None:
    """Keras 2's ModelCheckpoint examples name their files `*.hdf5`."""
    path = tmp_path / "weights.01-0.69.hdf5"
    x, expected = _keras_2_file(tmp_path / "keras2.h5")
    (tmp_path / "keras2.h5").rename(path)
    model, notes = load_model_with_notes(path)
    np.testing.assert_allclose(model.predict(x, verbose=0), expected, rtol=1e-5, atol=1e-6)
    assert len(notes) == 4
