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

from autotrainer_keras.detect.rule import RuleInput, chosen_at_last_checks
from autotrainer_keras.detect.text import num, quoted_names
from autotrainer_keras.measure.history import LayerStats
from autotrainer_keras.problems import Finding, SetupProblem


def no_gradient_rule(x: RuleInput) -> Finding | None:
    """Fires when some trainable layer has variables that got no gradient at any training
    step of the check (`LayerStats.gradless_params` > 0); names the first such layer. Else
    `zero_gradient`, then `zero_kernel_gradient`."""
    check = x.check
    stuck = [layer for layer in check.layers if layer.gradless_params > 0]
    if not stuck:
        return zero_gradient(x) or zero_kernel_gradient(x)
    first = stuck[0]
    names = quoted_names([layer.layer for layer in stuck])
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
            f"In training, {part} trainable weights of layer(s) {names} get no "
            f"gradient at any step ({sum(layer.gradless_params for layer in stuck)} of their "
            f"{sum(layer.n_params for layer in stuck)} parameters): nothing connects them to "
            "the loss, so they keep their initial values. A stop_gradient on a branch that "
            "should learn, a tensor taken out of the graph (.numpy(), a cast to an integer, "
            "an argmax in the forward path), a layer built but never called, or an output "
            "without a loss does this; the model's code must change (no training setting "
            "reaches them), or set trainable=False where it is meant."
        ),
    )


def zero_gradient(x: RuleInput) -> Finding | None:
    """Fires when a trainable layer outside the ReLU family gets a gradient norm of at most
    `zero_grad_ratio` x the check's largest at this check and the one before, while a layer
    nearer the input gets `zero_grad_flow` x or more at both (the gradient passes by it, so
    this is no vanishing gradient), and no ReLU-family layer is wholly dead (dying ReLU's
    reading). The layer is connected to the loss, but an operation between them passes
    nothing back: a softmax over an axis of size 1 (every weight 1.0: practice batch 26's
    attention pooling, 1e-8 x, 0.79 against 0.95), a sparsemax with one entry kept (batch
    58's TabNet-like masks, exactly 0: Keras' sparsemax threshold, keras-team/keras#23425),
    a rounding or a comparison."""
    checks, t = x.history.checks, x.thresholds
    if len(checks) < 2 or any((layer.dead_fraction or 0.0) >= 1.0 for layer in x.check.layers):
        return None
    zeroed = chosen_at_last_checks(
        checks, lambda check: _cut_off(check.layers, t.zero_grad_ratio, t.zero_grad_flow)
    )
    if not zeroed:
        return None
    names = quoted_names([layer.layer for layer in zeroed])
    largest = max(layer.grad_norm for layer in x.check.layers)
    return Finding(
        problem=SetupProblem.NO_GRADIENT,
        epoch=x.check.epoch,
        step=x.check.step,
        layer=zeroed[0].layer,
        evidence={
            "zero_gradient_layers": float(len(zeroed)),
            "gradient_share": max(layer.grad_norm for layer in zeroed) / largest,
            "layer_params": float(sum(layer.n_params for layer in zeroed)),
        },  # fmt: skip
        thresholds={"zero_grad_ratio": t.zero_grad_ratio, "zero_grad_flow": t.zero_grad_flow},
        reason=(
            f"In training, the gradient of layer(s) {names} is "
            f"{num(zeroed[0].grad_norm / largest)} x the largest layer's at two checks, while "
            "layers nearer the input get theirs: "
            "they are connected to the loss, but an operation between them and the loss "
            "passes nothing back, so they keep their initial values. A softmax over an axis "
            "of size 1 (every weight becomes 1.0), a sparsemax that keeps one entry (a one-hot "
            "output; Keras' ops.sparsemax before keras-team/keras#23469 nearly always does), "
            "a round, floor or sign, or a comparison in the forward path does this; the "
            "model's code must change."
        ),
    )


def zero_kernel_gradient(x: RuleInput) -> Finding | None:
    """Fires when a layer's main kernel gets a gradient norm of at most `zero_grad_ratio` x
    the layer's own at this check and the one before while the layer's other weights get
    theirs (a scale, a bias): an operation on the kernel alone passes nothing back, so it
    keeps its initial values. A weight quantiser without a straight-through estimator does
    this (practice batch 68's ternary convolutions, `sign(w) * (|w| > delta)`: their kernels'
    gradient exactly 0 while their learned scales trained, 0.782 against 0.974); the
    layer's norm hides it, since its other weights move."""
    checks, t = x.history.checks, x.thresholds
    # a wholly dead ReLU layer feeds the next layer zeros, whose kernel then gets nothing
    # while its bias does: dying ReLU's reading
    if len(checks) < 2 or any((layer.dead_fraction or 0.0) >= 1.0 for layer in x.check.layers):
        return None
    zeroed = chosen_at_last_checks(checks, lambda check: {
        layer.layer for layer in check.layers if _kernel_blocked(layer, t.zero_grad_ratio)})
    if not zeroed:
        return None
    first = zeroed[0]
    share = (first.kernel_grad_norm or 0.0) / first.grad_norm
    names = quoted_names([layer.layer for layer in zeroed])
    return Finding(
        problem=SetupProblem.NO_GRADIENT,
        epoch=x.check.epoch,
        step=x.check.step,
        layer=first.layer,
        evidence={"zero_kernel_gradient_layers": float(len(zeroed)),
                  "kernel_gradient_share": share},  # fmt: skip
        thresholds={"zero_grad_ratio": t.zero_grad_ratio},
        reason=(
            f"In training, the kernel of layer(s) {names} gets {num(share)} x the gradient of "
            "the layer's other weights at two checks: an operation on the kernel passes "
            "nothing back, so it keeps its initial values while the rest of the layer "
            "trains. A round, sign or threshold applied to the weights without a "
            "straight-through estimator (w + stop_gradient(q(w) - w)) does this; the "
            "model's code must change."
        ),
    )


def _kernel_blocked(layer: LayerStats, ratio: float) -> bool:
    """The layer's kernel gets at most `ratio` x the layer's gradient norm, which is not 0."""
    kernel = layer.kernel_grad_norm
    return kernel is not None and layer.grad_norm > 0 and kernel <= ratio * layer.grad_norm


def _cut_off(
    layers: tuple[LayerStats, ...] | list[LayerStats], ratio: float, flow: float
) -> set[str]:
    """The layers (in model order) whose gradient norm is at most `ratio` x the largest
    while an earlier layer's is at least `flow` x it (ReLU-family and weightless ones left
    out, and gradients not measured: a norm of exactly 0 with no zero entry counted is an
    Embedding's sparse gradient, which the probe leaves out; practice batch 32's house
    model read its text branch's Embedding as cut off behind the photo branch)."""
    largest = max((layer.grad_norm for layer in layers), default=0.0)
    if not largest > 0:
        return set()
    found: set[str] = set()
    flowing = False
    for layer in layers:
        if (
            flowing
            and layer.n_params > 0
            and layer.dead_fraction is None
            and (layer.grad_norm <= ratio * largest)
            and _measured(layer)
        ):
            found.add(layer.layer)
        flowing = flowing or layer.grad_norm >= flow * largest
    return found


def _measured(layer: LayerStats) -> bool:
    """The layer's gradient was measured: a norm of exactly 0 comes with every entry
    counted as zero (a zero fraction of 1); with none counted, nothing was measured."""
    return layer.grad_norm > 0 or layer.zero_grad_fraction > 0
