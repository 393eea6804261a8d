"""Trainable weights the training step leaves still although the loss has a gradient for them.

`no_gradient` reads weights nothing connects to the loss. These are connected (their gradient
on the loss is measured, a share of the largest layer's), yet between two checks their values
did not change at all while other layers moved: the training step does not apply their
gradients. A class's own `train_step` that passes part of `self.trainable_variables` to the
optimizer (a slice copied from a fine-tuning snippet: practice batch 34's
`train_step_last_layer_only`, its hidden layers random, 0.705 against 0.859), or a second
optimizer that never runs, does this. Keras' own step updates every trainable variable, so the
job's trainings never show it.

Measured, not inferred: the change is the weights' own (`measure.weight_sums`, exactly 0.0),
at two checks in a row. Gated by the data's ceiling (`detect.ceiling`): a network as far
along as off-the-shelf models fitted on the same rows lost nothing to the layers it left at
their initial values (batch 34's `train_step_first_layer_only`, 0.854 against 0.859, random
features above a trained first layer), so the finding stands below the ceiling or where the
ceiling is not measured. Pure: `RuleInput -> Finding | None` (detect/rule.py).
"""

from __future__ import annotations

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.ceiling import GATED_EVIDENCE, at_data_ceiling
from autotrainer_keras.detect.rule import RuleInput, chosen_at_last_checks
from autotrainer_keras.detect.text import num, quoted_names
from autotrainer_keras.measure.history import CheckRecord
from autotrainer_keras.problems import Finding, SetupProblem

SPARSE_KINDS = frozenset({"Embedding"})
"""Layers whose steps change only the rows looked up: a sample of a large table may miss them."""


def not_updated_rule(x: RuleInput) -> Finding | None:
    """Fires when some layer's weights did not change at all at each of the last two checks
    while its gradient is at least `still_grad_share` x the check's largest and another
    layer moved `still_moving` x its norm per step (`_still`). Where the data's ceiling is
    measured (`history.reference_progress`), only once the loss has stalled below it
    (`LossSignals.stalled`, `detect.ceiling.at_data_ceiling`): until then the layers that
    learn may still carry the network as far as the data lets it go."""
    checks, t = x.history.checks, x.thresholds
    if len(checks) < 2:
        return None
    stuck = chosen_at_last_checks(checks, lambda check: _still(check, t))
    if not stuck:
        return None
    if x.history.reference_progress is not None and (
        x.signals is None or not x.signals.stalled or at_data_ceiling(x.history, x.signals, t)
    ):
        return None
    names = quoted_names([layer.layer for layer in stuck])
    largest = max(layer.grad_norm for layer in x.check.layers)
    moving = max(layer.update_ratio or 0.0 for layer in x.check.layers)
    values = sum(layer.n_params for layer in stuck)
    return Finding(
        problem=SetupProblem.NO_GRADIENT,
        epoch=x.check.epoch,
        step=x.check.step,
        layer=stuck[0].layer,
        evidence={
            GATED_EVIDENCE: float(values),
            "layers": float(len(stuck)),
            "gradient_share": max(layer.grad_norm for layer in stuck) / largest,
            "largest_update_ratio": moving,
        },
        thresholds={"still_grad_share": t.still_grad_share, "still_moving": t.still_moving},
        reason=(
            f"In training, the weights of layer(s) {names} ({values} values) did not "
            "change at all between the last checks, although the loss has a gradient for "
            f"them ({num(max(layer.grad_norm for layer in stuck) / largest)} x the largest "
            f"layer's) and other layers moved up to {num(moving)} x their norm per step: the "
            "training step does not apply their gradients, so they keep their initial "
            "values. A train_step that passes part of self.trainable_variables to the "
            "optimizer (a slice such as [-2:]) or a second optimizer that never runs does "
            "this; apply the gradients to every trainable variable, or set trainable=False "
            "on the layers meant to stay fixed."
        ),
    )


def _still(check: CheckRecord, t: DefaultThresholds) -> set[str]:
    """The layers of one check whose weights did not change (per-step update ratio exactly
    0) while their gradient is at least `still_grad_share` x the largest, none of their
    variables is without a gradient (`no_gradient`'s reading) and another layer moved at
    least `still_moving` x its norm per step; empty when the check cannot tell (no update
    ratios: the first check; no gradient measured)."""
    ratios = [layer.update_ratio for layer in check.layers if layer.update_ratio is not None]
    largest = max((layer.grad_norm for layer in check.layers), default=0.0)
    if not largest > 0 or max(ratios, default=0.0) < t.still_moving:
        return set()
    return {
        layer.layer
        for layer in check.layers
        if layer.update_ratio == 0.0
        and layer.n_params > 0
        and layer.gradless_params == 0
        and layer.kind not in SPARSE_KINDS
        and layer.grad_norm >= t.still_grad_share * largest
    }
