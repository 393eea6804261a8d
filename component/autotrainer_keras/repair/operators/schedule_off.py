"""`schedule_off`: train without the caller's learning-rate callbacks.

A `LearningRateScheduler` (or `ReduceLROnPlateau`) passed to the job rides along in every
training, the candidates' too, so when its rate collapses (x0.1 an epoch: practice batch
8's `lrs_times_0.1`, 0.0003 -> 3e-07 in six epochs) no other repair can help: every
candidate's rate collapses the same way. This one leaves those callbacks out of the
candidate's training, at the optimizer's own rate, and with them any callback of the
caller's that watches its metric the wrong way round (an `EarlyStopping(mode="max")` on
`val_loss`, practice batch 11's `earlystop_mode_max`: it stopped an improving training and
restored its worst weights); the rest of the caller's callbacks run. It applies only when
the spec names such callbacks (`TrainingSpec.user_schedules`).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _schedule_off(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if not spec.user_schedules:
        raise ModelSpecError(
            "schedule_off: no learning-rate callback of yours, nor one watching its metric the "
            "wrong way round, runs"
        )
    rate = spec.learning_rate
    return spec.evolve(user_schedules=()), {"callbacks": list(spec.user_schedules),
                                            "learning_rate": rate}  # fmt: skip


def _sentence(p: dict[str, object]) -> str:
    callbacks = p["callbacks"]
    names = ", ".join(str(n) for n in callbacks) if isinstance(callbacks, list) else ""
    rate = p.get("learning_rate")
    at = f" {float(rate):.3g}" if isinstance(rate, int | float) else ""
    return f"Trained without your {names}: the optimizer's own learning rate{at} throughout."


OPERATORS = (
    RepairOperator(
        id="schedule_off",
        family="learning_rate",
        max_tries=1,
        transform=_schedule_off,
        sentence=_sentence,
    ),
)
