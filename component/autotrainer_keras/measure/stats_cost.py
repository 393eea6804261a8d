"""What one step's gradient statistics cost on this device, timed once per training.

The statistics (`step_stats.gradient_row`) are run in a traced graph on stand-in gradients:
the trainable variables themselves, which have the gradients' shapes. A traced graph that
does nothing is timed the same way and subtracted, leaving the cost the statistics add to
a training step. The fastest of a few rounds is kept (other work on the machine only
ever makes a round slower). `measured_statistics_seconds` measures once per process for each
set of variable shapes: a repair candidate with the original's shapes (a new optimizer,
learning rate, batch size or activation) reuses the original's measurement instead of
tracing and timing it again (~0.2 s per training on a small model).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import tensorflow as tf

from autotrainer_keras.measure.step_stats import gradient_row


def _fastest_call(function: Callable[[], tf.Tensor], calls: int, rounds: int) -> float:
    function()  # trace
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for _ in range(calls):
            result = function()
        _ = result.numpy()  # wait for the device
        best = min(best, (time.perf_counter() - started) / calls)
    return best


def statistics_seconds(variables: Sequence[tf.Variable], calls: int = 8, rounds: int = 3) -> float:
    """Seconds one training step's gradient statistics add (>= 0), measured on this device.

    Args:
        variables: The model's trainable variables (the gradients have their shapes).
        calls: Calls per timed round.
        rounds: Timed rounds; the fastest counts.
    """
    variables = list(variables)
    if not variables:
        return 0.0

    @tf.function(autograph=False)  # as `measure.traced`: no tensor-dependent control flow
    def statistics() -> tf.Tensor:
        return gradient_row([v.value for v in variables], variables)

    @tf.function(autograph=False)
    def nothing() -> tf.Tensor:
        return tf.zeros([3, len(variables)])

    cost = _fastest_call(statistics, calls, rounds) - _fastest_call(nothing, calls, rounds)
    return max(0.0, cost)


MEASURED_KEPT = 32
"""Variable-shape sets whose statistics cost a process remembers (oldest dropped first)."""

_measured: dict[tuple[Any, ...], float] = {}


def measured_statistics_seconds(variables: Sequence[tf.Variable]) -> float:
    """`statistics_seconds` of `variables`, measured once per process for their shapes and
    dtypes (the cost depends on nothing else on one device)."""
    variables = list(variables)
    key = tuple((tuple(int(d) for d in v.shape), str(v.dtype)) for v in variables)
    if key not in _measured:
        if len(_measured) >= MEASURED_KEPT:
            _measured.pop(next(iter(_measured)))
        _measured[key] = statistics_seconds(variables)
    return _measured[key]
