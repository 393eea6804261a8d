"""`clip_loose`: a gradient clip below 0.1 under plain SGD loosened to 1 (the clip kept);
adaptive optimizers and usual clips left alone."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import keras_spec
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.spec import TrainingSpec

OP = get_operator("clip_loose")


def _spec(optimizer: keras.optimizers.Optimizer) -> TrainingSpec:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer)
    return keras_spec.spec_from_model(model, TrainingConfig(), seed=0, metrics=["accuracy"],
                                      loss="sparse_categorical_crossentropy")  # fmt: skip


def test_a_tight_clip_under_sgd_is_loosened_and_the_rest_kept() -> None:
    spec = _spec(keras.optimizers.SGD(0.05, momentum=0.9, clipvalue=1e-4))
    repaired, params = OP.apply(spec, 0, np.random.default_rng(0))
    optimizer = keras_spec.make_optimizer(repaired.optimizer)
    assert (optimizer.clipvalue, optimizer.clipnorm) == (1.0, None)
    assert float(optimizer.momentum) == pytest.approx(0.9)
    assert params == {"from": {"clipvalue": 1e-4}, "to": 1.0}
    assert "clipvalue=0.0001 -> 1" in OP.describe(params)


@pytest.mark.parametrize("optimizer", [
    keras.optimizers.Adam(1e-3, clipvalue=1e-4),  # Adam's normalisation undoes the clip
    keras.optimizers.SGD(0.01, clipnorm=1.0),     # a usual clip
    keras.optimizers.SGD(0.01),
], ids=["adam", "usual", "none"])  # fmt: skip
def test_it_does_not_apply_to_adaptive_optimizers_or_usual_clips(optimizer) -> None:
    with pytest.raises(ModelSpecError, match="clip_loose"):
        OP.apply(_spec(optimizer), 0, np.random.default_rng(0))
