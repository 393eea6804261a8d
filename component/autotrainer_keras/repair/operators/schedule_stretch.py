"""`schedule_stretch`: a learning-rate schedule spent early, stretched over the budget.

The schedule's decay step counts (`decay_steps`, `first_decay_steps`, `boundaries`) are
multiplied by one factor so its rate is spent (at most the pre-flight's `schedule_floor` x
its peak, `measure.rate_profile`) only at the end of the budget's steps: the user's own
schedule, shape and warm-up kept, over the steps it was meant for (decay_steps given in
epochs becomes decay_steps in steps). Built from the data's facts (the steps per epoch). It
does not apply to a fixed rate, to a schedule that is not spent early, or to one without
those step counts.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.rate_profile import collapse_share
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.schedule_scale import scaled_fields
from autotrainer_keras.repair.spec import TrainingSpec

STEP_COUNTS = ("decay_steps", "first_decay_steps")
"""Keras schedules' decay lengths in steps (`PiecewiseConstantDecay`: its `boundaries`)."""
FLOOR = float(PreflightThresholds.model_fields["schedule_floor"].default)
SPENT_AT_END = 0.95
"""Stretched far enough once the rate is spent no earlier than this share of the budget."""
ROUNDS = 4


def _steps(value: float) -> int:
    return max(1, round(value))


def _stretched(schedule: dict[str, Any], factor: float) -> dict[str, Any]:
    return scaled_fields(schedule, factor, STEP_COUNTS, "boundaries", _steps)


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
        share = collapse_share(schedule, total, FLOOR)
        if share is None or share >= SPENT_AT_END:
            raise ModelSpecError("schedule_stretch: the schedule is not spent early")
        factor, stretched = 1.0, schedule
        for _ in range(ROUNDS):  # step counts are integers, warm-ups are not stretched
            factor *= 1.0 / max(share, 1e-3)
            stretched = _stretched(schedule, factor)
            share = collapse_share(stretched, total, FLOOR)
            if share is None or share >= SPENT_AT_END:
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
