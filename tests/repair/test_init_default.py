"""`init_default`: fixed-scale or constant initialisations replaced by the standard one for
the layer's activation; config in, config out, the rebuilt model, and a real training that a
`RandomNormal(stddev=3)` initialisation keeps from learning and the repair lets learn."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec
from autotrainer_keras.repair.warm_start import reinitialised_layers

OP = get_operator("init_default")


def _spec(model: keras.Model) -> TrainingSpec:
    model.compile(keras.optimizers.Adam(1e-3))
    return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip


def _mlp(kernel: object = "glorot_uniform", bias: object = "zeros") -> keras.Model:
    keras.utils.set_random_seed(0)
    return keras.Sequential([
        keras.Input((8,)),
        keras.layers.Dense(32, activation="relu", kernel_initializer=kernel,
                           bias_initializer=bias, name="relu_1"),
        keras.layers.Dense(32, activation="tanh", kernel_initializer=kernel, name="tanh_2"),
        keras.layers.Dense(3, activation="softmax", kernel_initializer=kernel, name="out"),
    ])  # fmt: skip


def _init_names(model: keras.Model) -> dict[str, tuple[str, str]]:
    return {layer.name: (type(layer.kernel_initializer).__name__,
                         type(layer.bias_initializer).__name__) for layer in model.layers}


def test_fixed_scale_kernels_get_he_or_glorot_and_the_output_layer_is_kept() -> None:
    large = keras.initializers.RandomNormal(stddev=3.0)
    spec, params = OP.apply(_spec(_mlp(large)), 0, np.random.default_rng(0))
    assert params["layers"] == ["relu_1", "tanh_2"]
    names = _init_names(keras_spec.build_model(spec))
    assert names["relu_1"][0] == "HeUniform" and names["tanh_2"][0] == "GlorotUniform"
    assert names["out"][0] == "RandomNormal"  # the output block is the user's
    assert reinitialised_layers(_spec(_mlp(large)).model, spec.model) == {"relu_1", "tanh_2"}
    assert "standard initialisation" in OP.describe(params)


def test_a_constant_bias_is_zeroed_and_zero_kernels_replaced() -> None:
    spec, params = OP.apply(_spec(_mlp("zeros", keras.initializers.Constant(-3.0))), 0,
                            np.random.default_rng(0))  # fmt: skip
    names = _init_names(keras_spec.build_model(spec))
    assert names["relu_1"] == ("HeUniform", "Zeros")
    assert params["layers"] == ["relu_1", "tanh_2"]


def test_it_does_not_apply_to_standard_initialisations() -> None:
    for kernel in ("glorot_uniform", "he_normal", "lecun_normal", "orthogonal"):
        with pytest.raises(ModelSpecError, match="standard initialisation"):
            OP.apply(_spec(_mlp(kernel)), 0, np.random.default_rng(0))


@pytest.mark.medium
def test_the_standard_initialisation_learns_where_the_large_one_does_not() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 8)).astype("float32")
    y = (x[:, :3].argmax(axis=1)).astype("int32")
    original = _spec(_mlp(keras.initializers.RandomNormal(stddev=3.0)))
    repaired, _ = OP.apply(original, 0, np.random.default_rng(0))
    accuracies = []
    for spec in (original, repaired):
        model = keras_spec.build_model(spec)
        keras_spec.compile_model(model, spec)
        keras.utils.set_random_seed(0)
        model.fit(x[:400], y[:400], epochs=10, batch_size=32, verbose=0)
        accuracies.append(model.evaluate(x[400:], y[400:], verbose=0)[1])
    assert accuracies[1] > accuracies[0] + 0.1, accuracies
