"""Turning attempt results into the report.json document (schema: schemas/report.schema.json)."""

from __future__ import annotations

from typing import Any

from autotrainer_keras.engine.attempt import AttemptResult
from autotrainer_keras.record.summary import AttemptSummary, RepairChoice
from autotrainer_keras.version import __version__

SCHEMA_VERSION = 1


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
    return AttemptSummary(
        attempt=result.name,
        val_accuracy=result.val_accuracy,
        val_loss=result.val_loss,
        epochs_run=result.epochs_run,
        seconds=result.seconds,
        detections=tuple(result.findings),
        outcome=outcome,
        choice=choice,
    )


def attempt_summary(result: AttemptResult) -> dict[str, Any]:
    """report.json's training block of one attempt."""
    return summarize(result).training_dict()


def base_report(
    *, command: str, profile: str, task: str, model_file: dict[str, str], data_file: str
) -> dict[str, Any]:
    """The report's frame; the job fills it in as it goes, so a failure still has content."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "autotrainer", "version": __version__},
        "command": command,
        "status": "running",
        "profile": profile,
        "task": task,
        "interrupted": False,
        "model_file": model_file,
        "data_file": data_file,
        "detections": [],
        "original": None,
        "repairs": [],
        "final": None,
        "timing": {},
        "warnings": [],
        "curves": {},
        "mlflow": None,
    }
