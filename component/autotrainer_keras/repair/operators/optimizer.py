"""Optimizer family: `adam`, `momentum` and `optimizer` switch the optimizer.

A switch writes the new optimizer's Keras default parameters (its default learning rate
included, so reports show it) and keeps any gradient clipping of the old one: clipping is not
an optimizer setting, and it may be an earlier repair. Other settings (betas, a learning-rate
schedule, ...) are dropped.

- `adam`: Adam with default parameters; does not apply when that is what the spec has.
- `momentum`: SGD with momentum drawn uniformly in [0.01, 0.9] (2 decimals); it keeps the
  learning rate when the optimizer already is SGD, else uses SGD's default 0.01.

(`adam` and `momentum` as the `default` profile has them; the `paper` profile's, as the
original code has them, are in `operators.paper`.)
- `optimizer`: try j uses the j-th of sgd, adam, nadam, adamax, rmsprop other than the
  current one (the paper's code draws one at random; the spec's order is used here).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import CLIP_KEYS, Params, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

# Keras 3 default learning rates; every built-in optimizer not listed defaults to 0.001.
DEFAULT_LEARNING_RATES: dict[str, float] = {"sgd": 0.01}
OPTIMIZER_CYCLE: tuple[str, ...] = ("sgd", "adam", "nadam", "adamax", "rmsprop")
MOMENTUM_RANGE = (0.01, 0.9)


def optimizer_name(optimizer: dict[str, Any]) -> str:
    """The optimizer's Keras name in lower case (`SGD` -> `sgd`)."""
    return str(optimizer["name"]).lower()


def default_learning_rate(name: str) -> float:
    """Keras 3's default learning rate of a built-in optimizer."""
    return DEFAULT_LEARNING_RATES.get(name.lower(), 0.001)


def switched(spec: TrainingSpec, name: str, **settings: Any) -> dict[str, Any]:
    """An optimizer dict for `name` with default parameters, `settings` and the old clipping."""
    clipping = {k: spec.optimizer[k] for k in CLIP_KEYS if spec.optimizer.get(k) is not None}
    return {"name": name, "learning_rate": default_learning_rate(name), **settings, **clipping}


def as_params(optimizer: dict[str, Any]) -> Params:
    """An optimizer dict as report params (`name` as `optimizer`)."""
    return {"optimizer": optimizer["name"], **{k: v for k, v in optimizer.items() if k != "name"}}


def _adam(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    optimizer = switched(spec, "adam")
    return spec.evolve(optimizer=optimizer), as_params(optimizer)


def _momentum(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    momentum = round(float(rng.uniform(*MOMENTUM_RANGE)), 2)
    settings: dict[str, Any] = {"momentum": momentum}
    rate = spec.optimizer.get("learning_rate")
    if optimizer_name(spec.optimizer) == "sgd" and isinstance(rate, int | float):
        settings["learning_rate"] = float(rate)
    optimizer = switched(spec, "sgd", **settings)
    return spec.evolve(optimizer=optimizer), as_params(optimizer)


def _optimizer(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    current = optimizer_name(spec.optimizer)
    options = [name for name in OPTIMIZER_CYCLE if name != current]
    if try_index >= len(options):
        raise ModelSpecError(f"optimizer: no optimizer left for try {try_index + 1}")
    optimizer = switched(spec, options[try_index])
    return spec.evolve(optimizer=optimizer), as_params(optimizer)


def _sentence(params: Params) -> str:
    settings = ", ".join(f"{k}={v}" for k, v in params.items() if k != "optimizer")
    return f"Switched to the {params['optimizer']} optimizer ({settings})."


OPERATORS = (
    RepairOperator("adam", "optimizer", 1, _adam, _sentence),
    RepairOperator("momentum", "optimizer", 3, _momentum, _sentence),
    RepairOperator("optimizer", "optimizer", len(OPTIMIZER_CYCLE) - 1, _optimizer, _sentence),
)
