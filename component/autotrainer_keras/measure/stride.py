"""How often the per-step gradient statistics are taken: a stride bounded by a time budget.

Pure arithmetic (no TensorFlow): the Keras adapter measures the statistics' cost and the
step time and asks `budget_stride` for the stride; `fixed_stride` applies the ring's bound
to a stride the user set.

    budget_stride(stats_seconds=6e-4, step_seconds=2.5e-3, budget=0.02,
                  steps_per_check=625, max_rows=256)   # -> 12: 6e-4 / 12 <= 2 % of 2.5e-3

What a stride N changes in the evidence: the loss is still recorded at every step, so the
NaN/Inf, divergence, oscillation and slow-convergence rules see the same numbers. The
gradient rules see, per check, the mean over every N-th step (a systematic sample of the
steps since the previous check, at least one) instead of the mean over all of them: the
same quantity estimated from fewer steps. A NaN/Inf gradient in a step that is not sampled
shows up in the next step's loss or in the weights read at the check.
"""

from __future__ import annotations

import math


def rows_stride(steps_per_check: int, max_rows: int) -> int:
    """The smallest stride at which the steps between two checks fit in `max_rows` rows."""
    return max(1, math.ceil(max(1, steps_per_check) / max(1, max_rows)))


def fixed_stride(every: int, steps_per_check: int, max_rows: int) -> int:
    """A stride set by the user, raised if needed to keep the ring within `max_rows` rows and
    lowered to the steps between two checks (each check sees at least one sampled step)."""
    return min(max(every, rows_stride(steps_per_check, max_rows)), max(1, steps_per_check))


def budget_stride(
    stats_seconds: float,
    step_seconds: float,
    budget: float,
    steps_per_check: int,
    max_rows: int,
) -> int:
    """The smallest stride whose statistics cost at most `budget` of the step time.

    Args:
        stats_seconds: Time the statistics of one step take (measured).
        step_seconds: Time of one training step without statistics (measured).
        budget: Allowed fraction of the step time (0.02: 2 %).
        steps_per_check: Training steps between two checks.
        max_rows: Sampled steps the device ring holds between two checks.

    Returns:
        A stride between 1 and `steps_per_check` (every check sees at least one sampled
        step, even when one step's statistics cost more than the budget of a whole check's
        steps), at least the stride that fits the ring.
    """
    steps = max(1, steps_per_check)
    if stats_seconds <= 0 or not math.isfinite(stats_seconds):
        wanted = 1
    elif step_seconds <= 0 or not math.isfinite(step_seconds):
        wanted = steps
    else:
        wanted = math.ceil(stats_seconds / (budget * step_seconds) - 1e-9)
    return min(max(wanted, rows_stride(steps, max_rows), 1), steps)


def whole_fit_stride(
    stride: int, stats_seconds: float, steps_left: int, trace_seconds: float, min_stride: int
) -> int:
    """`stride`, or `min_stride` when it is 1 (the ring holds every step) and measuring every
    step left in this training costs less than tracing the train step without statistics.

    A stride above 1 runs Keras' own train step at the steps it skips, and that step is
    traced the first time it runs: a one-off cost about that of tracing the step (seconds
    for a CNN) that the per-step budget does not see. In a short training the statistics of
    all its steps cost less (a few hundred steps x under a millisecond), so it measures them
    all, which also gives the gradient rules every step.

    Args:
        stride: The per-step budget's stride (`budget_stride`).
        stats_seconds: Time the statistics of one step take.
        steps_left: Training steps left in this training.
        trace_seconds: Estimated time to trace the train step without statistics (0 when it
            was traced already: then the budget stride costs nothing more).
        min_stride: The smallest stride the ring allows (`rows_stride`).
    """
    if min_stride > 1 or stride <= min_stride or trace_seconds <= 0:
        return stride  # (a ring-bound stride above 1 runs Keras' own step anyway)
    if not math.isfinite(stats_seconds):
        return stride
    extra = max(0.0, stats_seconds) * max(0, steps_left) * (1.0 - min_stride / stride)
    return min_stride if extra <= trace_seconds else stride
