"""An attempt's result (with its Keras model) as the typed records the report and the tracking
show: its `AttemptSummary` (record.summary) and its curves. The report itself is built by
`record.report_model.ReportBuilder`."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from autotrainer_keras.record.summary import AttemptSummary, RepairChoice

if TYPE_CHECKING:  # reads results only: no Keras import here
    from autotrainer_keras.engine.attempt import AttemptResult


def curves(result: AttemptResult) -> dict[str, Any]:
    """Per-epoch logs and per-check layer statistics of one attempt, for plots and HTML."""
    history = result.history
    return {
        "epochs": [record.logs for record in history.epochs],
        "checks": [
            {
                "epoch": check.epoch,
                "step": check.step,
                "grad_norm": {s.layer: s.grad_norm for s in check.layers if s.kind != "Activation"},
                "dead_fraction": {
                    s.layer: s.dead_fraction for s in check.layers if s.dead_fraction is not None
                },
            }
            for check in history.checks
        ],
    }


def summarize(
    result: AttemptResult, outcome: str | None = None, choice: RepairChoice | None = None
) -> AttemptSummary:
    """The one shape of an attempt (record.summary) from what its training produced."""
    accuracy = result.history.task.has_accuracy
    return AttemptSummary(
        attempt=result.name,
        val_accuracy=result.val_accuracy,
        val_loss=result.val_loss,
        epochs_run=result.epochs_run,
        seconds=result.seconds,
        detections=tuple(result.findings),
        outcome=outcome,
        choice=choice,
        score=result.score if math.isfinite(result.score) else None,
        best_val_accuracy=result.best_score if accuracy else None,
        best_val_loss=None if accuracy else -result.best_score,
    )


def continued_summary(original: AttemptResult, continued: AttemptResult) -> AttemptSummary:
    """The original trained on to its full budget (epochs counted from the original's start)."""
    summary = summarize(continued)
    return replace(summary, epochs_run=original.epochs_run + continued.epochs_run)
