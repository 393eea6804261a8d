"""Overfitting family: `regular`, `dropout`, `estop`. Disabled in the paper (no plan uses
them); kept because they cost a few lines each and the paper's code has them.

- `regular`: L2(0.01) kernel regularizer on hidden non-recurrent Dense/Conv layers.
- `dropout`: Dropout(0.25) after every hidden Dense/Conv/RNN layer not already followed by one.
- `estop`: the callback `{"name": "early_stopping", "monitor": "val_loss", "min_delta": 0.0,
  "patience": max(3, epochs // 15), "restore_best_weights": False}`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import RepairOperator, Result, names
from autotrainer_keras.repair.spec import TrainingSpec

L2 = 0.01
DROPOUT_RATE = 0.25


def _l2_config(value: float) -> dict[str, Any]:
    return {
        "module": "keras.regularizers",
        "class_name": "L2",
        "config": {"l2": value},
        "registered_name": None,
    }


def _regular(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = mc.hidden_kernel_layers(model, recurrent=False)
    if not targets:
        raise ModelSpecError("regular: the model has no hidden Dense/Conv layer")
    for layer in targets:
        for config in mc.inner_configs(layer):
            config["kernel_regularizer"] = _l2_config(L2)
    return spec.evolve(model=model), {"l2": L2, "layers": [mc.layer_name(t) for t in targets]}


def _dropout(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    model = spec.model_copy()
    targets = mc.hidden_kernel_layers(model)
    if not targets:
        raise ModelSpecError("dropout: the model has no hidden Dense/Conv/RNN layer")
    added = mc.follow_each(model, targets, "Dropout", "dropout", rate=DROPOUT_RATE, seed=None)
    return spec.evolve(model=model), {"rate": DROPOUT_RATE, "after": list(added)}


def _estop(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if any(c["name"] == "early_stopping" for c in spec.callbacks):
        raise ModelSpecError("estop: the spec already has an early_stopping callback")
    callback = {
        "name": "early_stopping",
        "monitor": "val_loss",
        "min_delta": 0.0,
        "patience": max(3, spec.epochs // 15),
        "restore_best_weights": False,
    }
    return spec.evolve(callbacks=(*spec.callbacks, callback)), dict(callback)


OPERATORS = (
    RepairOperator(
        "regular",
        "overfitting",
        1,
        _regular,
        lambda p: f"Added L2({p['l2']}) kernel regularizers to {names(p['layers'])}.",
    ),
    RepairOperator(
        "dropout",
        "overfitting",
        1,
        _dropout,
        lambda p: f"Inserted Dropout({p['rate']}) after {names(p['after'])}.",
    ),
    RepairOperator(
        "estop",
        "overfitting",
        1,
        _estop,
        lambda p: f"Added EarlyStopping on {p['monitor']} (patience {p['patience']}).",
    ),
)
