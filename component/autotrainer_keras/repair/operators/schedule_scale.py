"""A Keras learning-rate schedule's rates scaled by one factor, its shape kept.

The rates of the built-in schedules live in `initial_learning_rate`, `warmup_target` (a
`CosineDecay` warm-up's peak), `end_learning_rate` (`PolynomialDecay`) and `values`
(`PiecewiseConstantDecay`); `alpha` and the decay rates are ratios and stay. Scaling only
`initial_learning_rate` would leave a warm-up's peak where it was (a warm-up from 0 would
not move at all). A custom schedule whose config holds none of these is not scaled.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
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


def scaled_fields(
    schedule: dict[str, Any],
    factor: float,
    keys: tuple[str, ...],
    list_key: str,
    cast: Callable[[float], float],
) -> dict[str, Any]:
    """A copy of the serialised schedule with its numeric `keys` and the numbers of its
    `list_key` list times `factor`, each passed through `cast` (the rates here, the step
    counts in `schedule_stretch`)."""
    out = copy.deepcopy(schedule)
    config = out["config"]
    for key in keys:
        if isinstance(config.get(key), int | float):
            config[key] = cast(config[key] * factor)
    if isinstance(config.get(list_key), list):
        config[list_key] = [cast(v * factor) if isinstance(v, int | float) else v
                            for v in config[list_key]]  # fmt: skip
    return out


def scaled_schedule(schedule: dict[str, Any], factor: float) -> dict[str, Any]:
    """A copy of the serialised schedule with every rate it names times `factor`.

    Raises:
        ModelSpecError: The config names no rate (a custom schedule).
    """
    schedule_peak(schedule)  # names a rate, or raises
    return scaled_fields(schedule, factor, RATE_FIELDS, "values", clean_rate)
