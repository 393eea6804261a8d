"""`bn_momentum`: BatchNormalization moving statistics that keep up with the training.

A moving average with momentum m follows the batch statistics over about 1 / (1 - m) steps:
10,000 steps at 0.9999 (they never leave their initial values in a run of a few hundred), 100
at Keras' default 0.99, which is still slow where the weights, and so the batch statistics,
change quickly over a few hundred steps (the practice benchmark's `cnn_batchnorm`: validation
at chance until its 9th epoch of 45 steps each; `separable_digits` uses 0.9 for that reason).
Every hidden BatchNormalization (nested models' too) with a momentum above `REPAIRED_MOMENTUM`
gets `REPAIRED_MOMENTUM` (PyTorch's default, momentum 0.1 in its convention): its moving
statistics then catch up within about 10 steps. No weight changes shape, so the candidate
keeps every given weight (warm). Does not apply when no momentum is above it (costs nothing).
The plan of an inference mismatch (`SetupProblem.INFERENCE_MISMATCH`) tries it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

REPAIRED_MOMENTUM = 0.9
"""The momentum a lagging BatchNormalization gets."""

BN_CLASSES = frozenset({"BatchNormalization", "SyncBatchNormalization"})


def _lowered(entries: list[dict[str, Any]], prefix: str, changed: list[str],
             before: list[float]) -> None:  # fmt: skip
    """Lower the momentum of every BatchNormalization in `entries` (and in the nested models
    among them) above REPAIRED_MOMENTUM; note each layer changed and its momentum before."""
    for entry in entries:
        config = entry.get("config", {})
        if mc.is_model(entry):
            _lowered(config.get("layers", []), f"{prefix}{mc.layer_name(entry)}/", changed, before)
            continue
        momentum = config.get("momentum")
        if (
            entry.get("class_name") in BN_CLASSES
            and isinstance(momentum, int | float)
            and (momentum > REPAIRED_MOMENTUM)
        ):
            before.append(float(momentum))
            config["momentum"] = REPAIRED_MOMENTUM
            changed.append(prefix + mc.layer_name(entry))


def _bn_momentum(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed: list[str] = []
    before: list[float] = []
    _lowered(mc.hidden_layers(model), "", changed, before)
    if not changed:
        raise ModelSpecError(
            f"bn_momentum: no hidden BatchNormalization with a momentum above {REPAIRED_MOMENTUM}"
        )
    params = {"layers": changed, "from": sorted(set(before)), "momentum": REPAIRED_MOMENTUM}
    return spec.evolve(model=model), params


OPERATORS = (
    RepairOperator(
        id="bn_momentum",
        family="batch_norm",
        max_tries=1,
        transform=_bn_momentum,
        sentence=lambda p: (
            f"Set BatchNormalization momentum {', '.join(f'{m:g}' for m in p['from'])} -> "
            f"{p['momentum']:g} in {names(p['layers'])} (its moving statistics, which "
            "evaluation and prediction use, lagged behind the training's)."
        ),
    ),
)
