"""Batch-size family: `batch` try j uses the j-th of 32, 64, 128, 256 other than the current
size (the `default` profile's version; the `paper` profile's, 32 x 2^j stopping at the
current size as the original code does, is in `operators.paper`).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

BATCH_SIZES: tuple[int, ...] = (32, 64, 128, 256)


def _batch(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    options = [size for size in BATCH_SIZES if size != spec.batch_size]
    if try_index >= len(options):
        raise ModelSpecError(
            f"batch: no batch size left for try {try_index + 1} (current {spec.batch_size})"
        )
    return spec.evolve(batch_size=options[try_index]), {"batch_size": options[try_index]}


OPERATORS = (
    RepairOperator(
        id="batch",
        family="batch_size",
        max_tries=len(BATCH_SIZES),
        transform=_batch,
        sentence=lambda p: f"Trained with batch size {p['batch_size']}.",
    ),
)
