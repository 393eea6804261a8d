"""Clipping family: `gradient` adds `clipvalue` drawn uniformly in [9, 10] (2 decimals).

As in the paper's code it does not apply when the optimizer already clips (clipvalue,
clipnorm or global_clipnorm): Keras allows only one of them, and replacing a user's tighter
clipping with a looser one would not be a repair.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import CLIP_KEYS, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

CLIP_RANGE = (9.0, 10.0)


def _gradient(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    existing = {k: spec.optimizer[k] for k in CLIP_KEYS if spec.optimizer.get(k) is not None}
    if existing:
        raise ModelSpecError(f"gradient: the optimizer already clips gradients: {existing}")
    value = round(float(rng.uniform(*CLIP_RANGE)), 2)
    optimizer = {**spec.optimizer, "clipvalue": value}
    return spec.evolve(optimizer=optimizer), {"clipvalue": value}


OPERATORS = (
    RepairOperator(
        id="gradient",
        family="clipping",
        max_tries=2,
        transform=_gradient,
        sentence=lambda p: f"Clipped each gradient entry to within +-{p['clipvalue']}.",
    ),
)
