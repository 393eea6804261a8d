"""`dropout_down`: lower dropout rates so high that the model learns too slowly to fit.

A dropout layer right on the inputs at `INPUT_MAX_RATE` or above is lowered to `INPUT_RATE`,
and a GaussianNoise layer right on them with a stddev of `NOISE_MAX` or more to a tenth of it
(noise written for standardised data on inputs of a smaller spread: the pre-flight's
`high_dropout` reads it against the data).

Dropout above `MAX_RATE` drops most of a layer's signal at every step: the gradient that
survives is small and noisy, and training crawls (slow convergence; the model underfits
rather than overfits). Every hidden dropout rate above `MAX_RATE` -- Dropout layers and their
spatial, Gaussian and alpha variants, and recurrent layers' `dropout`/`recurrent_dropout` --
becomes `REPAIRED_RATE`; lower rates are kept (they regularise as the user meant). No weight
changes shape, so the candidate keeps every given weight (warm). Dropout layers inside a
nested model (an instance encoder applied through `TimeDistributed`) are lowered too. Does
not apply when no rate is above `MAX_RATE` (costs nothing). The default profile's
slow-convergence plan tries it first.
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

NOISE_MAX = 0.5
"""A GaussianNoise on the inputs with this stddev or more is lowered to a tenth of it (Keras
takes 0 to 1; augmentation noise is usually 0.05-0.3 of the data's spread, and data of a
spread of one standard deviation is the largest the pre-flight reads it against)."""

NOISE_FACTOR = 0.1
"""What a lowered input noise's stddev is multiplied by."""

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
ATTENTION_CLASSES = frozenset({"MultiHeadAttention", "Attention", "AdditiveAttention",
                               "GroupQueryAttention"})  # fmt: skip
"""Layers whose `dropout` drops attention weights (`measure.layer_graph.ATTENTION_LAYERS`)."""


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
    noises: list[float] = []
    to: set[float] = set()
    for layer in mc.hidden_layers(model):
        on_input = layer["class_name"] in DROPOUT_CLASSES and _on_input(model, layer)
        if layer["class_name"] in DROPOUT_CLASSES:
            lowered = _lowered(layer["config"], ("rate",), on_input=on_input)
        elif layer["class_name"] == "GaussianNoise" and _on_input(model, layer):
            noise = _quieter(layer["config"])
            if noise:
                changed.append(mc.layer_name(layer))
                noises += noise
            continue
        elif mc.is_recurrent(layer):
            lowered = [r for c in mc.inner_configs(layer) for r in _lowered(c, RECURRENT_RATES)]
        elif layer["class_name"] in ATTENTION_CLASSES:
            lowered = _lowered(layer["config"], ("dropout",))
        else:
            continue
        if lowered:
            changed.append(mc.layer_name(layer))
            rates += lowered
            to.add(INPUT_RATE if on_input else REPAIRED_RATE)
    for layer in mc.hidden_layers(model):  # inside a nested model (an instance encoder)
        for inner in mc.nested_entries(layer):
            lowered = (_lowered(inner["config"], ("rate",))
                       if inner["class_name"] in DROPOUT_CLASSES else [])  # fmt: skip
            if lowered:
                changed.append(mc.layer_name(inner))
                rates += lowered
                to.add(REPAIRED_RATE)
    if not changed:
        raise ModelSpecError(f"dropout_down: no hidden dropout rate above {MAX_RATE}, nor "
                             f"one of {INPUT_MAX_RATE} or more on the inputs, nor input "
                             f"noise of stddev {NOISE_MAX} or more")  # fmt: skip
    params = {"layers": changed, "from": sorted(set(rates)), "rate": max(to, default=0.0),
              "noise_from": sorted(set(noises))}  # fmt: skip
    return spec.evolve(model=model), params


def _quieter(config: dict[str, Any]) -> list[float]:
    """Lower a GaussianNoise config's stddev of NOISE_MAX or more by NOISE_FACTOR; the
    stddev it lowered (none when it kept it)."""
    stddev = config.get("stddev")
    if not isinstance(stddev, int | float) or stddev < NOISE_MAX:
        return []
    config["stddev"] = float(stddev) * NOISE_FACTOR
    return [float(stddev)]


def _sentence(p: dict[str, Any]) -> str:
    """What one application changed, in one sentence."""
    parts = []
    if p["from"]:
        parts.append(f"dropout {', '.join(f'{r:g}' for r in p['from'])} -> {p['rate']:g}")
    if p.get("noise_from"):
        parts.append("input noise stddev "
                     + ", ".join(f"{n:g} -> {n * NOISE_FACTOR:g}" for n in p["noise_from"]))
    return (f"Lowered {' and '.join(parts)} in {names(p['layers'])} (so much dropped or "
            "added noise lets too little signal through to learn).")


OPERATORS = (
    RepairOperator(
        id="dropout_down",
        family="regulariser",
        max_tries=1,
        transform=_dropout_down,
        sentence=_sentence,
    ),
)
