"""Default-profile rules on gradients and units: NaN/Inf, gradient growth, ratios, dead ReLUs.

Each rule is pure: `RuleInput -> Finding | None` (detect/rule.py).
Stall and harm (`LossSignals.struggling`) replace the paper's accuracy gate: the accuracy is
near chance with a flat loss, or the loss has stalled having learned little. A model at its
task's ceiling (label noise, overlapping classes) is neither, so dead units or odd gradient
ratios there are no finding. The detector asks for each symptom on consecutive checks.
"""

from __future__ import annotations

import math

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.gradients import (
    first_to_output_update,
    gradient_summary,
    gradients_nonfinite,
    median_update_ratio,
)
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import LossSignals
from autotrainer_keras.detect.text import logged, num, percent
from autotrainer_keras.measure.history import CheckRecord, LayerStats
from autotrainer_keras.problems import Finding, Problem


def nonfinite_rule(x: RuleInput) -> Finding | None:
    """EG at once: NaN/Inf in a step loss, an epoch loss, a gradient or a weight."""
    history, check = x.history, x.check
    steps = [i for i, v in enumerate(history.step_losses) if not math.isfinite(v)]
    epoch_losses = logged(history.epochs, "loss") + logged(history.epochs, "val_loss")
    in_epochs = not all(math.isfinite(v) for v in epoch_losses)
    in_check = gradients_nonfinite(check)
    if not (steps or in_epochs or in_check):
        return None
    where = [
        name
        for name, hit in (("step losses", steps), ("epoch losses", in_epochs), ("check", in_check))
        if hit
    ]
    first = f" (first at step {steps[0]})" if steps else ""
    return Finding(
        problem=Problem.EXPLODING_GRADIENT,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "nonfinite_step_losses": float(len(steps)),
            "first_nonfinite_step": float(steps[0]) if steps else -1.0,
            "nonfinite_epoch_loss": float(in_epochs),
            "nonfinite_gradients_or_weights": float(in_check),
        },
        thresholds={},
        reason=f"NaN/Inf appeared in the {', '.join(where)}{first} by epoch {check.epoch}.",
    )


def total_grad_norm(check: CheckRecord) -> float:
    """L2 norm of the gradient of all trainable weights (from the per-layer norms)."""
    return math.sqrt(sum(s.grad_norm**2 for s in check.layers if math.isfinite(s.grad_norm)))


def grad_growth_rule(x: RuleInput) -> Finding | None:
    """EG: the gradient norm grew eg_grad_growth-fold since the first check, loss not better."""
    history, check, sig, t = x.history, x.check, x.signals, x.thresholds
    if sig is None:
        return None
    if len(history.checks) < 2:
        return None
    first, now = total_grad_norm(history.checks[0]), total_grad_norm(check)
    if first <= 0 or not now >= t.eg_grad_growth * first or sig.current < sig.start:
        return None
    return Finding(
        problem=Problem.EXPLODING_GRADIENT,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "grad_norm": now,
            "first_grad_norm": first,
            "grad_growth": now / first,
            "start_loss": sig.start,
            "current_loss": sig.current,
        },
        thresholds={"eg_grad_growth": t.eg_grad_growth},
        reason=(
            f"The gradient norm grew {num(now / first)}-fold (>= {num(t.eg_grad_growth)}) "
            f"since the first check while the loss {num(sig.current)} is no better than at the "
            f"start ({num(sig.start)})."
        ),
    )


def vanishing_reading(check: CheckRecord, t: DefaultThresholds) -> bool:
    """The gradients read as vanishing: the first/output kernel gradient ratio is below
    beta_1 and, when both layers' update ratios are measured, the first layer moves less than
    vg_update_ratio x the output layer per step (the mechanism: the first layers starve).
    A small gradient ratio whose first layers move like the last is not vanishing: an
    adaptive optimizer (Adam, RMSprop) scales each weight's step, and one kernel can be small
    for its own reasons (attention's query kernel, whose gradient is second order at a
    near-uniform softmax)."""
    g = gradient_summary(check)
    if g is None or not g.ratio < t.beta_1:
        return False
    moves = first_to_output_update(check)
    return moves is None or moves < t.vg_update_ratio


def _ratio_finding(
    problem: Problem, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> Finding | None:
    g = gradient_summary(check)
    if g is None or not sig.struggling:
        return None
    evidence = {
        "grad_ratio": g.ratio,
        "first_kernel_grad_norm": g.first_kernel,
        "output_kernel_grad_norm": g.output_kernel,
    }
    if problem is Problem.VANISHING_GRADIENT:
        hit, name, limit, side = vanishing_reading(check, t), "beta_1", t.beta_1, "<"
        moves = first_to_output_update(check)
        if moves is not None:
            evidence["first_to_output_update_ratio"] = moves
    else:
        hit, name, limit, side = g.ratio > t.beta_3, "beta_3", t.beta_3, ">"
    if not hit:
        return None
    thresholds = {name: limit, **gate_thresholds(t)}
    mechanism = ""
    if problem is Problem.VANISHING_GRADIENT and "first_to_output_update_ratio" in evidence:
        thresholds["vg_update_ratio"] = t.vg_update_ratio
        mechanism = (f", the first layer moves {num(evidence['first_to_output_update_ratio'])} "
                     f"x the output layer per step (< {num(t.vg_update_ratio)})")  # fmt: skip
    return Finding(
        problem=problem,
        epoch=check.epoch,
        step=check.step,
        layer=g.first_layer,
        evidence={**evidence, **sig.evidence()},
        thresholds=thresholds,
        reason=(
            f"The first/output kernel gradient ratio is {num(g.ratio)} ({side} {name} "
            f"{num(limit)}){mechanism} and {sig.gate_text()}."
        ),
    )


def gate_thresholds(t: DefaultThresholds) -> dict[str, float]:
    """The thresholds of the stall-and-harm gate, for a finding's record."""
    return {
        "stall_epochs": float(t.stall_epochs),
        "stall_rate": t.stall_rate,
        "harm_progress": t.harm_progress,
        "chance_margin": t.chance_margin,
    }


def vanishing_rule(x: RuleInput) -> Finding | None:
    """VG: grad_ratio < beta_1 under the stall-and-harm gate."""
    if x.signals is None:
        return None
    return _ratio_finding(Problem.VANISHING_GRADIENT, x.check, x.signals, x.thresholds)


def exploding_ratio_rule(x: RuleInput) -> Finding | None:
    """EG: grad_ratio > beta_3 under the stall-and-harm gate."""
    if x.signals is None:
        return None
    return _ratio_finding(Problem.EXPLODING_GRADIENT, x.check, x.signals, x.thresholds)


def worst_dead_layer(check: CheckRecord, bypassed: bool = True) -> LayerStats | None:
    """The ReLU layer with the largest dead-unit fraction at this check (`bypassed` False:
    of the layers every path from the inputs to the outputs passes), or None."""
    layers = [s for s in check.layers
              if s.dead_fraction is not None and (bypassed or not s.bypassed)]  # fmt: skip
    return max(layers, key=lambda s: float(s.dead_fraction or 0.0)) if layers else None


def wholly_dead(check: CheckRecord, t: DefaultThresholds) -> bool:
    """Some ReLU layer that every path passes has at least dr_dead_layer of its units dead
    (no signal passes it: the output no longer depends on the inputs)."""
    worst = worst_dead_layer(check, bypassed=False)
    return worst is not None and float(worst.dead_fraction or 0.0) >= t.dr_dead_layer


def dying_relu_rule(x: RuleInput) -> Finding | None:
    """DR: a ReLU layer wholly dead that every path from the inputs passes, or a layer mostly
    dead (or a wholly dead one the inputs reach the outputs around: a residual branch) under
    the stall-and-harm gate."""
    check, sig, t = x.check, x.signals, x.thresholds
    worst = worst_dead_layer(check)
    if worst is None:
        return None
    direct = worst_dead_layer(check, bypassed=False)
    if direct is not None and float(direct.dead_fraction or 0.0) >= t.dr_dead_layer:
        worst = direct
    layers = [s for s in check.layers if s.dead_fraction is not None]
    dead = float(worst.dead_fraction or 0.0)
    evidence = {"dead_fraction": dead, "relu_layers": float(len(layers))}
    update = median_update_ratio(check)
    if update is not None:  # how large the steps were when the units died (the repair order)
        evidence["median_update_ratio"] = update
    steps = {"dr_large_update": t.dr_large_update}
    if dead >= t.dr_dead_layer and not worst.bypassed:
        return Finding(
            problem=Problem.DYING_RELU,
            epoch=check.epoch,
            step=check.step,
            layer=worst.layer,
            evidence=evidence,
            thresholds={"dr_dead_layer": t.dr_dead_layer, **steps},
            reason=(
                f"{percent(dead)} of the units of ReLU layer {worst.layer} output 0 for every "
                f"probe sample (>= {percent(t.dr_dead_layer)}), so no gradient passes it."
            ),
        )
    if sig is None or dead < t.gamma or not sig.struggling:
        return None
    return Finding(
        problem=Problem.DYING_RELU,
        epoch=check.epoch,
        step=check.step,
        layer=worst.layer,
        evidence={**evidence, **sig.evidence()},
        thresholds={"gamma": t.gamma, **gate_thresholds(t), **steps},
        reason=(
            f"{percent(dead)} of the units of ReLU layer {worst.layer} are dead (>= gamma "
            f"{percent(t.gamma)}) and {sig.gate_text()}."
        ),
    )
