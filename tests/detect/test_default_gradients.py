"""Default profile: exploding (NaN, divergence, growth, ratio), dying ReLU, vanishing."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.problems import Problem

from .builders import Run, curve, new_history


def default_run(budget: int = 30, steps: int = 10, **thresholds: float) -> Run:
    return Run(
        DefaultDetector(DefaultThresholds(**thresholds)),
        new_history(budget=budget, steps_per_epoch=steps),
    )


def fast(t: float) -> float:
    """A healthy loss: from 1.0 (the baseline) to 0.05 within a few epochs."""
    return 0.05 + 0.95 * math.exp(-t / 1.5)


def test_every_check_point_is_due_and_steps_are_the_source() -> None:
    det = DefaultDetector()
    assert det.check_due(new_history(), 0, at_epoch_end=False)
    assert det.gradient_source == "steps"


# --- exploding: NaN/Inf at once ------------------------------------------------------------


def test_nan_step_loss_fires_at_the_first_check() -> None:
    run = default_run()
    found = run.epoch([1.0, 1.0, 1.0, math.nan] + [math.nan] * 6)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.epoch == 0 and found.evidence["first_nonfinite_step"] == 3.0
    assert "step 3" in found.reason


def test_nonfinite_flag_of_the_check_fires() -> None:
    found = default_run().epoch(1.0, nonfinite=True)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.evidence["nonfinite_gradients_or_weights"] == 1.0


def test_nan_fires_mid_epoch_with_more_checks() -> None:
    run = default_run()
    found = run.epoch([1.0] * 5 + [math.inf] * 5, checks_per_epoch=2)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.step == 10 and run.history.epochs_done == 1
    run = default_run()
    found = run.epoch([1.0] * 3 + [math.inf] * 7, checks_per_epoch=2)
    assert found is not None and found.step == 5 and run.history.epochs_done == 0


# --- exploding: divergence -------------------------------------------------------------------


@pytest.mark.parametrize(("high", "fires"), [(10.0, True), (9.99, False)])
def test_divergence_from_start(high: float, fires: bool) -> None:
    run = default_run()
    run.epoch(1.0)
    found = run.epoch([1.0] * 5 + [high] * 5)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert found.evidence["loss_growth"] == 10.0
        assert found.thresholds["eg_loss_growth"] == 10.0


@pytest.mark.parametrize(("back", "fires"), [(1.25, True), (1.2, False)])
def test_divergence_from_minimum_once_worse_than_start(back: float, fires: bool) -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.125)
    found = run.epoch(back)  # the whole epoch at 1.25 = 10 x the minimum 0.125
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT and "minimum" in found.reason


def test_blow_up_since_the_last_check_fires_even_when_calm_again() -> None:
    run = default_run()
    run.epoch(1.0)
    found = run.epoch([1.0] * 2 + [50.0] * 5 + [1.0] * 3)  # exploded, then flat (dead units)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.evidence["peak_loss"] == 50.0 and found.evidence["current_loss"] == 1.0


def test_bounce_within_the_epoch_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.125)
    assert run.epoch([0.125] * 3 + [2.0] * 7) is None  # back up at the check, but not all along


def test_recovered_spike_from_a_low_minimum_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.02)
    assert run.epoch([0.02] * 2 + [1.5] * 5 + [0.02] * 3) is None  # 75 x the minimum, recovered


def test_loss_spike_below_the_start_is_no_divergence() -> None:
    run = default_run()
    run.epoch(1.0)
    run.epoch(0.01)
    assert run.epoch([0.01] * 5 + [0.5] * 5) is None  # 50 x the minimum, but below the start


# --- exploding: gradient growth and ratio ---------------------------------------------------


@pytest.mark.parametrize(("scale", "fires"), [(1024.0, True), (1023.0, False)])
def test_gradient_growth_with_loss_not_improving(scale: float, fires: bool) -> None:
    run = default_run(eg_grad_growth=1024.0)
    run.epoch(1.0, dead=None)
    found = run.epoch(1.0, dead=None, scale=scale)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT
        assert found.evidence["grad_growth"] == pytest.approx(1024.0)


def test_gradient_growth_while_loss_improves_is_fine() -> None:
    run = default_run()
    run.epoch(curve(fast, 0, 10), dead=None)
    assert run.epoch(curve(fast, 1, 10), dead=None, scale=1e4) is None


@pytest.mark.parametrize(("first", "fires"), [(70.0001, True), (70.0, False)])
def test_exploding_ratio_while_off_track(first: float, fires: bool) -> None:
    run = default_run()
    run.epoch(1.0, first_grad=first, out_grad=1.0)  # rate not known yet after 10 steps
    found = run.epoch(1.0, first_grad=first, out_grad=1.0)
    assert run.findings[0] is None
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT and found.layer == "dense"
        assert found.thresholds == {"beta_3": 70.0, "target_progress": 0.5}


# --- off track: the gate of the gradient rules ------------------------------------------


@pytest.mark.parametrize(("level", "fires"), [(0.50048828125, True), (0.5, False)])
def test_off_track_at_target_progress(level: float, fires: bool) -> None:
    run = default_run()
    for _ in range(2):
        found = run.epoch(level, first_grad=1e-5, out_grad=0.1)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT
        assert found.evidence["projected_progress"] < 0.5


@pytest.mark.parametrize(("per_epoch", "fires"), [(0.02, False), (0.01, True)])
def test_off_track_projects_the_recent_rate(per_epoch: float, fires: bool) -> None:
    run = default_run()
    for epoch in range(2):
        found = run.epoch(curve(lambda t: 1.0 - per_epoch * t, epoch, 10), first_grad=1e-5)
    assert (found is not None) is fires


# --- vanishing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "out", "fires"), [(5e-5, 0.0501, True), (5e-5, 0.05, False)])
def test_vanishing_at_beta_1(first: float, out: float, fires: bool) -> None:
    run = default_run()
    for _ in range(2):
        found = run.epoch(1.0, first_grad=first, out_grad=out)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT and found.layer == "dense"
        assert found.thresholds["beta_1"] == 1e-3
        assert "0.000998" in found.reason and "off track" in found.reason


def test_vanishing_ratio_with_a_learning_model_is_fine() -> None:
    run = default_run()
    for epoch in range(5):
        assert run.epoch(curve(fast, epoch, 10), first_grad=1e-6) is None


# --- dying ReLU -----------------------------------------------------------------------------


def test_wholly_dead_layer_fires_at_the_first_check() -> None:
    run = default_run()
    found = run.epoch(curve(fast, 0, 10), dead=1.0)
    assert found is not None and found.problem is Problem.DYING_RELU
    assert found.layer == "dense_1" and found.epoch == 0
    assert found.thresholds == {"dr_dead_layer": 1.0}


def test_almost_dead_layer_with_a_learning_model_is_fine() -> None:
    run = default_run()
    for epoch in range(5):
        assert run.epoch(curve(fast, epoch, 10), dead=0.99) is None


@pytest.mark.parametrize(("dead", "fires"), [(0.7, True), (0.6999, False)])
def test_mostly_dead_layer_while_off_track(dead: float, fires: bool) -> None:
    run = default_run()
    for _ in range(2):
        found = run.epoch(1.0, dead=dead)
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.DYING_RELU and found.evidence["dead_fraction"] == 0.7
        assert found.thresholds == {"gamma": 0.7, "target_progress": 0.5}


def test_no_relu_layers_no_dying_relu() -> None:
    run = default_run()
    assert run.epoch(1.0, dead=None) is None
