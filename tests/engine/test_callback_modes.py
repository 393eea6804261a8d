"""A callback of the caller's that watches its metric the wrong way round.

Practice batch 9's `plateau_mode_max`: `ReduceLROnPlateau(monitor="val_loss", mode="max")`
cut the rate whenever the loss did not rise (4e-11 by epoch 8, the validation loss frozen at
1.5 x the healthy script's); neither `Watch` nor the job said anything. The job reads its
callbacks now: a secondary pre-flight finding, and `schedule_off` tries the training
without the ReduceLROnPlateau.
"""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from autotrainer_keras.engine.callback_modes import monitor_mismatches, wanted_mode
from autotrainer_keras.problems import SetupProblem


@pytest.mark.parametrize(("monitor", "mode"), [
    ("val_loss", "min"), ("loss", "min"), ("val_mean_absolute_error", "min"),
    ("val_accuracy", "max"), ("val_auc", "max"), ("val_pair_score", None),
])  # fmt: skip
def test_the_direction_a_metric_name_needs(monitor: str, mode: str | None) -> None:
    assert wanted_mode(monitor) == mode


def test_only_an_explicit_opposite_mode_is_a_mismatch() -> None:
    callbacks = [
        keras.callbacks.ReduceLROnPlateau(monitor="val_loss", mode="max"),
        keras.callbacks.EarlyStopping(monitor="val_accuracy", mode="min"),
        keras.callbacks.EarlyStopping(monitor="val_loss", mode="auto"),
        keras.callbacks.ReduceLROnPlateau(monitor="val_accuracy", mode="max"),
        keras.callbacks.EarlyStopping(monitor="val_own_score", mode="max"),
        keras.callbacks.TerminateOnNaN(),
    ]
    assert monitor_mismatches(callbacks) == (
        ("ReduceLROnPlateau", "val_loss", "max"),
        ("EarlyStopping", "val_accuracy", "min"),
    )


def test_a_checkpoint_on_the_wrong_mode_is_warned_about_not_retrained() -> None:
    from autotrainer_keras.engine.callback_modes import checkpoint_warnings, steers_training
    from autotrainer_keras.engine.rate_schedules import steering_callback_names

    class OwnCheckpoint(keras.callbacks.ModelCheckpoint):
        pass

    checkpoint = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", mode="max")
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", mode="max")
    own = OwnCheckpoint("own.keras", monitor="val_accuracy", mode="min")
    assert not steers_training(checkpoint) and not steers_training(own)
    assert steers_training(plateau)
    callbacks = [checkpoint, plateau, own]
    assert monitor_mismatches(callbacks, steering=True) == (("ReduceLROnPlateau", "val_loss",
                                                             "max"),)  # fmt: skip
    assert steering_callback_names(callbacks) == ("ReduceLROnPlateau",)
    warned = checkpoint_warnings(callbacks)
    assert len(warned) == 2
    assert warned[0].startswith("ModelCheckpoint(monitor='val_loss', mode='max') keeps the worst")
    assert "set mode='min'" in warned[0] and "set mode='max'" in warned[1]


def _regression(rate: float) -> tuple[np.ndarray, np.ndarray, keras.Model]:
    """A linear target with noise and a small ReLU regressor under Adam at `rate`."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(800, 6)).astype("float32")
    y = (x @ rng.normal(size=(6, 1)) + 0.1 * rng.normal(size=(800, 1))).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="relu"),
                              keras.layers.Dense(1)])  # fmt: skip
    model.compile(keras.optimizers.Adam(rate), "mse")
    return x, y, model


@pytest.mark.medium
def test_the_job_names_a_plateau_callback_on_max_and_trains_without_it(tmp_path: Path) -> None:
    import autotrainer_keras

    x, y, model = _regression(1e-3)
    plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", mode="max", factor=0.1,
                                                patience=1)  # fmt: skip
    result = autotrainer_keras.fit(model, x, y, epochs=8, batch_size=32, validation_split=0.25,
                                   callbacks=[plateau], output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    named = [f for f in result.findings if f.problem is SetupProblem.MONITOR_MODE]
    assert named and "ReduceLROnPlateau(monitor='val_loss', mode='max')" in named[0].reason
    assert "schedule_off" in [r["solution"] for r in result.repairs], result.repairs


def test_its_fix_goes_first_when_training_then_shows_a_problem() -> None:
    from autotrainer_keras.problems import Finding, Problem
    from autotrainer_keras.repair.plans import plan_for, suspected_first

    mode = Finding(SetupProblem.MONITOR_MODE, 0, 0, None, {"callbacks": 1.0}, {}, "mode")
    plan = suspected_first(plan_for(Problem.OSCILLATING_LOSS, "default"), [mode])
    assert plan[0] == ("schedule_off", 1)


@pytest.mark.medium
def test_an_early_stopping_on_max_is_left_out_of_a_candidate(tmp_path: Path) -> None:
    """Practice batch 11's `earlystop_mode_max`: `EarlyStopping(monitor="val_loss",
    mode="max", restore_best_weights=True)` stopped an improving training after its patience
    and restored its worst weights; the job named it and had no candidate for it."""
    import autotrainer_keras
    from autotrainer_keras.engine.rate_schedules import kept_for, steering_callback_names

    wrong = keras.callbacks.EarlyStopping(monitor="val_loss", mode="max", patience=1,
                                          restore_best_weights=True)  # fmt: skip
    right = keras.callbacks.EarlyStopping(monitor="val_loss", patience=3)
    assert steering_callback_names([right, wrong]) == ("EarlyStopping",)
    assert kept_for([right, wrong], ()) == [right]
    x, y, model = _regression(3e-3)
    result = autotrainer_keras.fit(model, x, y, epochs=10, batch_size=32, validation_split=0.25,
                                   callbacks=[wrong], output_dir=tmp_path, tracking=False,
                                   verbose=False)  # fmt: skip
    assert any(f.problem is SetupProblem.MONITOR_MODE for f in result.findings)
    off = [r for r in result.repairs if r["solution"] == "schedule_off"]
    assert off and off[0]["epochs_run"] == 10, result.repairs  # the whole budget
    assert result.status == "repaired"


@pytest.mark.medium
def test_the_job_warns_about_a_checkpoint_on_max_and_trains_nothing_more(tmp_path: Path) -> None:
    import autotrainer_keras

    x, y, model = _regression(1e-3)
    checkpoint = keras.callbacks.ModelCheckpoint(str(tmp_path / "best.keras"), monitor="val_loss",
                                                 mode="max", save_best_only=True)  # fmt: skip
    result = autotrainer_keras.fit(model, x, y, epochs=6, batch_size=32, validation_split=0.25,
                                   callbacks=[checkpoint], output_dir=tmp_path / "out",
                                   tracking=False, verbose=False)  # fmt: skip
    assert all(f.problem is not SetupProblem.MONITOR_MODE for f in result.findings)
    assert all(r["solution"] != "schedule_off" for r in result.repairs), result.repairs
    assert any("keeps the worst weights in its file" in w for w in result.report["warnings"])
