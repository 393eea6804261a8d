"""How a candidate's training ends early: the repair's time budget (`Deadline`), patience
(Keras' EarlyStopping on the validation loss) and convergence (`ConvergedStop`,
`policy.converged`); and the clock the budget runs on."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from typing import Any

import keras

from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.measure.curve_slope import theil_sen_slope
from autotrainer_keras.measure.log_names import canonical_logs
from autotrainer_keras.repair import policy


def validation_values(logs: Any) -> tuple[float, float]:
    """An epoch's validation loss and accuracy from Keras' logs (NaN where absent)."""
    values = canonical_logs(logs)
    return values.get("val_loss", math.nan), values.get("val_accuracy", math.nan)


class Deadline(keras.callbacks.Callback):
    """Stops a candidate when the repair's time budget is spent (on `clock`), unless it is on
    track: it would be accepted now (its validation score beats `target`), or its last
    epoch's gain, kept up over its remaining epochs, would carry it past the target. A
    candidate that will be the final model trains its budget (or until `ConvergedStop` ends
    it), never cut half-trained by the clock (test lstm_text--batch_full: a candidate cut
    after 1 of 10 epochs was accepted at 0.59 where plain training reaches 0.66).

    Its first epoch is never cut (one score has no trend, and that epoch also paid for
    building and tracing the candidate): on a loaded CI machine the budget ran out at the
    end of the first epoch of the digits MLP's relu candidate, at 0.54 against a target of
    0.61, one epoch before it reached 0.85. The budget is overrun by one epoch at most."""

    keeps_weights = True  # it only stops training (`engine.validated`)

    def __init__(
        self,
        deadline: float,
        target: float = math.inf,
        by_loss: bool = False,
        clock: Callable[[], float] = time.process_time,
    ) -> None:
        super().__init__()
        self._deadline, self._target, self._by_loss = deadline, target, by_loss
        self._clock = clock
        self._last: float | None = None  # the previous epoch's score
        self.cut_after: int | None = None  # epochs trained when it stopped the candidate

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        loss, accuracy = validation_values(logs)
        score = -loss if self._by_loss else accuracy
        last, self._last = self._last, score
        if self._clock() < self._deadline:
            return
        if last is None and math.isfinite(score):
            return  # the first epoch: no trend yet
        left = max(0, int((self.params or {}).get("epochs", epoch + 1)) - epoch - 1)
        reach = score + (score - last) * left if last is not None else score
        if not (score > self._target or reach > self._target):  # NaN: not on track either
            self.model.stop_training = True
            self.cut_after = epoch + 1


def cut_by_clock(callbacks: Sequence[keras.callbacks.Callback]) -> int | None:
    """The epochs a candidate had trained when its `Deadline` stopped it; None when the clock
    did not. A candidate cut half-trained reached no verdict on its repair: it is no
    evidence against a pre-flight suspicion (`engine.withdrawal`)."""
    return next((c.cut_after for c in callbacks if isinstance(c, Deadline) and c.cut_after), None)


def full_training_seconds(original: AttemptResult, cpu: bool = False) -> float:
    """Estimated time of one full training of the original (it may have stopped early): wall
    time, or (`cpu`) this process's CPU time."""
    seconds = original.cpu_seconds if cpu else original.seconds
    return seconds / max(1, original.epochs_run) * original.spec.epochs


def repair_clock(original: AttemptResult) -> Callable[[], float]:
    """The clock the repair's time budget runs on: this process's CPU time when the
    original's was measured, so the load of other processes (a busy CI machine, a shared
    node) does not cut a candidate that a quiet machine would train; else wall time (a
    scale-out task's stand-in original, timed in another process)."""
    return time.process_time if original.cpu_seconds > 0 else time.perf_counter


class Patience(keras.callbacks.EarlyStopping):
    """Keras' EarlyStopping on the validation loss, best weights kept, that does not stop a
    candidate whose validation loss is coming back down toward its best: `patience` epochs
    without a new best, but the robust (Theil-Sen) slope of the losses since that best,
    carried on over the epochs left, ends below it. A lucky early epoch set the best and the
    curve is still falling (practice batch 70: an input-convex network with BatchNorm, 0.506
    at its first epoch, then 0.725, 0.837, 0.796, 0.705, 0.666, 0.77, stopped and kept at
    0.506 where plain training of the faulty original reaches 0.220). An overfitting or
    settled curve stops as with Keras'."""

    def __init__(self, patience: int) -> None:
        super().__init__(monitor="val_loss", patience=patience, restore_best_weights=True,
                         verbose=0)  # fmt: skip
        self._since_best: list[float] = []

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        already = bool(self.model.stop_training)
        best = self.best
        super().on_epoch_end(epoch, logs)
        current = self.get_monitor_value(logs)
        if current is None:
            return
        self._since_best = [] if self.best != best else [*self._since_best, float(current)]
        if self.model.stop_training and not already and self._coming_back(epoch):
            self.model.stop_training, self.stopped_epoch = False, 0

    def _coming_back(self, epoch: int) -> bool:
        losses = self._since_best
        if len(losses) < 3 or not all(math.isfinite(v) for v in losses):
            return False
        left = int((self.params or {}).get("epochs", epoch + 1)) - epoch - 1
        slope = theil_sen_slope(losses)
        return slope < 0 and losses[-1] + slope * left < float(self.best)


def patience_callbacks(ctx: JobContext) -> list[keras.callbacks.Callback]:
    patience = ctx.config.repair.patience
    return [Patience(patience)] if patience else []


class ConvergedStop(keras.callbacks.Callback):
    """Stops a candidate that would be accepted now once the rest of its budget would add
    little (`policy.converged`); kept across a screened candidate's segments.

    The score it would end with: with `restores_best` (patience on: its best weights by
    validation loss are restored at the end), the score of the epoch with the lowest
    validation loss so far; otherwise the last epoch's.
    """

    keeps_weights = True  # it only stops training (`engine.validated`)

    def __init__(
        self, target: float, by_loss: bool, budget: int, cfg: RepairConfig, restores_best: bool
    ) -> None:
        super().__init__()
        self._target, self._by_loss, self._budget = target, by_loss, budget
        self._cfg, self._restores_best = cfg, restores_best
        self._losses: list[float] = []
        self._accuracies: list[float] = []
        self._kept = (math.inf, -math.inf)  # (val loss, score) of the weights it would end with

    def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
        loss, accuracy = validation_values(logs)
        score = -loss if self._by_loss else accuracy
        self._losses.append(loss)
        self._accuracies.append(accuracy)
        if not self._restores_best or loss < self._kept[0]:
            self._kept = (loss, score)
        cfg = self._cfg
        if policy.converged(
            self._losses, self._kept[1], self._target, cfg.more_epochs_window,
            remaining=self._budget - (epoch + 1), max_fall=cfg.converged_max_fall,
            val_accuracies=() if self._by_loss else self._accuracies,
            max_gain=cfg.converged_max_gain,
        ):  # fmt: skip
            self.model.stop_training = True


def converged_callbacks(
    ctx: JobContext, target: float, budget: int
) -> list[keras.callbacks.Callback]:
    """The early stop of a converged candidate (`repair.stop_converged`, default profile)
    whose epoch budget is `budget`."""
    cfg = ctx.config.repair
    if not cfg.stop_converged:
        return []
    by_loss = not ctx.task.has_accuracy
    return [ConvergedStop(target, by_loss, budget, cfg, restores_best=cfg.patience > 0)]
