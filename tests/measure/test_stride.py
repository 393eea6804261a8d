"""The statistics' stride: the budget arithmetic and its control from step times (pure)."""

from __future__ import annotations

import math

import pytest

from autotrainer_keras.measure.stride import (
    budget_stride,
    fixed_stride,
    rows_stride,
    whole_fit_stride,
)
from autotrainer_keras.measure.stride_control import FIRST_UPDATE_AT, StrideControl


@pytest.mark.parametrize(
    ("stats", "step", "budget"),
    [(6e-4, 2.5e-3, 0.02), (1e-5, 1e-1, 0.02), (3e-4, 1e-3, 0.05), (2e-3, 4e-3, 0.01)],
)
def test_the_budget_stride_is_the_smallest_within_the_budget(stats, step, budget) -> None:
    stride = budget_stride(stats, step, budget, steps_per_check=100_000, max_rows=100_000)
    assert stats / stride <= budget * step * (1 + 1e-9)
    assert stride == 1 or stats / (stride - 1) > budget * step


def test_every_check_keeps_one_sampled_step_and_the_ring_bound() -> None:
    # One step's statistics cost more than the budget of all 50 steps: one sample per check.
    assert budget_stride(1.0, 1e-3, 0.02, steps_per_check=50, max_rows=256) == 50
    # Cheap statistics, many steps: the ring's 256 rows set the stride.
    assert budget_stride(1e-9, 1.0, 0.02, steps_per_check=10_000, max_rows=256) == 40
    assert rows_stride(10_000, 256) == math.ceil(10_000 / 256)
    assert fixed_stride(1, 10_000, 256) == 40
    assert fixed_stride(64, 10_000, 256) == 64
    assert fixed_stride(1000, 11, 256) == 11  # never past the steps between two checks
    # Nothing measured yet: no cost means every step, no step time means one per check.
    assert budget_stride(0.0, 1e-3, 0.02, steps_per_check=50, max_rows=256) == 1
    assert budget_stride(1e-4, 0.0, 0.02, steps_per_check=50, max_rows=256) == 50


class FakeClock:
    """Advances by the step time at each read (a training step between two reads)."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.mark.parametrize("step", [2.5e-3, 1e-2, 1e-1])
def test_the_control_sets_the_budget_stride_early_in_the_first_epoch(step: float) -> None:
    stats = 6e-4
    clock = FakeClock(step)
    control = StrideControl(stats, 0.02, steps_per_check=625, max_rows=256, clock=clock)
    changes = [control.step_begins(batch) for batch in range(FIRST_UPDATE_AT + 1)]
    plain = step - stats / rows_stride(625, 256)  # the measured steps include the statistics
    expected = budget_stride(stats, plain, 0.02, 625, 256)
    assert control.stride == expected
    assert changes[-1] in (expected, None)  # None: the initial stride was already right
    assert control.step_seconds == pytest.approx(plain, rel=1e-6)


def test_the_check_time_and_the_first_step_of_an_epoch_are_not_step_time() -> None:
    clock = FakeClock(1e-3)
    control = StrideControl(1e-4, 0.02, steps_per_check=100, max_rows=256, clock=clock)
    for batch in range(10):
        control.step_begins(batch)
    clock.now += 5.0  # a slow check
    control.check_done()
    for batch in range(10, 20):
        control.step_begins(batch)
    control.stride_now()
    assert control.step_seconds is not None and control.step_seconds < 2e-3
    control.step_begins(0)  # a new epoch: its first step is not timed
    assert control.stride_now() is None


def test_a_short_training_measures_every_step_rather_than_trace_a_second_step() -> None:
    # 300 steps x 0.6 ms of statistics = 0.18 s < a 0.5 s trace: every step
    assert whole_fit_stride(12, 6e-4, steps_left=300, trace_seconds=0.5, min_stride=1) == 1
    # 20,000 steps: 12 s of statistics at every step, the budget stride pays the trace once
    assert whole_fit_stride(12, 6e-4, steps_left=20_000, trace_seconds=0.5, min_stride=1) == 12
    # traced already (or unknown): nothing to save
    assert whole_fit_stride(12, 6e-4, steps_left=300, trace_seconds=0.0, min_stride=1) == 12
    # the ring cannot hold every step: Keras' own step runs anyway
    assert whole_fit_stride(40, 6e-4, steps_left=300, trace_seconds=9.0, min_stride=4) == 40


def _control_after_first_epoch(total_steps: int, plain_traced: bool) -> StrideControl:
    """Steps of 2.5 ms with 0.6 ms of statistics; the first step traced
    for 3 s; checks every 100 steps."""
    clock = FakeClock(2.5e-3)
    control = StrideControl(6e-4, 0.02, steps_per_check=100, max_rows=256, clock=clock)
    control.fit_begins(total_steps, plain_traced)
    control.step_begins(0)
    clock.now += 3.0  # the first step traces the train step with statistics
    for batch in range(1, FIRST_UPDATE_AT + 1):
        control.step_begins(batch)
    return control


def test_the_control_keeps_every_step_in_a_short_training_only() -> None:
    budget = budget_stride(6e-4, 2.5e-3 - 6e-4, 0.02, 100, 256)  # the timed steps include stats
    assert budget > 1
    assert _control_after_first_epoch(total_steps=1_000, plain_traced=False).stride == 1
    assert _control_after_first_epoch(total_steps=200_000, plain_traced=False).stride == budget
    assert _control_after_first_epoch(total_steps=1_000, plain_traced=True).stride == budget
    short = _control_after_first_epoch(total_steps=1_000, plain_traced=False)
    assert short.trace_seconds == pytest.approx(0.5 * (3.0 + 2.5e-3))
