"""Where a learning-rate schedule leaves the training budget: the share of the budget's steps
after which its rate stays at a negligible share of its peak for good, and its mean rate over
the budget as a share of its peak.

A schedule whose step counts were given in epochs (`CosineDecay(decay_steps=epochs)`) or
for another budget decays to nothing long before the budget ends; the steps after that
change nothing. A decay that never quite reaches nothing can still leave the budget few
steps' worth of movement: `InverseTimeDecay(decay_steps=1)` keeps 1 / (1 + rate x step)
of its peak, about 1.5 % of it on average over 800 steps.

Read by evaluating the schedule on a grid over the budget's steps (the schedule's own
`__call__`, so any Keras schedule and any custom one that takes a step); a
`LearningRateScheduler` callback's epoch function is not read.
"""

from __future__ import annotations

import copy
import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import keras
import numpy as np

GRID = 200
"""Steps evaluated across the budget (about 0.1 s of eager calls; 0.5 % resolution)."""


def evaluation_errors() -> tuple[type[Exception], ...]:
    """What a schedule that cannot be evaluated raises: Python's errors, and TensorFlow's op
    errors when TensorFlow is loaded (`Watch` runs on JAX and PyTorch without it)."""
    errors: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError, AttributeError,
                                           RuntimeError)  # fmt: skip
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None:
        errors += (tensorflow.errors.OpError,)
    return errors


def schedule_rates(schedule: dict[str, Any], steps: np.ndarray) -> np.ndarray | None:
    """The rates of a serialised Keras schedule at `steps`; None when it cannot be rebuilt
    or evaluated (a custom class not registered, a schedule that needs more than a step)."""
    try:
        function = keras.optimizers.schedules.deserialize(copy.deepcopy(schedule))
        rates = [float(keras.ops.convert_to_numpy(function(int(step)))) for step in steps]
    except evaluation_errors():
        return None  # a schedule this reading cannot evaluate is not judged
    return np.asarray(rates, dtype=float)


@dataclass(frozen=True)
class RateProfile:
    """A schedule read over a budget: its highest rate, the share of the budget's steps
    after which its rate stays negligible (None: it never does), and its mean rate over the
    budget's steps as a share of the peak (1: a constant rate; about 0.5: a cosine decay or
    a one-cycle; NaN: no positive peak)."""

    peak: float
    spent_share: float | None
    mean_share: float = math.nan


def rate_profile(schedule: Any, total_steps: int, floor: float) -> RateProfile | None:
    """The schedule's `RateProfile` over `total_steps` (spent: at most `floor` x its peak to
    the end); None when it is no schedule (a fixed rate, None) or cannot be evaluated. Each
    schedule is read once per budget (a job checks every candidate's settings)."""
    if not isinstance(schedule, dict) or total_steps < 2:
        return None
    try:
        key = json.dumps(schedule, sort_keys=True)
    except (TypeError, ValueError):
        return None
    return _rate_profile(key, total_steps, floor)


def collapse_share(schedule: Any, total_steps: int, floor: float) -> float | None:
    """The share of `total_steps` after which the schedule's rate stays at most `floor` x its
    peak to the end of the budget; None when it never does or is no schedule."""
    profile = rate_profile(schedule, total_steps, floor)
    return None if profile is None else profile.spent_share


@lru_cache(maxsize=64)
def _rate_profile(schedule_json: str, total_steps: int, floor: float) -> RateProfile | None:
    schedule = json.loads(schedule_json)
    steps = np.unique(np.linspace(0, total_steps - 1, GRID).astype(int))
    rates = schedule_rates(schedule, steps)
    if rates is None or not np.isfinite(rates).all():
        return None
    peak_at = int(np.argmax(rates))
    peak = float(rates[peak_at])
    if not peak > 0:
        return RateProfile(peak=peak, spent_share=None)
    last_high = int(np.flatnonzero(rates > floor * peak)[-1])  # the peak at least
    spent = None if last_high + 1 >= len(steps) else float(steps[last_high + 1] / total_steps)
    return RateProfile(peak=peak, spent_share=spent, mean_share=float(np.mean(rates) / peak))
