"""`epochs_up`: a budget of one or two epochs that gives too few optimizer steps, raised.

Keras' `fit` trains one epoch unless told otherwise, and a refit for the folds' mean "best
epoch" picked with `np.argmin` of the validation accuracy trains one (practice batch 20): a
budget of `MAX_FEW_EPOCHS` epochs or fewer whose steps stay below `TARGET_STEPS` gets as many
epochs as reach them, at most `MAX_EPOCHS` (an accepted candidate still stops once it has
converged: `repair.stop_converged`). A budget of more epochs with few steps has a batch too
large for its data (full-batch training): `batch` answers that, and this operator does not
apply (costs nothing). Built from the data's facts (the steps per epoch). Its family is the
budget's, so it continues from the original's weights at detection (`repair.continue_pace`).
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair.operators.base import RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

MAX_FEW_EPOCHS = 2
"""Budgets of at most this many epochs are raised (more epochs with few steps: `batch`)."""

TARGET_STEPS = 500
"""Optimizer steps the raised budget reaches (ten times the pre-flight's `min_steps`)."""

MAX_EPOCHS = 20
"""The raised budget's most epochs (a large batch on little data: `batch` comes next)."""


def epochs_up_operator(facts: DataFacts) -> RepairOperator:
    """The operator for data of `facts.n_train` training rows."""

    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        per_epoch = math.ceil(facts.n_train / max(1, spec.batch_size))
        steps = spec.epochs * per_epoch
        if spec.epochs > MAX_FEW_EPOCHS or steps >= TARGET_STEPS:
            raise ModelSpecError(
                f"epochs_up: {spec.epochs} epochs of {per_epoch} steps are not a budget of "
                f"{MAX_FEW_EPOCHS} epochs or fewer below {TARGET_STEPS} steps"
            )
        epochs = max(spec.epochs + 1, min(MAX_EPOCHS, math.ceil(TARGET_STEPS / per_epoch)))
        params = {"epochs": spec.epochs, "new_epochs": epochs, "steps": epochs * per_epoch}
        return spec.evolve(epochs=epochs), params

    return RepairOperator(
        id="epochs_up",
        family="budget",
        max_tries=1,
        transform=transform,
        sentence=lambda p: (
            f"Trained {p['new_epochs']} epochs instead of {p['epochs']} ({p['steps']} "
            "optimizer steps): the budget was too small to learn in."
        ),
    )
