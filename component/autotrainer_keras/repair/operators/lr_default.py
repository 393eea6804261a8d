"""`lr_default`: the optimizer's Keras default learning rate, for a rate far outside its range.

Unlike `lr_up`/`lr_down` (a factor of 10 per try) it goes straight back to the usual value:
the pre-flight check fires only when the rate is off by 100x or more. A schedule whose peak
is `lr_factor` off is scaled so its peak is the default (its shape kept, `schedule_scale`).
It does not apply when the rate already is the default.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.operators.schedule_scale import scaled_schedule, schedule_peak
from autotrainer_keras.repair.spec import TrainingSpec

LR_FACTOR = float(PreflightThresholds.model_fields["lr_factor"].default)
"""A schedule is rescaled only when its peak is this far off the default (the pre-flight's
`lr_factor`): a schedule spent early is `schedule_stretch`'s, not this operator's."""


def rate_to_default(spec: TrainingSpec) -> float | None:
    """The optimizer's fixed learning rate over its Keras default (None: a schedule)."""
    if spec.learning_rate is None:
        return None
    return spec.learning_rate / default_learning_rate(optimizer_name(spec.optimizer))


def _lr_default(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    rate = default_learning_rate(optimizer_name(spec.optimizer))
    schedule = spec.optimizer.get("learning_rate")
    if isinstance(schedule, dict):  # its shape kept, its peak at the default
        peak = schedule_peak(schedule)
        if not peak > 0 or 1 / LR_FACTOR < peak / rate < LR_FACTOR:
            raise ModelSpecError("lr_default: the schedule's peak is within the usual range")
        optimizer = {**spec.optimizer, "learning_rate": scaled_schedule(schedule, rate / peak)}
        return spec.evolve(optimizer=optimizer), {"from": peak, "learning_rate": rate,
                                                  "schedule": 1}  # fmt: skip
    if spec.learning_rate is None:
        raise ModelSpecError("lr_default: the optimizer has no fixed rate")
    optimizer = {**spec.optimizer, "learning_rate": rate}
    return spec.evolve(optimizer=optimizer), {"from": spec.learning_rate, "learning_rate": rate}


OPERATORS = (
    RepairOperator(
        id="lr_default",
        family="learning_rate",
        max_tries=1,
        transform=_lr_default,
        sentence=lambda p: (
            f"Learning rate {p['from']:.3g} -> {p['learning_rate']:.3g} (the optimizer's default)."
            if not p.get("schedule")
            else f"Learning-rate schedule scaled so its peak {p['from']:.3g} is "
            f"{p['learning_rate']:.3g} (the optimizer's default; its shape kept)."
        ),
    ),
)
