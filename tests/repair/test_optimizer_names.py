"""Keras optimizers that `keras.optimizers.get` does not know by their lower-case name (Lamb)
are rebuilt from a spec all the same (practice batch 19's Lamb scripts were refused)."""

from __future__ import annotations

import keras
import pytest

from autotrainer_keras.config import TrainingConfig
from autotrainer_keras.repair import keras_spec


@pytest.mark.parametrize("optimizer", [keras.optimizers.Lamb(0.02, beta_1=0.8),
                                       keras.optimizers.Lion(3e-4)])  # fmt: skip
def test_an_optimizer_outside_keras_get_is_rebuilt_with_its_settings(optimizer) -> None:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer, "mse")
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)
    rebuilt = keras_spec.make_optimizer(spec.optimizer)
    assert type(rebuilt) is type(optimizer)
    assert rebuilt.get_config() == {**optimizer.get_config(), "name": rebuilt.name}
    schedule = keras.optimizers.schedules.CosineDecay(0.1, 50)
    with_schedule = keras_spec.make_optimizer(
        {"name": "lamb", "learning_rate": keras.optimizers.schedules.serialize(schedule)}
    )
    assert float(with_schedule.learning_rate) == pytest.approx(0.1)

