"""Each output's own validation score of a multi-output model, and each accuracy-like metric
of the user's own, for the acceptance rule (`repair.policy.harmed_outputs`).

A multi-output model is judged by its total validation loss, which weighs the outputs by
their loss units and `loss_weights`: a candidate can lower it through one output while
another gets worse. Per output its score is its validation accuracy (an output that logs
one), else minus its validation loss, of the model as returned (evaluated; else the last
epoch). A loss is compared only between trainings with the same loss and weight for that
output (a repair that changes them changes the loss's units).

A metric of the user's own whose name says it is an accuracy (`seq_acc`, `hard_accuracy`,
`auc`) is what the user judges the model by, and a candidate the loss prefers can lower it
(a loss of the user's own that the metric disagrees with: practice batch 61's distilled
student, repaired by its loss, ended 8 points below plain training in hard-label accuracy).
Each such metric is scored like an output's accuracy.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.detect.text import ACCURACY_KEYS
from autotrainer_keras.repair import policy

if TYPE_CHECKING:  # reads results only
    from autotrainer_keras.engine.attempt import AttemptResult

Scores = dict[str, tuple[str, float]]
"""Output name (or "metric <name>") -> (what its score is: "accuracy" or the loss and weight it
is in, score)."""

HIGHER_IS_BETTER = ("acc", "accuracy", "auc")
"""Last words of a metric name (Keras numbers repeats: `auc_1`) that say higher is better."""

METRIC = "metric "
"""The prefix of an accuracy-like metric's key among the scores (outputs go by their name)."""


def _value(result: AttemptResult, key: str) -> float | None:
    final = result.extra.get("final_metrics", {})
    if key in final:
        return float(final[key])
    values = result.history.series("val_" + key)
    return values[-1] if values and result.history.has("val_" + key) else None


def accuracy_like_metrics(result: AttemptResult) -> list[str]:
    """The names of the result's validation metrics that read as accuracies
    (`HIGHER_IS_BETTER`), evaluated or logged, the task's own `accuracy` aside."""
    logged = result.history.epochs[-1].logs if result.history.epochs else {}
    names = {*result.extra.get("final_metrics", {}),
             *(key[4:] for key in logged if key.startswith("val_"))}  # fmt: skip
    return sorted(
        name for name in names
        if name not in ACCURACY_KEYS
        and re.sub(r"_\d+$", "", name).rsplit("_", 1)[-1] in HIGHER_IS_BETTER
    )  # fmt: skip


def output_scores(result: AttemptResult) -> Scores:
    """Each output's own score (higher is better; none for a one-output model) and each
    accuracy-like metric's (`accuracy_like_metrics`) under "metric <name>"."""
    spec = result.spec
    outputs = spec.output_losses or {}
    scores: Scores = {}
    for name, loss in outputs.items():
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
    scored = {f"{name}_{key}" for name in outputs for key in ACCURACY_KEYS}
    for metric in accuracy_like_metrics(result):
        value = _value(result, metric)
        if metric not in scored and value is not None:
            scores[METRIC + metric] = ("accuracy", value)
    return scores


def harmed_outputs(
    original: AttemptResult, candidate: AttemptResult, cfg: RepairConfig
) -> list[str]:
    """The outputs and accuracy-like metrics `candidate` makes meaningfully worse than
    `original` (`policy.harmed_outputs`): an accuracy falls by more than
    `repair.output_max_drop`, a loss rises by more than `repair.min_loss_gain` of the
    original's."""
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
    names = [f"metric {n[len(METRIC):]!r}" if n.startswith(METRIC) else f"output {n!r}"
             for n in harmed]  # fmt: skip
    return (
        f" Not accepted: {', '.join(names)} got worse than the original's (its own "
        "validation accuracy or loss)."
    )
