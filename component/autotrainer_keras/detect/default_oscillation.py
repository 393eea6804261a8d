"""Default-profile oscillating-loss rule: swings of the loss curve that dominate its trend.

Two views of the curve are judged, newest values last:

- blocks: the mean training loss of blocks of consecutive steps (ol_blocks_per_epoch per
  epoch), so oscillation can be seen within the first epochs. Minibatch noise also moves
  block means, so the swing must exceed what independent step noise would give; a batch
  order that repeats every epoch (Keras under `set_random_seed`) gives each position its
  own level, which is taken out first (`measure.batch_order`).
- epochs: the validation loss at each epoch end (the epoch's training loss without
  validation). It has no minibatch noise: a model whose weights bounce shows it directly.

Either view fires when its swing (median change of the curve minus its linear trend) is at
least ol_amplitude x baseline loss and ol_dominance x the trend per point, and the raw
curve flips direction at ol_alternation of its points or more.

Harm gate: swings alone are no problem while training still gets somewhere (a cyclic or
warm-restart learning-rate schedule swings by design and keeps making new bests). The rule
fires only when neither the validation loss (training loss without validation) nor the
validation accuracy has made a new best for ol_harm_epochs epochs; the detector then asks
for the symptom on consecutive checks.
"""

from __future__ import annotations

import math

import numpy as np

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import (
    LossSignals,
    epochs_since_best,
    epochs_since_best_accuracy,
)
from autotrainer_keras.detect.text import accuracy_key, logged, num
from autotrainer_keras.measure.batch_order import MIN_EPOCHS, epoch_pattern, without_pattern
from autotrainer_keras.measure.history import CheckRecord, TrainingHistory
from autotrainer_keras.problems import Finding, Problem


def step_losses(history: TrainingHistory, t: DefaultThresholds) -> tuple[np.ndarray, float]:
    """The step losses the block view reads, and the correlation of consecutive epochs' step
    patterns (NaN: not measured): when the batch order repeats every epoch
    (`measure.batch_order`), each batch's own level is taken out first."""
    losses = np.asarray(history.step_losses, dtype=np.float64)
    epochs = max(MIN_EPOCHS, math.ceil(t.ol_window_blocks / t.ol_blocks_per_epoch) + 1)
    pattern = epoch_pattern(losses, history.steps_per_epoch, epochs)
    if pattern.repeats(t.ol_repeat_correlation):
        losses = without_pattern(losses, pattern)
    return losses, pattern.correlation


def loss_blocks(losses: np.ndarray, steps_per_epoch: int, t: DefaultThresholds) -> np.ndarray:
    """The recent steps as rows of equal blocks (at least 2 steps each), newest row last."""
    size = max(2, math.ceil(max(1, steps_per_epoch) / t.ol_blocks_per_epoch))
    count = min(t.ol_window_blocks, len(losses) // size)
    return losses[len(losses) - count * size :].reshape(count, size)


def swing_trend_flips(curve: np.ndarray) -> tuple[float, float, float]:
    """Median change of the detrended curve, |trend| per point, fraction of direction flips."""
    index = np.arange(len(curve), dtype=np.float64)
    slope, intercept = np.polyfit(index, curve, 1)
    swing = float(np.median(np.abs(np.diff(curve - (slope * index + intercept)))))
    moves = np.diff(curve)
    flips = float(np.mean(moves[:-1] * moves[1:] < 0))
    return swing, abs(float(slope)), flips


def learned_range(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> float:
    """The loss range the swings are judged against: from the baseline down to the best
    validation loss (a task with a ceiling has less to lose), at least ol_min_range x the
    loss scale; the loss scale without validation."""
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    if not val:
        return sig.scale
    return max(sig.baseline - min(val), t.ol_min_range * sig.scale)


def _finding(
    history: TrainingHistory,
    view: str,
    curve: np.ndarray,
    noise: float,
    check: CheckRecord,
    sig: LossSignals,
    t: DefaultThresholds,
    stuck: int,
    repeat: float = math.nan,
) -> Finding | None:
    swing, trend, flips = swing_trend_flips(curve)
    scope = learned_range(history, sig, t)
    large = swing >= t.ol_amplitude * scope
    dominant = swing >= t.ol_dominance * trend
    beyond_noise = swing >= t.ol_noise * noise
    if not (large and dominant and beyond_noise and flips >= t.ol_alternation):
        return None
    thresholds = {
        "ol_amplitude": t.ol_amplitude,
        "ol_dominance": t.ol_dominance,
        "ol_alternation": t.ol_alternation,
        "ol_harm_epochs": float(t.ol_harm_epochs),
    }
    noise_text = ""
    if view == "blocks":
        thresholds["ol_noise"] = t.ol_noise
        thresholds["ol_repeat_correlation"] = t.ol_repeat_correlation
        ratio = num(swing / noise) if noise > 0 else "inf"
        noise_text = f", {ratio} x step noise >= {num(t.ol_noise)}"
    return Finding(
        problem=Problem.OSCILLATING_LOSS,
        epoch=check.epoch,
        step=check.step,
        layer=None,
        evidence={
            "swing": swing,
            "swing_over_range": swing / scope,
            "learned_range": scope,
            "trend_per_point": trend,
            "noise_swing": noise,
            "sign_flip_fraction": flips,
            "points": float(len(curve)),
            "epoch_curve": float(view == "epochs"),
            "baseline_loss": sig.baseline,
            "epochs_without_new_best": float(stuck),
            **({"epoch_pattern_correlation": repeat} if math.isfinite(repeat) else {}),
        },
        thresholds=thresholds,
        reason=(
            f"The loss swings by a median {num(swing)} between {view} "
            f"({num(swing / scope)} x the learned range {num(scope)} >= {num(t.ol_amplitude)}, "
            f"{num(swing / trend) if trend > 0 else 'inf'} x the trend >= "
            f"{num(t.ol_dominance)}{noise_text}) and flips direction at {num(flips)} of the "
            f"{len(curve)} {view} (>= {num(t.ol_alternation)}), with no new best loss or "
            f"accuracy for {stuck} epochs (>= {t.ol_harm_epochs})."
        ),
    )


def epochs_without_gain(history: TrainingHistory) -> int:
    """Epochs since the last new best, by any margin, of the validation loss (the training
    loss without validation) or of the accuracy (the later one): a curve still creeping
    down is still improving, however it swings."""
    key = "val_loss" if any("val_loss" in r.logs for r in history.epochs) else "loss"
    since = epochs_since_best(logged(history.epochs, key), 0.0)
    accuracy = accuracy_key(history.epochs, "val_") or accuracy_key(history.epochs)
    if accuracy is None:
        return since
    return min(since, epochs_since_best_accuracy(logged(history.epochs, accuracy)))


def oscillation_rule(x: RuleInput) -> Finding | None:
    """OL from the block curve of step losses, else from the per-epoch loss curve, once
    neither loss nor accuracy has made a new best for ol_harm_epochs epochs."""
    history, check, sig, t = x.history, x.check, x.signals, x.thresholds
    if sig is None:
        return None
    stuck = epochs_without_gain(history)
    if stuck < t.ol_harm_epochs:
        return None
    losses, repeat = step_losses(history, t)
    rows = loss_blocks(losses, history.steps_per_epoch, t)
    if len(rows) >= t.ol_min_blocks and np.isfinite(rows).all():
        noise = math.sqrt(2.0) * float(np.median(rows.std(axis=1, ddof=1)))
        found = _finding(
            history,
            "blocks",
            rows.mean(axis=1),
            noise / math.sqrt(rows.shape[1]),
            check,
            sig,
            t,
            stuck,
            repeat,
        )
        if found is not None:
            return found
    key = "val_loss" if any("val_loss" in r.logs for r in history.epochs) else "loss"
    epochs = np.asarray(logged(history.epochs, key)[-t.ol_window_epochs :], dtype=np.float64)
    if len(epochs) >= t.ol_min_epochs and np.isfinite(epochs).all():
        return _finding(history, "epochs", epochs, 0.0, check, sig, t, stuck)
    return None
