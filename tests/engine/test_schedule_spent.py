"""A learning-rate schedule whose decay_steps were given in epochs: named before the first
step, and the job stretches it over the budget's steps."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.config import AutotrainerConfig
from autotrainer_keras.demo import make_data
from autotrainer_keras.engine.request import JobRequest, Mode
from autotrainer_keras.engine.runner import execute
from autotrainer_keras.progress import NullProgress
from autotrainer_keras.record.sink import NullSink

pytestmark = pytest.mark.medium
EPOCHS = 12
STEPS_PER_EPOCH = 22  # 700 rows, batch 32


def _model(seed: int, decay_steps: int, inverse_time: bool = False) -> keras.Model:
    keras.utils.set_random_seed(seed)
    schedules = keras.optimizers.schedules
    schedule = (
        schedules.InverseTimeDecay(3e-3, decay_steps=decay_steps, decay_rate=0.5)
        if inverse_time
        else schedules.CosineDecay(
            0.0, decay_steps=decay_steps, warmup_target=3e-3, warmup_steps=STEPS_PER_EPOCH
        )
    )
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])  # fmt: skip
    model.compile(keras.optimizers.Adam(schedule), "binary_crossentropy", metrics=["accuracy"])
    return model


def _job(tmp_path: Path, seed: int, decay_steps: int, inverse_time: bool = False) -> dict:
    _model(seed, decay_steps, inverse_time).save(tmp_path / "model.keras")
    np.savez(tmp_path / "data.npz", **make_data())
    config = AutotrainerConfig().with_overrides(training__epochs=EPOCHS, training__batch_size=32)
    request = JobRequest(Mode.REPAIR, tmp_path / "model.keras", tmp_path / "data.npz", config,
                         output_dir=tmp_path / "out")  # fmt: skip
    return execute(request, NullProgress(), sink=NullSink()).report


@pytest.mark.parametrize("seed", [0, 1])
def test_decay_steps_in_epochs_is_named_and_stretched(tmp_path: Path, seed: int) -> None:
    report = _job(tmp_path, seed, decay_steps=EPOCHS)
    named = [d for d in report["detections"] if d["problem"] == "learning_rate_out_of_range"]
    assert named and "schedule" in named[0]["reason"]
    assert report["status"] == "repaired"
    assert report["final"]["solutions"] == ["schedule_stretch"]
    assert report["final"]["val_accuracy"] >= report["original"]["val_accuracy"] + 0.05


def test_a_schedule_over_the_budget_is_not_named(tmp_path: Path) -> None:
    report = _job(tmp_path, 0, decay_steps=(EPOCHS - 1) * STEPS_PER_EPOCH)
    assert all(d["problem"] != "learning_rate_out_of_range" for d in report["detections"])


@pytest.mark.parametrize("seed", [0, 1])
def test_an_inverse_time_decay_per_step_is_named_and_stretched(tmp_path: Path, seed: int) -> None:
    """decay_steps=1 meant per epoch: the rate never quite reaches nothing (spent never
    fires) but averages 3.7 % of its peak over the budget."""
    report = _job(tmp_path, seed, decay_steps=1, inverse_time=True)
    named = [d for d in report["detections"] if d["problem"] == "learning_rate_out_of_range"]
    assert named and "averages" in named[0]["reason"]
    assert report["status"] == "repaired"
    assert report["final"]["solutions"] == ["schedule_stretch"]
    assert report["final"]["val_accuracy"] >= report["original"]["val_accuracy"] + 0.05
