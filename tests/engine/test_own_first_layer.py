"""A layer of the user's own that takes the raw inputs first is judged by what it makes of
them (practice batch 70's calibrator, keypoints at the raw columns' quantiles): the reading
(`measure/own_first_layer.py`), the rules (`input_scale`, `feature_spread`) and the job's
pre-flight check. A layer of the user's that passes the raw scale on still fires, as Keras'
own Dense does; over seeds."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.layer_map import is_own
from autotrainer_keras.measure.own_first_layer import own_first_layer
from autotrainer_keras.measure.setup_facts import first_weighted
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec

L = keras.layers


class QuantileCalibrator(L.Layer):
    """Each column through a piecewise-linear map on fixed keypoints (in the raw units),
    deltas softplus(raw): every column onto [0, k - 1] x softplus(0) at the start."""

    def __init__(self, keypoints: list[list[float]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.keypoints = np.asarray(keypoints, "float32")

    def build(self, input_shape) -> None:
        self.raw = self.add_weight(shape=(self.keypoints.shape[0], self.keypoints.shape[1] - 1),
                                   initializer="zeros", name="raw")  # fmt: skip

    def call(self, x):
        low = keras.ops.convert_to_tensor(self.keypoints[:, :-1])
        width = keras.ops.convert_to_tensor(np.maximum(np.diff(self.keypoints, axis=1), 1e-6))
        step = keras.ops.clip((keras.ops.expand_dims(x, -1) - low) / width, 0.0, 1.0)
        return keras.ops.sum(step * keras.ops.softplus(self.raw), axis=-1)

    def get_config(self) -> dict:
        return {**super().get_config(), "keypoints": self.keypoints.tolist()}


class MyDense(L.Dense):
    """A user's Dense: a class of their own that multiplies the raw values all the same."""


def money(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Income, debt (currency units) and age (years); default when debt outweighs income."""
    rng = np.random.default_rng(seed)
    income = rng.lognormal(10.5, 0.5, 1200)
    debt = rng.lognormal(9.5, 0.8, 1200)
    age = rng.uniform(20, 70, 1200)
    x = np.stack([income, debt, age], axis=1).astype("float32")
    y = (debt / income + rng.normal(0, 0.1, 1200) > 0.4).astype("float32").reshape(-1, 1)
    return x, y


def calibrated(x: np.ndarray) -> keras.Model:
    points = np.quantile(x, np.linspace(0, 1, 8), axis=0).T.tolist()
    return keras.Sequential([keras.Input((3,)), QuantileCalibrator(points),
                             L.Dense(1, activation="sigmoid")])  # fmt: skip


def raw_mlp(first: keras.layers.Layer) -> keras.Model:
    return keras.Sequential([keras.Input((3,)), first, L.Dense(1, activation="sigmoid")])


def _unscaled(model: keras.Model, x: np.ndarray, y: np.ndarray) -> list:
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="binary_crossentropy",
                                      metrics=["accuracy"], seed=0)  # fmt: skip
    check = SetupCheck(AutotrainerConfig(), Dataset(x[:900], y[:900], x[900:], y[900:]), (None, 1))
    return [f for f in check.check(model, spec) if f.problem is SetupProblem.UNSCALED_INPUT]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_calibrator_on_raw_units_is_read_at_unit_scale_and_a_raw_dense_is_not(seed: int):
    x, _ = money(seed)
    model = calibrated(x)
    reading = own_first_layer(model, first_weighted(model.layers), x[:256])
    assert reading is not None and reading.layer == model.layers[0].name
    assert 0.5 < reading.scale < 8  # 7 keypoint steps of softplus(0) = 0.69 at most
    mine = raw_mlp(MyDense(8))
    passed_on = own_first_layer(mine, first_weighted(mine.layers), x[:256])
    assert passed_on is not None and passed_on.scale > 1000  # income in the tens of thousands
    keras_dense = raw_mlp(L.Dense(8))
    assert not is_own(keras_dense.layers[0])
    assert own_first_layer(keras_dense, first_weighted(keras_dense.layers), x[:256]) is None


@pytest.mark.parametrize("seed", [0, 1])
def test_the_pre_flight_check_spares_the_calibrator_and_names_raw_dense_layers(seed: int):
    x, y = money(seed)
    assert _unscaled(calibrated(x), x, y) == []
    assert len(_unscaled(raw_mlp(MyDense(8)), x, y)) == 1
    assert len(_unscaled(raw_mlp(L.Dense(8)), x, y)) == 1
    silent = raw_mlp(MyDense(8, kernel_initializer="zeros"))  # outputs all 0: says nothing
    assert len(_unscaled(silent, x, y)) == 1


def test_no_reading_for_several_inputs_or_no_rows() -> None:
    x, _ = money(0)
    a, b = keras.Input((3,)), keras.Input((3,))
    two = keras.Model([a, b], L.Dense(1)(L.Concatenate()([MyDense(4)(a), b])))
    assert own_first_layer(two, first_weighted(two.layers), [x[:64], x[:64]]) is None
    model = calibrated(x)
    assert own_first_layer(model, first_weighted(model.layers), None) is None
