"""`lr_default`: the optimizer's Keras default learning rate, for a rate far outside its range.

Unlike `lr_up`/`lr_down` (a factor of 10 per try) it goes straight back to the usual value:
the pre-flight check fires only when the rate is off by 100x or more. It does not apply to a
schedule, nor when the rate already is the default.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.spec import TrainingSpec


def _lr_default(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if spec.learning_rate is None:
        raise ModelSpecError("lr_default: the optimizer has a schedule or no fixed rate")
    rate = default_learning_rate(optimizer_name(spec.optimizer))
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
        ),
    ),
)
