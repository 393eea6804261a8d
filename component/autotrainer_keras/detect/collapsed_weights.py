"""A layer's weights pulled to zero in training: a penalty too strong for that layer.

Gradient descent on the data loss does not take a whole layer's weights to zero: initial
weights have a root mean square of about 0.01-0.1, and a trained layer keeps a similar
scale. An L1/L2 penalty (or the optimizer's weight decay) does, geometrically, wherever the
data's own gradient vanishes as the weights shrink: the two factor tables of a matrix
factorisation meet in a `Dot` (the gradient of one is the other: both small, both pulled on),
a gate or a product of branches. Once there, the layer outputs zeros and passes no gradient
back, and nothing brings it back: practice batch 27's L2(0.01) on the user and item
Embeddings (Keras' `l2()` default, harmless in its two-tower model) went from 3e-2 to 5e-9 at
epoch 1 and 3e-34 at epoch 5; the model then predicted from its bias terms alone (validation
MSE 1.31 against 0.66).

The pre-flight reads a penalty factor far above the usual range (`preflight.high_penalty`);
this reads one within it that training showed to be too strong here. Pure: `RuleInput ->
Finding | None` (detect/rule.py), on `LayerStats.weight_norm` over the checks.
"""

from __future__ import annotations

import math

from autotrainer_keras.detect.rule import RuleInput, chosen_at_last_checks
from autotrainer_keras.detect.text import num, quoted_names
from autotrainer_keras.measure.history import CheckRecord, LayerStats
from autotrainer_keras.problems import Finding, SetupProblem


def collapsed_weights_rule(x: RuleInput) -> Finding | None:
    """Fires when some layer's weights have a root mean square of at most `collapse_rms` at
    this check and the one before, after one `collapse_fall` x as large at an earlier check;
    names the first such layer (as high_penalty: `regularizer_down` lowers the penalty)."""
    checks, t = x.history.checks, x.thresholds
    if len(checks) < 3:
        return None
    peaks: dict[str, float] = {}
    for check in checks[:-2]:
        for layer in check.layers:
            peaks[layer.layer] = max(peaks.get(layer.layer, 0.0), _rms(layer))
    found = chosen_at_last_checks(
        checks, lambda check: _collapsed(check, peaks, t.collapse_rms, t.collapse_fall)
    )
    if not found:
        return None
    first = found[0]
    names = quoted_names([layer.layer for layer in found])
    return Finding(
        problem=SetupProblem.HIGH_PENALTY,
        epoch=x.check.epoch,
        step=x.check.step,
        layer=first.layer,
        evidence={
            "weight_rms": _rms(first),
            "earlier_rms": peaks[first.layer],
            "collapsed_layers": float(len(found)),
        },
        thresholds={"collapse_rms": t.collapse_rms, "collapse_fall": t.collapse_fall},
        reason=(
            f"In training, the weights of layer(s) {names} were pulled to zero (root "
            f"mean square {num(_rms(first))} at two checks, from {num(peaks[first.layer])} "
            "at an earlier one): the layer now outputs zeros and passes no gradient back. "
            "Only a penalty does this: an L1/L2 regularizer (or the optimizer's weight "
            "decay) too strong for a layer whose data gradient shrinks with its weights, as "
            "two factor tables meeting in a Dot; lower the penalty."
        ),
    )


def _rms(layer: LayerStats) -> float:
    return layer.weight_norm / math.sqrt(layer.n_params) if layer.n_params > 0 else 0.0


def _collapsed(check: CheckRecord, peaks: dict[str, float], ceiling: float, fall: float) -> set:
    """The layers of `check` whose weights' root mean square is at most `ceiling` and at
    least `fall` x smaller than their largest at an earlier check."""
    return {
        layer.layer
        for layer in check.layers
        if layer.n_params > 0
        and _rms(layer) <= ceiling
        and peaks.get(layer.layer, 0.0) > 0
        and peaks[layer.layer] >= fall * _rms(layer)
    }
