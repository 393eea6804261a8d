"""`ema_default`: an optimizer's moving average of the weights (`use_ema`) that can follow
the training within its budget.

Keras' EMA has no bias correction: with `ema_momentum` 0.9999 (the ImageNet recipes'
value) the average still holds 93 % of the initial weights after 700 steps, and a
`SwapEMAWeights` callback, or the end of `fit` (which writes the average into the model),
hands over a near-random model (practice batch 19). The repair sets the momentum to Keras'
default 0.99; an average that was at 0.99 or below already is switched off.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

KERAS_EMA_MOMENTUM = 0.99
"""Keras' default `ema_momentum` (a spec stores only the settings that differ from it)."""


def _ema_default(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if not spec.optimizer.get("use_ema"):
        raise ModelSpecError("ema_default: the optimizer keeps no moving average")
    momentum = float(spec.optimizer.get("ema_momentum", KERAS_EMA_MOMENTUM))
    if momentum > KERAS_EMA_MOMENTUM:
        optimizer = {**spec.optimizer, "ema_momentum": KERAS_EMA_MOMENTUM}
        params: dict[str, float] = {"from": momentum, "ema_momentum": KERAS_EMA_MOMENTUM}
    else:
        averaging = ("use_ema", "ema_momentum", "ema_overwrite_frequency")
        optimizer = {key: value for key, value in spec.optimizer.items() if key not in averaging}
        params = {"from": momentum, "use_ema": 0}
    return spec.evolve(optimizer=optimizer), params


OPERATORS = (
    RepairOperator(
        id="ema_default",
        family="optimizer",
        max_tries=1,
        transform=_ema_default,
        sentence=lambda p: (
            f"Moving average of the weights: ema_momentum {p['from']:g} -> "
            f"{p['ema_momentum']:g} (Keras' default), so it follows the training."
            if "ema_momentum" in p
            else f"Moving average of the weights (ema_momentum {p['from']:g}) switched off."
        ),
    ),
)
