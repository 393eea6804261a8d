"""Pace candidates continue from the weights at detection (engine/continuation.py).

Slow convergence from SGD at 1e-4 is found after a few epochs; its candidates change only the
optimizer or the learning rate, so they take over the original's weights at detection and
train up to a whole budget from there, and the repaired model's config still holds the whole
budget. Steps small in some layers only (saturated sigmoid layers beside a moving embedding)
are no matter of pace.
An oscillating model's weights (Adam at 0.5) are part of its fault: its candidate starts over.
"""

from __future__ import annotations

from pathlib import Path

import keras
import pytest
import yaml
from sklearn.datasets import make_circles

import autotrainer_keras
from autotrainer_keras.engine.continuation import is_pace_finding, rate_was_oversized
from autotrainer_keras.problems import Finding, Problem, SetupProblem

L = keras.layers
EPOCHS = 15
CONTINUES = "Continues from the original's weights at detection"


def _sc(update: float, largest: float | None = None) -> Finding:
    evidence = {"median_update_ratio": update}
    if largest is not None:
        evidence["largest_update_ratio"] = largest
    return Finding(Problem.SLOW_CONVERGENCE, 3, 90, None, evidence, {"sc_small_update": 1e-4})


def test_only_a_finding_of_pace_lets_a_candidate_continue():
    assert is_pace_finding(_sc(1e-6))  # steps far too small
    assert not is_pace_finding(_sc(1e-3))  # steps of a healthy size: not a matter of pace
    assert not is_pace_finding(Finding(Problem.SLOW_CONVERGENCE, 3, 90, None))  # unmeasured
    # zoo dev conv1d_text--act_sigmoid under Adam at detection: the median layer steps 3.5e-5,
    # the embedding 1.1e-2: the sigmoid layers' saturation is in the weights
    assert not is_pace_finding(_sc(3.5e-5, largest=1.1e-2), max_update=1e-3)
    assert is_pace_finding(_sc(3.5e-5, largest=2e-4), max_update=1e-3)  # small everywhere
    assert is_pace_finding(Finding(SetupProblem.SETUP_STALL, 4, 4, None))
    assert is_pace_finding(Finding(SetupProblem.SMALL_BUDGET, 0, 0, None))
    for problem in (Problem.OSCILLATING_LOSS, Problem.DYING_RELU, Problem.EXPLODING_GRADIENT,
                    Problem.VANISHING_GRADIENT):  # fmt: skip
        assert not is_pace_finding(Finding(problem, 3, 90, None))


def test_a_rate_far_above_the_usual_one_makes_a_stall_start_over():
    """Practice batch 24's BiGRU under SGD(1.0): a set-up stall (a finding of pace) beside a
    pre-flight rate 100x SGD's usual one; continued from the weights at detection, the
    default rate and Adam stayed at the majority class. A rate far below the usual one (the
    slow SGD below) still continues."""
    def rate(ratio: float) -> Finding:
        return Finding(SetupProblem.LEARNING_RATE_RANGE, 0, 0, None,
                       {"learning_rate": 0.01 * ratio, "ratio_to_default": ratio})  # fmt: skip

    stall = Finding(SetupProblem.SETUP_STALL, 6, 270, None)
    assert rate_was_oversized([stall, rate(100.0)])
    assert not rate_was_oversized([stall, rate(0.01)])
    assert not rate_was_oversized([stall])


def _circles():
    x, y = make_circles(1000, noise=0.1, factor=0.5, random_state=0)
    x, y = x.astype("float32"), y.astype("float32")
    return (x[:700], y[:700]), (x[700:], y[700:])


def _slow_sgd(seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([
        keras.Input((2,)), L.Dense(32, activation="relu"), L.Dense(32, activation="relu"),
        L.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(keras.optimizers.SGD(1e-4), "binary_crossentropy", metrics=["accuracy"])
    return model


def _job(seed: int, out: Path, **repair: object) -> dict:
    (x, y), validation = _circles()
    result = autotrainer_keras.fit(
        _slow_sgd(seed), x, y, validation_data=validation, epochs=EPOCHS, batch_size=32,
        config={"training": {"seed": seed}, "repair": {"time_budget_factor": 1000.0, **repair}},
        output_dir=out, tracking=False, verbose=False,
    )  # fmt: skip
    return result.report


@pytest.mark.medium
@pytest.mark.parametrize("seed", [0, 1])
def test_a_slow_model_is_repaired_by_candidates_that_continue(seed: int, tmp_path: Path):
    report = _job(seed, tmp_path)
    assert report["detections"][0]["problem"] == "slow_convergence"
    assert report["status"] == "repaired", report["repairs"]
    trained = report["original"]["epochs_run"]
    for attempt in report["repairs"]:
        assert CONTINUES in attempt["description"], attempt["description"]
        assert f"after {trained} epochs" in attempt["description"]
        assert attempt["params"]["initial_epoch"] == trained
        assert f"for up to {EPOCHS} more epochs" in attempt["description"]
        assert attempt["epochs_run"] <= EPOCHS
    assert report["final"]["val_accuracy"] >= report["original"]["val_accuracy"] + 0.15
    config = yaml.safe_load(Path(report["final"]["config_path"]).read_text())
    assert config["training"]["epochs"] == EPOCHS  # the repaired config retrains it whole


@pytest.mark.medium
def test_continue_pace_off_starts_candidates_over(tmp_path: Path):
    report = _job(0, tmp_path, continue_pace=False)
    assert report["status"] == "repaired"
    assert all(CONTINUES not in a["description"] for a in report["repairs"])
    assert all("initial_epoch" not in a["params"] for a in report["repairs"])
