"""Withdrawing a pre-flight suspicion its retraining disproved (`repair.policy.withdraws`).

A learning rate 100x the optimizer's usual one, or a budget of a few steps, is named before
the first step, in milliseconds; whether it harms this model is only known by training. When
the original's training showed no problem of its own, the suspicion's fix (`lr_default`,
`batch`) is trained like any repair; if no candidate beats the original, the suspicion was
wrong for this model: it leaves the detections (report.json `withdrawn` keeps it, with what
the retraining measured), the job is healthy and keeps the original (a candidate within the
acceptance margin of it does not replace it), and the MLflow runs and the registered
original say so. A candidate the repair's time budget stopped half-trained is no verdict
(`Deadline`, `cut_by_time_budget`), and one that showed another problem disproves nothing
when it still beat the acceptance target.
"""

from __future__ import annotations

from autotrainer_keras.engine.acceptance import acceptance_target
from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.engine.attempt_summary import summarize
from autotrainer_keras.engine.context import JobContext
from autotrainer_keras.engine.repair_loop import RepairAttempt, RepairOutcome
from autotrainer_keras.record.report_model import ReportBuilder, Withdrawn
from autotrainer_keras.repair import policy


def withdraw_if_disproved(
    ctx: JobContext, builder: ReportBuilder, original: AttemptResult, outcome: RepairOutcome
) -> bool:
    """Withdraw the original's findings when `policy.withdraws` says so; the job then keeps
    the original (or its continuation, when better): a candidate the acceptance rule judged
    no better does not replace the user's model. True when it did."""
    target = acceptance_target(original, ctx.config.repair)
    judged = [a for a in outcome.attempts if "cut_by_time_budget" not in a.result.extra]
    if not policy.withdraws(original.findings, judged, outcome.solved, outcome.stop_reason, target):
        return False
    kept = [original, *([outcome.continued] if outcome.continued is not None else [])]
    outcome.final = policy.choose_final(original, kept, [], paper=False)
    why = _why(original, judged)
    withdrawn = [Withdrawn(finding, why) for finding in original.findings]
    original.findings.clear()
    builder.findings_withdrawn(withdrawn)
    ctx.recorder.findings_withdrawn(summarize(original), withdrawn)
    return True


def _why(original: AttemptResult, attempts: list[RepairAttempt]) -> str:
    """One sentence: training showed nothing, and the fix retrained was no better."""
    judged = [a for a in attempts if a.outcome in policy.VERDICTS]
    best = max(judged, key=lambda a: a.result.score)
    metric = "validation accuracy" if original.history.task.has_accuracy else "validation loss"
    sign = 1.0 if original.history.task.has_accuracy else -1.0
    return (
        f"training showed no problem, and retrained with `{best.solution}` the model "
        f"reached a best {metric} of "
        f"{sign * best.result.best_score:.4g} against the original's "
        f"{sign * original.best_score:.4g}: the setting was not what held it back"
    )
