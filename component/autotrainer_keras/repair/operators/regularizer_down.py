"""`regularizer_down`: lower L1/L2 penalties so strong that they outweigh the data loss.

A penalty factor of 1 or 10 on a kernel (L2(10) typed for L2(1e-4)) or on a layer's
activations (an L1 activity penalty of 10 on an autoencoder's code) makes the cheapest
solution all-zero weights or codes: the model collapses to a constant and learns slowly or
not at all. Every L1/L2 factor of a hidden or output layer's `kernel_regularizer`,
`bias_regularizer` or `activity_regularizer` (L1, L2, L1L2; recurrent layers' too) above
`MAX_FACTOR` becomes `REPAIRED_FACTOR`; smaller ones are kept (they regularise as the user
meant). No weight changes shape, so the candidate keeps every given weight (warm). Does not
apply when no factor is above `MAX_FACTOR` (costs nothing).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

MAX_FACTOR = 0.01
"""Factors above this are lowered (0.01 is Keras' own default for `L1()`/`L2()`, the top of
the usual 1e-5..1e-2)."""

REPAIRED_FACTOR = 1e-4
"""The factor a lowered penalty gets."""

KEYS = ("kernel_regularizer", "bias_regularizer", "activity_regularizer",
        "recurrent_regularizer")  # fmt: skip
PENALTY_CLASSES = frozenset({"L1", "L2", "L1L2", "l1", "l2", "l1_l2"})


def _lowered(config: dict[str, Any]) -> list[float]:
    """Lower each penalty factor of `config`'s regularizers above MAX_FACTOR; the factors it
    lowered."""
    before: list[float] = []
    for key in KEYS:
        regularizer = config.get(key)
        if not isinstance(regularizer, dict) or regularizer.get("class_name") not in (
            PENALTY_CLASSES
        ):
            continue
        settings = regularizer.get("config") or {}
        for factor in ("l1", "l2"):
            value = settings.get(factor)
            if isinstance(value, int | float) and value > MAX_FACTOR:
                before.append(float(value))
                settings[factor] = REPAIRED_FACTOR
    return before


def lower_strong_penalties(model: dict[str, Any]) -> list[tuple[mc.Layer, list[float]]]:
    """Lower every factor above MAX_FACTOR of the model's own layers, in place (pass a copy);
    (layer, the factors it lowered) for each layer that had one."""
    found = []
    for layer in mc.layers(model):
        factors = [f for config in mc.inner_configs(layer) for f in _lowered(config)]
        if factors:
            found.append((layer, factors))
    return found


def _regularizer_down(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed = lower_strong_penalties(model)
    if not changed:
        raise ModelSpecError(f"regularizer_down: no L1/L2 penalty above {MAX_FACTOR}")
    params = {
        "layers": [mc.layer_name(layer) for layer, _ in changed],
        "from": sorted({f for _, factors in changed for f in factors}),
        "factor": REPAIRED_FACTOR,
    }
    return spec.evolve(model=model), params


OPERATORS = (
    RepairOperator(
        id="regularizer_down",
        family="regulariser",
        max_tries=1,
        transform=_regularizer_down,
        # the output layer's penalty too (an L2(10) on every kernel includes the head's); what
        # the output computes (units, activation, weights) stays
        changes_output=True,
        sentence=lambda p: (
            f"Lowered the L1/L2 penalty {', '.join(f'{f:g}' for f in p['from'])} -> "
            f"{p['factor']:g} in {names(p['layers'])} (so strong a penalty pulls the weights or "
            "activations to zero before the data can shape them)."
        ),
    ),
)
