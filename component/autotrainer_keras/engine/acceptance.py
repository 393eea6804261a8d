"""What a candidate must beat: the original's best score with the acceptance margins, and
the tie-break by a lower loss (the pure rules are `policy.acceptance_target`,
`policy.final_margin` and `policy.judge`; this reads them off the job's attempts)."""

from __future__ import annotations

from autotrainer_keras.config.repair import RepairConfig
from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.repair import policy

CHANCE_TIE = 0.01
"""A tie at the original's best accuracy is broken by a lower loss only when that accuracy is
more than this above chance (the majority class's): a candidate back at chance with a
slightly lower loss is no repair (test lstm_text--batch_full: 0.5617, the class prior)."""


def lower_loss(original: AttemptResult | None, candidate: AttemptResult) -> bool:
    """The candidate's best validation loss is below the original's (tasks with an accuracy:
    `policy.judge` breaks a tie at the target with it), and the original's best accuracy is
    above chance (`CHANCE_TIE`)."""
    if original is None or not candidate.history.task.has_accuracy:
        return False
    chance = original.history.chance_accuracy
    if chance is not None and original.best_score <= chance + CHANCE_TIE:
        return False
    return candidate.best_val_loss < original.best_val_loss


def acceptance_target(original: AttemptResult, cfg: RepairConfig) -> float:
    """The score a candidate must beat (`policy.acceptance_target`): the original's best
    validation accuracy (by `repair.accept_margin_stopped` more when its detection stopped it
    before its budget), or, judged by loss, a meaningful fall of its best validation loss to
    below the constant predictor's."""
    by_loss = not original.history.task.has_accuracy
    margin = cfg.accept_margin
    if not by_loss and original.epochs_run < original.spec.epochs:
        margin = max(margin, cfg.accept_margin_stopped)
    return policy.acceptance_target(
        original.best_score, margin, by_loss=by_loss,
        baseline_loss=original.history.baseline_loss, min_loss_gain=cfg.min_loss_gain,
    )  # fmt: skip


def final_margin(original: AttemptResult, cfg: RepairConfig) -> float:
    """`policy.final_margin` of the job's original: a meaningful gain, the larger of
    `accept_margin` and `accept_margin_stopped` of accuracy, or `min_loss_gain` of its loss."""
    by_loss = not original.history.task.has_accuracy
    margin = max(cfg.accept_margin, cfg.accept_margin_stopped)
    return policy.final_margin(original.best_score, by_loss, margin, cfg.min_loss_gain)
