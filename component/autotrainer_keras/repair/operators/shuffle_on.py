"""`shuffle_on`: shuffle the training rows every epoch where the caller trained them in order.

`fit(shuffle=False)` (a series kept in order, or a flag copied with it) trains the rows in
their given order: when that order holds the classes, or one end of a trend, together, every
batch is one-sided and each step pulls the model towards its own batch's side; the loss jumps
at every change of side and training learns little (practice batch 27's two-tower model on
rows stored positives first: the loss 23 x its reference, 0.63 against 0.74 shuffled, and
every candidate that kept the order failed). Windows of a series are independent samples, so
shuffling them is what Keras does by default; a stateful recurrent layer needs the order (its
state carries from one batch to the next), so the operator does not apply to one. Applies
only when the spec trains unshuffled (`TrainingSpec.shuffle`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair import model_config as mc
from autotrainer_keras.repair.operators.base import Params, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _stateful(model: dict[str, Any]) -> bool:
    """A layer of the model keeps its state across batches (`stateful=True`)."""
    return any(config.get("stateful") for layer in mc.layers(model)
               for config in mc.inner_configs(layer))  # fmt: skip


def _shuffle_on(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if spec.shuffle:
        raise ModelSpecError("shuffle_on: the training rows are shuffled already")
    if _stateful(spec.model):
        raise ModelSpecError("shuffle_on: a stateful layer needs the rows in their order")
    return spec.evolve(shuffle=True), {}


def _sentence(p: Params) -> str:
    return ("Shuffled the training rows every epoch (they were trained in their given order: "
            "fit(shuffle=False)).")


OPERATORS = (
    RepairOperator(
        id="shuffle_on",
        family="batch_size",
        max_tries=1,
        transform=_shuffle_on,
        sentence=_sentence,
    ),
)
