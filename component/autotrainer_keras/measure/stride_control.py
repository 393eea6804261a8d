"""Keeps the gradient-statistics stride within its time budget as training goes (host side).

The Keras adapter calls `step_begins` at the start of every training step (a clock read: no
device sync) and `stride_now` at each check; the step time is measured between step starts,
leaving out the first step of each epoch (tracing in the first epoch; data set-up, the
previous epoch's validation and check in the others) and the time of the checks.

    control = StrideControl(stats_seconds=6e-4, budget=0.02, steps_per_check=625,
                            max_rows=256, clock=time.perf_counter)
    control.fit_begins(total_steps=3000, plain_traced=False)   # each fit (segment)
    control.step_begins(batch)                  # every step
    stride = control.stride_now()               # at a check: None, or a new stride to set

In a short training the stride stays 1 (`stride.whole_fit_stride`): measuring every step
left costs less than tracing Keras' own step, which a stride above 1 would run. The trace is
estimated from the training's first step (which traced the sampled step): `TRACE_SHARE` of
its time.
"""

from __future__ import annotations

from collections.abc import Callable

from autotrainer_keras.measure.stride import budget_stride, rows_stride, whole_fit_stride

MIN_TIMED_STEPS = 4
"""Step intervals needed before a step time is trusted."""

FIRST_UPDATE_AT = 17
"""The first epoch's batch at which the stride is first set (16 intervals after step 1)."""

TRACE_SHARE = 0.5
"""Tracing Keras' own train step, as a share of the first step (which traced the step with
statistics, a larger graph): measured 0.4-0.6 on an MLP and a VGG-style CNN."""


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
        self.trace_seconds = 0.0  # estimated trace of Keras' own step (0: traced, or unknown)
        self._fit_steps: int | None = None  # steps of the current training, when known
        self._fit_start_step = 0
        self._first_step_at: float | None = None
        self._plain_traced = False

    def fit_begins(self, total_steps: int | None, plain_traced: bool) -> None:
        """A training (or a segment of one) starts: `total_steps` in it (None: unknown);
        `plain_traced`: Keras' own step was traced already (a stride costs nothing more)."""
        self._fit_steps = total_steps
        self._fit_start_step = self._steps
        if plain_traced:
            self.plain_traced()

    def plain_traced(self) -> None:
        """Keras' own step is traced: a stride above 1 costs no trace any more."""
        self._plain_traced, self.trace_seconds = True, 0.0

    def step_begins(self, batch: int) -> int | None:
        """Note the start of a step (`batch`: its index in the epoch); maybe a new stride."""
        now = self.clock()
        self._steps += 1
        if self._steps == 1:
            self._first_step_at = now
        elif self._steps == 2 and self._first_step_at is not None and not self._plain_traced:
            self.trace_seconds = TRACE_SHARE * (now - self._first_step_at)
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
        if self._fit_steps is not None:
            left = self._fit_steps - (self._steps - self._fit_start_step)
            stride = whole_fit_stride(
                stride, self.stats_seconds, left, self.trace_seconds,
                rows_stride(self.steps_per_check, self.max_rows),
            )  # fmt: skip
        if stride == self.stride:
            return None
        self.stride = stride
        self.changes.append((self._steps, stride))
        return stride
