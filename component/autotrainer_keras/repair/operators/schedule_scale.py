"""A Keras learning-rate schedule's rates scaled by one factor, its shape kept.

The rates of the built-in schedules live in `initial_learning_rate`, `warmup_target` (a
`CosineDecay` warm-up's peak), `end_learning_rate` (`PolynomialDecay`) and `values`
(`PiecewiseConstantDecay`); `alpha` and the decay rates are ratios and stay. Scaling only
`initial_learning_rate` would leave a warm-up's peak where it was (a warm-up from 0 would
not move at all). A custom schedule whose config holds none of these is not scaled.
"""

from __future__ import annotations

import copy
from typing import Any

from autotrainer_keras.errors import ModelSpecError

RATE_FIELDS = ("initial_learning_rate", "warmup_target", "end_learning_rate")


def clean_rate(value: float) -> float:
    """Six significant digits: 0.1 * 0.01 is 0.001, not 0.0010000000000000002."""
    return float(f"{value:.6g}")


def schedule_peak(schedule: dict[str, Any]) -> float:
    """The highest rate a schedule's config names (its peak for the built-in schedules).

    Raises:
        ModelSpecError: The config names no rate (a custom schedule).
    """
    config = schedule.get("config") or {}
    rates = [config[k] for k in RATE_FIELDS if isinstance(config.get(k), int | float)]
    values = config.get("values")
    if isinstance(values, list):
        rates += [v for v in values if isinstance(v, int | float)]
    if not rates:
        raise ModelSpecError(
            f"cannot scale the schedule {schedule.get('class_name')!r}: its config names no rate"
        )
    return float(max(rates))


def scaled_schedule(schedule: dict[str, Any], factor: float) -> dict[str, Any]:
    """A copy of the serialised schedule with every rate it names times `factor`.

    Raises:
        ModelSpecError: The config names no rate (a custom schedule).
    """
    schedule_peak(schedule)  # names a rate, or raises
    out = copy.deepcopy(schedule)
    config = out["config"]
    for key in RATE_FIELDS:
        if isinstance(config.get(key), int | float):
            config[key] = clean_rate(config[key] * factor)
    if isinstance(config.get("values"), list):
        config["values"] = [clean_rate(v * factor) if isinstance(v, int | float) else v
                            for v in config["values"]]  # fmt: skip
    return out
