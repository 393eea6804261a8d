"""The pure decision behind the `more_epochs` candidate: is the validation loss still falling
at the end of the budget, and how many epochs more. No Keras."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autotrainer_keras.config import RepairConfig
from autotrainer_keras.repair.operators.more_epochs import more_epochs_operator
from autotrainer_keras.repair.policy import extra_epochs, reachable, still_falling

from .helpers import spec_for

CFG = RepairConfig()


def decaying(epochs: int, rate: float, floor: float = 0.0) -> list[float]:
    """floor + e^(-rate x epoch): falls by about `rate` of its level per epoch."""
    return [floor + math.exp(-rate * e) for e in range(epochs)]


def test_a_loss_still_falling_well_above_the_threshold_is_falling():
    assert still_falling(decaying(20, 10 * CFG.more_epochs_min_fall), CFG.more_epochs_window,
                         CFG.more_epochs_min_fall)  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_flat_noisy_loss_is_not_falling(seed):
    noise = np.random.default_rng(seed).normal(0, 0.02, 20)
    flat = list(0.5 + noise)
    assert not still_falling(flat, CFG.more_epochs_window, 0.05)


def test_a_converged_loss_is_not_falling():
    converged = decaying(40, 0.5, floor=0.3)  # at its floor: falls < 1e-4 of it per epoch
    assert not still_falling(converged, CFG.more_epochs_window, CFG.more_epochs_min_fall)


def test_one_bad_epoch_does_not_hide_a_falling_curve():
    curve = decaying(10, 0.1)
    curve[-2] *= 1.5  # one spike in the window
    assert still_falling(curve, 5, 0.01)


@pytest.mark.parametrize(
    "curve", [[1.0, 0.9, 0.8], [1.0, 0.9, math.nan, 0.7, 0.6, 0.5], [1.0, 0.9, math.inf, 0.7, 0.6]]
)
def test_too_short_or_broken_curves_are_not_judged(curve):
    assert not still_falling(curve, 5, 0.01)


def test_extra_epochs_is_a_fraction_of_the_budget_at_least_one():
    assert extra_epochs(20, 0.5) == 10
    assert extra_epochs(3, 0.1) == 1
    assert extra_epochs(20, 0.0) == 0


def test_the_operator_lengthens_the_budget_and_says_so():
    spec = spec_for("seq_mlp", epochs=8)
    new, params = more_epochs_operator(4).apply(spec, 0, np.random.default_rng(0))
    assert new.epochs == 12 and new.applied == ("more_epochs",)
    assert "4 more epochs" in more_epochs_operator(4).describe(params)


def test_an_accuracy_target_at_or_above_one_cannot_be_reached():
    assert reachable(0.999, by_accuracy=True)
    assert not reachable(1.0, by_accuracy=True) and not reachable(1.02, by_accuracy=True)
    assert reachable(-1e-6, by_accuracy=False)  # a loss near 0 can still fall
    assert not reachable(math.inf, by_accuracy=False)
