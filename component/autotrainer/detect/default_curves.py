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


def loss_blocks(history: TrainingHistory, t: DefaultThresholds) -> np.ndarray:
    """The recent steps as rows of equal blocks (at least 2 steps each), newest row last."""
    losses = np.asarray(history.step_losses, dtype=np.float64)
    size = max(2, math.ceil(max(1, history.steps_per_epoch) / t.ol_blocks_per_epoch))
    count = min(t.ol_window_blocks, len(losses) // size)
    return losses[len(losses) - count * size :].reshape(count, size)


def oscillation_rule(
    history: TrainingHistory, check: CheckRecord, sig: LossSignals, t: DefaultThresholds
) -> Finding | None:
    """OL: the block curve alternates up and down with swings that are large (against the
    baseline loss) and dominate its net trend.

    The swing is the median block-to-block change of the curve minus its linear trend; the
    trend is the fitted change per block; direction flips are counted on the raw curve. The
    swing must also exceed what independent step-to-step noise would give, so minibatch
    noise on a plateau is no oscillation.
    """
    rows = loss_blocks(history, t)
    if len(rows) < t.ol_min_blocks or not np.isfinite(rows).all():
        return None
    curve = rows.mean(axis=1)
    index = np.arange(len(curve), dtype=np.float64)
    slope, intercept = np.polyfit(index, curve, 1)
    trend = abs(float(slope))
    swing = float(np.median(np.abs(np.diff(curve - (slope * index + intercept)))))
    noise = math.sqrt(2.0) * float(np.median(rows.std(axis=1, ddof=1))) / math.sqrt(rows.shape[1])
    moves = np.diff(curve)
    flips = float(np.mean(moves[:-1] * moves[1:] < 0))
    large = swing >= t.ol_amplitude * sig.baseline
    dominant = swing >= t.ol_dominance * trend
    beyond_noise = swing >= t.ol_noise * noise
    if not (large and dominant and beyond_noise and flips >= t.ol_alternation):
        return None
    return Finding(
        problem=Problem.OSCILLATING_LOSS,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "swing": swing,
            "swing_over_baseline": swing / sig.baseline,
            "trend_per_block": trend,
            "noise_swing": noise,
            "sign_flip_fraction": flips,
            "blocks": float(len(curve)),
            "baseline_loss": sig.baseline,
        },
        thresholds={
            "ol_amplitude": t.ol_amplitude,
            "ol_dominance": t.ol_dominance,
            "ol_noise": t.ol_noise,
            "ol_alternation": t.ol_alternation,
            "ol_blocks_per_epoch": float(t.ol_blocks_per_epoch),
        },
        reason=(
            f"The loss swings by a median {num(swing)} between blocks "
            f"({num(swing / sig.baseline)} x baseline >= {num(t.ol_amplitude)}, "
            f"{num(swing / trend) if trend > 0 else 'inf'} x the trend >= "
            f"{num(t.ol_dominance)}, {num(swing / noise) if noise > 0 else 'inf'} x step noise "
            f">= {num(t.ol_noise)}) and flips direction at {num(flips)} of the blocks "
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
