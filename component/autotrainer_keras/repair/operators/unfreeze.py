"""`unfreeze`: let frozen layers train, for frozen layers still at their random draw.

A layer frozen to keep loaded weights keeps its random initialisation when the loading was
skipped (`detect/preflight/frozen_random.py`), and the model learns on fixed random
features. Every layer (and nested model) the config holds with `trainable: false` becomes
trainable; no weight changes shape, so the candidate keeps every given weight (warm): a
pretrained layer frozen beside a random one starts from its weights and is fine-tuned too.
Does not apply when nothing is frozen (costs nothing).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec


def _thawed(node: Any, changed: list[str]) -> None:
    """Set `trainable` True on every layer config under `node` (in place), naming them."""
    if isinstance(node, list):
        for item in node:
            _thawed(item, changed)
        return
    if not isinstance(node, dict):
        return
    config = node.get("config")
    if "class_name" in node and isinstance(config, dict) and config.get("trainable") is False:
        config["trainable"] = True
        changed.append(str(config.get("name", node["class_name"])))
    for value in node.values():
        _thawed(value, changed)


def _unfreeze(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    changed: list[str] = []
    _thawed(model, changed)
    if not changed:
        raise ModelSpecError("unfreeze: no frozen layer")
    return spec.evolve(model=model), {"layers": changed}


OPERATORS = (
    RepairOperator(
        id="unfreeze",
        family="architecture",
        max_tries=1,
        transform=_unfreeze,
        sentence=lambda p: (
            f"Let frozen {names(p['layers'])} train (trainable=False kept them at their "
            "random initialisation; their given weights are the start)."
        ),
    ),
)
