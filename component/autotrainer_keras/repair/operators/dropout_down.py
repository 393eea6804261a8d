"""`dropout_down`: lower dropout rates so high that the model learns too slowly to fit.

Dropout above `MAX_RATE` drops most of a layer's signal at every step: the gradient that
survives is small and noisy, and training crawls (slow convergence; the model underfits
rather than overfits). Every hidden dropout rate above `MAX_RATE` -- Dropout layers and their
spatial, Gaussian and alpha variants, and recurrent layers' `dropout`/`recurrent_dropout` --
becomes `REPAIRED_RATE`; lower rates are kept (they regularise as the user meant). No weight
changes shape, so the candidate keeps every given weight (warm). Does not apply when no rate
is above `MAX_RATE` (costs nothing). The default profile's slow-convergence plan tries it first.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

MAX_RATE = 0.5
"""Rates above this are lowered (0.5 is the usual ceiling: Srivastava et al. 2014)."""

REPAIRED_RATE = 0.25
"""The rate a lowered dropout gets (the rate the `dropout` operator adds)."""

DROPOUT_CLASSES = frozenset(
    {
        "Dropout",
        "SpatialDropout1D",
        "SpatialDropout2D",
        "SpatialDropout3D",
        "GaussianDropout",
        "AlphaDropout",
    }
)
RECURRENT_RATES = ("dropout", "recurrent_dropout")


def _lowered(config: dict[str, Any], keys: tuple[str, ...]) -> list[float]:
    """Lower `config[key]` above MAX_RATE to REPAIRED_RATE; the rates it lowered."""
    before = []
    for key in keys:
        rate = config.get(key)
        if isinstance(rate, int | float) and rate > MAX_RATE:
            before.append(float(rate))
            config[key] = REPAIRED_RATE
    return before


def _dropout_down(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed: list[str] = []
    rates: list[float] = []
    for layer in mc.hidden_layers(model):
        if layer["class_name"] in DROPOUT_CLASSES:
            lowered = _lowered(layer["config"], ("rate",))
        elif mc.is_recurrent(layer):
            lowered = [r for c in mc.inner_configs(layer) for r in _lowered(c, RECURRENT_RATES)]
        else:
            continue
        if lowered:
            changed.append(mc.layer_name(layer))
            rates += lowered
    if not changed:
        raise ModelSpecError(f"dropout_down: no hidden dropout rate above {MAX_RATE}")
    params = {"layers": changed, "from": sorted(set(rates)), "rate": REPAIRED_RATE}
    return spec.evolve(model=model), params


OPERATORS = (
    RepairOperator(
        id="dropout_down",
        family="regulariser",
        max_tries=1,
        transform=_dropout_down,
        sentence=lambda p: (
            f"Lowered dropout {', '.join(f'{r:g}' for r in p['from'])} -> {p['rate']:g} in "
            f"{names(p['layers'])} (so high a rate lets too little signal through to learn)."
        ),
    ),
)
