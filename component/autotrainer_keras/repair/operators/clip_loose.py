"""`clip_loose`: a gradient clip so tight under plain SGD that the steps crawl, loosened.

Under `SGD` the step is the rate times the clipped gradient, so `clipvalue=1e-4` (meant as
`clipnorm=1`, or copied from a per-element recipe of another optimizer) caps every step at
rate x 1e-4 (the pre-flight's `learning_rate_out_of_range`, `measure.step_reach`). Every cap
(`clipvalue`, `clipnorm`, `global_clipnorm`) below `TIGHT_CAP` becomes `LOOSE_CAP`, the clip
the Keras documentation and most recipes use: the clip stays, as the user wanted one. Under
adaptive optimizers the clip's scale cancels, and the operator does not apply (costs
nothing). No weight changes shape, so the candidate keeps every given weight.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.step_reach import CAPPED_OPTIMIZERS
from autotrainer_keras.repair.operators.base import CLIP_KEYS, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

TIGHT_CAP = 0.1
"""Caps below this are loosened (usual clips: 0.5-5)."""

LOOSE_CAP = 1.0
"""What a loosened cap becomes."""


def _clip_loose(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    optimizer = dict(spec.optimizer)
    if str(optimizer.get("name", "")).lower() not in CAPPED_OPTIMIZERS:
        raise ModelSpecError("clip_loose: only plain SGD's steps scale with the clip")
    loosened = {key: float(optimizer[key]) for key in CLIP_KEYS
                if isinstance(optimizer.get(key), int | float)
                and 0 < optimizer[key] < TIGHT_CAP}  # fmt: skip
    if not loosened:
        raise ModelSpecError(f"clip_loose: no gradient clip below {TIGHT_CAP}")
    optimizer.update(dict.fromkeys(loosened, LOOSE_CAP))
    return spec.evolve(optimizer=optimizer), {"from": loosened, "to": LOOSE_CAP}


OPERATORS = (
    RepairOperator(
        id="clip_loose",
        family="optimizer",
        max_tries=1,
        transform=_clip_loose,
        sentence=lambda p: (
            "Gradient clip "
            + ", ".join(f"{key}={value:g}" for key, value in p["from"].items())
            + f" -> {p['to']:g}: so tight a clip under SGD made every step too small to learn."
        ),
    ),
)
