"""Validation targets on another scale than the training targets (practice batch 47: a log
price trained on, raw dollars validated), read before training (`validation_targets`)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig, TrainingConfig
from autotrainer_keras.engine.setup_check import SetupCheck
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.problems import SetupProblem
from autotrainer_keras.repair import keras_spec


def _shift_findings(seed: int, raw_validation: bool, scale: float = 1.0) -> list:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(900, 5)).astype("float32")
    price = np.exp(11.5 + 0.4 * x[:, :1] + 0.1 * rng.normal(size=(900, 1)))
    y = np.log(price).astype("float32") * scale
    y_val = (price[700:] if raw_validation else y[700:]).astype("float32")
    model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(8, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    spec = keras_spec.spec_from_model(model, TrainingConfig(), loss="mse", metrics=[], seed=0)
    check = SetupCheck(AutotrainerConfig(), Dataset(x[:700], y[:700], x[700:], y_val), (None, 1))
    return [f for f in check.check(model, spec) if f.problem is SetupProblem.VALIDATION_SHIFT]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_raw_validation_targets_for_a_log_target_are_a_validation_shift(seed: int) -> None:
    [found] = _shift_findings(seed, raw_validation=True)
    assert found.evidence["val_target_gap"] > 1000
    assert "a log or a scaler applied to the training targets only" in found.reason


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_validation_targets_drawn_like_the_training_ones_are_quiet(seed: int) -> None:
    assert _shift_findings(seed, raw_validation=False) == []
    assert _shift_findings(seed, raw_validation=False, scale=1e4) == []  # any scale alike
