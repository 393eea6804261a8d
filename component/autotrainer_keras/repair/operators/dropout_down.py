"""`dropout_down`: lower dropout rates so high that the model learns too slowly to fit.

A dropout layer right on the inputs at `INPUT_MAX_RATE` or above is lowered to `INPUT_RATE`.

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

from autotrainer_keras.config.preflight import PreflightThresholds
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

MAX_RATE = 0.5
"""Rates above this are lowered (0.5 is the usual ceiling: Srivastava et al. 2014)."""

REPAIRED_RATE = 0.25
"""The rate a lowered dropout gets (the rate the `dropout` operator adds)."""

INPUT_MAX_RATE = float(PreflightThresholds.model_fields["input_dropout_rate"].default)
"""A dropout layer right on the inputs at this rate or above is lowered too (the pre-flight's
`input_dropout_rate`), to `INPUT_RATE`."""

INPUT_RATE = 0.2
"""The usual input dropout rate (Srivastava et al. 2014)."""

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


def _lowered(config: dict[str, Any], keys: tuple[str, ...], on_input: bool = False) -> list[float]:
    """Lower `config[key]` above MAX_RATE to REPAIRED_RATE (`on_input`: at or above
    INPUT_MAX_RATE to INPUT_RATE); the rates it lowered."""
    before = []
    for key in keys:
        rate = config.get(key)
        if not isinstance(rate, int | float):
            continue
        if rate >= INPUT_MAX_RATE if on_input else rate > MAX_RATE:
            before.append(float(rate))
            config[key] = INPUT_RATE if on_input else REPAIRED_RATE
    return before


def _on_input(model: dict[str, Any], layer: dict[str, Any]) -> bool:
    """Every tensor `layer` reads is a model input (an InputLayer's)."""
    inputs = {mc.layer_name(entry) for entry in mc.all_layers(model)
              if entry["class_name"] == mc.INPUT_LAYER}  # fmt: skip
    feeders = mc.inbound_layer_names(model, mc.layer_name(layer))
    first = mc.layers(model)[0] if mc.layers(model) else None
    if mc.model_kind(model) == mc.SEQUENTIAL and first is layer:
        return True
    return bool(feeders) and all(name in inputs for name in feeders)


def _dropout_down(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed: list[str] = []
    rates: list[float] = []
    to: set[float] = set()
    for layer in mc.hidden_layers(model):
        on_input = layer["class_name"] in DROPOUT_CLASSES and _on_input(model, layer)
        if layer["class_name"] in DROPOUT_CLASSES:
            lowered = _lowered(layer["config"], ("rate",), on_input=on_input)
        elif mc.is_recurrent(layer):
            lowered = [r for c in mc.inner_configs(layer) for r in _lowered(c, RECURRENT_RATES)]
        else:
            continue
        if lowered:
            changed.append(mc.layer_name(layer))
            rates += lowered
            to.add(INPUT_RATE if on_input else REPAIRED_RATE)
    if not changed:
        raise ModelSpecError(f"dropout_down: no hidden dropout rate above {MAX_RATE}, nor "
                             f"one of {INPUT_MAX_RATE} or more on the inputs")  # fmt: skip
    params = {"layers": changed, "from": sorted(set(rates)), "rate": max(to)}
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
