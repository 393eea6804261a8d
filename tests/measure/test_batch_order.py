"""A batch order that repeats every epoch, read from step losses (measure.batch_order)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from autotrainer_keras.measure.batch_order import epoch_pattern, without_pattern

STEPS = 12
RAW = np.random.default_rng(0).normal(0.0, 0.1, STEPS)
LEVELS = RAW - np.polyval(np.polyfit(np.arange(STEPS), RAW, 1), np.arange(STEPS))
"""Each batch's own loss level (no line through them: an epoch's own trend is kept)."""


def _epochs(order: str, epochs: int = 6, seed: int = 0) -> np.ndarray:
    """Step losses of a falling curve plus each batch's level, in the same order every epoch
    ("repeat") or a fresh permutation each epoch ("shuffle"), plus small step noise."""
    rng = np.random.default_rng(seed)
    trend = np.linspace(1.0, 0.5, epochs * STEPS)
    levels = [LEVELS if order == "repeat" else rng.permutation(LEVELS) for _ in range(epochs)]
    return trend + np.concatenate(levels) + rng.normal(0.0, 0.01, epochs * STEPS)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_repeated_order_correlates_and_a_reshuffled_one_does_not(seed: int) -> None:
    repeated = epoch_pattern(_epochs("repeat", seed=seed), STEPS, 4)
    shuffled = epoch_pattern(_epochs("shuffle", seed=seed), STEPS, 4)
    assert repeated.correlation > 0.9 and repeated.repeats(0.5)
    assert shuffled.correlation < 0.4 and not shuffled.repeats(0.5)


def test_taking_the_pattern_out_leaves_each_epoch_s_level() -> None:
    losses = _epochs("repeat")
    cleaned = without_pattern(losses, epoch_pattern(losses, STEPS, 4))
    for epoch in range(2, 6):  # the batch levels and the slope shared within epochs are gone
        part = slice(epoch * STEPS, (epoch + 1) * STEPS)
        assert np.std(cleaned[part]) < 0.3 * np.std(LEVELS)
    for epoch in range(6):  # each epoch's mean unchanged (the profile has zero mean)
        part = slice(epoch * STEPS, (epoch + 1) * STEPS)
        assert cleaned[part].mean() == pytest.approx(losses[part].mean())


def test_a_slope_shared_within_every_epoch_goes_with_the_pattern() -> None:
    """Practice batch 40: the same batch order every epoch with its harder rows late, read
    in blocks that straddle epochs (21 steps, blocks of 6), swung like an oscillation."""
    steps, epochs = 21, 8
    levels = np.random.default_rng(1).normal(0.0, 0.02, steps)  # each batch's own level
    within = np.tile(np.linspace(-0.1, 0.1, steps) + levels, epochs)
    losses = np.linspace(0.42, 0.40, steps * epochs) + within
    pattern = epoch_pattern(losses, steps, 4)
    assert pattern.repeats(0.9)
    cleaned = without_pattern(losses, pattern)
    blocks = cleaned[-72:].reshape(12, 6).mean(axis=1)
    assert np.ptp(blocks) < 0.02 < np.ptp(losses[-72:].reshape(12, 6).mean(axis=1))


@pytest.mark.parametrize(("steps", "epochs"), [(5, 6), (12, 2)])
def test_too_few_steps_or_epochs_are_not_measured(steps: int, epochs: int) -> None:
    losses = np.tile(np.arange(steps, dtype=float), epochs)
    pattern = epoch_pattern(losses, steps, 4)
    assert math.isnan(pattern.correlation) and not pattern.repeats(0.5)


def test_non_finite_losses_are_not_measured() -> None:
    losses = _epochs("repeat")
    losses[-3] = np.nan
    assert math.isnan(epoch_pattern(losses, STEPS, 4).correlation)
