"""The decoupled weight decay an optimizer applies at each step, as a share of each weight.

Keras 3 optimizers with `weight_decay` (AdamW's default 0.004, any other optimizer's when
given) shrink every decayed variable by `variable * weight_decay * learning_rate` before the
update: per step, a weight loses `weight_decay x rate` of itself whatever the gradient says.
Read at the schedule's peak rate (a warm-up rises to it), from an optimizer's config as Keras
writes it (`get_config()`) or as a training spec holds it (the same keys).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import numpy as np

from autotrainer_keras.measure.rate_profile import schedule_rates

PEAK_GRID = np.unique(np.concatenate([[0], np.geomspace(1, 1e6, 61).astype(int)]))
"""Steps a schedule is read at for its peak (warm-ups of up to a million steps)."""


def peak_rate(rate: Any, steps: int | None = None) -> float | None:
    """A fixed learning rate, or a serialised schedule's highest rate over `PEAK_GRID` (only
    its steps up to `steps`, and that step, when the budget's steps are known: a schedule
    that grows without end, a warm-up typed the wrong way round, is read where the training
    takes it); None when unknown (unset, or a schedule that cannot be evaluated)."""
    if isinstance(rate, int | float):
        return float(rate)
    if not isinstance(rate, dict):
        return None
    try:
        key = json.dumps(rate, sort_keys=True)
    except (TypeError, ValueError):
        return None
    return _schedule_peak(key, steps)


@lru_cache(maxsize=64)
def _schedule_peak(schedule_json: str, steps: int | None) -> float | None:
    """A schedule's peak, read once per schedule and budget (the job checks every
    candidate's settings)."""
    grid = PEAK_GRID if steps is None else np.unique(np.append(PEAK_GRID[steps >= PEAK_GRID],
                                                               max(0, int(steps))))  # fmt: skip
    rates = schedule_rates(json.loads(schedule_json), grid)
    return None if rates is None or not np.isfinite(rates).any() else float(np.nanmax(rates))


def decay_per_step(optimizer: dict[str, Any], steps: int | None = None) -> tuple[float, float]:
    """(weight_decay, weight_decay x the peak rate) of an optimizer config, the peak over the
    budget's `steps` when known (`peak_rate`); zeros without weight decay or a known rate. A
    loss-scale optimizer's inner optimizer is read."""
    inner = optimizer.get("inner_optimizer")
    if isinstance(inner, dict):
        return decay_per_step(inner.get("config", inner), steps)
    decay = optimizer.get("weight_decay")
    if not isinstance(decay, int | float) or not math.isfinite(decay) or decay <= 0:
        return 0.0, 0.0
    rate = peak_rate(optimizer.get("learning_rate"), steps)
    if rate is None or not math.isfinite(rate):
        return float(decay), 0.0
    return float(decay), float(decay) * rate
