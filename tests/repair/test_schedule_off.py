"""`schedule_off`: the caller's learning-rate callbacks left out of a candidate's training.

Practice batch 8's `lrs_times_0.1`: a `LearningRateScheduler` whose function multiplied the
rate by 0.1 at every epoch (meant every 10). The job named slow convergence with the fallen
rate in its reason, then tried five candidates in vain: the callback rode along in each one.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.rate_schedules import kept_for, steering_callback_names
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import Finding, Problem
from autotrainer_keras.repair.operators import get_operator
from autotrainer_keras.repair.plans import plan_for
from autotrainer_keras.repair.spec import TrainingSpec

MODEL = {"class_name": "Sequential", "config": {"name": "m", "layers": []}}


def spec(schedules: tuple[str, ...]) -> TrainingSpec:
    return TrainingSpec(model=MODEL, optimizer={"name": "adam", "learning_rate": 3e-3},
                        loss="mse", user_schedules=schedules)  # fmt: skip


def apply(s: TrainingSpec) -> tuple[TrainingSpec, dict]:
    return get_operator("schedule_off").transform(s, 0, np.random.default_rng(0))


def test_it_leaves_the_named_callbacks_out_and_says_so() -> None:
    new, params = apply(spec(("LearningRateScheduler",)))
    assert new.user_schedules == () and params["callbacks"] == ["LearningRateScheduler"]
    sentence = get_operator("schedule_off").describe(params)
    assert sentence == ("Trained without your LearningRateScheduler: the optimizer's own "
                        "learning rate 0.003 throughout.")  # fmt: skip
    assert TrainingSpec.from_dict(new.to_dict()) == new
    assert TrainingSpec.from_dict(spec(("ReduceLROnPlateau",)).to_dict()).user_schedules == (
        "ReduceLROnPlateau",
    )


def test_it_does_not_apply_without_such_callbacks() -> None:
    with pytest.raises(ModelSpecError, match="no learning-rate callback of yours, nor one"):
        apply(spec(()))


def test_only_the_rate_callbacks_are_named_and_left_out() -> None:
    scheduler = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr)
    plateau = keras.callbacks.ReduceLROnPlateau()
    stop = keras.callbacks.EarlyStopping()
    given = [scheduler, stop, plateau]
    assert steering_callback_names(given) == ("LearningRateScheduler", "ReduceLROnPlateau")
    assert kept_for(given, ("LearningRateScheduler", "ReduceLROnPlateau")) == given
    assert kept_for(given, ()) == [stop]


def _slow(evidence: dict[str, float]) -> Finding:
    return Finding(Problem.SLOW_CONVERGENCE, 3, 30, None, evidence, {}, "slow")


def test_a_collapsed_rate_puts_schedule_off_first_in_the_plan() -> None:
    fallen = plan_for(Problem.SLOW_CONVERGENCE, "default",
                      _slow({"learning_rate_start": 3e-4, "learning_rate_now": 3e-7}))  # fmt: skip
    usual = plan_for(Problem.SLOW_CONVERGENCE, "default", _slow({}))
    assert fallen[0] == ("schedule_off", 1) and fallen[1:] == usual
    assert "schedule_off" not in [s for s, _ in usual]
    paper = plan_for(Problem.SLOW_CONVERGENCE, "paper",
                     _slow({"learning_rate_now": 3e-7}))  # fmt: skip
    assert "schedule_off" not in [s for s, _ in paper]


@pytest.mark.medium
def test_a_scheduler_that_collapses_the_rate_is_left_out_by_the_repair(tmp_path: Path) -> None:
    import autotrainer_keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(1200, 8)).astype("float32")
    y = np.digitize(x[:, 0] + x[:, 1], [-0.5, 0.5]).astype("int32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])  # fmt: skip
    model.compile(keras.optimizers.Adamax(3e-3), "sparse_categorical_crossentropy",
                  metrics=["accuracy"])  # fmt: skip
    times_a_tenth = keras.callbacks.LearningRateScheduler(lambda epoch, lr: lr * 0.1)
    result = autotrainer_keras.fit(model, x, y, epochs=12, batch_size=32,
                                   validation_split=0.25, callbacks=[times_a_tenth],
                                   output_dir=tmp_path, tracking=False, verbose=False)  # fmt: skip
    assert result.findings[0].problem is Problem.SLOW_CONVERGENCE
    assert "The learning rate fell from" in result.findings[0].reason
    first = result.repairs[0]
    assert first["solution"] == "schedule_off", result.repairs
    assert first["val_accuracy"] > result.report["original"]["val_accuracy"] + 0.2, first
