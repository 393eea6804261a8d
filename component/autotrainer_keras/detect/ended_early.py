"""Training ended before its budget by another callback (EarlyStopping): judged once more.

The rules give a model time in proportion to its epoch budget (slow convergence waits for
`sc_patient_budget` of it, and a loss on its way down may still make it in the epochs left).
When a callback stops training early, those epochs never come: the model the user gets is
the one at the last check. So the last check is judged again as if the budget had been the
epochs trained; a model early-stopped at chance level is then named, not passed over.
"""

from __future__ import annotations

import math
from dataclasses import replace

from autotrainer_keras.config.detection import DefaultThresholds
from autotrainer_keras.detect.default_curves import slow_convergence_rule
from autotrainer_keras.detect.detector import Detector
from autotrainer_keras.detect.rule import RuleInput
from autotrainer_keras.detect.signals import loss_signals
from autotrainer_keras.detect.text import logged, num
from autotrainer_keras.measure.curve_slope import relative_fall
from autotrainer_keras.measure.history import TrainingHistory
from autotrainer_keras.problems import Finding, SetupProblem

RECENT_EPOCHS = 4
"""The last epochs whose validation losses give the pace at the stop."""


def ended_early_finding(detector: Detector, history: TrainingHistory) -> Finding | None:
    """The finding at the last check with the budget cut to the epochs trained, or None when
    training ran its whole budget (every check was judged as it came) or nothing was checked."""
    done, budget = history.epochs_done, history.epochs_budget
    if not history.checks or done == 0 or done >= budget:
        return None
    finding = detector.detect(replace(history, epochs_budget=done))
    if finding is None:
        return None
    return replace(
        finding,
        evidence={**finding.evidence, "epochs_budget": float(budget), "epochs_run": float(done)},
        reason=f"{finding.reason} (Judged when training stopped after {done} of {budget} "
        "epochs.)",
    )


def cut_while_falling(history: TrainingHistory, t: DefaultThresholds) -> Finding | None:
    """`small_budget` when another callback ended training before its budget right after a
    new best validation loss (`cut_while_falling` below the best before it) with the loss
    still falling by `cut_while_falling` of its level per epoch over the last epochs: the
    model stopped on its way down, however good it already was. Two epochs are enough (an
    `EarlyStopping(mode="max")` on `val_loss` with `patience=1` stops the second: practice
    batch 46, 2 of 60 epochs). None otherwise (a positive loss is needed to read shares of
    it)."""
    done, budget = history.epochs_done, history.epochs_budget
    losses = [v for v in logged(history.epochs, "val_loss") if math.isfinite(v)]
    if done == 0 or done >= budget or len(losses) < 2:
        return None
    last, before = losses[-1], min(losses[:-1])
    fall = relative_fall(losses[-RECENT_EPOCHS:])
    if before <= 0 or last > before * (1 - t.cut_while_falling):
        return None
    if not (math.isfinite(fall) and fall >= t.cut_while_falling):
        return None
    return Finding(
        problem=SetupProblem.SMALL_BUDGET,
        epoch=max(0, done - 1),
        step=history.checks[-1].step if history.checks else 0,
        layer=None,
        evidence={"epochs_run": float(done), "epochs_budget": float(budget),
                  "val_loss": last, "previous_best_val_loss": before,
                  "val_loss_fall_per_epoch": fall},  # fmt: skip
        thresholds={"cut_while_falling": t.cut_while_falling},
        reason=(
            f"Training was stopped by a callback after {done} of {budget} epochs right after "
            f"a new best validation loss ({num(last)} against {num(before)} before it), "
            f"falling {num(100 * fall)} % of its level per epoch: the model was still "
            "learning. An EarlyStopping whose monitor does not follow this gain (an accuracy "
            "of a regression, a metric that does not move) or whose min_delta is larger than "
            "the loss's epoch-to-epoch gain stops it too early; monitor val_loss, lower "
            "min_delta."
        ),
    )


def few_steps_still_falling(history: TrainingHistory, t: DefaultThresholds,
                            min_steps: int) -> Finding | None:  # fmt: skip
    """`small_budget` when the whole training took fewer than `min_steps` optimizer steps
    (the pre-flight's small-budget threshold) over `few_steps_min_epochs` epochs or more, and
    ended with the validation loss (the
    training loss without validation data) still falling by `few_steps_min_fall` of its
    level per epoch over the last epochs, its best loss less than `few_steps_max_progress` of
    the way below the constant predictor's: the pre-flight suspicion of too few steps,
    confirmed by the training itself (a `steps_per_epoch` of 3 on a repeated dataset,
    practice batch 18). None otherwise."""
    steps, done = history.steps_done, history.epochs_done
    key = "val_loss" if logged(history.epochs, "val_loss") else "loss"
    losses = [v for v in logged(history.epochs, key) if math.isfinite(v)]
    if steps == 0 or steps >= min_steps:
        return None
    if done < max(3, t.few_steps_min_epochs):
        return _tiny_budget(history, t, min_steps)
    fall = relative_fall(losses[-RECENT_EPOCHS:])
    if len(losses) < 3 or not (math.isfinite(fall) and fall >= t.few_steps_min_fall):
        return None
    sig = loss_signals(history, t) if history.checks else None
    if sig is None or sig.progress >= t.few_steps_max_progress:
        return None
    return _small_budget(
        history,
        {f"{key}_fall_per_epoch": fall, "progress": sig.progress},
        {"min_steps": float(min_steps), "few_steps_min_fall": t.few_steps_min_fall,
         "few_steps_max_progress": t.few_steps_max_progress},  # fmt: skip
        f"{'validation ' if key == 'val_loss' else ''}loss was still falling "
        f"{num(100 * fall)} % of its level per epoch at the end: too few steps to learn. "
        "Train more epochs, use smaller batches, or a steps_per_epoch that covers the "
        "data (len(x) // batch_size, not the batched dataset's length // batch_size).",
    )


def _small_budget(history: TrainingHistory, evidence: dict[str, float],
                  thresholds: dict[str, float], what: str) -> Finding:  # fmt: skip
    """The `small_budget` finding of a whole training of few steps: its steps and epochs
    lead the evidence and the reason, `what` says what else was read."""
    steps, done = history.steps_done, history.epochs_done
    return Finding(
        problem=SetupProblem.SMALL_BUDGET,
        epoch=max(0, done - 1),
        step=steps,
        layer=None,
        evidence={"steps": float(steps), "epochs_run": float(done), **evidence},
        thresholds=thresholds,
        reason=f"The whole training took only {steps} optimizer steps ({done} epochs) and its "
        + what,
    )


def _tiny_budget(history: TrainingHistory, t: DefaultThresholds, min_steps: int
                 ) -> Finding | None:  # fmt: skip
    """`small_budget` for a training too short for a trend (fewer epochs than
    `few_steps_min_epochs`) of at most `few_steps_tiny` of `min_steps` optimizer steps whose
    best loss got less than half `few_steps_max_progress` of the way below the constant
    predictor's: one epoch of 8 steps learns little of most tasks."""
    sig = loss_signals(history, t) if history.checks else None
    if history.steps_done > t.few_steps_tiny * min_steps or sig is None:
        return None
    if sig.progress >= t.few_steps_max_progress / 2:
        return None
    return _small_budget(
        history,
        {"progress": sig.progress},
        {"min_steps": float(min_steps), "few_steps_tiny": t.few_steps_tiny,
         "few_steps_max_progress": t.few_steps_max_progress / 2},  # fmt: skip
        f"best loss got {sig.progress:.0%} of the way below the constant predictor's: too "
        "few steps to learn. Train more epochs or use smaller batches.",
    )


def at_chance_at_the_end(history: TrainingHistory, t: DefaultThresholds) -> Finding | None:
    """Slow convergence at the last check of a training that ran its whole budget, with the
    validation accuracy still near chance (|chance lift| < chance_margin): named without
    the next check that persistence waits for (there is none), and without the waiting of
    a plateau whose predictions spread out (the budget is spent: the model the user gets
    learned nothing that carries to new rows). Practice batch 18's event code masked as
    padding: at chance for its 6 epochs, SC at epochs 1 and 5, the spreading predictions
    (the training rows memorised) held it in between. None otherwise (no accuracy, budget
    not spent, fewer than `at_chance_min_epochs` epochs, or the rule quiet)."""
    done, budget = history.epochs_done, history.epochs_budget
    if not history.checks or done < max(1, t.at_chance_min_epochs) or done < budget:
        return None
    sig = loss_signals(history, t)
    if sig is None or sig.chance_lift is None or abs(sig.chance_lift) >= t.chance_margin:
        return None
    spent = t.model_copy(update={"stall_spread_growth": math.inf})  # no plateau to wait out
    finding = slow_convergence_rule(RuleInput(history, history.checks[-1], sig, spent))
    if finding is None:
        return None
    return replace(finding, reason=f"{finding.reason} (Judged at the end of the budget, at "
                                   "chance: no later check to wait for.)")  # fmt: skip
