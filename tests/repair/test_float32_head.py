"""`float32_head`: a mixed-precision model's output layers computed in float32; config in,
config out, the rebuilt model, and models whose outputs are float32 already left alone."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

OP = get_operator("float32_head")


def _spec(head_dtype: str | None, functional: bool = False) -> TrainingSpec:
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(0)
        layers = [keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1),
                  keras.layers.Rescaling(1e5, offset=6.5e5, dtype=head_dtype, name="price")]
        if functional:
            inputs = keras.Input((4,))
            h = inputs
            for layer in layers:
                h = layer(h)
            model = keras.Model(inputs, h)
        else:
            model = keras.Sequential([keras.Input((4,)), *layers])
        model.compile(keras.optimizers.Adam(1e-3), "mse")
        return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=[],
                                          loss="mse")  # fmt: skip
    finally:
        keras.mixed_precision.set_global_policy(previous)


@pytest.mark.parametrize("functional", [False, True])
def test_a_float16_output_layer_computes_in_float32(functional: bool) -> None:
    repaired, params = OP.apply(_spec(None, functional), 0, np.random.default_rng(0))
    model = keras_spec.build_model(repaired)
    head = model.get_layer("price")
    assert head.compute_dtype == "float32" and params == {"layers": ["price"]}
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    assert {layer.compute_dtype for layer in dense} == {"float16"}  # the rest stays mixed
    x = np.ones((2, 4), "float32")
    assert np.isfinite(keras.ops.convert_to_numpy(model(x))).all()  # 6.5e5 is past float16
    assert "Computed price in float32" in OP.describe(params)


def test_it_does_not_apply_to_outputs_in_float32() -> None:
    with pytest.raises(ModelSpecError, match="float32_head"):
        OP.apply(_spec("float32"), 0, np.random.default_rng(0))
