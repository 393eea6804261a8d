"""A loss that falls without bound (`unbounded_loss`), through the default detector on whole
curves: practice batch 11's negated pinball loss, against losses whose floor lies below zero
(cosine similarity, a Gaussian negative log-likelihood) and a run-off that turned back."""

from __future__ import annotations

import numpy as np
import pytest

from autotrainer_keras.detect.default import DefaultDetector
from autotrainer_keras.measure.history import Task
from autotrainer_keras.problems import Finding, SetupProblem
from tests.detect.builders import Run, new_history

NEGATED_PINBALL = [-2.5, -14.1, -47.5, -119.8, -250.3, -459.4, -766.6, -1189.9, -1746.1,
                   -2451.4, -3320.9, -4368.9, -5608.9, -7053.7, -8715.3, -10604.8]  # fmt: skip
"""Epoch-mean training losses of the practice script (Adam 1e-3, seed 11), as measured."""


def _findings(epoch_losses: list[float], start: float) -> list[Finding | None]:
    """The detector's findings over a regression run (no constant-predictor baseline: a
    loss of the user's own) whose step losses move linearly between epoch means."""
    run = Run(DefaultDetector(), new_history(Task.REGRESSION, budget=20, baseline=None))
    previous = start
    for mean in epoch_losses:
        run.epoch(list(np.linspace(previous, 2 * mean - previous, 10)))
        previous = mean
    return run.findings


def test_a_negated_pinball_loss_is_named_within_a_few_epochs() -> None:
    findings = _findings(NEGATED_PINBALL, start=-0.5)
    first = next(f for f in findings if f is not None)
    assert first.problem is SetupProblem.UNBOUNDED_LOSS
    assert findings.index(first) <= 5
    assert first.evidence["loss_fall"] >= 100 and first.evidence["current_loss"] < -100
    assert "sign is flipped" in first.reason


@pytest.mark.parametrize(
    "name, curve, start",
    [
        ("cosine similarity", [-0.3, -0.6, -0.8, -0.88, -0.92, -0.94, -0.95, -0.95], -0.05),
        ("Gaussian NLL", [1.2, 0.4, -0.6, -1.5, -2.1, -2.4, -2.5, -2.55], 1.4),
        ("run-off that turned back", [-20.0, -80.0, -150.0, -140.0, -130.0, -125.0, -122.0,
                                      -121.0], -0.5),  # fmt: skip
    ],
)
def test_losses_with_a_floor_are_not_unbounded(name: str, curve: list[float],
                                               start: float) -> None:  # fmt: skip
    findings = _findings(curve, start)
    assert not [f for f in findings if f is not None and f.problem is SetupProblem.UNBOUNDED_LOSS]
