"""The `paper` profile's versions of the operators whose AutoTrainer code differs from ours.

Each follows the original code's function (ICSE 2021 version, `utils/repair.py`); the
registry (`registry.get_operator(id, "paper")`) puts them over the shared operators.

- `selu`, `relu`, `tanh` (`modify_activations`): only the `activation` field of layers
  changes (separate Activation/ReLU layers are left alone); selu sets lecun_uniform kernel
  *and* bias initializers; recurrent layers switched to tanh restart from fresh weights.
- `lr_up` / `lr_down` (`op_lr`): absolute rates, try j = 0.01 x 10^(+-j) for SGD and
  0.001 x 10^(+-j) otherwise (up for slow convergence, down elsewhere); the tries stop at
  the first one equal to the current rate.
- `batch` (`op_batch`): try j = 32 x 2^j; the tries stop at the first one equal to the
  current size.
- `momentum` (`op_momentum`): SGD(momentum=m, learning_rate=0.01), m drawn in [0.01, 0.9],
  whatever the current optimizer (the current rate is not kept).
- `adam` (`op_adam`): does not apply to any Adam optimizer, whatever its parameters.
- `GN` (`op_GN`): inserts nothing into a Sequential model whose first layer is Dense.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import autotrainer_keras.repair.operators.batch_size as batch_size
import autotrainer_keras.repair.operators.noise as noise
import autotrainer_keras.repair.operators.optimizer as optimizer
from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.activation import swap, swap_sentence
from autotrainer_keras.repair.operators.base import Params, RepairOperator, Result, Transform
from autotrainer_keras.repair.spec import TrainingSpec

LR_TRIES = 3
BATCH_TRIES = 4
FIRST_BATCH_SIZE = 32
MOMENTUM_LEARNING_RATE = 0.01


def paper_rate(optimizer_name: str, try_index: int, up: bool) -> float:
    """The original's try j of `lr`: 0.01 (SGD) or 0.001 (others) x 10^(+-j)."""
    base = 0.01 if optimizer_name == "sgd" else 0.001
    exponent = try_index if up else -try_index
    return float(f"{base * 10.0**exponent:.6g}")


def paper_batch_size(try_index: int) -> int:
    """The original's try j of `batch`: 32 x 2^j."""
    return FIRST_BATCH_SIZE * 2**try_index


def _first_equal(values: list[float], current: float | None) -> int | None:
    if current is None:
        return None
    return next((k for k, v in enumerate(values) if math.isclose(v, current)), None)


def _lr(up: bool) -> Transform:
    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        rate = spec.optimizer.get("learning_rate")
        if isinstance(rate, dict):
            raise ModelSpecError("lr: the optimizer follows a learning-rate schedule")
        name = optimizer.optimizer_name(spec.optimizer)
        tries = [paper_rate(name, k, up) for k in range(try_index + 1)]
        current = float(rate) if rate is not None else optimizer.default_learning_rate(name)
        equal = _first_equal(tries, current)
        if equal is not None:
            raise ModelSpecError(
                f"lr: stopped at try {equal + 1}, which equals the current rate {current:g}"
            )
        new = dict(spec.optimizer, learning_rate=tries[-1])
        factor = float(f"{tries[-1] / current:.6g}")
        return spec.evolve(optimizer=new), {"learning_rate": tries[-1], "factor": factor}

    return transform


def _batch(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    tries = [paper_batch_size(k) for k in range(try_index + 1)]
    equal = _first_equal([float(t) for t in tries], float(spec.batch_size))
    if equal is not None:
        raise ModelSpecError(
            f"batch: stopped at try {equal + 1}, which equals the current size {spec.batch_size}"
        )
    return spec.evolve(batch_size=tries[-1]), {"batch_size": tries[-1]}


def _momentum(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    momentum = round(float(rng.uniform(*optimizer.MOMENTUM_RANGE)), 2)
    new = optimizer.switched(spec, "sgd", momentum=momentum, learning_rate=MOMENTUM_LEARNING_RATE)
    return spec.evolve(optimizer=new), optimizer.as_params(new)


def _adam(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if optimizer.optimizer_name(spec.optimizer) == "adam":
        raise ModelSpecError("adam: the optimizer is Adam already")
    new = optimizer.switched(spec, "adam")
    return spec.evolve(optimizer=new), optimizer.as_params(new)


def _gn(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model
    first = next(iter(mc.layers(model)), None) if _sequential(model) else None
    if first is not None and first["class_name"] == "Dense":
        raise ModelSpecError("GN: the paper's code inserts nothing before a Sequential Dense")
    return noise.OPERATORS[0].transform(spec, try_index, rng)


def _sequential(model: dict[str, Any]) -> bool:
    try:
        return mc.model_kind(model) == mc.SEQUENTIAL
    except ModelSpecError:
        return False


def _same_as(op_id: str, family: tuple[RepairOperator, ...]) -> RepairOperator:
    return next(op for op in family if op.id == op_id)


def _lr_sentence(params: Params) -> str:
    return f"Set the learning rate to {params['learning_rate']:g} (x{params['factor']:g})."


OPERATORS = (
    RepairOperator(
        "selu",
        "activation",
        1,
        swap("selu", bias="lecun_uniform", separate_layers=False),
        swap_sentence,
    ),
    RepairOperator("relu", "activation", 1, swap("relu", separate_layers=False), swap_sentence),
    RepairOperator("tanh", "activation", 1, swap("tanh", separate_layers=False), swap_sentence),
    RepairOperator("lr_up", "learning_rate", LR_TRIES, _lr(up=True), _lr_sentence),
    RepairOperator("lr_down", "learning_rate", LR_TRIES, _lr(up=False), _lr_sentence),
    RepairOperator(
        "batch", "batch_size", BATCH_TRIES, _batch, _same_as("batch", batch_size.OPERATORS).sentence
    ),
    RepairOperator(
        "momentum", "optimizer", 3, _momentum, _same_as("momentum", optimizer.OPERATORS).sentence
    ),
    RepairOperator("adam", "optimizer", 1, _adam, _same_as("adam", optimizer.OPERATORS).sentence),
    RepairOperator("GN", "regulariser", 1, _gn, _same_as("GN", noise.OPERATORS).sentence),
)
