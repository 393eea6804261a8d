"""`accumulation_off`: gradient accumulation that leaves the budget too few updates, removed.

Keras' `gradient_accumulation_steps=N` applies the optimizer once every N batches: the
effective batch size written as the steps (64 steps at batch 64, meaning a batch of 64)
makes 20 epochs of 4700 rows 23 updates (practice batch 36: 0.65 against 0.88), and 256
steps with 29 batches an epoch 3 (batch 5). The pre-flight's `small_budget` counts updates,
not batches. The candidate applies the optimizer at every batch (Keras' default), with the
rate unchanged; no weight changes shape, so it keeps every given weight. Does not apply
without accumulation (costs nothing).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.step_reach import ACCUMULATION_KEY, accumulation_steps
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _accumulation_off(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    steps = accumulation_steps(spec.optimizer)
    if steps <= 1:
        raise ModelSpecError("accumulation_off: the optimizer accumulates no gradients")
    optimizer = {key: value for key, value in spec.optimizer.items() if key != ACCUMULATION_KEY}
    return spec.evolve(optimizer=optimizer), {"from": steps}


OPERATORS = (
    RepairOperator(
        id="accumulation_off",
        family="optimizer",
        max_tries=1,
        transform=_accumulation_off,
        sentence=lambda p: (
            f"Gradient accumulation over {p['from']} batches switched off: the optimizer "
            "updates the weights at every batch, so the budget has enough updates to learn."
        ),
    ),
)
