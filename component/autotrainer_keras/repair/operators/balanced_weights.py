"""`balanced_weights`: the training's row weights replaced by balanced class weights.

The repair of weights that turn a minority class into nearly all of the loss, or that leave
nothing to learn (`invalid_sample_weights`: a count typed where a ratio was meant, every
weight 0, negative weights). For one class label per row, every class gets n / (classes x
count) (scikit-learn's "balanced"): each class carries the same share of the loss, which is
what class weights for an imbalanced task are meant to do; the second try weighs every row
1 (weights inverted, the majority class given the balancing ratio: held-out practice batch
33's unweighted fit scores as its balanced one by AUC, and better by accuracy and loss, which
the job judges by). For other labels (a regression
target), every row weighs 1. Built from the data's facts (the class shares); the model and
its weights are the user's. The candidate is judged on the validation data as the original
is (validation sample weights kept), so balanced weights are kept only when they score
better. The weights are the training's, not the model's: the report says which to pass to
`fit`.
"""

from __future__ import annotations

import numpy as np

from autotrainer_keras.errors import ModelSpecError
from autotrainer_keras.measure.class_balance import balanced_weights
from autotrainer_keras.measure.setup_facts import DataFacts
from autotrainer_keras.repair.operators.base import Params, RepairOperator, Result
from autotrainer_keras.repair.spec import TrainingSpec

SHOWN = 6
"""Classes whose weight a report sentence lists."""


def balanced_weights_operator(facts: DataFacts) -> RepairOperator:
    def transform(spec: TrainingSpec, try_index: int, rng: np.random.Generator) -> Result:
        if spec.class_weight is not None:
            raise ModelSpecError("balanced_weights: the weights were replaced already")
        if not (facts.weight_rows or facts.heaviest_class):
            raise ModelSpecError("balanced_weights: the training has no row weights")
        if try_index == 0:
            weights = {c: round(w, 4) for c, w in balanced_weights(facts.class_rows).items()}
        else:  # the second try: no weights at all (every row weighs 1)
            weights = {c: 1.0 for c, _ in facts.class_rows}
        return spec.evolve(class_weight=weights), {"class_weight": weights}

    return RepairOperator(
        id="balanced_weights", family="loss_weights", max_tries=2, transform=transform,
        sentence=_sentence,
    )  # fmt: skip


def _sentence(params: Params) -> str:
    weights = params["class_weight"]
    if not weights or all(w == 1.0 for w in weights.values()):
        return "Trained with every row weighing 1 (the given class or sample weights left out)."
    shown = ", ".join(f"{c}: {w:.3g}" for c, w in list(weights.items())[:SHOWN])
    more = f", and {len(weights) - SHOWN} more" if len(weights) > SHOWN else ""
    return (
        f"Trained with balanced class weights {{{shown}{more}}} (n / (classes x count)) in "
        "place of the given class or sample weights; pass them as fit(class_weight=...): the "
        "model file does not hold them."
    )
