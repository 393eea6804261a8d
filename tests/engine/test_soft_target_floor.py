"""The job's history of a loss with label smoothing: the constant predictor's loss on the
smoothed targets (what Keras reports) and the floor no prediction goes below."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.attempt import new_history
from autotrainer_keras.io.data import Dataset
from autotrainer_keras.measure.history import Task
from autotrainer_keras.repair.spec import TrainingSpec


def _spec(loss: object) -> TrainingSpec:
    serialised = keras.losses.serialize(loss)
    config = serialised if isinstance(serialised, dict) else None
    return TrainingSpec(model={}, optimizer={}, loss="categorical_crossentropy",
                        loss_config=config)  # fmt: skip


def test_the_job_reads_the_smoothing_of_the_users_loss_object() -> None:
    rng = np.random.default_rng(0)
    y = np.eye(5, dtype="float32")[rng.integers(0, 5, 300)]
    data = Dataset(rng.standard_normal((300, 3)), y, rng.standard_normal((300, 3)), y)
    smoothed = new_history(Task.MULTICLASS, _spec(
        keras.losses.CategoricalCrossentropy(label_smoothing=0.5)), data)  # fmt: skip
    hard = new_history(Task.MULTICLASS, _spec(keras.losses.CategoricalCrossentropy()), data)
    assert hard.loss_floor == 0.0
    entropy = -(0.6 * np.log(0.6) + 4 * 0.1 * np.log(0.1))
    assert smoothed.loss_floor == pytest.approx(entropy, rel=1e-6)
    assert hard.baseline_loss is not None and smoothed.baseline_loss is not None
    assert smoothed.loss_floor < smoothed.baseline_loss != hard.baseline_loss
