"""Where a learning-rate schedule is spent within the budget (`measure.rate_profile`)."""

from __future__ import annotations

import keras
import pytest

from autotrainer_keras.measure.rate_profile import collapse_share, rate_profile

S = keras.optimizers.schedules
STEPS = 440  # 20 epochs of 22 steps


def serialised(schedule: object) -> object:
    return keras.optimizers.serialize(keras.optimizers.Adam(learning_rate=schedule))["config"][
        "learning_rate"]  # fmt: skip


@pytest.mark.parametrize(("schedule", "low", "high"), [
    (S.CosineDecay(0.0, decay_steps=20, warmup_target=3e-3, warmup_steps=44), 0.1, 0.2),
    (S.ExponentialDecay(1e-3, decay_steps=2, decay_rate=0.5), 0.0, 0.1),
    (S.PolynomialDecay(1e-3, decay_steps=20, end_learning_rate=0.0), 0.0, 0.1),
    (S.CosineDecay(0.0, decay_steps=STEPS - 44, warmup_target=3e-3, warmup_steps=44), 0.95, 1),
])  # fmt: skip
def test_a_schedule_spent_early_reads_its_share_of_the_budget(schedule, low, high) -> None:
    share = collapse_share(serialised(schedule), STEPS, 1e-3)
    assert share is not None and low <= share <= high


@pytest.mark.parametrize("schedule", [
    S.ExponentialDecay(1e-3, decay_steps=100, decay_rate=0.5),  # 1/16 at the end: not spent
    S.PiecewiseConstantDecay([100, 200], [1e-2, 1e-3, 1e-4]),  # 1e-2 x its peak
    S.CosineDecayRestarts(1e-3, first_decay_steps=50),  # spent, then restarted
    S.InverseTimeDecay(1e-3, decay_steps=1, decay_rate=1.0),
])  # fmt: skip
def test_a_schedule_that_lasts_is_not_spent(schedule) -> None:
    assert collapse_share(serialised(schedule), STEPS, 1e-3) is None


def test_no_schedule_or_one_that_cannot_be_rebuilt_reads_nothing() -> None:
    assert collapse_share(1e-3, STEPS, 1e-3) is None
    assert collapse_share(None, STEPS, 1e-3) is None
    unknown = {"module": None, "class_name": "NotASchedule", "config": {}, "registered_name": None}
    assert collapse_share(unknown, STEPS, 1e-3) is None


@pytest.mark.parametrize(("schedule", "low", "high"), [
    (S.InverseTimeDecay(1e-3, decay_steps=1, decay_rate=0.5), 0.0, 0.03),  # meant per epoch
    (S.InverseTimeDecay(1e-3, decay_steps=22, decay_rate=0.5), 0.2, 0.3),  # per epoch
    (S.CosineDecay(1e-3, decay_steps=STEPS), 0.45, 0.55),
    (S.ExponentialDecay(1e-3, decay_steps=44, decay_rate=0.5), 0.1, 0.2),  # halved every 2
    (S.ExponentialDecay(1e-3, decay_steps=1000, decay_rate=0.96), 0.95, 1.0),
])  # fmt: skip
def test_the_mean_rate_is_read_as_a_share_of_the_peak(schedule, low, high) -> None:
    profile = rate_profile(serialised(schedule), STEPS, 1e-3)
    assert profile is not None and low <= profile.mean_share <= high
