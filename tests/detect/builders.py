"""Scripted training histories for detector tests: no Keras, just numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.measure.history import (
    CheckRecord,
    EpochRecord,
    LayerStats,
    Task,
    TrainingHistory,
)
from autotrainer_keras.problems import Finding


def check(
    epoch: int,
    step: int,
    *,
    first_grad: float = 0.1,
    out_grad: float = 0.1,
    zero_fraction: float = 0.0,
    dead: float | None = 0.0,
    nonfinite: bool = False,
    source: str = "steps",
    scale: float = 1.0,
    update: float | None = 1e-5,
    first_update: float | None = None,
    bypassed: bool = False,
) -> CheckRecord:
    """A check of a 3-layer MLP: two ReLU Dense layers and a sigmoid output layer.

    `dead` is the dead-unit fraction of the second hidden layer (None: no ReLU layers);
    `scale` multiplies every gradient norm; `update` is the per-step update ratio of the
    layers after the first (default: tiny steps, as in a stuck model; None: not measured);
    `first_update` the first layer's (None: as plain SGD moves it, `update` x first_grad /
    out_grad; an adaptive optimizer such as Adam moves it like the others: pass `update`);
    `bypassed`: the second hidden layer sits on a residual branch.
    """
    activation = None if dead is None else "relu"
    first, mid, out = first_grad * scale, 0.1 * scale, out_grad * scale
    if first_update is None and update is not None:
        first_update = update * first_grad / out_grad if out_grad > 0 else update
    layers = [
        LayerStats(
            "dense",
            "Dense",
            first,
            first,
            zero_fraction,
            1.0,
            first_update,
            None if dead is None else 0.0,
            activation,
            40,
        ),
        LayerStats("dense_1", "Dense", mid, mid, zero_fraction, 1.0, update, dead, activation, 110,
                   bypassed=bypassed),
        LayerStats("output", "Dense", out, out, zero_fraction, 1.0, update, None, "sigmoid", 11),
    ]
    return CheckRecord(epoch, step, source, layers, nonfinite, zero_fraction)


def new_history(
    task: Task = Task.BINARY,
    budget: int = 30,
    steps_per_epoch: int = 10,
    baseline: float | None = 1.0,
    chance: float | None = 0.5,
) -> TrainingHistory:
    """An empty history (baseline loss 1.0 keeps loss arithmetic exact in tests)."""
    if not task.has_accuracy:
        chance = None
    return TrainingHistory(task, budget, steps_per_epoch, baseline, chance)


class Run:
    """Feeds a detector epoch by epoch the way the monitor does, and records its findings.

    Each `epoch(...)` appends the epoch's step losses and EpochRecord, then (when the
    detector says a check is due) a CheckRecord, and calls `detect`.
    """

    def __init__(self, detector: Detector, history: TrainingHistory) -> None:
        self.detector = detector
        self.history = history
        self.findings: list[Finding | None] = []

    @property
    def epoch_index(self) -> int:
        return self.history.epochs_done

    def epoch(
        self,
        losses: float | Sequence[float] | None = None,
        logs: dict[str, float] | None = None,
        checks_per_epoch: int = 1,
        **check_kwargs: object,
    ) -> Finding | None:
        """One epoch: `losses` per step (a float: every step), then the epoch-end check."""
        h, epoch = self.history, self.epoch_index
        steps = h.steps_per_epoch
        if losses is None:
            losses = 0.5
        values = [float(losses)] * steps if isinstance(losses, int | float) else list(losses)
        assert len(values) == steps, "one loss per step"
        logs = dict(logs or {})
        finite = [v for v in values if math.isfinite(v)]
        logs.setdefault("loss", float(np.mean(finite)) if len(finite) == steps else math.nan)
        found: Finding | None = None
        chunk = math.ceil(steps / checks_per_epoch)
        for start in range(0, steps, chunk):
            h.step_losses.extend(values[start : start + chunk])
            at_end = start + chunk >= steps
            if at_end:
                h.epochs.append(EpochRecord(epoch, h.steps_done, logs))
            if self.detector.check_due(h, epoch, at_end):
                h.checks.append(check(epoch, h.steps_done, **check_kwargs))  # type: ignore[arg-type]
                found = self.detector.detect(h)
                if found is not None and not at_end:
                    break
        self.findings.append(found)
        return found

    def first(self) -> Finding | None:
        return next((f for f in self.findings if f is not None), None)


def accuracy_logs(acc: float, val_acc: float | None = None, loss: float = 0.5) -> dict[str, float]:
    """Keras-style epoch logs of a classifier."""
    return {
        "loss": loss,
        "accuracy": acc,
        "val_loss": loss,
        "val_accuracy": acc if val_acc is None else val_acc,
    }


def curve(fn: Callable[[float], float], epoch: int, steps_per_epoch: int) -> list[float]:
    """One epoch of step losses from a function of (fractional) epochs trained."""
    return [fn(epoch + (i + 1) / steps_per_epoch) for i in range(steps_per_epoch)]


def noisy(values: Sequence[float], scale: float, seed: int = 0) -> list[float]:
    """Values times (1 + Gaussian noise of the given relative scale), seeded, kept positive."""
    rng = np.random.default_rng(seed)
    out = np.asarray(values, dtype=np.float64) * (1.0 + scale * rng.standard_normal(len(values)))
    return [float(v) for v in np.maximum(out, 1e-6)]
