"""Keeps the gradient-statistics stride within its time budget as training goes (host side).

The Keras adapter calls `step_begins` at the start of every training step (a clock read: no
device sync) and `stride_now` at each check; the step time is measured between step starts,
leaving out the first step of each epoch (tracing in the first epoch; data set-up, the
previous epoch's validation and check in the others) and the time of the checks.

    control = StrideControl(stats_seconds=6e-4, budget=0.02, steps_per_check=625,
                            max_rows=256, clock=time.perf_counter)
    control.step_begins(batch)                  # every step
    stride = control.stride_now()               # at a check: None, or a new stride to set
"""

from __future__ import annotations

from collections.abc import Callable

from autotrainer_keras.measure.stride import budget_stride, rows_stride

MIN_TIMED_STEPS = 4
"""Step intervals needed before a step time is trusted."""

FIRST_UPDATE_AT = 17
"""The first epoch's batch at which the stride is first set (16 intervals after step 1)."""


class StrideControl:
    """Chooses the stride from the measured cost of the statistics and the step time.

    Args:
        stats_seconds: What one step's statistics cost (`measure.stats_cost`).
        budget: Allowed fraction of the step time (`monitor.stats_time_budget`).
        steps_per_check: Training steps between two checks.
        max_rows: Sampled steps the device ring holds between two checks.
        clock: Seconds, monotonic (injected for tests).
    """

    def __init__(
        self,
        stats_seconds: float,
        budget: float,
        steps_per_check: int,
        max_rows: int,
        clock: Callable[[], float],
    ) -> None:
        self.stats_seconds = stats_seconds
        self.budget = budget
        self.steps_per_check = max(1, steps_per_check)
        self.max_rows = max_rows
        self.clock = clock
        self.stride = rows_stride(self.steps_per_check, max_rows)
        self.step_seconds: float | None = None
        self.changes: list[tuple[int, int]] = []  # (step, stride), for reports
        self._steps = 0
        self._start: tuple[float, int] | None = None
        self._last: tuple[float, int] | None = None
        self._first_epoch = True

    def step_begins(self, batch: int) -> int | None:
        """Note the start of a step (`batch`: its index in the epoch); maybe a new stride."""
        now = self.clock()
        self._steps += 1
        if batch == 0:
            self._start = self._last = None
            if self._steps > 1:
                self._first_epoch = False
            return None
        if self._start is None:
            self._start = (now, self._steps)
        self._last = (now, self._steps)
        if self._first_epoch and batch == FIRST_UPDATE_AT:
            return self.stride_now()
        return None

    def check_done(self) -> None:
        """A check just ran: its time is not a step's."""
        if self._last is not None:
            self._start = (self.clock(), self._last[1])
            self._last = self._start

    def stride_now(self) -> int | None:
        """The stride the budget asks for now, or None to keep the current one."""
        if self._start is None or self._last is None:
            return None
        intervals = self._last[1] - self._start[1]
        if intervals < MIN_TIMED_STEPS:
            return None
        measured = (self._last[0] - self._start[0]) / intervals
        plain = max(measured - self.stats_seconds / self.stride, 1e-9)
        self.step_seconds = plain
        stride = budget_stride(
            self.stats_seconds, plain, self.budget, self.steps_per_check, self.max_rows
        )
        if stride == self.stride:
            return None
        self.stride = stride
        self.changes.append((self._steps, stride))
        return stride
