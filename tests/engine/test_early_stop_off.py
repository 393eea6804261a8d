"""The job on a fit whose EarlyStopping of the caller's stops training on its way down
(practice batch 17: `monitor='val_accuracy'` on a regression, whose accuracy stays 0): named
`small_budget` when the original ends, repaired by `early_stop_off` (the candidate trains
on without that callback from where it stopped, for the epochs left:
`repair.continue_pace`); the caller's EarlyStopping on `val_loss` raises nothing. Fast: the
plan, the operator and the callback filter; medium: the job."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

import autotrainer_keras
from autotrainer_keras.engine.rate_schedules import (
    kept_for,
    steering_callback_names,
    stopping_callback_names,
)
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.problems import Finding, SetupProblem
from autotrainer_keras.repair.operators import attempt_rng
from autotrainer_keras.repair.operators.registry import get_operator
from autotrainer_keras.repair.plans import evidence_for_plan, plan_for
from autotrainer_keras.repair.spec import TrainingSpec

CUT = Finding(SetupProblem.SMALL_BUDGET, 5, 120, None,
              {"epochs_run": 6.0, "epochs_budget": 40.0, "val_loss": 0.3,
               "previous_best_val_loss": 0.4, "val_loss_fall_per_epoch": 0.2},
              {"cut_while_falling": 0.03}, "stopped on its way down")  # fmt: skip
PREFLIGHT = Finding(SetupProblem.SMALL_BUDGET, 0, 0, None, {"steps": 5.0}, {}, "few steps")


def test_a_budget_cut_by_a_callback_is_repaired_without_it() -> None:
    assert plan_for(SetupProblem.SMALL_BUDGET, "default", CUT) == [("early_stop_off", 1)]
    assert evidence_for_plan([CUT]) is CUT
    assert plan_for(SetupProblem.SMALL_BUDGET, "default", PREFLIGHT) == [
        ("accumulation_off", 1),  # applies only under gradient accumulation
        ("epochs_up", 1),
        ("batch", 1),
    ]
    assert evidence_for_plan([PREFLIGHT]) is None


def _spec(stops: tuple[str, ...]) -> TrainingSpec:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    return TrainingSpec(model=keras.saving.serialize_keras_object(model),
                        optimizer={"name": "adam", "learning_rate": 1e-3}, loss="mse",
                        user_stops=stops)  # fmt: skip


def test_the_operator_leaves_the_callers_early_stopping_out() -> None:
    operator = get_operator("early_stop_off")
    spec, params = operator.apply(_spec(("EarlyStopping",)), 0, attempt_rng(0, "x", 0))
    assert spec.user_stops == () and params["callbacks"] == ["EarlyStopping"]
    assert "without your EarlyStopping" in operator.describe(params)
    with pytest.raises(ModelSpecError, match="no EarlyStopping"):
        operator.apply(_spec(()), 0, attempt_rng(0, "x", 0))
    assert TrainingSpec.from_dict(spec.to_dict()).user_stops == ()


def test_stopping_callbacks_are_kept_only_while_the_spec_names_them() -> None:
    stop = keras.callbacks.EarlyStopping(monitor="val_accuracy")
    wrong_way = keras.callbacks.EarlyStopping(monitor="val_loss", mode="max")  # schedule_off's
    other = keras.callbacks.TerminateOnNaN()
    given = [stop, wrong_way, other]
    assert stopping_callback_names(given) == ("EarlyStopping",)
    assert steering_callback_names(given) == ("EarlyStopping",)
    schedules = steering_callback_names(given)
    assert kept_for(given, schedules, ("EarlyStopping",)) == given
    assert kept_for(given, schedules, ()) == [wrong_way, other]
    assert kept_for(given, schedules) == given  # no stops given: stopping callbacks kept


def _job(tmp_path: Path, seed: int, monitor: str) -> dict:
    """An MLP under SGD on a linear target (its validation loss falls for tens of epochs),
    with the caller's EarlyStopping on `monitor`."""
    keras.utils.set_random_seed(seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((800, 8)).astype("float32")
    y = (x @ rng.standard_normal(8) + 0.1 * rng.standard_normal(800)).astype("float32")
    model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.SGD(2e-3), "mse", metrics=["accuracy"])
    stop = keras.callbacks.EarlyStopping(monitor=monitor, patience=3, restore_best_weights=True)
    result = autotrainer_keras.fit(
        model, x[:600], y[:600], validation_data=(x[600:], y[600:]), epochs=40, batch_size=32,
        callbacks=[stop], output_dir=tmp_path / f"{monitor}-{seed}", tracking=False,
        verbose=False,
    )  # fmt: skip
    return result.report


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_the_job_trains_on_without_an_early_stopping_that_cannot_see_the_gain(
    tmp_path: Path, seed: int
) -> None:
    report = _job(tmp_path, seed, "val_accuracy")
    assert [d["problem"] for d in report["detections"]] == ["small_budget"]
    assert report["status"] == "repaired"
    accepted = [r for r in report["repairs"] if r["outcome"] == "solved"]
    assert [r["solution"] for r in accepted] == ["early_stop_off"]
    assert accepted[0]["epochs_run"] > report["original"]["epochs_run"] + 5
    assert accepted[0]["params"]["initial_epoch"] == report["original"]["epochs_run"]
    assert accepted[0]["epochs_run"] <= 40 - report["original"]["epochs_run"]
    assert report["final"]["val_loss"] < 0.5 * report["original"]["val_loss"]


@pytest.mark.medium
def test_the_job_leaves_an_early_stopping_on_the_validation_loss_alone(tmp_path: Path) -> None:
    report = _job(tmp_path, 0, "val_loss")
    assert "small_budget" not in [d["problem"] for d in report["detections"]]
