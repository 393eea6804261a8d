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


def test_gradient_growth_beats_vanishing() -> None:
    run = Run(DefaultDetector(), new_history())
    run.epoch(1.0, first_grad=1e-5)
    found = run.epoch(1.0, first_grad=1e-5, scale=1e4)
    assert found is not None and found.problem is Problem.EXPLODING_GRADIENT
    assert "grew" in found.reason


def zigzag_steps(low: float, high: float) -> list[float]:
    """An epoch of 12 steps whose blocks of three steps alternate between two levels."""
    return ([low] * 3 + [high] * 3) * 2


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"first_grad": 1e-6}, Problem.VANISHING_GRADIENT), ({}, Problem.OSCILLATING_LOSS)],
)
def test_vanishing_then_oscillation_then_slow(kwargs: dict[str, object], problem: Problem) -> None:
    """Tiny steps (slow convergence due from 10 % of the 60-epoch budget, epoch 6, and
    confirmed at 7); oscillation after 4 epochs without a new best (epoch 4), confirmed at 5;
    vanishing once the accuracy at chance opens the gate (epoch 1), confirmed at 2."""
    run = Run(DefaultDetector(), new_history(budget=60, steps_per_epoch=12))
    for _ in range(8):
        run.epoch(zigzag_steps(0.95, 1.25), logs=accuracy_logs(0.5, loss=1.1), **kwargs)
    found = run.first()
    assert found is not None and found.problem is problem
