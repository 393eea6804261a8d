"""`more_epochs`: a longer budget for a training whose validation loss was still falling at
its end. The spec's epochs grow by the extra epochs (its final config retrains the whole
budget from scratch); the engine trains the candidate on from the original's final weights
for the extra epochs only (`engine.repair_loop.more_epochs`).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def more_epochs_operator(extra: int) -> RepairOperator:
    """The operator that adds `extra` epochs to the budget."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if extra <= 0:
            raise ModelSpecError("more_epochs: no extra epochs configured")
        params = {"epochs": spec.epochs, "extra_epochs": extra}
        return spec.evolve(epochs=spec.epochs + extra), params

    return RepairOperator(
        id="more_epochs",
        family="budget",
        max_tries=1,
        transform=transform,
        sentence=lambda p: (
            f"Trained {p['extra_epochs']} more epochs from the final weights (budget "
            f"{p['epochs']} -> {int(p['epochs']) + int(p['extra_epochs'])} epochs): the "
            "validation loss was still falling at the end of the budget."
        ),
    )
