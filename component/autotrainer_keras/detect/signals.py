"""Loss signals the default rules share: smoothed levels, progress, recent rate, projection.

Progress is measured against "learned nothing": p = 1 - best loss / baseline_loss, where the
baseline is the validation loss of the best constant predictor (filled by the monitor). With
no baseline (a loss the monitor does not know) the loss of the first step stands in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.text import logged
from autotrainer_keras.measure.history import TrainingHistory


def rolling_median(values: np.ndarray, width: int) -> np.ndarray:
    """Medians of every `width` consecutive values (all values when fewer exist)."""
    width = max(1, min(width, len(values)))
    windows = np.lib.stride_tricks.sliding_window_view(values, width)
    return np.median(windows, axis=1)


def decrease_per_step(values: np.ndarray) -> float:
    """Least-squares slope of a window of step losses, sign flipped: > 0 while improving."""
    steps = np.arange(len(values), dtype=np.float64)
    return float(-np.polyfit(steps, values, 1)[0])


@dataclass(frozen=True)
class LossSignals:
    """The state of the loss curve at a check.

    Attributes:
        baseline: Loss of "learned nothing" (baseline_loss, or the start loss as fallback).
        baseline_is_start: True when the start loss stands in for a missing baseline.
        start: Training loss of the first step (the untrained model on its first batch).
        current: Smoothed training loss of the last steps.
        peak: Highest smoothed training loss since the previous check.
        floor: Lowest smoothed training loss since the previous check.
        minimum: Lowest smoothed training loss so far.
        best: Lowest of `minimum` and the validation losses so far.
        progress: 1 - best / baseline.
        rate: Recent progress per epoch (baseline units; negative = getting worse): the
            better of the step-loss slope over the rate window and the last epoch's change of
            the validation loss (no minibatch noise); None while neither is known.
        epochs_trained: Steps done / steps per epoch.
        remaining_epochs: Epoch budget left.
        projected: progress + max(rate, 0) x remaining_epochs, or None without a rate.
    """

    baseline: float
    baseline_is_start: bool
    start: float
    current: float
    peak: float
    floor: float
    minimum: float
    best: float
    progress: float
    rate: float | None
    epochs_trained: float
    remaining_epochs: float
    projected: float | None

    def off_track(self, target: float) -> bool:
        """Training will not reach `target` progress within the budget at its recent pace."""
        return self.projected is not None and self.projected < target

    def evidence(self) -> dict[str, float]:
        data = {
            "baseline_loss": self.baseline,
            "best_loss": self.best,
            "current_loss": self.current,
            "progress": self.progress,
            "epochs_trained": self.epochs_trained,
        }
        if self.rate is not None and self.projected is not None:
            data["progress_rate_per_epoch"] = self.rate
            data["projected_progress"] = self.projected
        return data


def loss_signals(history: TrainingHistory, t: DefaultThresholds) -> LossSignals | None:
    """The loss signals, or None before any finite step loss exists."""
    losses = np.asarray(history.step_losses, dtype=np.float64)
    losses = losses[np.isfinite(losses)]
    if len(losses) == 0:
        return None
    smooth = rolling_median(losses, t.smooth_steps)
    start, current, minimum = float(losses[0]), float(smooth[-1]), float(smooth.min())
    previous = history.checks[-2].step if len(history.checks) >= 2 else 0
    last = len(smooth) - 1
    touching = smooth[max(0, min(previous - t.smooth_steps + 1, last)) :]  # windows ending after
    inside = smooth[max(0, min(previous, last)) :]  # windows wholly after the previous check
    peak, floor = float(touching.max()), float(inside.min())
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    best = min([minimum, *val])
    baseline = history.baseline_loss
    fallback = baseline is None or not math.isfinite(baseline) or baseline <= 0
    base = start if fallback else float(baseline)  # type: ignore[arg-type]
    base = base if base > 0 else 1.0
    per_epoch = max(1, history.steps_per_epoch)
    window = max(t.min_rate_steps, round(t.rate_window_epochs * per_epoch))
    recent = losses[-window:]
    rates = []
    if len(recent) >= t.min_rate_steps:
        rates.append(decrease_per_step(recent) * per_epoch / base)
    if len(val) >= 2:
        rates.append((val[-2] - val[-1]) / base)
    rate = max(rates) if rates else None
    epochs_trained = history.steps_done / per_epoch
    remaining = max(0.0, history.epochs_budget - epochs_trained)
    progress = 1.0 - best / base
    projected = None if rate is None else progress + max(rate, 0.0) * remaining
    return LossSignals(
        baseline=base,
        baseline_is_start=fallback,
        start=start,
        current=current,
        peak=peak,
        floor=floor,
        minimum=minimum,
        best=best,
        progress=progress,
        rate=rate,
        epochs_trained=epochs_trained,
        remaining_epochs=remaining,
        projected=projected,
    )
