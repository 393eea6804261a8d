"""Loss signals the default rules share: smoothed levels, progress, recent rate, stall, harm.

Progress is measured against "learned nothing": p = (baseline - best) / scale, where the
baseline is the validation loss of the best constant predictor (filled by the monitor) and the
scale is the baseline itself (so p = 1 - best / baseline). With no baseline (a loss the monitor
does not know) a robust reference stands in: the median of the first `eg_reference_steps` step
losses; a reference <= 0 (cosine similarity, Gaussian NLL) gets the scale max(|reference|, 1).

Stall and harm (`LossSignals.struggling`) replace a fixed progress target, which a task with
an achievable-loss ceiling (label noise, overlapping classes, low-R^2 regression) never
passes: a model is struggling when its metric is near chance and its loss flat, or when it
has stalled (its best validation loss improved by less than `stall_min_delta` of the loss
scale over the last `stall_epochs` epochs, small recent rate) having made little progress
over the constant predictor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.text import accuracy_key, logged
from autotrainer_keras.measure.curve_slope import theil_sen_slope
from autotrainer_keras.measure.history import Task, TrainingHistory

DEGENERATE_BASELINE = 1e-6
"""A classifier's constant-predictor loss below this is no reference for progress: only
labels of a single class make it so small (every preference label 1, practice batch 31;
batch 1's `labels_all_same`: ~1e-7, the clipped log), and the start loss stands in (as for
a missing one). A regression's is its targets' variance, which can be that small."""


def rolling_median(values: np.ndarray, width: int) -> np.ndarray:
    """Medians of every `width` consecutive values (all values when fewer exist)."""
    width = max(1, min(width, len(values)))
    windows = np.lib.stride_tricks.sliding_window_view(values, width)
    return np.median(windows, axis=1)


def decrease_per_step(values: np.ndarray) -> float:
    """Least-squares slope of a window of step losses, sign flipped: > 0 while improving."""
    steps = np.arange(len(values), dtype=np.float64)
    return float(-np.polyfit(steps, values, 1)[0])


def start_reference(step_losses: list[float] | np.ndarray, steps: int) -> float:
    """Where training started: the median of the first `steps` finite step losses (robust to
    one blown-up step); NaN when none is finite."""
    values = np.asarray(step_losses, dtype=np.float64)
    values = values[np.isfinite(values)][:steps]
    return float(np.median(values)) if len(values) else math.nan


def loss_scale(reference: float) -> float:
    """The unit losses are judged in: the reference when > 0, else max(|reference|, 1)."""
    return reference if reference > 0 else max(abs(reference), 1.0)


def epochs_since_best(values: list[float], min_delta: float) -> int:
    """Epochs since the last new best of a loss curve (a new best beats the previous best by
    more than `min_delta`); 0 when the newest value is one, the length when none is finite."""
    best, since = math.inf, len(values)
    for index, value in enumerate(values):
        if math.isfinite(value) and value < best - min_delta:
            best, since = value, len(values) - 1 - index
    return since


def recent_gain(values: list[float], epochs: int) -> float:
    """How much the best of the last `epochs` values beats the best before them (> 0: a new
    best); NaN with `epochs` values or fewer."""
    finite = [v if math.isfinite(v) else math.inf for v in values]
    if len(finite) <= epochs:
        return math.nan
    return min(finite[:-epochs]) - min(finite[-epochs:])


def epochs_since_best_accuracy(values: list[float]) -> int:
    """Epochs since the highest accuracy was first reached (the length when none)."""
    finite = [(v, -i) for i, v in enumerate(values) if math.isfinite(v)]
    return len(values) - 1 + max(finite)[1] if finite else len(values)


@dataclass(frozen=True)
class LossSignals:
    """The state of the loss curve at a check.

    Attributes:
        baseline: Loss of "learned nothing" (baseline_loss, or the start loss as fallback).
        baseline_is_start: True when the start loss stands in for a missing baseline.
        start: Reference loss: median of the first eg_reference_steps step losses.
        first: The first finite step loss (the untrained model's; a loss that explodes within
            the first steps has already grown by the time `start` is measured).
        scale: The unit losses are judged in (`loss_scale` of the baseline).
        current: Smoothed training loss of the last steps.
        peak: Highest smoothed training loss since the previous check.
        floor: Lowest smoothed training loss since the previous check.
        minimum: Lowest smoothed training loss so far.
        best: The lowest validation or epoch-mean training loss so far (the lowest smoothed
            step loss of noisy, e.g. weighted, minibatches is biased low); for a regression
            whose baseline came from training rows (`TrainingHistory.baseline_rows`: the
            Watch), only the epoch-mean training losses, since the validation targets'
            variance may differ from theirs; `minimum` before the first epoch ends.
        progress: (baseline - best) / scale (1 - best / baseline for a positive baseline).
        rate: Recent progress per epoch (baseline units; negative = getting worse): the
            best of the step-loss slope over the rate window, the last epoch's change of the
            validation loss (no minibatch noise) and that of the epoch-mean training loss
            (every batch once: a batch order that repeats each epoch, as an unshuffled
            dataset's or seeded Keras arrays', tilts a slope read within the epoch by the
            batches' own levels); None while none is known.
        epochs_trained: Steps done / steps per epoch.
        remaining_epochs: Epoch budget left.
        projected: progress + max(rate, 0) x remaining_epochs, or None without a rate.
        since_best: Epochs since the last new best validation loss (training loss without
            validation) by more than stall_min_delta x scale.
        recent_gain: How much the best validation loss of the last stall_epochs epochs beats
            the best before them, in scale units (NaN while there are too few epochs).
        chance_lift: (latest validation accuracy - chance) / (1 - chance); None without an
            accuracy or a chance accuracy.
        stalled: recent_gain < stall_min_delta and the loss is flat: the validation loss's
            robust slope over the last stall_epochs + 1 epochs (the recent rate of the step
            losses without validation) falls by less than stall_rate per epoch; and the
            accuracy is not rising (`accuracy_gain` below stall_accuracy_gain).
        near_chance: |chance_lift| < chance_margin and the loss is flat (an
            accuracy far below chance is no collapse: class-balancing sample weights make
            an unweighted majority class a poor reference).
        struggling: near_chance, or stalled with progress below harm_progress.
    """

    baseline: float
    baseline_is_start: bool
    start: float
    first: float
    scale: float
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
    since_best: int
    recent_gain: float
    chance_lift: float | None
    stalled: bool
    near_chance: bool
    struggling: bool

    def gate_text(self) -> str:
        """Why the stall-and-harm gate is open, in words."""
        if self.near_chance:
            return (f"the accuracy is near chance (lift {self.chance_lift:.3g} of the way from "
                    f"chance to 1) and the loss is flat")  # fmt: skip
        return (f"the loss has stalled (its best improved by {self.recent_gain:.3g} of its "
                f"scale in the last epochs) at progress {self.progress:.3g} over the constant "
                "predictor")  # fmt: skip

    def evidence(self) -> dict[str, float]:
        data = {
            "baseline_loss": self.baseline,
            "best_loss": self.best,
            "current_loss": self.current,
            "progress": self.progress,
            "epochs_trained": self.epochs_trained,
            "epochs_since_best": float(self.since_best),
        }
        if math.isfinite(self.recent_gain):
            data["recent_gain"] = self.recent_gain
        if self.chance_lift is not None:
            data["chance_lift"] = self.chance_lift
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
    start = start_reference(losses, t.eg_reference_steps)
    current, minimum = float(smooth[-1]), float(smooth.min())
    previous = history.checks[-2].step if len(history.checks) >= 2 else 0
    last = len(smooth) - 1
    touching = smooth[max(0, min(previous - t.smooth_steps + 1, last)) :]  # windows ending after
    inside = smooth[max(0, min(previous, last)) :]  # windows wholly after the previous check
    peak, floor = float(touching.max()), float(inside.min())
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    epoch_means = [v for v in logged(history.epochs, "loss") if math.isfinite(v)]
    # A regression's constant-predictor loss is its targets' variance, which differs between
    # splits by sampling (0.836 against 1.0 on 442 standardised rows; stratified class priors
    # barely do): with a baseline of training rows, the training epoch means are the
    # comparable loss; else the lower of the validation and epoch-mean losses.
    if history.baseline_rows == "training" and history.task is Task.REGRESSION and epoch_means:
        best = min(epoch_means)
    else:
        best = min([*val, *epoch_means]) if val or epoch_means else minimum
    baseline = history.baseline_loss
    fallback = (baseline is None or not math.isfinite(baseline) or baseline <= 0
                or (history.task.has_accuracy and baseline < DEGENERATE_BASELINE))  # fmt: skip
    base = start if fallback else float(baseline)  # type: ignore[arg-type]
    # soft targets (label smoothing, mixup): no prediction gets below their entropy, so the
    # range to learn over is the baseline's distance to it (batch 36's smoothing 0.9 on ten
    # classes: 2.266 of 2.303; the network at 2.275 is 0.76 of the way, not 0.012)
    floor_known = not fallback and 0 < history.loss_floor < base
    scale = loss_scale(base - history.loss_floor if floor_known else base)
    per_epoch = max(1, history.steps_per_epoch)
    window = max(t.min_rate_steps, round(t.rate_window_epochs * per_epoch))
    recent = losses[-window:]
    rates = []
    if len(recent) >= t.min_rate_steps:
        rates.append(decrease_per_step(recent) * per_epoch / scale)
    for curve in (val, epoch_means):
        if len(curve) >= 2:
            rates.append((curve[-2] - curve[-1]) / scale)
    rate = max(rates) if rates else None
    epochs_trained = history.steps_done / per_epoch
    remaining = max(0.0, history.epochs_budget - epochs_trained)
    progress = (base - best) / scale
    lift = chance_lift(history)
    if fallback and lift is not None:
        # Measured from the start loss (no constant-predictor loss: a loss of the user's own),
        # a fall says little when the start was blown up (a rate of 5: 72 -> 5.7 read as 0.92
        # of the way at chance accuracy, practice batch 61); a classifier has learned no more
        # than its accuracy's lift over chance shows.
        progress = min(progress, lift)
    projected = None if rate is None else progress + max(rate, 0.0) * remaining
    curve = val if val else [v for v in logged(history.epochs, "loss") if math.isfinite(v)]
    since = epochs_since_best(curve, t.stall_min_delta * scale) if curve else 0
    gain = recent_gain(curve, t.stall_epochs) / scale
    # flat: judged on the validation loss when it has 3 epochs (no minibatch or dropout noise),
    # by its robust slope over the stall window; else on the recent rate of the step losses
    if len(val) >= 3:
        fall = -theil_sen_slope(val[-(t.stall_epochs + 1) :]) / scale
        flat = fall < t.stall_rate
    else:
        flat = rate is not None and rate < t.stall_rate
    rising = accuracy_gain(history, t.stall_epochs) >= t.stall_accuracy_gain
    stalled = math.isfinite(gain) and gain < t.stall_min_delta and flat and not rising
    near = lift is not None and abs(lift) < t.chance_margin and flat
    return LossSignals(
        baseline=base,
        baseline_is_start=fallback,
        start=start,
        first=float(losses[0]),
        scale=scale,
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
        since_best=since,
        recent_gain=gain,
        chance_lift=lift,
        stalled=stalled,
        near_chance=near,
        struggling=near or (stalled and progress < t.harm_progress),
    )


def chance_lift(history: TrainingHistory) -> float | None:
    """How far the latest validation accuracy (training accuracy without validation) lies
    from the majority-class accuracy towards 1; None when either is unknown. A multi-output
    model: of the classification output nearest its chance (one head that learned nothing
    is a stalled model, however well the other heads do)."""
    lifts = []
    for values, chance in _accuracy_heads(history):
        finite = [v for v in values if math.isfinite(v)]
        if finite:
            lifts.append((finite[-1] - chance) / (1.0 - chance))
    return min(lifts, key=abs) if lifts else None


def accuracy_gain(history: TrainingHistory, epochs: int) -> float:
    """How much the best validation accuracy (training accuracy without validation) of the
    last `epochs` epochs beats the best before them, as a fraction of (1 - chance); of the
    classification output gaining least (multi-output); NaN without an accuracy and a chance
    accuracy, or with `epochs` epochs or fewer."""
    gains = []
    for values, chance in _accuracy_heads(history):
        gain = recent_gain([-v for v in values], epochs)  # an accuracy's new best is its max
        if math.isfinite(gain):
            gains.append(gain / (1.0 - chance))
    return min(gains) if gains else math.nan


def _accuracy_heads(history: TrainingHistory) -> list[tuple[list[float], float]]:
    """Each classification output's per-epoch accuracies (validation when logged) with its
    majority-class accuracy: the model's own, then a multi-output model's by output name."""
    pairs = [("", history.chance_accuracy)]
    pairs += [(f"{name}_", chance) for name, chance in history.output_chance.items()]
    heads = []
    for prefix, chance in pairs:
        key = accuracy_key(history.epochs, "val_" + prefix) or accuracy_key(history.epochs, prefix)
        if key is not None and chance is not None and math.isfinite(chance) and chance < 1:
            heads.append((logged(history.epochs, key), chance))
    return heads
