"""Healthy scripted trainings must never fire under the default profile."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.measure.history import Task

from .builders import Run, accuracy_logs, curve, new_history, noisy


def train(
    loss: Callable[[float], float],
    noise: float,
    steps: int = 10,
    budget: int = 30,
    checks_per_epoch: int = 1,
    task: Task = Task.BINARY,
    baseline: float = 1.0,
    **check_kwargs: object,
) -> Run:
    history = new_history(task=task, budget=budget, steps_per_epoch=steps, baseline=baseline)
    run = Run(DefaultDetector(), history)
    for epoch in range(budget):
        losses = noisy(curve(loss, epoch, steps), noise, seed=epoch)
        level = loss(epoch + 1)
        logs = accuracy_logs(1.0 - level / 2, loss=level) if task.has_accuracy else None
        run.epoch(losses, logs=logs, checks_per_epoch=checks_per_epoch, **check_kwargs)
    return run


HEALTHY = {
    "fast convergence, then plateau": (lambda t: 0.05 + 0.95 * math.exp(-t / 1.5), 0.1),
    "noisy but improving": (lambda t: 0.3 + 0.7 * math.exp(-t / 6), 0.25),
    "plateau at modest progress (noisy data)": (lambda t: 0.7 + 0.3 * math.exp(-t), 0.1),
    "slow but steady": (lambda t: 1.0 - 0.025 * t, 0.1),
}


@pytest.mark.parametrize("name", sorted(HEALTHY))
@pytest.mark.parametrize("checks_per_epoch", [1, 4])
def test_healthy_training_never_fires(name: str, checks_per_epoch: int) -> None:
    loss, noise = HEALTHY[name]
    run = train(
        loss,
        noise,
        steps=20,
        checks_per_epoch=checks_per_epoch,
        dead=0.4,
        first_grad=0.02,
        out_grad=0.1,
    )
    assert run.first() is None, run.first()
    assert len(run.history.checks) == 30 * checks_per_epoch


def test_healthy_regression_never_fires() -> None:
    run = train(
        lambda t: 10.0 + 990.0 * math.exp(-t), 0.1, task=Task.REGRESSION, baseline=1000.0, dead=None
    )
    assert run.first() is None
