"""The data's ceiling: a network as far below the constant predictor as an off-the-shelf model
gets on the same rows has not converged slowly, whatever the share.

Slow convergence's "learned next to nothing" is a fixed share of the way below the constant
predictor (`sc_progress`). A task whose inputs carry less than that (a monthly churn hazard, a
click model near its base rate, a low-R^2 regression) stalls below it when healthy: practice
batch 33's churn hazard (val loss 0.218 against 0.234, AUC 0.74) and batch 32's click model
(0.582 against 0.634) were both called slow. `history.reference_progress` is how far
off-the-shelf models (logistic or ridge regression, gradient-boosted trees) fitted on the
same rows get on held-out rows (`measure.reference_fit`): a network whose own held-out
progress is about as far along is at the data's ceiling. Measured lazily
(`detect_with_ceiling`): only when a finding it gates is due (`wants_ceiling`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.gradients import median_update_ratio
from autotrainer_keras.detect.signals import LossSignals
from autotrainer_keras.detect.text import logged
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding, Problem

GATED_EVIDENCE = "not_updated_params"
"""The evidence key of the other finding the ceiling gates (`detect.not_updated`: layers the
training step leaves at their initial values cost a network at the ceiling nothing)."""


def wants_ceiling(finding: Finding) -> bool:
    """The finding stands only below the data's ceiling: slow convergence, or layers the
    training step does not update (`GATED_EVIDENCE`)."""
    return finding.problem is Problem.SLOW_CONVERGENCE or GATED_EVIDENCE in finding.evidence


def held_out_progress(history: TrainingHistory, sig: LossSignals) -> float:
    """The best validation loss's share of the way below the baseline (held out, as the
    reference's); the signals' progress when no validation loss is logged."""
    val = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    if not val:
        return sig.progress
    return (sig.baseline - min(val)) / sig.scale


def at_data_ceiling(history: TrainingHistory, sig: LossSignals, t: DefaultThresholds) -> bool:
    """The reference gets at least sc_ceiling_signal of the way below the constant predictor
    and the network's held-out progress (`held_out_progress`) is at least sc_ceiling_share of
    the reference's (pure; False while the reference is unknown). Held out, as the
    reference's: training rows memorised while the validation loss stays at the constant
    predictor's (held-out validation sequences given reversed: 0.8 of the way on their
    training rows, about 0 on validation) are no ceiling reached."""
    reference = history.reference_progress
    if reference is None or sig.baseline_is_start or reference < t.sc_ceiling_signal:
        return False
    return held_out_progress(history, sig) >= t.sc_ceiling_share * reference


def crawling_from_the_start(history: TrainingHistory, t: DefaultThresholds) -> bool:
    """Every check after the first epoch with a measured update ratio (two or more) moved the
    weights by less than sc_small_update x their norm per step (median over the layers that
    moved: layers a `train_step` leaves still are `detect.not_updated`'s), and
    sc_min_budget of the budget is trained: steps too small from the first epoch on (a
    schedule whose boundaries were given in epochs, its rate 1e-5 from step 20; weights
    overwritten by their moving average every step), not a schedule that decayed late (cosine
    to zero: small steps at the end only)."""
    trained = history.steps_done / max(1, history.steps_per_epoch)
    if trained < t.sc_min_budget * history.epochs_budget:
        return False
    measured = 0
    for check in history.checks:  # stops at the first step of normal size: one per call
        ratio = median_update_ratio(check, moving_only=True) if check.epoch >= 1 else None
        if ratio is None:
            continue
        if ratio >= t.sc_small_update:
            return False
        measured += 1
    return measured >= 2


def projected_short_of_ceiling(
    history: TrainingHistory, sig: LossSignals, t: DefaultThresholds
) -> float | None:
    """The network's held-out progress at the end of the budget at its recent pace
    (`held_out_progress` + the signals' best recent rate x the epochs left: optimistic for a
    curve that slows down) when that is below sc_ceiling_share x a reference of
    sc_ceiling_signal or more; None otherwise (reference unknown, or within reach)."""
    reference = history.reference_progress
    if reference is None or sig.baseline_is_start or reference < t.sc_ceiling_signal:
        return None
    projected = held_out_progress(history, sig) + max(sig.rate or 0.0, 0.0) * sig.remaining_epochs
    return projected if projected < t.sc_ceiling_share * reference else None


class Detects(Protocol):
    """What `detect_with_ceiling` asks of a detector (`detect.detector.Detector`, which
    imports this module's rules: named here by what it does, no import circle)."""

    def detect(self, history: TrainingHistory) -> Finding | None: ...

    def wants_reference(self, history: TrainingHistory) -> bool: ...


def detect_with_ceiling(
    detector: Detects, history: TrainingHistory, reference: Callable[[], float | None] | None
) -> Finding | None:
    """`detector.detect(history)`; when that is a finding the ceiling gates
    (`wants_ceiling`) and the history has no reference yet, the reference measured
    (`reference()`, once: it keeps its reading) into the history and the detector asked
    again. Measured before detecting when the detector wants it (`wants_reference`: slow
    convergence's reading of steps too small to reach it)."""
    if reference is not None and history.reference_progress is None and (
        detector.wants_reference(history)
    ):
        history.reference_progress = reference()  # a rule reads it before any finding
    finding = detector.detect(history)
    if (finding is None or not wants_ceiling(finding) or reference is None
            or history.reference_progress is not None):  # fmt: skip
        return finding
    history.reference_progress = reference()
    return finding if history.reference_progress is None else detector.detect(history)
