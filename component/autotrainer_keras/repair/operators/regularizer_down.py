"""`regularizer_down`: lower L1/L2 penalties so strong that they outweigh the data loss.

A penalty factor of 1 or 10 on a kernel (L2(10) typed for L2(1e-4)) or on a layer's
activations (an L1 activity penalty of 10 on an autoencoder's code) makes the cheapest
solution all-zero weights or codes: the model collapses to a constant and learns slowly or
not at all. Every L1/L2 factor of a hidden or output layer's regularizers (`PENALTY_KEYS`:
kernel, bias, activity, recurrent, an Embedding's table, ...) above `MAX_FACTOR` becomes
`REPAIRED_FACTOR`; smaller ones are kept (they regularise as the user meant), unless nothing
else is too strong: then those above `MEASURED_FACTOR` are lowered (training measured a
layer pulled to zero: `detect.collapsed_weights`). The optimizer's decoupled weight decay
too: a `weight_decay` that takes more than `MAX_DECAY_PER_STEP` of every weight per step at
the peak learning rate (`measure.weight_decay`: AdamW(weight_decay=5.0), a coupled L2 value
read as a decoupled rate) is set to take `REPAIRED_DECAY_PER_STEP`. A MaxNorm / MinMaxNorm
constraint whose max_value is below `MIN_CAP` (MaxNorm(0.001): a weight-decay value typed
into the constraint, every unit's weights scaled to norm 0.001 after each step) gets
`RELAXED_CAP`.
No weight changes shape, so the candidate keeps every given weight (warm). Does not apply
when none is too strong (costs nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.layer_graph import CAP_WEIGHTS, PENALTY_KEYS
from autotrainer_keras.measure.weight_decay import decay_per_step
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

MAX_FACTOR = 0.01
"""Factors above this are lowered (0.01 is Keras' own default for `L1()`/`L2()`, the top of
the usual 1e-5..1e-2)."""

REPAIRED_FACTOR = 1e-4
"""The factor a lowered penalty gets."""

MEASURED_FACTOR = 1e-3
"""When no factor is above MAX_FACTOR, nothing else is too strong and training measured a
layer's weights pulled to zero (`detect.collapsed_weights`), factors above this (the top of
the usual range, Keras' L2() default 0.01 included) are lowered: the measurement says they
are too strong for this model (practice batch 27's L2(0.01) on the factor Embeddings of a
matrix factorisation: both tables at 1e-32 by epoch 5)."""

MAX_DECAY_PER_STEP = 1e-3
"""A weight decay taking more of each weight per step than this is lowered (recipes run
1e-6 to about 1e-3: AdamW's Keras default at 1e-3 is 4e-6)."""

REPAIRED_DECAY_PER_STEP = 1e-5
"""The share of each weight per step a lowered weight decay takes at the peak rate."""

MIN_CAP = 0.25
"""A norm constraint's max_value below this is raised (max-norm recipes use 2 to 4; initial
unit norms run 0.3-1.5, so a cap under 0.25 binds from the first step)."""

RELAXED_CAP = 2.0
"""The max_value a raised norm constraint gets (Keras' MaxNorm default)."""

CAP_KEYS = tuple(CAP_WEIGHTS)  # the constraint attributes the pre-flight reads
CAP_CLASSES = frozenset({"MaxNorm", "MinMaxNorm", "max_norm", "min_max_norm"})

KEYS = PENALTY_KEYS  # every regularizer argument the pre-flight reads
PENALTY_CLASSES = frozenset({"L1", "L2", "L1L2", "l1", "l2", "l1_l2"})


def _lowered(config: dict[str, Any], above: float = MAX_FACTOR) -> list[float]:
    """Lower each penalty factor of `config`'s regularizers above `above`; the factors it
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
            if isinstance(value, int | float) and value > above:
                before.append(float(value))
                settings[factor] = REPAIRED_FACTOR
    return before


def _raised_caps(config: dict[str, Any]) -> list[float]:
    """Raise each norm constraint of `config` whose max_value is below MIN_CAP; the values it
    raised."""
    before: list[float] = []
    for key in CAP_KEYS:
        cap = config.get(key)
        if not isinstance(cap, dict) or cap.get("class_name") not in CAP_CLASSES:
            continue
        settings = cap.get("config") or {}
        value = settings.get("max_value")
        if isinstance(value, int | float) and value < MIN_CAP:
            before.append(float(value))
            settings["max_value"] = RELAXED_CAP
    return before


def _edited_layers(
    model: dict[str, Any], edit: Callable[[dict[str, Any]], list[float]]
) -> list[tuple[mc.Layer, list[float]]]:
    """`edit` on every inner config of the model's own layers, in place; (layer, the values
    it changed) for each layer where it changed one."""
    found = []
    for layer in mc.layers(model):
        values = [v for config in mc.inner_configs(layer) for v in edit(config)]
        if values:
            found.append((layer, values))
    return found


def lower_strong_penalties(
    model: dict[str, Any], above: float = MAX_FACTOR
) -> list[tuple[mc.Layer, list[float]]]:
    """Lower every factor above `above` of the model's own layers, in place (pass a copy);
    (layer, the factors it lowered) for each layer that had one."""
    return _edited_layers(model, lambda config: _lowered(config, above))


def raise_tight_caps(model: dict[str, Any]) -> list[tuple[mc.Layer, list[float]]]:
    """Raise every norm constraint below MIN_CAP of the model's own layers, in place (pass a
    copy); (layer, the max_values it raised) for each layer that had one."""
    return _edited_layers(model, _raised_caps)


def lowered_decay(optimizer: dict[str, Any]) -> dict[str, Any] | None:
    """The optimizer config with its weight decay lowered to `REPAIRED_DECAY_PER_STEP` at the
    peak rate, when it takes more than `MAX_DECAY_PER_STEP`; None when it does not."""
    decay, per_step = decay_per_step(optimizer)
    if not per_step > MAX_DECAY_PER_STEP:  # NaN too
        return None
    return {**optimizer, "weight_decay": float(f"{decay * REPAIRED_DECAY_PER_STEP / per_step:.3g}")}


def _regularizer_down(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed = lower_strong_penalties(model)
    capped = raise_tight_caps(model)
    optimizer = lowered_decay(spec.optimizer)
    if not changed and not capped and optimizer is None:  # the usual range's top, measured
        changed = lower_strong_penalties(model, MEASURED_FACTOR)
    if not changed and not capped and optimizer is None:
        raise ModelSpecError(
            f"regularizer_down: no L1/L2 penalty above {MEASURED_FACTOR}, no norm constraint "
            f"below {MIN_CAP} and no weight decay above {MAX_DECAY_PER_STEP} per step"
        )
    params: dict[str, Any] = {
        "layers": [mc.layer_name(layer) for layer, _ in changed],
        "from": sorted({f for _, factors in changed for f in factors}),
        "factor": REPAIRED_FACTOR,
    }
    if capped:
        params.update(cap_layers=[mc.layer_name(layer) for layer, _ in capped],
                      cap_from=sorted({c for _, caps in capped for c in caps}),
                      cap=RELAXED_CAP)  # fmt: skip
    if optimizer is None:
        return spec.evolve(model=model), params
    params.update(weight_decay_from=spec.optimizer["weight_decay"],
                  weight_decay=optimizer["weight_decay"])  # fmt: skip
    return spec.evolve(model=model, optimizer=optimizer), params


def _sentence(p: dict[str, Any]) -> str:
    parts = []
    if p["layers"]:
        parts.append(f"Lowered the L1/L2 penalty {', '.join(f'{f:g}' for f in p['from'])} -> "
                     f"{p['factor']:g} in {names(p['layers'])}")  # fmt: skip
    if p.get("cap_layers"):
        parts.append(f"raised the norm constraint's max_value "
                     f"{', '.join(f'{c:g}' for c in p['cap_from'])} -> {p['cap']:g} in "
                     f"{names(p['cap_layers'])}")  # fmt: skip
    if "weight_decay" in p:
        parts.append(f"lowered the optimizer's weight_decay {p['weight_decay_from']:g} -> "
                     f"{p['weight_decay']:g}")  # fmt: skip
    text = "; ".join(parts)
    return (f"{text[0].upper()}{text[1:]} (so strong a penalty or so tight a constraint pulls "
            "the weights or activations to zero before the data can shape them).")


OPERATORS = (
    RepairOperator(
        id="regularizer_down",
        family="regulariser",
        max_tries=1,
        transform=_regularizer_down,
        # the output layer's penalty too (an L2(10) on every kernel includes the head's); what
        # the output computes (units, activation, weights) stays
        changes_output=True,
        sentence=_sentence,
    ),
)
