"""Learning-rate family: `lr_up`, `lr_down` and `ReduceLR`.

The paper has one `lr` solution whose direction depends on the problem: x10 per try for
slow convergence, /10 per try otherwise. An operator here sees only the spec, so the
direction is part of the id: `lr_up` (try j: x 10^(j+1)) and `lr_down` (try j: / 10^(j+1)),
from the spec's learning rate, or the optimizer's Keras default (0.01 SGD, else 0.001) when
it has none. Plans use `lr_up` for slow_convergence and `lr_down` elsewhere. With a
learning-rate schedule every rate it names is scaled (`schedule_scale`: a warm-up's peak
too); the params' `learning_rate` is then its peak. These are the
`default` profile's; the `paper` profile's absolute rates (the original code's) are in
`operators.paper`.

`ReduceLR` adds the callback `{"name": "reduce_lr_on_plateau", "monitor": "val_loss",
"factor": 0.2, "patience": 5, "min_lr": 0.001}` (the paper's values; note min_lr 0.001 stops
it below Adam's default rate). It does not apply twice, nor with a schedule.
"""

from __future__ import annotations

import copy

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import Params, RepairOperator, Result, Transform
from autotrainer_keras.repair.operators.optimizer import default_learning_rate, optimizer_name
from autotrainer_keras.repair.operators.schedule_scale import (
    clean_rate,
    scaled_schedule,
    schedule_peak,
)
from autotrainer_keras.repair.spec import TrainingSpec

MAX_TRIES = 3
REDUCE_LR: dict[str, object] = {
    "name": "reduce_lr_on_plateau",
    "monitor": "val_loss",
    "factor": 0.2,
    "patience": 5,
    "min_lr": 0.001,
}


def _scale(up: bool) -> Transform:
    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        factor = 10.0 ** (try_index + 1) if up else 10.0 ** -(try_index + 1)
        optimizer = copy.deepcopy(spec.optimizer)
        rate = optimizer.get("learning_rate")
        if isinstance(rate, dict):
            optimizer["learning_rate"] = scaled_schedule(rate, factor)
            new = schedule_peak(optimizer["learning_rate"])
        else:
            base = rate if rate is not None else default_learning_rate(optimizer_name(optimizer))
            new = optimizer["learning_rate"] = clean_rate(base * factor)
        return spec.evolve(optimizer=optimizer), {
            "learning_rate": new,
            "factor": clean_rate(factor),
        }

    return transform


def _reduce_lr(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if any(c["name"] == REDUCE_LR["name"] for c in spec.callbacks):
        raise ModelSpecError("ReduceLR: the spec already has a reduce_lr_on_plateau callback")
    if isinstance(spec.optimizer.get("learning_rate"), dict):
        raise ModelSpecError("ReduceLR: the optimizer follows a learning-rate schedule")
    return spec.evolve(callbacks=(*spec.callbacks, dict(REDUCE_LR))), dict(REDUCE_LR)


def _lr_sentence(params: Params) -> str:
    return f"Scaled the learning rate by {params['factor']:g} to {params['learning_rate']:g}."


def _reduce_sentence(params: Params) -> str:
    return (
        f"Added ReduceLROnPlateau on {params['monitor']} (factor {params['factor']}, "
        f"patience {params['patience']}, min_lr {params['min_lr']})."
    )


OPERATORS = (
    RepairOperator("lr_up", "learning_rate", MAX_TRIES, _scale(up=True), _lr_sentence),
    RepairOperator("lr_down", "learning_rate", MAX_TRIES, _scale(up=False), _lr_sentence),
    RepairOperator("ReduceLR", "learning_rate", 1, _reduce_lr, _reduce_sentence),
)
