"""`early_stop_off`: train without the caller's EarlyStopping.

An `EarlyStopping` passed to the job rides along in every training, the candidates' too.
When it stops a training that is still learning (it monitors a metric that does not follow
the gain, such as the accuracy of a regression, which stays 0; or its `min_delta` is larger
than the loss's epoch-to-epoch gain: practice batch 17), every candidate stops the same
way, and more epochs never come. This one leaves the caller's stopping callbacks out of the
candidate's training, which then runs its whole epoch budget (the job's own patience still
keeps the best weights of a candidate whose validation loss stops falling); the rest of the
caller's callbacks run. It applies only when the spec names such callbacks
(`TrainingSpec.user_stops`).
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.repair.operators.base import Params, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec


def _early_stop_off(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
    if not spec.user_stops:
        raise ModelSpecError("early_stop_off: no EarlyStopping of yours runs")
    return spec.evolve(user_stops=()), {"callbacks": list(spec.user_stops),
                                        "epochs": spec.epochs}  # fmt: skip


def _sentence(p: Params) -> str:
    names = ", ".join(str(n) for n in p["callbacks"])
    return (f"Trained without your {names} for the whole budget of {p['epochs']} epochs: "
            "it had stopped a training that was still learning.")  # fmt: skip


OPERATORS = (
    RepairOperator(
        id="early_stop_off",
        family="budget",
        max_tries=1,
        transform=_early_stop_off,
        sentence=_sentence,
    ),
)
