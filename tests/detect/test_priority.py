"""Default profile: which finding wins when several rules fire (see detect/default.py)."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.problems import Problem

from .builders import Run, accuracy_logs, new_history

AT_CHANCE = accuracy_logs(0.5, loss=1.0)


def run_two_epochs(first: list[float] | float, second: list[float] | float, **kw: object) -> Run:
    """Two epochs of `first` (the rate is known from the second), then one of `second`; the
    accuracy at chance opens the stall-and-harm gate."""
    run = Run(DefaultDetector(), new_history())
    run.epoch(first, logs=AT_CHANCE, **kw)
    run.epoch(first, logs=AT_CHANCE, **kw)
    run.epoch(second, logs=AT_CHANCE, **kw)
    return run


@pytest.mark.parametrize(
    ("second", "kwargs", "problem", "marker"),
    [
        # NaN beats a wholly dead layer
        ([1.0] * 9 + [math.nan], {"dead": 1.0}, Problem.EXPLODING_GRADIENT, "NaN"),
        # divergence beats a wholly dead layer
        ([1.0] * 5 + [20.0] * 5, {"dead": 1.0}, Problem.EXPLODING_GRADIENT, "diverges"),
        # dying ReLU beats vanishing
        (1.0, {"dead": 1.0, "first_grad": 1e-6}, Problem.DYING_RELU, "ReLU"),
        # dying ReLU beats the exploding ratio
        (1.0, {"dead": 0.8, "first_grad": 100.0, "out_grad": 1.0}, Problem.DYING_RELU, "dead"),
    ],
)
def test_order_among_gradient_rules(
    second: list[float] | float, kwargs: dict[str, object], problem: Problem, marker: str
) -> None:
    found = run_two_epochs(1.0, second, **kwargs).findings[-1]
    assert found is not None and found.problem is problem and marker in found.reason


@pytest.mark.parametrize(("dead", "problem"), [(1.0, Problem.DYING_RELU),
                                               (0.5, Problem.EXPLODING_GRADIENT)])  # fmt: skip
def test_a_loss_back_at_the_constant_predictors_with_a_dead_layer_is_dying_relu(
    dead: float, problem: Problem
) -> None:
    """The second zoo's Conv1D text model under momentum 0.99: it fits the task in epoch 0
    (loss 0.03), a spike then silences its Dense ReLU layer, and the loss sits at about the
    constant predictor's (1.03-1.14 x) from then on: 10 x its minimum and above its start, the
    divergence's 'lost everything it had learned'. With the layer wholly dead (two checks)
    that is dying ReLU; with half of it dead, still the divergence."""
    run = Run(DefaultDetector(), new_history(baseline=1.0))
    run.epoch([1.0] * 5 + [0.05] * 5, dead=0.2)
    run.epoch(0.05, dead=0.2)
    findings = [run.epoch(1.1, logs=AT_CHANCE, dead=dead) for _ in range(2)]
    found = next(f for f in findings if f is not None)
    assert found.problem is problem
    if problem is Problem.DYING_RELU:
        assert found.epoch == 3 and "output 0" in found.reason
    else:
        assert found.epoch == 2 and "minimum" in found.reason


def test_gradient_growth_beats_vanishing() -> None:
    run = Run(DefaultDetector(), new_history())
    run.epoch(1.0, first_grad=1e-5)
    found = run.epoch(1.0, first_grad=1e-5, scale=1e4)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert "grew" in found.reason


def zigzag_steps(low: float, high: float, epoch: int) -> list[float]:
    """An epoch of 12 steps whose blocks of three steps alternate between two levels, in
    the opposite phase each epoch (a swing of 6 steps that is no repeated batch order)."""
    first, second = (low, high) if epoch % 2 == 0 else (high, low)
    return ([first] * 3 + [second] * 3) * 2


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"first_grad": 1e-6}, Problem.VANISHING_GRADIENT), ({}, Problem.OSCILLATING_LOSS)],
)
def test_vanishing_then_oscillation_then_slow(kwargs: dict[str, object], problem: Problem) -> None:
    """Tiny steps (slow convergence due from 10 % of the 60-epoch budget, epoch 6, and
    confirmed at 7); oscillation after 4 epochs without a new best (epoch 4), confirmed at 5;
    vanishing once the accuracy at chance opens the gate (epoch 1), confirmed at 2."""
    run = Run(DefaultDetector(), new_history(budget=60, steps_per_epoch=12))
    for epoch in range(8):
        run.epoch(zigzag_steps(0.95, 1.25, epoch), logs=accuracy_logs(0.5, loss=1.1), **kwargs)
    found = run.first()
    assert found is not None and found.problem is problem
