"""`schedule_stretch`: a learning-rate schedule spent early, stretched over the budget.

The schedule's decay step counts (`decay_steps`, `first_decay_steps`, `boundaries`) are
multiplied by one factor so its rate is spent (at most the pre-flight's `schedule_floor` x
its peak, `measure.rate_profile`) only at the end of the budget's steps, and its mean rate is
at least `STRETCHED_MEAN` of its peak (a decay that never reaches nothing, such as
`InverseTimeDecay`, can be too steep all the same): the user's own schedule, shape and
warm-up kept, over the steps it was meant for (decay_steps given in epochs becomes
decay_steps in steps). Built from the data's facts (the steps per epoch). It does not apply
to a fixed rate, to a schedule that is neither spent early nor too steep, or to one without
those step counts.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.rate_profile import RateProfile, rate_profile
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.schedule_scale import scaled_fields
from autotrainer_keras.repair.spec import TrainingSpec

STEP_COUNTS = ("decay_steps", "first_decay_steps")
"""Keras schedules' decay lengths in steps (`PiecewiseConstantDecay`: its `boundaries`)."""
FLOOR = float(PreflightThresholds.model_fields["schedule_floor"].default)
SPENT_AT_END = 0.95
"""Stretched far enough once the rate is spent no earlier than this share of the budget."""
STEEP = float(PreflightThresholds.model_fields["schedule_mean_share"].default)
STRETCHED_MEAN = 0.25
"""Stretched far enough once the mean rate over the budget is at least this share of the
peak (a cosine decay: about 0.5)."""
ROUNDS = 4


def _steps(value: float) -> int:
    return max(1, round(value))


def _stretched(schedule: dict[str, Any], factor: float) -> dict[str, Any]:
    return scaled_fields(schedule, factor, STEP_COUNTS, "boundaries", _steps)


def _spent_early(profile: RateProfile) -> bool:
    return profile.spent_share is not None and profile.spent_share < SPENT_AT_END


def _steep(profile: RateProfile, mean: float) -> bool:
    return profile.mean_share <= mean


def _stretch(profile: RateProfile, spent: bool) -> float:
    """The next factor for the step counts: what would make a spent schedule last to the
    end (`spent`), or a steep one average `STRETCHED_MEAN` if its mean grew in proportion."""
    if spent:
        return 1.0 / max(profile.spent_share or 1.0, 1e-3)
    return max(STRETCHED_MEAN / max(profile.mean_share, 1e-3), 1.0)


def schedule_stretch_operator(facts: DataFacts) -> RepairOperator:
    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        schedule = spec.optimizer.get("learning_rate")
        if not isinstance(schedule, dict):
            raise ModelSpecError("schedule_stretch: the optimizer has a fixed rate")
        config = schedule.get("config")
        if not isinstance(config, dict) or not any(
            k in config for k in (*STEP_COUNTS, "boundaries")
        ):
            raise ModelSpecError("schedule_stretch: the optimizer has no schedule with step "
                                 "counts")  # fmt: skip
        total = spec.epochs * math.ceil(facts.n_train / max(1, spec.batch_size))
        profile = rate_profile(schedule, total, FLOOR)
        if profile is None or not (_spent_early(profile) or _steep(profile, STEEP)):
            raise ModelSpecError("schedule_stretch: the schedule is neither spent early nor "
                                 "too steep")  # fmt: skip
        spent = _spent_early(profile)  # else steep: stretched until it averages enough
        factor, stretched = 1.0, schedule
        for _ in range(ROUNDS):  # step counts are integers, warm-ups are not stretched
            factor *= _stretch(profile, spent)
            stretched = _stretched(schedule, factor)
            profile = rate_profile(stretched, total, FLOOR)
            if profile is None or not (
                _spent_early(profile) if spent else _steep(profile, STRETCHED_MEAN)
            ):
                break
        optimizer = {**spec.optimizer, "learning_rate": stretched}
        return spec.evolve(optimizer=optimizer), {
            "factor": round(factor, 2),
            "schedule": str(config.get("name", "")),
        }

    return RepairOperator(
        id="schedule_stretch",
        family="learning_rate",
        max_tries=1,
        transform=transform,
        sentence=lambda p: (
            f"Learning-rate schedule {p['schedule']} stretched x{p['factor']:.3g} over the "
            "budget's steps (its decay step counts; the warm-up kept)."
        ),
    )
