"""Each output's own validation score of a multi-output model, for the acceptance rule
(`repair.policy.harmed_outputs`).

A multi-output model is judged by its total validation loss, which weighs the outputs by
their loss units and `loss_weights`: a candidate can lower it through one output while
another gets worse. Per output its score is its validation accuracy (an output that logs
one), else minus its validation loss, of the model as returned (evaluated; else the last
epoch). A loss is compared only between trainings with the same loss and weight for that
output (a repair that changes them changes the loss's units).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.detect.text import ACCURACY_KEYS
from autotrainer_keras.repair import policy

if TYPE_CHECKING:  # reads results only
    from autotrainer_keras.engine.attempt import AttemptResult

Scores = dict[str, tuple[str, float]]
"""Output name -> (what its score is: "accuracy" or the loss and weight it is in, score)."""


def _value(result: AttemptResult, key: str) -> float | None:
    final = result.extra.get("final_metrics", {})
    if key in final:
        return float(final[key])
    values = result.history.series("val_" + key)
    return values[-1] if values and result.history.has("val_" + key) else None


def output_scores(result: AttemptResult) -> Scores:
    """Each output's own score (higher is better); {} for a one-output model."""
    spec = result.spec
    if spec.output_losses is None:
        return {}
    scores: Scores = {}
    for name, loss in spec.output_losses.items():
        accuracy = next(
            (v for k in ACCURACY_KEYS if (v := _value(result, f"{name}_{k}")) is not None), None
        )
        if accuracy is not None:
            scores[name] = ("accuracy", accuracy)
            continue
        value = _value(result, f"{name}_loss")
        if value is not None:
            weight = 1.0 if spec.loss_weights is None else spec.loss_weights.get(name, 1.0)
            scores[name] = (f"{json.dumps(loss, sort_keys=True)} x {weight}", -value)
    return scores


def harmed_outputs(
    original: AttemptResult, candidate: AttemptResult, cfg: RepairConfig
) -> list[str]:
    """The outputs `candidate` makes meaningfully worse than `original` (`policy.
    harmed_outputs`): an accuracy falls by more than `repair.output_max_drop`, a loss rises
    by more than `repair.min_loss_gain` of the original's."""
    before, after = output_scores(original), output_scores(candidate)
    alike = [name for name in before if name in after and after[name][0] == before[name][0]]
    tolerance = {
        name: cfg.output_max_drop
        if before[name][0] == "accuracy"
        else cfg.min_loss_gain * abs(before[name][1])
        for name in alike
    }
    return policy.harmed_outputs(
        {name: before[name][1] for name in alike},
        {name: after[name][1] for name in alike},
        tolerance,
    )


def harm_sentence(harmed: list[str]) -> str:
    """Why a candidate with harmed outputs was not accepted, for its description ("" when
    none was)."""
    if not harmed:
        return ""
    return (
        f" Not accepted: output {', '.join(repr(n) for n in harmed)} got worse than the "
        "original's (its own validation accuracy or loss)."
    )
