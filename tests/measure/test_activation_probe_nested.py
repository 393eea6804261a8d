"""The activation probe on a model with a nested sub-model (a pretrained backbone as one layer)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.measure.activation_probe import ActivationProbe


def _backbone() -> keras.Model:
    inputs = keras.Input((6,))
    hidden = keras.layers.Dense(5, activation="relu", name="inner_dense")(inputs)
    return keras.Model(inputs, hidden, name="backbone")


def _functional() -> keras.Model:
    inputs = keras.Input((6,))
    features = _backbone()(inputs)
    hidden = keras.layers.Dense(4, activation="tanh", name="head_dense")(features)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(hidden))


def _sequential() -> keras.Model:
    return keras.Sequential([keras.Input((6,)), _backbone(),
                             keras.layers.Dense(4, activation="tanh", name="head_dense"),
                             keras.layers.Dense(3, activation="softmax")])  # fmt: skip


@pytest.mark.parametrize("build", [_functional, _sequential])
def test_a_nested_backbone_is_measured_as_one_hidden_layer(build) -> None:
    keras.utils.set_random_seed(0)
    model = build()
    x = np.random.default_rng(0).normal(size=(32, 6)).astype("float32")
    y = np.eye(3, dtype="float32")[np.arange(32) % 3]
    probe = ActivationProbe(model, x, y)
    hidden, output = probe.measure()
    assert [stats.layer for stats in hidden] == ["backbone", "head_dense"]
    features = np.asarray(model.get_layer("backbone")(x))
    expected_rms = float(np.sqrt(np.mean(np.square(features))))
    assert hidden[0].rms == pytest.approx(expected_rms, rel=1e-4)
    assert output.activation == "softmax"
