"""Trainable weights that no gradient reaches, seen in training: nothing connects them to the
loss, so every step leaves them at their initial values.

The usual causes are in the model's code: an `ops.stop_gradient` (or `tf.stop_gradient`) on a
branch that should learn, a tensor taken out of the graph (`.numpy()`, a cast to an integer,
an `argmax` in the forward path), a layer built but never called, an output that has no loss.
Keras prints "Gradients do not exist for variables ..." once, easily lost in a log; the weights
still count as trainable, so nothing else shows it (the layer's gradient norm is merely
smaller, and a per-layer sum hides a variable without one).

It is measured, not inferred: a left-out gradient is known when the training step is traced
(`measure.step_stats`: it counts no entries), so the rule fires at the first check, with no
harm gate: weights that cannot learn are no setting of the user's. Pure: `RuleInput ->
Finding | None` (detect/rule.py), on `LayerStats.gradless_params`.
"""

from __future__ import annotations

from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.problems import Finding, SetupProblem


def no_gradient_rule(x: RuleInput) -> Finding | None:
    """Fires when some trainable layer has variables that got no gradient at any training
    step of the check (`LayerStats.gradless_params` > 0); names the first such layer."""
    check = x.check
    stuck = [layer for layer in check.layers if layer.gradless_params > 0]
    if not stuck:
        return None
    first = stuck[0]
    names = ", ".join(f"'{layer.layer}'" for layer in stuck[:4])
    more = f" and {len(stuck) - 4} more" if len(stuck) > 4 else ""
    whole = all(layer.gradless_params >= layer.n_params for layer in stuck)
    part = "all" if whole else "some"
    return Finding(
        problem=SetupProblem.NO_GRADIENT,
        epoch=check.epoch,
        step=check.step,
        layer=first.layer,
        evidence={
            "gradless_params": float(sum(layer.gradless_params for layer in stuck)),
            "layer_params": float(sum(layer.n_params for layer in stuck)),
            "layers": float(len(stuck)),
        },
        thresholds={},
        reason=(
            f"In training, {part} trainable weights of layer(s) {names}{more} get no "
            f"gradient at any step ({sum(layer.gradless_params for layer in stuck)} of their "
            f"{sum(layer.n_params for layer in stuck)} parameters): nothing connects them to "
            "the loss, so they keep their initial values. A stop_gradient on a branch that "
            "should learn, a tensor taken out of the graph (.numpy(), a cast to an integer, "
            "an argmax in the forward path), a layer built but never called, or an output "
            "without a loss does this; the model's code must change (no training setting "
            "reaches them), or set trainable=False where it is meant."
        ),
    )
