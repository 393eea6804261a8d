"""The decoupled weight decay an optimizer takes per step (`measure.weight_decay`), read from
Keras' own optimizer configs: a fixed rate, a warm-up schedule's peak, a loss-scale
optimizer's inner one."""

from __future__ import annotations

import keras
import pytest

from autotrainer_keras.measure.weight_decay import decay_per_step, peak_rate


def test_a_fixed_rate_times_the_weight_decay() -> None:
    config = keras.optimizers.AdamW(2e-3, weight_decay=5.0).get_config()
    assert decay_per_step(config) == pytest.approx((5.0, 0.01), rel=1e-5)
    assert decay_per_step(keras.optimizers.Adam(1e-3).get_config()) == (0.0, 0.0)


def test_a_warm_up_schedule_is_read_at_its_peak_and_a_loss_scale_optimizer_inside() -> None:
    schedule = keras.optimizers.schedules.CosineDecay(0.0, 10_000, warmup_target=2e-3,
                                                      warmup_steps=500)  # fmt: skip
    inner = keras.optimizers.AdamW(schedule, weight_decay=5.0)
    peak = peak_rate(keras.optimizers.schedules.serialize(schedule))
    assert peak == pytest.approx(2e-3, rel=0.05)
    assert decay_per_step(inner.get_config())[1] == pytest.approx(0.01, rel=0.05)
    scaled = keras.optimizers.LossScaleOptimizer(inner).get_config()
    assert decay_per_step(scaled)[1] == pytest.approx(0.01, rel=0.05)
    assert peak_rate(None) is None and peak_rate({"class_name": "NoSuchSchedule"}) is None


def test_non_finite_settings_read_as_no_decay_and_are_never_lowered_to_nan() -> None:
    from autotrainer_keras.repair.operators.regularizer_down import lowered_decay

    assert decay_per_step({"weight_decay": float("nan"), "learning_rate": 1e-3}) == (0.0, 0.0)
    assert decay_per_step({"weight_decay": 5.0, "learning_rate": float("inf")}) == (5.0, 0.0)
    unknown_rate = {"name": "adamw", "weight_decay": 5.0, "learning_rate": float("nan")}
    assert lowered_decay(unknown_rate) is None
    lowered = lowered_decay({"name": "adamw", "weight_decay": 5.0, "learning_rate": 2e-3})
    assert lowered is not None and lowered["weight_decay"] == pytest.approx(5e-3)


def test_a_schedule_that_grows_is_read_at_its_peak_within_the_budget() -> None:
    """A rate that climbs without end (practice batch 20's warm-up with its `where` typed the
    wrong way round, here an exponential "decay" of rate 2) peaks where the budget's last
    step takes it, not a million steps on."""
    growing = keras.optimizers.schedules.ExponentialDecay(1e-3, decay_steps=100, decay_rate=2.0)
    config = keras.optimizers.schedules.serialize(growing)
    assert peak_rate(config, 500) == pytest.approx(1e-3 * 2**5, rel=1e-3)
    assert peak_rate(config) > 1.0  # no budget: the grid's million steps
    adamw = keras.optimizers.AdamW(growing, weight_decay=1e-4).get_config()
    assert decay_per_step(adamw, 500)[1] == pytest.approx(3.2e-6, rel=1e-3)
