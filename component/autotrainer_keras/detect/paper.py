"""The `paper` profile: AutoTrainer's detection exactly as its public code does it.

Checks run at the ends of epochs 0, 3, 6, ... on one fixed batch. At each check:

1. NaN/Inf in the loss, val loss, weights or gradients, or a last val loss >= 1e5: exploding
   gradient, at once (no gate, no wait).
2. Gradient symptoms are counted at every check from epoch 0 (sticky): dying ReLU
   (zero-gradient fraction >= gamma), exploding (grad_ratio > beta_3), vanishing
   (grad_ratio < beta_1 and first-kernel norm < beta_2).
3. From the judgment point on (epochs done >= judgment_point x budget), accuracy symptoms are
   set, each sticky: the gate "not converged" (best val or best train accuracy < Theta), slow
   convergence (largest one-epoch rise of train and of val accuracy both < delta), oscillation
   (train accuracy oscillates >= eta x epochs times by >= zeta).
4. Decision: gate open or slow convergence -> dying ReLU > exploding > vanishing > slow
   convergence; otherwise -> oscillating loss. The first decision is kept for the run.

Regression models (no accuracy) only get step 1: the paper has no other rule for them. The
same holds for classifiers whose logs carry no accuracy metric.

The detector is pure: every call folds the rules over the history's checks again, so the
sticky state needs no hidden memory and a new run simply starts with a new history.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from autotrainer_keras.config.detection import PaperThresholds
from autotrainer_keras.detect.gradients import gradient_summary, gradients_nonfinite
from autotrainer_keras.detect.paper_rules import max_rise, oscillation_count
from autotrainer_keras.detect.text import accuracy_key, all_finite, logged, num
from autotrainer_keras.measure.history import CheckRecord, EpochRecord, TrainingHistory
from autotrainer_keras.problems import Finding, Problem

log = logging.getLogger(__name__)


@dataclass
class _Symptoms:
    """Sticky symptoms: the evidence of the check where each was first seen."""

    dying: dict[str, float] | None = None
    exploding: dict[str, float] | None = None
    vanishing: dict[str, float] | None = None
    gradient_layer: str | None = None
    gate_open: dict[str, float] | None = None
    slow: dict[str, float] | None = None
    oscillating: dict[str, float] | None = None


class PaperDetector:
    """AutoTrainer's detection (spec sections 1-3), thresholds from `PaperThresholds`."""

    gradient_source = "probe"

    def __init__(self, thresholds: PaperThresholds | None = None) -> None:
        self.t = thresholds or PaperThresholds()

    def check_due(self, history: TrainingHistory, epoch: int, at_epoch_end: bool) -> bool:
        """Only at the end of epochs 0, 3, 6, ... (epoch % check_period_epochs == 0)."""
        return at_epoch_end and epoch % self.t.check_period_epochs == 0

    def wants_reference(self, history: TrainingHistory) -> bool:
        """The paper's rules never read the data's ceiling."""
        return False

    def detect(self, history: TrainingHistory) -> Finding | None:
        """The first problem the paper's code would report on this history, or None."""
        symptoms = _Symptoms()
        for check in self._paper_checks(history):
            epochs = [r for r in history.epochs if r.epoch <= check.epoch]
            finding = self._determine(symptoms, check, epochs, history)
            if finding is not None:
                return finding
        if not history.task.has_accuracy:
            log.debug("paper profile: regression model, only NaN/Inf rules apply; none fired")
        return None

    def _paper_checks(self, history: TrainingHistory) -> list[CheckRecord]:
        """The last check of each finished epoch that is a paper check epoch, in order."""
        finished = {r.epoch for r in history.epochs}
        by_epoch: dict[int, CheckRecord] = {}
        for check in history.checks:
            if check.epoch in finished and check.epoch % self.t.check_period_epochs == 0:
                by_epoch[check.epoch] = check
        return [by_epoch[e] for e in sorted(by_epoch)]

    def _determine(
        self,
        s: _Symptoms,
        check: CheckRecord,
        epochs: list[EpochRecord],
        history: TrainingHistory,
    ) -> Finding | None:
        nan = self._nan_finding(check, epochs)
        if nan is not None:
            return nan
        self._gradient_symptoms(s, check)
        if self._past_judgment(epochs, history):
            self._accuracy_symptoms(s, epochs, history)
        if s.gate_open is not None or s.slow is not None:
            for problem, seen in (
                (Problem.DYING_RELU, s.dying),
                (Problem.EXPLODING_GRADIENT, s.exploding),
                (Problem.VANISHING_GRADIENT, s.vanishing),
                (Problem.SLOW_CONVERGENCE, s.slow),
            ):
                if seen is not None:
                    return self._finding(problem, check, s, seen)
            return None
        if s.oscillating is not None:
            return self._finding(Problem.OSCILLATING_LOSS, check, s, s.oscillating)
        return None

    def _nan_finding(self, check: CheckRecord, epochs: list[EpochRecord]) -> Finding | None:
        losses = logged(epochs, "loss")
        val_losses = logged(epochs, "val_loss")
        nonfinite = gradients_nonfinite(check) or not all_finite(losses + val_losses)
        last_val = val_losses[-1] if val_losses else math.nan
        huge = math.isfinite(last_val) and last_val >= self.t.nan_loss
        if not (nonfinite or huge):
            return None
        if nonfinite:
            reason = (
                f"NaN/Inf appeared in the loss, weights or gradients by the check of epoch "
                f"{check.epoch}."
            )
        else:
            reason = (
                f"The validation loss {num(last_val)} reached the paper's limit "
                f"{num(self.t.nan_loss)} at epoch {check.epoch}."
            )
        return Finding(
            problem=Problem.EXPLODING_GRADIENT,
            epoch=check.epoch,
            step=check.step,
            layer=None,
            evidence={"nonfinite": float(nonfinite), "val_loss": last_val},
            thresholds={"nan_loss": self.t.nan_loss},
            reason=reason,
        )

    def _gradient_symptoms(self, s: _Symptoms, check: CheckRecord) -> None:
        g = gradient_summary(check)
        if g is None:
            return
        t = self.t
        values = {
            "grad_ratio": g.ratio,
            "first_kernel_grad_norm": g.first_kernel,
            "output_kernel_grad_norm": g.output_kernel,
            "zero_grad_fraction": g.zero_fraction,
            "seen_at_epoch": float(check.epoch),
        }
        if g.ratio < t.beta_1 and g.first_kernel < t.beta_2 and s.vanishing is None:
            s.vanishing, s.gradient_layer = values, s.gradient_layer or g.first_layer
        if g.ratio > t.beta_3 and s.exploding is None:
            s.exploding, s.gradient_layer = values, s.gradient_layer or g.first_layer
        if g.zero_fraction >= t.gamma and s.dying is None:
            s.dying = values

    def _past_judgment(self, epochs: list[EpochRecord], history: TrainingHistory) -> bool:
        if not history.task.has_accuracy or accuracy_key(epochs) is None:
            return False
        return len(epochs) >= self.t.judgment_point * history.epochs_budget

    def _accuracy_symptoms(
        self, s: _Symptoms, epochs: list[EpochRecord], history: TrainingHistory
    ) -> None:
        t = self.t
        train_key = accuracy_key(epochs)
        assert train_key is not None
        acc = logged(epochs, train_key)
        val_acc = logged(epochs, "val_" + train_key) or acc
        best_train, best_val = max(acc), max(val_acc)
        rise_train, rise_val = max_rise(acc), max_rise(val_acc)
        count = oscillation_count(acc, t.zeta)
        values = {
            "best_accuracy": best_train,
            "best_val_accuracy": best_val,
            "max_rise_accuracy": rise_train,
            "max_rise_val_accuracy": rise_val,
            "oscillations": float(count),
            "epochs_done": float(len(epochs)),
            "judged_at_epoch": float(epochs[-1].epoch),
        }
        if s.gate_open is None and (best_val < t.theta or best_train < t.theta):
            s.gate_open = values
        if s.slow is None and rise_val < t.delta and rise_train < t.delta:
            s.slow = values
        if s.oscillating is None and count >= t.eta * len(acc):
            s.oscillating = values

    def _finding(
        self, problem: Problem, check: CheckRecord, s: _Symptoms, seen: dict[str, float]
    ) -> Finding:
        t = self.t
        gate = s.gate_open or {}
        evidence = {**gate, **seen}
        gate_thresholds = {"theta": t.theta, "judgment_point": t.judgment_point}
        layer = None
        if problem is Problem.DYING_RELU:
            thresholds = {"gamma": t.gamma, **gate_thresholds}
            reason = (
                f"{num(seen['zero_grad_fraction'])} of the gradient entries were exactly zero "
                f"(>= gamma {num(t.gamma)}) at epoch {int(seen['seen_at_epoch'])}"
            )
        elif problem is Problem.EXPLODING_GRADIENT:
            layer = s.gradient_layer
            thresholds = {"beta_3": t.beta_3, **gate_thresholds}
            reason = (
                f"The first/output kernel gradient ratio was {num(seen['grad_ratio'])} "
                f"(> beta_3 {num(t.beta_3)}) at epoch {int(seen['seen_at_epoch'])}"
            )
        elif problem is Problem.VANISHING_GRADIENT:
            layer = s.gradient_layer
            thresholds = {"beta_1": t.beta_1, "beta_2": t.beta_2, **gate_thresholds}
            reason = (
                f"The first/output kernel gradient ratio was {num(seen['grad_ratio'])} "
                f"(< beta_1 {num(t.beta_1)}) with first-kernel gradient norm "
                f"{num(seen['first_kernel_grad_norm'])} (< beta_2 {num(t.beta_2)}) at epoch "
                f"{int(seen['seen_at_epoch'])}"
            )
        elif problem is Problem.SLOW_CONVERGENCE:
            thresholds = {"delta": t.delta, **gate_thresholds}
            reason = (
                f"The largest one-epoch accuracy rise was {num(seen['max_rise_accuracy'])} "
                f"(train) and {num(seen['max_rise_val_accuracy'])} (val), both < delta "
                f"{num(t.delta)}, after {int(seen['epochs_done'])} epochs"
            )
        else:
            thresholds = {"zeta": t.zeta, "eta": t.eta, **gate_thresholds}
            reason = (
                f"Train accuracy swung by >= zeta {num(t.zeta)} {int(seen['oscillations'])} "
                f"times in {int(seen['epochs_done'])} epochs (>= eta {num(t.eta)} per epoch) "
                f"after reaching Theta {num(t.theta)}."
            )
            return Finding(problem, check.epoch, check.step, layer, evidence, thresholds, reason)
        if s.gate_open is not None:
            reason += (
                f", and best accuracy {num(min(gate['best_accuracy'], gate['best_val_accuracy']))}"
                f" stayed below Theta {num(t.theta)}."
            )
        else:
            reason += "."
        return Finding(problem, check.epoch, check.step, layer, evidence, thresholds, reason)
