"""`accumulation_off`: gradient accumulation removed from the optimizer (too few updates in
the budget); config in, config out, and the rebuilt optimizer."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

OP = get_operator("accumulation_off")


def _spec(**optimizer: object) -> TrainingSpec:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.SGD(0.05, momentum=0.9, **optimizer))
    return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip


def test_accumulation_is_switched_off_and_the_rest_of_the_optimizer_kept() -> None:
    spec, params = OP.apply(_spec(gradient_accumulation_steps=64), 0, np.random.default_rng(0))
    optimizer = keras_spec.make_optimizer(spec.optimizer)
    assert optimizer.gradient_accumulation_steps is None
    assert float(optimizer.learning_rate) == pytest.approx(0.05)
    assert float(optimizer.momentum) == pytest.approx(0.9)
    assert params == {"from": 64} and "over 64 batches switched off" in OP.describe(params)


def test_it_does_not_apply_without_accumulation() -> None:
    with pytest.raises(ModelSpecError, match="accumulates no gradients"):
        OP.apply(_spec(), 0, np.random.default_rng(0))
