"""The paper profile on scripted histories: every rule at and around its threshold."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.config.detection import PaperThresholds
from autotrainer_keras.detect.paper import PaperDetector
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, new_history

LOW = accuracy_logs(0.5)  # gate open: best accuracy below Theta 0.7
HIGH = accuracy_logs(0.9)  # gate closed


def paper_run(budget: int = 20, task: Task = Task.BINARY, **thresholds: float) -> Run:
    return Run(PaperDetector(PaperThresholds(**thresholds)), new_history(task, budget))


def rising(start: float, step: float, n: int) -> list[dict[str, float]]:
    """Accuracy logs rising by `step` per epoch (no slow convergence, no oscillation)."""
    return [accuracy_logs(start + step * i) for i in range(n)]


def test_checks_only_at_the_end_of_every_third_epoch() -> None:
    det, h = PaperDetector(), new_history()
    due = [e for e in range(10) if det.check_due(h, e, at_epoch_end=True)]
    assert due == [0, 3, 6, 9]
    assert not det.check_due(h, 3, at_epoch_end=False)
    assert det.gradient_source == "probe"


# --- exploding gradient from NaN: no gate, no wait ---------------------------------------


def test_nan_loss_fires_at_the_first_check() -> None:
    run = paper_run()
    found = run.epoch(logs={**LOW, "loss": math.nan})
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert found.epoch == 0 and found.evidence["nonfinite"] == 1.0
    assert "NaN/Inf" in found.reason


def test_nonfinite_gradients_fire_without_gate() -> None:
    run = paper_run()
    found = run.epoch(logs=HIGH, nonfinite=True)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT


@pytest.mark.parametrize(("val_loss", "fires"), [(1e5, True), (99_999.0, False)])
def test_val_loss_limit(val_loss: float, fires: bool) -> None:
    run = paper_run()
    found = run.epoch(logs={**HIGH, "val_loss": val_loss})
    assert (found is not None) is fires
    if found:
        assert found.thresholds == {"nan_loss": 1e5} and "1e+05" in found.reason


# --- judgment point and gate ---------------------------------------------------------------


def test_gradient_symptom_waits_for_the_judgment_point() -> None:
    run = paper_run(budget=20)  # judgment at 6 epochs done: the check of epoch 6
    findings = [run.epoch(logs=LOW, zero_fraction=0.8) for _ in range(7)]
    assert findings[:6] == [None] * 6
    assert findings[6] is not None and findings[6].problem is Problem.DYING_RELU
    assert findings[6].epoch == 6


@pytest.mark.parametrize(("epochs", "fires"), [(3, True), (2, False)])
def test_judgment_point_exactly(epochs: int, fires: bool) -> None:
    run = paper_run(budget=10, check_period_epochs=1)  # 0.3 x 10 = 3 epochs done
    for _ in range(epochs):
        run.epoch(logs=LOW, zero_fraction=0.8)
    assert (run.first() is not None) is fires


@pytest.mark.parametrize(("best", "fires"), [(0.7, False), (0.6999, True)])
def test_gate_at_theta(best: float, fires: bool) -> None:
    run = paper_run(budget=10, check_period_epochs=1)
    for acc in (0.5, 0.6, best, best):  # no swing, no flat start: only the gate decides
        run.epoch(logs=accuracy_logs(acc), zero_fraction=0.8)
    assert (run.first() is not None) is fires


def test_gate_open_when_only_val_accuracy_is_low() -> None:
    run = paper_run(budget=10, check_period_epochs=1)
    for acc in (0.5, 0.8, 0.9):
        run.epoch(logs=accuracy_logs(acc, val_acc=0.6), zero_fraction=0.8)
    assert run.first() is not None and run.first().problem is Problem.DYING_RELU


def test_gate_open_is_sticky() -> None:
    run = paper_run(budget=10, check_period_epochs=1)
    for acc in (0.5, 0.52):
        run.epoch(logs=accuracy_logs(acc))
    assert run.epoch(logs=accuracy_logs(0.54)) is None  # gate opens here, nothing else seen
    found = run.epoch(logs=accuracy_logs(0.95), zero_fraction=0.8)  # now above Theta
    assert found is not None and found.problem is Problem.DYING_RELU


# --- gradient rules -------------------------------------------------------------------------


@pytest.mark.parametrize(("fraction", "fires"), [(0.7, True), (0.6999, False)])
def test_dying_relu_at_gamma(fraction: float, fires: bool) -> None:
    run = paper_run(budget=10)
    for logs in rising(0.5, 0.02, 4):
        run.epoch(logs=logs, zero_fraction=fraction)
    found = run.first()
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.DYING_RELU
        assert found.thresholds["gamma"] == 0.7 and found.evidence["zero_grad_fraction"] == 0.7


def test_gradient_symptoms_are_sticky() -> None:
    run = paper_run(budget=20)
    run.epoch(logs=LOW, zero_fraction=0.9)  # seen at epoch 0 only
    for _ in range(6):
        run.epoch(logs=LOW, zero_fraction=0.0)
    found = run.first()
    assert found is not None and found.problem is Problem.DYING_RELU
    assert found.epoch == 6 and found.evidence["seen_at_epoch"] == 0.0


@pytest.mark.parametrize(("ratio", "fires"), [(70.0001, True), (70.0, False)])
def test_exploding_ratio_at_beta_3(ratio: float, fires: bool) -> None:
    run = paper_run(budget=10)
    for i in range(4):
        run.epoch(logs=accuracy_logs(0.5 + 0.02 * i), first_grad=ratio, out_grad=1.0)
    found = run.first()
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.EXPLODING_GRADIENT and found.layer == "dense"


@pytest.mark.parametrize(
    ("first", "out", "fires"),
    [(0.99e-4, 0.1, True), (1e-4, 0.1, False), (5e-5, 0.05, False), (5e-5, 0.0501, True)],
)
def test_vanishing_needs_ratio_and_norm(first: float, out: float, fires: bool) -> None:
    # (1e-4, 0.1): norm not < beta_2; (5e-5, 0.05): ratio exactly 1e-3, not < beta_1
    run = paper_run(budget=10)
    for i in range(4):
        run.epoch(logs=accuracy_logs(0.5 + 0.02 * i), first_grad=first, out_grad=out)
    found = run.first()
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.VANISHING_GRADIENT
        assert found.thresholds["beta_1"] == 1e-3 and found.thresholds["beta_2"] == 1e-4


def test_zero_output_gradient_counts_as_infinite_ratio() -> None:
    run = paper_run(budget=10)
    for i in range(4):
        run.epoch(logs=accuracy_logs(0.5 + 0.02 * i), first_grad=0.1, out_grad=0.0)
    assert run.first() is not None and run.first().problem is Problem.EXPLODING_GRADIENT


def test_gradient_symptoms_do_not_fire_when_converged() -> None:
    run = paper_run(budget=10)
    for i in range(10):
        run.epoch(logs=accuracy_logs(0.75 + 0.02 * i), zero_fraction=0.9, first_grad=100.0)
    assert run.first() is None


# --- slow convergence -----------------------------------------------------------------------


@pytest.mark.parametrize(("rise", "fires"), [(0.0099, True), (0.01, False)])
def test_slow_convergence_at_delta(rise: float, fires: bool) -> None:
    run = paper_run(budget=10)
    for i in range(4):
        run.epoch(logs=accuracy_logs(0.5 + rise * i))
    found = run.first()
    assert (found is not None) is fires
    if found:
        assert found.problem is Problem.SLOW_CONVERGENCE and found.thresholds["delta"] == 0.01


def test_slow_convergence_needs_both_curves_flat() -> None:
    run = paper_run(budget=10)
    for i in range(4):
        run.epoch(logs=accuracy_logs(0.5, val_acc=0.5 + 0.02 * i))
    assert run.first() is None


def test_single_jump_switches_paper_slow_convergence_off() -> None:
    run = paper_run(budget=20)
    for i in range(20):
        acc = 0.52 if i == 1 else 0.5  # one 2-point jump, then back at chance for good
        run.epoch(logs=accuracy_logs(acc))
    assert run.first() is None


# --- oscillating loss -----------------------------------------------------------------------


def zigzag(n: int, low: float, high: float) -> list[dict[str, float]]:
    return [accuracy_logs(high if i % 2 else low) for i in range(n)]


def test_oscillation_fires_when_gate_closed() -> None:
    run = paper_run(budget=10)
    for logs in zigzag(4, 0.8, 0.85):  # 1 counted swing in 4 epochs >= 0.2 x 4
        run.epoch(logs=logs)
    found = run.first()
    assert found is not None and found.problem is Problem.OSCILLATING_LOSS
    assert found.evidence["oscillations"] == 1.0 and found.thresholds["zeta"] == 0.03
    assert found.epoch == 3


@pytest.mark.parametrize(("high", "fires"), [(0.78125, True), (0.78, False)])
def test_oscillation_at_zeta(high: float, fires: bool) -> None:
    run = paper_run(budget=10, zeta=0.03125)  # exact in binary: 0.78125 - 0.75
    for logs in zigzag(4, 0.75, high):
        run.epoch(logs=logs)
    assert (run.first() is not None) is fires


@pytest.mark.parametrize(("eta", "fires"), [(0.25, True), (0.2501, False)])
def test_oscillation_count_at_eta(eta: float, fires: bool) -> None:
    run = paper_run(budget=10, eta=eta)  # 1 swing in 4 epochs against eta x 4
    for logs in zigzag(4, 0.8, 0.85):
        run.epoch(logs=logs)
    assert (run.first() is not None) is fires


def test_oscillation_not_reported_while_gate_open() -> None:
    run = paper_run(budget=10)
    for logs in zigzag(10, 0.5, 0.6):  # big swings, never reaches Theta
        run.epoch(logs=logs)
    assert run.first() is None


# --- priority, decision kept, regression ----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"zero_fraction": 0.9, "first_grad": 1e-5, "out_grad": 0.1}, Problem.DYING_RELU),
        ({"zero_fraction": 0.9, "first_grad": 100.0, "out_grad": 1.0}, Problem.DYING_RELU),
        ({"first_grad": 100.0, "out_grad": 1.0}, Problem.EXPLODING_GRADIENT),
        ({"first_grad": 1e-5, "out_grad": 0.1}, Problem.VANISHING_GRADIENT),
        ({"zero_fraction": 0.9, "nonfinite": True}, Problem.EXPLODING_GRADIENT),
    ],
)
def test_priority(kwargs: dict[str, float], problem: Problem) -> None:
    run = paper_run(budget=10)
    for _ in range(4):
        run.epoch(logs=LOW, **kwargs)  # flat accuracy: slow convergence fires too
    assert run.first() is not None and run.first().problem is problem


def test_first_decision_is_kept() -> None:
    run = paper_run(budget=10)
    for _ in range(4):
        run.epoch(logs=LOW, zero_fraction=0.9)
    later = run.epoch(logs=LOW, nonfinite=False)
    for _ in range(2):
        later = run.epoch(logs=LOW)
    assert later is not None and later.problem is Problem.DYING_RELU and later.epoch == 3


def test_regression_only_gets_nan_rules() -> None:
    run = paper_run(budget=10, task=Task.REGRESSION)
    for _ in range(10):
        run.epoch(logs={"loss": 1.0, "val_loss": 1.0}, zero_fraction=0.99, first_grad=1e-6)
    assert run.first() is None
    found = run.epoch(logs={"loss": math.inf, "val_loss": 1.0})
    assert run.history.epochs_done == 11
    assert found is None  # epoch 10 is no check epoch
    run.epoch(logs={"loss": 1.0, "val_loss": 1.0})
    assert run.epoch(logs={"loss": 1.0, "val_loss": 1.0}).problem is Problem.EXPLODING_GRADIENT


def test_missing_validation_uses_train_accuracy() -> None:
    run = paper_run(budget=10)
    for _ in range(4):
        run.epoch(logs={"loss": 0.5, "accuracy": 0.5})
    assert run.first() is not None and run.first().problem is Problem.SLOW_CONVERGENCE
