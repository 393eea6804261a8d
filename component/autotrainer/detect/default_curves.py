"""Default-profile rules on the loss curve: divergence, oscillation, slow convergence.

Each rule is pure: (history, newest check, loss signals, thresholds) -> Finding | None. All
read the training step losses, so they work for regression as well as classification.
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer.config.detection import DefaultThresholds
from autotrainer.detect.signals import LossSignals
from autotrainer.detect.text import accuracy_key, logged, num
from autotrainer.measure.history import CheckRecord, TrainingHistory
from autotrainer.problems import Finding, Problem


def divergence_rule(
    history: TrainingHistory, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> Finding | None:
    """EG: the smoothed loss grew eg_loss_growth-fold over its start, or over its minimum
    once it is worse than at the start (it lost everything it had learned and more)."""
    finite = sum(1 for v in history.step_losses if math.isfinite(v))
    if finite < 2 * t.smooth_steps:
        return None
    growth_start = sig.current / sig.start if sig.start > 0 else math.inf
    growth_min = sig.current / sig.minimum if sig.minimum > 0 else math.inf
    from_start = growth_start >= t.eg_loss_growth
    from_min = sig.current >= sig.start and growth_min >= t.eg_loss_growth
    if not (from_start or from_min):
        return None
    if from_start:
        ref, ref_name, growth = sig.start, "its start", growth_start
    else:
        ref, ref_name, growth = sig.minimum, "its minimum", growth_min
    return Finding(
        problem=Problem.EXPLODING_GRADIENT,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "current_loss": sig.current,
            "start_loss": sig.start,
            "min_loss": sig.minimum,
            "loss_growth": growth,
        },
        thresholds={"eg_loss_growth": t.eg_loss_growth, "smooth_steps": float(t.smooth_steps)},
        reason=(
            f"The smoothed training loss {num(sig.current)} is {num(growth)} times {ref_name} "
            f"{num(ref)} (>= {num(t.eg_loss_growth)}): training diverges."
        ),
    )


def block_means(history: TrainingHistory, t: DefaultThresholds) -> np.ndarray:
    """The recent loss curve: means of blocks of consecutive steps, newest block last."""
    losses = np.asarray(history.step_losses, dtype=np.float64)
    size = max(1, math.ceil(max(1, history.steps_per_epoch) / t.ol_blocks_per_epoch))
    count = min(t.ol_window_blocks, len(losses) // size)
    if count == 0:
        return np.zeros(0)
    recent = losses[len(losses) - count * size :]
    return recent.reshape(count, size).mean(axis=1)


def oscillation_rule(
    history: TrainingHistory, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> Finding | None:
    """OL: the block curve alternates up and down with swings that are large (against the
    baseline loss) and dominate its net trend."""
    curve = block_means(history, t)
    if len(curve) < t.ol_min_blocks or not np.isfinite(curve).all():
        return None
    moves = np.diff(curve)
    amplitude = float(np.median(np.abs(moves)))
    trend = abs(float(np.polyfit(np.arange(len(curve)), curve, 1)[0]))
    flips = float(np.mean(moves[:-1] * moves[1:] < 0))
    large = amplitude >= t.ol_amplitude * sig.baseline
    dominant = amplitude >= t.ol_dominance * trend
    if not (large and dominant and flips >= t.ol_alternation):
        return None
    return Finding(
        problem=Problem.OSCILLATING_LOSS,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "swing": amplitude,
            "swing_over_baseline": amplitude / sig.baseline,
            "trend_per_block": trend,
            "sign_flip_fraction": flips,
            "blocks": float(len(curve)),
            "baseline_loss": sig.baseline,
        },
        thresholds={
            "ol_amplitude": t.ol_amplitude,
            "ol_dominance": t.ol_dominance,
            "ol_alternation": t.ol_alternation,
            "ol_blocks_per_epoch": float(t.ol_blocks_per_epoch),
        },
        reason=(
            f"The loss swings by a median {num(amplitude)} between blocks "
            f"({num(amplitude / sig.baseline)} x baseline >= {num(t.ol_amplitude)}, "
            f"{num(amplitude / trend) if trend > 0 else 'inf'} x the trend >= "
            f"{num(t.ol_dominance)}) and flips direction at {num(flips)} of the blocks "
            f"(>= {num(t.ol_alternation)})."
        ),
    )


def slow_convergence_rule(
    history: TrainingHistory, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> Finding | None:
    """SC: after sc_min_budget of the budget the model has still learned next to nothing
    (progress < sc_progress) and at its recent pace will stay off track."""
    if sig.epochs_trained < t.sc_min_budget * history.epochs_budget:
        return None
    if sig.progress >= t.sc_progress or not sig.off_track(t.target_progress):
        return None
    assert sig.projected is not None and sig.rate is not None
    evidence = sig.evidence()
    key = accuracy_key(history.epochs, "val_")
    if key is not None and history.chance_accuracy is not None:
        evidence["best_val_accuracy"] = max(logged(history.epochs, key))
        evidence["chance_accuracy"] = history.chance_accuracy
    base = "the start loss" if sig.baseline_is_start else "the constant predictor's loss"
    return Finding(
        problem=Problem.SLOW_CONVERGENCE,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence=evidence,
        thresholds={
            "sc_progress": t.sc_progress,
            "sc_min_budget": t.sc_min_budget,
            "target_progress": t.target_progress,
        },
        reason=(
            f"After {num(sig.epochs_trained)} epochs the best loss {num(sig.best)} is only "
            f"{num(sig.progress)} of the way below {base} {num(sig.baseline)} (< "
            f"{num(t.sc_progress)}) and at {num(sig.rate)} per epoch it projects to "
            f"{num(sig.projected)} (< {num(t.target_progress)}) by the end of the budget."
        ),
    )
