"""`bn_momentum`: BatchNormalization momenta above 0.9 lowered to 0.9 (an inference mismatch);
config in, config out, the rebuilt Keras model, nested models, and where it does not apply."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.operators.bn_momentum import REPAIRED_MOMENTUM
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec

OP = get_operator("bn_momentum")


def _spec(model: keras.Model) -> TrainingSpec:
    model.compile(keras.optimizers.Adam(1e-3))
    return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip


def _cnn(*momenta: float) -> keras.Model:
    keras.utils.set_random_seed(0)
    layers: list[keras.layers.Layer] = [keras.Input((8, 8, 1))]
    for momentum in momenta:
        layers += [
            keras.layers.Conv2D(8, 3, padding="same", use_bias=False),
            keras.layers.BatchNormalization(momentum=momentum),
            keras.layers.ReLU(),
        ]
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")]
    return keras.Sequential(layers)


def _momenta(model: keras.Model) -> list[float]:
    return [
        layer.momentum
        for layer in model._flatten_layers()
        if isinstance(layer, keras.layers.BatchNormalization)
    ]


def test_momenta_above_09_are_lowered_and_others_kept() -> None:
    spec, params = OP.apply(_spec(_cnn(0.9999, 0.99, 0.8)), 0, np.random.default_rng(0))
    assert _momenta(keras_spec.build_model(spec)) == [REPAIRED_MOMENTUM, REPAIRED_MOMENTUM, 0.8]
    assert params["from"] == [0.99, 0.9999] and len(params["layers"]) == 2
    assert "0.99, 0.9999 -> 0.9" in OP.describe(params)
    assert spec.applied[-1] == "bn_momentum"


def test_a_nested_backbone_is_lowered_too() -> None:
    backbone = _cnn(0.9999)
    backbone = keras.Model(backbone.inputs, backbone.layers[-2].output, name="backbone")
    inputs = keras.Input((8, 8, 1))
    model = keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(backbone(inputs)))
    spec, params = OP.apply(_spec(model), 0, np.random.default_rng(0))
    assert _momenta(keras_spec.build_model(spec)) == [REPAIRED_MOMENTUM]
    assert params["layers"][0].startswith("backbone/")


def test_does_not_apply_without_a_lagging_batchnorm() -> None:
    with pytest.raises(ModelSpecError, match="no hidden BatchNormalization"):
        OP.apply(_spec(_cnn(0.9)), 0, np.random.default_rng(0))
    with pytest.raises(ModelSpecError, match="no hidden BatchNormalization"):
        OP.apply(_spec(_cnn()), 0, np.random.default_rng(0))


def test_the_inference_mismatch_plan_is_bn_momentum() -> None:
    assert plan_for(SetupProblem.INFERENCE_MISMATCH, "default") == [("bn_momentum", 1)]
