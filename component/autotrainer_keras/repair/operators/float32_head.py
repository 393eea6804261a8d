"""`float32_head`: the output layers of a mixed-precision model computed in float32.

Under `mixed_float16` every layer computes in float16 unless told otherwise; the Keras
mixed-precision guide keeps the output layer in float32, because float16 holds nothing past
65504 and nothing below 6e-8: a price head rescaled to 6.5e5 gives Inf, a softmax written by
hand without its max subtracted overflows, an epsilon of 1e-8 added in float16 is 0 and a
log of it -Inf (practice batch 39). The candidate sets the dtype policy of every layer that
produces a model output and computes in a 16-bit float to float32 (the layer casts its
inputs up); nothing else changes, and no weight changes shape, so it keeps every given
weight. Does not apply when the outputs already compute in float32 (costs nothing).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

HALF_POLICIES = frozenset({"mixed_float16", "mixed_bfloat16", "float16", "bfloat16"})
"""Dtype policies that compute in a 16-bit float."""


def _float32_head(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed = []
    for name in mc.output_layer_names(model):
        layer = mc.find_layer(model, name)
        if mc.policy_name(layer) in HALF_POLICIES:
            mc.compute_in_float32(layer)
            changed.append(name)
    if not changed:
        raise ModelSpecError("float32_head: the outputs already compute in float32")
    return spec.evolve(model=model), {"layers": changed}


OPERATORS = (
    RepairOperator(
        id="float32_head",
        family="output",
        max_tries=1,
        transform=_float32_head,
        sentence=lambda p: (
            f"Computed {names(p['layers'])} in float32 (float16 holds nothing past 65504 or "
            "below 6e-8: the output overflowed or a small term rounded to 0)."
        ),
        changes_output=True,
    ),
)
